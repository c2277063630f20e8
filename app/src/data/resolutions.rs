//! Reading resolutions: the filtered, sorted, paginated list and one resolution.

use crate::error::ApiError;
use crate::resolution::*;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

#[derive(FromRow)]
struct Row {
    slug: String,
    number: String,
    doc_type: String,
    issuer: String,
    level: String,
    term: String,
    signed_on: String,
    validity: String,
    #[sqlx(rename = "abstract")]
    abstract_text: String,
}

impl Row {
    fn summary(self) -> ResolutionSummary {
        ResolutionSummary {
            slug: self.slug,
            number: self.number,
            doc_type: DocType::parse(&self.doc_type).unwrap_or(DocType::Normative),
            issuer: self.issuer,
            level: Level::parse(&self.level).unwrap_or(Level::Province),
            term: self.term,
            signed: vn_date(&self.signed_on),
            validity: Validity::parse(&self.validity).unwrap_or(Validity::InForce),
            abstract_text: self.abstract_text,
        }
    }
}

const COLUMNS: &str = "slug, number, doc_type, issuer, level, term, signed_on, validity, abstract";

/// Appends the filter's conditions (every value bound as a parameter).
pub(super) fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, f: &Filter) {
    q.push(" WHERE deleted_at IS NULL");
    if let Some(term) = &f.term {
        q.push(" AND term = ").push_bind(term.clone());
    }
    if let Some(level) = f.level {
        q.push(" AND level = ").push_bind(level.key());
    }
    if let Some(year) = f.year {
        q.push(" AND year = ").push_bind(year);
    }
    if let Some(validity) = f.validity {
        q.push(" AND validity = ").push_bind(validity.key());
    }
    if let Some(doc_type) = f.doc_type {
        q.push(" AND doc_type = ").push_bind(doc_type.key());
    }
}

pub async fn list(pool: &SqlitePool, f: &Filter) -> Result<ResolutionList, ApiError> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM resolutions");
    push_filter(&mut count, f);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let total = total.max(0) as u64;
    let total_pages = total.div_ceil(PAGE_SIZE as u64).max(1) as u32;
    if f.page > total_pages {
        return Err(ApiError::NotFound);
    }
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM resolutions"));
    push_filter(&mut q, f);
    q.push(match f.sort {
        Sort::Newest => " ORDER BY signed_on DESC, seq DESC, id DESC",
        Sort::Oldest => " ORDER BY signed_on ASC, seq ASC, id ASC",
        Sort::Number => " ORDER BY year DESC, seq ASC, id ASC",
    });
    q.push(" LIMIT ").push_bind(PAGE_SIZE as i64);
    q.push(" OFFSET ").push_bind(super::offset(f.page, PAGE_SIZE)?);
    let rows: Vec<Row> = q.build_query_as().fetch_all(pool).await?;
    let years: Vec<i32> =
        sqlx::query_scalar("SELECT DISTINCT year FROM resolutions WHERE deleted_at IS NULL ORDER BY year DESC")
            .fetch_all(pool)
            .await?;
    Ok(ResolutionList { items: rows.into_iter().map(Row::summary).collect(), total, page: f.page, total_pages, years })
}

pub async fn detail(pool: &SqlitePool, slug: &str) -> Result<ResolutionDetail, ApiError> {
    #[derive(FromRow)]
    struct Extra {
        id: i64,
        sitting: Option<i64>,
        signer: String,
        effective_on: Option<String>,
        is_demo: bool,
    }
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM resolutions WHERE slug = ?1 AND deleted_at IS NULL"))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let extra: Extra =
        sqlx::query_as("SELECT id, sitting, signer, effective_on, is_demo FROM resolutions WHERE slug = ?1")
            .bind(slug)
            .fetch_one(pool)
            .await?;
    let related: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT r.relation, o.slug, o.number, 1 FROM resolution_relations r JOIN resolutions o ON o.id = r.to_id \
         WHERE r.from_id = ?1 AND o.deleted_at IS NULL \
         UNION ALL \
         SELECT r.relation, o.slug, o.number, 0 FROM resolution_relations r JOIN resolutions o ON o.id = r.from_id \
         WHERE r.to_id = ?1 AND o.deleted_at IS NULL",
    )
    .bind(extra.id)
    .fetch_all(pool)
    .await?;
    let files = super::attachments::of(pool, crate::records::RecordKind::Resolution, extra.id).await?;
    Ok(ResolutionDetail {
        summary: row.summary(),
        sitting: extra.sitting,
        signer: extra.signer,
        effective: extra.effective_on.as_deref().map(vn_date),
        related: related
            .into_iter()
            .map(|(relation, slug, number, outgoing)| RelatedResolution {
                relation: match (relation.as_str(), outgoing) {
                    ("amends", true) => "Sửa đổi, bổ sung",
                    ("amends", false) => "Được sửa đổi, bổ sung bởi",
                    (_, true) => "Thay thế",
                    (_, false) => "Được thay thế bởi",
                }
                .to_string(),
                slug,
                number,
            })
            .collect(),
        files: files.into_iter().map(|a| a.file).collect(),
        is_demo: extra.is_demo,
    })
}
