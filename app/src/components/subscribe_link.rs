//! The link to "Đăng ký nhận tin" for a topic, on the pages that list it (a category, the
//! resolutions, a calendar, search results).

use crate::subscriptions::Topic;
use leptos::prelude::*;

pub fn subscribe_link(topic: Topic, text: &'static str) -> impl IntoView {
    view! {
        <p class="subscribe-link"><a href=topic.subscribe_href()>{text}</a></p>
    }
}
