//! Hỏi đáp: citizens' questions. Sent through the public form (limits and anti-bot checks in
//! `api`), confirmed through a mailed link, moderated in the record editor (`data::records`
//! calls `after_moderation` in the save's transaction, which mails the asker the answer or
//! the reason for not publishing). Readers see published and answered questions only.

use super::accounts::{new_token, token_hash};
use super::council::answer_days;
use super::mail::{accept_request, enqueue};
use crate::error::ApiError;
use crate::mail::{question_answered_message, question_confirm_message, question_rejected_message, Form};
use crate::questions::*;
use crate::records::{label_of, paragraphs, value, RecordFields, RecordKind};
use crate::resolution::vn_date;
use chrono::NaiveDate;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

/// A question as the form sent it, checked by the caller.
#[derive(Clone, Debug)]
pub struct NewQuestion {
    pub kind: String,
    pub asker: String,
    pub email: String,
    pub locality: String,
    pub field: String,
    pub title: String,
    pub text: String,
}

/// The form's fields (read through `get`), checked whatever the browser did: a question to
/// store, or the first thing wrong with them.
pub fn checked(get: impl Fn(&str) -> String) -> Result<NewQuestion, ApiError> {
    use crate::mail::{required_line, required_text, EMAIL_INVALID};
    use crate::records::LOCALITIES;
    let (kind, locality, field, email) = (get("kind"), get("locality"), get("field"), get("email"));
    let choice = |list: &[(&str, &str)], v: &str| list.iter().any(|(k, _)| *k == v);
    if !choice(QUESTION_KINDS, &kind) || !choice(LOCALITIES, &locality) || !choice(QUESTION_FIELDS, &field) {
        return Err(ApiError::Invalid(CHOICE_MISSING.into()));
    }
    let asker = required_line(&get("asker"), ASKER_MAX_CHARS, ASKER_MISSING)?;
    if !crate::share::is_valid_email(&email) {
        return Err(ApiError::Invalid(EMAIL_INVALID.into()));
    }
    let title = required_line(&get("title"), TITLE_MAX_CHARS, TITLE_MISSING)?;
    let text = required_text(&get("text"), TEXT_MAX_CHARS, TEXT_MISSING)?;
    let email = super::accounts::normalise_email(&email);
    Ok(NewQuestion { kind, asker, email, locality, field, title, text })
}

