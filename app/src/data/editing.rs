//! Articles and content pages as editable documents (see `documents` for the one path every
//! kind takes), and new article drafts.

use super::content::{article_columns, ArticleRow};
use super::documents::{self, insert_revision, Store, Stored};
use super::time::{local_input, parse_input};
use crate::auth::UserInfo;
use crate::editing::*;
use crate::error::ApiError;
use crate::records::RecordFields;
use crate::sanitize;
use sqlx::{SqliteConnection, SqlitePool};

pub const TITLE_MAX: usize = 300;
pub const LEAD_MAX: usize = 2_000;
pub const SHORT_MAX: usize = 500;
pub const BODY_MAX: usize = 500_000;

/// The articles' store.
pub struct Articles;

/// The content pages' store.
pub struct Pages;

/// Cleans and checks what an editor sent; also the publication time as Unix seconds.
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

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Draft => "Bản nháp",
        Status::Published => "Đăng",
    }
}

/// A field list with the body as plain text (changes are read as text, not markup).
fn body_as_text(mut values: RecordFields) -> RecordFields {
    for (key, text) in &mut values {
        if key == "body" {
            *text = sanitize::html_to_text(text);
        }
    }
    values
}

impl Store for Articles {
    type Fields = ArticleFields;
    type Prepared = (ArticleFields, i64);

    fn kind(&self) -> DocKind {
        DocKind::Article
    }

    fn clean(&self, fields: &ArticleFields) -> Result<(ArticleFields, (ArticleFields, i64)), ApiError> {
        let prepared = clean_article(fields)?;
        Ok((prepared.0.clone(), prepared))
    }

    async fn load(&self, conn: &mut SqliteConnection, slug: &str) -> Result<Stored<ArticleFields>, ApiError> {
        let row: ArticleRow = sqlx::query_as(&format!(
            "SELECT {} FROM articles a WHERE a.slug = ?1 AND a.deleted_at IS NULL",
            article_columns(2)
        ))
        .bind(slug)
        .bind(super::now())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(ApiError::NotFound)?;
        Ok(Stored { id: row.id, version: row.version, fields: row.fields(), slug: row.slug })
    }

    /// While an article has never been published its slug follows its title; after that it
    /// stays, so links keep working.
    async fn write(
        &self,
        conn: &mut SqliteConnection,
        stored: &Stored<ArticleFields>,
        (clean, published): &(ArticleFields, i64),
        version: i64,
    ) -> Result<String, ApiError> {
        if let Some(url) = clean.image_url.as_deref().filter(|u| Some(*u) != stored.fields.image_url.as_deref()) {
            super::uploads::check(conn, url, "Ảnh").await?;
        }
        let slug = if stored.fields.status == Status::Draft {
            super::slugs::unique(conn, "articles", &crate::slug::slugify(&clean.title), stored.id).await?
        } else {
            stored.slug.clone()
        };
        let updated = sqlx::query(
            "UPDATE articles SET slug = ?1, title = ?2, lead = ?3, body_html = ?4, image_url = ?5, image_caption = ?6, \
             source = ?7, status = ?8, published_at = ?9, version = ?10, updated_at = ?11 WHERE id = ?12 AND version = ?13",
        )
        .bind(&slug)
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
        .bind(stored.id)
        .bind(stored.version)
        .execute(&mut *conn)
        .await?;
        documents::written_once(&updated, DocKind::Article)?;
        Ok(slug)
    }

    fn values(&self, fields: &ArticleFields) -> RecordFields {
        fields.field_values()
    }

    fn readable(&self, fields: &ArticleFields) -> RecordFields {
        let mut values = body_as_text(fields.field_values());
        for (key, text) in &mut values {
            if key == "status" {
                *text = status_label(fields.status).to_string();
            }
        }
        values
    }
}

impl Store for Pages {
    type Fields = PageFields;
    type Prepared = PageFields;

    fn kind(&self) -> DocKind {
        DocKind::Page
    }

    fn clean(&self, fields: &PageFields) -> Result<(PageFields, PageFields), ApiError> {
        let clean = PageFields {
            title: sanitize::text(&fields.title, TITLE_MAX),
            description: sanitize::text(&fields.description, LEAD_MAX),
            body_html: sanitize::body(&fields.body_html),
        };
        if clean.title.is_empty() {
            return Err(ApiError::Invalid("Tiêu đề không được để trống.".into()));
        }
        Ok((clean.clone(), clean))
    }

    async fn load(&self, conn: &mut SqliteConnection, slug: &str) -> Result<Stored<PageFields>, ApiError> {
        let (id, version, title, description, body_html): (i64, i64, String, String, String) =
            sqlx::query_as("SELECT id, version, title, description, body_html FROM pages WHERE slug = ?1")
                .bind(slug)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(ApiError::NotFound)?;
        Ok(Stored { id, version, slug: slug.to_string(), fields: PageFields { title, description, body_html } })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        stored: &Stored<PageFields>,
        clean: &PageFields,
        version: i64,
    ) -> Result<String, ApiError> {
        let updated = sqlx::query(
            "UPDATE pages SET title = ?1, description = ?2, body_html = ?3, version = ?4, updated_at = ?5 \
             WHERE id = ?6 AND version = ?7",
        )
        .bind(&clean.title)
        .bind(&clean.description)
        .bind(&clean.body_html)
        .bind(version)
        .bind(super::now())
        .bind(stored.id)
        .bind(stored.version)
        .execute(&mut *conn)
        .await?;
        documents::written_once(&updated, DocKind::Page)?;
        Ok(stored.slug.clone())
    }

    fn values(&self, fields: &PageFields) -> RecordFields {
        fields.field_values()
    }

    fn readable(&self, fields: &PageFields) -> RecordFields {
        body_as_text(fields.field_values())
    }
}

/// Saves an article if `base_version` is still the stored version; otherwise the conflict.
pub async fn save_article(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    base_version: i64,
    fields: &ArticleFields,
) -> Result<Saved, ApiError> {
    documents::save(pool, user, &Articles, slug, base_version, fields, "Sửa bài viết").await
}

/// Saves a content page if `base_version` is still the stored version; otherwise the conflict.
pub async fn save_page(
    pool: &SqlitePool,
    user: &UserInfo,
    slug: &str,
    base_version: i64,
    fields: &PageFields,
) -> Result<Saved, ApiError> {
    documents::save(pool, user, &Pages, slug, base_version, fields, "Sửa trang").await
}

/// A new, empty draft in a category; returns its slug.
pub async fn create_article(pool: &SqlitePool, user: &UserInfo, category_slug: &str) -> Result<String, ApiError> {
    let category: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = ?1")
        .bind(category_slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = super::now();
    let mut tx = super::begin_write(pool).await?;
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
    insert_revision(&mut tx, DocKind::Article, id, 1, Some(user.id), "Tạo bài viết", &fields).await?;
    tx.commit().await?;
    Ok(slug)
}
