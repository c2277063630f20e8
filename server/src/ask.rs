//! "Gửi câu hỏi, góp ý": the public question form posts here, as multipart so that it can
//! carry one attachment (`app::questions::ASK_ACTION`). The fields are checked whatever the
//! browser did, then the anti-bot stamp, then the file: a document of an accepted type
//! (recognised by its content, as for editors), at most `FILE_MAX_BYTES`, stored by content
//! hash and attached to the question in the transaction that stores it.
//!
//! Without JavaScript the browser is sent back to the form with the answer's code; the app
//! posts the same form asking for JSON, and gets the answer or the error as JSON.

use crate::upload::refuse;
use app::data::mail::Postbox;
use app::error::ApiError;
use app::mail::{notice_code, MailOutcome, QUESTION_ANSWERS};
use app::questions::{ASK_ACTION, FILE_FIELD, FILE_MAX_BYTES, FILE_REFUSED, FILE_TOO_BIG};
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub const NOT_A_FORM: &str = "Yêu cầu không phải là biểu mẫu gửi câu hỏi (multipart/form-data).";

/// The text fields are short; anything longer than this is not a person's question.
const FIELD_MAX_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct Asking {
    pub pool: SqlitePool,
    /// The file store (`DATA_DIR/files`).
    pub dir: PathBuf,
    pub postbox: Arc<Postbox>,
}

pub fn routes(state: Asking) -> Router {
    Router::new()
        .route(ASK_ACTION, post(ask))
        .layer(DefaultBodyLimit::max(FILE_MAX_BYTES + 256 * 1024))
        .with_state(state)
}

/// What the form sent: its text fields, and the attachment (name and bytes) if one was chosen.
#[derive(Default)]
struct Sent {
    fields: HashMap<String, String>,
    file: Option<(String, Bytes)>,
}

/// Reads the multipart body; a body over the limit, or broken, is a file too large.
async fn read(mut multipart: Multipart) -> Result<Sent, ApiError> {
    let too_big = || ApiError::Invalid(FILE_TOO_BIG.into());
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == FILE_FIELD {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| too_big())?;
            // A file input left empty still sends a part, nameless and empty.
            if !bytes.is_empty() {
                sent.file = Some((file_name, bytes));
            }
        } else {
            let text = field.text().await.map_err(|_| too_big())?;
            if text.len() > FIELD_MAX_BYTES {
                return Err(ApiError::Invalid(app::questions::TEXT_MISSING.into()));
            }
            sent.fields.insert(name, text);
        }
    }
    Ok(sent)
}

async fn submit(state: &Asking, client: &app::client::Client, multipart: Multipart) -> Result<(), ApiError> {
    let sent = read(multipart).await?;
    let get = |key: &str| sent.fields.get(key).cloned().unwrap_or_default();
    let question = app::data::questions::checked(get)?;
    app::data::form_stamp::check(&state.pool, &get(app::mail::STAMP_FIELD), &get(app::mail::TRAP_FIELD)).await?;
    let Some((file_name, bytes)) = sent.file else {
        return app::data::questions::submit(&state.pool, &question, None, &client.ip, &client.base_url).await;
    };
    if bytes.len() > FILE_MAX_BYTES {
        return Err(ApiError::Invalid(FILE_TOO_BIG.into()));
    }
    let file_name = crate::attach::clean_name(&file_name);
    let (ext, mime) =
        crate::attach::recognise(&file_name, &bytes).map_err(|_| ApiError::Invalid(FILE_REFUSED.into()))?;
    if app::data::purge::is_purged(&state.pool, &crate::files::stored_name(&bytes, ext)).await? {
        return Err(ApiError::Invalid(FILE_REFUSED.into()));
    }
    let stored = crate::files::store(&state.dir, &bytes, ext).await.map_err(|e| {
        tracing::error!(error = %e, "could not store a question's attachment");
        ApiError::Server
    })?;
    let file = app::data::attachments::NewFile {
        file_name: &file_name,
        stored: &stored,
        size: bytes.len() as i64,
        mime,
        title: "",
        doc_kind: "",
    };
    app::data::questions::submit(&state.pool, &question, Some(file), &client.ip, &client.base_url).await
}

async fn ask(
    State(state): State<Asking>,
    client: Option<Extension<app::client::Client>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let client = client.map(|Extension(c)| c).unwrap_or_else(app::client::Client::unknown);
    let result = match multipart {
        Ok(multipart) => submit(&state, &client, multipart).await,
        // Not a form's multipart body at all.
        Err(_) => Err(ApiError::Invalid(NOT_A_FORM.into())),
    };
    if result.is_ok() {
        state.postbox.wake.notify_one();
    }
    let outcome = result.map(|()| MailOutcome::new(state.postbox.configured, QUESTION_ANSWERS));
    let plain = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    if plain {
        let code = match &outcome {
            Ok(done) => notice_code(&done.message),
            Err(e) => notice_code(&e.to_string()),
        };
        return Redirect::to(&format!("/hoi-dap/gui?{}={code}#gui-cau-hoi", app::api::ASK_RESULT_PARAM))
            .into_response();
    }
    match outcome {
        Ok(done) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(done)).into_response(),
        Err(e) => refuse(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST), e),
    }
}
