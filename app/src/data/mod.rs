//! Data access (server only). Every query is parameterised; functions take the pool so that
//! tests can call them against a temporary database.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod clock;
pub mod content;
pub mod council;
pub mod documents;
pub mod editing;
pub mod purge;
pub mod records;
pub mod resolutions;
pub mod search;
pub mod slugs;
pub mod time;
pub mod uploads;
pub mod visits;

use crate::error::ApiError;
use sqlx::SqlitePool;

/// The pool the server put into the request's context.
pub fn pool() -> Result<SqlitePool, ApiError> {
    leptos::prelude::use_context::<SqlitePool>().ok_or_else(|| {
        tracing::error!("no database pool in context");
        ApiError::Server
    })
}

/// Seconds since the Unix epoch, now, from the one clock.
pub use clock::now;

/// The row offset of a 1-based page of `size` rows; page 0 is refused (400), and no page
/// number can overflow the arithmetic.
pub fn offset(page: u32, size: u32) -> Result<i64, ApiError> {
    if page == 0 {
        return Err(ApiError::Invalid("Số trang không hợp lệ (trang bắt đầu từ 1).".into()));
    }
    Ok((i64::from(page) - 1) * i64::from(size))
}

/// A transaction that will write: it takes SQLite's write lock when it begins
/// (`BEGIN IMMEDIATE`), so writers queue behind one another (for up to the busy timeout)
/// instead of failing. A deferred transaction that read first could not upgrade its lock once
/// another writer had committed ("database is locked"), and the busy timeout does not help.
pub async fn write(pool: &SqlitePool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
