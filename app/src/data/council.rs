//! Reading the council's records other than resolutions: supervision, petitions, calendars,
//! people and bodies, sitting documents.

use super::time::vn_time;
use crate::council::*;
use crate::error::ApiError;
use crate::format;
use crate::records::*;
use crate::resolution::vn_date;
use chrono::{Datelike, Days, NaiveDate, TimeZone};
use chrono_tz::Asia::Ho_Chi_Minh;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

pub use super::clock::today;
use super::pages;

// ---- Giám sát ----

#[derive(FromRow)]
struct SupervisionRow {
    id: i64,
    slug: String,
    body: String,
    topic: String,
    period_from: String,
    period_to: String,
    units: String,
    findings: String,
    is_demo: bool,
}

impl SupervisionRow {
    fn summary(&self) -> SupervisionSummary {
        SupervisionSummary {
            slug: self.slug.clone(),
            body: self.body.clone(),
            body_label: label_of(SUPERVISION_BODIES, &self.body),
            topic: self.topic.clone(),
            period: format!("{} – {}", vn_date(&self.period_from), vn_date(&self.period_to)),
            units: self.units.clone(),
        }
    }
}

const SUPERVISION_COLUMNS: &str = "id, slug, body, topic, period_from, period_to, units, findings, is_demo";

pub async fn supervisions(pool: &SqlitePool, f: &SupervisionFilter) -> Result<Paged<SupervisionSummary>, ApiError> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM supervisions WHERE deleted_at IS NULL AND (?1 IS NULL OR body = ?1)")
            .bind(&f.body)
            .fetch_one(pool)
            .await?;
    let (total, total_pages) = pages(total, LIST_PAGE_SIZE, f.page)?;
    let rows: Vec<SupervisionRow> = sqlx::query_as(&format!(
        "SELECT {SUPERVISION_COLUMNS} FROM supervisions WHERE deleted_at IS NULL AND (?1 IS NULL OR body = ?1) \
         ORDER BY period_to DESC, id DESC LIMIT ?2 OFFSET ?3"
    ))
    .bind(&f.body)
    .bind(LIST_PAGE_SIZE as i64)
    .bind(super::offset(f.page, LIST_PAGE_SIZE)?)
    .fetch_all(pool)
    .await?;
    Ok(Paged { items: rows.iter().map(SupervisionRow::summary).collect(), total, page: f.page, total_pages })
}

