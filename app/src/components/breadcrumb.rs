use crate::model::Crumb;
use leptos::prelude::*;

/// "Trang chủ » Hoạt động » Thông tin trong tỉnh" (the » are drawn by CSS), and the same as a
/// schema.org `BreadcrumbList` for search engines.
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    use crate::structured::{breadcrumb_list, server_json_ld};
    let data = server_json_ld(|| breadcrumb_list(&super::seo_head::origin(), &crumbs));
    view! {
        <script type="application/ld+json" inner_html=data></script>
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
