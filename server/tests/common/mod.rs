//! A real SQLite file in a temporary directory, migrated and loaded with the demo content.

use server::config::Database;
use sqlx::SqlitePool;

pub struct TestDb {
    pub pool: SqlitePool,
    pub _dir: tempfile::TempDir,
}

pub async fn demo_db() -> TestDb {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = server::db::connect(&Database::File(dir.path().join("test.db")))
        .await
        .expect("database opens and migrates");
    assert!(server::demo::load_if_empty(&pool).await.expect("demo loads"));
    TestDb { pool, _dir: dir }
}
