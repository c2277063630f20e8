//! Editing in place: everything only signed-in editors use, in the editors' WASM module only
//! (`wasm_modules`). The in-place editors are mounted through `editor_slot`, whose one entry
//! point is `mount`; the trash and accounts panels are pages of the whole app.

pub mod accounts;
pub mod article;
pub mod browser;
pub mod history;
pub mod library;
pub mod members;
pub mod page;
pub mod record;
pub mod trash;

pub use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::EditorRequest;
use crate::editing::{Change, FieldDiff};
use crate::error::ApiError;
use leptos::prelude::*;

/// Builds the tools a page asked for (see `EditorRequest`).
pub fn mount(request: EditorRequest) -> AnyView {
    match request {
        EditorRequest::Article { article, ctx, editing, badge } => view! {
            <EditTools ctx editing label="Sửa bài viết" badge/>
            {move || editing.get().then(|| view! { <article::ArticleEditor article=(*article).clone() ctx editing/> })}
        }
        .into_any(),
        EditorRequest::Page { page, ctx, editing } => view! {
            <EditTools ctx editing label="Sửa trang"/>
            {move || editing.get().then(|| view! { <page::PageEditor page=(*page).clone() ctx editing/> })}
        }
        .into_any(),
        EditorRequest::Record { kind, slug, ctx } => view! { <record::RecordTools kind slug ctx/> }.into_any(),
        EditorRequest::NewRecord { kind } => view! { <record::NewRecord kind/> }.into_any(),
        EditorRequest::Members { body, members, ctx } => {
            view! { <members::MembersEditor body members ctx/> }.into_any()
        }
        EditorRequest::NewAlbum => view! { <library::NewAlbum/> }.into_any(),
        EditorRequest::Album { album, photos, ctx } => {
            view! { <library::AlbumEditor album=*album photos ctx/> }.into_any()
        }
    }
}

/// The status line of the editing tools.
#[component]
pub fn EditorStatus(ctx: EditContext) -> impl IntoView {
    view! { <p class="editor-status" role="status">{move || ctx.notice.get()}</p> }
}

/// Formatting buttons for a rich-text area. They act on the current selection; pressing one
/// does not take the focus (and so the selection) away from the text.
#[component]
pub fn FormatToolbar(ctx: EditContext) -> impl IntoView {
    let button = |label: &'static str, text: &'static str, action: fn()| {
        view! {
            <button
                type="button"
                class="format-button"
                title=label
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| action()
            >
                <span aria-hidden="true">{text}</span>
                <span class="visually-hidden">{label}</span>
            </button>
        }
    };
    view! {
        <div class="editor-toolbar" role="toolbar" aria-label="Định dạng">
            {button("Đậm", "B", || browser::exec("bold", None))}
            {button("Nghiêng", "I", || browser::exec("italic", None))}
            {button("Tiêu đề mục", "H2", || browser::exec("formatBlock", Some("<h2>")))}
            {button("Đoạn văn", "¶", || browser::exec("formatBlock", Some("<p>")))}
            {button("Danh sách", "•", || browser::exec("insertUnorderedList", None))}
            {button("Danh sách số", "1.", || browser::exec("insertOrderedList", None))}
            {button("Trích dẫn", "❝", || browser::exec("formatBlock", Some("<blockquote>")))}
            {button("Liên kết", "🔗", || {
                if let Some(url) = browser::prompt("Địa chỉ liên kết (https://…):") {
                    let url = url.trim().to_string();
                    if crate::paste::clean_href(&url).is_some() {
                        browser::exec("createLink", Some(&url));
                    }
                }
            })}
            {button("Bỏ liên kết", "⛓", || browser::exec("unlink", None))}
            <button
                type="button"
                class="format-button"
                title="Chèn ảnh (JPEG, PNG, GIF, WebP; tối đa 5 MB)"
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| browser::pick_and_insert_image(move |message| ctx.say(message))
            >
                <span aria-hidden="true">"🖼"</span>
                <span class="visually-hidden">"Ảnh"</span>
            </button>
        </div>
    }
}

