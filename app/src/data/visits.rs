//! Visitor statistics: a visit is a visitor (cookie) not seen for 30 minutes; "đang online"
//! is the number of distinct visitors seen in the last 5 minutes.

use crate::error::ApiError;
use crate::model::VisitStats;
use sqlx::SqlitePool;

pub const VISIT_GAP_SECS: i64 = 30 * 60;
pub const ONLINE_WINDOW_SECS: i64 = 5 * 60;
/// Visitors unseen for longer than this are forgotten (they would count as a new visit anyway).
const FORGET_AFTER_SECS: i64 = 24 * 60 * 60;

/// Records that `visitor` was seen at `now`; starts a new visit if they were away long enough.
pub async fn touch(pool: &SqlitePool, visitor: &str, now: i64) -> Result<(), ApiError> {
    let mut tx = super::begin_write(pool).await?;
    let last_seen: Option<i64> = sqlx::query_scalar("SELECT last_seen FROM visitors WHERE id = ?1")
        .bind(visitor)
        .fetch_optional(&mut *tx)
        .await?;
    if last_seen.is_none_or(|seen| now - seen >= VISIT_GAP_SECS) {
        sqlx::query(
            "INSERT INTO counters (name, value) VALUES ('visits', 1) \
             ON CONFLICT(name) DO UPDATE SET value = value + 1",
        )
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO visitors (id, first_seen, last_seen) VALUES (?1, ?2, ?2) \
         ON CONFLICT(id) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen)",
    )
    .bind(visitor)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM visitors WHERE last_seen < ?1").bind(now - FORGET_AFTER_SECS).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn stats(pool: &SqlitePool, now: i64) -> Result<VisitStats, ApiError> {
    let total: Option<i64> =
        sqlx::query_scalar("SELECT value FROM counters WHERE name = 'visits'").fetch_optional(pool).await?;
    let online: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM visitors WHERE last_seen >= ?1")
        .bind(now - ONLINE_WINDOW_SECS)
        .fetch_one(pool)
        .await?;
    Ok(VisitStats { total: total.unwrap_or(0).max(0) as u64, online: online.max(0) as u64 })
}
