use super::load_page;
use crate::api::list_accounts;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::{editor_view, EditorRequest};
use crate::model::{AccountRow, Crumb};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Account management (administrators only; editors get 403, visitors 401). Its forms live in
/// the editor module, loaded only once the list has come back (that is, for an administrator).
#[component]
pub fn AccountsView() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_accounts());
    view! {
        <Title text="Quản lý tài khoản"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Quản lý tài khoản")]/>
        {load_page(data, |accounts: Vec<AccountRow>| editor_view(EditorRequest::Accounts { accounts }))}
    }
}
