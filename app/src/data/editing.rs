//! Saving articles and pages: optimistic versions (a save names the version it started from),
//! a revision for every save, restore, new drafts, trash.

use super::time::{local_input, parse_input, vn_time};
use crate::auth::UserInfo;
use crate::editing::*;
use crate::error::ApiError;
use crate::sanitize;
use crate::search::SearchKind;
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

const KIND_ARTICLE: &str = "article";
const KIND_PAGE: &str = "page";

pub const TITLE_MAX: usize = 300;
pub const LEAD_MAX: usize = 2_000;
pub const SHORT_MAX: usize = 500;
pub const BODY_MAX: usize = 500_000;

#[derive(FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    version: i64,
    title: String,
    lead: String,
    body_html: String,
    image_url: Option<String>,
    image_caption: Option<String>,
    source: Option<String>,
    status: String,
    published_at: i64,
}

impl ArticleRow {
    fn fields(&self) -> ArticleFields {
        ArticleFields {
            title: self.title.clone(),
            lead: self.lead.clone(),
            body_html: self.body_html.clone(),
            image_url: self.image_url.clone(),
            image_caption: self.image_caption.clone(),
            source: self.source.clone(),
            status: Status::parse(&self.status).unwrap_or(Status::Draft),
            published_local: local_input(self.published_at),
        }
    }
}

async fn article_row(tx: &mut Transaction<'_, Sqlite>, slug: &str) -> Result<ArticleRow, ApiError> {
    sqlx::query_as(
        "SELECT id, slug, version, title, lead, body_html, image_url, image_caption, source, status, published_at \
         FROM articles WHERE slug = ?1 AND deleted_at IS NULL",
    )
    .bind(slug)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)
}

/// Cleans and checks what an editor sent.
pub fn clean_article(fields: &ArticleFields) -> Result<(ArticleFields, i64), ApiError> {
    let title = sanitize::text(&fields.title, TITLE_MAX);
    if title.is_empty() {
        return Err(ApiError::Invalid("Tiêu đề không được để trống.".into()));
    }
    if fields.body_html.len() > BODY_MAX {
        return Err(ApiError::Invalid("Nội dung quá dài.".into()));
    }
    let published = parse_input(&fields.published_local)
        .ok_or_else(|| ApiError::Invalid("Thời gian đăng không hợp lệ (dd/mm/yyyy, giờ:phút).".into()))?;
    let optional = |v: &Option<String>| v.as_deref().map(|s| sanitize::text(s, SHORT_MAX)).filter(|s| !s.is_empty());
    let image_url = fields
        .image_url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.starts_with("/uploads/") || u.starts_with("/images/"))
        .map(str::to_string);
    Ok((
        ArticleFields {
            title,
            lead: sanitize::text(&fields.lead, LEAD_MAX),
            body_html: sanitize::body(&fields.body_html),
            image_url,
            image_caption: optional(&fields.image_caption),
            source: optional(&fields.source),
            status: fields.status,
            published_local: local_input(published),
        },
        published,
    ))
}

async fn author_of(
    tx: &mut Transaction<'_, Sqlite>,
    kind: &str,
    id: i64,
    version: i64,
) -> Result<(String, i64), ApiError> {
    let row: Option<(Option<String>, i64)> = sqlx::query_as(
        "SELECT u.email, r.created_at FROM revisions r LEFT JOIN users u ON u.id = r.user_id \
         WHERE r.kind = ?1 AND r.entity_id = ?2 AND r.version = ?3",
    )
    .bind(kind)
    .bind(id)
    .bind(version)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row
        .map(|(email, at)| (email.unwrap_or_else(|| "Dữ liệu ban đầu".into()), at))
        .unwrap_or_else(|| ("Dữ liệu ban đầu".into(), super::now())))
}

async fn revision_json(
    tx: &mut Transaction<'_, Sqlite>,
    kind: &str,
    id: i64,
    version: i64,
) -> Result<Option<String>, ApiError> {
    Ok(sqlx::query_scalar("SELECT data FROM revisions WHERE kind = ?1 AND entity_id = ?2 AND version = ?3")
        .bind(kind)
        .bind(id)
        .bind(version)
        .fetch_optional(&mut **tx)
        .await?)
}

