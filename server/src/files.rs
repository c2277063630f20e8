//! The content-addressed file store (`store`), and downloading the files attached to
//! resolutions and other records: `/tai-lieu/<sha256>.<ext>`, only for files attached to a
//! public record, with the original name in `Content-Disposition`. The file is streamed from
//! disk (ranges too, so an interrupted download can resume); its hash is its `ETag`, and it is
//! cached only briefly, since a document can be withdrawn. A purged file answers 410 Gone.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use std::path::PathBuf;
use tower::ServiceExt;

/// How long browsers and proxies may keep a download: five minutes, so a withdrawn document
/// stops being served soon after.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// What a purged file's address answers.
pub const GONE: &str = "Tệp này đã bị gỡ bỏ vĩnh viễn khỏi cổng thông tin và không còn được cung cấp.";

#[derive(Clone)]
struct Files {
    pool: SqlitePool,
    dir: PathBuf,
}

pub fn routes(pool: SqlitePool, dir: PathBuf) -> Router {
    Router::new().route("/tai-lieu/{name}", get(download)).with_state(Files { pool, dir })
}

/// The name a file's content is stored under: "<sha256>.<ext>".
pub fn stored_name(bytes: &[u8], ext: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    format!("{hash}.{ext}")
}

/// Stores `bytes` under `dir` as "<sha256>.<ext>" and returns that name. A file already there
/// (same content) is left as it is; a new one is written through a temporary file (a name
/// starting with a dot, which backups skip), so a half-written file is never served. The
/// bytes, then the name, are synced to disk before this returns: the row that points at the
/// file is written after it, and must never outlive it in a power cut.
pub async fn store(dir: &std::path::Path, bytes: &[u8], ext: &str) -> std::io::Result<String> {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tokio::io::AsyncWriteExt;
    // Two uploads of the same file at once each write their own temporary file.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = stored_name(bytes, ext);
    let path = dir.join(&name);
    if !path.exists() {
        let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        tokio::fs::create_dir_all(dir).await?;
        let mut file = tokio::fs::File::create(&tmp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&tmp, &path).await?;
        sync_dir(dir).await?;
    }
    Ok(name)
}

/// Syncs a directory, so that the names created or renamed in it are on disk too.
pub async fn sync_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    tokio::fs::File::open(dir).await?.sync_all().await?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Only names the server itself gives files: a SHA-256 and a short extension.
pub use app::data::attachments::is_stored_name;

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987).
pub fn disposition(file_name: &str) -> String {
    let ascii: String = deunicode::deunicode(file_name)
        .chars()
        .filter(|c| (c.is_ascii_graphic() || *c == ' ') && *c != '"' && *c != '\\')
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A stored file's entity tag: its SHA-256 (the first part of its name), quoted.
pub fn etag(name: &str) -> String {
    format!("\"{}\"", name.split_once('.').map_or(name, |(hash, _)| hash))
}

/// Whether `If-None-Match` names this entity tag (or `*`); weak tags match too (RFC 9110
/// 13.1.2 compares them weakly).
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

async fn download(State(files): State<Files>, Path(name): Path<String>, req: Request) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Không tìm thấy tệp.").into_response();
    if !is_stored_name(&name) {
        return not_found();
    }
    match app::data::purge::is_purged(&files.pool, &name).await {
        Ok(true) => return (StatusCode::GONE, GONE).into_response(),
        Ok(false) => {}
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    // Editors also get files readers do not see yet (a question's, during moderation), and
    // those answers are theirs alone.
    let editor = crate::upload::require_login_session(&files.pool, req.headers()).await.is_ok();
    let Ok((file_name, mime)) = app::data::attachments::public_file(&files.pool, &name, editor).await else {
        return not_found();
    };
    let etag = etag(&name);
    let ours = |response: &mut Response| {
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, v);
        }
        let policy = if editor { crate::page_cache::EDITORS } else { CACHE_CONTROL };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    };
    if none_match(req.headers(), &etag) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        ours(&mut response);
        return response;
    }
    let Ok(mime) = HeaderValue::from_str(&mime) else {
        return not_found();
    };
    // Streams the file: ranges, HEAD, Last-Modified and If-Modified-Since included.
    let served = tower_http::services::ServeFile::new(files.dir.join(&name)).oneshot(req).await;
    let mut response = match served {
        Ok(r) if r.status() == StatusCode::NOT_FOUND => return not_found(),
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    ours(&mut response);
    if response.status().is_success() {
        let headers = response.headers_mut();
        // The type recorded when the file was attached, not a guess from the extension.
        headers.insert(header::CONTENT_TYPE, mime);
        if let Ok(v) = HeaderValue::from_str(&disposition(&file_name)) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_stored_names_are_served() {
        assert!(is_stored_name(&format!("{}.pdf", "a".repeat(64))));
        assert!(!is_stored_name("../../etc/passwd"));
        assert!(!is_stored_name(&format!("{}.pdf/..", "a".repeat(64))));
        assert!(!is_stored_name("abc.pdf"));
    }

    #[test]
    fn download_names_keep_vietnamese() {
        assert_eq!(
            disposition("Nghị quyết 12.pdf"),
            "attachment; filename=\"Nghi quyet 12.pdf\"; filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2012.pdf"
        );
    }
}
