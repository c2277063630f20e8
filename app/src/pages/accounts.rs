use super::load_page;
use crate::api::list_accounts;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor::accounts::AccountsPanel;
use crate::model::{AccountRow, Crumb};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Account management (administrators only; editors get 403, visitors 401). A lazily loaded
/// route of its own, with the trash.
#[component]
pub fn AccountsView() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_accounts());
    view! {
        <Title text="Quản lý tài khoản"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Quản lý tài khoản")]/>
        {load_page(data, |accounts: Vec<AccountRow>| view! { <AccountsPanel accounts/> })}
    }
}
