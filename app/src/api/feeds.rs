//! The list of RSS feeds for the `/rss` page (the feeds themselves are routes of the server).

use crate::error::ApiError;
use leptos::prelude::*;

/// Every feed: (title, address).
#[server(prefix = "/api", endpoint = "feeds")]
pub async fn feed_list() -> Result<Vec<(String, String)>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::feeds::all(&pool).await)
}
