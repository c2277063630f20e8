//! Giám sát: oversight activities, listed per body, and one activity.

use super::{describe, load_page};
use crate::api::{get_supervision, list_supervisions};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::components::filter::{demo_badge, files_view, options, paragraphs_view, select};
use crate::council::*;
use crate::error::ApiError;
use crate::model::Crumb;
use crate::records::{label_of, RecordKind, SUPERVISION_BODIES};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

const LIST: &str = "/giam-sat";

#[component]
pub fn SupervisionsView() -> impl IntoView {
    let query = use_query_map();
    let filter = move || SupervisionFilter::from_query(|k| super::head_param(query, k));
    let data = Resource::new(filter, |f| async move {
        match f {
            Ok(f) => list_supervisions(f).await,
            Err(_) => Err(ApiError::NotFound),
        }
    });
    let title = move || match filter().ok().and_then(|f| f.body) {
        Some(b) => format!("Hoạt động giám sát của {}", label_of(SUPERVISION_BODIES, &b)),
        None => "Hoạt động giám sát".to_string(),
    };
    view! {
        <Title text=title/>
        <Meta name="description" content="Hoạt động giám sát của Đoàn ĐBQH, HĐND tỉnh, Thường trực và các Ban của HĐND tỉnh Bình Dương."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Giám sát")]/>
        <h1>{title}</h1>
        <NewRecord kind=RecordKind::Supervision/>
        {load_page(data, move |list: Paged<SupervisionSummary>| {
            let f = filter().unwrap_or_default();
            view! {
                <form class="filter-form" method="get" action=LIST aria-label="Lọc hoạt động giám sát">
                    {select("f-co-quan", "co_quan", "Cơ quan giám sát", true, options(SUPERVISION_BODIES), f.body.clone().unwrap_or_default())}
                    <button type="submit">"Lọc"</button>
                </form>
                <p class="list-count" role="status">{format!("{} hoạt động giám sát · Trang {}/{}", crate::format::number(list.total), list.page, list.total_pages)}</p>
                <ul class="record-list supervision-list">
                    {list.items.into_iter().map(|s| view! {
                        <li>
                            <h2><a href=RecordKind::Supervision.href(&s.slug, &[])>{s.topic}</a></h2>
                            <p class="record-meta">{s.body_label} " · " {s.period}</p>
                            <p>"Đơn vị được giám sát: " {s.units}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <Pagination href=Callback::new(move |p| format!("{LIST}{}", f.query(p))) current=list.page total=list.total_pages/>
            }
        })}
    }
}

#[component]
pub fn SupervisionView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_supervision(slug),
    );
    load_page(data, move |d: SupervisionDetail| {
        let s = d.summary;
        view! {
            <Title text=s.topic.clone()/>
            <Meta name="description" content=describe(&d.findings.join(" "))/>
            <Breadcrumb crumbs=vec![
                Crumb::home(),
                Crumb::link("Giám sát", LIST),
                Crumb::link(s.body_label.clone(), format!("{LIST}?co_quan={}", s.body)),
                Crumb::current(s.topic.clone()),
            ]/>
            <RecordTools kind=RecordKind::Supervision slug=s.slug.clone() ctx/>
            <article class="record supervision">
                <h1>{s.topic.clone()}</h1>
                {demo_badge(d.is_demo)}
                <dl class="record-facts">
                    <div><dt>"Cơ quan giám sát"</dt><dd>{s.body_label.clone()}</dd></div>
                    <div><dt>"Thời gian"</dt><dd>{s.period.clone()}</dd></div>
                    <div><dt>"Đơn vị được giám sát"</dt><dd>{s.units.clone()}</dd></div>
                </dl>
                <section aria-labelledby="findings-heading">
                    <h2 id="findings-heading">"Kết quả giám sát"</h2>
                    {paragraphs_view(d.findings)}
                </section>
                <section aria-labelledby="report-heading">
                    <h2 id="report-heading">"Báo cáo giám sát"</h2>
                    {files_view(d.files)}
                </section>
            </article>
        }
    })
}
