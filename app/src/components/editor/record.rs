//! Editing a council record where it is shown: its fields become a form in place, saved with
//! the same versions, conflicts, history and inline login as articles.

use super::history::HistoryPanel;
use super::{browser, EditContext, EditTools, EditorState, SaveButtons, SaveProblems};
use crate::api::{create_record, detach_file, purge_file, record_files, record_for_edit, save_record, set_trashed};
use crate::editing::DocKind;
use crate::records::{value, FieldSpec, Input, RecordFields, RecordKind};
use leptos::prelude::*;

/// For signed-in editors: "Sửa" (the form replaces nothing; it opens above the record) and
/// "Chuyển vào thùng rác". Visitors get nothing.
#[component]
pub fn RecordTools(kind: RecordKind, slug: String, ctx: EditContext) -> impl IntoView {
    let editing = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    let navigate = StoredValue::new(leptos_router::hooks::use_navigate());
    let trash = move |_| {
        if !browser::confirm("Chuyển bản ghi này vào thùng rác? Có thể khôi phục từ trang Thùng rác.")
        {
            return;
        }
        leptos::task::spawn_local(async move {
            match set_trashed(DocKind::Record(kind), slug.get_value(), true).await {
                Ok(()) => {
                    // The record has left the site: on to the trash, where it can be restored.
                    ctx.say("Đã chuyển vào thùng rác.");
                    navigate.with_value(|go| go("/thung-rac", Default::default()));
                }
                Err(e) => ctx.say(super::save_failed(&e)),
            }
        });
    };
    view! {
        <EditTools ctx editing label=kind.edit_label()>
            <button type="button" class="trash-record" on:click=trash>"Chuyển vào thùng rác"</button>
        </EditTools>
        {move || editing.get().then(|| view! { <RecordForm kind slug=slug.get_value() ctx editing/> })}
    }
}

/// Loads the record's editable fields, then shows the form.
#[component]
fn RecordForm(kind: RecordKind, slug: String, ctx: EditContext, editing: RwSignal<bool>) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<crate::records::EditableRecord, crate::error::ApiError>>);
    {
        let slug = slug.clone();
        leptos::task::spawn_local(async move { loaded.set(Some(record_for_edit(kind, slug).await)) });
    }
    move || match loaded.get() {
        None => view! { <p>"Đang tải…"</p> }.into_any(),
        Some(Err(e)) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
        Some(Ok(record)) => {
            view! { <Fields kind slug=slug.clone() ctx editing version=record.version initial=record.fields/> }
                .into_any()
        }
    }
}

#[component]
fn Fields(
    kind: RecordKind,
    slug: String,
    ctx: EditContext,
    editing: RwSignal<bool>,
    version: i64,
    initial: RecordFields,
) -> impl IntoView {
    let state = EditorState::new(ctx, editing, version);
    let EditorState { base_version, base, dirty, .. } = state;
    base.set_value(initial.clone());
    let values = RwSignal::new(initial);
    let show_history = RwSignal::new(false);
    browser::guard_unsaved(move || dirty.get_untracked());
    let apply = move |key: &str, value: &str| {
        values.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value.to_string();
            }
        });
    };
    let save = Callback::new({
        let slug = slug.clone();
        move |_: ()| {
            let fields = values.get_untracked();
            state.start_saving();
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                match save_record(kind, slug, base_version.get_untracked(), fields.clone()).await {
                    Ok(saved) => {
                        state.saved(saved.version);
                        ctx.refresh();
                    }
                    Err(e) => state.failed(e, Some(fields), apply),
                }
            });
        }
    });
    let cancel = Callback::new(move |_: ()| {
        state.cancel();
    });
    let inputs = kind.fields().iter().map(|spec| field_input(*spec, values, dirty, ctx)).collect_view();
    view! {
        <form class="record-form editing-area" aria-label=kind.edit_label() on:submit=move |ev| {
            ev.prevent_default();
            save.run(());
        }>
            <SaveProblems state save what=kind.label()/>
            {inputs}
            {kind.takes_files().then(|| view! { <FilesEditor kind slug=slug.clone() ctx/> })}
            <div class="editor-controls">
                <SaveButtons state save cancel show_history/>
            </div>
            {move || show_history.get().then(|| view! {
                <HistoryPanel kind=DocKind::Record(kind) slug=slug.clone() current_version=base_version.get_untracked() ctx/>
            })}
        </form>
    }
}

