//! Account management for administrators (the same operations as `server user …`).

#[cfg(feature = "ssr")]
use crate::audit::Action;
use crate::error::ApiError;
use crate::model::AccountRow;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::auth::UserInfo, ApiError> {
    crate::login_session::require(crate::auth::Role::can_manage_users).await
}

/// After a plain form post, back to the accounts page with a message code.
#[cfg(feature = "ssr")]
async fn back(code: &str) {
    if crate::login_session::is_plain_form().await {
        super::redirect(&format!("/quan-tri/tai-khoan?{ACCOUNT_RESULT_PARAM}={code}"));
    }
}

pub const ACCOUNT_RESULT_PARAM: &str = "kq";

#[server(prefix = "/api", endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountRow>, ApiError> {
    admin().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::accounts::list_users(&pool).await.map_err(Into::into))
}

#[server(prefix = "/api", endpoint = "add_account")]
pub async fn add_account(email: String, role: String, password: String) -> Result<(), ApiError> {
    let me = admin().await?;
    let pool = crate::data::pool()?;
    let role = crate::auth::Role::parse(&role).ok_or_else(|| ApiError::Invalid("Vai trò không hợp lệ.".into()))?;
    let result = crate::data::accounts::add_user(&pool, &email, role, &password).await.map(|_| ());
    back(if result.is_ok() { "da-tao" } else { "loi-tao" }).await;
    let target = format!("{} ({})", crate::data::accounts::normalise_email(&email), role.as_str());
    super::audited(&me, Action::AddAccount, &target, result.map_err(Into::into)).await
}

#[server(prefix = "/api", endpoint = "set_account_disabled")]
pub async fn set_account_disabled(email: String, disabled: bool) -> Result<(), ApiError> {
    let me = admin().await?;
    if crate::data::accounts::normalise_email(&email) == me.email && disabled {
        return super::answer(Err(ApiError::Invalid("Không thể tự khóa tài khoản của mình.".into())));
    }
    let pool = crate::data::pool()?;
    let result = crate::data::accounts::set_disabled(&pool, &email, disabled).await;
    back(if disabled { "da-khoa" } else { "da-mo" }).await;
    let action = if disabled { Action::DisableAccount } else { Action::EnableAccount };
    let target = crate::data::accounts::normalise_email(&email);
    super::audited(&me, action, &target, result.map_err(Into::into)).await
}

#[server(prefix = "/api", endpoint = "reset_account_password")]
pub async fn reset_account_password(email: String, password: String) -> Result<(), ApiError> {
    let me = admin().await?;
    let pool = crate::data::pool()?;
    let result = crate::data::accounts::reset_password(&pool, &email, &password).await;
    back(if result.is_ok() { "da-dat-lai" } else { "loi-mat-khau" }).await;
    let target = crate::data::accounts::normalise_email(&email);
    super::audited(&me, Action::ResetPassword, &target, result.map_err(Into::into)).await
}

/// The message for a result code in the query string.
pub fn account_result_message(code: &str) -> Option<&'static str> {
    match code {
        "da-tao" => Some("Đã tạo tài khoản."),
        "loi-tao" => {
            Some("Chưa tạo được tài khoản: email phải hợp lệ, chưa được dùng, và mật khẩu có ít nhất 10 ký tự.")
        }
        "da-khoa" => Some("Đã khóa tài khoản; mọi phiên đăng nhập của tài khoản đã kết thúc."),
        "da-mo" => Some("Đã mở khóa tài khoản."),
        "da-dat-lai" => Some("Đã đặt lại mật khẩu; mọi phiên đăng nhập của tài khoản đã kết thúc."),
        "loi-mat-khau" => Some("Chưa đặt lại được mật khẩu: mật khẩu phải có ít nhất 10 ký tự."),
        _ => None,
    }
}
