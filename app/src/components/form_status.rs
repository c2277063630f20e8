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
