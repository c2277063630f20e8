//! "Chia sẻ bài viết qua email": a real form that posts to the server function (so it works
//! without JavaScript), checked in the browser first when JavaScript is on.

use crate::api::{parse_share_result, share_article, ShareArticle, SHARE_RESULT_PARAM};
use crate::share::{self, ShareErrors};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ShareForm(slug: String, title: String) -> impl IntoView {
    // After a post without JavaScript, the server redirects back with the outcome.
    let returned = use_query_map().get_untracked().get(SHARE_RESULT_PARAM).and_then(|code| parse_share_result(&code));
    let errors = RwSignal::new(returned.map(|(e, _)| e).unwrap_or_default());
    let status = RwSignal::new(returned.filter(|(_, valid)| *valid).map(|_| share::NOT_SENT.to_string()));
    let pending = RwSignal::new(false);
    let from = NodeRef::<leptos::html::Input>::new();
    let to = NodeRef::<leptos::html::Input>::new();

    let on_submit = {
        let slug = slug.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (Some(from_el), Some(to_el)) = (from.get_untracked(), to.get_untracked()) else {
                return;
            };
            let (from_v, to_v) = (from_el.value(), to_el.value());
            let found = share::validate(&from_v, &to_v);
            errors.set(found);
            status.set(None);
            if found.any() {
                let first = if found.from { from_el } else { to_el };
                let _ = first.focus();
                return;
            }
            pending.set(true);
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                let answer = share_article(slug, from_v, to_v).await;
                pending.set(false);
                match answer {
                    Ok(outcome) => status.set(Some(outcome.message)),
                    Err(e) => status.set(Some(e.to_string())),
                }
            });
        }
    };

    let field_error = move |pick: fn(&ShareErrors) -> bool, id: &'static str| {
        move || {
            pick(&errors.get()).then(|| view! { <p class="field-error" id=id role="alert">{share::INVALID_EMAIL}</p> })
        }
    };

    view! {
        <section class="share-email-box" id="chia-se" aria-labelledby="chia-se-heading">
            <h2 id="chia-se-heading">"Chia sẻ bài viết qua email"</h2>
            <p class="share-title">"Bài viết: " {title}</p>
            <form class="share-email" method="post" action=ShareArticle::url() novalidate on:submit=on_submit>
                <input type="hidden" name="slug" value=slug/>
                <div class="field" class:invalid=move || errors.get().from>
                    <label for="share-from">"Email của bạn"</label>
                    <input
                        id="share-from"
                        name="from"
                        type="email"
                        autocomplete="email"
                        required
                        node_ref=from
                        aria-invalid=move || errors.get().from.to_string()
                        aria-describedby="share-from-error"
                    />
                    {field_error(|e| e.from, "share-from-error")}
                </div>
                <div class="field" class:invalid=move || errors.get().to>
                    <label for="share-to">"Email người nhận"</label>
                    <input
                        id="share-to"
                        name="to"
                        type="email"
                        required
                        node_ref=to
                        aria-invalid=move || errors.get().to.to_string()
                        aria-describedby="share-to-error"
                    />
                    {field_error(|e| e.to, "share-to-error")}
                </div>
                <button type="submit" disabled=move || pending.get()>"Gửi email"</button>
                <p class="form-status" role="status">{move || status.get()}</p>
            </form>
        </section>
    }
}
