//! Editing any council record (resolution, supervision, petition, calendar entry, person,
//! body, session) with the machinery articles use: the role check happens in the server
//! function; here, cleaning by the kind's field list, optimistic versions, a revision per
//! save, conflicts with what the other editor changed, restore, trash, and the search index.

use super::editing::{conflict, diff_labeled, history, insert_revision, revision};
use super::time::{local_input, parse_input};
use crate::auth::UserInfo;
use crate::editing::{FieldDiff, RevisionInfo, Saved};
use crate::error::ApiError;
use crate::records::*;
use crate::resolution::AttachedFile;
use crate::sanitize;
use crate::search::SearchKind;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, SqlitePool};

pub fn search_kind(kind: RecordKind) -> SearchKind {
    match kind {
        RecordKind::Resolution => SearchKind::Resolution,
        RecordKind::Supervision => SearchKind::Supervision,
        RecordKind::Petition => SearchKind::Petition,
        RecordKind::Event => SearchKind::Event,
        RecordKind::Person => SearchKind::Person,
        RecordKind::Body => SearchKind::Body,
        RecordKind::Session => SearchKind::Session,
    }
}

/// A cleaned value, ready to bind.
enum Value {
    Text(Option<String>),
    Int(Option<i64>),
}

/// Plain text of several paragraphs: each paragraph cleaned like a one-line field, blank
/// lines between them.
fn clean_paragraphs(value: &str, max: usize) -> String {
    let text = value.replace("\r\n", "\n");
    let joined = paragraphs(&text)
        .iter()
        .map(|p| sanitize::text(p, max))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    joined.chars().take(max).collect()
}

fn get<'a>(fields: &'a RecordFields, key: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// Checks and cleans what an editor sent, field by field; the first problem is the error,
/// in Vietnamese, naming the field.
fn clean(kind: RecordKind, fields: &RecordFields) -> Result<(RecordFields, Vec<Value>), ApiError> {
    let mut shown = Vec::new();
    let mut values = Vec::new();
    for spec in kind.fields() {
        let raw = get(fields, spec.key).trim();
        let invalid = |what: &str| ApiError::Invalid(format!("“{}”: {what}", spec.label));
        let (text, value) = match spec.input {
            // Text is stored as written, empty included (text columns are NOT NULL with ''
            // as their default where a field is optional).
            Input::Line(max) => {
                let t = sanitize::text(raw, max);
                (t.clone(), Value::Text(Some(t)))
            }
            Input::Text(max) => {
                let t = clean_paragraphs(raw, max);
                (t.clone(), Value::Text(Some(t)))
            }
            Input::Date => {
                if raw.is_empty() {
                    (String::new(), Value::Text(None))
                } else {
                    let d = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                        .map_err(|_| invalid("ngày không hợp lệ (dd/mm/yyyy)."))?;
                    let t = d.format("%Y-%m-%d").to_string();
                    (t.clone(), Value::Text(Some(t)))
                }
            }
            Input::DateTime => {
                if raw.is_empty() {
                    (String::new(), Value::Int(None))
                } else {
                    let at =
                        parse_input(raw).ok_or_else(|| invalid("thời gian không hợp lệ (dd/mm/yyyy, giờ:phút)."))?;
                    (local_input(at), Value::Int(Some(at)))
                }
            }
            Input::Number => {
                if raw.is_empty() {
                    (String::new(), Value::Int(None))
                } else {
                    let n = raw
                        .parse::<i64>()
                        .ok()
                        .filter(|n| (0..=100_000).contains(n))
                        .ok_or_else(|| invalid("phải là một số."))?;
                    (n.to_string(), Value::Int(Some(n)))
                }
            }
            Input::Image => {
                let url = raw.to_string();
                let ours = (url.starts_with("/uploads/") || url.starts_with("/images/"))
                    && url.len() <= 300
                    && !url.contains("..")
                    && url.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
                if !url.is_empty() && !ours {
                    return Err(invalid("phải là ảnh tải lên cổng thông tin (bấm “Tải ảnh lên”)."));
                }
                (url.clone(), Value::Text(Some(url).filter(|u| !u.is_empty())))
            }
            Input::Choice(choices) => {
                if raw.is_empty() {
                    (String::new(), Value::Text(None))
                } else if choices.iter().any(|(k, _)| *k == raw) {
                    (raw.to_string(), Value::Text(Some(raw.to_string())))
                } else {
                    return Err(invalid("giá trị không hợp lệ."));
                }
            }
        };
        if spec.required && text.is_empty() {
            return Err(invalid("không được để trống."));
        }
        shown.push((spec.key.to_string(), text));
        values.push(value);
    }
    check_together(kind, &shown)?;
    Ok((shown, values))
}

