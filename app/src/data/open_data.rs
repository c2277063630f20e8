//! Reading the open datasets (`crate::open_data`): the filters of each dataset's list, and its
//! public records in `id` order, a window at a time (a JSON page is one window; a CSV file is
//! read window after window while it is sent).

use super::time::vn_time;
use crate::council::PetitionFilter;
use crate::error::ApiError;
use crate::open_data::Dataset;
use crate::records::{label_of, RecordKind, CALENDARS, CHANNELS, FIELDS_OF_LIFE, PETITION_STATUSES};
use crate::resolution::{DocType, Validity};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

/// A dataset's filter, read from the same query parameters as its list on the portal.
#[derive(Clone, Debug)]
pub enum Filter {
    Resolutions(crate::resolution::Filter),
    Petitions(PetitionFilter),
    Events { calendar: Option<String>, from: Option<String>, to: Option<String> },
    Delegates { body: Option<String> },
    Bodies { kind: Option<String> },
}

/// The kinds of body, as stored.
pub const BODY_KINDS: &[(&str, &str)] =
    &[("thuong-truc", "Thường trực HĐND"), ("ban", "Ban"), ("to", "Tổ đại biểu"), ("doan-dbqh", "Đoàn ĐBQH")];

impl Filter {
    /// An unknown value is an `Err` with a Vietnamese message (the export answers 400).
    pub fn from_query(dataset: Dataset, get: impl Fn(&str) -> Option<String>) -> Result<Filter, String> {
        use crate::council::choice_param;
        let date = |key: &str| -> Result<Option<String>, String> {
            match get(key).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) => chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                    .map_err(|_| format!("Ngày không hợp lệ cho “{key}” (cần dạng YYYY-MM-DD).")),
            }
        };
        Ok(match dataset {
            Dataset::Resolutions => Filter::Resolutions(crate::resolution::Filter::from_query(&get)?),
            Dataset::Petitions => Filter::Petitions(PetitionFilter::from_query(&get)?),
            Dataset::Events => {
                Filter::Events { calendar: choice_param(&get, "lich", CALENDARS)?, from: date("tu")?, to: date("den")? }
            }
            Dataset::Delegates => Filter::Delegates { body: get("co_quan").filter(|v| !v.is_empty()) },
            Dataset::Bodies => Filter::Bodies { kind: choice_param(&get, "loai", BODY_KINDS)? },
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileLink {
    pub name: String,
    pub url: String,
    pub size: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// `amends`, `amended_by`, `replaces` or `replaced_by`.
    pub relation: String,
    pub number: String,
    pub url: String,
}

/// A body a delegate belongs to, or a member of a body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub slug: String,
    pub name: String,
    pub role: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResolutionRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub number: String,
    pub doc_type: String,
    pub doc_type_label: String,
    pub issuer: String,
    pub level: String,
    pub term: String,
    pub sitting: Option<i64>,
    pub signer: String,
    pub signed_on: String,
    pub effective_on: Option<String>,
    pub validity: String,
    pub validity_label: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub relations: Vec<Relation>,
    pub files: Vec<FileLink>,
    pub updated_at: String,
    pub is_demo: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PetitionRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub text: String,
    pub meeting: String,
    pub locality: String,
    pub raised_on: String,
    pub field: String,
    pub field_label: String,
    pub channel: String,
    pub channel_label: String,
    pub agency: String,
    pub status: String,
    pub status_label: String,
    pub answered_on: Option<String>,
    pub answer_agency: Option<String>,
    pub answer: Option<String>,
    pub files: Vec<FileLink>,
    pub updated_at: String,
    pub is_demo: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub calendar: String,
    pub calendar_label: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub content: String,
    pub participants: String,
    pub updated_at: String,
    pub is_demo: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DelegateRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub name: String,
    pub position: String,
    pub workplace: String,
    pub born: Option<i64>,
    pub photo_url: Option<String>,
    pub memberships: Vec<Membership>,
    pub updated_at: String,
    pub is_demo: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub kind: String,
    pub name: String,
    pub unit: Option<String>,
    pub duties: String,
    pub members: Vec<Membership>,
    pub updated_at: String,
    pub is_demo: bool,
}

/// One item of a dataset, written as a JSON object or a CSV row (fields in the documented order).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Record {
    Resolution(ResolutionRecord),
    Petition(PetitionRecord),
    Event(EventRecord),
    Delegate(DelegateRecord),
    Body(BodyRecord),
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn urls(files: &[FileLink]) -> String {
    files.iter().map(|f| f.url.as_str()).collect::<Vec<_>>().join(" | ")
}

fn people(list: &[Membership]) -> String {
    list.iter().map(|m| format!("{} ({})", m.name, m.role)).collect::<Vec<_>>().join("; ")
}

impl Record {
    pub fn id(&self) -> i64 {
        match self {
            Record::Resolution(r) => r.id,
            Record::Petition(r) => r.id,
            Record::Event(r) => r.id,
            Record::Delegate(r) => r.id,
            Record::Body(r) => r.id,
        }
    }

    /// The CSV row: lists flattened as the field's documentation says.
    pub fn csv_row(&self) -> Vec<String> {
        match self {
            Record::Resolution(r) => vec![
                r.id.to_string(),
                r.slug.clone(),
                r.url.clone(),
                r.number.clone(),
                r.doc_type.clone(),
                r.doc_type_label.clone(),
                r.issuer.clone(),
                r.level.clone(),
                r.term.clone(),
                opt(&r.sitting),
                r.signer.clone(),
                r.signed_on.clone(),
                opt(&r.effective_on),
                r.validity.clone(),
                r.validity_label.clone(),
                r.abstract_text.clone(),
                r.relations.iter().map(|x| format!("{} {}", x.relation, x.number)).collect::<Vec<_>>().join("; "),
                urls(&r.files),
                r.updated_at.clone(),
                r.is_demo.to_string(),
            ],
            Record::Petition(r) => vec![
                r.id.to_string(),
                r.slug.clone(),
                r.url.clone(),
                r.text.clone(),
                r.meeting.clone(),
                r.locality.clone(),
                r.raised_on.clone(),
                r.field.clone(),
                r.field_label.clone(),
                r.channel.clone(),
                r.channel_label.clone(),
                r.agency.clone(),
                r.status.clone(),
                r.status_label.clone(),
                opt(&r.answered_on),
                opt(&r.answer_agency),
                opt(&r.answer),
                urls(&r.files),
                r.updated_at.clone(),
                r.is_demo.to_string(),
            ],
            Record::Event(r) => vec![
                r.id.to_string(),
                r.slug.clone(),
                r.url.clone(),
                r.calendar.clone(),
                r.calendar_label.clone(),
                r.starts_at.clone(),
                opt(&r.ends_at),
                r.place.clone(),
                r.content.clone(),
                r.participants.clone(),
                r.updated_at.clone(),
                r.is_demo.to_string(),
            ],
            Record::Delegate(r) => vec![
                r.id.to_string(),
                r.slug.clone(),
                r.url.clone(),
                r.name.clone(),
                r.position.clone(),
                r.workplace.clone(),
                opt(&r.born),
                opt(&r.photo_url),
                people(&r.memberships),
                r.updated_at.clone(),
                r.is_demo.to_string(),
            ],
            Record::Body(r) => vec![
                r.id.to_string(),
                r.slug.clone(),
                r.url.clone(),
                r.kind.clone(),
                r.name.clone(),
                opt(&r.unit),
                r.duties.clone(),
                people(&r.members),
                r.updated_at.clone(),
                r.is_demo.to_string(),
            ],
        }
    }
}

/// Addresses are written absolute, under `origin`.
struct Context<'a> {
    origin: &'a str,
}

