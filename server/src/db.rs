//! The SQLite pool: created if missing, WAL journal, every commit synced to disk, foreign keys
//! on, migrations applied.

use crate::config::Database;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("không mở được cơ sở dữ liệu: {0}")]
    Open(#[from] sqlx::Error),
    #[error("không áp dụng được migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How long a connection waits for another's write lock before giving up. SQLite lets one
/// writer in at a time; the others must queue behind it (a save that fails because someone
/// else was saving at the same moment would be lost work), so the wait is generous.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Each connection's page cache, in KiB (SQLite's `cache_size` takes a negative number as
/// KiB). SQLite's default is 2 MiB per connection, 16 MiB for the pool, kept in the server's
/// memory although the operating system caches the same file pages: renders are few (readers
/// are answered from the page cache), and a page SQLite must read again comes from the
/// operating system's cache in a microsecond.
pub const CACHE_SIZE: &str = "-512";

/// Opens (creating if needed) and migrates the database.
///
/// `synchronous = FULL`: in WAL mode SQLite then syncs the log to disk at every commit, so a
/// save is on the disk before the editor is told it was saved, and survives a power cut or a
/// kernel crash as well as a crash of the server. With `NORMAL` a commit only reaches the
/// operating system, and the last commits before a power cut can be lost although they were
/// acknowledged. The price is one sync per write transaction, which editorial writes (a few a
/// minute) do not notice; reads are not affected.
pub async fn connect(database: &Database) -> Result<SqlitePool, DbError> {
    let options = match database {
        Database::File(path) => SqliteConnectOptions::new().filename(path),
        Database::Url(url) => SqliteConnectOptions::from_str(url)?,
    }
    .create_if_missing(true)
    .journal_mode(SqliteJournalMode::Wal)
    .synchronous(SqliteSynchronous::Full)
    .foreign_keys(true)
    .busy_timeout(BUSY_TIMEOUT)
    .pragma("cache_size", CACHE_SIZE);
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