pub async fn supervision(pool: &SqlitePool, slug: &str) -> Result<SupervisionDetail, ApiError> {
    let row: SupervisionRow = sqlx::query_as(&format!(
        "SELECT {SUPERVISION_COLUMNS} FROM supervisions WHERE slug = ?1 AND deleted_at IS NULL"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let files =
        super::attachments::of(pool, RecordKind::Supervision, row.id).await?.into_iter().map(|a| a.file).collect();
    Ok(SupervisionDetail { summary: row.summary(), findings: paragraphs(&row.findings), files, is_demo: row.is_demo })
}

// ---- Kiến nghị cử tri ----

/// Days an answer may take before the petition is flagged overdue (setting
/// `petition_answer_days`, 60 when unset).
pub async fn answer_days(pool: &SqlitePool) -> Result<i64, ApiError> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'petition_answer_days'")
        .fetch_optional(pool)
        .await?;
    Ok(value.and_then(|v| v.trim().parse::<i64>().ok()).filter(|d| *d > 0).unwrap_or(60))
}

#[derive(FromRow)]
struct PetitionRow {
    id: i64,
    slug: String,
    text: String,
    meeting: String,
    locality: String,
    raised_on: String,
    field: String,
    agency: String,
    channel: String,
    #[sqlx(try_from = "String")]
    status: StoredStatus,
    answer: Option<String>,
    answered_on: Option<String>,
    answer_agency: Option<String>,
    is_demo: bool,
}

/// A petition status as read from its column (the table's CHECK keeps it one of the keys).
struct StoredStatus(PetitionStatus);

impl TryFrom<String> for StoredStatus {
    type Error = String;
    fn try_from(key: String) -> Result<Self, String> {
        PetitionStatus::parse(&key).map(StoredStatus).ok_or_else(|| format!("tình trạng kiến nghị lạ: {key}"))
    }
}

const PETITION_COLUMNS: &str =
    "id, slug, text, meeting, locality, raised_on, field, agency, channel, status, answer, answered_on, answer_agency, is_demo";

fn days_between(from: &str, to: NaiveDate) -> i64 {
    NaiveDate::parse_from_str(from, "%Y-%m-%d").map(|d| (to - d).num_days()).unwrap_or(0)
}

impl PetitionRow {
    fn summary(&self, today: NaiveDate, answer_days: i64, short: bool) -> PetitionSummary {
        let end = self
            .answered_on
            .as_deref()
            .filter(|_| self.status.0 == PetitionStatus::Answered)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or(today);
        let days = days_between(&self.raised_on, end);
        let text = if short && self.text.chars().count() > 240 {
            let cut: String = self.text.chars().take(240).collect();
            format!("{}…", cut.rsplit_once(' ').map(|(h, _)| h).unwrap_or(&cut))
        } else {
            self.text.clone()
        };
        PetitionSummary {
            slug: self.slug.clone(),
            text,
            locality: self.locality.clone(),
            field_label: label_of(FIELDS_OF_LIFE, &self.field),
            agency: self.agency.clone(),
            channel_label: label_of(CHANNELS, &self.channel),
            status: self.status.0,
            raised: vn_date(&self.raised_on),
            overdue: is_overdue(self.status.0, days, answer_days),
            days,
        }
    }
}

pub(super) fn push_petition_filter(q: &mut QueryBuilder<'_, Sqlite>, f: &PetitionFilter, overdue_before: &str) {
    q.push(" WHERE deleted_at IS NULL");
    if let Some(s) = f.status {
        q.push(" AND status = ").push_bind(s.key());
    }
    if let Some(c) = &f.channel {
        q.push(" AND channel = ").push_bind(c.clone());
    }
    if let Some(l) = &f.locality {
        q.push(" AND locality = ").push_bind(l.clone());
    }
    if let Some(field) = &f.field {
        q.push(" AND field = ").push_bind(field.clone());
    }
    if let Some(y) = f.year {
        q.push(" AND raised_on >= ")
            .push_bind(format!("{y}-01-01"))
            .push(" AND raised_on <= ")
            .push_bind(format!("{y}-12-31"));
    }
    if f.overdue {
        q.push(" AND status <> ").push_bind(PetitionStatus::Answered.key());
        q.push(" AND raised_on < ").push_bind(overdue_before.to_string());
    }
}

pub async fn petitions(pool: &SqlitePool, f: &PetitionFilter) -> Result<PetitionList, ApiError> {
    let days = answer_days(pool).await?;
    let today = today();
    let overdue_before = (today - chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM petitions");
    push_petition_filter(&mut count, f, &overdue_before);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let (total, total_pages) = pages(total, LIST_PAGE_SIZE, f.page)?;
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {PETITION_COLUMNS} FROM petitions"));
    push_petition_filter(&mut q, f, &overdue_before);
    q.push(" ORDER BY raised_on DESC, id DESC LIMIT ").push_bind(LIST_PAGE_SIZE as i64);
    q.push(" OFFSET ").push_bind(super::offset(f.page, LIST_PAGE_SIZE)?);
    let rows: Vec<PetitionRow> = q.build_query_as().fetch_all(pool).await?;
    let overdue_total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM petitions WHERE deleted_at IS NULL AND status <> ?1 AND raised_on < ?2",
    )
    .bind(PetitionStatus::Answered.key())
    .bind(&overdue_before)
    .fetch_one(pool)
    .await?;
    let years: Vec<i32> = sqlx::query_scalar(
        "SELECT DISTINCT CAST(substr(raised_on, 1, 4) AS INTEGER) AS y FROM petitions WHERE deleted_at IS NULL ORDER BY y DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(PetitionList {
        list: Paged {
            items: rows.iter().map(|r| r.summary(today, days, true)).collect(),
            total,
            page: f.page,
            total_pages,
        },
        years,
        answer_days: days,
        overdue_total: overdue_total.max(0) as u64,
    })
}

pub async fn petition(pool: &SqlitePool, slug: &str) -> Result<PetitionDetail, ApiError> {
    let row: PetitionRow =
        sqlx::query_as(&format!("SELECT {PETITION_COLUMNS} FROM petitions WHERE slug = ?1 AND deleted_at IS NULL"))
            .bind(slug)
            .fetch_optional(pool)
            .await?
            .ok_or(ApiError::NotFound)?;
    let days = answer_days(pool).await?;
    let files = super::attachments::of(pool, RecordKind::Petition, row.id).await?.into_iter().map(|a| a.file).collect();
    Ok(PetitionDetail {
        summary: row.summary(today(), days, false),
        meeting: row.meeting.clone(),
        answer: row.answer.as_deref().map(paragraphs).unwrap_or_default(),
        answered: row.answered_on.as_deref().map(vn_date),
        answer_agency: row.answer_agency.clone().filter(|a| !a.is_empty()),
        files,
        answer_days: days,
        is_demo: row.is_demo,
    })
}