impl Context<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    fn files(&self, json: &str) -> Vec<FileLink> {
        #[derive(Deserialize)]
        struct Stored {
            name: String,
            stored: String,
            size: i64,
        }
        serde_json::from_str::<Vec<Stored>>(json)
            .unwrap_or_default()
            .into_iter()
            .map(|f| FileLink { name: f.name, url: self.url(&format!("/tai-lieu/{}", f.stored)), size: f.size })
            .collect()
    }
}

fn iso(unix: i64) -> String {
    vn_time(unix).iso
}

fn members(json: &str) -> Vec<Membership> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The JSON array of a record's files, for a `SELECT` list (`owner` is its table's `id`).
fn files_column(kind: RecordKind, owner: &str) -> String {
    format!(
        "(SELECT json_group_array(json_object('name', a.file_name, 'stored', a.stored_name, 'size', a.size) \
         ORDER BY a.position, a.id) FROM attachments a WHERE a.kind = '{}' AND a.record_id = {owner}) AS files",
        kind.key()
    )
}

#[derive(FromRow)]
struct ResolutionRow {
    id: i64,
    slug: String,
    number: String,
    doc_type: String,
    issuer: String,
    level: String,
    term: String,
    sitting: Option<i64>,
    signer: String,
    signed_on: String,
    effective_on: Option<String>,
    validity: String,
    #[sqlx(rename = "abstract")]
    abstract_text: String,
    outgoing: String,
    incoming: String,
    files: String,
    updated_at: i64,
    is_demo: bool,
}

