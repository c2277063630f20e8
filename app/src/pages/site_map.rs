use super::load_page;
use crate::api::get_site_map;
use crate::components::breadcrumb::Breadcrumb;
use crate::model::{Category, Crumb, MenuItem, PageRef, SiteMap};
use crate::records::CALENDARS;
use crate::tree::TreeNode;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn SiteMapView() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_site_map());
    view! {
        <Title text="Sơ đồ trang"/>
        <Meta name="description" content="Sơ đồ toàn bộ các trang và chuyên mục của Cổng thông tin điện tử HĐND tỉnh Bình Dương."/>
        {load_page(data, render)}
    }
}

fn render(map: SiteMap) -> impl IntoView {
    let crumbs = vec![Crumb::home(), Crumb::current("Sơ đồ trang")];
    view! {
        <Breadcrumb crumbs/>
        <h1>"Sơ đồ trang"</h1>
        <section class="site-map" aria-labelledby="sitemap-menu">
            <h2 id="sitemap-menu">"Menu chính"</h2>
            {tree_list(map.menu, &|m: &MenuItem| (m.label.clone(), m.href.clone()))}
        </section>
        <section class="site-map" aria-labelledby="sitemap-categories">
            <h2 id="sitemap-categories">"Chuyên mục tin"</h2>
            {tree_list(map.categories, &|c: &Category| (c.name.clone(), c.href()))}
        </section>
        <section class="site-map" aria-labelledby="sitemap-pages">
            <h2 id="sitemap-pages">"Trang giới thiệu"</h2>
            {tree_list(map.pages, &|p: &PageRef| (p.title.clone(), p.href()))}
        </section>
        <section class="site-map" aria-labelledby="sitemap-records">
            <h2 id="sitemap-records">"Dữ liệu của Hội đồng"</h2>
            <ul>
                {RECORD_PAGES.iter().map(|(label, href)| view! { <li><a href=*href>{*label}</a></li> }).collect_view()}
                {CALENDARS.iter().map(|(key, label)| view! { <li><a href=format!("/lich/{key}")>{*label}</a></li> }).collect_view()}
            </ul>
        </section>
    }
}

/// The record sections, which live outside the menu's trees.
const RECORD_PAGES: &[(&str, &str)] = &[
    ("Nghị quyết HĐND các cấp", "/nghi-quyet"),
    ("Hoạt động giám sát", "/giam-sat"),
    ("Kiến nghị cử tri và trả lời", "/kien-nghi"),
    ("Đại biểu HĐND tỉnh và Đoàn ĐBQH", "/dai-bieu"),
    ("Tài liệu kỳ họp", "/tai-lieu-ky-hop"),
    ("Tìm kiếm", "/tim-kiem"),
];

fn tree_list<T>(nodes: Vec<TreeNode<T>>, link: &dyn Fn(&T) -> (String, String)) -> AnyView {
    view! {
        <ul>
            {nodes
                .into_iter()
                .map(|node| {
                    let (label, href) = link(&node.item);
                    let nested = (!node.children.is_empty()).then(|| tree_list(node.children, link));
                    view! { <li><a href=href>{label}</a>{nested}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
