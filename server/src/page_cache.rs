//! The page cache for anonymous readers, and the caching headers of every page.
//!
//! Readers are anonymous and see the same page, so an anonymous `GET` of a page is rendered
//! once, compressed once (brotli and gzip) and then served as bytes. An entry is filed under
//! the data's generation (`app::data::generation`), which every write readers can see moves on
//! after it commits: the next request renders afresh, and a render that overlapped the write
//! is filed under the old number, where nobody looks. Entries also expire after
//! [`LIFETIME`], for what changes without a write here (an article whose publication time
//! arrives, a command run from the command line). The cache is bounded in bytes, and
//! concurrent misses of one page wait for a single render.
//!
//! Headers, so that any proxy or CDN can front the portal:
//! - anonymous pages: [`READERS`] with a weak `ETag` of the page (a `304` when it matches), and
//!   `Vary: Accept-Encoding, Cookie` (an editor's request to the same address is different);
//! - a request with an editor's session: never cached here, and [`EDITORS`].
//!
//! An inline script's nonce cannot survive a shared cache, so cached pages carry a
//! Content-Security-Policy that allows their inline scripts by hash instead.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

/// Anonymous pages. Browsers ask again every time (`max-age=0`, answered by a `304` when
/// nothing changed); shared caches keep a page 5 s, so an editor's save reaches every reader
/// within about 5 s without any purge, and may serve it 30 s longer while they fetch the new
/// one in the background, so that a peak never waits on the portal.
pub const READERS: &str = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";
/// Anything an editor sees.
pub const EDITORS: &str = "private, no-store";
/// Anonymous answers that are not pages to keep (errors, redirects, anything setting a cookie).
const NOT_KEPT: &str = "no-store";
/// At most this long in our cache, written to or not.
pub const LIFETIME: Duration = Duration::from_secs(60);
/// The cache's size: pages with their two compressed forms.
pub const CAPACITY_BYTES: u64 = 16 * 1024 * 1024;
/// A larger page is served but not kept.
const LARGEST_PAGE: usize = 2 * 1024 * 1024;
/// Says whether the page came from the cache (`hit`) or was rendered (`miss`).
pub const STATUS_HEADER: &str = "x-page-cache";

type Key = (u64, String);

/// One rendered page, ready in every encoding.
pub struct Page {
    identity: Bytes,
    br: Bytes,
    gzip: Bytes,
    content_type: HeaderValue,
    etag: HeaderValue,
    csp: HeaderValue,
}

