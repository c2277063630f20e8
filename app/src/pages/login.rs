use crate::api::{login_error_message, Login, LOGIN_ERROR_PARAM};
use crate::components::breadcrumb::Breadcrumb;
use crate::model::Crumb;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The login page: a plain form, so it works with JavaScript off; the server sets the login session
/// cookie and sends the browser on to `next`.
#[component]
pub fn LoginView() -> impl IntoView {
    let query = use_query_map();
    let error = move || {
        query.read().get(LOGIN_ERROR_PARAM).and_then(|code| login_error_message(&code)).map(|message| {
            view! { <p class="form-error" role="alert">{message}</p> }
        })
    };
    let next = query.get_untracked().get("next").unwrap_or_else(|| "/".to_string());
    let reset_done = (query.get_untracked().get("kq").as_deref() == Some("da-dat-lai")).then(|| {
        view! { <p class="form-ok" role="status">"Đã đặt mật khẩu mới. Vui lòng đăng nhập bằng mật khẩu mới."</p> }
    });
    view! {
        <Title text="Đăng nhập"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Đăng nhập dành cho biên tập viên của cổng thông tin."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Đăng nhập")]/>
        <h1>"Đăng nhập biên tập"</h1>
        <p>"Dành cho biên tập viên và quản trị viên của Văn phòng Đoàn ĐBQH và HĐND tỉnh."</p>
        {reset_done}
        {error}
        <form class="login-form" method="post" action=Login::url()>
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="login-email">"Email"</label>
                <input id="login-email" name="email" type="email" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="login-password">"Mật khẩu"</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <button type="submit">"Đăng nhập"</button>
        </form>
        <p><a href="/quen-mat-khau">"Quên mật khẩu?"</a></p>
    }
}
