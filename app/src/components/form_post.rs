//! Posting a plain form from the browser as the browser itself would (multipart, files
//! included), but asking for JSON: for forms that post to a route of the server rather than a
//! server function (the question form, which may carry an attachment).

use serde::de::DeserializeOwned;

/// Posts `form`'s fields to its `action`; the answer as `T`, or the error's message.
#[cfg(feature = "hydrate")]
pub async fn post_form<T: DeserializeOwned>(form: Option<web_sys::HtmlFormElement>) -> Result<T, String> {
    let failed = |_| crate::mail::SEND_FAILED.to_string();
    let form = form.ok_or_else(|| crate::mail::SEND_FAILED.to_string())?;
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| crate::mail::SEND_FAILED.to_string())?;
    let response = gloo_net::http::Request::post(&form.action())
        .header("Accept", "application/json")
        .body(data)
        .map_err(failed)?
        .send()
        .await
        .map_err(failed)?;
    if response.ok() {
        response.json::<T>().await.map_err(failed)
    } else {
        let error = response.json::<crate::error::ApiError>().await.unwrap_or(crate::error::ApiError::Server);
        Err(error.to_string())
    }
}

/// On the server nothing is posted (forms are submitted in the browser only).
#[cfg(not(feature = "hydrate"))]
pub async fn post_form<T: DeserializeOwned>(_form: Option<leptos::web_sys::HtmlFormElement>) -> Result<T, String> {
    Err(crate::mail::SEND_FAILED.to_string())
}