/// A rendered answer that is not kept, read into memory: handed back to whoever rendered it.
struct NotKept {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl NotKept {
    async fn read(response: Response) -> NotKept {
        let (parts, body) = not_kept_headers(response).into_parts();
        match axum::body::to_bytes(body, LARGEST_PAGE).await {
            Ok(body) => NotKept { status: parts.status, headers: parts.headers, body },
            Err(_) => {
                tracing::warn!("a page too large to keep, or its body failed");
                let (parts, _) = crate::http::server_trouble().into_parts();
                NotKept { status: parts.status, headers: parts.headers, body: Bytes::new() }
            }
        }
    }

    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

#[derive(Clone)]
pub struct PageCache {
    pages: moka::future::Cache<Key, Arc<Page>>,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::new(CAPACITY_BYTES)
    }
}

impl PageCache {
    pub fn new(capacity_bytes: u64) -> Self {
        let pages = moka::future::Cache::builder()
            .max_capacity(capacity_bytes)
            .weigher(|key: &Key, page: &Arc<Page>| {
                let bytes = key.1.len() + page.identity.len() + page.br.len() + page.gzip.len() + 512;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .time_to_live(LIFETIME)
            .build();
        PageCache { pages }
    }
}

/// The middleware: anonymous page `GET`s through the cache, editors' pages marked private.
pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    if !is_page(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    if app::login_session::token_from(req.headers()).is_some() {
        let mut response = next.run(req).await;
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(EDITORS));
        headers.insert(header::VARY, HeaderValue::from_static("cookie"));
        return response;
    }
    let (parts, _) = req.into_parts();
    let key = (app::data::generation(), parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string());
    let rendering = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let render = {
        let (parts, next, rendering) = (parts.clone(), next.clone(), rendering.clone());
        async move {
            rendering.store(true, std::sync::atomic::Ordering::Relaxed);
            keep(next.run(Request::from_parts(parts, Body::empty())).await).await
        }
    };
    match cache.pages.try_get_with(key, render).await {
        Ok(page) => {
            let fresh = rendering.load(std::sync::atomic::Ordering::Relaxed);
            answer(&page, &parts.headers, if fresh { "miss" } else { "hit" })
        }
        // Not a page to keep: ours to answer, or another request's, which is ours too unless
        // it set a cookie (that was for its client: then we render our own).
        Err(not_kept) => {
            if rendering.load(std::sync::atomic::Ordering::Relaxed)
                || !not_kept.headers.contains_key(header::SET_COOKIE)
            {
                not_kept.response()
            } else {
                not_kept_headers(next.run(Request::from_parts(parts, Body::empty())).await)
            }
        }
    }
}

/// A page the cache may answer: a `GET` of an address of the app's routes (not a file, not
/// the API, not the visit counter).
pub(crate) fn is_page(method: &Method, path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    method == Method::GET
        && !last.contains('.')
        && !["/api/", "/thong-ke/", "/pkg/", "/uploads/", "/tai-lieu/"].iter().any(|p| path.starts_with(p))
}

/// Keeps a rendered page, or says why not by handing back the answer.
async fn keep(response: Response) -> Result<Arc<Page>, NotKept> {
    let html = crate::http::is_html(&response);
    // A page that says it is one person's (a secret link's page: see `app::pages::private_page`).
    let private = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    if response.status() != StatusCode::OK
        || !html
        || private
        || response.headers().contains_key(header::SET_COOKIE)
        || response.headers().contains_key(header::CONTENT_ENCODING)
    {
        return Err(NotKept::read(response).await);
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST_PAGE).await else {
        return Err(NotKept::read(crate::http::server_trouble()).await);
    };
    let content_type =
        parts.headers.get(header::CONTENT_TYPE).cloned().unwrap_or(HeaderValue::from_static("text/html"));
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of)
        .unwrap_or_default();
    Ok(Arc::new(Page::new(bytes, content_type, &nonce)))
}

/// The nonce a policy allows scripts by (`'nonce-…'`).
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(policy[start..start + len].to_string())
}

impl Page {
    /// `nonce` is the one the page was rendered with: only the scripts that carry it are the
    /// portal's own, and only theirs are allowed by hash.
    fn new(identity: Bytes, content_type: HeaderValue, nonce: &str) -> Page {
        let digest = Sha256::digest(&identity);
        let etag = format!("W/\"{}\"", hex(&digest[..12]));
        let html = String::from_utf8_lossy(&identity);
        let csp = app::csp::policy_for_scripts(&inline_script_hashes(&html, nonce));
        Page {
            br: Bytes::from(brotli(&identity)),
            gzip: Bytes::from(gzip(&identity)),
            content_type,
            etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("W/\"0\"")),
            csp: HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'self'")),
            identity,
        }
    }
}

/// The kept page for this request: a `304` if the reader has it, else the best encoding it takes.
fn answer(page: &Page, request: &HeaderMap, status: &'static str) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(READERS));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, cookie"));
    headers.insert(header::ETAG, page.etag.clone());
    headers.insert(STATUS_HEADER, HeaderValue::from_static(status));
    // On a 304 too: the browser takes its headers for the copy it keeps, and a policy without
    // the page's hashes would block its scripts.
    headers.insert(header::CONTENT_SECURITY_POLICY, page.csp.clone());
    if not_modified(request, &page.etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, page.content_type.clone());
    let body = match encoding(request) {
        Encoding::Br => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            page.br.clone()
        }
        Encoding::Gzip => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            page.gzip.clone()
        }
        Encoding::Identity => page.identity.clone(),
    };
    (StatusCode::OK, headers, body).into_response()
}

/// An anonymous answer that is not kept here: no shared cache may keep it either.
fn not_kept_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if headers.contains_key(header::SET_COOKIE) || !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NOT_KEPT));
    }
    response
}

/// Whether the reader already has this page: the documents' `If-None-Match` rule (weak tags
/// compare weakly).
fn not_modified(request: &HeaderMap, etag: &HeaderValue) -> bool {
    crate::files::none_match(request, etag.to_str().unwrap_or("").trim_start_matches("W/"))
}

#[derive(Debug, PartialEq)]
enum Encoding {
    Br,
    Gzip,
    Identity,
}

