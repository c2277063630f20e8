//! Nghị quyết: the list with its filters in the URL, and one resolution.

use super::load_page;
use crate::api::{get_resolution, list_resolutions};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::components::filter::{files_view, select};
use crate::components::print::{print_source, PrintButton};
use crate::error::ApiError;
use crate::model::Crumb;
use crate::records::RecordKind;
use crate::resolution::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

const LIST: &str = "/nghi-quyet";

fn validity_badge(v: Validity) -> impl IntoView {
    view! { <span class=format!("validity validity-{}", v.key())>{v.label()}</span> }
}

#[component]
pub fn ResolutionsView() -> impl IntoView {
    let query = use_query_map();
    let filter = move || Filter::from_query(|k| super::head_param(query, k));
    let data = Resource::new(filter, |f| async move {
        match f {
            Ok(f) => list_resolutions(f).await,
            Err(_) => Err(ApiError::NotFound),
        }
    });
    let current = move || filter().unwrap_or_default();
    let title = move || match current().term {
        Some(t) => format!("Nghị quyết HĐND khóa {t}"),
        None => "Nghị quyết HĐND các cấp".to_string(),
    };
    view! {
        <Title text=title/>
        {crate::components::feed_link::feed_link(crate::feeds::Feed::Resolutions, None)}
        <Meta name="description" content="Tra cứu nghị quyết của Hội đồng nhân dân các cấp tỉnh Bình Dương theo khóa, cấp, năm, hiệu lực và loại văn bản."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Nghị quyết")]/>
        <h1>{title}</h1>
        {crate::components::subscribe_link::subscribe_link(
            crate::subscriptions::Topic::Resolutions,
            "Nhận nghị quyết mới qua email",
        )}
        <NewRecord kind=RecordKind::Resolution/>
        {load_page(data, move |list: ResolutionList| {
            let f = current();
            view! { <FilterForm filter=f.clone() years=list.years.clone()/> <Results list filter=f/> }
        })}
    }
}

#[component]
fn FilterForm(filter: Filter, years: Vec<i32>) -> impl IntoView {
    let keyed = |items: Vec<(&'static str, &'static str)>| {
        items.into_iter().map(|(k, l)| (k.to_string(), l.to_string())).collect::<Vec<_>>()
    };
    view! {
        <form class="filter-form" method="get" action=LIST aria-label="Lọc nghị quyết">
            {select("f-khoa", "khoa", "Khóa", true, TERMS.iter().map(|t| (t.to_string(), format!("Khóa {t}"))).collect(), filter.term.clone().unwrap_or_default())}
            {select("f-cap", "cap", "Cấp", true, keyed(Level::ALL.iter().map(|l| (l.key(), l.label())).collect()), filter.level.map(|l| l.key().to_string()).unwrap_or_default())}
            {select("f-nam", "nam", "Năm ban hành", true, years.iter().map(|y| (y.to_string(), y.to_string())).collect(), filter.year.map(|y| y.to_string()).unwrap_or_default())}
            {select("f-hieu-luc", "hieu_luc", "Hiệu lực", true, keyed(Validity::ALL.iter().map(|v| (v.key(), v.label())).collect()), filter.validity.map(|v| v.key().to_string()).unwrap_or_default())}
            {select("f-loai", "loai", "Loại văn bản", true, keyed(DocType::ALL.iter().map(|d| (d.key(), d.label())).collect()), filter.doc_type.map(|d| d.key().to_string()).unwrap_or_default())}
            {select("f-sap-xep", "sap_xep", "Sắp xếp", false, keyed(Sort::ALL.iter().map(|s| (s.key(), s.label())).collect()), filter.sort.key().to_string())}
            <button type="submit">"Lọc"</button>
        </form>
    }
}

