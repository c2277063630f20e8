//! The line under a public form that says what became of it (green once accepted), announced
//! to screen readers as a status.

use leptos::prelude::*;

/// `status`: the message, and whether it reports success.
#[component]
pub fn FormStatus(status: RwSignal<Option<(String, bool)>>) -> impl IntoView {
    view! {
        <p class="form-status" class:form-ok=move || status.get().is_some_and(|s| s.1) role="status">
            {move || status.get().map(|s| s.0)}
        </p>
    }
}

/// The end of every public form that sends mail: the hidden anti-bot fields, a line on what
/// the address is used for with the privacy page's link (`{id}-privacy`, which the email field
/// names as its description), the submit button and the status line.
#[component]
pub fn FormEnd(
    id: &'static str,
    privacy: &'static str,
    button: &'static str,
    stamp: NodeRef<leptos::html::Input>,
    trap: NodeRef<leptos::html::Input>,
    pending: RwSignal<bool>,
    status: RwSignal<Option<(String, bool)>>,
) -> impl IntoView {
    let see = if privacy.is_empty() { "Xem " } else { " Xem " };
    view! {
        <super::bot_guard::BotGuard id stamp trap/>
        <p class="form-privacy" id=format!("{id}-privacy")>
            {privacy} {see} <a href="/chinh-sach-bao-mat">"chính sách bảo mật"</a> "."
        </p>
        <button type="submit" disabled=move || pending.get()>{button}</button>
        <FormStatus status/>
    }
}