/// Brotli if the reader takes it, else gzip, else the bytes as they are.
fn encoding(request: &HeaderMap) -> Encoding {
    let accepted = |name: &str| {
        request.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
            v.split(',').any(|item| {
                let mut fields = item.split(';').map(str::trim);
                let coding = fields.next().unwrap_or("");
                let refused = fields
                    .any(|f| f.replace(' ', "").starts_with("q=0") && !f.contains(|c: char| ('1'..='9').contains(&c)));
                coding.eq_ignore_ascii_case(name) && !refused
            })
        })
    };
    if accepted("br") {
        Encoding::Br
    } else if accepted("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// `'sha256-…'` of every inline script of a page that carries the render's `nonce` (a
/// `<script nonce="…">` without `src`). A script without it is not the portal's: text that
/// broke out of its element (a title with `</title><script>`) must not be allowed by its hash.
/// Without a nonce nothing is allowed.
pub fn inline_script_hashes(html: &str, nonce: &str) -> Vec<String> {
    use base64::Engine;
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start + "<script".len()..];
        let Some(tag_end) = after.find('>') else { break };
        let attributes = &after[..tag_end];
        let body_start = &after[tag_end + 1..];
        let Some(body_end) = body_start.find("</script>") else { break };
        let ours = !nonce.is_empty() && attributes.contains(&format!("nonce=\"{nonce}\""));
        if ours && !attributes.contains("src=") {
            let digest = Sha256::digest(&body_start.as_bytes()[..body_end]);
            let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &body_start[body_end..];
    }
    hashes
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams { quality: 6, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::new(6));
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn only_app_pages_go_through_the_cache() {
        assert!(is_page(&Method::GET, "/"));
        assert!(is_page(&Method::GET, "/bai-viet/de-an"));
        assert!(!is_page(&Method::POST, "/bai-viet/de-an"));
        assert!(!is_page(&Method::GET, "/article.html"));
        assert!(!is_page(&Method::GET, "/api/chrome"));
        assert!(!is_page(&Method::GET, "/thong-ke/dem"));
    }

    #[test]
    fn the_reader_gets_the_best_encoding_it_takes() {
        assert_eq!(encoding(&headers(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")), Encoding::Br);
        assert_eq!(encoding(&headers(header::ACCEPT_ENCODING, "gzip")), Encoding::Gzip);
        assert_eq!(encoding(&headers(header::ACCEPT_ENCODING, "br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(encoding(&headers(header::ACCEPT_ENCODING, "br;q=0.5")), Encoding::Br);
        assert_eq!(encoding(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn a_matching_etag_is_not_modified() {
        let etag = HeaderValue::from_static("W/\"abc\"");
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "W/\"abc\""), &etag));
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "\"x\", \"abc\""), &etag));
        assert!(!not_modified(&headers(header::IF_NONE_MATCH, "W/\"abd\""), &etag));
        assert!(!not_modified(&HeaderMap::new(), &etag));
    }

    #[test]
    fn inline_scripts_are_allowed_by_their_hash() {
        let html = r#"<head><script type="module" nonce="n">import x from "/pkg/a.js";</script>
            <script src="/pkg/b.js"></script><script nonce="n">a()</script><script nonce="n">a()</script>
            <title>x</title><script>evil()</script><script nonce="guess">evil()</script></head>"#;
        let hashes = inline_script_hashes(html, "n");
        assert_eq!(hashes.len(), 2, "two distinct inline scripts of ours, the external one left to 'self'");
        // The hash of `a()` as a browser computes it (SHA-256 of the script's text, base64).
        assert!(hashes.contains(&"'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='".to_string()), "{hashes:?}");
        assert!(inline_script_hashes(html, "").is_empty(), "no nonce, nothing allowed");
        assert_eq!(nonce_of("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'").as_deref(), Some("abc"));
    }

    #[test]
    fn a_page_is_kept_in_every_encoding() {
        let html = Bytes::from("<!DOCTYPE html><html><body>".to_string() + &"Hội đồng nhân dân ".repeat(200));
        let page = Page::new(html.clone(), HeaderValue::from_static("text/html; charset=utf-8"), "n");
        assert!(page.br.len() < html.len() / 5 && page.gzip.len() < html.len() / 5);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &page.br[..], &mut out).expect("brotli");
        assert_eq!(out, html);
        assert!(page.etag.to_str().expect("etag").starts_with("W/\""));
    }
}