// ---- Lịch ----

#[derive(FromRow)]
pub struct EventRow {
    pub id: i64,
    pub slug: String,
    pub calendar: String,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub place: String,
    pub content: String,
    pub participants: String,
    pub updated_at: i64,
}

fn event_item(e: &EventRow) -> EventItem {
    let start = vn_time(e.starts_at);
    let clock = |t: &format::VnDateTime| format!("{:02}:{:02}", t.hour, t.minute);
    let time = match e.ends_at.map(vn_time) {
        Some(end) => format!("{} – {}", clock(&start), clock(&end)),
        None => clock(&start),
    };
    EventItem {
        slug: e.slug.clone(),
        time,
        iso: start.iso.clone(),
        end_iso: e.ends_at.map(|t| vn_time(t).iso),
        place: e.place.clone(),
        content: e.content.clone(),
        participants: e.participants.clone(),
    }
}

/// Unix time of local midnight at the start of `day`.
pub(super) fn midnight(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| Ho_Chi_Minh.from_local_datetime(&t).single())
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

fn day_label(day: NaiveDate) -> String {
    let name = format::weekday_name(day.weekday().num_days_from_monday() as u8);
    format!("{name}, {}", day.format("%d/%m/%Y"))
}

pub const EVENT_COLUMNS: &str = "id, slug, calendar, starts_at, ends_at, place, content, participants, updated_at";

async fn events_between(pool: &SqlitePool, calendar: &str, from: i64, to: i64) -> Result<Vec<EventRow>, ApiError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM calendar_events WHERE calendar = ?1 AND deleted_at IS NULL \
         AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id"
    ))
    .bind(calendar)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}

fn group_by_day(
    events: &[EventRow],
    days: impl Iterator<Item = NaiveDate>,
    today: NaiveDate,
    keep_empty: bool,
) -> Vec<CalendarDay> {
    days.map(|day| {
        let (from, to) = (midnight(day), midnight(day + Days::new(1)));
        CalendarDay {
            date: day.format("%Y-%m-%d").to_string(),
            label: day_label(day),
            is_today: day == today,
            events: events.iter().filter(|e| e.starts_at >= from && e.starts_at < to).map(event_item).collect(),
        }
    })
    .filter(|d| keep_empty || !d.events.is_empty())
    .collect()
}

/// The week (Monday to Sunday) that contains `day` ("YYYY-MM-DD"; this week when None).
pub async fn week(pool: &SqlitePool, calendar: &str, day: Option<&str>) -> Result<CalendarWeek, ApiError> {
    let title = calendar_title(calendar).ok_or(ApiError::NotFound)?;
    let today = today();
    // Only real days with four-digit years: the week's arithmetic cannot overflow then.
    let day = match day {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .ok()
            .filter(|_| crate::council::is_calendar_date(d))
            .ok_or_else(|| ApiError::Invalid("Ngày không hợp lệ (YYYY-MM-DD).".into()))?,
        None => today,
    };
    let monday = day - Days::new(day.weekday().num_days_from_monday() as u64);
    let sunday = monday + Days::new(6);
    let events = events_between(pool, calendar, midnight(monday), midnight(sunday + Days::new(1))).await?;
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(CalendarWeek {
        calendar: calendar.to_string(),
        title: title.to_string(),
        monday: iso(monday),
        previous: iso(monday - Days::new(7)),
        next: iso(monday + Days::new(7)),
        this_week: (monday..=sunday).contains(&today),
        range: format!("Tuần từ {} đến {}", monday.format("%d/%m/%Y"), sunday.format("%d/%m/%Y")),
        days: group_by_day(&events, monday.iter_days().take(7), today, true),
    })
}

const LIST_DAYS: u64 = 30;

