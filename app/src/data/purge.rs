//! Withdrawing a stored file for good (an administrator's decision, e.g. a document published
//! by mistake): every attachment pointing at it is removed, the name is written to
//! `purged_files` with who, when and why, and the file is deleted from `DATA_DIR/files/`.
//! From then on `/tai-lieu/<name>` answers 410 Gone, and the same content cannot be attached
//! again.

use super::attachments::is_stored_name;
use super::audit::Actor;
use crate::error::ApiError;
use crate::records::RecordKind;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};

/// The directory of stored files (`DATA_DIR/files`), put into the request's context by the
/// server for the server functions that delete files.
#[derive(Clone, Debug)]
pub struct FilesDir(pub PathBuf);

/// The stored files' directory from the request's context.
pub fn files_dir() -> Result<PathBuf, ApiError> {
    leptos::prelude::use_context::<FilesDir>().map(|d| d.0).ok_or_else(|| {
        tracing::error!("no files directory in context");
        ApiError::Server
    })
}

/// What `purged_by` says for a purge from the command line (as the audit log does).
pub use crate::audit::COMMAND_LINE;

/// The longest reason kept.
const REASON_MAX: usize = 500;

/// Whether a stored name was purged (its download answers 410 Gone).
pub async fn is_purged(pool: &SqlitePool, stored_name: &str) -> Result<bool, ApiError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM purged_files WHERE stored_name = ?1")
        .bind(stored_name)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// Purges `stored_name` from `dir`; answers how many attachments pointed at it. A name that is
/// neither attached nor on disk nor already purged is unknown (404). Purging again finishes
/// a purge whose file could not be deleted the first time, and keeps the first log entry.
pub async fn purge(
    pool: &SqlitePool,
    dir: &Path,
    stored_name: &str,
    by: Actor<'_>,
    reason: &str,
) -> Result<u64, ApiError> {
    if !is_stored_name(stored_name) {
        return Err(ApiError::Invalid("Tên tệp lưu trữ không hợp lệ (dạng <sha256>.<đuôi>).".into()));
    }
    let reason = crate::sanitize::text(reason, REASON_MAX);
    if reason.is_empty() {
        return Err(ApiError::Invalid("Vui lòng ghi lý do xóa vĩnh viễn tệp.".into()));
    }
    let path = dir.join(stored_name);
    let on_disk = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    let mut tx = super::write(pool).await?;
    let records: Vec<(String, i64)> =
        sqlx::query_as("SELECT DISTINCT kind, record_id FROM attachments WHERE stored_name = ?1")
            .bind(stored_name)
            .fetch_all(&mut *tx)
            .await?;
    let already: Option<i64> = sqlx::query_scalar("SELECT 1 FROM purged_files WHERE stored_name = ?1")
        .bind(stored_name)
        .fetch_optional(&mut *tx)
        .await?;
    if records.is_empty() && !on_disk && already.is_none() {
        return Err(ApiError::NotFound);
    }
    let detached = sqlx::query("DELETE FROM attachments WHERE stored_name = ?1")
        .bind(stored_name)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let (user_id, purged_by) = by.who();
    sqlx::query(
        "INSERT INTO purged_files (stored_name, purged_at, user_id, purged_by, reason) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT(stored_name) DO NOTHING",
    )
    .bind(stored_name)
    .bind(super::now())
    .bind(user_id)
    .bind(purged_by)
    .bind(&reason)
    .execute(&mut *tx)
    .await?;
    let target = format!("{stored_name}: {reason}");
    super::audit::record_in(&mut tx, by, crate::audit::Action::Purge, &target).await?;
    // A sitting's document titles are part of what search finds for it.
    for (kind, id) in &records {
        if let Some(kind) = RecordKind::parse(kind) {
            super::search::sync(&mut tx, kind.search_kind(), *id).await?;
        }
    }
    tx.commit().await?;
    // Deleted only once nothing points at it any more; the download already answers 410.
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(detached),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(detached),
        Err(e) => {
            tracing::error!(error = %e, file = %path.display(), "could not delete a purged file");
            Err(ApiError::Server)
        }
    }
}