pub(super) async fn insert_revision(
    tx: &mut Transaction<'_, Sqlite>,
    kind: &str,
    id: i64,
    version: i64,
    user: Option<i64>,
    note: &str,
    data: &impl serde::Serialize,
) -> Result<(), ApiError> {
    let json = serde_json::to_string(data).map_err(|_| ApiError::Server)?;
    sqlx::query(
        "INSERT OR IGNORE INTO revisions (kind, entity_id, version, user_id, created_at, note, data) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(kind)
    .bind(id)
    .bind(version)
    .bind(user)
    .bind(super::now())
    .bind(note)
    .bind(json)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn diff_text(field: &str, old: &str, new: &str) -> Option<FieldDiff> {
    diff_labeled(field_label(field), old, new)
}

/// What changed in one field, under the label the editor sees.
pub(super) fn diff_labeled(label: &str, old: &str, new: &str) -> Option<FieldDiff> {
    if old == new {
        return None;
    }
    let diff = similar::TextDiff::from_words(old, new);
    let segments = diff
        .iter_all_changes()
        .map(|c| DiffSegment {
            change: match c.tag() {
                similar::ChangeTag::Equal => Change::Same,
                similar::ChangeTag::Insert => Change::Added,
                similar::ChangeTag::Delete => Change::Removed,
            },
            text: c.value().to_string(),
        })
        .collect();
    Some(FieldDiff { field: label.to_string(), segments })
}

/// Field by field, what changed from `old` to `new` (bodies compared as text).
pub fn diff_articles(old: &ArticleFields, new: &ArticleFields) -> Vec<FieldDiff> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        diff_text("title", &old.title, &new.title),
        diff_text("lead", &old.lead, &new.lead),
        diff_text("body", &sanitize::html_to_text(&old.body_html), &sanitize::html_to_text(&new.body_html)),
        diff_text("image_caption", &opt(&old.image_caption), &opt(&new.image_caption)),
        diff_text("source", &opt(&old.source), &opt(&new.source)),
        diff_text("status", status_label(old.status), status_label(new.status)),
        diff_text("published", &old.published_local, &new.published_local),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn diff_pages(old: &PageFields, new: &PageFields) -> Vec<FieldDiff> {
    [
        diff_text("title", &old.title, &new.title),
        diff_text("description", &old.description, &new.description),
        diff_text("body", &sanitize::html_to_text(&old.body_html), &sanitize::html_to_text(&new.body_html)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Draft => "Bản nháp",
        Status::Published => "Đăng",
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn conflict<T: serde::de::DeserializeOwned>(
    tx: &mut Transaction<'_, Sqlite>,
    kind: &str,
    id: i64,
    base_version: i64,
    current_version: i64,
    current: &T,
    diff: impl Fn(&T, &T) -> Vec<FieldDiff>,
    values: impl Fn(&T) -> Vec<(String, String)>,
) -> Result<ApiError, ApiError> {
    let (author, at) = author_of(tx, kind, id, current_version).await?;
    let base: Option<T> =
        revision_json(tx, kind, id, base_version).await?.and_then(|json| serde_json::from_str(&json).ok());
    let changes = base.map(|b| diff(&b, current)).unwrap_or_default();
    Ok(ApiError::Conflict(Box::new(Conflict {
        version: current_version,
        author,
        at: vn_time(at),
        changes,
        theirs: values(current),
    })))
}

/// Saves an article if `base_version` is still the stored version; otherwise a conflict that
/// carries what the other editor changed. While an article has never been published its slug
/// follows its title; after that it stays, so links keep working.
pub async fn save_article(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    base_version: i64,
    fields: &ArticleFields,
    note: &str,
) -> Result<Saved, ApiError> {
    let (clean, published) = clean_article(fields)?;
    let mut tx = pool.begin().await?;
    let row = article_row(&mut tx, slug).await?;
    // The state before the first edit becomes a revision too, so it can be restored.
    insert_revision(&mut tx, KIND_ARTICLE, row.id, row.version, None, "Bản ban đầu", &row.fields()).await?;
    if row.version != base_version {
        let current = row.fields();
        let err = conflict(
            &mut tx,
            KIND_ARTICLE,
            row.id,
            base_version,
            row.version,
            &current,
            diff_articles,
            ArticleFields::field_values,
        )
        .await?;
        return Err(err);
    }
    let new_slug = if row.status == Status::Draft.as_str() {
        let base = crate::slug::slugify(&clean.title);
        let mut candidate = base.clone();
        let mut n = 1;
        loop {
            let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE slug = ?1 AND id <> ?2")
                .bind(&candidate)
                .bind(row.id)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_none() {
                break candidate;
            }
            n += 1;
            candidate = format!("{base}-{n}");
        }
    } else {
        row.slug.clone()
    };
    let version = row.version + 1;
    let updated = sqlx::query(
        "UPDATE articles SET slug = ?1, title = ?2, lead = ?3, body_html = ?4, image_url = ?5, image_caption = ?6, \
         source = ?7, status = ?8, published_at = ?9, version = ?10, updated_at = ?11 WHERE id = ?12 AND version = ?13",
    )
    .bind(&new_slug)
    .bind(&clean.title)
    .bind(&clean.lead)
    .bind(&clean.body_html)
    .bind(&clean.image_url)
    .bind(&clean.image_caption)
    .bind(&clean.source)
    .bind(clean.status.as_str())
    .bind(published)
    .bind(version)
    .bind(super::now())
    .bind(row.id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(ApiError::Invalid("Bài viết vừa được lưu ở nơi khác, vui lòng lưu lại.".into()));
    }
    insert_revision(&mut tx, KIND_ARTICLE, row.id, version, Some(user.id), note, &clean).await?;
    super::search::sync(&mut tx, SearchKind::Article, row.id).await?;
    tx.commit().await?;
    Ok(Saved { slug: new_slug, version })
}

async fn article_id(pool: &SqlitePool, slug: &str) -> Result<i64, ApiError> {
    sqlx::query_scalar("SELECT id FROM articles WHERE slug = ?1")
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)
}

async fn page_id(pool: &SqlitePool, slug: &str) -> Result<i64, ApiError> {
    sqlx::query_scalar("SELECT id FROM pages WHERE slug = ?1")
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)
}

pub(super) async fn history(pool: &SqlitePool, kind: &str, id: i64) -> Result<Vec<RevisionInfo>, ApiError> {
    let rows: Vec<(i64, Option<String>, i64, String)> = sqlx::query_as(
        "SELECT r.version, u.email, r.created_at, r.note FROM revisions r LEFT JOIN users u ON u.id = r.user_id \
         WHERE r.kind = ?1 AND r.entity_id = ?2 ORDER BY r.version DESC",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, email, at, note)| RevisionInfo {
            version,
            author: email.unwrap_or_else(|| "Dữ liệu ban đầu".into()),
            at: vn_time(at),
            note,
        })
        .collect())
}

pub(super) async fn revision<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    kind: &str,
    id: i64,
    version: i64,
) -> Result<T, ApiError> {
    let json: String =
        sqlx::query_scalar("SELECT data FROM revisions WHERE kind = ?1 AND entity_id = ?2 AND version = ?3")
            .bind(kind)
            .bind(id)
            .bind(version)
            .fetch_optional(pool)
            .await?
            .ok_or(ApiError::NotFound)?;
    serde_json::from_str(&json).map_err(|e| {
        tracing::error!(error = %e, "unreadable revision");
        ApiError::Server
    })
}