impl ResolutionRow {
    fn record(self, cx: &Context) -> Record {
        #[derive(Deserialize)]
        struct Rel {
            relation: String,
            number: String,
            slug: String,
        }
        let relations = |json: &str, incoming: bool| {
            serde_json::from_str::<Vec<Rel>>(json).unwrap_or_default().into_iter().map(move |r| Relation {
                relation: match (r.relation.as_str(), incoming) {
                    ("amends", false) => "amends",
                    ("amends", true) => "amended_by",
                    (_, false) => "replaces",
                    (_, true) => "replaced_by",
                }
                .to_string(),
                number: r.number,
                url: cx.url(&RecordKind::Resolution.href(&r.slug, &[])),
            })
        };
        let doc_type = DocType::parse(&self.doc_type).unwrap_or(DocType::Normative);
        let validity = Validity::parse(&self.validity).unwrap_or(Validity::InForce);
        Record::Resolution(ResolutionRecord {
            id: self.id,
            url: cx.url(&RecordKind::Resolution.href(&self.slug, &[])),
            slug: self.slug,
            number: self.number,
            doc_type_label: doc_type.label().to_string(),
            doc_type: self.doc_type,
            issuer: self.issuer,
            level: self.level,
            term: self.term,
            sitting: self.sitting,
            signer: self.signer,
            signed_on: self.signed_on,
            effective_on: self.effective_on,
            validity_label: validity.label().to_string(),
            validity: self.validity,
            abstract_text: self.abstract_text,
            relations: relations(&self.outgoing, false).chain(relations(&self.incoming, true)).collect(),
            files: cx.files(&self.files),
            updated_at: iso(self.updated_at),
            is_demo: self.is_demo,
        })
    }
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
    channel: String,
    agency: String,
    status: String,
    answered_on: Option<String>,
    answer_agency: Option<String>,
    answer: Option<String>,
    files: String,
    updated_at: i64,
    is_demo: bool,
}

impl PetitionRow {
    fn record(self, cx: &Context) -> Record {
        Record::Petition(PetitionRecord {
            id: self.id,
            url: cx.url(&RecordKind::Petition.href(&self.slug, &[])),
            slug: self.slug,
            text: self.text,
            meeting: self.meeting,
            locality: self.locality,
            raised_on: self.raised_on,
            field_label: label_of(FIELDS_OF_LIFE, &self.field),
            field: self.field,
            channel_label: label_of(CHANNELS, &self.channel),
            channel: self.channel,
            agency: self.agency,
            status_label: label_of(PETITION_STATUSES, &self.status),
            status: self.status,
            answered_on: self.answered_on,
            answer_agency: self.answer_agency,
            answer: self.answer.filter(|a| !a.trim().is_empty()),
            files: cx.files(&self.files),
            updated_at: iso(self.updated_at),
            is_demo: self.is_demo,
        })
    }
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    slug: String,
    calendar: String,
    starts_at: i64,
    ends_at: Option<i64>,
    place: String,
    content: String,
    participants: String,
    updated_at: i64,
    is_demo: bool,
}

