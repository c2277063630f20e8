//! The canonical address of every page, and `noindex` on filtered views of lists
//! (`crate::seo`), kept in step with client-side navigation.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_location, use_query_map};

/// Where readers reach the portal: on the server the request's public origin (`PUBLIC_URL`, or
/// its Host), in the browser the page's own origin; the two are the same address.
pub fn origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::client::Client>().map(|c| c.base_url.clone()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().unwrap_or_default()
    }
}

#[component]
pub fn SeoHead() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let origin = origin();
    move || {
        let pairs: Vec<(String, String)> =
            query.with(|q| q.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        let head = crate::seo::head_for(&location.pathname.get(), &pairs);
        view! {
            <Link rel="canonical" href=format!("{origin}{}", head.canonical)/>
            {head.noindex.then(|| view! { <Meta name="robots" content="noindex, follow"/> })}
        }
    }
}
