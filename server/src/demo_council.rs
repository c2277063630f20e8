//! Demo council records from `demo/records.json`: bodies and people, supervision, petitions
//! in every status (some overdue), a month of calendar entries around today, and sitting
//! documents, with small generated PDFs for reports, answers and documents.
//!
//! Dates of petitions and calendar entries are relative: petitions "N days ago", calendar
//! entries relative to the Sunday that ends the current week (so weekdays stay right).

use crate::demo::DemoError;
use crate::demo_records::demo_pdf;
use app::data::attachments::{self, NewFile};
use app::records::{PetitionStatus, RecordKind};
use chrono::{Datelike, Days, NaiveDate, TimeZone};
use chrono_tz::Asia::Ho_Chi_Minh;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

const RECORDS_JSON: &str = include_str!("../demo/records.json");

#[derive(Deserialize)]
struct Records {
    bodies: Vec<Body>,
    people: Vec<Person>,
    supervisions: Vec<Supervision>,
    petitions: Vec<Petition>,
    events: Vec<Event>,
    sittings: Vec<Sitting>,
}

#[derive(Deserialize)]
struct Body {
    slug: String,
    kind: String,
    name: String,
    unit: Option<String>,
    page: Option<String>,
    duties: String,
}

#[derive(Deserialize)]
struct Membership {
    body: String,
    role: String,
}

#[derive(Deserialize)]
struct Person {
    slug: String,
    name: String,
    position: String,
    workplace: String,
    born: Option<i64>,
    bio: String,
    memberships: Vec<Membership>,
}

#[derive(Deserialize)]
struct Supervision {
    slug: String,
    body: String,
    topic: String,
    from: String,
    to: String,
    units: String,
    findings: String,
    report: bool,
}

#[derive(Deserialize)]
struct Petition {
    text: String,
    meeting: String,
    locality: String,
    field: String,
    agency: String,
    channel: String,
    raised_days_ago: i64,
    status: PetitionStatus,
    answer: Option<String>,
    answer_agency: Option<String>,
    answered_days_after: Option<i64>,
}

#[derive(Deserialize)]
struct Event {
    calendar: String,
    day_offset: i64,
    start: String,
    end: Option<String>,
    place: String,
    content: String,
    participants: String,
}

#[derive(Deserialize)]
struct Document {
    title: String,
    kind: String,
}

#[derive(Deserialize)]
struct Sitting {
    slug: String,
    term: String,
    number: i64,
    title: String,
    from: String,
    to: String,
    documents: Vec<Document>,
}

/// Writes a demo PDF into the file store and attaches it to a record.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn attach(
    tx: &mut app::data::Write,
    files_dir: &Path,
    kind: RecordKind,
    record_id: i64,
    position: i64,
    title: &str,
    doc_kind: &str,
    file_name: &str,
) -> Result<(), DemoError> {
    let pdf = demo_pdf(title, "Tài liệu minh họa của cổng thông tin.");
    let stored =
        crate::files::store(files_dir, &pdf, "pdf").await.map_err(|e| DemoError::Invalid(format!("ghi tệp: {e}")))?;
    let file = NewFile { file_name, stored: &stored, size: pdf.len() as i64, mime: "application/pdf", title, doc_kind };
    attachments::insert(tx, kind, record_id, &file, Some(position)).await?;
    Ok(())
}

fn local(day: NaiveDate, clock: &str) -> Result<i64, DemoError> {
    let time = chrono::NaiveTime::parse_from_str(clock, "%H:%M")
        .map_err(|_| DemoError::Invalid(format!("giờ không hợp lệ: {clock}")))?;
    Ho_Chi_Minh
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|t| t.timestamp())
        .ok_or_else(|| DemoError::Invalid(format!("thời điểm không hợp lệ: {day} {clock}")))
}

fn shift(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day + Days::new(days as u64)
    } else {
        day - Days::new(days.unsigned_abs())
    }
}

