//! A content page (Giới thiệu …), editable where it stands: title and body in place, the
//! description (used for search engines) in a field above.

use super::history::HistoryPanel;
use super::{browser, EditContext, EditorState, FormatToolbar, SaveButtons, SaveProblems};
use crate::api::save_page;
use crate::editing::DocKind;
use crate::editing::PageFields;
use crate::model::ContentPage;
use leptos::prelude::*;

#[component]
pub fn PageEditor(page: ContentPage, ctx: EditContext, editing: RwSignal<bool>) -> impl IntoView {
    let title = NodeRef::<leptos::html::H1>::new();
    let body = NodeRef::<leptos::html::Div>::new();
    let description = RwSignal::new(page.description.clone());
    let state = EditorState::new(ctx, editing, page.version);
    let EditorState { base_version, base, dirty, .. } = state;
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
            state.start_saving();
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                match save_page(slug, base_version.get_untracked(), fields).await {
                    Ok(saved) => {
                        state.saved(saved.version);
                        ctx.refresh();
                    }
                    Err(e) => state.failed(e, collect().map(|f| f.field_values()), apply),
                }
            });
        }
    });

    let cancel = move |_: ()| {
        state.cancel();
    };

    view! {
        <div class="editing-area">
            <SaveProblems state save what="Trang"/>
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
                <SaveButtons state save cancel=Callback::new(cancel) show_history/>
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
                <HistoryPanel kind=DocKind::Page slug=slug.clone() current_version=base_version.get_untracked() ctx/>
            })}
        </div>
    }
}
