//! Password reset by email for editors: a link with a random token (its hash stored), good
//! once and for an hour. Asking says nothing about whether an account exists.

use super::accounts::{check_password, hash_password, new_token, normalise_email, token_hash};
use super::mail::{accept_request, enqueue};
use crate::auth::{Role, UserInfo};
use crate::error::ApiError;
use crate::mail::{password_reset_message, Form};
use sqlx::SqlitePool;

/// How long a reset link works.
pub const RESET_LINK_SECS: i64 = 60 * 60;

pub use crate::mail::BAD_RESET_LINK as BAD_LINK;

/// Mails a reset link to `email` if it is an enabled account; does the same work (and counts
/// against the same limits) either way.
pub async fn request(pool: &SqlitePool, email: &str, ip: &str, base_url: &str) -> Result<(), ApiError> {
    let email = normalise_email(email);
    let now = super::now();
    let token = new_token()?;
    let mut tx = super::write_unseen(pool).await?;
    accept_request(&mut tx, Form::PasswordReset, &email, &email, ip, now).await?;
    sqlx::query("DELETE FROM password_resets WHERE expires_at < ?1").bind(now).execute(&mut *tx).await?;
    let account: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = ?1 AND disabled = 0")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(user_id) = account {
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)")
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(now + RESET_LINK_SECS)
            .execute(&mut *tx)
            .await?;
        let link = format!("{base_url}/dat-lai-mat-khau?ma={token}");
        enqueue(&mut tx, &password_reset_message(&email, &link, RESET_LINK_SECS / 60), now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether `token` is a live, unused reset link.
pub async fn is_live(pool: &SqlitePool, token: &str) -> Result<bool, ApiError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM password_resets WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
    )
    .bind(token_hash(token))
    .bind(super::now())
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Sets the account's new password through a reset link, uses the link up and ends every
/// login session of the account. Returns the account.
pub async fn reset(pool: &SqlitePool, token: &str, password: &str) -> Result<UserInfo, ApiError> {
    check_password(password)?;
    if !is_live(pool, token).await? {
        return Err(ApiError::Invalid(BAD_LINK.into()));
    }
    let hash = hash_password(password).await?;
    let now = super::now();
    let mut tx = super::write_unseen(pool).await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 \
         RETURNING user_id",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Err(ApiError::Invalid(BAD_LINK.into()));
    };
    let (email, role): (String, String) =
        sqlx::query_as("SELECT email, role FROM users WHERE id = ?1").bind(user_id).fetch_one(&mut *tx).await?;
    let role = Role::parse(&role).ok_or(ApiError::Server)?;
    sqlx::query("UPDATE users SET password_hash = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(&hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM login_sessions WHERE user_id = ?1").bind(user_id).execute(&mut *tx).await?;
    // Any other link of the account is used up too.
    sqlx::query("UPDATE password_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(UserInfo { id: user_id, email, role })
}
