//! The search page: one box over everything public, a filter per type, highlighted snippets.

use super::load_page;
use crate::api::search;
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::error::ApiError;
use crate::model::Crumb;
use crate::search::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.hit {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                view! { <span>{s.text}</span> }.into_any()
            }
        })
        .collect_view()
}

/// " từ 01/01/2022 đến 31/12/2022" for a query with dates, or nothing.
fn dates_label(q: &SearchQuery) -> String {
    let day = |d: &Option<String>| d.as_deref().map(crate::resolution::vn_date);
    match (day(&q.from), day(&q.to)) {
        (Some(f), Some(t)) => format!(" từ {f} đến {t}"),
        (Some(f), None) => format!(" từ {f}"),
        (None, Some(t)) => format!(" đến {t}"),
        (None, None) => String::new(),
    }
}

#[component]
pub fn SearchView() -> impl IntoView {
    let query = use_query_map();
    let parsed = move || SearchQuery::from_query(|k| super::head_param(query, k));
    let data = Resource::new(parsed, |q| async move {
        match q {
            Ok(q) => search(q).await,
            Err(message) => Err(ApiError::Invalid(message)),
        }
    });
    let q = move || parsed().map(|p| p.q).unwrap_or_default();
    let title = move || if q().is_empty() { "Tìm kiếm".to_string() } else { format!("Tìm kiếm: {}", q()) };
    view! {
        <Title text=title/>
        <Meta name="description" content="Tìm kiếm tin bài, nghị quyết, kiến nghị cử tri, hoạt động giám sát, lịch làm việc, đại biểu và tài liệu kỳ họp của HĐND tỉnh Bình Dương, gõ có dấu hoặc không dấu."/>
        // Result pages are many and change: search engines index the records themselves.
        <Meta name="robots" content="noindex"/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Tìm kiếm")]/>
        <h1>"Tìm kiếm"</h1>
        <form class="search-page-form" method="get" action="/tim-kiem" role="search">
            <label for="search-page-q">"Từ khóa (có thể gõ không dấu, hoặc số nghị quyết như 12/2022)"</label>
            <input id="search-page-q" type="search" name="q" value=q prop:value=q maxlength=QUERY_MAX/>
            {move || parsed().ok().and_then(|p| p.kind).map(|k| view! { <input type="hidden" name="loai" value=k.key()/> })}
            {move || {
                parsed()
                    .ok()
                    .filter(|p| p.sort != SearchSort::Relevance)
                    .map(|p| view! { <input type="hidden" name="sap-xep" value=p.sort.key()/> })
            }}
            <button type="submit">"Tìm"</button>
            <fieldset class="search-dates">
                <legend>"Trong khoảng thời gian (không bắt buộc)"</legend>
                <label for="search-from">"Từ ngày"</label>
                <input id="search-from" type="date" name="tu" min="1900-01-01" max="2200-12-31" value=move || parsed().ok().and_then(|p| p.from)/>
                <label for="search-to">"Đến ngày"</label>
                <input id="search-to" type="date" name="den" min="1900-01-01" max="2200-12-31" value=move || parsed().ok().and_then(|p| p.to)/>
            </fieldset>
        </form>
        {load_page(data, move |results: SearchResults| {
            let current = parsed().unwrap_or_default();
            if current.q.is_empty() {
                return view! { <p>"Nhập từ khóa để tìm trong tin bài, nghị quyết, kiến nghị cử tri, giám sát, lịch và đại biểu."</p> }.into_any();
            }
            let all_total: u64 = results.counts.iter().map(|(_, n)| n).sum();
            let q_all = current.clone();
            view! {
                <nav class="search-types" aria-label="Lọc theo loại">
                    <ul>
                        <li><a href=q_all.href(None, 1) aria-current=current.kind.is_none().then_some("page")>{format!("Tất cả ({})", crate::format::number(all_total))}</a></li>
                        {results.counts.iter().map(|(k, n)| {
                            let here = current.kind == Some(*k);
                            view! { <li><a href=current.href(Some(*k), 1) aria-current=here.then_some("page")>{format!("{} ({})", k.label(), crate::format::number(*n))}</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
                <nav class="search-sort" aria-label="Sắp xếp kết quả">
                    <span>"Sắp xếp: "</span>
                    <ul>
                        {SearchSort::ALL.into_iter().map(|s| {
                            let here = current.sort == s;
                            view! { <li><a href=current.href_sorted(current.kind, s, 1) aria-current=here.then_some("page")>{s.label()}</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
                <p class="list-count" role="status">{format!("{} kết quả{} · Trang {}/{}", crate::format::number(results.total), dates_label(&current), results.page, results.total_pages)}</p>
                {crate::components::subscribe_link::subscribe_link(
                    crate::subscriptions::Topic::Search { q: current.q.clone(), kind: current.kind },
                    "Nhận kết quả mới của tìm kiếm này qua email",
                )}
                {results.suggestion.clone().map(|s| {
                    let href = SearchQuery { q: s.clone(), ..current.clone() }.href(None, 1);
                    view! { <p class="did-you-mean">"Có phải bạn muốn tìm: "<a href=href>{s}</a>"?"</p> }
                })}
                {(results.total == 0).then(|| view! { <p>"Không tìm thấy kết quả phù hợp. Hãy thử từ khóa khác hoặc ngắn hơn."</p> })}
                <ol class="search-results">
                    {results.hits.into_iter().map(|h| view! {
                        <li class="search-hit">
                            <p class="hit-kind">{h.kind.label()}{(!h.day.is_empty()).then(|| format!(" · {}", h.day))}</p>
                            <h2><a href=h.url>{marked(h.title)}</a></h2>
                            <p class="hit-snippet">{marked(h.snippet)}</p>
                        </li>
                    }).collect_view()}
                </ol>
                <Pagination href=Callback::new(move |p| current.href(current.kind, p)) current=results.page total=results.total_pages/>
            }
            .into_any()
        })}
    }
}
