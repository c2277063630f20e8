//! `/rss`: every RSS feed of the portal, with a word on how to follow one.

use super::load_page;
use crate::api::feed_list;
use crate::components::breadcrumb::Breadcrumb;
use crate::model::Crumb;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn FeedsView() -> impl IntoView {
    let feeds = Resource::new(|| (), |()| feed_list());
    view! {
        <Title text="Nguồn tin RSS"/>
        <Meta name="description" content="Các nguồn tin RSS của Cổng thông tin điện tử HĐND tỉnh Bình Dương: tin tức, từng chuyên mục, nghị quyết, trả lời kiến nghị cử tri và hỏi đáp."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Nguồn tin RSS")]/>
        <h1>"Nguồn tin RSS"</h1>
        <p>
            "Sao chép địa chỉ của một nguồn tin vào trình đọc tin (Feedly, Inoreader, Thunderbird…) để nhận các mục mới nhất mà không cần mở cổng thông tin. Mỗi nguồn có 50 mục mới nhất."
        </p>
        {load_page(feeds, |feeds: Vec<(String, String)>| view! {
            <ul class="feed-list">
                {feeds.into_iter().map(|(title, href)| view! {
                    <li><a href=href.clone() type="application/rss+xml">{title}</a> " " <code>{href}</code></li>
                }).collect_view()}
            </ul>
        })}
    }
}
