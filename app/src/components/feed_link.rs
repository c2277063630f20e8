//! The `<link rel="alternate">` by which browsers and feed readers find a page's RSS feed.

use crate::feeds::Feed;
use leptos::prelude::*;
use leptos_meta::Link;

/// `name` is the category's name, for a category's feed.
pub fn feed_link(feed: Feed, name: Option<&str>) -> impl IntoView {
    view! { <Link rel="alternate" type_="application/rss+xml" title=feed.title(name) href=feed.href()/> }
}
