//! Counts visitors on page loads: a random, anonymous id in an HttpOnly cookie, recorded in
//! SQLite (see `app::data::visits` for what counts as a visit and as online).

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use sqlx::SqlitePool;

pub const COOKIE: &str = "hdnd_khach";

/// True for requests that load a page, as opposed to assets and API calls.
pub fn is_page_request(method: &Method, path: &str, accept: Option<&str>) -> bool {
    if method != Method::GET || !accept.is_some_and(|a| a.contains("text/html")) {
        return false;
    }
    let asset_dir = ["/pkg/", "/api/", "/images/", "/uploads/", "/tai-lieu/"].iter().any(|p| path.starts_with(p));
    let last = path.rsplit('/').next().unwrap_or("");
    !asset_dir && !last.contains('.')
}

/// The visitor id from the request's cookies, if it is one we could have issued.
pub fn visitor_id(cookie_header: Option<&str>) -> Option<String> {
    Cookie::split_parse(cookie_header?)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub async fn track(State(pool): State<SqlitePool>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    if !is_page_request(req.method(), req.uri().path(), accept) {
        return next.run(req).await;
    }
    let known = visitor_id(headers.get(header::COOKIE).and_then(|v| v.to_str().ok()));
    let id = known.clone().unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    if let Err(e) = app::data::visits::touch(&pool, &id, app::data::now()).await {
        tracing::warn!(error = %e, "could not record the visit");
    }
    let mut response = next.run(req).await;
    if known.is_none() {
        let cookie = Cookie::build((COOKIE, id))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(cookie::time::Duration::days(365))
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_page_loads_count() {
        let html = Some("text/html,application/xhtml+xml");
        assert!(is_page_request(&Method::GET, "/", html));
        assert!(is_page_request(&Method::GET, "/bai-viet/de-an", html));
        assert!(!is_page_request(&Method::GET, "/pkg/hdnd.wasm", html));
        assert!(!is_page_request(&Method::GET, "/favicon.svg", html));
        assert!(!is_page_request(&Method::POST, "/api/share_article", html));
        assert!(!is_page_request(&Method::GET, "/", Some("application/json")));
    }

    #[test]
    fn reads_only_well_formed_ids() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(visitor_id(Some(&format!("a=1; {COOKIE}={id}"))), Some(id.to_string()));
        assert_eq!(visitor_id(Some(&format!("{COOKIE}=../../etc"))), None);
        assert_eq!(visitor_id(None), None);
    }
}