/// Stores a question waiting for its asker's confirmation, with its attachment if any (a file
/// already in the store), and mails the link (valid `CONFIRM_HOURS`). Unconfirmed questions
/// older than that are deleted here, with their attachments.
pub async fn submit(
    pool: &SqlitePool,
    q: &NewQuestion,
    file: Option<super::attachments::NewFile<'_>>,
    ip: &str,
    base_url: &str,
) -> Result<(), ApiError> {
    let now = super::now();
    let token = new_token()?;
    let mut tx = super::write_unseen(pool).await?;
    accept_request(&mut tx, Form::Question, &q.email, &q.email, ip, now).await?;
    sqlx::query(
        "DELETE FROM attachments WHERE kind = ?1 AND record_id IN \
         (SELECT id FROM questions WHERE status = ?2 AND confirm_until < ?3)",
    )
    .bind(RecordKind::Question.key())
    .bind(QuestionStatus::Unconfirmed.key())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM questions WHERE status = ?1 AND confirm_until < ?2")
        .bind(QuestionStatus::Unconfirmed.key())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let id = sqlx::query(
        "INSERT INTO questions (slug, kind, asker, email, locality, field, title, text, asked_on, status, \
         confirm_hash, confirm_until, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )
    .bind(format!("hd-moi-{}", token.get(..16).unwrap_or_default()))
    .bind(&q.kind)
    .bind(&q.asker)
    .bind(&q.email)
    .bind(&q.locality)
    .bind(&q.field)
    .bind(&q.title)
    .bind(&q.text)
    .bind(super::clock::today().format("%Y-%m-%d").to_string())
    .bind(QuestionStatus::Unconfirmed.key())
    .bind(token_hash(&token))
    .bind(now + CONFIRM_HOURS * 3600)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    sqlx::query("UPDATE questions SET slug = ?1 WHERE id = ?2")
        .bind(format!("hd-{id}"))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if let Some(file) = &file {
        super::attachments::insert(&mut tx, RecordKind::Question, id, file, None).await?;
    }
    let link = format!("{base_url}/hoi-dap/xac-nhan?ma={token}");
    enqueue(&mut tx, &question_confirm_message(&q.email, &q.asker, &q.title, &link, CONFIRM_HOURS), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The title of the question `token` confirms, if it is still waiting for it.
pub async fn confirmable(pool: &SqlitePool, token: &str) -> Result<Option<String>, ApiError> {
    Ok(sqlx::query_scalar("SELECT title FROM questions WHERE confirm_hash = ?1 AND status = ?2 AND confirm_until > ?3")
        .bind(token_hash(token))
        .bind(QuestionStatus::Unconfirmed.key())
        .bind(super::now())
        .fetch_optional(pool)
        .await?)
}

/// The asker confirms: the question enters the moderation queue, asked today. The link is
/// used up.
pub async fn confirm(pool: &SqlitePool, token: &str) -> Result<(), ApiError> {
    let now = super::now();
    let mut tx = super::write_unseen(pool).await?;
    let done = sqlx::query(
        "UPDATE questions SET status = ?1, asked_on = ?2, confirm_hash = NULL, confirm_until = NULL, updated_at = ?3 \
         WHERE confirm_hash = ?4 AND status = ?5 AND confirm_until > ?3",
    )
    .bind(QuestionStatus::Pending.key())
    .bind(super::clock::today().format("%Y-%m-%d").to_string())
    .bind(now)
    .bind(token_hash(token))
    .bind(QuestionStatus::Unconfirmed.key())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ApiError::Invalid(BAD_CONFIRM_LINK.into()));
    }
    tx.commit().await?;
    Ok(())
}

/// After an editor saved a question (in the save's transaction): a question newly answered
/// mails its asker the answer; one newly rejected mails the reason.
pub(super) async fn after_moderation(
    conn: &mut SqliteConnection,
    id: i64,
    before: &RecordFields,
) -> Result<(), ApiError> {
    let row: QuestionRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM questions WHERE id = ?1"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let was = QuestionStatus::parse(value(before, "status"));
    if was == Some(row.status.0) {
        return Ok(());
    }
    let message = match row.status.0 {
        QuestionStatus::Answered => question_answered_message(
            &row.email,
            &row.asker,
            &row.title,
            row.answer_agency.as_deref().unwrap_or_default(),
            &vn_date(row.answered_on.as_deref().unwrap_or_default()),
            row.answer.as_deref().unwrap_or_default(),
            &format!("{}{}", crate::client::current().await.base_url, RecordKind::Question.href(&row.slug, &[])),
        ),
        QuestionStatus::Rejected => question_rejected_message(
            &row.email,
            &row.asker,
            &row.title,
            row.reject_reason.as_deref().unwrap_or_default(),
        ),
        _ => return Ok(()),
    };
    enqueue(conn, &message, super::now()).await?;
    Ok(())
}

#[derive(FromRow)]
struct QuestionRow {
    slug: String,
    kind: String,
    asker: String,
    email: String,
    locality: String,
    field: String,
    title: String,
    text: String,
    asked_on: String,
    #[sqlx(try_from = "String")]
    status: StoredStatus,
    answer: Option<String>,
    answered_on: Option<String>,
    answer_agency: Option<String>,
    reject_reason: Option<String>,
    is_demo: bool,
}

const COLUMNS: &str = "slug, kind, asker, email, locality, field, title, text, asked_on, status, answer, answered_on, \
     answer_agency, reject_reason, is_demo";

/// A status as read from its column (the table's CHECK keeps it one of the keys).
struct StoredStatus(QuestionStatus);

impl TryFrom<String> for StoredStatus {
    type Error = String;
    fn try_from(key: String) -> Result<Self, String> {
        QuestionStatus::parse(&key).map(StoredStatus).ok_or_else(|| format!("tình trạng câu hỏi lạ: {key}"))
    }
}

impl QuestionRow {
    fn summary(&self, today: NaiveDate, answer_days: i64) -> QuestionSummary {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        let end = self
            .answered_on
            .as_deref()
            .filter(|_| self.status.0 == QuestionStatus::Answered)
            .and_then(day)
            .unwrap_or(today);
        let days = day(&self.asked_on).map(|d| (end - d).num_days()).unwrap_or(0);
        QuestionSummary {
            slug: self.slug.clone(),
            kind_label: label_of(QUESTION_KINDS, &self.kind),
            asker: self.asker.clone(),
            locality: self.locality.clone(),
            field_label: label_of(QUESTION_FIELDS, &self.field),
            title: self.title.clone(),
            status: self.status.0,
            asked: vn_date(&self.asked_on),
            overdue: is_overdue(self.status.0, days, answer_days),
            days,
        }
    }
}

/// The statuses a reader (or an editor) may see.
fn visible(as_editor: bool) -> &'static str {
    if as_editor {
        "status IN ('cho-duyet', 'da-dang', 'da-tra-loi', 'tu-choi')"
    } else {
        concat!("status IN ", crate::public_question_statuses!())
    }
}

fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, f: &QuestionFilter, as_editor: bool, overdue_before: &str) {
    q.push(" WHERE deleted_at IS NULL AND ").push(visible(as_editor));
    if let Some(k) = &f.kind {
        q.push(" AND kind = ").push_bind(k.clone());
    }
    if let Some(field) = &f.field {
        q.push(" AND field = ").push_bind(field.clone());
    }
    if let Some(l) = &f.locality {
        q.push(" AND locality = ").push_bind(l.clone());
    }
    if let Some(s) = f.status {
        q.push(" AND status = ").push_bind(s.key());
    }
    if let Some(y) = f.year {
        q.push(" AND asked_on >= ")
            .push_bind(format!("{y}-01-01"))
            .push(" AND asked_on <= ")
            .push_bind(format!("{y}-12-31"));
    }
    if f.overdue {
        q.push(" AND status IN ('cho-duyet', 'da-dang') AND asked_on < ").push_bind(overdue_before.to_string());
    }
}

/// One page of questions, newest first. A status readers may not see is 404 for them.
pub async fn list(pool: &SqlitePool, f: &QuestionFilter, as_editor: bool) -> Result<QuestionList, ApiError> {
    if !as_editor && f.status.is_some_and(|s| !s.is_public()) {
        return Err(ApiError::NotFound);
    }
    let days = answer_days(pool).await?;
    let today = super::clock::today();
    let overdue_before = (today - chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM questions");
    push_filter(&mut count, f, as_editor, &overdue_before);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let (total, total_pages) = super::pages(total, crate::council::LIST_PAGE_SIZE, f.page)?;
    let size = i64::from(crate::council::LIST_PAGE_SIZE);
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM questions"));
    push_filter(&mut q, f, as_editor, &overdue_before);
    q.push(" ORDER BY asked_on DESC, id DESC LIMIT ").push_bind(size);
    q.push(" OFFSET ").push_bind(super::offset(f.page, crate::council::LIST_PAGE_SIZE)?);
    let rows: Vec<QuestionRow> = q.build_query_as().fetch_all(pool).await?;
    let pending: i64 = if as_editor {
        sqlx::query_scalar("SELECT COUNT(*) FROM questions WHERE deleted_at IS NULL AND status = 'cho-duyet'")
            .fetch_one(pool)
            .await?
    } else {
        0
    };
    let years: Vec<i32> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT CAST(substr(asked_on, 1, 4) AS INTEGER) AS y FROM questions \
         WHERE deleted_at IS NULL AND {} ORDER BY y DESC",
        visible(as_editor)
    ))
    .fetch_all(pool)
    .await?;
    Ok(QuestionList {
        list: crate::council::Paged {
            items: rows.iter().map(|r| r.summary(today, days)).collect(),
            total,
            page: f.page,
            total_pages,
        },
        years,
        answer_days: days,
        pending: u64::try_from(pending).unwrap_or(0),
        as_editor,
    })
}

/// One question: readers see it once published; editors also in the queue or rejected.
pub async fn detail(pool: &SqlitePool, slug: &str, as_editor: bool) -> Result<QuestionDetail, ApiError> {
    let row: QuestionRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM questions WHERE slug = ?1 AND deleted_at IS NULL AND {}",
        visible(as_editor)
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let days = answer_days(pool).await?;
    let id: i64 = sqlx::query_scalar("SELECT id FROM questions WHERE slug = ?1").bind(slug).fetch_one(pool).await?;
    let files = super::attachments::of(pool, RecordKind::Question, id).await?.into_iter().map(|a| a.file).collect();
    Ok(QuestionDetail {
        summary: row.summary(super::clock::today(), days),
        text: paragraphs(&row.text),
        answer: row.answer.as_deref().map(paragraphs).unwrap_or_default(),
        answered: row.answered_on.as_deref().filter(|d| !d.is_empty()).map(vn_date),
        answer_agency: row.answer_agency.clone().filter(|a| !a.is_empty()),
        reject_reason: row.reject_reason.clone().filter(|r| as_editor && !r.is_empty()),
        answer_days: days,
        is_demo: row.is_demo,
        files,
    })
}
