//! The content-addressed file store (`store`), and downloading the files attached to
//! resolutions and other records: `/tai-lieu/<sha256>.<ext>`, only for files attached to a
//! public record, with the original name in `Content-Disposition`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use std::path::PathBuf;

#[derive(Clone)]
struct Files {
    pool: SqlitePool,
    dir: PathBuf,
}

pub fn routes(pool: SqlitePool, dir: PathBuf) -> Router {
    Router::new().route("/tai-lieu/{name}", get(download)).with_state(Files { pool, dir })
}

/// Stores `bytes` under `dir` as "<sha256>.<ext>" and returns that name. A file already there
/// (same content) is left as it is; a new one is written through a temporary file (a name
/// starting with a dot, which backups skip), so a half-written file is never served. The
/// bytes, then the name, are synced to disk before this returns: the row that points at the
/// file is written after it, and must never outlive it in a power cut.
pub async fn store(dir: &std::path::Path, bytes: &[u8], ext: &str) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    use tokio::io::AsyncWriteExt;
    // Two uploads of the same file at once each write their own temporary file.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("{hash}.{ext}");
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
pub fn is_stored_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == 64
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

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

async fn download(State(files): State<Files>, Path(name): Path<String>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Không tìm thấy tệp.").into_response();
    if !is_stored_name(&name) {
        return not_found();
    }
    let Ok((file_name, mime)) = app::data::attachments::public_file(&files.pool, &name).await else {
        return not_found();
    };
    let Ok(bytes) = tokio::fs::read(files.dir.join(&name)).await else {
        return not_found();
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition(&file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
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
