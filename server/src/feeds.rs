//! RSS 2.0 feeds (`app::feeds`) at `/rss/…xml`, written with the `rss` crate: the newest 50
//! items with their titles, summaries, dates in RFC 822 with +0700, and their page's address
//! as a stable GUID. Each answer carries an `ETag` (a hash of the feed) and `Last-Modified`
//! (the newest change among its items), and a conditional request for an unchanged feed is
//! answered `304 Not Modified`.

use app::feeds::{Feed, FeedItem};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use sqlx::SqlitePool;

/// Feed readers may keep a feed this long before asking again (then usually a 304).
pub const CACHE_CONTROL: &str = "public, max-age=300";

pub fn routes(pool: SqlitePool) -> Router {
    Router::new().route("/rss/{name}", get(feed)).route("/rss/chuyen-muc/{name}", get(feed)).with_state(pool)
}

/// Viet Nam's offset (UTC+7 all year), which the dates are written in.
fn vn() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// "Mon, 20 Jun 2022 08:00:00 +0700".
pub fn rfc822(unix: i64) -> String {
    vn().timestamp_opt(unix, 0).single().map(|t| t.to_rfc2822()).unwrap_or_default()
}

/// An HTTP date: "Mon, 20 Jun 2022 01:00:00 GMT".
fn http_date(unix: i64) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default().format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The feed's XML; links are made absolute with `base` (`PUBLIC_URL` or the request's origin).
pub fn render(base: &str, feed: &Feed, title: &str, items: &[FeedItem]) -> String {
    let newest = items.iter().map(|i| i.published.max(i.updated)).max();
    let items: Vec<rss::Item> = items
        .iter()
        .map(|i| {
            let link = format!("{base}{}", i.path);
            rss::ItemBuilder::default()
                .title(Some(i.title.clone()))
                .link(Some(link.clone()))
                .description(Some(i.summary.clone()))
                .pub_date(Some(rfc822(i.published)))
                .guid(Some(rss::GuidBuilder::default().value(link).permalink(true).build()))
                .build()
        })
        .collect();
    rss::ChannelBuilder::default()
        .title(title.to_string())
        .link(format!("{base}{}", feed.page_href()))
        .description(format!(
            "{title}: các mục mới nhất trên Cổng thông tin điện tử Hội đồng nhân dân tỉnh Bình Dương."
        ))
        .language(Some("vi".to_string()))
        .last_build_date(newest.map(rfc822))
        .ttl(Some("5".to_string()))
        .items(items)
        .build()
        .to_string()
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Whether the client's copy (`If-None-Match`, else `If-Modified-Since`) is still good.
fn unchanged(headers: &HeaderMap, etag: &str, last_modified: i64) -> bool {
    if headers.contains_key(header::IF_NONE_MATCH) {
        return crate::files::none_match(headers, etag);
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| since.timestamp() >= last_modified)
}

async fn feed(
    State(pool): State<SqlitePool>,
    client: Option<Extension<app::client::Client>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(feed) = Feed::from_path(uri.path()) else {
        return text(StatusCode::NOT_FOUND, "Không có nguồn tin RSS này.");
    };
    let (title, items) = match app::data::feeds::items(&pool, &feed, app::data::now()).await {
        Ok(found) => found,
        Err(app::error::ApiError::NotFound) => return text(StatusCode::NOT_FOUND, "Không có nguồn tin RSS này."),
        Err(e) => {
            tracing::error!(error = %e, "feed not read");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "Máy chủ đang gặp sự cố, vui lòng thử lại sau.");
        }
    };
    let base = client.map(|Extension(c)| c.base_url).unwrap_or_default();
    let xml = render(&base, &feed, &title, &items);
    let etag = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(xml.as_bytes());
        format!("\"{}\"", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>())
    };
    let last_modified = items.iter().map(|i| i.published.max(i.updated)).max().unwrap_or(0);
    let mut response = if unchanged(&headers, &etag, last_modified) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")], xml).into_response()
    };
    let h = response.headers_mut();
    for (name, value) in [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, http_date(last_modified)),
        (header::CACHE_CONTROL, CACHE_CONTROL.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc_822_in_viet_nam_time() {
        assert_eq!(rfc822(1_655_686_800), "Mon, 20 Jun 2022 08:00:00 +0700");
        assert_eq!(http_date(1_655_686_800), "Mon, 20 Jun 2022 01:00:00 GMT");
    }
}