#[component]
fn Results(list: ResolutionList, filter: Filter) -> impl IntoView {
    let count = format!("{} nghị quyết · Trang {}/{}", crate::format::number(list.total), list.page, list.total_pages);
    let rows = list
        .items
        .into_iter()
        .map(|r| {
            let href = RecordKind::Resolution.href(&r.slug, &[]);
            view! {
                <tr>
                    <td><a href=href class="resolution-number">{r.number}</a></td>
                    <td>{r.signed}</td>
                    <td class="resolution-abstract">{r.abstract_text}</td>
                    <td>{r.issuer}</td>
                    <td>{validity_badge(r.validity)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="list-count" role="status">{count}</p>
        <table class="resolutions">
            <caption class="visually-hidden">"Danh sách nghị quyết"</caption>
            <thead>
                <tr>
                    <th scope="col">"Số, ký hiệu"</th>
                    <th scope="col">"Ngày ban hành"</th>
                    <th scope="col">"Trích yếu"</th>
                    <th scope="col">"Cơ quan ban hành"</th>
                    <th scope="col">"Hiệu lực"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Pagination href=Callback::new(move |p| format!("{LIST}{}", filter.query(p))) current=list.page total=list.total_pages/>
    }
}

#[component]
pub fn ResolutionView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_resolution(slug),
    );
    load_page(data, move |d: ResolutionDetail| {
        let data = crate::structured::server_json_ld(|| {
            crate::structured::legislation(&crate::components::seo_head::origin(), &d)
        });
        let s = d.summary;
        let title = format!("Nghị quyết số {}", s.number);
        let term_href = format!("{LIST}?khoa={}", s.term);
        view! {
            <Title text=title.clone()/>
            <Meta name="description" content=crate::pages::describe(&s.abstract_text)/>
            <script type="application/ld+json" inner_html=data></script>
            <Breadcrumb crumbs=vec![
                Crumb::home(),
                Crumb { label: "Nghị quyết".into(), href: Some(LIST.into()) },
                Crumb { label: format!("Khóa {}", s.term), href: Some(term_href) },
                Crumb::current(s.number.clone()),
            ]/>
            <RecordTools kind=RecordKind::Resolution slug=s.slug.clone() ctx/>
            <article class="resolution">
                <h1>{title}</h1>
                {d.is_demo.then(|| view! { <p class="demo-badge">"Dữ liệu minh họa"</p> })}
                <p class="record-actions"><PrintButton path=RecordKind::Resolution.href(&s.slug, &[])/></p>
                <p class="resolution-abstract-lead">{s.abstract_text.clone()}</p>
                <dl class="resolution-facts">
                    <div><dt>"Số, ký hiệu"</dt><dd>{s.number.clone()}</dd></div>
                    <div><dt>"Loại văn bản"</dt><dd>{s.doc_type.label()}</dd></div>
                    <div><dt>"Cơ quan ban hành"</dt><dd>{s.issuer.clone()} " (" {s.level.label()} ")"</dd></div>
                    <div><dt>"Khóa, kỳ họp"</dt><dd>{format!("Khóa {}", s.term)}{d.sitting.map(|n| format!(", kỳ họp thứ {n}"))}</dd></div>
                    <div><dt>"Người ký"</dt><dd>{d.signer.clone()}</dd></div>
                    <div><dt>"Ngày ban hành"</dt><dd>{s.signed.clone()}</dd></div>
                    <div><dt>"Ngày hiệu lực"</dt><dd>{d.effective.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>"Tình trạng hiệu lực"</dt><dd>{validity_badge(s.validity)}</dd></div>
                </dl>
                {(!d.related.is_empty()).then(|| view! {
                    <section class="related-resolutions" aria-labelledby="related-res">
                        <h2 id="related-res">"Văn bản liên quan"</h2>
                        <ul>
                            {d.related.iter().map(|r| view! {
                                <li>{r.relation.clone()} ": " <a href=RecordKind::Resolution.href(&r.slug, &[])>{r.number.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <section class="resolution-files" aria-labelledby="files-heading">
                    <h2 id="files-heading">"Tệp đính kèm"</h2>
                    {files_view(d.files)}
                </section>
                {print_source(&RecordKind::Resolution.href(&s.slug, &[]), "Ngày ban hành", s.signed.clone())}
            </article>
        }
    })
}
