//! Image uploads from the editor toolbar: signed-in editors only, at most 5 MB, JPEG, PNG,
//! GIF or WebP — decoded to prove it really is one, turned upright and stripped of its
//! metadata (`clean_image`) — stored under `DATA_DIR/uploads/` by content hash, so the same
//! image is stored once and can be cached for ever.

use app::client::Client;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use sqlx::SqlitePool;
use std::path::PathBuf;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub use crate::clean_image::MAX_PIXELS;

#[derive(Clone)]
pub struct Uploads {
    pub pool: SqlitePool,
    pub dir: PathBuf,
}

use app::model::Uploaded;

/// `POST /api/upload` (multipart, field `file`).
pub fn routes(uploads: Uploads) -> Router {
    Router::new()
        .route("/api/upload", post(upload))
        .layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024))
        .with_state(uploads)
}

pub fn refuse(status: StatusCode, error: app::error::ApiError) -> Response {
    (status, Json(error)).into_response()
}

/// The signed-in user, if the request carries a live login session; otherwise the 401 (or 500)
/// to send.
pub async fn require_login_session(pool: &SqlitePool, headers: &HeaderMap) -> Result<app::auth::UserInfo, Response> {
    use app::error::ApiError;
    let user = match app::login_session::token_from(headers) {
        Some(token) => app::data::accounts::login_session_user(pool, &token, app::data::now()).await,
        None => Ok(None),
    };
    match user {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(refuse(StatusCode::UNAUTHORIZED, ApiError::Unauthorized)),
        Err(e) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, e)),
    }
}

/// Appends an upload or attachment to the audit log (a failure to do so is logged; the write
/// stands).
pub async fn audit(
    pool: &SqlitePool,
    user: &app::auth::UserInfo,
    client: Option<Extension<Client>>,
    action: app::audit::Action,
    target: &str,
) {
    let ip = client.map(|Extension(c)| c.ip).unwrap_or_else(|| Client::unknown().ip);
    app::data::audit::append_after(pool, app::data::audit::Actor::Account { user, ip: &ip }, action, target).await;
}

async fn upload(
    State(uploads): State<Uploads>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    use app::error::ApiError;
    let user = match require_login_session(&uploads.pool, &headers).await {
        Ok(user) => user,
        Err(refused) => return refused,
    };
    let mut bytes = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(b) => bytes = Some(b),
                Err(_) => return too_big(),
            },
            // Other fields are ignored.
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return too_big(),
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid("Chưa chọn tệp ảnh.".into()));
    };
    if bytes.len() > MAX_BYTES {
        return too_big();
    }
    // Decoded, turned upright and encoded again without its metadata (see `clean_image`).
    let cleaned = match tokio::task::spawn_blocking(move || crate::clean_image::clean(&bytes)).await {
        Ok(Ok(cleaned)) => cleaned,
        Ok(Err(message)) => return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, ApiError::Invalid(message.into())),
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server),
    };
    let (width, height) = (cleaned.width, cleaned.height);
    let name = match crate::files::store(&uploads.dir, &cleaned.bytes, cleaned.ext).await {
        Ok(name) => name,
        Err(e) => {
            tracing::error!(error = %e, "could not store an upload");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server);
        }
    };
    let url = format!("/uploads/{name}");
    if let Err(e) = app::data::uploads::record(&uploads.pool, &url).await {
        tracing::error!(error = %e, "could not record an upload");
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server);
    }
    audit(&uploads.pool, &user, client, app::audit::Action::Upload, &url).await;
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(Uploaded { url, width, height })).into_response()
}

fn too_big() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        app::error::ApiError::Invalid(format!("Ảnh quá lớn (tối đa {} MB).", MAX_BYTES / 1024 / 1024)),
    )
}
