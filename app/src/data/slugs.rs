//! Unique slugs in a table: the one place a new or renamed document gets its address.

use crate::error::ApiError;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// The first of `base`, `base-2`, `base-3`… that no other row of `table` (than `id`) has.
/// `table` is a fixed name from a kind's description, never input.
pub async fn unique(conn: &mut SqliteConnection, table: &'static str, base: &str, id: i64) -> Result<String, ApiError> {
    for candidate in crate::slug::candidates(base) {
        let mut q = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM ");
        q.push(table).push(" WHERE slug = ").push_bind(candidate.clone()).push(" AND id <> ").push_bind(id);
        let taken: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
        if taken == 0 {
            return Ok(candidate);
        }
    }
    Err(ApiError::Server)
}
