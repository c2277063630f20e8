//! Subscriptions' mail: a task that queues the digests that are due (`app::data::subscriptions`)
//! every `DIGEST_SECONDS` (default 60) and wakes the mail sender, and the one-click
//! unsubscribe of RFC 8058 that every digest names in its `List-Unsubscribe` header.

use app::data::mail::Postbox;
use app::subscriptions::{MANAGE_PATH, ONE_CLICK_PATH, TOKEN_PARAM};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
#[error("DIGEST_SECONDS không hợp lệ: {0:?} (một số nguyên dương)")]
pub struct DigestConfigError(String);

/// How often the task looks for due digests: `DIGEST_SECONDS` through `get`, else a minute.
pub fn every_from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Duration, DigestConfigError> {
    match get("DIGEST_SECONDS").filter(|s| !s.trim().is_empty()) {
        None => Ok(Duration::from_secs(60)),
        Some(n) => n.trim().parse().ok().filter(|n: &u64| *n > 0).map(Duration::from_secs).ok_or(DigestConfigError(n)),
    }
}

/// Queues due digests every `every`, with links to `base_url`; a pass that queued mail wakes
/// the sender. Aborted when the portal stops (a pass is one transaction per subscription: an
/// interrupted one leaves its subscription where it was, to be done at the next start).
pub fn spawn(
    pool: SqlitePool,
    base_url: String,
    every: Duration,
    postbox: Arc<Postbox>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match app::data::subscriptions::run_digests(&pool, app::data::now(), &base_url).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(digests = n, "subscription mail queued");
                    postbox.wake.notify_one();
                }
                Err(e) => tracing::error!(error = %e, "subscription digests not queued"),
            }
            tokio::time::sleep(every).await;
        }
    })
}

pub fn routes(pool: SqlitePool) -> Router {
    Router::new().route(ONE_CLICK_PATH, get(to_manage_page).post(one_click)).with_state(pool)
}

/// A person who opens the one-click address in a browser gets the manage page (a GET changes
/// nothing: mail scanners follow links).
async fn to_manage_page(Query(query): Query<HashMap<String, String>>) -> Redirect {
    let token = query.get(TOKEN_PARAM).map(String::as_str).unwrap_or_default();
    Redirect::to(&format!("{MANAGE_PATH}?{TOKEN_PARAM}={}", app::share::url_encode(token)))
}

/// RFC 8058: the mail program POSTs `List-Unsubscribe=One-Click` to the address, without
/// cookies; the signed token in the address is the authority.
async fn one_click(State(pool): State<SqlitePool>, Query(query): Query<HashMap<String, String>>) -> Response {
    let token = query.get(TOKEN_PARAM).map(String::as_str).unwrap_or_default();
    let text = |status: StatusCode, body: String| {
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
    };
    match app::data::subscriptions::unsubscribe(&pool, token).await {
        Ok(()) => text(StatusCode::OK, app::subscriptions::UNSUBSCRIBED.to_string()),
        Err(e) => text(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_a_positive_number_of_seconds() {
        let env = |v: Option<&'static str>| move |_: &str| v.map(str::to_string);
        assert_eq!(every_from_lookup(env(None)).unwrap(), Duration::from_secs(60));
        assert_eq!(every_from_lookup(env(Some("2"))).unwrap(), Duration::from_secs(2));
        assert!(every_from_lookup(env(Some("0"))).is_err());
        assert!(every_from_lookup(env(Some("mot phut"))).is_err());
    }
}
