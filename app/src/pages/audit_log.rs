use super::load_page;
use crate::api::audit_log;
use crate::audit::AuditPage;
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::error::ApiError;
use crate::model::Crumb;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Nhật ký thao tác: every write, newest first, fifty a page (administrators only; editors
/// get 403, visitors 401). Read-only: nothing on the page or in the API changes it.
#[component]
pub fn AuditLogView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || crate::council::page_param(&|k| query.read().get(k)),
        |page| async move {
            match page {
                Ok(page) => audit_log(page).await,
                Err(message) => Err(ApiError::Invalid(message)),
            }
        },
    );
    view! {
        <Title text="Nhật ký thao tác"/>
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Nhật ký thao tác")]/>
        {load_page(data, render)}
    }
}

fn render(log: AuditPage) -> impl IntoView {
    let rows = log
        .entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td><time datetime=e.iso>{e.when}</time></td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td class="audit-target">{e.target}</td>
                    <td>{e.ip}</td>
                </tr>
            }
        })
        .collect_view();
    let href =
        Callback::new(|p: u32| if p > 1 { format!("/quan-tri/nhat-ky?trang={p}") } else { "/quan-tri/nhat-ky".into() });
    view! {
        <section class="audit-log" aria-labelledby="audit-heading">
            <h1 id="audit-heading">"Nhật ký thao tác"</h1>
            <p>
                "Mọi thao tác ghi của biên tập viên và quản trị viên: ai, lúc nào, với nội dung nào, từ địa chỉ nào ("
                {crate::format::number(log.total)} " mục). Nhật ký chỉ được thêm, không ai sửa hay xóa được."
            </p>
            <div class="table-scroll">
                <table class="audit-table">
                    <caption class="visually-hidden">"Nhật ký thao tác, mới nhất trước"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Thời gian"</th>
                            <th scope="col">"Người thực hiện"</th>
                            <th scope="col">"Thao tác"</th>
                            <th scope="col">"Đối tượng"</th>
                            <th scope="col">"Địa chỉ IP"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pagination href current=log.page total=log.total_pages/>
        </section>
    }
}