/// What changed, field by field: insertions in `<ins>`, deletions in `<del>`.
#[component]
pub fn DiffView(changes: Vec<FieldDiff>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="diff diff-empty">"Không có thay đổi nội dung."</p> }.into_any();
    }
    view! {
        <div class="diff">
            {changes
                .into_iter()
                .map(|f| view! {
                    <section class="diff-field">
                        <h4>{f.field}</h4>
                        <p>
                            {f.segments
                                .into_iter()
                                .map(|s| match s.change {
                                    Change::Same => view! { <span>{s.text}</span> }.into_any(),
                                    Change::Added => view! { <ins>{s.text}</ins> }.into_any(),
                                    Change::Removed => view! { <del>{s.text}</del> }.into_any(),
                                })
                                .collect_view()}
                        </p>
                    </section>
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Shown when a save finds the login session gone: log in again without leaving the page (the
/// text being edited stays where it is), then `then` runs (the save is retried).
#[component]
pub fn InlineLogin(then: Callback<()>) -> impl IntoView {
    let email = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(e), Some(p)) = (email.get_untracked(), password.get_untracked()) else { return };
        let (e, p) = (e.value(), p.value());
        leptos::task::spawn_local(async move {
            match crate::api::login(e, p, None).await {
                Ok(_) => {
                    error.set(None);
                    then.run(());
                }
                Err(err) => error.set(Some(err.to_string())),
            }
        });
    };
    view! {
        <form class="inline-login" on:submit=submit>
            <p>"Phiên đăng nhập đã hết hạn. Đăng nhập lại để lưu — nội dung bạn đang soạn vẫn được giữ nguyên."</p>
            <label for="inline-email">"Email"</label>
            <input id="inline-email" type="email" autocomplete="username" node_ref=email required/>
            <label for="inline-password">"Mật khẩu"</label>
            <input id="inline-password" type="password" autocomplete="current-password" node_ref=password required/>
            <button type="submit">"Đăng nhập và lưu"</button>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </form>
    }
}

/// After a conflict: every field this editor left as it was (`mine` equals `base`) takes the
/// stored value, through `apply(key, value)`; fields they changed keep their text.
pub fn take_untouched(
    base: &[(String, String)],
    mine: &[(String, String)],
    theirs: &[(String, String)],
    apply: impl Fn(&str, &str),
) {
    let get = |list: &[(String, String)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    for (key, stored) in theirs {
        let (Some(b), Some(m)) = (get(base, key), get(mine, key)) else { continue };
        let merged = crate::editing::merge_field(&b, &m, stored);
        if merged != m {
            apply(key, merged);
        }
    }
}

/// What both editors track while editing, and how a save's answer changes it.
#[derive(Clone, Copy)]
pub struct EditorState {
    pub ctx: EditContext,
    pub editing: RwSignal<bool>,
    /// The stored version this editor's next save starts from.
    pub base_version: RwSignal<i64>,
    /// The field values that version had (as the browser serialises them): the base of the
    /// three-way merge after a conflict.
    pub base: StoredValue<Vec<(String, String)>>,
    pub dirty: RwSignal<bool>,
    pub saving: RwSignal<bool>,
    pub conflict: RwSignal<Option<crate::editing::Conflict>>,
    pub need_login: RwSignal<bool>,
}

impl EditorState {
    pub fn new(ctx: EditContext, editing: RwSignal<bool>, version: i64) -> Self {
        EditorState {
            ctx,
            editing,
            base_version: RwSignal::new(version),
            base: StoredValue::new(Vec::new()),
            dirty: RwSignal::new(false),
            saving: RwSignal::new(false),
            conflict: RwSignal::new(None),
            need_login: RwSignal::new(false),
        }
    }

    pub fn start_saving(&self) {
        self.saving.set(true);
        self.ctx.say("Đang lưu…");
    }

    /// A save went through: leave edit mode and say which version was stored.
    pub fn saved(&self, version: i64) {
        self.saving.set(false);
        self.dirty.set(false);
        self.need_login.set(false);
        self.conflict.set(None);
        self.ctx.say(format!("Đã lưu phiên bản {version}."));
        self.editing.set(false);
    }

    /// A save failed. The editor's text stays on the page in every case; after a conflict the
    /// fields they did not touch take the stored values (`mine` are theirs now, `apply`
    /// writes one field back), and the next save starts from the stored version.
    pub fn failed(&self, error: ApiError, mine: Option<Vec<(String, String)>>, apply: impl Fn(&str, &str)) {
        self.saving.set(false);
        match error {
            ApiError::Conflict(c) => {
                if let Some(mine) = mine {
                    take_untouched(&self.base.get_value(), &mine, &c.theirs, apply);
                }
                self.base.set_value(c.theirs.clone());
                self.base_version.set(c.version);
                self.conflict.set(Some(*c));
                self.ctx.say("Chưa lưu: có xung đột với bản của người khác.");
            }
            ApiError::Unauthorized => {
                self.need_login.set(true);
                self.ctx.say(save_failed(&ApiError::Unauthorized));
            }
            other => self.ctx.say(save_failed(&other)),
        }
    }

    /// "Hủy": asks first if something changed; true if editing ended.
    pub fn cancel(&self) -> bool {
        if self.dirty.get_untracked() && !browser::confirm("Bỏ các thay đổi chưa lưu?") {
            return false;
        }
        self.dirty.set(false);
        self.ctx.notice.set(None);
        self.editing.set(false);
        true
    }
}

/// "Lưu", "Hủy" and "Lịch sử", the same in both editors.
#[component]
pub fn SaveButtons(
    state: EditorState,
    save: Callback<()>,
    cancel: Callback<()>,
    show_history: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <button type="button" class="save-button" disabled=move || state.saving.get() on:click=move |_| save.run(())>"Lưu"</button>
        <button type="button" class="cancel-button" on:click=move |_| cancel.run(())>"Hủy"</button>
        <button
            type="button"
            class="history-button"
            aria-expanded=move || show_history.get().to_string()
            on:click=move |_| show_history.update(|s| *s = !*s)
        >
            "Lịch sử"
        </button>
    }
}

/// The conflict report and the inline login, above the fields of either editor.
#[component]
pub fn SaveProblems(state: EditorState, save: Callback<()>, what: &'static str) -> impl IntoView {
    view! {
        {move || state.conflict.get().map(|c| view! {
            <div class="conflict-panel" role="alert">
                <p>
                    <strong>{format!("{what} đã được người khác sửa trong lúc bạn soạn")}</strong>
                    {format!(" (phiên bản {}, bởi {}, lúc {}). ", c.version, c.author, crate::format::date_time(&c.at))}
                    "Nội dung của bạn vẫn nằm nguyên trên trang; những phần bạn chưa sửa đã được cập nhật theo bản mới. Đây là những gì họ đã thay đổi — hãy đưa vào bản của bạn những gì cần giữ, rồi lưu."
                </p>
                <DiffView changes=c.changes.clone()/>
                <button type="button" class="save-merged" on:click=move |_| save.run(())>"Lưu bản đã hợp nhất"</button>
            </div>
        })}
        {move || state.need_login.get().then(|| view! { <InlineLogin then=save/> })}
    }
}

/// The message for a failed save; the editor's text always stays on the page.
pub fn save_failed(error: &ApiError) -> String {
    format!("Chưa lưu được: {error} Nội dung bạn đang soạn vẫn còn trên trang.")
}

/// Above an editable page, for signed-in editors only (the slot mounts it for them alone):
/// the page's status, the edit toggle and the status line.
#[component]
pub fn EditTools(
    ctx: EditContext,
    editing: RwSignal<bool>,
    label: &'static str,
    /// "Bản nháp", "Hẹn giờ đăng"…; empty for a public page.
    #[prop(optional)]
    badge: &'static str,
    /// More buttons, after the edit toggle.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="edit-tools">
            {(!badge.is_empty()).then(|| view! { <span class="status-badge">{badge}</span> })}
            <button
                type="button"
                class="edit-toggle"
                aria-pressed=move || editing.get().to_string()
                disabled=move || editing.get()
                on:click=move |_| {
                    ctx.notice.set(None);
                    editing.set(true);
                }
            >
                {label}
            </button>
            {children.map(|c| c())}
            <EditorStatus ctx/>
        </div>
    }
}