/// Upcoming entries, thirty days a page, from today on.
pub async fn upcoming(pool: &SqlitePool, calendar: &str, page: u32) -> Result<CalendarList, ApiError> {
    let title = calendar_title(calendar).ok_or(ApiError::NotFound)?;
    let today = today();
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(starts_at) FROM calendar_events WHERE calendar = ?1 AND deleted_at IS NULL")
            .bind(calendar)
            .fetch_one(pool)
            .await?;
    let span = last.map(|l| ((l - midnight(today)).max(0) / 86_400) as u64 / LIST_DAYS + 1).unwrap_or(1) as u32;
    if page < 1 || page > span {
        return Err(ApiError::NotFound);
    }
    let first = today + Days::new((page as u64 - 1) * LIST_DAYS);
    let end = first + Days::new(LIST_DAYS);
    let events = events_between(pool, calendar, midnight(first), midnight(end)).await?;
    Ok(CalendarList {
        calendar: calendar.to_string(),
        title: title.to_string(),
        days: group_by_day(&events, first.iter_days().take(LIST_DAYS as usize), today, false),
        page,
        total_pages: span,
    })
}

/// Every entry of a calendar from `since` on, for the iCalendar feed.
pub async fn feed_events(pool: &SqlitePool, calendar: &str, since: i64) -> Result<Vec<EventRow>, ApiError> {
    calendar_title(calendar).ok_or(ApiError::NotFound)?;
    Ok(sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM calendar_events WHERE calendar = ?1 AND deleted_at IS NULL AND starts_at >= ?2 ORDER BY starts_at, id"
    ))
    .bind(calendar)
    .bind(since)
    .fetch_all(pool)
    .await?)
}

// ---- People ----

async fn members(pool: &SqlitePool, body_id: i64) -> Result<Vec<Member>, ApiError> {
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT p.slug, p.name, m.role, p.position, p.photo_url FROM memberships m JOIN people p ON p.id = m.person_id \
         WHERE m.body_id = ?1 AND p.deleted_at IS NULL ORDER BY m.position, p.id",
    )
    .bind(body_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name, role, position, photo_url)| Member { slug, name, role, position, photo_url })
        .collect())
}

#[derive(FromRow)]
struct BodyRow {
    id: i64,
    slug: String,
    kind: String,
    name: String,
    unit: Option<String>,
    page_slug: Option<String>,
    duties: String,
    is_demo: bool,
}

async fn body_detail(pool: &SqlitePool, row: BodyRow) -> Result<BodyDetail, ApiError> {
    Ok(BodyDetail {
        members: members(pool, row.id).await?,
        slug: row.slug,
        kind: row.kind,
        name: row.name,
        unit: row.unit,
        duties: paragraphs(&row.duties),
        page_slug: row.page_slug,
        is_demo: row.is_demo,
    })
}

const BODY_COLUMNS: &str = "id, slug, kind, name, unit, page_slug, duties, is_demo";

pub async fn body(pool: &SqlitePool, slug: &str) -> Result<BodyDetail, ApiError> {
    let row: BodyRow =
        sqlx::query_as(&format!("SELECT {BODY_COLUMNS} FROM bodies WHERE slug = ?1 AND deleted_at IS NULL"))
            .bind(slug)
            .fetch_optional(pool)
            .await?
            .ok_or(ApiError::NotFound)?;
    body_detail(pool, row).await
}

/// Bodies of one kind ("to" for the delegate groups), or those shown on a Giới thiệu page.
pub async fn bodies(
    pool: &SqlitePool,
    kind: Option<&str>,
    page_slug: Option<&str>,
) -> Result<Vec<BodyDetail>, ApiError> {
    let rows: Vec<BodyRow> = sqlx::query_as(&format!(
        "SELECT {BODY_COLUMNS} FROM bodies WHERE deleted_at IS NULL AND (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR page_slug = ?2) \
         ORDER BY position, id"
    ))
    .bind(kind)
    .bind(page_slug)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(body_detail(pool, row).await?);
    }
    Ok(out)
}

