//! "Thư đi": the mail outbox for administrators (editors get 403, visitors 401). Every message
//! the portal has queued, sent or given up on, with the last error; a failed or waiting
//! message can be sent again.

use super::load_page;
use crate::api::{mail_outbox, ResendMail};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::error::ApiError;
use crate::mail::{MailStatus, OutboxPage, OutboxRow};
use crate::model::Crumb;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

const PATH: &str = "/quan-tri/thu-di";

#[component]
pub fn OutboxView() -> impl IntoView {
    let query = use_query_map();
    let resend = ServerAction::<ResendMail>::new();
    let data = Resource::new(
        move || {
            (
                query.read().get("trang-thai").unwrap_or_default(),
                crate::council::page_param(&|k| query.read().get(k)),
                resend.version().get(),
            )
        },
        |(status, page, _)| async move {
            match page {
                Ok(page) => mail_outbox(status, page).await,
                Err(message) => Err(ApiError::Invalid(message)),
            }
        },
    );
    let failed = move || {
        resend
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })
    };
    view! {
        <Title text="Thư đi"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Thư đi")]/>
        {failed}
        {load_page(data, move |page| render(page, resend))}
    }
}

fn render(page: OutboxPage, resend: ServerAction<ResendMail>) -> impl IntoView {
    let current = use_query_map().get_untracked().get("trang-thai").unwrap_or_default();
    let filter = |slug: &str, label: String| {
        let href = if slug.is_empty() { PATH.to_string() } else { format!("{PATH}?trang-thai={slug}") };
        let here = (slug == current).then_some("page");
        view! { <li><a href=href aria-current=here>{label}</a></li> }
    };
    let count = |n: i64| crate::format::number(u64::try_from(n).unwrap_or(0));
    let filters = view! {
        <nav class="outbox-filter" aria-label="Lọc theo trạng thái">
            <ul>
                {filter("", format!("Tất cả ({})", count(page.queued + page.sent + page.failed)))}
                {filter(MailStatus::Queued.slug(), format!("{} ({})", MailStatus::Queued.label(), count(page.queued)))}
                {filter(MailStatus::Sent.slug(), format!("{} ({})", MailStatus::Sent.label(), count(page.sent)))}
                {filter(MailStatus::Failed.slug(), format!("{} ({})", MailStatus::Failed.label(), count(page.failed)))}
            </ul>
        </nav>
    };
    let rows = page.rows.into_iter().map(|row| row_view(row, resend)).collect_view();
    let status_slug = current.clone();
    let href = Callback::new(move |p: u32| {
        let mut params = Vec::new();
        if !status_slug.is_empty() {
            params.push(format!("trang-thai={status_slug}"));
        }
        if p > 1 {
            params.push(format!("trang={p}"));
        }
        if params.is_empty() {
            PATH.to_string()
        } else {
            format!("{PATH}?{}", params.join("&"))
        }
    });
    view! {
        <section class="outbox" aria-labelledby="outbox-heading">
            <h1 id="outbox-heading">"Thư đi"</h1>
            {(!page.configured).then(|| view! {
                <p class="notice-warning" role="note">
                    "Máy chủ gửi thư chưa được cấu hình (SMTP_URL): thư được lưu và chờ trong hàng đợi, chưa gửi được."
                </p>
            })}
            <p>"Mọi thư cổng thông tin gửi đi. Thư chưa gửi được sẽ được thử lại trong một ngày, sau đó được đánh dấu thất bại."</p>
            {filters}
            <div class="table-scroll">
                <table class="outbox-table">
                    <caption class="visually-hidden">"Thư đi, mới nhất trước"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Số"</th>
                            <th scope="col">"Loại"</th>
                            <th scope="col">"Người nhận"</th>
                            <th scope="col">"Tiêu đề"</th>
                            <th scope="col">"Trạng thái"</th>
                            <th scope="col">"Thời gian"</th>
                            <th scope="col">"Lỗi gần nhất"</th>
                            <th scope="col"><span class="visually-hidden">"Thao tác"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pagination href current=page.page total=page.total_pages/>
        </section>
    }
}

fn row_view(row: OutboxRow, resend: ServerAction<ResendMail>) -> impl IntoView {
    let when = match (&row.sent_at, &row.next_attempt_at) {
        (Some(sent), _) => format!("Gửi lúc {sent}"),
        (None, Some(next)) => format!("Xếp hàng {}; thử tiếp {next}", row.queued_at),
        (None, None) => format!("Xếp hàng {}", row.queued_at),
    };
    let can_resend = row.status != MailStatus::Sent;
    let id = row.id;
    view! {
        <tr class=format!("mail-{}", row.status.as_str())>
            <td>{row.id}</td>
            <td>{row.purpose.label()}</td>
            <td>{row.to}</td>
            <td>{row.subject}</td>
            <td>{row.status.label()} " (" {row.attempts} " lần thử)"</td>
            <td>{when}</td>
            <td class="mail-error">{row.last_error.unwrap_or_default()}</td>
            <td>
                {can_resend.then(|| view! {
                    <ActionForm action=resend>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit">"Gửi lại"</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
