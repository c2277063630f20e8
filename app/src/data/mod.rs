//! Data access (server only). Every query is parameterised; functions take the pool so that
//! tests can call them against a temporary database.

pub mod accounts;
pub mod attachments;
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