pub async fn person(pool: &SqlitePool, slug: &str) -> Result<PersonDetail, ApiError> {
    let (id, name, photo_url, position, workplace, born, bio, is_demo): (i64, String, Option<String>, String, String, Option<i64>, String, bool) =
        sqlx::query_as(
            "SELECT id, name, photo_url, position, workplace, born, bio, is_demo FROM people WHERE slug = ?1 AND deleted_at IS NULL",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let memberships: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT b.slug, b.name, m.role FROM memberships m JOIN bodies b ON b.id = m.body_id \
         WHERE m.person_id = ?1 AND b.deleted_at IS NULL ORDER BY b.position, b.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(PersonDetail {
        slug: slug.to_string(),
        name,
        photo_url,
        position,
        workplace,
        born,
        bio: paragraphs(&bio),
        memberships,
        is_demo,
    })
}

// ---- Tài liệu kỳ họp ----

#[derive(FromRow)]
struct SittingRow {
    id: i64,
    slug: String,
    term: String,
    number: i64,
    title: String,
    starts_on: String,
    ends_on: String,
    is_demo: bool,
    documents: i64,
}

impl SittingRow {
    fn summary(&self) -> SittingSummary {
        SittingSummary {
            slug: self.slug.clone(),
            term: self.term.clone(),
            number: self.number,
            title: self.title.clone(),
            dates: format!("{} – {}", vn_date(&self.starts_on), vn_date(&self.ends_on)),
            documents: self.documents.max(0) as u64,
        }
    }
}

const SITTING_SELECT: &str = "SELECT s.id, s.slug, s.term, s.number, s.title, s.starts_on, s.ends_on, s.is_demo, \
     (SELECT COUNT(*) FROM attachments f WHERE f.kind = 'sitting' AND f.record_id = s.id) AS documents FROM sittings s";

pub async fn sittings(pool: &SqlitePool) -> Result<Vec<SittingSummary>, ApiError> {
    let rows: Vec<SittingRow> =
        sqlx::query_as(&format!("{SITTING_SELECT} WHERE s.deleted_at IS NULL ORDER BY s.starts_on DESC, s.id DESC"))
            .fetch_all(pool)
            .await?;
    Ok(rows.iter().map(SittingRow::summary).collect())
}

pub async fn sitting(pool: &SqlitePool, slug: &str) -> Result<SittingDetail, ApiError> {
    let row: SittingRow = sqlx::query_as(&format!("{SITTING_SELECT} WHERE s.slug = ?1 AND s.deleted_at IS NULL"))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let documents = super::attachments::of(pool, RecordKind::Sitting, row.id)
        .await?
        .into_iter()
        .map(|a| SittingDocument { title: a.title, kind: a.doc_kind, file: a.file })
        .collect();
    Ok(SittingDetail { summary: row.summary(), documents, is_demo: row.is_demo })
}

// ---- Memberships (editors) ----

/// Every delegate, for choosing a new member: (slug, name, position).
pub async fn people_options(pool: &SqlitePool) -> Result<Vec<(String, String, String)>, ApiError> {
    Ok(sqlx::query_as("SELECT slug, name, position FROM people WHERE deleted_at IS NULL ORDER BY name, id")
        .fetch_all(pool)
        .await?)
}

async fn body_and_person(pool: &SqlitePool, body: &str, person: &str) -> Result<(i64, i64), ApiError> {
    let body: i64 = sqlx::query_scalar("SELECT id FROM bodies WHERE slug = ?1 AND deleted_at IS NULL")
        .bind(body)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let person: i64 = sqlx::query_scalar("SELECT id FROM people WHERE slug = ?1 AND deleted_at IS NULL")
        .bind(person)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| ApiError::Invalid("Không có đại biểu này.".into()))?;
    Ok((body, person))
}

/// Adds a person to a body with a role, or changes their role; members are listed by
/// `role_rank`, then in the order they were added.
pub async fn set_membership(pool: &SqlitePool, body: &str, person: &str, role: &str) -> Result<(), ApiError> {
    let role = crate::sanitize::text(role, 80);
    if role.is_empty() {
        return Err(ApiError::Invalid("“Vai trò” không được để trống.".into()));
    }
    let (body, person) = body_and_person(pool, body, person).await?;
    let rank = role_rank(&role);
    let mut tx = super::write(pool).await?;
    sqlx::query(
        "INSERT INTO memberships (body_id, person_id, role, position) \
         VALUES (?1, ?2, ?3, ?4 * 1000 + 1 + (SELECT COALESCE(MAX(position % 1000), 0) FROM memberships WHERE body_id = ?1)) \
         ON CONFLICT (body_id, person_id) DO UPDATE SET role = excluded.role, \
           position = ?4 * 1000 + (memberships.position % 1000)",
    )
    .bind(body)
    .bind(person)
    .bind(&role)
    .bind(rank)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_membership(pool: &SqlitePool, body: &str, person: &str) -> Result<(), ApiError> {
    let (body, person) = body_and_person(pool, body, person).await?;
    let mut tx = super::write(pool).await?;
    let done = sqlx::query("DELETE FROM memberships WHERE body_id = ?1 AND person_id = ?2")
        .bind(body)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
