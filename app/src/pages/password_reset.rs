//! "Quên mật khẩu" and "Đặt lại mật khẩu": an editor asks for a link by email, then sets a new
//! password through it. Plain forms (they work without JavaScript); with JavaScript the
//! answers appear in place.

use crate::api::{
    request_password_reset, reset_link_live, reset_password, RequestPasswordReset, ResetPassword, RESET_RESULT_PARAM,
};
use crate::components::bot_guard::value_of;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::form_status::FormEnd;
use crate::mail::{notice, reset_error, BAD_RESET_LINK};
use crate::model::Crumb;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn ForgotPasswordView() -> impl IntoView {
    let returned = use_query_map().get_untracked().get(RESET_RESULT_PARAM).and_then(|code| notice(&code));
    let status = RwSignal::new(returned.map(|(m, ok)| (m.to_string(), ok)));
    let pending = RwSignal::new(false);
    let (email, stamp, trap) = (NodeRef::<Input>::new(), NodeRef::new(), NodeRef::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let args = (value_of(email), value_of(trap), value_of(stamp));
        pending.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            let answer = request_password_reset(args.0, args.1, args.2).await;
            pending.set(false);
            status.set(Some(match answer {
                Ok(outcome) => (outcome.message, true),
                Err(e) => (e.to_string(), false),
            }));
        });
    };
    view! {
        <Title text="Quên mật khẩu"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Nhận đường dẫn đặt lại mật khẩu tài khoản biên tập qua email."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Quên mật khẩu")]/>
        <h1>"Quên mật khẩu"</h1>
        <p>"Nhập email tài khoản biên tập của bạn: cổng thông tin sẽ gửi đến đó một đường dẫn để đặt mật khẩu mới."</p>
        <form class="login-form mail-form" id="quen-mat-khau" method="post" action=RequestPasswordReset::url() on:submit=on_submit>
            <div class="field">
                <label for="reset-email">"Email"</label>
                <input id="reset-email" name="email" type="email" autocomplete="username" required node_ref=email aria-describedby="reset-privacy"/>
            </div>
            <FormEnd id="reset" privacy="" button="Gửi đường dẫn" stamp trap pending status/>
        </form>
        <p><a href="/dang-nhap">"Quay lại đăng nhập"</a></p>
    }
}

#[component]
pub fn ResetPasswordView() -> impl IntoView {
    super::private_page();
    let query = use_query_map().get_untracked();
    let token = query.get("ma").unwrap_or_default();
    let returned_error = query.get("loi").map(|code| reset_error(&code).to_string());
    let live = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        reset_link_live,
    );
    let error = RwSignal::new(returned_error);
    let pending = RwSignal::new(false);
    let (password, confirm) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let navigate = use_navigate();
    let on_submit = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (token, navigate) = (token.clone(), navigate.clone());
            let (p, c) = (value_of(password), value_of(confirm));
            pending.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let answer = reset_password(token, p, c).await;
                pending.set(false);
                match answer {
                    Ok(()) => navigate("/dang-nhap?kq=da-dat-lai", Default::default()),
                    Err(e) => error.set(Some(e.to_string())),
                }
            });
        }
    };
    let form = move |ok: bool| {
        if !ok {
            return view! {
                <p class="form-error" role="alert">{BAD_RESET_LINK}</p>
                <p><a href="/quen-mat-khau">"Yêu cầu đường dẫn mới"</a></p>
            }
            .into_any();
        }
        view! {
            <form class="login-form" method="post" action=ResetPassword::url() on:submit=on_submit.clone()>
                <input type="hidden" name="token" value=token.clone()/>
                <div class="field">
                    <label for="new-password">"Mật khẩu mới (ít nhất 10 ký tự)"</label>
                    <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="10" node_ref=password/>
                </div>
                <div class="field">
                    <label for="confirm-password">"Nhập lại mật khẩu mới"</label>
                    <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required minlength="10" node_ref=confirm/>
                </div>
                <p class="form-error" role="alert">{move || error.get()}</p>
                <button type="submit" disabled=move || pending.get()>"Đặt mật khẩu mới"</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text="Đặt lại mật khẩu"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Đặt mật khẩu mới cho tài khoản biên tập."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Đặt lại mật khẩu")]/>
        <h1>"Đặt lại mật khẩu"</h1>
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move { form(live.await.unwrap_or(false)) })
            }}
        </Suspense>
    }
}
