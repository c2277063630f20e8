//! Printing a page: the "In" button, the source line that only paper shows, and the print
//! view (`?in=1`) that lets a browser without JavaScript print the page without its chrome.
//! What paper leaves out is in the stylesheet (`@media print`, and the same rules under
//! `.print-view-bar`'s page).

use crate::seo::PRINT_VIEW;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// "In": with JavaScript, the browser's print dialog (`browser::chrome`); without it, the
/// page's print view.
#[component]
pub fn PrintButton(#[prop(into)] path: String, #[prop(default = "In")] label: &'static str) -> impl IntoView {
    view! { <a class="print-button" href=format!("{path}?{PRINT_VIEW}=1") rel="nofollow">{label}</a> }
}

/// "Nguồn: https://…/bai-viet/… · Ngày đăng: Thứ 2, 20/06/2022", printed under the page (and
/// shown in the print view), so a printout says where and when it came from.
pub fn print_source(path: &str, date_label: &'static str, date: String) -> impl IntoView {
    let url = format!("{}{path}", super::seo_head::origin());
    view! {
        <p class="print-source">
            "Nguồn: " <span class="print-url">{url}</span> " · " {date_label} ": " {date}
        </p>
    }
}

/// On a print view, the note on screen that says how to print it and leads back.
#[component]
pub fn PrintViewBar() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    move || {
        query.with(|q| q.get(PRINT_VIEW).is_some()).then(|| {
            view! {
                <div class="print-view-bar" role="note">
                    <p>
                        "Bản để in: dùng lệnh In của trình duyệt (Ctrl+P, hoặc ⌘P trên máy Mac) để in trang này. "
                        <a href=location.pathname.get()>"Trở lại trang"</a>
                    </p>
                </div>
            }
        })
    }
}
