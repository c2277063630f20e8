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

/// Whether an uploaded image ("<sha256>.<ext>") is recorded, or named anywhere an image address
/// can be: an article's body or image, a page's body, a delegate's photo, a library photo, an old revision (it
/// can be restored), a menu item, a link or a setting. Used before an unreferenced upload is
/// deleted, so it errs on the side of keeping.
pub async fn is_referenced(pool: &SqlitePool, stored_name: &str) -> Result<bool, ApiError> {
    let found: bool = sqlx::query_scalar(
        "SELECT EXISTS(SELECT 1 FROM uploads WHERE instr(url, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM articles WHERE instr(body_html, ?1) > 0 OR instr(COALESCE(image_url, ''), ?1) > 0) \
             OR EXISTS(SELECT 1 FROM pages WHERE instr(body_html, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM people WHERE instr(COALESCE(photo_url, ''), ?1) > 0) \
             OR EXISTS(SELECT 1 FROM photos WHERE instr(sizes, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM revisions WHERE instr(data, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM menu_items WHERE instr(href, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM links WHERE instr(url, ?1) > 0) \
             OR EXISTS(SELECT 1 FROM settings WHERE instr(value, ?1) > 0)",
    )
    .bind(stored_name)
    .fetch_one(pool)
    .await?;
    Ok(found)
}
