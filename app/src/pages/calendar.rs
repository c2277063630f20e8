//! The four calendars: a week view (previous / next week in the URL, today marked), a list of
//! upcoming entries, and the iCalendar feed to subscribe to.

use super::load_page;
use crate::api::{get_calendar_upcoming, get_calendar_week};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::council::*;
use crate::error::ApiError;
use crate::model::Crumb;
use crate::records::{RecordKind, CALENDARS};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The feed's address for a calendar.
pub fn feed_href(calendar: &str) -> String {
    format!("/lich/{calendar}/lich.ics")
}

#[derive(Clone, PartialEq)]
enum View {
    Week(String),
    List(u32),
}

#[component]
pub fn CalendarView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let calendar = move || super::head_param(params, "slug").unwrap_or_default();
    let view_of = move || {
        let q = query.read();
        if q.get("xem").as_deref() == Some("danh-sach") {
            page_param(&|k| q.get(k)).map(View::List)
        } else {
            week_param(&|k| q.get(k)).map(View::Week)
        }
    };
    let title = move || calendar_title(&calendar()).unwrap_or("Lịch").to_string();
    let ctx = EditContext::new();
    let week = Resource::new(
        move || (calendar(), view_of(), ctx.reload.get()),
        |(c, v, _)| async move {
            match v {
                Ok(View::Week(day)) => get_calendar_week(c, day).await.map(Either::Left),
                Ok(View::List(page)) => get_calendar_upcoming(c, page).await.map(Either::Right),
                Err(_) => Err(ApiError::NotFound),
            }
        },
    );
    view! {
        <Title text=title/>
        <Meta name="description" content=move || format!("{} của HĐND tỉnh Bình Dương: thời gian, địa điểm, nội dung, thành phần.", title())/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Lịch công tác")]/>
        <h1>{title}</h1>
        <NewRecord kind=RecordKind::Event/>
        <nav class="calendar-tabs" aria-label="Các lịch">
            <ul>
                {CALENDARS.iter().map(|(key, label)| {
                    let current = move || (calendar() == *key).then_some("page");
                    view! { <li><a href=format!("/lich/{key}") aria-current=current>{*label}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        {load_page(week, move |data| match data {
            Either::Left(week) => view! { <WeekView week ctx/> }.into_any(),
            Either::Right(list) => view! { <ListView list ctx/> }.into_any(),
        })}
    }
}

/// One of two answers, the same on both sides of the wire.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum Either<A, B> {
    Left(A),
    Right(B),
}

fn subscribe(calendar: &str) -> impl IntoView {
    let href = feed_href(calendar);
    view! {
        <Link rel="alternate" type_="text/calendar" href=href.clone()/>
        <p class="calendar-subscribe">
            <a href=href.clone() class="ical-link" type="text/calendar">"Theo dõi lịch (iCalendar)"</a>
            " — sao chép địa chỉ này vào Google Calendar (Thêm lịch › Từ URL), Thunderbird hoặc ứng dụng lịch trên điện thoại để luôn có lịch mới nhất."
        </p>
        {crate::components::subscribe_link::subscribe_link(
            crate::subscriptions::Topic::Calendar(calendar.to_string()),
            "Nhận lịch mới qua email",
        )}
    }
}

fn events_view(calendar: &str, events: Vec<EventItem>, ctx: EditContext) -> impl IntoView {
    let data = crate::structured::server_json_ld(|| {
        let origin = crate::components::seo_head::origin();
        events.iter().map(|e| crate::structured::event(&origin, calendar, e)).collect::<Vec<_>>()
    });
    view! {
        <script type="application/ld+json" inner_html=data></script>
        <ul class="calendar-events">
            {events.into_iter().map(|e| {
                let anchor = e.slug.clone();
                view! {
                <li id=anchor class="calendar-event">
                    <p class="event-time"><time datetime=e.iso>{e.time}</time></p>
                    <p class="event-content">{e.content}</p>
                    <p class="event-place">"Địa điểm: " {e.place}</p>
                    {(!e.participants.is_empty()).then(|| view! { <p class="event-participants">"Thành phần: " {e.participants}</p> })}
                    <RecordTools kind=RecordKind::Event slug=e.slug ctx/>
                </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn WeekView(week: CalendarWeek, ctx: EditContext) -> impl IntoView {
    let base = format!("/lich/{}", week.calendar);
    view! {
        <nav class="week-nav" aria-label="Chọn tuần">
            <a class="week-prev" href=format!("{base}?tuan={}", week.previous) rel="prev">"‹ Tuần trước"</a>
            <h2 class="week-range">{week.range.clone()}</h2>
            <a class="week-next" href=format!("{base}?tuan={}", week.next) rel="next">"Tuần sau ›"</a>
            {(!week.this_week).then(|| view! { <a class="week-today" href=base.clone()>"Tuần này"</a> })}
            <a class="view-list" href=format!("{base}?xem=danh-sach")>"Xem dạng danh sách"</a>
        </nav>
        {subscribe(&week.calendar)}
        <ol class="week-days">
            {week.days.into_iter().map(|d| view! {
                <li class="week-day" class:today=d.is_today aria-current=d.is_today.then_some("date")>
                    <h3>{d.label}{d.is_today.then(|| view! { <span class="today-badge">" (hôm nay)"</span> })}</h3>
                    {if d.events.is_empty() {
                        view! { <p class="no-events">"Không có lịch."</p> }.into_any()
                    } else {
                        events_view(&week.calendar, d.events, ctx).into_any()
                    }}
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn ListView(list: CalendarList, ctx: EditContext) -> impl IntoView {
    let base = format!("/lich/{}", list.calendar);
    let paging = base.clone();
    view! {
        <nav class="week-nav" aria-label="Cách xem">
            <a class="view-week" href=base.clone()>"Xem theo tuần"</a>
        </nav>
        {subscribe(&list.calendar)}
        <h2>"Lịch sắp tới"</h2>
        {if list.days.is_empty() {
            view! { <p class="no-events">"Chưa có lịch trong thời gian này."</p> }.into_any()
        } else {
            view! {
                <ol class="week-days">
                    {list.days.into_iter().map(|d| view! {
                        <li class="week-day" class:today=d.is_today>
                            <h3>{d.label}</h3>
                            {events_view(&list.calendar, d.events, ctx)}
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        <Pagination href=Callback::new(move |p| format!("{paging}?xem=danh-sach{}", if p > 1 { format!("&trang={p}") } else { String::new() })) current=list.page total=list.total_pages/>
    }
}
