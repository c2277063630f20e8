//! The HTTP stack: Leptos routes and server functions with the database in their context, the
//! page cache for anonymous readers (`page_cache`), static files, visitor counting, caching
//! headers and compression; and the guards around all of it: security headers, the client and
//! same-origin check (`site`), a request timeout, a concurrency limit, body limits, and a panic
//! catcher.
//!
//! The built assets under `/pkg` are named by content (cargo-leptos' `hash-files`) and were
//! compressed at build time (`precompress`): they are sent as stored, brotli or gzip as the
//! browser accepts, cached for a year, and never compressed per request.

use crate::page_cache::{self, PageCache};
use crate::render_slots::{self, RenderSlots};
use crate::site::Site;
use crate::visitor;
use app::data::mail::Postbox;
use app::data::visits::Visits;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// How much the stack takes on: requests at once (more are answered 503 at once, with a page
/// saying so, not queued) and how long one may take (then 408).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub concurrent_requests: usize,
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { concurrent_requests: 256, request_timeout: Duration::from_secs(30) }
    }
}
/// Largest request body, except uploads and attachments (which have their own, larger limits).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// `data_dir` holds uploaded files (served under `/uploads/`); `site` says where the portal is
/// reached and which proxies to believe. Visits are counted in memory, never written (see
/// `router_with`).
pub fn router(pool: SqlitePool, options: LeptosOptions, data_dir: &std::path::Path, site: Site) -> Router {
    router_with(pool, options, data_dir, site, Arc::new(Visits::default()), Arc::new(Postbox::default()))
}

/// The router counting visits into `visits`, which the caller writes to the database
/// (`visitor::spawn_flusher`), and telling the mail sender (`mailer`) of new mail through
/// `postbox`.
pub fn router_with(
    pool: SqlitePool,
    options: LeptosOptions,
    data_dir: &std::path::Path,
    site: Site,
    visits: Arc<Visits>,
    postbox: Arc<Postbox>,
) -> Router {
    let routes = generate_route_list(App);
    let uploads_dir = data_dir.join("uploads");
    let pkg_dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let assets = Router::new()
        .nest_service("/pkg", tower_http::services::ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        // The same name answers br, gzip or plain bytes: caches must key on the encoding.
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ));
    let uploads = crate::upload::routes(crate::upload::Uploads { pool: pool.clone(), dir: uploads_dir.clone() })
        .merge(crate::photo_upload::routes(crate::upload::Uploads { pool: pool.clone(), dir: uploads_dir.clone() }))
        .nest_service("/uploads", tower_http::services::ServeDir::new(uploads_dir))
        .merge(crate::attach::routes(crate::attach::Attachments { pool: pool.clone(), dir: data_dir.join("files") }))
        .merge(crate::ical::routes(pool.clone()))
        .merge(crate::digests::routes(pool.clone()))
        .merge(crate::feeds::routes(pool.clone()))
        .merge(crate::sitemap::routes(pool.clone()))
        .merge(crate::open_data::routes(pool.clone()))
        // The English section's first page.
        .route("/en", axum::routing::get(|| async { axum::response::Redirect::temporary(app::english::HOME) }))
        .merge(crate::ask::routes(crate::ask::Asking {
            pool: pool.clone(),
            dir: data_dir.join("files"),
            postbox: postbox.clone(),
        }))
        .merge(visitor::routes(pool.clone(), visits.clone()));
    // Opened by `main` already (this gives the same index); if it cannot be opened, searches
    // answer an error and everything else works.
    let search = crate::indexer::open(data_dir, pool.clone())
        .map_err(|e| tracing::error!(error = %e, "search index unavailable"))
        .ok();
    let context = {
        let pool = pool.clone();
        let files_dir = app::data::purge::FilesDir(data_dir.join("files"));
        move || {
            provide_context(pool.clone());
            provide_context(files_dir.clone());
            provide_context(visits.clone());
            provide_context(postbox.clone());
            if let Some(search) = &search {
                provide_context(search.clone());
            }
        }
    };
    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(RenderSlots::default(), render_slots::take_turn))
        .layer(middleware::from_fn_with_state(PageCache::default(), page_cache::serve))
        .merge(uploads)
        .layer(middleware::from_fn(api_error_status))
        .layer(CompressionLayer::new().compress_when(compressible()));
    // Documents are streamed as stored, with ranges and an ETag of their content: not
    // compressed on the fly (PDFs and office files are compressed already).
    let documents = crate::files::routes(pool.clone(), data_dir.join("files"));
    // The assets stay outside the compression layer: they were compressed at build time.
    guarded(assets.merge(documents).merge(pages).layer(middleware::from_fn(cache_headers)), site, Limits::default())
}