fn field_input(
    spec: FieldSpec,
    values: RwSignal<RecordFields>,
    dirty: RwSignal<bool>,
    ctx: EditContext,
) -> impl IntoView {
    let id = format!("record-{}", spec.key);
    let key = spec.key;
    let current = move || value(&values.get(), key).to_string();
    let set = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        values.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value;
            }
        });
        dirty.set(true);
    };
    let control = match spec.input {
        Input::Line(max) => view! { <input id=id.clone() name=key type="text" maxlength=max required=spec.required prop:value=current on:input=set/> }.into_any(),
        Input::Text(max) => view! { <textarea id=id.clone() name=key rows="6" maxlength=max required=spec.required prop:value=current on:input=set></textarea> }.into_any(),
        Input::Date => view! { <input id=id.clone() name=key type="date" required=spec.required prop:value=current on:input=set/> }.into_any(),
        Input::DateTime => view! { <input id=id.clone() name=key type="datetime-local" required=spec.required prop:value=current on:input=set/> }.into_any(),
        Input::Number => view! { <input id=id.clone() name=key type="number" min="0" prop:value=current on:input=set/> }.into_any(),
        Input::Image => view! {
            <span class="image-field">
                <input id=id.clone() name=key type="text" inputmode="url" prop:value=current on:input=set/>
                <button type="button" class="upload-image" on:click=move |_| {
                    browser::pick_image(move |message| ctx.say(message), move |url| {
                        values.update(|v| {
                            if let Some(slot) = v.iter_mut().find(|(k, _)| k == key) {
                                slot.1 = url;
                            }
                        });
                        dirty.set(true);
                    });
                }>"Tải ảnh lên"</button>
            </span>
        }
        .into_any(),
        Input::Choice(choices) => view! {
            <select id=id.clone() name=key required=spec.required prop:value=current on:change=set>
                {(!spec.required).then(|| view! { <option value="">"—"</option> })}
                {choices.iter().map(|(k, label)| view! { <option value=*k selected=move || value(&values.get_untracked(), key) == *k>{*label}</option> }).collect_view()}
            </select>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{spec.label}{spec.required.then_some(" *")}</label>
            {control}
        </div>
    }
}

/// For signed-in editors, above a list: "Thêm …" opens an empty form; the new record's page
/// opens once it is saved.
#[component]
pub fn NewRecord(kind: RecordKind) -> impl IntoView {
    let Some(label) = kind.new_label() else { return ().into_any() };
    let ctx = EditContext::new();
    let open = RwSignal::new(false);
    view! {
        <EditTools ctx editing=open label/>
        {move || open.get().then(|| view! { <CreateForm kind ctx open/> })}
    }
    .into_any()
}

#[component]
fn CreateForm(kind: RecordKind, ctx: EditContext, open: RwSignal<bool>) -> impl IntoView {
    // Required choices start on their first value, as the select shows it.
    let initial: RecordFields = kind
        .fields()
        .iter()
        .map(|spec| {
            let value = match spec.input {
                Input::Choice(choices) if spec.required => {
                    choices.first().map(|(k, _)| k.to_string()).unwrap_or_default()
                }
                _ => String::new(),
            };
            (spec.key.to_string(), value)
        })
        .collect();
    let values = RwSignal::new(initial);
    let dirty = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = values.get_untracked();
        saving.set(true);
        ctx.say("Đang lưu…");
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_record(kind, fields.clone()).await {
                Ok(saved) => {
                    ctx.say("Đã thêm.");
                    open.set(false);
                    navigate(&kind.href(&saved.slug, &fields), Default::default());
                }
                Err(e) => {
                    saving.set(false);
                    ctx.say(super::save_failed(&e));
                }
            }
        });
    };
    let inputs = kind.fields().iter().map(|spec| field_input(*spec, values, dirty, ctx)).collect_view();
    view! {
        <form class="record-form editing-area" aria-label=kind.new_label().unwrap_or_default() on:submit=submit novalidate>
            {inputs}
            <div class="editor-controls">
                <button type="submit" class="save-button" disabled=move || saving.get()>"Thêm"</button>
                <button type="button" class="cancel-button" on:click=move |_| {
                    ctx.notice.set(None);
                    open.set(false);
                }>"Hủy"</button>
            </div>
        </form>
    }
}