impl EventRow {
    fn record(self, cx: &Context) -> Record {
        let starts_at = iso(self.starts_at);
        let day = starts_at.split('T').next().unwrap_or_default().to_string();
        Record::Event(EventRecord {
            id: self.id,
            url: cx.url(&crate::records::event_href(&self.calendar, &day, &self.slug)),
            slug: self.slug,
            calendar_label: label_of(CALENDARS, &self.calendar),
            calendar: self.calendar,
            starts_at,
            ends_at: self.ends_at.map(iso),
            place: self.place,
            content: self.content,
            participants: self.participants,
            updated_at: iso(self.updated_at),
            is_demo: self.is_demo,
        })
    }
}

#[derive(FromRow)]
struct DelegateRow {
    id: i64,
    slug: String,
    name: String,
    position: String,
    workplace: String,
    born: Option<i64>,
    photo_url: Option<String>,
    memberships: String,
    updated_at: i64,
    is_demo: bool,
}

impl DelegateRow {
    fn record(self, cx: &Context) -> Record {
        Record::Delegate(DelegateRecord {
            id: self.id,
            url: cx.url(&RecordKind::Person.href(&self.slug, &[])),
            slug: self.slug,
            name: self.name,
            position: self.position,
            workplace: self.workplace,
            born: self.born,
            photo_url: self.photo_url.map(|u| if u.starts_with('/') { cx.url(&u) } else { u }),
            memberships: members(&self.memberships),
            updated_at: iso(self.updated_at),
            is_demo: self.is_demo,
        })
    }
}

#[derive(FromRow)]
struct BodyRow {
    id: i64,
    slug: String,
    kind: String,
    name: String,
    unit: Option<String>,
    duties: String,
    members: String,
    updated_at: i64,
    is_demo: bool,
}

impl BodyRow {
    fn record(self, cx: &Context) -> Record {
        Record::Body(BodyRecord {
            id: self.id,
            url: cx.url(&RecordKind::Body.href(&self.slug, &[])),
            slug: self.slug,
            kind: self.kind,
            name: self.name,
            unit: self.unit.filter(|u| !u.is_empty()),
            duties: self.duties,
            members: members(&self.members),
            updated_at: iso(self.updated_at),
            is_demo: self.is_demo,
        })
    }
}

/// Which of the dataset's records: those after `after` (an `id`), at most `limit` of them.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub after: i64,
    pub limit: Option<u32>,
}

fn push_window(q: &mut QueryBuilder<'_, Sqlite>, table: &str, w: Window) {
    q.push(format!(" AND {table}.id > ")).push_bind(w.after);
    q.push(format!(" ORDER BY {table}.id"));
    if let Some(limit) = w.limit {
        q.push(" LIMIT ").push_bind(i64::from(limit));
    }
}

/// Runs `q` and makes each row a `Record`.
async fn fetch<R>(
    pool: &SqlitePool,
    mut q: QueryBuilder<'_, Sqlite>,
    record: impl Fn(R) -> Record,
) -> Result<Vec<Record>, ApiError>
where
    R: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    Ok(q.build_query_as::<R>().fetch_all(pool).await?.into_iter().map(record).collect())
}

/// What the filter names must exist: the body of the delegates' filter. Checked before an
/// export starts, so that a wrong name is a 400 and not an empty file.
pub async fn check(pool: &SqlitePool, filter: &Filter) -> Result<(), ApiError> {
    if let Filter::Delegates { body: Some(slug) } = filter {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM bodies WHERE slug = ?1 AND deleted_at IS NULL")
            .bind(slug)
            .fetch_optional(pool)
            .await?;
        if exists.is_none() {
            return Err(ApiError::Invalid(format!("Không có cơ quan, tổ nào có mã “{slug}”.")));
        }
    }
    Ok(())
}

