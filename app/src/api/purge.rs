//! Withdrawing a stored file for good (administrators only; the same as `server purge-file`).

use crate::error::ApiError;
use leptos::prelude::*;

/// Deletes the stored file `stored` ("<sha256>.<ext>") and every attachment pointing at it,
/// and logs who did it and why; its address answers 410 Gone from then on. Answers how many
/// attachments were removed.
#[server(prefix = "/api", endpoint = "purge_file")]
pub async fn purge_file(stored: String, reason: String) -> Result<u64, ApiError> {
    use crate::data::{audit::Actor, purge};
    let user = crate::login_session::require(crate::auth::Role::can_manage_users).await?;
    let pool = crate::data::pool()?;
    let dir = purge::files_dir()?;
    let ip = crate::client::current().await.ip;
    // The purge writes its own audit entry, in its transaction.
    super::answer(purge::purge(&pool, &dir, &stored, Actor::Account { user: &user, ip: &ip }, &reason).await)
}
