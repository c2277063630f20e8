//! "Chia sẻ bài viết qua email": a real form that posts to the server function (so it works
//! without JavaScript), checked in the browser first when JavaScript is on. The message is
//! written to the outbox; the answer says whether it can go out now or waits for a mail
//! server.

use super::bot_guard::value_of;
use super::form_status::FormEnd;
use crate::api::{share_article, ShareArticle, SHARE_RESULT_PARAM};
use crate::mail::NOTE_MAX_CHARS;
use crate::share::{self, Returned, ShareErrors};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ShareForm(slug: String, title: String) -> impl IntoView {
    // After a post without JavaScript, the server redirects back with the outcome.
    let returned =
        use_query_map().get_untracked().get(SHARE_RESULT_PARAM).and_then(|code| share::parse_returned(&code));
    let errors = RwSignal::new(match returned {
        Some(Returned::Fields(e)) => e,
        _ => ShareErrors::default(),
    });
    let status = RwSignal::new(match returned {
        Some(Returned::Notice { message, ok }) => Some((message.to_string(), ok)),
        _ => None,
    });
    let pending = RwSignal::new(false);
    let from = NodeRef::<leptos::html::Input>::new();
    let to = NodeRef::<leptos::html::Input>::new();
    let note = NodeRef::<leptos::html::Textarea>::new();
    let stamp = NodeRef::new();
    let trap = NodeRef::new();

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
            let note_v = note.get_untracked().map(|el| el.value()).unwrap_or_default();
            let (stamp_v, trap_v) = (value_of(stamp), value_of(trap));
            leptos::task::spawn_local(async move {
                let answer = share_article(slug, from_v, to_v, note_v, trap_v, stamp_v).await;
                pending.set(false);
                match answer {
                    Ok(outcome) => {
                        if let Some(el) = to.get_untracked() {
                            el.set_value("");
                        }
                        if let Some(el) = note.get_untracked() {
                            el.set_value("");
                        }
                        status.set(Some((outcome.message, true)));
                    }
                    Err(e) => status.set(Some((e.to_string(), false))),
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
            <form class="share-email mail-form" method="post" action=ShareArticle::url() novalidate on:submit=on_submit>
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
                        aria-describedby="share-from-error share-privacy"
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
                <div class="field">
                    <label for="share-note">"Lời nhắn (không bắt buộc, tối đa " {NOTE_MAX_CHARS} " ký tự)"</label>
                    <textarea id="share-note" name="note" rows="3" maxlength=NOTE_MAX_CHARS node_ref=note></textarea>
                </div>
                <FormEnd
                    id="share"
                    privacy="Thư được gửi từ địa chỉ của cổng thông tin; người nhận trả lời sẽ đến email của bạn."
                    button="Gửi email"
                    stamp
                    trap
                    pending
                    status
                />
            </form>
        </section>
    }
}
