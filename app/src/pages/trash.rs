use super::load_page;
use crate::api::list_trash;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::{editor_view, EditorRequest};
use crate::model::{Crumb, TrashItem};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Thùng rác: trashed articles and council records, each restorable (editors only; others get
/// 401). Its list lives in the editor module, loaded only for a signed-in editor.
#[component]
pub fn TrashView() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_trash());
    view! {
        <Title text="Thùng rác"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Thùng rác")]/>
        {load_page(data, |items: Vec<TrashItem>| editor_view(EditorRequest::Trash { items }))}
    }
}