/// Rules that involve more than one field.
fn check_together(kind: RecordKind, f: &RecordFields) -> Result<(), ApiError> {
    let bad = |m: &str| Err(ApiError::Invalid(m.to_string()));
    match kind {
        RecordKind::Resolution if number_parts(get(f, "number")).is_none() => {
            bad("“Số, ký hiệu” phải có dạng số/năm/ký hiệu, ví dụ 12/2022/NQ-HĐND.")
        }
        RecordKind::Supervision if get(f, "period_to") < get(f, "period_from") => bad("“Đến ngày” phải sau “Từ ngày”."),
        RecordKind::Session if get(f, "ends_on") < get(f, "starts_on") => bad("“Đến ngày” phải sau “Từ ngày”."),
        RecordKind::Event if !get(f, "ends_at").is_empty() && get(f, "ends_at") < get(f, "starts_at") => {
            bad("“Kết thúc” phải sau “Bắt đầu”.")
        }
        RecordKind::Petition
            if get(f, "status") == "da-tra-loi"
                && (get(f, "answer").is_empty() || get(f, "answered_on").is_empty()) =>
        {
            bad("Kiến nghị “Đã trả lời” cần có nội dung trả lời và ngày trả lời.")
        }
        RecordKind::Petition if !get(f, "answered_on").is_empty() && get(f, "answered_on") < get(f, "raised_on") => {
            bad("“Ngày trả lời” phải sau “Ngày tiếp nhận”.")
        }
        _ => Ok(()),
    }
}

/// "12/2022/NQ-HĐND" → (12, 2022).
pub fn number_parts(number: &str) -> Option<(i64, i32)> {
    let mut parts = number.split('/');
    let seq = parts.next()?.trim().parse::<i64>().ok().filter(|n| *n > 0)?;
    let year = parts.next()?.trim().parse::<i32>().ok().filter(|y| (1990..=2100).contains(y))?;
    parts.next().filter(|s| !s.trim().is_empty())?;
    Some((seq, year))
}

/// The record's id, version and fields as the form shows them.
async fn load(conn: &mut SqliteConnection, kind: RecordKind, slug: &str) -> Result<(i64, i64, RecordFields), ApiError> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT id, version");
    for spec in kind.fields() {
        q.push(", CAST(").push(spec.key).push(" AS TEXT)");
    }
    q.push(" FROM ").push(kind.table()).push(" WHERE slug = ").push_bind(slug).push(" AND deleted_at IS NULL");
    let row = q.build().fetch_optional(&mut *conn).await?.ok_or(ApiError::NotFound)?;
    let id: i64 = row.try_get(0)?;
    let version: i64 = row.try_get(1)?;
    let mut fields = Vec::new();
    for (i, spec) in kind.fields().iter().enumerate() {
        let raw: Option<String> = row.try_get(i + 2)?;
        let raw = raw.unwrap_or_default();
        let shown = match spec.input {
            Input::DateTime => raw.parse::<i64>().map(local_input).unwrap_or_default(),
            _ => raw,
        };
        fields.push((spec.key.to_string(), shown));
    }
    Ok((id, version, fields))
}