/// The record's files: each can be taken off; documents are added one by one. Changes apply
/// at once (they are not part of "Lưu").
#[component]
fn FilesEditor(kind: RecordKind, slug: String, ctx: EditContext) -> impl IntoView {
    let files = RwSignal::new(Vec::<crate::resolution::AttachedFile>::new());
    let slug = StoredValue::new(slug);
    let load = move || {
        leptos::task::spawn_local(async move {
            match record_files(kind, slug.get_value()).await {
                Ok(list) => files.set(list),
                Err(e) => ctx.say(e.to_string()),
            }
        });
    };
    load();
    // Withdrawing a file for good is for administrators (the server checks it again).
    let user = crate::components::layout::signed_in_user();
    let is_admin = move || user().is_some_and(|u| u.role.can_manage_users());
    let add = move |_| {
        // The list here updates at once; the page's own list follows on the next save (a
        // refresh now would close the form and drop unsaved fields).
        browser::pick_document(kind.key(), slug.get_value(), move |message| ctx.say(message), move |_| load());
    };
    view! {
        <fieldset class="record-files">
            <legend>"Tệp đính kèm"</legend>
            <ul>
                {move || files.get().into_iter().map(|f| {
                    let stored = f.url.trim_start_matches("/tai-lieu/").to_string();
                    let name = f.name.clone();
                    let purge = {
                        let (stored, name) = (stored.clone(), name.clone());
                        move |_| purge_for_good(&stored, &name, ctx, load)
                    };
                    let remove = move |_| {
                        if !browser::confirm(&format!("Gỡ tệp “{name}” khỏi bản ghi?")) {
                            return;
                        }
                        let stored = stored.clone();
                        leptos::task::spawn_local(async move {
                            match detach_file(kind, slug.get_value(), stored).await {
                                Ok(()) => {
                                    ctx.say("Đã gỡ tệp.");
                                    load();
                                }
                                Err(e) => ctx.say(super::save_failed(&e)),
                            }
                        });
                    };
                    view! {
                        <li>
                            <a href=f.url.clone() rel="external">{f.name.clone()}</a>
                            " (" {crate::resolution::file_size(f.size)} ") "
                            <button type="button" class="detach-file" on:click=remove>{format!("Gỡ {}", f.name)}</button>
                            {is_admin().then(|| view! {
                                " "
                                <button type="button" class="purge-file" on:click=purge>
                                    {format!("Xóa vĩnh viễn tệp {}", f.name)}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="attach-file" on:click=add>"Đính kèm tệp (PDF, Word, Excel…)"</button>
        </fieldset>
    }
}

/// Asks for the reason, then deletes the stored file everywhere (`purge_file`) and reloads the
/// list with `reload`.
fn purge_for_good(stored: &str, name: &str, ctx: EditContext, reload: impl Fn() + 'static) {
    let question = format!(
        "Xóa vĩnh viễn tệp “{name}”? Tệp bị xóa khỏi máy chủ và gỡ khỏi mọi bản ghi đang dùng nó, \
         không thể khôi phục. Ghi lý do xóa:"
    );
    let Some(reason) = browser::prompt(&question) else { return };
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        ctx.say("Chưa xóa: cần ghi lý do xóa vĩnh viễn tệp.");
        return;
    }
    let stored = stored.to_string();
    leptos::task::spawn_local(async move {
        match purge_file(stored, reason).await {
            Ok(_) => {
                ctx.say("Đã xóa vĩnh viễn tệp.");
                reload();
            }
            Err(e) => ctx.say(format!("Chưa xóa được tệp: {e}")),
        }
    });
}
