//! The public forms that send mail: each checks its hourly limits, writes its message to the
//! outbox and records what it changed, in one transaction.

use super::mail::{accept_request, enqueue};
use crate::error::ApiError;
use crate::mail::{contact_message, share_message, Form};
use sqlx::SqlitePool;

/// "Chia sẻ bài viết qua email" from `from` to `to` (valid, normalised addresses) with a plain
/// note; counts the share on the article. 404 for an article readers cannot see.
pub async fn share_article(
    pool: &SqlitePool,
    slug: &str,
    from: &str,
    to: &str,
    note: &str,
    ip: &str,
    base_url: &str,
) -> Result<(), ApiError> {
    let now = super::now();
    let mut tx = super::write(pool).await?;
    let article: Option<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.title, a.lead FROM articles a WHERE a.slug = ?1 AND {}",
        super::content::public(2)
    ))
    .bind(slug)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, title, lead) = article.ok_or(ApiError::NotFound)?;
    accept_request(&mut tx, Form::Share, from, to, ip, now).await?;
    let link = format!("{base_url}/bai-viet/{slug}");
    enqueue(&mut tx, &share_message(from, to, &title, &lead, &link, note), now).await?;
    sqlx::query("UPDATE articles SET share_count = share_count + 1 WHERE id = ?1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// A message to the office through the contact form; the office's address is the site
/// setting `email`.
pub async fn contact_office(
    pool: &SqlitePool,
    name: &str,
    email: &str,
    subject: &str,
    message: &str,
    ip: &str,
) -> Result<(), ApiError> {
    let now = super::now();
    let mut tx = super::write_unseen(pool).await?;
    let office: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'email'")
        .fetch_optional(&mut *tx)
        .await?
        .filter(|a: &String| crate::share::is_valid_email(a));
    let Some(office) = office else {
        tracing::error!("the site setting `email` (the office's address) is missing or invalid");
        return Err(ApiError::Server);
    };
    accept_request(&mut tx, Form::Contact, email, &office, ip, now).await?;
    enqueue(&mut tx, &contact_message(&office, name, email, subject, message), now).await?;
    tx.commit().await?;
    Ok(())
}
