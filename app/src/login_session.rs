//! The request's login session (server only): reading the cookie, requiring a role, setting and
//! clearing the cookie on the response.

use crate::auth::{Role, UserInfo, LOGIN_SESSION_COOKIE};
use crate::data::accounts;
use crate::error::ApiError;
use axum::http::{header, HeaderMap, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

async fn headers() -> HeaderMap {
    leptos_axum::extract::<HeaderMap>().await.unwrap_or_default()
}

/// The login session token from the request's cookies.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOGIN_SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Who is asking, if anyone.
pub async fn current_user() -> Result<Option<UserInfo>, ApiError> {
    let Some(token) = token_from(&headers().await) else {
        return Ok(None);
    };
    let pool = crate::data::pool()?;
    accounts::login_session_user(&pool, &token, crate::data::now()).await
}

/// The user, if signed in with a role that passes `allowed`; 401 or 403 otherwise (also the
/// status of a page rendered on the server that needed it).
pub async fn require(allowed: impl Fn(Role) -> bool) -> Result<UserInfo, ApiError> {
    let answer = match current_user().await? {
        None => Err(ApiError::Unauthorized),
        Some(user) if allowed(user.role) => Ok(user),
        Some(_) => Err(ApiError::Forbidden),
    };
    crate::api::answer(answer)
}

pub async fn require_editor() -> Result<UserInfo, ApiError> {
    require(Role::can_edit).await
}

pub async fn set_cookie(token: &str, max_age: i64) {
    let secure = if crate::client::current().await.secure { "; Secure" } else { "" };
    let cookie = format!("{LOGIN_SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    if let (Some(res), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&cookie)) {
        res.append_header(header::SET_COOKIE, value);
    }
}

/// A plain HTML form post (JavaScript off) rather than a call from the app.
pub async fn is_plain_form() -> bool {
    headers().await.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Only same-site paths are followed after logging in: a path that starts with one `/`, with
/// no backslash, whitespace or control character anywhere (browsers drop tabs and newlines
/// from a `Location`, so `/\t/evil.example` would become `//evil.example`), and not too long.
pub fn safe_next(next: Option<&str>) -> String {
    let safe = |n: &str| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.len() <= 2000
            && !n.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    };
    match next {
        Some(n) if safe(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/bai-viet/x")), "/bai-viet/x");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/", "a tab is dropped by browsers");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/x\r\nSet-Cookie: a=b")), "/", "no header injection");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(safe_next(Some("/\u{85}x")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn reads_only_well_formed_tokens() {
        let token = "a".repeat(64);
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("x=1; {LOGIN_SESSION_COOKIE}={token}"))
                .unwrap_or(HeaderValue::from_static("")),
        );
        assert_eq!(token_from(&h), Some(token));
        let mut bad = HeaderMap::new();
        bad.insert(header::COOKIE, HeaderValue::from_static("hdnd_phien=zz"));
        assert_eq!(token_from(&bad), None);
    }
}
