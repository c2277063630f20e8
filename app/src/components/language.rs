//! The language switch in the header ("English" / "Tiếng Việt"), and the `hreflang` links
//! between a page and its translation (`crate::english`), kept in step with navigation.

use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let origin = super::seo_head::origin();
    move || {
        let switch = crate::english::switch_for(&location.pathname.get());
        let alternates = switch.pair.map(|(vi, en)| {
            view! {
                <Link rel="alternate" hreflang="vi" href=format!("{origin}{vi}")/>
                <Link rel="alternate" hreflang="en" href=format!("{origin}{en}")/>
                <Link rel="alternate" hreflang="x-default" href=format!("{origin}{vi}")/>
            }
        });
        view! {
            <a class="language-switch" href=switch.href hreflang=switch.lang lang=switch.lang>
                {switch.label}
            </a>
            {alternates}
        }
    }
}
