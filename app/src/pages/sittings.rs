//! Tài liệu kỳ họp: the council's sittings (kỳ họp) and the documents of each.

use super::load_page;
use crate::api::{get_sitting, list_sittings};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::components::filter::demo_badge;
use crate::council::*;
use crate::model::Crumb;
use crate::records::RecordKind;
use crate::resolution::file_size;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

const LIST: &str = "/tai-lieu-ky-hop";

#[component]
pub fn SittingsView() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_sittings());
    view! {
        <Title text="Tài liệu kỳ họp"/>
        <Meta name="description" content="Tài liệu các kỳ họp HĐND tỉnh Bình Dương: chương trình, tờ trình, báo cáo, dự thảo nghị quyết."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Tài liệu kỳ họp")]/>
        <h1>"Tài liệu kỳ họp"</h1>
        <NewRecord kind=RecordKind::Sitting/>
        {load_page(data, |sittings: Vec<SittingSummary>| view! {
            <ul class="record-list sitting-list">
                {sittings.into_iter().map(|s| view! {
                    <li>
                        <h2><a href=RecordKind::Sitting.href(&s.slug, &[])>{s.title}</a></h2>
                        <p class="record-meta">{format!("Khóa {} · {} · {} tài liệu", s.term, s.dates, s.documents)}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn SittingView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_sitting(slug),
    );
    load_page(data, move |d: SittingDetail| {
        let s = d.summary;
        view! {
            <Title text=s.title.clone()/>
            <Meta name="description" content=format!("Tài liệu {}.", s.title)/>
            <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Tài liệu kỳ họp", LIST), Crumb::current(s.title.clone())]/>
            <RecordTools kind=RecordKind::Sitting slug=s.slug.clone() ctx/>
            <article class="record sitting">
                <h1>{s.title.clone()}</h1>
                {demo_badge(d.is_demo)}
                <p class="record-meta">{format!("Khóa {} · kỳ họp thứ {} · {}", s.term, s.number, s.dates)}</p>
                <table class="sitting-documents">
                    <caption>"Tài liệu của kỳ họp"</caption>
                    <thead><tr><th scope="col">"Loại"</th><th scope="col">"Tài liệu"</th><th scope="col">"Tệp"</th></tr></thead>
                    <tbody>
                        {d.documents.into_iter().map(|doc| view! {
                            <tr>
                                <td>{doc.kind}</td>
                                <td>{doc.title}</td>
                                <td><a href=doc.file.url download=doc.file.name.clone() rel="external">{doc.file.name.clone()}</a> " (" {file_size(doc.file.size)} ")"</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </article>
        }
    })
}
