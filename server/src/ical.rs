//! Each calendar as an iCalendar feed (RFC 5545) at `/lich/<calendar>/lich.ics`, with times
//! in Asia/Ho_Chi_Minh (a VTIMEZONE is included, as the RFC asks for every TZID used), so
//! Google Calendar, Thunderbird or a phone can subscribe to it.

use app::data::council::EventRow;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use icalendar::{Calendar, Component, EventLike};
use sqlx::SqlitePool;

pub fn routes(pool: SqlitePool) -> Router {
    Router::new().route("/lich/{calendar}/lich.ics", get(feed)).with_state(pool)
}

/// Viet Nam has kept UTC+7 without daylight saving since 1975. (Written out here because the
/// crate adds DTSTAMP and UID to every component it prints, which a VTIMEZONE must not have.)
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\nBEGIN:STANDARD\r\nDTSTART:19750613T000000\r\n\
TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:+07\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Entries from this many days back are in the feed (and everything ahead).
const PAST_DAYS: i64 = 90;

fn local(unix: i64) -> chrono::NaiveDateTime {
    DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default().with_timezone(&Ho_Chi_Minh).naive_local()
}

/// The feed's text for a calendar's entries.
pub fn render(title: &str, events: &[EventRow]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(title).timezone("Asia/Ho_Chi_Minh").ttl(&chrono::Duration::hours(1));
    for e in events {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}@hdnd.binhduong.gov.vn", e.slug))
            .timestamp(DateTime::<Utc>::from_timestamp(e.updated_at, 0).unwrap_or_default())
            .summary(&e.content)
            .location(&e.place)
            .starts((local(e.starts_at), Ho_Chi_Minh))
            .ends((local(e.ends_at.unwrap_or(e.starts_at + 3600)), Ho_Chi_Minh));
        if !e.participants.is_empty() {
            event.description(&format!("Thành phần: {}", e.participants));
        }
        calendar.push(event.done());
    }
    let text = calendar.done().to_string();
    // The time zone goes before the first component (or the end, for an empty calendar).
    let at = text.find("BEGIN:VEVENT").or_else(|| text.rfind("END:VCALENDAR")).unwrap_or(text.len());
    format!("{}{VTIMEZONE}{}", &text[..at], &text[at..])
}

async fn feed(State(pool): State<SqlitePool>, Path(calendar): Path<String>) -> Response {
    let Some(title) = app::council::calendar_title(&calendar) else {
        return (StatusCode::NOT_FOUND, "Không có lịch này.").into_response();
    };
    let since = app::data::now() - PAST_DAYS * 86_400;
    match app::data::council::feed_events(&pool, &calendar, since).await {
        Ok(events) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{calendar}.ics\"")),
            ],
            render(title, &events),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được lịch, vui lòng thử lại sau.").into_response()
        }
    }
}