pub async fn editable(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<EditableRecord, ApiError> {
    let mut conn = pool.acquire().await?;
    let (_, version, fields) = load(&mut conn, kind, slug).await?;
    Ok(EditableRecord { version, fields })
}

/// Field by field, what changed, under the labels of the form.
pub fn diff(kind: RecordKind, old: &RecordFields, new: &RecordFields) -> Vec<FieldDiff> {
    kind.fields().iter().filter_map(|spec| diff_labeled(spec.label, get(old, spec.key), get(new, spec.key))).collect()
}

/// Saves a record if `base_version` is still the stored version; otherwise the conflict.
pub async fn save(
    pool: &SqlitePool,
    user: &UserInfo,
    kind: RecordKind,
    slug: &str,
    base_version: i64,
    fields: &RecordFields,
    note: &str,
) -> Result<Saved, ApiError> {
    let (shown, values) = clean(kind, fields)?;
    let mut tx = pool.begin().await?;
    let (id, current_version, current) = load(&mut tx, kind, slug).await?;
    insert_revision(&mut tx, kind.key(), id, current_version, None, "Bản ban đầu", &current).await?;
    if current_version != base_version {
        let err = conflict(
            &mut tx,
            kind.key(),
            id,
            base_version,
            current_version,
            &current,
            |a, b| diff(kind, a, b),
            |c: &RecordFields| c.clone(),
        )
        .await?;
        return Err(err);
    }
    let version = current_version + 1;
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(kind.table()).push(" SET ");
    for (spec, value) in kind.fields().iter().zip(values) {
        q.push(spec.key).push(" = ");
        push_value(&mut q, value);
        q.push(", ");
    }
    q.push("version = ").push_bind(version).push(", updated_at = ").push_bind(super::now());
    q.push(" WHERE id = ").push_bind(id).push(" AND version = ").push_bind(current_version);
    let done = q.build().execute(&mut *tx).await.map_err(unique_number)?;
    if done.rows_affected() != 1 {
        return Err(ApiError::Invalid("Bản ghi vừa được lưu ở nơi khác, vui lòng lưu lại.".into()));
    }
    if kind == RecordKind::Resolution {
        if let Some((seq, year)) = number_parts(get(&shown, "number")) {
            sqlx::query("UPDATE resolutions SET seq = ?1, year = ?2 WHERE id = ?3")
                .bind(seq)
                .bind(year)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    insert_revision(&mut tx, kind.key(), id, version, Some(user.id), note, &shown).await?;
    super::search::sync(&mut tx, search_kind(kind), id).await?;
    tx.commit().await?;
    Ok(Saved { slug: slug.to_string(), version })
}

/// A slug for a new record from its title, unique in the kind's table.
async fn unique_slug(conn: &mut SqliteConnection, kind: RecordKind, title: &str, id: i64) -> Result<String, ApiError> {
    let folded = crate::slug::slugify(title);
    let base: String = folded.chars().take(80).collect::<String>().trim_end_matches('-').to_string();
    let base = if base.is_empty() { format!("{}-{id}", kind.key()) } else { base };
    let mut candidate = base.clone();
    let mut n = 1;
    loop {
        let mut q = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM ");
        q.push(kind.table()).push(" WHERE slug = ").push_bind(candidate.clone()).push(" AND id <> ").push_bind(id);
        let taken: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
        if taken == 0 {
            return Ok(candidate);
        }
        n += 1;
        candidate = format!("{base}-{n}");
    }
}

/// Adds a record from the editor's form; it is public (and searchable) at once.
pub async fn create(
    pool: &SqlitePool,
    user: &UserInfo,
    kind: RecordKind,
    fields: &RecordFields,
) -> Result<Saved, ApiError> {
    if kind.new_label().is_none() {
        return Err(ApiError::Invalid("Không thể thêm loại bản ghi này.".into()));
    }
    let (shown, values) = clean(kind, fields)?;
    let now = super::now();
    let mut tx = pool.begin().await?;
    let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO ");
    q.push(kind.table()).push(" (");
    for spec in kind.fields() {
        q.push(spec.key).push(", ");
    }
    let placeholder = format!("nhap-{now}-{}-{}", user.id, kind.key());
    // A resolution also stores its number's parts, for number search and sorting.
    let number = if kind == RecordKind::Resolution {
        Some(number_parts(get(&shown, "number")).ok_or(ApiError::Server)?)
    } else {
        None
    };
    if number.is_some() {
        q.push("seq, year, ");
    }
    q.push("slug, created_at, updated_at) VALUES (");
    for value in values {
        push_value(&mut q, value);
        q.push(", ");
    }
    if let Some((seq, year)) = number {
        q.push_bind(seq).push(", ").push_bind(year).push(", ");
    }
    q.push_bind(placeholder).push(", ").push_bind(now).push(", ").push_bind(now).push(")");
    let id = q.build().execute(&mut *tx).await.map_err(unique_number)?.last_insert_rowid();
    let slug = match kind {
        RecordKind::Petition => format!("kn-{id}"),
        RecordKind::Event => format!("su-kien-{id}"),
        RecordKind::Resolution => unique_slug(&mut tx, kind, get(&shown, "number"), id).await?,
        RecordKind::Person | RecordKind::Body => unique_slug(&mut tx, kind, get(&shown, "name"), id).await?,
        RecordKind::Supervision => unique_slug(&mut tx, kind, get(&shown, "topic"), id).await?,
        RecordKind::Session => unique_slug(&mut tx, kind, get(&shown, "title"), id).await?,
    };
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(kind.table()).push(" SET slug = ").push_bind(slug.clone()).push(" WHERE id = ").push_bind(id);
    q.build().execute(&mut *tx).await?;
    insert_revision(&mut tx, kind.key(), id, 1, Some(user.id), &format!("Tạo {}", kind.label().to_lowercase()), &shown)
        .await?;
    super::search::sync(&mut tx, search_kind(kind), id).await?;
    tx.commit().await?;
    Ok(Saved { slug, version: 1 })
}

fn push_value(q: &mut QueryBuilder<'_, Sqlite>, value: Value) {
    match value {
        Value::Text(t) => q.push_bind(t),
        Value::Int(n) => q.push_bind(n),
    };
}

/// A duplicate resolution number is the editor's to fix, not a server error.
fn unique_number(e: sqlx::Error) -> ApiError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            ApiError::Invalid("Số, ký hiệu này đã có ở một nghị quyết khác.".into())
        }
        other => other.into(),
    }
}

