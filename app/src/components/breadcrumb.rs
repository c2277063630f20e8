use crate::model::Crumb;
use leptos::prelude::*;

/// "Trang chủ » Hoạt động » Thông tin trong tỉnh" (the » are drawn by CSS).
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Đường dẫn">
            <ol>
                {crumbs
                    .into_iter()
                    .map(|c| match c.href {
                        Some(href) => view! { <li><a href=href>{c.label}</a></li> }.into_any(),
                        None => view! { <li><span aria-current="page">{c.label}</span></li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
