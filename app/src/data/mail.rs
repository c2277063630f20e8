//! The mail outbox. A message is a row written in the same transaction as the action that
//! causes it; the server's sender (`server/src/mailer.rs`) delivers the due rows and records
//! the outcome here. Nothing is deleted: sent and failed rows stay for the administrators'
//! outbox page.

use crate::error::ApiError;
use crate::mail::{Form, MailStatus, OutboxPage, OutboxRow, Outgoing, Purpose};
use sqlx::{SqliteConnection, SqlitePool};

/// Whether the portal can send, and a way to wake the sender when a message is queued. One
/// per process, in the request context.
#[derive(Debug, Default)]
pub struct Postbox {
    /// `SMTP_URL` is set.
    pub configured: bool,
    /// Notified after a message is committed, so it goes out at once.
    pub wake: tokio::sync::Notify,
}

impl Postbox {
    pub fn new(configured: bool) -> Postbox {
        Postbox { configured, wake: tokio::sync::Notify::new() }
    }
}

/// The postbox of this process (a server without one cannot send: everything waits).
pub fn postbox() -> std::sync::Arc<Postbox> {
    leptos::prelude::use_context::<std::sync::Arc<Postbox>>().unwrap_or_default()
}

/// Tells the sender that a committed write may have queued mail (a spurious wake costs it one
/// look at the outbox).
pub fn wake() {
    postbox().wake.notify_one();
}

/// Requests accepted from one form in the last hour are counted from this table; rows older
/// than a day are deleted as new ones come.
const KEEP_REQUESTS_SECS: i64 = 24 * 60 * 60;

/// Counts a public form's request against its hourly limits and records it, in the caller's
/// transaction (so a refused or failed action records nothing). `sender` and `recipient` are
/// email addresses (normalised by the caller).
pub async fn accept_request(
    tx: &mut SqliteConnection,
    form: Form,
    sender: &str,
    recipient: &str,
    ip: &str,
    now: i64,
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM mail_requests WHERE at < ?1").bind(now - KEEP_REQUESTS_SECS).execute(&mut *tx).await?;
    let (by_sender, to_recipient, everybody): (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(sender = ?2), 0), COALESCE(SUM(recipient = ?3), 0), COUNT(*) \
         FROM mail_requests WHERE form = ?1 AND at > ?4",
    )
    .bind(form.as_str())
    .bind(sender)
    .bind(recipient)
    .bind(now - 60 * 60)
    .fetch_one(&mut *tx)
    .await?;
    form.limits().check(by_sender, to_recipient, everybody).map_err(|over| ApiError::TooMany(over.message().into()))?;
    sqlx::query("INSERT INTO mail_requests (form, sender, recipient, ip, at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(form.as_str())
        .bind(sender)
        .bind(recipient)
        .bind(ip)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Puts a message into the outbox, in the caller's transaction; due at once.
pub async fn enqueue(tx: &mut SqliteConnection, message: &Outgoing, now: i64) -> Result<i64, ApiError> {
    let message_id = format!("<{}@hdnd.portal>", uuid::Uuid::new_v4().simple());
    let id = sqlx::query(
        "INSERT INTO mail_outbox (purpose, recipient, reply_to, subject, body, message_id, queued_at, next_attempt_at, \
         list_unsubscribe) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
    )
    .bind(message.purpose.as_str())
    .bind(&message.to)
    .bind(&message.reply_to)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(&message_id)
    .bind(now)
    .bind(&message.unsubscribe)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// A message due for an attempt, as the sender needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub id: i64,
    pub message: Outgoing,
    pub message_id: String,
    pub attempts: i64,
    pub queued_at: i64,
}

/// Queued messages whose time has come, oldest first.
pub async fn due(pool: &SqlitePool, now: i64, limit: i64) -> Result<Vec<Due>, ApiError> {
    type Row = (i64, String, String, Option<String>, String, String, String, i64, i64, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, purpose, recipient, reply_to, subject, body, message_id, attempts, queued_at, list_unsubscribe \
         FROM mail_outbox \
         WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, purpose, to, reply_to, subject, body, message_id, attempts, queued_at, unsubscribe)| {
            let purpose = Purpose::parse(&purpose)?;
            Some(Due {
                id,
                message: Outgoing { purpose, to, reply_to, subject, body, unsubscribe },
                message_id,
                attempts,
                queued_at,
            })
        })
        .collect())
}

/// The earliest time a queued message is due, if any is queued.
pub async fn next_due(pool: &SqlitePool) -> Result<Option<i64>, ApiError> {
    Ok(sqlx::query_scalar("SELECT MIN(next_attempt_at) FROM mail_outbox WHERE status = 'queued'")
        .fetch_one(pool)
        .await?)
}