/// The public records of `filter`'s dataset in `window`, in `id` order, with addresses under
/// `origin`. A whole dataset is read a window at a time (keyset paging on `id`), so that no
/// export holds more than one window in memory.
pub async fn page(pool: &SqlitePool, origin: &str, filter: &Filter, window: Window) -> Result<Vec<Record>, ApiError> {
    let cx = Context { origin };
    match filter {
        Filter::Resolutions(f) => {
            let mut q = QueryBuilder::<Sqlite>::new(format!(
                "SELECT id, slug, number, doc_type, issuer, level, term, sitting, signer, signed_on, effective_on, \
                 validity, abstract, updated_at, is_demo, \
                 (SELECT json_group_array(json_object('relation', r.relation, 'number', o.number, 'slug', o.slug)) \
                  FROM resolution_relations r JOIN resolutions o ON o.id = r.to_id \
                  WHERE r.from_id = resolutions.id AND o.deleted_at IS NULL) AS outgoing, \
                 (SELECT json_group_array(json_object('relation', r.relation, 'number', o.number, 'slug', o.slug)) \
                  FROM resolution_relations r JOIN resolutions o ON o.id = r.from_id \
                  WHERE r.to_id = resolutions.id AND o.deleted_at IS NULL) AS incoming, {} \
                 FROM resolutions",
                files_column(RecordKind::Resolution, "resolutions.id")
            ));
            super::resolutions::push_filter(&mut q, f);
            push_window(&mut q, "resolutions", window);
            fetch(pool, q, |r: ResolutionRow| r.record(&cx)).await
        }
        Filter::Petitions(f) => {
            let days = super::council::answer_days(pool).await?;
            let overdue_before = (super::clock::today() - chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
            let mut q = QueryBuilder::<Sqlite>::new(format!(
                "SELECT id, slug, text, meeting, locality, raised_on, field, channel, agency, status, answered_on, \
                 answer_agency, answer, updated_at, is_demo, {} FROM petitions",
                files_column(RecordKind::Petition, "petitions.id")
            ));
            super::council::push_petition_filter(&mut q, f, &overdue_before);
            push_window(&mut q, "petitions", window);
            fetch(pool, q, |r: PetitionRow| r.record(&cx)).await
        }
        Filter::Events { calendar, from, to } => {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT id, slug, calendar, starts_at, ends_at, place, content, participants, updated_at, is_demo \
                 FROM calendar_events WHERE deleted_at IS NULL",
            );
            if let Some(c) = calendar {
                q.push(" AND calendar = ").push_bind(c.clone());
            }
            let midnight = |day: &str, next: bool| {
                chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|d| {
                    let d = if next { d.succ_opt().unwrap_or(d) } else { d };
                    super::council::midnight(d)
                })
            };
            if let Some(from) = from.as_deref().and_then(|d| midnight(d, false)) {
                q.push(" AND starts_at >= ").push_bind(from);
            }
            if let Some(to) = to.as_deref().and_then(|d| midnight(d, true)) {
                q.push(" AND starts_at < ").push_bind(to);
            }
            push_window(&mut q, "calendar_events", window);
            fetch(pool, q, |r: EventRow| r.record(&cx)).await
        }
        Filter::Delegates { body } => {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT id, slug, name, position, workplace, born, photo_url, updated_at, is_demo, \
                 (SELECT json_group_array(json_object('slug', b.slug, 'name', b.name, 'role', m.role) \
                  ORDER BY b.position, b.id) FROM memberships m JOIN bodies b ON b.id = m.body_id \
                  WHERE m.person_id = people.id AND b.deleted_at IS NULL) AS memberships \
                 FROM people WHERE deleted_at IS NULL",
            );
            if let Some(slug) = body {
                q.push(
                    " AND EXISTS (SELECT 1 FROM memberships m JOIN bodies b ON b.id = m.body_id \
                     WHERE m.person_id = people.id AND b.slug = ",
                )
                .push_bind(slug.clone())
                .push(")");
            }
            push_window(&mut q, "people", window);
            fetch(pool, q, |r: DelegateRow| r.record(&cx)).await
        }
        Filter::Bodies { kind } => {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT id, slug, kind, name, unit, duties, updated_at, is_demo, \
                 (SELECT json_group_array(json_object('slug', p.slug, 'name', p.name, 'role', m.role) \
                  ORDER BY m.position, p.id) FROM memberships m JOIN people p ON p.id = m.person_id \
                  WHERE m.body_id = bodies.id AND p.deleted_at IS NULL) AS members \
                 FROM bodies WHERE deleted_at IS NULL",
            );
            if let Some(k) = kind {
                q.push(" AND kind = ").push_bind(k.clone());
            }
            push_window(&mut q, "bodies", window);
            fetch(pool, q, |r: BodyRow| r.record(&cx)).await
        }
    }
}
