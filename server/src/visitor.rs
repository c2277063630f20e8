//! Visitor counting at the HTTP layer: the image that counts a page read without JavaScript,
//! and the task that writes the counts to the database every few seconds. What is counted and
//! how is `app::data::visits`; the browser's beacon is the `count_visit` server function.

use app::client::Client;
use app::data::visits::{self, Hit, Visits};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;

/// The image's address (under the counting cookie's path).
pub const IMAGE_PATH: &str = "/thong-ke/dem.svg";

#[derive(Clone)]
struct Counting {
    pool: SqlitePool,
    visits: Arc<Visits>,
}

pub fn routes(pool: SqlitePool, visits: Arc<Visits>) -> Router {
    Router::new().route(IMAGE_PATH, get(image)).with_state(Counting { pool, visits })
}

/// Counts the page that shows the image (the `Referer`) and draws the numbers.
async fn image(State(c): State<Counting>, req: Request) -> Response {
    let headers = req.headers();
    let client = req.extensions().get::<Client>().cloned().unwrap_or_else(Client::unknown);
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let page = referring_path(headers);
    let hit =
        Hit { cookies: text(header::COOKIE), user_agent: text(header::USER_AGENT), address: &client.ip, page: &page };
    let counted = match c.visits.count(&c.pool, &hit, app::data::now()).await {
        Ok(counted) => counted,
        Err(e) => {
            tracing::warn!(error = %e, "could not count a visit");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut response = (
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        numbers_svg(counted.stats.total, counted.stats.online),
    )
        .into_response();
    if let Some(value) = counted.new_id.and_then(|id| HeaderValue::from_str(&visits::cookie(&id, client.secure)).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The path of the page that asked, from its `Referer` ("" when there is none).
fn referring_path(headers: &HeaderMap) -> String {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<axum::http::Uri>().ok())
        .map(|uri| uri.path().to_string())
        .unwrap_or_default()
}

/// The two numbers as the sidebar prints them, drawn in the page's text colour.
pub fn numbers_svg(total: u64, online: u64) -> String {
    let total = app::format::number(total);
    let online = app::format::number(online);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"44\" viewBox=\"0 0 200 44\">\
         <g font-family=\"Arial, Helvetica, sans-serif\" font-size=\"14\" fill=\"#1f2937\">\
         <text x=\"0\" y=\"16\">Tổng truy cập: {total}</text>\
         <text x=\"0\" y=\"38\">Đang online: {online}</text></g></svg>"
    )
}

/// Writes the counts every `visits::FLUSH_EVERY_SECS` until the server stops; `flush_now` once
/// more at shutdown.
pub fn spawn_flusher(pool: SqlitePool, visits: Arc<Visits>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(visits::FLUSH_EVERY_SECS));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            flush_now(&pool, &visits).await;
        }
    })
}

pub async fn flush_now(pool: &SqlitePool, visits: &Visits) {
    if let Err(e) = visits.flush(pool, app::data::now()).await {
        tracing::warn!(error = %e, "could not write the visit counts (kept for the next try)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_prints_numbers_the_vietnamese_way() {
        let svg = numbers_svg(2_483_445, 12);
        assert!(svg.contains("Tổng truy cập: 2.483.445") && svg.contains("Đang online: 12"));
    }

    #[test]
    fn the_counted_page_is_the_referring_path() {
        let mut h = HeaderMap::new();
        h.insert(header::REFERER, HeaderValue::from_static("http://127.0.0.1:3000/bai-viet/de-an?x=1"));
        assert_eq!(referring_path(&h), "/bai-viet/de-an");
        assert_eq!(referring_path(&HeaderMap::new()), "");
    }
}