/// The SMTP server accepted the message.
pub async fn mark_sent(pool: &SqlitePool, id: i64, now: i64) -> Result<(), ApiError> {
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query(
        "UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?2, last_error = NULL \
         WHERE id = ?1 AND status = 'queued'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An attempt failed with `error`: try again at `retry_at`, or (None) never: failed for good.
pub async fn mark_attempt_failed(
    pool: &SqlitePool,
    id: i64,
    error: &str,
    retry_at: Option<i64>,
) -> Result<(), ApiError> {
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?2, \
         status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'queued' END, \
         next_attempt_at = COALESCE(?3, next_attempt_at) WHERE id = ?1 AND status = 'queued'",
    )
    .bind(id)
    .bind(error)
    .bind(retry_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Puts a failed (or still queued) message back at the head of the queue, with a new day of
/// retries. A sent one is not sent again.
pub async fn resend(pool: &SqlitePool, id: i64, now: i64) -> Result<(), ApiError> {
    let mut tx = super::write_unseen(pool).await?;
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM mail_outbox WHERE id = ?1").bind(id).fetch_optional(&mut *tx).await?;
    match status.as_deref().and_then(MailStatus::parse) {
        None => return Err(ApiError::NotFound),
        Some(MailStatus::Sent) => return Err(ApiError::Invalid("Thư này đã được gửi; không gửi lại.".into())),
        Some(_) => {}
    }
    sqlx::query(
        "UPDATE mail_outbox SET status = 'queued', queued_at = ?2, next_attempt_at = ?2, attempts = 0 WHERE id = ?1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Rows of the outbox page.
pub const OUTBOX_PAGE_SIZE: u32 = 50;

/// The outbox for administrators: newest first, of one status or all.
pub async fn outbox_page(
    pool: &SqlitePool,
    status: Option<MailStatus>,
    page: u32,
    configured: bool,
) -> Result<OutboxPage, ApiError> {
    use super::time::vn_time;
    use crate::format::{date_time, weekday_name};
    let offset = super::offset(page, OUTBOX_PAGE_SIZE)?;
    let (queued, sent, failed): (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(status = 'queued'), 0), COALESCE(SUM(status = 'sent'), 0), \
         COALESCE(SUM(status = 'failed'), 0) FROM mail_outbox",
    )
    .fetch_one(pool)
    .await?;
    let total = match status {
        None => queued + sent + failed,
        Some(MailStatus::Queued) => queued,
        Some(MailStatus::Sent) => sent,
        Some(MailStatus::Failed) => failed,
    };
    let (_, total_pages) = super::pages(total, OUTBOX_PAGE_SIZE, page)?;
    let status_text = status.map(MailStatus::as_str);
    type Row = (i64, String, String, String, String, i64, i64, i64, Option<i64>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, purpose, recipient, subject, status, attempts, queued_at, next_attempt_at, sent_at, last_error \
         FROM mail_outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2 OFFSET ?3",
    )
    .bind(status_text)
    .bind(i64::from(OUTBOX_PAGE_SIZE))
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let when = |unix: i64| {
        let t = vn_time(unix);
        format!("{}, {}", weekday_name(t.weekday), date_time(&t))
    };

    let rows = rows
        .into_iter()
        .filter_map(|(id, purpose, to, subject, status, attempts, queued_at, next_at, sent_at, last_error)| {
            let status = MailStatus::parse(&status)?;
            Some(OutboxRow {
                id,
                purpose: Purpose::parse(&purpose)?,
                to,
                subject,
                status,
                attempts,
                queued_at: when(queued_at),
                next_attempt_at: (status == MailStatus::Queued).then(|| when(next_at)),
                sent_at: sent_at.map(when),
                last_error,
            })
        })
        .collect();
    Ok(OutboxPage { rows, queued, sent, failed, page, total_pages, configured })
}

/// Deletes sent messages `SENT_KEPT_DAYS` after they went out and failed ones as long after
/// they were queued; they hold visitors' addresses and notes.
pub async fn prune(pool: &SqlitePool, now: i64) -> Result<u64, ApiError> {
    let before = now - crate::mail::SENT_KEPT_DAYS * 24 * 60 * 60;
    let mut tx = super::write_unseen(pool).await?;
    let done = sqlx::query(
        "DELETE FROM mail_outbox WHERE (status = 'sent' AND sent_at < ?1) OR (status = 'failed' AND queued_at < ?1)",
    )
    .bind(before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(done)
}
