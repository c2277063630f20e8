//! The council's records: resolutions.

use crate::error::ApiError;
use crate::resolution::{Filter, ResolutionDetail, ResolutionList};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "resolutions", input = Json)]
pub async fn list_resolutions(filter: Filter) -> Result<ResolutionList, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::resolutions::list(&pool, &filter).await)
}

#[server(prefix = "/api", endpoint = "resolution")]
pub async fn get_resolution(slug: String) -> Result<ResolutionDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::resolutions::detail(&pool, &slug).await)
}

// ---- Giám sát, kiến nghị, lịch, đại biểu, kỳ họp ----

use crate::council::*;

#[server(prefix = "/api", endpoint = "supervisions", input = Json)]
pub async fn list_supervisions(filter: SupervisionFilter) -> Result<Paged<SupervisionSummary>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::supervisions(&pool, &filter).await)
}

#[server(prefix = "/api", endpoint = "supervision")]
pub async fn get_supervision(slug: String) -> Result<SupervisionDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::supervision(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "petitions", input = Json)]
pub async fn list_petitions(filter: PetitionFilter) -> Result<PetitionList, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::petitions(&pool, &filter).await)
}

#[server(prefix = "/api", endpoint = "petition")]
pub async fn get_petition(slug: String) -> Result<PetitionDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::petition(&pool, &slug).await)
}

/// The week of a calendar that contains `day` ("YYYY-MM-DD"), this week when empty.
#[server(prefix = "/api", endpoint = "calendar_week")]
pub async fn get_calendar_week(calendar: String, day: String) -> Result<CalendarWeek, ApiError> {
    let pool = crate::data::pool()?;
    let day = Some(day).filter(|d| !d.is_empty());
    super::answer(crate::data::council::week(&pool, &calendar, day.as_deref()).await)
}

#[server(prefix = "/api", endpoint = "calendar_upcoming")]
pub async fn get_calendar_upcoming(calendar: String, page: u32) -> Result<CalendarList, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::upcoming(&pool, &calendar, page).await)
}

#[server(prefix = "/api", endpoint = "body")]
pub async fn get_body(slug: String) -> Result<BodyDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::body(&pool, &slug).await)
}

/// The bodies a Giới thiệu page shows from the records (none for most pages).
#[server(prefix = "/api", endpoint = "page_bodies")]
pub async fn page_bodies(page: String) -> Result<Vec<BodyDetail>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::bodies(&pool, None, Some(&page)).await)
}

/// The delegate groups (Tổ đại biểu) and the NA delegation, with their members.
#[server(prefix = "/api", endpoint = "delegates")]
pub async fn delegates() -> Result<Vec<BodyDetail>, ApiError> {
    let pool = crate::data::pool()?;
    let mut out = super::answer(crate::data::council::bodies(&pool, Some("to"), None).await)?;
    out.extend(super::answer(crate::data::council::bodies(&pool, Some("doan-dbqh"), None).await)?);
    Ok(out)
}

#[server(prefix = "/api", endpoint = "person")]
pub async fn get_person(slug: String) -> Result<PersonDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::person(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "sittings")]
pub async fn list_sittings() -> Result<Vec<SittingSummary>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::sittings(&pool).await)
}

#[server(prefix = "/api", endpoint = "sitting")]
pub async fn get_sitting(slug: String) -> Result<SittingDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::sitting(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "search", input = Json)]
pub async fn search(query: crate::search::SearchQuery) -> Result<crate::search::SearchResults, ApiError> {
    let index = crate::data::search::index()?;
    super::answer(crate::data::search::search(&index, &query).await)
}

/// The search box's suggestions for what has been typed so far: a GET, so a browser or a
/// proxy may keep an answer.
#[server(prefix = "/api", endpoint = "goi-y", input = server_fn::codec::GetUrl)]
pub async fn suggest(q: String) -> Result<Vec<crate::search::Suggestion>, ApiError> {
    let q: String = q.chars().take(crate::search::QUERY_MAX).collect();
    let index = crate::data::search::index()?;
    super::answer(crate::data::search::suggest(&index, &q).await)
}

// ---- Editing records ----

#[cfg(feature = "ssr")]
use crate::audit::Action;
use crate::editing::Saved;
use crate::records::{EditableRecord, RecordFields, RecordKind};

#[server(prefix = "/api", endpoint = "record_for_edit")]
pub async fn record_for_edit(kind: RecordKind, slug: String) -> Result<EditableRecord, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::records::editable(&pool, kind, &slug).await)
}

#[server(prefix = "/api", endpoint = "save_record", input = Json)]
pub async fn save_record(
    kind: RecordKind,
    slug: String,
    base_version: i64,
    fields: RecordFields,
) -> Result<Saved, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let saved = crate::data::records::save(&pool, &user, kind, &slug, base_version, &fields).await;
    if saved.is_ok() && kind == RecordKind::Question {
        // An answer or a rejection was mailed to the asker in the save's transaction.
        crate::data::mail::wake();
    }
    super::audited(&user, Action::Save, &format!("{}:{slug}", kind.key()), saved).await
}

/// Adds a record; the answer is its slug (its first version).
#[server(prefix = "/api", endpoint = "create_record", input = Json)]
pub async fn create_record(kind: RecordKind, fields: RecordFields) -> Result<Saved, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let created = crate::data::records::create(&pool, &user, kind, &fields).await;
    let target = created.as_ref().map(|s| format!("{}:{}", kind.key(), s.slug)).unwrap_or_default();
    super::audited(&user, Action::Create, &target, created).await
}

/// A record's attached files (for the editor's form).
#[server(prefix = "/api", endpoint = "record_files")]
pub async fn record_files(kind: RecordKind, slug: String) -> Result<Vec<crate::resolution::AttachedFile>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::attachments::of_slug(&pool, kind, &slug).await)
}

/// Takes a file off a record (`stored` is its "<sha256>.<ext>" name).
#[server(prefix = "/api", endpoint = "detach_file")]
pub async fn detach_file(kind: RecordKind, slug: String, stored: String) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::attachments::detach(&pool, kind, &slug, &stored).await;
    super::audited(&user, Action::Detach, &format!("{}:{slug} {stored}", kind.key()), done).await
}

/// Every delegate (slug, name, position), for the member picker.
#[server(prefix = "/api", endpoint = "people_options")]
pub async fn people_options() -> Result<Vec<(String, String, String)>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::council::people_options(&pool).await)
}

/// Adds a delegate to a body, or changes their role there.
#[server(prefix = "/api", endpoint = "set_membership")]
pub async fn set_membership(body: String, person: String, role: String) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::council::set_membership(&pool, &body, &person, &role).await;
    super::audited(&user, Action::SetMembership, &format!("body:{body} person:{person}"), done).await
}

#[server(prefix = "/api", endpoint = "remove_membership")]
pub async fn remove_membership(body: String, person: String) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::council::remove_membership(&pool, &body, &person).await;
    super::audited(&user, Action::RemoveMembership, &format!("body:{body} person:{person}"), done).await
}