/// The history, starting with the state before the first edit (recorded on first look).
pub async fn article_history(pool: &SqlitePool, slug: &str) -> Result<Vec<RevisionInfo>, ApiError> {
    let mut tx = pool.begin().await?;
    let row = article_row(&mut tx, slug).await?;
    insert_revision(&mut tx, KIND_ARTICLE, row.id, row.version, None, "Bản ban đầu", &row.fields()).await?;
    tx.commit().await?;
    history(pool, KIND_ARTICLE, row.id).await
}

pub async fn article_revision(pool: &SqlitePool, slug: &str, version: i64) -> Result<ArticleFields, ApiError> {
    revision(pool, KIND_ARTICLE, article_id(pool, slug).await?, version).await
}

/// Restoring is itself a save (a new revision), checked against `base_version` like any save.
pub async fn restore_article(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<Saved, ApiError> {
    let fields = article_revision(pool, slug, version).await?;
    save_article(pool, user, slug, base_version, &fields, &format!("Khôi phục phiên bản {version}")).await
}

/// A new, empty draft in a category; returns its slug.
pub async fn create_article(pool: &SqlitePool, user: &UserInfo, category_slug: &str) -> Result<String, ApiError> {
    let category: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = ?1")
        .bind(category_slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = super::now();
    let mut tx = pool.begin().await?;
    let id = sqlx::query(
        "INSERT INTO articles (category_id, slug, title, lead, body_html, published_at, status, created_at, updated_at) \
         VALUES (?1, ?2, 'Bài viết mới', '', '', ?3, 'draft', ?3, ?3)",
    )
    .bind(category)
    .bind(format!("nhap-{now}-{}", user.id))
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let slug = format!("bai-viet-moi-{id}");
    sqlx::query("UPDATE articles SET slug = ?1 WHERE id = ?2").bind(&slug).bind(id).execute(&mut *tx).await?;
    let fields = ArticleFields {
        title: "Bài viết mới".into(),
        lead: String::new(),
        body_html: String::new(),
        image_url: None,
        image_caption: None,
        source: None,
        status: Status::Draft,
        published_local: local_input(now),
    };
    insert_revision(&mut tx, KIND_ARTICLE, id, 1, Some(user.id), "Tạo bài viết", &fields).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Moves an article to the trash (or back out of it), and out of (or back into) search.
pub async fn set_trashed(pool: &SqlitePool, slug: &str, trashed: bool) -> Result<(), ApiError> {
    let mut tx = pool.begin().await?;
    let id: i64 = sqlx::query_scalar("SELECT id FROM articles WHERE slug = ?1")
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    sqlx::query("UPDATE articles SET deleted_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, updated_at = ?3 WHERE id = ?1")
        .bind(id)
        .bind(trashed)
        .bind(super::now())
        .execute(&mut *tx)
        .await?;
    super::search::sync(&mut tx, SearchKind::Article, id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn trash(pool: &SqlitePool) -> Result<Vec<crate::model::TrashItem>, ApiError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT slug, title, deleted_at FROM articles WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, at)| crate::model::TrashItem {
            kind: None,
            kind_label: "Bài viết".into(),
            slug,
            title,
            deleted: vn_time(at),
        })
        .collect())
}

// ---- content pages ----

pub async fn save_page(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    base_version: i64,
    fields: &PageFields,
    note: &str,
) -> Result<Saved, ApiError> {
    let clean = PageFields {
        title: sanitize::text(&fields.title, TITLE_MAX),
        description: sanitize::text(&fields.description, LEAD_MAX),
        body_html: sanitize::body(&fields.body_html),
    };
    if clean.title.is_empty() {
        return Err(ApiError::Invalid("Tiêu đề không được để trống.".into()));
    }
    let mut tx = pool.begin().await?;
    let row: (i64, i64, String, String, String) =
        sqlx::query_as("SELECT id, version, title, description, body_html FROM pages WHERE slug = ?1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ApiError::NotFound)?;
    let (id, current_version, title, description, body_html) = row;
    let current = PageFields { title, description, body_html };
    insert_revision(&mut tx, KIND_PAGE, id, current_version, None, "Bản ban đầu", &current).await?;
    if current_version != base_version {
        let err = conflict(
            &mut tx,
            KIND_PAGE,
            id,
            base_version,
            current_version,
            &current,
            diff_pages,
            PageFields::field_values,
        )
        .await?;
        return Err(err);
    }
    let version = current_version + 1;
    sqlx::query(
        "UPDATE pages SET title = ?1, description = ?2, body_html = ?3, version = ?4, updated_at = ?5 \
         WHERE id = ?6 AND version = ?7",
    )
    .bind(&clean.title)
    .bind(&clean.description)
    .bind(&clean.body_html)
    .bind(version)
    .bind(super::now())
    .bind(id)
    .bind(current_version)
    .execute(&mut *tx)
    .await?;
    insert_revision(&mut tx, KIND_PAGE, id, version, Some(user.id), note, &clean).await?;
    super::search::sync(&mut tx, SearchKind::Page, id).await?;
    tx.commit().await?;
    Ok(Saved { slug: slug.to_string(), version })
}

pub async fn page_history(pool: &SqlitePool, slug: &str) -> Result<Vec<RevisionInfo>, ApiError> {
    let mut tx = pool.begin().await?;
    let (id, version, title, description, body_html): (i64, i64, String, String, String) =
        sqlx::query_as("SELECT id, version, title, description, body_html FROM pages WHERE slug = ?1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ApiError::NotFound)?;
    insert_revision(
        &mut tx,
        KIND_PAGE,
        id,
        version,
        None,
        "Bản ban đầu",
        &PageFields { title, description, body_html },
    )
    .await?;
    tx.commit().await?;
    history(pool, KIND_PAGE, id).await
}

pub async fn page_revision(pool: &SqlitePool, slug: &str, version: i64) -> Result<PageFields, ApiError> {
    revision(pool, KIND_PAGE, page_id(pool, slug).await?, version).await
}

pub async fn restore_page(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<Saved, ApiError> {
    let fields = page_revision(pool, slug, version).await?;
    save_page(pool, user, slug, base_version, &fields, &format!("Khôi phục phiên bản {version}")).await
}

/// What changed between two revisions (or from one to the current state).
pub async fn article_changes(pool: &SqlitePool, slug: &str, from: i64, to: i64) -> Result<Vec<FieldDiff>, ApiError> {
    let old = article_revision(pool, slug, from).await?;
    let new = article_revision(pool, slug, to).await?;
    Ok(diff_articles(&old, &new))
}

pub async fn page_changes(pool: &SqlitePool, slug: &str, from: i64, to: i64) -> Result<Vec<FieldDiff>, ApiError> {
    let old = page_revision(pool, slug, from).await?;
    let new = page_revision(pool, slug, to).await?;
    Ok(diff_pages(&old, &new))
}
