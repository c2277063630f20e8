//! Data access (server only). Every query is parameterised; functions take the pool so that
//! tests can call them against a temporary database.

pub mod accounts;
pub mod attachments;
pub mod clock;
pub mod content;
pub mod council;
pub mod documents;
pub mod editing;
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

/// Begins a transaction that will write. It takes SQLite's write lock at its start (`BEGIN
/// IMMEDIATE`), so it waits its turn behind the other writers, up to the pool's busy timeout.
/// A plain (deferred) transaction only asks for the lock at its first write, and if it has
/// read before that while another writer got in, SQLite cannot let it wait: it answers
/// "database is locked" at once, and an editor's save would fail only because someone else
/// was saving at the same moment. Every transaction that writes begins here.
pub async fn begin_write(pool: &SqlitePool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Seconds since the Unix epoch, now, from the one clock.
pub use clock::now;
