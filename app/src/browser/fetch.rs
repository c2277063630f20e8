//! The browser's own `fetch`, for the few requests the readers' bundle makes that are not the
//! page itself: no HTTP client and no server-function client in the module every reader
//! downloads.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// An answer read whole.
pub struct Answer {
    pub ok: bool,
    /// Where the answer came from, after redirects.
    pub url: String,
    pub content_type: String,
    pub text: String,
}

/// GET `url`, asking for `accept`.
pub async fn get(url: &str, accept: &str) -> Option<Answer> {
    send("GET", url, accept, None).await
}

/// POST `body` (`application/x-www-form-urlencoded`) to `url`, asking for JSON.
pub async fn post_form(url: &str, body: &str) -> Option<Answer> {
    send("POST", url, "application/json", Some(body)).await
}

async fn send(method: &str, url: &str, accept: &str, body: Option<&str>) -> Option<Answer> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).ok()?;
    let headers = request.headers();
    headers.set("Accept", accept).ok()?;
    if body.is_some() {
        headers.set("Content-Type", "application/x-www-form-urlencoded").ok()?;
    }
    let window = web_sys::window()?;
    let answer: web_sys::Response = JsFuture::from(window.fetch_with_request(&request)).await.ok()?.dyn_into().ok()?;
    let content_type = answer.headers().get("Content-Type").ok().flatten().unwrap_or_default();
    let text = JsFuture::from(answer.text().ok()?).await.ok()?.as_string()?;
    Some(Answer { ok: answer.ok(), url: answer.url(), content_type, text })
}