async fn id_of(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<i64, ApiError> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT id FROM ");
    q.push(kind.table()).push(" WHERE slug = ").push_bind(slug);
    q.build_query_scalar().fetch_optional(pool).await?.ok_or(ApiError::NotFound)
}

/// The history, starting with the state before the first edit (recorded on first look).
pub async fn record_history(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<Vec<RevisionInfo>, ApiError> {
    let mut tx = pool.begin().await?;
    let (id, version, current) = load(&mut tx, kind, slug).await?;
    insert_revision(&mut tx, kind.key(), id, version, None, "Bản ban đầu", &current).await?;
    tx.commit().await?;
    history(pool, kind.key(), id).await
}

pub async fn record_revision(
    pool: &SqlitePool,
    kind: RecordKind,
    slug: &str,
    version: i64,
) -> Result<RecordFields, ApiError> {
    revision(pool, kind.key(), id_of(pool, kind, slug).await?, version).await
}

pub async fn record_changes(
    pool: &SqlitePool,
    kind: RecordKind,
    slug: &str,
    from: i64,
    to: i64,
) -> Result<Vec<FieldDiff>, ApiError> {
    let old = record_revision(pool, kind, slug, from).await?;
    let new = record_revision(pool, kind, slug, to).await?;
    Ok(diff(kind, &old, &new))
}

/// Restoring is itself a save, checked against `base_version` like any save.
pub async fn restore(
    pool: &SqlitePool,
    user: &UserInfo,
    kind: RecordKind,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<Saved, ApiError> {
    let fields = record_revision(pool, kind, slug, version).await?;
    save(pool, user, kind, slug, base_version, &fields, &format!("Khôi phục phiên bản {version}")).await
}

/// Moves a record to the trash (or back), and out of (or back into) search.
pub async fn set_trashed(pool: &SqlitePool, kind: RecordKind, slug: &str, trashed: bool) -> Result<(), ApiError> {
    let id = id_of(pool, kind, slug).await?;
    let mut tx = pool.begin().await?;
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(kind.table()).push(" SET deleted_at = ");
    if trashed {
        q.push_bind(super::now());
    } else {
        q.push("NULL");
    }
    q.push(" WHERE id = ").push_bind(id);
    q.build().execute(&mut *tx).await?;
    super::search::sync(&mut tx, search_kind(kind), id).await?;
    tx.commit().await?;
    Ok(())
}

/// Records in the trash, newest first: (kind, slug, title, deleted at).
pub async fn trashed(pool: &SqlitePool) -> Result<Vec<(RecordKind, String, String, i64)>, ApiError> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let title = match kind {
            RecordKind::Resolution => "number",
            RecordKind::Supervision => "topic",
            RecordKind::Petition => "text",
            RecordKind::Event => "content",
            RecordKind::Person | RecordKind::Body => "name",
            RecordKind::Session => "title",
        };
        let mut q = QueryBuilder::<Sqlite>::new("SELECT slug, ");
        q.push(title).push(", deleted_at FROM ").push(kind.table()).push(" WHERE deleted_at IS NOT NULL");
        let rows: Vec<(String, String, i64)> = q.build_query_as().fetch_all(pool).await?;
        out.extend(rows.into_iter().map(|(slug, t, at)| (kind, slug, t.chars().take(120).collect(), at)));
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.3));
    Ok(out)
}

// ---- Attached files ----

/// A file already in the store (`DATA_DIR/files/<stored>`), to attach.
pub struct NewFile<'a> {
    pub file_name: &'a str,
    pub stored: &'a str,
    pub size: i64,
    pub mime: &'a str,
    /// For session documents: the document's title and type ("Tờ trình", …).
    pub title: &'a str,
    pub doc_kind: &'a str,
}

