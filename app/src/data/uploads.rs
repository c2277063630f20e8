//! The images editors uploaded: recorded when stored, checked when a record or an article is
//! pointed at one.

use crate::error::ApiError;
use sqlx::{SqliteConnection, SqlitePool};

/// Records an uploaded image's address ("/uploads/<sha256>.<ext>").
pub async fn record(pool: &SqlitePool, url: &str) -> Result<(), ApiError> {
    sqlx::query("INSERT OR IGNORE INTO uploads (url, created_at) VALUES (?1, ?2)")
        .bind(url)
        .bind(super::now())
        .execute(pool)
        .await?;
    Ok(())
}

/// Checks a changed image address: one under `/uploads/` must have been uploaded (images under
/// `/images/` ship with the portal). `label` names the field in the message.
pub(super) async fn check(conn: &mut SqliteConnection, url: &str, label: &str) -> Result<(), ApiError> {
    if !url.starts_with("/uploads/") {
        return Ok(());
    }
    let known: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM uploads WHERE url = ?1").bind(url).fetch_optional(&mut *conn).await?;
    match known {
        Some(_) => Ok(()),
        None => Err(ApiError::Invalid(format!(
            "“{label}”: không có ảnh này trên cổng thông tin, vui lòng tải ảnh lên lại (bấm “Tải ảnh lên”)."
        ))),
    }
}
