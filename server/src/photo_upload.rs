//! Adding photos to an album: `POST /api/albums/<album>/photos` (multipart: `file`, and
//! optionally `caption` and `taken_on`), signed-in editors only. The upload is checked like
//! any image (`clean_image`), turned upright, resized into the library's widths
//! (`photo_sizes`) and added at the end of the album. Answers the new photo's id and address.

use crate::upload::{audit, refuse, require_login_session, Uploads, MAX_BYTES};
use app::client::Client;
use app::error::ApiError;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};

pub fn routes(uploads: Uploads) -> Router {
    Router::new()
        .route("/api/albums/{album}/photos", post(add))
        .layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024))
        .with_state(uploads)
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    file: Option<axum::body::Bytes>,
    caption: String,
    taken_on: String,
}

async fn read(mut multipart: Multipart) -> Result<Sent, Response> {
    let mut sent = Sent::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(sent),
            Err(_) => return Err(too_big()),
        };
        match field.name() {
            Some("file") => sent.file = Some(field.bytes().await.map_err(|_| too_big())?),
            Some("caption") => sent.caption = field.text().await.map_err(|_| bad_form())?,
            Some("taken_on") => sent.taken_on = field.text().await.map_err(|_| bad_form())?,
            _ => {}
        }
    }
}

async fn add(
    State(uploads): State<Uploads>,
    Path(album): Path<String>,
    client: Option<Extension<Client>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let user = match require_login_session(&uploads.pool, &headers).await {
        Ok(user) => user,
        Err(refused) => return refused,
    };
    if !user.role.can_edit() {
        return refuse(StatusCode::FORBIDDEN, ApiError::Forbidden);
    }
    let sent = match read(multipart).await {
        Ok(sent) => sent,
        Err(refused) => return refused,
    };
    let album_title: Option<String> = match sqlx::query_scalar("SELECT title FROM albums WHERE slug = ?1")
        .bind(&album)
        .fetch_optional(&uploads.pool)
        .await
    {
        Ok(title) => title,
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, e.into()),
    };
    let Some(album_title) = album_title else {
        return refuse(StatusCode::NOT_FOUND, ApiError::NotFound);
    };
    let Some(bytes) = sent.file.filter(|b| !b.is_empty()) else {
        return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid("Chưa chọn tệp ảnh.".into()));
    };
    if bytes.len() > MAX_BYTES {
        return too_big();
    }
    // Without a caption the photo is described by its album's title until an editor writes one.
    let caption = if sent.caption.trim().is_empty() { album_title } else { sent.caption };
    if let Err(message) = app::photos::check_caption(&caption) {
        return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid(message));
    }
    let encoded = tokio::task::spawn_blocking(move || {
        crate::clean_image::decode_upright(&bytes).and_then(|image| crate::photo_sizes::encode(&image))
    })
    .await;
    let encoded = match encoded {
        Ok(Ok(encoded)) => encoded,
        Ok(Err(message)) => return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, ApiError::Invalid(message.into())),
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server),
    };
    let sizes = match crate::photo_sizes::store(&uploads.pool, &uploads.dir, encoded).await {
        Ok(sizes) => sizes,
        Err(e) => {
            tracing::error!(error = %e, "could not store a photo's sizes");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server);
        }
    };
    let added = async {
        let mut tx = app::data::write(&uploads.pool).await?;
        let taken_on = Some(sent.taken_on.as_str());
        let id = app::data::photos::add_photo(&mut tx, &album, &caption, taken_on, &sizes, false).await?;
        tx.commit().await?;
        Ok::<_, ApiError>(id)
    }
    .await;
    let id = match added {
        Ok(id) => id,
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return refuse(status, e);
        }
    };
    audit(&uploads.pool, &user, client, app::audit::Action::Upload, &format!("photo:{id}")).await;
    let added = app::photos::AddedPhoto { id, href: app::photos::photo_href(&album, id) };
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(added)).into_response()
}

fn too_big() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        ApiError::Invalid(format!("Ảnh quá lớn (tối đa {} MB).", MAX_BYTES / 1024 / 1024)),
    )
}

fn bad_form() -> Response {
    refuse(StatusCode::BAD_REQUEST, ApiError::Invalid("Biểu mẫu gửi lên không hợp lệ.".into()))
}