/// The guards around every route: the client and same-origin check, a request timeout, the
/// concurrency limit, the panic catcher and, outermost, the security headers (so that even a
/// 500 page or a 503 has them).
pub fn guarded(routes: Router, site: Site, limits: Limits) -> Router {
    let site = Arc::new(site);
    routes
        .layer(middleware::from_fn_with_state(site.clone(), crate::site::identify))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        .layer(middleware::from_fn_with_state(Arc::new(Semaphore::new(limits.concurrent_requests)), limit_concurrency))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn_with_state(site, crate::security_headers::add))
}

/// Compress text, not what is compressed already (PDFs, office files, archives, images, fonts,
/// media) nor tiny answers.
fn compressible() -> impl tower_http::compression::Predicate {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new("application/vnd.openxmlformats"))
        .and(NotForContentType::const_new("application/vnd.oasis"))
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new("font/"))
        .and(NotForContentType::const_new("video/"))
        .and(NotForContentType::const_new("audio/"))
}

/// At most `Limits::concurrent_requests` requests in the stack at once; the next one is told, at
/// once, to come back.
async fn limit_concurrency(State(slots): State<Arc<Semaphore>>, req: Request, next: Next) -> Response {
    let Ok(_slot) = slots.try_acquire() else {
        return error_page(StatusCode::SERVICE_UNAVAILABLE, "Máy chủ đang quá tải, vui lòng thử lại sau giây lát.");
    };
    next.run(req).await
}

/// A panic while answering: logged, and answered with a 500 page (the connection stays).
fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(không rõ)");
    tracing::error!(panic = detail, "a request panicked");
    server_trouble()
}

/// The 500 page for a fault on the server's side (the cause is in the log).
pub fn server_trouble() -> Response {
    error_page(StatusCode::INTERNAL_SERVER_ERROR, "Máy chủ đang gặp sự cố, vui lòng thử lại sau.")
}

/// A small Vietnamese page for answers the app itself could not render.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{message}</title></head>\
         <body><main><h1>{message}</h1><p><a href=\"/\">Về trang chủ</a></p></main></body></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body)
        .into_response()
}

/// Whether an answer is an HTML page (by its `Content-Type`).
pub fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"))
}

/// Whether the release build named its assets by content: cargo-leptos then leaves the names
/// in a file beside the server binary, which Leptos reads to link them.
pub fn hashed_assets_built(options: &LeptosOptions) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .is_some_and(|file| file.is_file())
}

/// How long browsers may keep a response without asking again.
pub fn cache_policy(path: &str) -> Option<&'static str> {
    if path.starts_with("/pkg/") || path.starts_with("/uploads/") {
        // Named by content hash: a new build or a changed file gets a new name, so an old page
        // keeps the modules it was built with and a new one never mixes them.
        Some("public, max-age=31536000, immutable")
    } else if path.starts_with("/tai-lieu/") {
        // Documents can be withdrawn (trash, purge): kept only briefly.
        Some(crate::files::CACHE_CONTROL)
    } else if path.starts_with("/images/") || path == "/favicon.svg" {
        Some("public, max-age=604800")
    } else if path.starts_with("/api/") || path.starts_with(app::data::visits::COUNTING_PATH) {
        Some("no-store")
    } else {
        None
    }
}

/// Routes that set their own `Cache-Control`, which the default for their path does not replace.
fn path_chooses(path: &str) -> bool {
    path.starts_with("/tai-lieu/")
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let policy = cache_policy(&path);
    let mut response = next.run(req).await;
    if let Some(policy) = policy {
        // A route that chose its own policy keeps it (a download for an editor is private).
        let chosen = response.headers().contains_key(header::CACHE_CONTROL) && path_chooses(&path);
        if !chosen && (response.status().is_success() || response.status().as_u16() == 304) {
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    response
}

/// Largest server-function error body read back to find its status.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Server functions answer every error with 500. Errors raised before our code runs (a
/// missing or malformed argument) are the caller's fault: give each `ApiError` its own status.
async fn api_error_status(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::ApiError>(&bytes) {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
