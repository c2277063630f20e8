//! Where the editing tools go on a public page, and the one door to the editor.
//!
//! Visitors get nothing here, and their browsers never download the editor: the slot renders
//! nothing on the server and at hydration, and once the page knows (in the browser) that the
//! user is signed in, it mounts what the request asks for. That code is in the editors' WASM
//! module only (`wasm_modules`): readers' pages hydrate islands, never this slot. Everything
//! only editors use lives behind that door in `components::editor`.

use crate::council::Member;
use crate::model::{Article, ContentPage};
use crate::photos::{AlbumSummary, Photo};
use crate::records::RecordKind;
use leptos::prelude::*;

/// State that outlives one rendering of an editable page: the status line, and a counter that
/// makes the page load its data again after a save.
#[derive(Clone, Copy)]
pub struct EditContext {
    pub notice: RwSignal<Option<String>>,
    pub reload: RwSignal<u32>,
}

impl EditContext {
    pub fn new() -> Self {
        EditContext { notice: RwSignal::new(None), reload: RwSignal::new(0) }
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
    }

    pub fn refresh(&self) {
        self.reload.update(|n| *n += 1);
    }
}

impl Default for EditContext {
    fn default() -> Self {
        Self::new()
    }
}

/// What a page asks the editor to mount.
#[derive(Clone)]
pub enum EditorRequest {
    /// "Sửa bài viết", trash; the article editor in place while `editing`.
    Article { article: Box<Article>, ctx: EditContext, editing: RwSignal<bool>, badge: &'static str },
    /// "Sửa trang"; the page editor in place while `editing`.
    Page { page: Box<ContentPage>, ctx: EditContext, editing: RwSignal<bool> },
    /// "Sửa …" and "Chuyển vào thùng rác" on a record, with its form.
    Record { kind: RecordKind, slug: String, ctx: EditContext },
    /// "Thêm …" above a list.
    NewRecord { kind: RecordKind },
    /// Changing who sits on a body.
    Members { body: String, members: Vec<Member>, ctx: EditContext },
    /// "Tạo album mới" above the photo library.
    NewAlbum,
    /// An album's details, adding photos and their captions.
    Album { album: Box<AlbumSummary>, photos: Vec<Photo>, ctx: EditContext },
}

/// Mounts `request` for signed-in users, in the browser only (the editors' module: readers'
/// pages never hydrate it, see `wasm_modules`).
#[component]
pub fn EditorSlot(request: EditorRequest) -> impl IntoView {
    let signed_in = crate::components::layout::signed_in_user();
    let wanted = RwSignal::new(false);
    // Effects run only in the browser, after hydration: the server and the hydrating browser
    // both render nothing here.
    Effect::new(move |_| {
        if signed_in().is_some() {
            wanted.set(true);
        }
    });
    let request = StoredValue::new(request);
    move || wanted.get().then(|| crate::components::editor::mount(request.get_value()))
}

/// Opens edit mode when the URL asks for it (`?sua=1`, as after "Bài viết mới") and someone
/// is signed in. Runs in the browser only, after hydration.
pub fn open_from_query(editing: RwSignal<bool>) {
    let wanted = leptos_router::hooks::use_query_map().get_untracked().get(crate::api::EDIT_PARAM).is_some();
    if !wanted {
        return;
    }
    let signed_in = crate::components::layout::signed_in_user();
    Effect::new(move |_| {
        if signed_in().is_some() {
            editing.set(true);
        }
    });
}

/// The record's editing tools (for editors).
#[component]
pub fn RecordTools(kind: RecordKind, slug: String, ctx: EditContext) -> impl IntoView {
    view! { <EditorSlot request=EditorRequest::Record { kind, slug, ctx }/> }
}

/// "Thêm …" above a list (for editors).
#[component]
pub fn NewRecord(kind: RecordKind) -> impl IntoView {
    view! { <EditorSlot request=EditorRequest::NewRecord { kind }/> }
}

/// Changing a body's members (for editors).
#[component]
pub fn MembersTools(body: String, members: Vec<Member>, ctx: EditContext) -> impl IntoView {
    view! { <EditorSlot request=EditorRequest::Members { body, members, ctx }/> }
}
