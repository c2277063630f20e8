//! The contact form of "Liên hệ": a message to the office through the outbox, with the same
//! limits and anti-bot checks as sharing. A plain form (it works without JavaScript); with
//! JavaScript the answer appears in place.

use super::bot_guard::value_of;
use super::form_status::FormEnd;
use crate::api::{contact_office, ContactOffice, CONTACT_RESULT_PARAM};
use crate::mail::{notice, MESSAGE_MAX_CHARS, NAME_MAX_CHARS, SUBJECT_MAX_CHARS};
use leptos::html::{Input, Textarea};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContactForm() -> impl IntoView {
    let returned = use_query_map().get_untracked().get(CONTACT_RESULT_PARAM).and_then(|code| notice(&code));
    let status = RwSignal::new(returned.map(|(m, ok)| (m.to_string(), ok)));
    let pending = RwSignal::new(false);
    let (name, email, subject) = (NodeRef::<Input>::new(), NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let message = NodeRef::<Textarea>::new();
    let (stamp, trap) = (NodeRef::new(), NodeRef::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = message.get_untracked().map(|el| el.value()).unwrap_or_default();
        let args = (value_of(name), value_of(email), value_of(subject), text, value_of(trap), value_of(stamp));
        pending.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            let answer = contact_office(args.0, args.1, args.2, args.3, args.4, args.5).await;
            pending.set(false);
            match answer {
                Ok(outcome) => {
                    if let Some(el) = subject.get_untracked() {
                        el.set_value("");
                    }
                    if let Some(el) = message.get_untracked() {
                        el.set_value("");
                    }
                    status.set(Some((outcome.message, true)));
                }
                Err(e) => status.set(Some((e.to_string(), false))),
            }
        });
    };
    view! {
        <section class="contact-box" id="lien-he-form" aria-labelledby="lien-he-heading">
            <h2 id="lien-he-heading">"Gửi thư cho Văn phòng"</h2>
            <form class="mail-form" method="post" action=ContactOffice::url() on:submit=on_submit>
                <div class="field">
                    <label for="contact-name">"Họ và tên"</label>
                    <input id="contact-name" name="name" type="text" autocomplete="name" required maxlength=NAME_MAX_CHARS node_ref=name/>
                </div>
                <div class="field">
                    <label for="contact-email">"Email"</label>
                    <input id="contact-email" name="email" type="email" autocomplete="email" required node_ref=email aria-describedby="contact-privacy"/>
                </div>
                <div class="field">
                    <label for="contact-subject">"Tiêu đề"</label>
                    <input id="contact-subject" name="subject" type="text" required maxlength=SUBJECT_MAX_CHARS node_ref=subject/>
                </div>
                <div class="field">
                    <label for="contact-message">"Nội dung"</label>
                    <textarea id="contact-message" name="message" rows="6" required maxlength=MESSAGE_MAX_CHARS node_ref=message></textarea>
                </div>
                <FormEnd
                    id="contact"
                    privacy="Văn phòng trả lời qua email bạn nhập."
                    button="Gửi thư"
                    stamp
                    trap
                    pending
                    status
                />
            </form>
        </section>
    }
}
