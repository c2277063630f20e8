use super::load_page;
use crate::api::list_trash;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor::trash::TrashPanel;
use crate::model::{Crumb, TrashItem};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Thùng rác: trashed articles and council records, each restorable (editors only; others get
/// 401). A lazily loaded route of its own, with the accounts page.
#[component]
pub fn TrashView() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_trash());
    view! {
        <Title text="Thùng rác"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Thùng rác")]/>
        {load_page(data, |items: Vec<TrashItem>| view! { <TrashPanel items/> })}
    }
}
