//! Loading, error and not-found states.

use crate::components::breadcrumb::Breadcrumb;
use crate::error::ApiError;
use crate::model::Crumb;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The 404 page. During server rendering it also sets the HTTP status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Không tìm thấy trang"/>
        <Meta name="description" content="Trang bạn tìm không tồn tại hoặc đã được chuyển đi."/>
        <Breadcrumb crumbs=vec![
            Crumb::home(),
            Crumb::current("Không tìm thấy trang"),
        ]/>
        <section class="status-page">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Trang bạn tìm không tồn tại, đã bị gỡ bỏ hoặc đã được chuyển sang địa chỉ khác."</p>
            <ul>
                <li><a href="/">"Về trang chủ"</a></li>
                <li><a href="/so-do-trang">"Xem sơ đồ trang"</a></li>
            </ul>
        </section>
    }
}

/// Shows a failed load: not found becomes the 404 page, anything else an error message.
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    // During server rendering the page gets the error's status (400 for bad input, …).
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            res.set_status(status);
        }
    }
    match error {
        ApiError::NotFound => view! { <NotFound/> }.into_any(),
        ApiError::Unauthorized => view! {
            <Title text="Cần đăng nhập"/>
            <section class="status-page" role="alert">
                <h1>"Cần đăng nhập"</h1>
                <p>{ApiError::Unauthorized.to_string()}</p>
                <p><a href="/dang-nhap">"Đăng nhập"</a></p>
            </section>
        }
        .into_any(),
        ApiError::Forbidden => view! {
            <Title text="Không có quyền"/>
            <section class="status-page" role="alert">
                <h1>"Không có quyền truy cập"</h1>
                <p>{ApiError::Forbidden.to_string()}</p>
            </section>
        }
        .into_any(),
        other => view! {
            <Title text="Lỗi tải trang"/>
            <section class="status-page" role="alert">
                <h1>"Không tải được trang"</h1>
                <p>{other.to_string()}</p>
                <p><a href="/">"Về trang chủ"</a></p>
            </section>
        }
        .into_any(),
    }
}

/// What stands in the content area while a page loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Đang tải…"</p> }
}
