//! Kiến nghị cử tri: petitions and their answers, browsed by status, channel, locality, field
//! and year, with overdue answers flagged; and one petition with its answer.

use super::{describe, load_page};
use crate::api::{get_petition, list_petitions};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::components::filter::{answer_section, demo_badge, files_view, options, select};
use crate::components::print::{print_source, PrintButton};
use crate::council::*;
use crate::error::ApiError;
use crate::model::Crumb;
use crate::records::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

const LIST: &str = "/kien-nghi";

fn status_badge(p: &PetitionSummary) -> impl IntoView {
    view! {
        <span class=format!("petition-status status-{}", p.status.key())>{p.status.label()}</span>
        {p.overdue.then(|| view! { <span class="overdue-flag">{format!("Quá hạn trả lời ({} ngày)", p.days)}</span> })}
    }
}

#[component]
pub fn PetitionsView() -> impl IntoView {
    let query = use_query_map();
    let filter = move || PetitionFilter::from_query(|k| super::head_param(query, k));
    let data = Resource::new(filter, |f| async move {
        match f {
            Ok(f) => list_petitions(f).await,
            Err(_) => Err(ApiError::NotFound),
        }
    });
    view! {
        <Title text="Kiến nghị cử tri và trả lời"/>
        {crate::components::feed_link::feed_link(crate::feeds::Feed::Petitions, None)}
        <Meta name="description" content="Kiến nghị của cử tri tỉnh Bình Dương gửi đến kỳ họp và câu trả lời của các cơ quan có thẩm quyền, theo địa phương, lĩnh vực và tình trạng."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Kiến nghị cử tri")]/>
        <h1>"Kiến nghị cử tri và trả lời"</h1>
        <NewRecord kind=RecordKind::Petition/>
        {load_page(data, move |data: PetitionList| {
            let f = filter().unwrap_or_default();
            let overdue_href = format!("{LIST}{}", PetitionFilter { overdue: true, page: 1, ..Default::default() }.query(1));
            let list = data.list;
            view! {
                <p class="petition-rule">
                    {format!("Kiến nghị chưa được trả lời sau {} ngày kể từ ngày tiếp nhận được đánh dấu quá hạn. Hiện có ", data.answer_days)}
                    <a href=overdue_href>{format!("{} kiến nghị quá hạn", crate::format::number(data.overdue_total))}</a>
                    "."
                </p>
                <form class="filter-form" method="get" action=LIST aria-label="Lọc kiến nghị">
                    {select("f-trang-thai", "trang_thai", "Tình trạng", true, options(PETITION_STATUSES), f.status.map(|s| s.key().to_string()).unwrap_or_default())}
                    {select("f-kenh", "kenh", "Kênh", true, options(CHANNELS), f.channel.clone().unwrap_or_default())}
                    {select("f-dia-phuong", "dia_phuong", "Địa phương", true, options(LOCALITIES), f.locality.clone().unwrap_or_default())}
                    {select("f-linh-vuc", "linh_vuc", "Lĩnh vực", true, options(FIELDS_OF_LIFE), f.field.clone().unwrap_or_default())}
                    {select("f-nam", "nam", "Năm", true, data.years.iter().map(|y| (y.to_string(), y.to_string())).collect(), f.year.map(|y| y.to_string()).unwrap_or_default())}
                    <div class="field field-check">
                        <input id="f-qua-han" type="checkbox" name="qua_han" value="1" checked=f.overdue/>
                        <label for="f-qua-han">"Chỉ kiến nghị quá hạn"</label>
                    </div>
                    <button type="submit">"Lọc"</button>
                </form>
                <p class="list-count" role="status">{format!("{} kiến nghị · Trang {}/{}", crate::format::number(list.total), list.page, list.total_pages)}</p>
                <ul class="record-list petition-list">
                    {list.items.into_iter().map(|p| view! {
                        <li class:overdue=p.overdue>
                            <p class="record-meta">
                                {status_badge(&p)}
                                " " {p.raised.clone()} " · " {p.locality.clone()} " · " {p.field_label.clone()} " · " {p.channel_label.clone()}
                            </p>
                            <p><a href=RecordKind::Petition.href(&p.slug, &[])>{p.text.clone()}</a></p>
                            <p class="record-meta">"Cơ quan trả lời: " {p.agency.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <Pagination href=Callback::new(move |p| format!("{LIST}{}", f.query(p))) current=list.page total=list.total_pages/>
            }
        })}
    }
}

#[component]
pub fn PetitionView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_petition(slug),
    );
    load_page(data, move |d: PetitionDetail| {
        let p = d.summary;
        let title = format!("Kiến nghị của cử tri {} ngày {}", p.locality, p.raised);
        let answered = !d.answer.is_empty();
        view! {
            <Title text=title.clone()/>
            <Meta name="description" content=describe(&p.text)/>
            <Breadcrumb crumbs=vec![
                Crumb::home(),
                Crumb::link("Kiến nghị cử tri", LIST),
                Crumb::link(p.locality.clone(), format!("{LIST}{}", PetitionFilter { locality: Some(p.locality.clone()), page: 1, ..Default::default() }.query(1))),
                Crumb::current(format!("Kiến nghị ngày {}", p.raised)),
            ]/>
            <RecordTools kind=RecordKind::Petition slug=p.slug.clone() ctx/>
            <article class="record petition">
                <h1>{title}</h1>
                {demo_badge(d.is_demo)}
                <p class="record-meta">{status_badge(&p)}</p>
                <p class="record-actions"><PrintButton path=RecordKind::Petition.href(&p.slug, &[])/></p>
                <blockquote class="petition-text"><p>{p.text.clone()}</p></blockquote>
                <dl class="record-facts">
                    <div><dt>"Nơi, dịp tiếp xúc cử tri"</dt><dd>{d.meeting.clone()}</dd></div>
                    <div><dt>"Địa phương"</dt><dd>{p.locality.clone()}</dd></div>
                    <div><dt>"Ngày tiếp nhận"</dt><dd>{p.raised.clone()}</dd></div>
                    <div><dt>"Lĩnh vực"</dt><dd>{p.field_label.clone()}</dd></div>
                    <div><dt>"Kênh tiếp nhận"</dt><dd>{p.channel_label.clone()}</dd></div>
                    <div><dt>"Cơ quan có trách nhiệm trả lời"</dt><dd>{p.agency.clone()}</dd></div>
                </dl>
                {answer_section(
                    answered.then(|| (d.answer, d.answer_agency.clone(), d.answered.clone())),
                    p.overdue.then_some((p.days, d.answer_days)),
                    (!d.files.is_empty()).then(|| files_view(d.files)),
                )}
                {print_source(&RecordKind::Petition.href(&p.slug, &[]), "Ngày tiếp nhận", p.raised.clone())}
            </article>
        }
    })
}
