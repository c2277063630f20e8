//! The audit log (server only): one row for every write, appended and never changed (the
//! table's triggers refuse updates and deletions).

use crate::audit::{Action, AuditEntry, AuditPage, AUDIT_PAGE_SIZE, COMMAND_LINE};
use crate::auth::UserInfo;
use crate::error::ApiError;
use sqlx::{SqliteConnection, SqlitePool};

/// Who wrote: an account through the portal (and from which address), or the command line.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    Account { user: &'a UserInfo, ip: &'a str },
    CommandLine,
}

impl Actor<'_> {
    /// The account's id (none for the command line) and the name the log shows.
    pub fn who(&self) -> (Option<i64>, &str) {
        match self {
            Actor::Account { user, .. } => (Some(user.id), user.email.as_str()),
            Actor::CommandLine => (None, COMMAND_LINE),
        }
    }

    fn ip(&self) -> &str {
        match self {
            Actor::Account { ip, .. } => ip,
            Actor::CommandLine => "",
        }
    }
}

/// Appends one entry.
pub async fn record(pool: &SqlitePool, actor: Actor<'_>, action: Action, target: &str) -> Result<(), ApiError> {
    let mut conn = pool.acquire().await?;
    record_in(&mut conn, actor, action, target).await
}

/// Appends one entry after a write that already stands: a failure is logged, not returned
/// (the write is not undone because its log entry could not be written).
pub async fn append_after(pool: &SqlitePool, actor: Actor<'_>, action: Action, target: &str) {
    if let Err(e) = record(pool, actor, action, target).await {
        tracing::error!(error = %e, action = action.key(), target, "could not append to the audit log");
    }
}

/// Appends one entry inside the caller's transaction, so that it stands or falls with the
/// write it records.
pub async fn record_in(
    conn: &mut SqliteConnection,
    actor: Actor<'_>,
    action: Action,
    target: &str,
) -> Result<(), ApiError> {
    let (user_id, name) = actor.who();
    sqlx::query("INSERT INTO audit_log (at, user_id, actor, action, target, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(super::now())
        .bind(user_id)
        .bind(name)
        .bind(action.key())
        .bind(target)
        .bind(actor.ip())
        .execute(conn)
        .await?;
    Ok(())
}

/// A page of the log, newest first.
pub async fn page(pool: &SqlitePool, page: u32) -> Result<AuditPage, ApiError> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(pool).await?;
    let total = total.max(0) as u64;
    let total_pages = total.div_ceil(u64::from(AUDIT_PAGE_SIZE)).max(1) as u32;
    if page > total_pages {
        return Err(ApiError::NotFound);
    }
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT at, actor, action, target, ip FROM audit_log ORDER BY at DESC, id DESC LIMIT ?1 OFFSET ?2",
    )
    .bind(i64::from(AUDIT_PAGE_SIZE))
    .bind(super::offset(page, AUDIT_PAGE_SIZE)?)
    .fetch_all(pool)
    .await?;
    let entries = rows
        .into_iter()
        .map(|(at, actor, action, target, ip)| {
            let t = super::time::vn_time(at);
            AuditEntry {
                when: format!("{}, {}", crate::format::weekday_name(t.weekday), crate::format::date_time(&t)),
                iso: t.iso.clone(),
                actor,
                action: Action::parse(&action).map_or(action, |a| a.label().to_string()),
                target,
                ip,
            }
        })
        .collect();
    Ok(AuditPage { entries, total, page, total_pages })
}