/// Inserts every demo council record; `today` anchors the relative dates.
pub async fn load(tx: &mut app::data::Write, files_dir: &Path, today: NaiveDate) -> Result<(), DemoError> {
    let r: Records =
        serde_json::from_str(RECORDS_JSON).map_err(|e| DemoError::Invalid(format!("records.json: {e}")))?;
    let now = app::data::now();

    let mut bodies: HashMap<String, i64> = HashMap::new();
    for (i, b) in r.bodies.iter().enumerate() {
        // Each delegate group is shown on its own Giới thiệu page ("to-dai-bieu-di-an" on "to-di-an").
        let page = if b.kind == "to" { Some(b.slug.replacen("to-dai-bieu-", "to-", 1)) } else { b.page.clone() };
        let id = sqlx::query(
            "INSERT INTO bodies (slug, kind, name, unit, page_slug, duties, position, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
        )
        .bind(&b.slug)
        .bind(&b.kind)
        .bind(&b.name)
        .bind(&b.unit)
        .bind(page)
        .bind(&b.duties)
        .bind(i as i64)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        bodies.insert(b.slug.clone(), id);
    }

    for (i, p) in r.people.iter().enumerate() {
        let id = sqlx::query(
            "INSERT INTO people (slug, name, position, workplace, born, bio, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
        )
        .bind(&p.slug)
        .bind(&p.name)
        .bind(&p.position)
        .bind(&p.workplace)
        .bind(p.born)
        .bind(&p.bio)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        for m in &p.memberships {
            let body = bodies.get(&m.body).ok_or_else(|| DemoError::Invalid(format!("không có cơ quan {}", m.body)))?;
            sqlx::query(
                "INSERT OR IGNORE INTO memberships (body_id, person_id, role, position) VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(body)
            .bind(id)
            .bind(&m.role)
            .bind(app::council::role_rank(&m.role) * 1000 + i as i64)
            .execute(&mut **tx)
            .await?;
        }
    }

    for s in &r.supervisions {
        let id = sqlx::query(
            "INSERT INTO supervisions (slug, body, topic, period_from, period_to, units, findings, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
        )
        .bind(&s.slug)
        .bind(&s.body)
        .bind(&s.topic)
        .bind(&s.from)
        .bind(&s.to)
        .bind(&s.units)
        .bind(&s.findings)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        if s.report {
            attach(
                tx,
                files_dir,
                RecordKind::Supervision,
                id,
                0,
                &format!("Báo cáo kết quả {}", lower_first(&s.topic)),
                "Báo cáo",
                &format!("bao-cao-{}.pdf", s.slug),
            )
            .await?;
        }
    }

    for (i, p) in r.petitions.iter().enumerate() {
        let raised = shift(today, -p.raised_days_ago);
        let answered = p.answered_days_after.map(|d| shift(raised, d)).filter(|d| *d <= today);
        let id = sqlx::query(
            "INSERT INTO petitions (slug, text, meeting, locality, raised_on, field, agency, channel, status, answer, answered_on, \
             answer_agency, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?13)",
        )
        .bind(format!("kn-demo-{}", i + 1))
        .bind(&p.text)
        .bind(&p.meeting)
        .bind(&p.locality)
        .bind(raised.to_string())
        .bind(&p.field)
        .bind(&p.agency)
        .bind(&p.channel)
        .bind(p.status.key())
        .bind(&p.answer)
        .bind(answered.map(|d| d.to_string()))
        .bind(&p.answer_agency)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        if p.status == PetitionStatus::Answered && i % 2 == 0 {
            let agency = p.answer_agency.clone().unwrap_or_else(|| p.agency.clone());
            attach(
                tx,
                files_dir,
                RecordKind::Petition,
                id,
                0,
                &format!("Văn bản trả lời của {agency}"),
                "Văn bản trả lời",
                &format!("tra-loi-kien-nghi-{}.pdf", i + 1),
            )
            .await?;
        }
    }

    // The Sunday that ends the current week: the JSON's offsets are counted from it.
    let sunday = shift(today, 6 - today.weekday().num_days_from_monday() as i64);
    for (i, e) in r.events.iter().enumerate() {
        let day = shift(sunday, e.day_offset);
        let starts = local(day, &e.start)?;
        let ends = e.end.as_deref().map(|end| local(day, end)).transpose()?;
        sqlx::query(
            "INSERT INTO calendar_events (slug, calendar, starts_at, ends_at, place, content, participants, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
        )
        .bind(format!("lich-demo-{}", i + 1))
        .bind(&e.calendar)
        .bind(starts)
        .bind(ends)
        .bind(&e.place)
        .bind(&e.content)
        .bind(&e.participants)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }

    for s in &r.sittings {
        let id = sqlx::query(
            "INSERT INTO sittings (slug, term, number, title, starts_on, ends_on, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
        )
        .bind(&s.slug)
        .bind(&s.term)
        .bind(s.number)
        .bind(&s.title)
        .bind(&s.from)
        .bind(&s.to)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        for (n, d) in s.documents.iter().enumerate() {
            let file_name = format!("{}-{:02}.pdf", s.slug, n + 1);
            attach(tx, files_dir, RecordKind::Sitting, id, n as i64, &d.title, &d.kind, &file_name).await?;
        }
    }
    Ok(())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_records_parse_and_cover_every_kind() {
        let r: Records = serde_json::from_str(RECORDS_JSON).expect("records.json");
        assert_eq!(r.bodies.iter().filter(|b| b.kind == "to").count(), 7);
        for status in PetitionStatus::ALL {
            assert!(r.petitions.iter().any(|p| p.status == status), "{status:?}");
        }
        assert!(r.petitions.iter().any(|p| p.status.is_open() && p.raised_days_ago > 90), "an overdue one");
        for calendar in ["hdnd", "doan-dbqh", "tiep-cong-dan", "tiep-xuc-cu-tri"] {
            assert!(r.events.iter().filter(|e| e.calendar == calendar).count() >= 10, "{calendar}");
        }
        assert!(!r.people.is_empty() && !r.supervisions.is_empty() && !r.sittings.is_empty());
        assert_eq!(app::council::role_rank("Phó Trưởng ban"), 1);
        assert_eq!(lower_first("Giám sát"), "giám sát");
    }
}
