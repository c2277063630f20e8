//! Attaching documents to records from the editor's form: `POST /api/attach` (multipart:
//! `kind`, `slug`, optional `title` and `doc_kind`, and `file`). Signed-in editors only, at
//! most 20 MB, PDF or office documents recognised by their content (not only their name),
//! stored under `DATA_DIR/files/` by content hash and served by `/tai-lieu/`. The record is
//! checked before the file is stored (no orphans), and purged content is refused.

use crate::upload::{refuse, require_login_session};
use app::data::attachments::{attach, check_target, NewFile};
use app::error::ApiError;
use app::records::RecordKind;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use sqlx::SqlitePool;
use std::path::PathBuf;

pub const MAX_BYTES: usize = 20 * 1024 * 1024;

#[derive(Clone)]
pub struct Attachments {
    pub pool: SqlitePool,
    pub dir: PathBuf,
}

pub fn routes(state: Attachments) -> Router {
    Router::new()
        .route("/api/attach", post(upload))
        .layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024))
        .with_state(state)
}

/// The accepted types: extension, MIME type, and the bytes such a file starts with.
const TYPES: &[(&str, &str, &[u8])] = &[
    ("pdf", "application/pdf", b"%PDF-"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK\x03\x04"),
    ("odt", "application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet", b"PK\x03\x04"),
    ("doc", "application/msword", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
    ("xls", "application/vnd.ms-excel", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
];

/// The extension and MIME type of a document, if its name and its first bytes agree on an
/// accepted type.
pub fn recognise(file_name: &str, bytes: &[u8]) -> Result<(&'static str, &'static str), &'static str> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (ext, mime, magic) = TYPES
        .iter()
        .find(|(e, _, _)| *e == ext)
        .ok_or("Chỉ nhận tệp PDF, Word, Excel, PowerPoint hoặc OpenDocument (.pdf, .doc, .docx, .xls, .xlsx, .pptx, .odt, .ods).")?;
    if !bytes.starts_with(magic) {
        return Err("Nội dung tệp không đúng với loại tệp (tệp bị hỏng hoặc bị đổi tên).");
    }
    Ok((ext, mime))
}

/// The download name: the editor's file name, cleaned (no path, no control characters).
pub fn clean_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    app::sanitize::text(base, 200)
}

async fn upload(
    State(state): State<Attachments>,
    client: Option<axum::Extension<app::client::Client>>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let user = match require_login_session(&state.pool, &headers).await {
        Ok(user) => user,
        Err(refused) => return refused,
    };
    let (mut kind, mut slug, mut title, mut doc_kind, mut file) =
        (String::new(), String::new(), String::new(), String::new(), None);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if name == "file" {
                    let file_name = field.file_name().unwrap_or_default().to_string();
                    match field.bytes().await {
                        Ok(b) => file = Some((file_name, b)),
                        Err(_) => return too_big(),
                    }
                } else {
                    let Ok(text) = field.text().await else { return too_big() };
                    match name.as_str() {
                        "kind" => kind = text,
                        "slug" => slug = text,
                        "title" => title = app::sanitize::text(&text, 300),
                        "doc_kind" => doc_kind = app::sanitize::text(&text, 60),
                        _ => {}
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return too_big(),
        }
    }
    let Some(kind) = RecordKind::parse(&kind) else {
        return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid("Loại bản ghi không hợp lệ.".into()));
    };
    // The record first: a file for a record that cannot take it is never stored.
    if let Err(e) = check_target(&state.pool, kind, &slug).await {
        return refuse(status_of(&e), e);
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid("Chưa chọn tệp.".into()));
    };
    if bytes.len() > MAX_BYTES {
        return too_big();
    }
    let file_name = clean_name(&file_name);
    let (ext, mime) = match recognise(&file_name, &bytes) {
        Ok(found) => found,
        Err(message) => return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, ApiError::Invalid(message.into())),
    };
    match app::data::purge::is_purged(&state.pool, &crate::files::stored_name(&bytes, ext)).await {
        Ok(false) => {}
        Ok(true) => return refuse(StatusCode::BAD_REQUEST, ApiError::Invalid(PURGED.into())),
        Err(e) => return refuse(status_of(&e), e),
    }
    let stored = match crate::files::store(&state.dir, &bytes, ext).await {
        Ok(name) => name,
        Err(e) => {
            tracing::error!(error = %e, "could not store an attachment");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server);
        }
    };
    let title = if title.is_empty() {
        file_name.rsplit_once('.').map(|(t, _)| t.to_string()).unwrap_or_else(|| file_name.clone())
    } else {
        title
    };
    let new = NewFile {
        file_name: &file_name,
        stored: &stored,
        size: bytes.len() as i64,
        mime,
        title: &title,
        doc_kind: &doc_kind,
    };
    match attach(&state.pool, kind, &slug, new).await {
        Ok(file) => {
            let target = format!("{}:{slug} {stored}", kind.key());
            crate::upload::audit(&state.pool, &user, client, app::audit::Action::Attach, &target).await;
            (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(file)).into_response()
        }
        Err(e) => refuse(status_of(&e), e),
    }
}

/// What attaching a purged file's content again answers.
pub const PURGED: &str = "Tệp này đã bị xóa vĩnh viễn khỏi cổng thông tin và không thể đính kèm lại.";

fn status_of(e: &ApiError) -> StatusCode {
    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn too_big() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        ApiError::Invalid(format!("Tệp quá lớn (tối đa {} MB).", MAX_BYTES / 1024 / 1024)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_recognised_by_name_and_content() {
        assert_eq!(recognise("Tờ trình.PDF", b"%PDF-1.4 ...").map(|t| t.0), Ok("pdf"));
        assert_eq!(recognise("bao-cao.docx", b"PK\x03\x04....").map(|t| t.0), Ok("docx"));
        assert!(recognise("anh.exe", b"MZ").is_err());
        assert!(recognise("gia-mao.pdf", b"<html>").is_err(), "a renamed file is refused");
        assert!(recognise("khong-co-duoi", b"%PDF-").is_err());
        assert_eq!(clean_name("C:\\Users\\a\\Tờ trình số 1.pdf"), "Tờ trình số 1.pdf");
        assert_eq!(clean_name("../../etc/passwd.pdf"), "passwd.pdf");
    }
}
