//! Withdrawing a stored file for good (administrators only; the same as `server purge-file`).

use crate::error::ApiError;
use leptos::prelude::*;

/// Deletes the stored file `stored` ("<sha256>.<ext>") and every attachment pointing at it,
/// and logs who did it and why; its address answers 410 Gone from then on. Answers how many
/// attachments were removed.
#[server(prefix = "/api", endpoint = "purge_file")]
pub async fn purge_file(stored: String, reason: String) -> Result<u64, ApiError> {
    use crate::data::purge::{self, PurgedBy};
    let user = crate::login_session::require(crate::auth::Role::can_manage_users).await?;
    let pool = crate::data::pool()?;
    let dir = purge::files_dir()?;
    let done = purge::purge(&pool, &dir, &stored, PurgedBy::Account(&user), &reason).await;
    super::audited(&user, crate::audit::Action::Purge, &format!("{stored}: {reason}"), done).await
}
