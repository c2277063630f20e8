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
pub mod feeds;
pub mod form_stamp;
pub mod mail;
pub mod mail_forms;
pub mod open_data;
pub mod password_resets;
pub mod photos;
pub mod purge;
pub mod questions;
pub mod records;
pub mod resolutions;
pub mod search;
pub mod sitemap;
pub mod slugs;
pub mod subscriptions;
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

/// The count of rows and of pages of `size` (at least one); a page past the last is 404.
pub(crate) fn pages(total: i64, size: u32, page: u32) -> Result<(u64, u32), ApiError> {
    let total = total.max(0) as u64;
    let total_pages = total.div_ceil(u64::from(size)).max(1) as u32;
    if page > total_pages {
        return Err(ApiError::NotFound);
    }
    Ok((total, total_pages))
}

/// A transaction that will write: it takes SQLite's write lock when it begins
/// (`BEGIN IMMEDIATE`), so writers queue behind one another (for up to the busy timeout)
/// instead of failing. A deferred transaction that read first could not upgrade its lock once
/// another writer had committed ("database is locked"), and the busy timeout does not help.
///
/// Its commit moves readers on to a new [`generation`]: pages rendered before it are not
/// served again (see the server's page cache).
pub async fn write(pool: &SqlitePool) -> Result<Write, sqlx::Error> {
    Ok(Write { tx: pool.begin_with("BEGIN IMMEDIATE").await?, seen_by_readers: true })
}

/// A write readers never see on a page (login attempts, sessions, visit counters): the same
/// lock, but its commit leaves the pages cached, so a flood of such writes cannot empty the
/// cache.
pub async fn write_unseen(pool: &SqlitePool) -> Result<Write, sqlx::Error> {
    Ok(Write { tx: pool.begin_with("BEGIN IMMEDIATE").await?, seen_by_readers: false })
}

/// A write in progress; dropped without `commit`, it is rolled back.
pub struct Write {
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    seen_by_readers: bool,
}

impl Write {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await?;
        if self.seen_by_readers {
            generation::advance();
        }
        Ok(())
    }
}

impl std::ops::Deref for Write {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for Write {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

pub use generation::current as generation;

/// What readers see changes only when a write commits: the number of such commits since the
/// server started. Advanced after the commit, so a page rendered from the old data is always
/// filed under an older number than any page rendered after it.
mod generation {
    use std::sync::atomic::{AtomicU64, Ordering};

    static GENERATION: AtomicU64 = AtomicU64::new(0);

    pub fn current() -> u64 {
        GENERATION.load(Ordering::Acquire)
    }

    pub(super) fn advance() {
        GENERATION.fetch_add(1, Ordering::AcqRel);
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn a_commit_moves_readers_on() {
            let before = super::current();
            super::advance();
            assert!(super::current() > before);
        }
    }
}
