//! Account management for administrators: plain forms, so it works without JavaScript too.

use crate::api::{account_result_message, AddAccount, ResetAccountPassword, SetAccountDisabled, ACCOUNT_RESULT_PARAM};
use crate::auth::Role;
use crate::model::AccountRow;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The accounts, each with "Khóa"/"Mở khóa" and a password reset, and the form for a new one.
#[component]
pub fn AccountsPanel(accounts: Vec<AccountRow>) -> impl IntoView {
    let query = use_query_map();
    let message = move || {
        query.read().get(ACCOUNT_RESULT_PARAM).and_then(|c| account_result_message(&c)).map(|m| {
            view! { <p class="account-result" role="status">{m}</p> }
        })
    };
    view! {
            <h1>"Quản lý tài khoản"</h1>
            {message}
            <table class="accounts">
                <caption>"Tài khoản biên tập và quản trị"</caption>
                <thead>
                    <tr><th scope="col">"Email"</th><th scope="col">"Vai trò"</th><th scope="col">"Trạng thái"</th><th scope="col">"Thao tác"</th></tr>
                </thead>
                <tbody>
                    {accounts.into_iter().map(|a| view! { <AccountLine account=a/> }).collect_view()}
                </tbody>
            </table>
            <h2>"Thêm tài khoản"</h2>
            <form class="account-form" method="post" action=AddAccount::url()>
                <div class="field">
                    <label for="new-email">"Email"</label>
                    <input id="new-email" name="email" type="email" required autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="new-role">"Vai trò"</label>
                    <select id="new-role" name="role">
                        <option value="editor">{Role::Editor.label()}</option>
                        <option value="admin">{Role::Admin.label()}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="new-password">"Mật khẩu (ít nhất 10 ký tự)"</label>
                    <input id="new-password" name="password" type="password" minlength="10" required autocomplete="new-password"/>
                </div>
                <button type="submit">"Tạo tài khoản"</button>
            </form>
    }
}

#[component]
fn AccountLine(account: AccountRow) -> impl IntoView {
    let role = Role::parse(&account.role).map_or("?", Role::label);
    let id = account.email.replace(['@', '.'], "-");
    view! {
        <tr>
            <td class="account-email">{account.email.clone()}</td>
            <td>{role}</td>
            <td>{if account.disabled { "Đã khóa" } else { "Đang hoạt động" }}</td>
            <td>
                <form method="post" action=SetAccountDisabled::url()>
                    <input type="hidden" name="email" value=account.email.clone()/>
                    <input type="hidden" name="disabled" value=(!account.disabled).to_string()/>
                    <button type="submit">{if account.disabled { "Mở khóa" } else { "Khóa" }}</button>
                </form>
                <form method="post" action=ResetAccountPassword::url() class="reset-form">
                    <input type="hidden" name="email" value=account.email.clone()/>
                    <label for=format!("reset-{id}")>"Mật khẩu mới"</label>
                    <input id=format!("reset-{id}") name="password" type="password" minlength="10" required autocomplete="new-password"/>
                    <button type="submit">"Đặt lại mật khẩu"</button>
                </form>
            </td>
        </tr>
    }
}
