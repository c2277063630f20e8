use super::{describe, load_page};
use crate::api::get_page;
use crate::components::breadcrumb::Breadcrumb;
use crate::model::ContentPage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ContentPageView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("slug").unwrap_or_default(), get_page);
    load_page(data, render)
}

fn render(page: ContentPage) -> impl IntoView {
    let description = if page.description.is_empty() { page.title.clone() } else { describe(&page.description) };
    let children = (!page.children.is_empty()).then(|| view! {
        <nav class="child-pages" aria-label="Các mục trong trang này">
            <ul>
                {page.children.into_iter().map(|c| { let href = c.href(); view! { <li><a href=href>{c.title}</a></li> } }).collect_view()}
            </ul>
        </nav>
    });
    view! {
        <Title text=page.title.clone()/>
        <Meta name="description" content=description/>
        <Breadcrumb crumbs=page.crumbs/>
        <article class="content-page">
            <h1>{page.title.clone()}</h1>
            {page.is_demo.then(|| view! { <p class="demo-badge">"Nội dung minh họa"</p> })}
            <div class="page-body" inner_html=page.body_html.clone()></div>
            {children}
        </article>
    }
}
