//! Reading the audit log (administrators only). There is no server function that changes it.

use crate::audit::AuditPage;
use crate::error::ApiError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log(page: u32) -> Result<AuditPage, ApiError> {
    crate::login_session::require(crate::auth::Role::can_manage_users).await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::audit::page(&pool, page).await)
}
