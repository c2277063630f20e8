//! Headers every response carries: no framing, no type sniffing, a strict referrer policy, no
//! powerful browser features, HSTS when the portal is served over https, and a
//! Content-Security-Policy (a page rendered by the app brings its own, with its nonce; any
//! other answer gets the policy without one).
//!
//! Except the built code and styles under `/pkg/`, which a browser never shows as a document:
//! they get `nosniff` (and HSTS) only. The others apply to documents, and the seed article
//! fetches 99 such files, each of whose answers carried 596 bytes of them: 58 KiB of headers
//! a first visit, uncompressed over HTTP/1.1 (903 bytes of headers a file before, 307 now).

use crate::site::Site;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// Two years, subdomains included (what HSTS preload lists ask for).
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     interest-cohort=(), browsing-topics=(), fullscreen=(self \"https://www.youtube-nocookie.com\")";

pub async fn add(State(site): State<Arc<Site>>, req: Request, next: Next) -> Response {
    let built_asset = req.uri().path().starts_with("/pkg/");
    let mut response = next.run(req).await;
    let is_html = crate::http::is_html(&response);
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if site.is_https() {
        set(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    if built_asset && !is_html {
        return response;
    }
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY);
    set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    // Built once: every other answer (files, feeds, the API) carries it.
    static WITHOUT_NONCE: std::sync::LazyLock<Option<HeaderValue>> =
        std::sync::LazyLock::new(|| HeaderValue::from_str(&app::csp::policy(None)).ok());
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Some(value) = WITHOUT_NONCE.as_ref() {
            headers.insert(header::CONTENT_SECURITY_POLICY, value.clone());
        }
    }
    response
}
