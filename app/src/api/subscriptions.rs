//! Subscriptions: the form that asks for one, the confirmation link, and the manage page
//! (change the frequency, unsubscribe). The one-click unsubscribe of mail programs (RFC 8058)
//! is a plain route of the server, over the same `data::subscriptions::unsubscribe`.

#[cfg(feature = "ssr")]
use super::redirect;
use crate::error::ApiError;
use crate::mail::MailOutcome;
use crate::subscriptions::SubscriptionView;
use leptos::prelude::*;

/// "Đăng ký nhận tin": `topic` is `Topic::value` (with the search's words in `q` and its type
/// in `loai`), `frequency` a `Frequency` key.
#[server(prefix = "/api", endpoint = "subscribe")]
pub async fn subscribe(
    topic: String,
    q: String,
    loai: String,
    email: String,
    frequency: String,
    website: String,
    stamp: String,
) -> Result<MailOutcome, ApiError> {
    use crate::subscriptions::*;
    let pool = crate::data::pool()?;
    let client = crate::client::current().await;
    let parsed = Topic::parse(&topic, &q, &loai);
    let result = async {
        let topic = parsed.clone().map_err(|m| ApiError::Invalid(m.into()))?;
        if !crate::share::is_valid_email(&email) {
            return Err(ApiError::Invalid(crate::mail::EMAIL_INVALID.into()));
        }
        let frequency = Frequency::parse(&frequency).ok_or_else(|| ApiError::Invalid(FREQUENCY_INVALID.into()))?;
        crate::data::form_stamp::check(&pool, &stamp, &website).await?;
        let email = crate::data::accounts::normalise_email(&email);
        crate::data::subscriptions::subscribe(&pool, &email, &topic, frequency, &client.ip, &client.base_url).await
    }
    .await;
    let back = parsed.map(|t| t.subscribe_href()).unwrap_or_else(|_| SUBSCRIBE_PATH.to_string());
    super::mail::reply(result, crate::mail::SUBSCRIBE_ANSWERS, &back, RESULT_PARAM, "dang-ky-form").await
}

/// The topic a confirmation link would confirm, or None if the link is no longer good.
#[server(prefix = "/api", endpoint = "subscription_confirmable")]
pub async fn subscription_confirmable(token: String) -> Result<Option<String>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::subscriptions::confirmable(&pool, &token).await)
}

/// Confirms a subscription; answers the path of its manage page.
#[server(prefix = "/api", endpoint = "confirm_subscription")]
pub async fn confirm_subscription(token: String) -> Result<String, ApiError> {
    use crate::subscriptions::{CONFIRM_PATH, RESULT_PARAM};
    let pool = crate::data::pool()?;
    let result = crate::data::subscriptions::confirm(&pool, &token).await;
    if crate::login_session::is_plain_form().await {
        match &result {
            Ok(manage) => redirect(&format!("{manage}&{RESULT_PARAM}=da-xac-nhan")),
            Err(_) => redirect(&format!("{CONFIRM_PATH}?{RESULT_PARAM}=loi")),
        }
        return Ok(String::new());
    }
    super::answer(result)
}

/// The subscription a manage link names.
#[server(prefix = "/api", endpoint = "subscription")]
pub async fn get_subscription(token: String) -> Result<SubscriptionView, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::subscriptions::view(&pool, &token).await)
}

/// Sends a plain form back to the manage page with its answer's code.
#[cfg(feature = "ssr")]
fn back_to_manage(token: &str, code: &str) {
    use crate::subscriptions::{MANAGE_PATH, RESULT_PARAM, TOKEN_PARAM};
    redirect(&format!("{MANAGE_PATH}?{TOKEN_PARAM}={}&{RESULT_PARAM}={code}", crate::share::url_encode(token)));
}

/// Changes how often the subscriber hears of new items.
#[server(prefix = "/api", endpoint = "subscription_frequency")]
pub async fn change_subscription(token: String, frequency: String) -> Result<(), ApiError> {
    use crate::subscriptions::{Frequency, FREQUENCY_INVALID};
    let pool = crate::data::pool()?;
    let result = match Frequency::parse(&frequency) {
        Some(f) => crate::data::subscriptions::set_frequency(&pool, &token, f).await,
        None => Err(ApiError::Invalid(FREQUENCY_INVALID.into())),
    };
    if crate::login_session::is_plain_form().await {
        back_to_manage(&token, if result.is_ok() { "da-luu" } else { "loi" });
        return Ok(());
    }
    super::answer(result)
}

/// Unsubscribes: the address and its choices are deleted.
#[server(prefix = "/api", endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), ApiError> {
    let pool = crate::data::pool()?;
    let result = crate::data::subscriptions::unsubscribe(&pool, &token).await;
    if crate::login_session::is_plain_form().await {
        back_to_manage(&token, if result.is_ok() { "da-huy" } else { "loi" });
        return Ok(());
    }
    super::answer(result)
}

/// The topics the subscribe form offers: (`Topic::value`, name): every category, the
/// resolutions, and the four calendars.
#[server(prefix = "/api", endpoint = "subscription_topics")]
pub async fn subscription_topics() -> Result<Vec<(String, String)>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::subscriptions::topics(&pool).await)
}
