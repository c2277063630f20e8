//! Logging in and out, and who is signed in.

use crate::auth::UserInfo;
use crate::error::ApiError;
use leptos::prelude::*;

/// Query parameter of the login page that carries why the last attempt failed.
pub const LOGIN_ERROR_PARAM: &str = "loi";

#[server(prefix = "/api", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<UserInfo>, ApiError> {
    super::answer(crate::login_session::current_user().await)
}

/// Logs in. From the app: the user, or an error that does not say which part was wrong.
/// From a plain form (JavaScript off): a redirect to `next`, or back to the login page.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<UserInfo, ApiError> {
    use crate::data::accounts::{self, LoginOutcome};
    use crate::login_session;
    let pool = crate::data::pool()?;
    let ip = crate::client::current().await.ip;
    let outcome = accounts::login(&pool, &email, &password, &ip, crate::data::now()).await?;
    let next = login_session::safe_next(next.as_deref());
    let plain = login_session::is_plain_form().await;
    let result = match outcome {
        LoginOutcome::Ok { token, user } => {
            login_session::set_cookie(&token, accounts::LOGIN_SESSION_SECS).await;
            if plain {
                super::redirect(&next);
            }
            return super::audited(&user, crate::audit::Action::LogIn, "", Ok(user.clone())).await;
        }
        LoginOutcome::Rejected => ("sai", ApiError::Invalid(crate::auth::BAD_LOGIN.into())),
        LoginOutcome::Throttled => ("qua-nhieu", ApiError::TooMany(crate::auth::TOO_MANY.into())),
        LoginOutcome::Busy => ("ban", ApiError::Busy),
    };
    if plain {
        // The redirect (302) is the answer; its status must not be replaced by the error's.
        let next = crate::share::url_encode(&next);
        super::redirect(&format!("/dang-nhap?{LOGIN_ERROR_PARAM}={}&next={next}", result.0));
        return Err(result.1);
    }
    super::answer(Err(result.1))
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), ApiError> {
    use crate::login_session;
    if let Some(token) = login_session::token_from(&leptos_axum::extract().await.unwrap_or_default()) {
        let user = login_session::current_user().await?;
        let pool = crate::data::pool()?;
        let done = crate::data::accounts::logout(&pool, &token).await;
        match user {
            Some(user) => super::audited(&user, crate::audit::Action::LogOut, "", done).await?,
            None => done?,
        }
    }
    login_session::set_cookie("", 0).await;
    if login_session::is_plain_form().await {
        super::redirect("/");
    }
    Ok(())
}

/// The message for a failed login code in the query string.
pub fn login_error_message(code: &str) -> Option<&'static str> {
    match code {
        "sai" => Some(crate::auth::BAD_LOGIN),
        "qua-nhieu" => Some(crate::auth::TOO_MANY),
        "ban" => Some(crate::auth::BUSY),
        _ => None,
    }
}
