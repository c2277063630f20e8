//! The hidden part of every public form that sends mail: a field people leave empty (bots
//! fill it) and the server's signed time stamp of when the form was drawn (see
//! `data::form_stamp`). No third party, nothing to solve.

use crate::api::form_stamp;
use crate::mail::{STAMP_FIELD, TRAP_FIELD};
use leptos::html::Input;
use leptos::prelude::*;

/// `id` prefixes the trap field's id (several forms can share a page). `stamp` and `trap`
/// give the scripted submit the values a plain post would send.
#[component]
pub fn BotGuard(id: &'static str, stamp: NodeRef<Input>, trap: NodeRef<Input>) -> impl IntoView {
    let minted = Resource::new(|| (), |_| form_stamp());
    let trap_id = format!("{id}-{TRAP_FIELD}");
    view! {
        <div class="trap" aria-hidden="true">
            <label for=trap_id.clone()>"Để trống ô này"</label>
            <input id=trap_id name=TRAP_FIELD type="text" tabindex="-1" autocomplete="off" node_ref=trap/>
        </div>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let value = minted.await.unwrap_or_default();
                view! { <input type="hidden" name=STAMP_FIELD value=value node_ref=stamp/> }
            })}
        </Suspense>
    }
}

/// The value of an input, or empty if it is not on the page.
pub fn value_of(input: NodeRef<Input>) -> String {
    input.get_untracked().map(|el| el.value()).unwrap_or_default()
}
