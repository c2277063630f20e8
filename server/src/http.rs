//! The HTTP stack: Leptos routes and server functions with the database in their context,
//! static files, visitor counting, caching headers and compression.
//!
//! The built assets under `/pkg` are named by content (cargo-leptos' `hash-files`) and were
//! compressed at build time (`precompress`): they are sent as stored, brotli or gzip as the
//! browser accepts, cached for a year, and never compressed per request.

use crate::visitor;
use app::{shell, App};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::SqlitePool;
use tower_http::compression::CompressionLayer;

/// `data_dir` holds uploaded files (served under `/uploads/`).
pub fn router(pool: SqlitePool, options: LeptosOptions, data_dir: &std::path::Path) -> Router {
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
        .nest_service("/uploads", tower_http::services::ServeDir::new(uploads_dir))
        .merge(crate::files::routes(pool.clone(), data_dir.join("files")))
        .merge(crate::attach::routes(crate::attach::Attachments { pool: pool.clone(), dir: data_dir.join("files") }))
        .merge(crate::ical::routes(pool.clone()));
    let context = {
        let pool = pool.clone();
        let files_dir = app::data::purge::FilesDir(data_dir.join("files"));
        move || {
            provide_context(pool.clone());
            provide_context(files_dir.clone());
        }
    };
    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .merge(uploads)
        .layer(middleware::from_fn_with_state(pool, visitor::track))
        .layer(middleware::from_fn(api_error_status))
        .layer(CompressionLayer::new());
    // The assets stay outside the compression layer: they were compressed at build time.
    assets.merge(pages).layer(middleware::from_fn(same_origin_writes)).layer(middleware::from_fn(cache_headers))
}

/// Whether the release build named its assets by content: cargo-leptos then leaves the names
/// in a file beside the server binary, which Leptos reads to link them.
pub fn hashed_assets_built(options: &LeptosOptions) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .is_some_and(|file| file.is_file())
}

/// Whether a write request comes from a page of this site: its `Origin` (or, failing that,
/// `Referer`) names the same host and port as the `Host` it was sent to.
pub fn same_origin(host: Option<&str>, origin: Option<&str>) -> bool {
    let (Some(host), Some(origin)) = (host, origin) else {
        return false;
    };
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).unwrap_or("");
    let origin_host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !origin_host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

/// Cross-site request forgery guard: every request that can change something (anything but
/// GET/HEAD/OPTIONS) must come from this site, or it is refused with 403 and changes nothing.
async fn same_origin_writes(req: Request, next: Next) -> Response {
    use axum::http::Method;
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text(header::ORIGIN).or_else(|| text(header::REFERER));
    if !same_origin(text(header::HOST), origin) {
        let body = serde_json::to_string(&app::error::ApiError::Forbidden).unwrap_or_default();
        return (axum::http::StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    next.run(req).await
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
    } else if path.starts_with("/api/") {
        Some("no-store")
    } else {
        None
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let policy = cache_policy(req.uri().path());
    let mut response = next.run(req).await;
    if let Some(policy) = policy {
        if response.status().is_success() || response.status().as_u16() == 304 {
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
