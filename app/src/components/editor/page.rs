//! A content page (Giới thiệu …), editable where it stands: title and body in place, the
//! description (used for search engines) in a field above.

use super::history::{HistoryPanel, Kind};
use super::{browser, EditContext, FormatToolbar, InlineLogin};
use crate::api::save_page;
use crate::editing::{Conflict, PageFields};
use crate::error::ApiError;
use crate::model::ContentPage;
use leptos::prelude::*;

#[component]
pub fn PageEditor(page: ContentPage, ctx: EditContext, editing: RwSignal<bool>) -> impl IntoView {
    let title = NodeRef::<leptos::html::H1>::new();
    let body = NodeRef::<leptos::html::Div>::new();
    let description = RwSignal::new(page.description.clone());
    let base_version = RwSignal::new(page.version);
    let dirty = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let conflict = RwSignal::new(None::<Conflict>);
    let need_login = RwSignal::new(false);
    let show_history = RwSignal::new(false);
    let slug = page.slug.clone();

    browser::guard_unsaved(move || dirty.get_untracked());
    let collect = move || -> Option<PageFields> {
        Some(PageFields {
            title: title.get_untracked()?.inner_text().trim().to_string(),
            description: description.get_untracked(),
            body_html: body.get_untracked()?.inner_html(),
        })
    };
    let base = StoredValue::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        if let Some(fields) = collect() {
            base.set_value(fields.field_values());
        }
    });
    let apply = move |key: &str, value: &str| match key {
        "title" => {
            if let Some(el) = title.get_untracked() {
                el.set_inner_text(value);
            }
        }
        "body" => {
            if let Some(el) = body.get_untracked() {
                el.set_inner_html(value);
            }
        }
        "description" => description.set(value.to_string()),
        _ => {}
    };

    let save = Callback::new({
        let slug = slug.clone();
        move |_: ()| {
            let Some(fields) = collect() else { return };
            saving.set(true);
            ctx.say("Đang lưu…");
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                let result = save_page(slug, base_version.get_untracked(), fields).await;
                saving.set(false);
                match result {
                    Ok(saved) => {
                        dirty.set(false);
                        ctx.say(format!("Đã lưu phiên bản {}.", saved.version));
                        editing.set(false);
                        ctx.refresh();
                    }
                    Err(ApiError::Conflict(c)) => {
                        if let Some(mine) = collect() {
                            super::take_untouched(&base.get_value(), &mine.field_values(), &c.theirs, apply);
                        }
                        base.set_value(c.theirs.clone());
                        base_version.set(c.version);
                        conflict.set(Some(*c));
                        ctx.say("Chưa lưu: có xung đột với bản của người khác.");
                    }
                    Err(ApiError::Unauthorized) => {
                        need_login.set(true);
                        ctx.say(super::save_failed(&ApiError::Unauthorized));
                    }
                    Err(e) => ctx.say(super::save_failed(&e)),
                }
            });
        }
    });

    let cancel = move |_| {
        if dirty.get_untracked() && !browser::confirm("Bỏ các thay đổi chưa lưu?") {
            return;
        }
        dirty.set(false);
        ctx.notice.set(None);
        editing.set(false);
    };

    view! {
        <div class="editing-area">
            {move || conflict.get().map(|c| view! {
                <div class="conflict-panel" role="alert">
                    <p>
                        <strong>"Trang đã được người khác sửa trong lúc bạn soạn"</strong>
                        {format!(" (phiên bản {}, bởi {}). ", c.version, c.author)}
                        "Nội dung của bạn vẫn nằm nguyên trên trang. Những gì họ đã thay đổi:"
                    </p>
                    <super::DiffView changes=c.changes.clone()/>
                    <button type="button" class="save-merged" on:click=move |_| save.run(())>"Lưu bản đã hợp nhất"</button>
                </div>
            })}
            {move || need_login.get().then(|| view! { <InlineLogin then=save/> })}
            <div class="editor-controls">
                <label for="page-description">"Mô tả"</label>
                <input
                    id="page-description"
                    type="text"
                    prop:value=move || description.get()
                    on:input=move |ev| {
                        description.set(event_target_value(&ev));
                        dirty.set(true);
                    }
                />
                <button type="button" class="save-button" disabled=move || saving.get() on:click=move |_| save.run(())>"Lưu"</button>
                <button type="button" class="cancel-button" on:click=cancel>"Hủy"</button>
                <button type="button" class="history-button" aria-expanded=move || show_history.get().to_string() on:click=move |_| show_history.update(|s| *s = !*s)>
                    "Lịch sử"
                </button>
            </div>
            <article class="content-page editing">
                <h1
                    contenteditable="true"
                    node_ref=title
                    aria-label="Tiêu đề"
                    on:input=move |_| dirty.set(true)
                    on:paste=|ev| browser::paste_plain(&ev)
                >
                    {page.title.clone()}
                </h1>
                <FormatToolbar ctx/>
                <div
                    class="page-body"
                    contenteditable="true"
                    node_ref=body
                    role="textbox"
                    aria-multiline="true"
                    aria-label="Nội dung"
                    inner_html=page.body_html.clone()
                    on:input=move |_| dirty.set(true)
                    on:paste=|ev| browser::paste_rich(&ev)
                ></div>
            </article>
            {move || show_history.get().then(|| view! {
                <HistoryPanel kind=Kind::Page slug=slug.clone() current_version=base_version.get_untracked() ctx/>
            })}
        </div>
    }
}
