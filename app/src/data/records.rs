//! Council records (resolution, supervision, petition, calendar entry, person, body,
//! sitting) as editable documents: cleaning by the kind's field list, reading and writing the
//! kind's columns, and adding new records. Revisions, conflicts, history, restore and trash
//! are the one path in `documents`; the role check happens in the server function.

use super::documents::{self, insert_revision, Store, Stored};
use super::time::{local_input, parse_input};
use crate::auth::UserInfo;
use crate::editing::{DocKind, Saved};
use crate::error::ApiError;
use crate::records::*;
use crate::sanitize;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, SqlitePool};

/// The store of one kind of council record.
pub struct Records(pub RecordKind);

/// A cleaned value, ready to bind.
pub(super) enum Value {
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

/// Checks and cleans what an editor sent, field by field; the first problem is the error,
/// in Vietnamese, naming the field.
fn clean(kind: RecordKind, fields: &RecordFields) -> Result<(RecordFields, Vec<Value>), ApiError> {
    let mut shown = Vec::new();
    let mut values = Vec::new();
    for spec in kind.fields() {
        let raw = value(fields, spec.key).trim();
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
                    let d = super::time::parse_day(raw)
                        .ok_or_else(|| invalid("ngày không hợp lệ (dd/mm/yyyy, năm từ 1900 đến 2200)."))?;
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
    (kind.spec().check)(&shown).map_err(|m| ApiError::Invalid(m.to_string()))?;
    Ok((shown, values))
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

impl Store for Records {
    type Fields = RecordFields;
    type Prepared = (Vec<Value>, Vec<(&'static str, i64)>);

    fn kind(&self) -> DocKind {
        DocKind::Record(self.0)
    }

    fn clean(&self, fields: &RecordFields) -> Result<(RecordFields, Self::Prepared), ApiError> {
        let (shown, values) = clean(self.0, fields)?;
        let derived = (self.0.spec().derived)(&shown);
        Ok((shown, (values, derived)))
    }

    async fn load(&self, conn: &mut SqliteConnection, slug: &str) -> Result<Stored<RecordFields>, ApiError> {
        let (id, version, fields) = load(conn, self.0, slug).await?;
        Ok(Stored { id, version, slug: slug.to_string(), fields })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        stored: &Stored<RecordFields>,
        (values, derived): &Self::Prepared,
        version: i64,
    ) -> Result<String, ApiError> {
        let kind = self.0;
        check_images(conn, kind, values, Some(&stored.fields)).await?;
        let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
        q.push(kind.table()).push(" SET ");
        for (spec, value) in kind.fields().iter().zip(values) {
            q.push(spec.key).push(" = ");
            push_value(&mut q, value);
            q.push(", ");
        }
        for (column, value) in derived {
            q.push(*column).push(" = ").push_bind(*value).push(", ");
        }
        q.push("version = ").push_bind(version).push(", updated_at = ").push_bind(super::now());
        q.push(" WHERE id = ").push_bind(stored.id).push(" AND version = ").push_bind(stored.version);
        let done = q.build().execute(&mut *conn).await.map_err(unique_number)?;
        documents::written_once(&done, DocKind::Record(kind))?;
        if kind == RecordKind::Question {
            super::questions::after_moderation(conn, stored.id, &stored.fields).await?;
        }
        Ok(stored.slug.clone())
    }

    fn values(&self, fields: &RecordFields) -> RecordFields {
        fields.clone()
    }
}

/// Saves a record if `base_version` is still the stored version; otherwise the conflict.
pub async fn save(
    pool: &SqlitePool,
    user: &UserInfo,
    kind: RecordKind,
    slug: &str,
    base_version: i64,
    fields: &RecordFields,
) -> Result<Saved, ApiError> {
    let note = format!("Sửa {}", kind.label().to_lowercase());
    documents::save(pool, user, &Records(kind), slug, base_version, fields, &note).await
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
    let (shown, (values, derived)) = Records(kind).clean(fields)?;
    let now = super::now();
    let mut tx = super::write(pool).await?;
    check_images(&mut tx, kind, &values, None).await?;
    let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO ");
    q.push(kind.table()).push(" (");
    for spec in kind.fields() {
        q.push(spec.key).push(", ");
    }
    for (column, _) in &derived {
        q.push(*column).push(", ");
    }
    q.push("slug, created_at, updated_at) VALUES (");
    for value in &values {
        push_value(&mut q, value);
        q.push(", ");
    }
    for (_, value) in &derived {
        q.push_bind(*value).push(", ");
    }
    let placeholder = format!("nhap-{now}-{}-{}", user.id, kind.key());
    q.push_bind(placeholder).push(", ").push_bind(now).push(", ").push_bind(now).push(")");
    let id = q.build().execute(&mut *tx).await.map_err(unique_number)?.last_insert_rowid();
    let slug = match kind.spec().new_slug {
        NewSlug::Numbered(prefix) => format!("{prefix}-{id}"),
        NewSlug::FromField(field) => {
            let folded = crate::slug::slugify(value(&shown, field));
            let base = folded.chars().take(80).collect::<String>().trim_end_matches('-').to_string();
            let base = if base.is_empty() { format!("{}-{id}", kind.key()) } else { base };
            super::slugs::unique(&mut tx, kind.table(), &base, id).await?
        }
    };
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(kind.table()).push(" SET slug = ").push_bind(slug.clone()).push(" WHERE id = ").push_bind(id);
    q.build().execute(&mut *tx).await?;
    let note = format!("Tạo {}", kind.label().to_lowercase());
    insert_revision(&mut tx, DocKind::Record(kind), id, 1, Some(user.id), &note, &shown).await?;
    super::search::sync(&mut tx, kind.search_kind(), id).await?;
    tx.commit().await?;
    Ok(Saved { slug, version: 1 })
}

/// Every image field whose address changed (or is new) must point at an uploaded image.
async fn check_images(
    conn: &mut SqliteConnection,
    kind: RecordKind,
    values: &[Value],
    stored: Option<&RecordFields>,
) -> Result<(), ApiError> {
    for (spec, cleaned) in kind.fields().iter().zip(values) {
        if let (Input::Image, Value::Text(Some(url))) = (spec.input, cleaned) {
            if stored.is_none_or(|fields| value(fields, spec.key) != url.as_str()) {
                super::uploads::check(conn, url, spec.label).await?;
            }
        }
    }
    Ok(())
}

fn push_value(q: &mut QueryBuilder<'_, Sqlite>, value: &Value) {
    match value {
        Value::Text(t) => q.push_bind(t.clone()),
        Value::Int(n) => q.push_bind(*n),
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

/// The id of a record by slug, in the trash or not.
pub async fn id_of(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<i64, ApiError> {
    let mut conn = pool.acquire().await?;
    documents::id_of(&mut conn, DocKind::Record(kind), slug).await
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
        assert_eq!(value(&shown, "topic"), "Giám sát việc");
        assert_eq!(value(&shown, "findings"), "Một.\n\nHai.");
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
