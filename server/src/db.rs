//! The SQLite pool: created if missing, WAL journal, foreign keys on, migrations applied.

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

pub async fn connect(database: &Database) -> Result<SqlitePool, DbError> {
    let options = match database {
        Database::File(path) => SqliteConnectOptions::new().filename(path),
        Database::Url(url) => SqliteConnectOptions::from_str(url)?,
    }
    .create_if_missing(true)
    .journal_mode(SqliteJournalMode::Wal)
    .synchronous(SqliteSynchronous::Normal)
    .foreign_keys(true)
    .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
