//! The article, editable where it stands: title, lead, body, caption and source become
//! editable in place; the toolbar formats the body; Save checks the version it started from.

use super::history::HistoryPanel;
use super::{browser, EditContext, EditorState, FormatToolbar, SaveButtons, SaveProblems};
use crate::api::{save_article, set_trashed};
use crate::editing::DocKind;
use crate::editing::{ArticleFields, Status};
use crate::model::Article;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ArticleEditor(article: Article, ctx: EditContext, editing: RwSignal<bool>) -> impl IntoView {
    let title = NodeRef::<leptos::html::H1>::new();
    let lead = NodeRef::<leptos::html::P>::new();
    let body = NodeRef::<leptos::html::Div>::new();
    let caption = NodeRef::<leptos::html::Figcaption>::new();
    let source = NodeRef::<leptos::html::P>::new();
    let status = RwSignal::new(article.fields.status);
    let published = RwSignal::new(article.fields.published_local.clone());
    let state = EditorState::new(ctx, editing, article.version);
    let EditorState { base_version, base, dirty, .. } = state;
    let show_history = RwSignal::new(false);
    let slug = article.slug.clone();
    let image_url = RwSignal::new(article.fields.image_url.clone());
    let choosing = RwSignal::new(false);
    let navigate = use_navigate();

    browser::guard_unsaved(move || dirty.get_untracked());

    let collect = {
        move || -> Option<ArticleFields> {
            let text = |el: Option<leptos::web_sys::HtmlElement>| {
                el.map(|e| e.inner_text().trim().to_string()).unwrap_or_default()
            };
            let optional = |s: String| (!s.is_empty()).then_some(s);
            Some(ArticleFields {
                title: text(title.get_untracked().map(Into::into)),
                lead: text(lead.get_untracked().map(Into::into)),
                body_html: body.get_untracked()?.inner_html(),
                image_url: image_url.get_untracked(),
                image_caption: image_url.get_untracked().and_then(|_| optional(text(caption.get_untracked()))),
                source: optional(text(source.get_untracked().map(Into::into))),
                status: status.get_untracked(),
                published_local: published.get_untracked(),
            })
        }
    };

    {
        Effect::new(move |_| {
            if let Some(fields) = collect() {
                base.set_value(fields.field_values());
            }
        });
    }

    // Writes one field back into the page (after a conflict, from the stored version).
    let apply = move |key: &str, value: &str| {
        let set = |el: Option<leptos::web_sys::HtmlElement>| {
            if let Some(el) = el {
                el.set_inner_text(value);
            }
        };
        match key {
            "title" => set(title.get_untracked().map(Into::into)),
            "lead" => set(lead.get_untracked().map(Into::into)),
            "body" => {
                if let Some(el) = body.get_untracked() {
                    el.set_inner_html(value);
                }
            }
            "image" => image_url.set((!value.is_empty()).then(|| value.to_string())),
            "image_caption" => set(caption.get_untracked()),
            "source" => set(source.get_untracked().map(Into::into)),
            "status" => status.set(Status::parse(value).unwrap_or(Status::Draft)),
            "published" => published.set(value.to_string()),
            _ => {}
        }
    };

    let key = crate::drafts::key(&slug);
    let changed = {
        let key = key.clone();
        move || {
            dirty.set(true);
            if let Some(fields) = collect() {
                if let Ok(json) = serde_json::to_string(&fields) {
                    browser::backup_save(&key, &json);
                }
            }
        }
    };
    let on_input = {
        let changed = changed.clone();
        move |_: leptos::ev::Event| changed()
    };

    let save = Callback::new({
        let slug = slug.clone();
        let key = key.clone();
        let navigate = navigate.clone();
        move |_: ()| {
            let Some(fields) = collect() else { return };
            state.start_saving();
            let slug = slug.clone();
            let key = key.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let result = save_article(slug.clone(), base_version.get_untracked(), fields).await;
                match result {
                    Ok(saved) => {
                        browser::backup_clear(&key);
                        state.saved(saved.version);
                        if saved.slug == slug {
                            ctx.refresh();
                        } else {
                            navigate(&format!("/bai-viet/{}", saved.slug), Default::default());
                        }
                    }
                    Err(e) => state.failed(e, collect().map(|f| f.field_values()), apply),
                }
            });
        }
    });

    let cancel = {
        let key = key.clone();
        move |_: ()| {
            if state.cancel() {
                browser::backup_clear(&key);
            }
        }
    };

    let trash = {
        let slug = slug.clone();
        let navigate = navigate.clone();
        move |_| {
            if !browser::confirm("Chuyển bài viết này vào thùng rác? Có thể khôi phục lại từ thùng rác.")
            {
                return;
            }
            let slug = slug.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                match set_trashed(DocKind::Article, slug, true).await {
                    Ok(()) => {
                        dirty.set(false);
                        ctx.say("Đã chuyển bài viết vào thùng rác.");
                        navigate("/thung-rac", Default::default());
                    }
                    Err(e) => ctx.say(super::save_failed(&e)),
                }
            });
        }
    };

    // An unsaved local copy from an earlier visit (a crash, a closed tab) is offered back.
    let stored = article.fields.clone();
    let backup = RwSignal::new(
        browser::backup_load(&key)
            .and_then(|json| serde_json::from_str::<ArticleFields>(&json).ok())
            .filter(|b| *b != stored),
    );
    let use_backup = move |_| {
        if let Some(b) = backup.get_untracked() {
            let set = |el: Option<leptos::web_sys::HtmlElement>, text: &str| {
                if let Some(el) = el {
                    el.set_inner_text(text);
                }
            };
            set(title.get_untracked().map(Into::into), &b.title);
            set(lead.get_untracked().map(Into::into), &b.lead);
            if let Some(el) = body.get_untracked() {
                el.set_inner_html(&b.body_html);
            }
            image_url.set(b.image_url.clone());
            set(caption.get_untracked(), b.image_caption.as_deref().unwrap_or(""));
            set(source.get_untracked().map(Into::into), b.source.as_deref().unwrap_or(""));
            status.set(b.status);
            published.set(b.published_local.clone());
            dirty.set(true);
        }
        backup.set(None);
    };

    // The lead image: replaced by an upload or a library photo, or taken away; its caption
    // is edited where it stands.
    let upload = {
        let changed = changed.clone();
        move |_| {
            let changed = changed.clone();
            browser::pick_image(
                move |message| ctx.say(message),
                move |url| {
                    image_url.set(Some(url));
                    changed();
                },
            );
        }
    };
    let chosen = Callback::new({
        let changed = changed.clone();
        move |photo: crate::photos::LibraryPhoto| {
            if let Some(size) = photo.photo.picture.largest() {
                image_url.set(Some(size.url.clone()));
                if let Some(el) = caption.get_untracked() {
                    if el.inner_text().trim().is_empty() {
                        el.set_inner_text(&photo.photo.caption);
                    }
                }
                changed();
            }
            choosing.set(false);
        }
    });
    let remove = {
        let changed = changed.clone();
        move |_| {
            image_url.set(None);
            changed();
        }
    };
    let figure = view! {
        <figure class="article-figure">
            {move || match image_url.get() {
                Some(src) => view! { <img src=src alt="Ảnh đại diện của bài viết" width="800" height="450"/> }.into_any(),
                None => view! { <p class="figure-empty">"Bài viết chưa có ảnh đại diện."</p> }.into_any(),
            }}
            <div class="figure-tools" role="group" aria-label="Ảnh đại diện">
                <button type="button" on:click=upload>"Tải ảnh lên"</button>
                <button
                    type="button"
                    aria-expanded=move || choosing.get().to_string()
                    on:click=move |_| choosing.update(|c| *c = !*c)
                >
                    "Chọn từ thư viện ảnh"
                </button>
                {move || image_url.get().is_some().then(|| view! {
                    <button type="button" on:click=remove.clone()>"Bỏ ảnh"</button>
                })}
            </div>
            {move || choosing.get().then(|| view! {
                <super::library::LibraryChooser chosen close=Callback::new(move |_| choosing.set(false))/>
            })}
            <figcaption
                contenteditable="true"
                node_ref=caption
                aria-label="Chú thích ảnh"
                on:input=on_input.clone()
                on:paste=|ev| browser::paste_plain(&ev)
            >
                {article.fields.image_caption.clone().unwrap_or_default()}
            </figcaption>
        </figure>
    };

    view! {
        <div class="editing-area">
            {move || backup.get().map(|_| view! {
                <div class="backup-offer" role="alert">
                    <p>"Có một bản chưa lưu của bài này từ lần soạn trước trên máy này."</p>
                    <button type="button" on:click=use_backup>"Dùng bản chưa lưu"</button>
                    <button type="button" on:click=move |_| backup.set(None)>"Bỏ qua"</button>
                </div>
            })}
            <SaveProblems state save what="Bài viết"/>
            <div class="editor-controls">
                <label for="article-status">"Trạng thái"</label>
                <select
                    id="article-status"
                    on:change=move |ev| {
                        status.set(Status::parse(&event_target_value(&ev)).unwrap_or(Status::Draft));
                        dirty.set(true);
                    }
                    prop:value=move || status.get().as_str()
                >
                    <option value="draft" selected=move || status.get() == Status::Draft>"Bản nháp"</option>
                    <option value="published" selected=move || status.get() == Status::Published>"Đăng"</option>
                </select>
                <label for="article-published">"Thời gian đăng"</label>
                <input
                    id="article-published"
                    type="datetime-local"
                    prop:value=move || published.get()
                    on:input=move |ev| {
                        published.set(event_target_value(&ev));
                        dirty.set(true);
                    }
                />
                <SaveButtons state save cancel=Callback::new(cancel) show_history/>
                <button type="button" class="trash-button" on:click=trash>"Chuyển vào thùng rác"</button>
            </div>
            <article class="article editing">
                <header>
                    <h1
                        class="article-title"
                        contenteditable="true"
                        node_ref=title
                        aria-label="Tiêu đề"
                        on:input=on_input.clone()
                        on:paste=|ev| browser::paste_plain(&ev)
                    >
                        {article.fields.title.clone()}
                    </h1>
                </header>
                <p
                    class="article-lead"
                    contenteditable="true"
                    node_ref=lead
                    aria-label="Sapo"
                    on:input=on_input.clone()
                    on:paste=|ev| browser::paste_plain(&ev)
                >
                    {article.fields.lead.clone()}
                </p>
                {figure}
                <FormatToolbar ctx/>
                <div
                    class="article-body"
                    contenteditable="true"
                    node_ref=body
                    role="textbox"
                    aria-multiline="true"
                    aria-label="Nội dung"
                    inner_html=article.fields.body_html.clone()
                    on:input=on_input.clone()
                    on:paste=|ev| browser::paste_rich(&ev)
                ></div>
                <p
                    class="article-source"
                    contenteditable="true"
                    node_ref=source
                    aria-label="Nguồn"
                    on:input=on_input
                    on:paste=|ev| browser::paste_plain(&ev)
                >
                    {article.fields.source.clone().unwrap_or_default()}
                </p>
            </article>
            {move || show_history.get().then(|| view! {
                <HistoryPanel kind=DocKind::Article slug=slug.clone() current_version=base_version.get_untracked() ctx/>
            })}
        </div>
    }
}
