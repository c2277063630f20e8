//! The page a mailed confirmation link opens (a question, a subscription): what the link
//! confirms and a button, so that a mail scanner following the link confirms nothing; or, once
//! the link is no longer good, why, and where to start again. A plain form: it works without
//! JavaScript.

use crate::error::ApiError;
use leptos::prelude::*;

/// What a confirmation came to: its message, whether it succeeded, and a link to go on with
/// (text, address).
pub type Confirmation = (String, bool, Option<(String, String)>);

#[component]
pub fn ConfirmLink(
    token: String,
    /// What the link confirms, or None once it is no longer good.
    live: Resource<Result<Option<String>, ApiError>>,
    /// The server function the button posts the token to.
    action: String,
    /// The line above the button, given what the link confirms.
    prompt: fn(&str) -> String,
    button: &'static str,
    bad_link: &'static str,
    /// Where to start again after a bad link: (text, address).
    again: (&'static str, &'static str),
    /// The answer, once confirmed (here, or before a post without JavaScript came back).
    outcome: RwSignal<Option<Confirmation>>,
    /// Confirms the token, in the browser.
    confirm: Callback<String>,
) -> impl IntoView {
    let on_submit = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            confirm.run(token.clone());
        }
    };
    let body = move |what: Option<String>| {
        if let Some((message, ok, next)) = outcome.get() {
            return view! {
                <p class=if ok { "form-ok" } else { "form-error" } role="status">{message}</p>
                {next.map(|(text, href)| view! { <p><a href=href>{text}</a></p> })}
            }
            .into_any();
        }
        let Some(what) = what else {
            return view! {
                <p class="form-error" role="alert">{bad_link}</p>
                <p><a href=again.1>{again.0}</a></p>
            }
            .into_any();
        };
        view! {
            <form method="post" action=action.clone() on:submit=on_submit.clone()>
                <input type="hidden" name="token" value=token.clone()/>
                <p>{prompt(&what)}</p>
                <button type="submit">{button}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    let what = live.await.ok().flatten();
                    view! { {move || body(what.clone())} }
                })
            }}
        </Suspense>
    }
}