/// Attaches a stored file to a record (last in its list).
pub async fn attach(
    pool: &SqlitePool,
    kind: RecordKind,
    slug: &str,
    file: NewFile<'_>,
) -> Result<AttachedFile, ApiError> {
    if !kind.takes_files() {
        return Err(ApiError::Invalid("Loại bản ghi này không có tệp đính kèm.".into()));
    }
    let id = id_of(pool, kind, slug).await?;
    let mut tx = pool.begin().await?;
    if kind == RecordKind::Resolution {
        sqlx::query(
            "INSERT INTO resolution_files (resolution_id, file_name, stored_name, size, mime, position) \
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM resolution_files WHERE resolution_id = ?1))",
        )
        .bind(id)
        .bind(file.file_name)
        .bind(file.stored)
        .bind(file.size)
        .bind(file.mime)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO record_files (kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT COALESCE(MAX(position), 0) + 1 FROM record_files WHERE kind = ?1 AND record_id = ?2))",
        )
        .bind(kind.key())
        .bind(id)
        .bind(file.title)
        .bind(file.doc_kind)
        .bind(file.file_name)
        .bind(file.stored)
        .bind(file.size)
        .bind(file.mime)
        .execute(&mut *tx)
        .await?;
    }
    // A session's documents are part of what search finds for it.
    super::search::sync(&mut tx, search_kind(kind), id).await?;
    tx.commit().await?;
    Ok(AttachedFile::stored(file.file_name.to_string(), file.stored, file.size))
}

/// The files of a record, in order.
pub async fn files(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<Vec<AttachedFile>, ApiError> {
    let id = id_of(pool, kind, slug).await?;
    Ok(super::council::files_of(pool, kind, id).await?.into_iter().map(|(_, _, f)| f).collect())
}

/// Takes a file off a record. The stored file itself stays (another record may share it, and
/// nothing an editor uploaded is deleted).
pub async fn detach(pool: &SqlitePool, kind: RecordKind, slug: &str, stored: &str) -> Result<(), ApiError> {
    let id = id_of(pool, kind, slug).await?;
    let mut tx = pool.begin().await?;
    let done = if kind == RecordKind::Resolution {
        sqlx::query("DELETE FROM resolution_files WHERE resolution_id = ?1 AND stored_name = ?2")
            .bind(id)
            .bind(stored)
            .execute(&mut *tx)
            .await?
    } else {
        sqlx::query("DELETE FROM record_files WHERE kind = ?1 AND record_id = ?2 AND stored_name = ?3")
            .bind(kind.key())
            .bind(id)
            .bind(stored)
            .execute(&mut *tx)
            .await?
    };
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    super::search::sync(&mut tx, search_kind(kind), id).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> RecordFields {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn numbers_have_number_year_and_symbol() {
        assert_eq!(number_parts("12/2022/NQ-HĐND"), Some((12, 2022)));
        assert_eq!(number_parts("12/2022"), None);
        assert_eq!(number_parts("abc/2022/NQ"), None);
    }

    #[test]
    fn cleaning_checks_required_fields_choices_and_dates() {
        let good = fields(&[
            ("topic", "  Giám sát   việc  "),
            ("body", "ban-pc"),
            ("period_from", "2024-03-01"),
            ("period_to", "2024-05-31"),
            ("units", "Sở Xây dựng"),
            ("findings", "Một.\r\n\r\n\r\nHai."),
        ]);
        let (shown, _) = clean(RecordKind::Supervision, &good).expect("valid");
        assert_eq!(get(&shown, "topic"), "Giám sát việc");
        assert_eq!(get(&shown, "findings"), "Một.\n\nHai.");
        let mut bad = good.clone();
        bad[1].1 = "ban-x".into();
        assert!(
            matches!(clean(RecordKind::Supervision, &bad), Err(ApiError::Invalid(m)) if m.contains("Cơ quan giám sát"))
        );
        let mut bad = good.clone();
        bad[0].1 = "   ".into();
        assert!(
            matches!(clean(RecordKind::Supervision, &bad), Err(ApiError::Invalid(m)) if m.contains("không được để trống"))
        );
        let mut bad = good.clone();
        bad[3].1 = "2024-02-30".into();
        assert!(clean(RecordKind::Supervision, &bad).is_err());
        let mut bad = good;
        bad[3].1 = "2024-01-01".into();
        assert!(matches!(clean(RecordKind::Supervision, &bad), Err(ApiError::Invalid(m)) if m.contains("phải sau")));
    }
}
