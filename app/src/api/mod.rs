//! Server functions: the portal's read API. Each is a thin wrapper over
//! `data`, which holds the queries.

use crate::error::ApiError;
use crate::model::*;
use leptos::prelude::*;

mod accounts;
mod audit;
mod auth;
mod editing;
mod feeds;
mod mail;
mod photos;
mod purge;
mod questions;
mod records;
mod subscriptions;
pub use accounts::*;
pub use audit::*;
pub use auth::*;
pub use editing::*;
pub use feeds::*;
pub use mail::*;
pub use photos::*;
pub use purge::*;
pub use questions::*;
pub use records::*;
pub use subscriptions::*;

/// Sets the HTTP status of the response this server function is part of (an API call, or the
/// page being rendered when it runs during SSR), so a missing article is a real 404.
#[cfg(feature = "ssr")]
pub(crate) fn answer<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                axum::http::StatusCode::from_u16(e.status()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

/// Answers a write like `answer`, and once it has succeeded, appends it to the audit log as
/// done by `user` from the request's client address. The write stands even if the log entry
/// cannot be written (that is logged as an error).
#[cfg(feature = "ssr")]
pub(crate) async fn audited<T>(
    user: &crate::auth::UserInfo,
    action: crate::audit::Action,
    target: &str,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    use crate::data::audit::{self, Actor};
    if result.is_ok() {
        let ip = crate::client::current().await.ip;
        // Without a pool (already logged by `pool`) there is nowhere to append to.
        if let Ok(pool) = crate::data::pool() {
            audit::append_after(&pool, Actor::Account { user, ip: &ip }, action, target).await;
        }
    }
    answer(result)
}

/// Sends a plain form's browser on to `path` (a 302). Never with a path that cannot be a header
/// value (leptos_axum would panic on one): that goes home instead.
#[cfg(feature = "ssr")]
pub(crate) fn redirect(path: &str) {
    if axum::http::HeaderValue::from_str(path).is_ok() {
        leptos_axum::redirect(path);
    } else {
        tracing::warn!("refused a redirect to an address that is not a valid header value");
        leptos_axum::redirect("/");
    }
}

#[server(prefix = "/api", endpoint = "chrome")]
pub async fn get_chrome() -> Result<Chrome, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::chrome(&pool).await)
}

/// Counts the page being read (`page`, its path) and answers the visitor statistics as they are
/// now. Every page calls it once it runs in the browser, so visits count even when the page
/// itself came from a cache; see `data::visits`. Its answers are never cached.
#[server(prefix = "/thong-ke", endpoint = "dem")]
pub async fn count_visit(page: String) -> Result<VisitStats, ApiError> {
    use crate::data::visits::{self, Hit, Visits};
    use axum::http::{header, HeaderMap, HeaderValue};
    let pool = crate::data::pool()?;
    let Some(counter) = use_context::<std::sync::Arc<Visits>>() else {
        tracing::error!("no visit counter in context");
        return answer(Err(ApiError::Server));
    };
    let headers = leptos_axum::extract::<HeaderMap>().await.unwrap_or_default();
    let client = crate::client::current().await;
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let hit =
        Hit { cookies: text(header::COOKIE), user_agent: text(header::USER_AGENT), address: &client.ip, page: &page };
    let counted = counter.count(&pool, &hit, crate::data::now()).await;
    if let (Ok(visits::Counted { new_id: Some(id), .. }), Some(res)) =
        (&counted, use_context::<leptos_axum::ResponseOptions>())
    {
        if let Ok(value) = HeaderValue::from_str(&visits::cookie(id, client.secure)) {
            res.append_header(header::SET_COOKIE, value);
        }
    }
    answer(counted.map(|c| c.stats))
}

#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home() -> Result<HomePage, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::home_page(&pool).await)
}

#[server(prefix = "/api", endpoint = "category")]
pub async fn get_category(slug: String, page: u32) -> Result<CategoryPage, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::category_page(&pool, &slug, page).await)
}

#[server(prefix = "/api", endpoint = "article")]
pub async fn get_article(slug: String) -> Result<ArticlePage, ApiError> {
    let pool = crate::data::pool()?;
    let as_editor = crate::login_session::current_user().await?.is_some();
    answer(crate::data::content::article_page(&pool, &slug, as_editor).await)
}

#[server(prefix = "/api", endpoint = "page")]
pub async fn get_page(slug: String) -> Result<ContentPage, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::content_page(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "english_page")]
pub async fn get_english_page(slug: String) -> Result<ContentPage, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::english_page(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "site_map")]
pub async fn get_site_map() -> Result<SiteMap, ApiError> {
    let pool = crate::data::pool()?;
    answer(crate::data::content::site_map(&pool).await)
}
