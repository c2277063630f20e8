//! Reading the public content: menus, categories, articles, pages, settings.

use super::time::vn_time;
use crate::editing::{ArticleFields, Status};
use crate::error::ApiError;
use crate::model::*;
use crate::tree::{self, TreeNode};
use sqlx::{FromRow, SqlitePool};

#[derive(FromRow)]
struct SummaryRow {
    slug: String,
    title: String,
    lead: String,
    image_url: Option<String>,
    published_at: i64,
    category_name: String,
}

impl From<SummaryRow> for ArticleSummary {
    fn from(r: SummaryRow) -> Self {
        ArticleSummary {
            slug: r.slug,
            title: r.title,
            lead: r.lead,
            image_url: r.image_url,
            published: vn_time(r.published_at),
            category_name: r.category_name,
        }
    }
}

/// Articles a visitor may see: not in the trash, published, publication time reached. The
/// time is the query's parameter `?{now}`, bound to `super::now()` (the one clock).
pub fn public(now: u8) -> String {
    format!("a.deleted_at IS NULL AND a.status = 'published' AND a.published_at <= ?{now}")
}

const SUMMARY_COLUMNS: &str = "a.slug, a.title, a.lead, a.image_url, a.published_at, c.name AS category_name";

pub async fn menu(pool: &SqlitePool) -> Result<Vec<TreeNode<MenuItem>>, ApiError> {
    let rows: Vec<(i64, Option<i64>, String, String, i64)> =
        sqlx::query_as("SELECT id, parent_id, label, href, position FROM menu_items").fetch_all(pool).await?;
    let items: Vec<MenuItem> = rows
        .into_iter()
        .map(|(id, parent_id, label, href, position)| MenuItem { id, parent_id, label, href, position })
        .collect();
    Ok(tree::build(&items))
}

pub async fn links(pool: &SqlitePool, group: &str) -> Result<Vec<NavLink>, ApiError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT label, url FROM links WHERE grp = ?1 ORDER BY position, id")
            .bind(group)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(label, href)| NavLink { label, href }).collect())
}

pub async fn videos(pool: &SqlitePool) -> Result<Vec<Video>, ApiError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT youtube_id, title FROM videos ORDER BY position, id").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(youtube_id, title)| Video { youtube_id, title }).collect())
}

pub async fn publisher(pool: &SqlitePool) -> Result<Publisher, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings").fetch_all(pool).await?;
    let mut p = Publisher::default();
    for (key, value) in rows {
        let slot = match key.as_str() {
            "site_name" => &mut p.site_name,
            "site_tagline" => &mut p.site_tagline,
            "agency" => &mut p.agency,
            "address" => &mut p.address,
            "editor_in_chief" => &mut p.editor_in_chief,
            "deputy_editor" => &mut p.deputy_editor,
            "phone" => &mut p.phone,
            "email" => &mut p.email,
            "licence" => &mut p.licence,
            _ => continue,
        };
        *slot = value;
    }
    Ok(p)
}

pub async fn chrome(pool: &SqlitePool) -> Result<Chrome, ApiError> {
    Ok(Chrome {
        publisher: publisher(pool).await?,
        menu: menu(pool).await?,
        quick_links: links(pool, "quick").await?,
        footer_links: links(pool, "footer").await?,
        useful_links: links(pool, "useful").await?,
        calendar_links: links(pool, "calendar").await?,
        videos: videos(pool).await?,
    })
}

pub async fn categories(pool: &SqlitePool) -> Result<Vec<Category>, ApiError> {
    let rows: Vec<(i64, Option<i64>, String, String, String, i64)> =
        sqlx::query_as("SELECT id, parent_id, slug, name, description, position FROM categories")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, slug, name, description, position)| Category {
            id,
            parent_id,
            slug,
            name,
            description,
            position,
        })
        .collect())
}

pub async fn page_refs(pool: &SqlitePool) -> Result<Vec<PageRef>, ApiError> {
    let rows: Vec<(i64, Option<i64>, String, String, i64)> =
        sqlx::query_as("SELECT id, parent_id, slug, title, position FROM pages WHERE lang = 'vi'")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, slug, title, position)| PageRef { id, parent_id, slug, title, position })
        .collect())
}

/// Breadcrumb for a category: home, then every ancestor; the last one links only if asked.
fn category_crumbs(all: &[Category], id: i64, last_is_link: bool) -> Vec<Crumb> {
    let chain = tree::ancestry(all, id);
    let n = chain.len();
    std::iter::once(Crumb::home())
        .chain(
            chain
                .into_iter()
                .enumerate()
                .map(|(i, c)| Crumb { href: (last_is_link || i + 1 < n).then(|| c.href()), label: c.name }),
        )
        .collect()
}

/// Articles of a category and all its sub-categories, newest first.
const SUBTREE: &str = "WITH RECURSIVE sub(id) AS ( \
    SELECT id FROM categories WHERE id = ?1 \
    UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)";

pub async fn category_page(pool: &SqlitePool, slug: &str, page: u32) -> Result<CategoryPage, ApiError> {
    let all = categories(pool).await?;
    let category = all.iter().find(|c| c.slug == slug).cloned().ok_or(ApiError::NotFound)?;
    let total: i64 = sqlx::query_scalar(&format!(
        "{SUBTREE} SELECT COUNT(*) FROM articles a WHERE a.category_id IN (SELECT id FROM sub) AND {}",
        public(2)
    ))
    .bind(category.id)
    .bind(super::now())
    .fetch_one(pool)
    .await?;
    let total = total.max(0) as u64;
    let total_pages = total.div_ceil(PAGE_SIZE as u64).max(1) as u32;
    if page == 0 || page > total_pages {
        return Err(ApiError::NotFound);
    }
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUBTREE} SELECT {SUMMARY_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id \
         WHERE a.category_id IN (SELECT id FROM sub) AND {} \
         ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3",
        public(4)
    ))
    .bind(category.id)
    .bind(PAGE_SIZE as i64)
    .bind(super::offset(page, PAGE_SIZE)?)
    .bind(super::now())
    .fetch_all(pool)
    .await?;
    let mut children: Vec<Category> = all.iter().filter(|c| c.parent_id == Some(category.id)).cloned().collect();
    children.sort_by_key(|c| (c.position, c.id));
    Ok(CategoryPage {
        crumbs: category_crumbs(&all, category.id, false),
        category,
        children,
        articles: rows.into_iter().map(Into::into).collect(),
        page,
        total_pages,
        total_articles: total,
    })
}

/// An article as stored: the one row type for reading it (its page) and editing it.
#[derive(FromRow)]
pub(super) struct ArticleRow {
    pub id: i64,
    pub category_id: i64,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub image_url: Option<String>,
    pub image_caption: Option<String>,
    pub source: Option<String>,
    pub published_at: i64,
    pub share_count: i64,
    pub view_count: i64,
    pub is_demo: bool,
    pub status: String,
    pub version: i64,
    pub is_public: bool,
}

/// The columns of an `ArticleRow`, from `articles a`; the time is parameter `?{now}`.
pub(super) fn article_columns(now: u8) -> String {
    format!(
        "a.id, a.category_id, a.slug, a.title, a.lead, a.body_html, a.image_url, a.image_caption, a.source, \
         a.published_at, a.share_count, a.view_count, a.is_demo, a.status, a.version, ({}) AS is_public",
        public(now)
    )
}

impl ArticleRow {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Draft)
    }

    /// The editable fields as stored.
    pub fn fields(&self) -> ArticleFields {
        ArticleFields {
            title: self.title.clone(),
            lead: self.lead.clone(),
            body_html: self.body_html.clone(),
            image_url: self.image_url.clone(),
            image_caption: self.image_caption.clone(),
            source: self.source.clone(),
            status: self.status(),
            published_local: super::time::local_input(self.published_at),
        }
    }
}

/// An article with its breadcrumb and "Bài đã đăng". Visitors get only public articles (their
/// views are counted by `visits`); editors (`as_editor`) also drafts and scheduled ones.
pub async fn article_page(pool: &SqlitePool, slug: &str, as_editor: bool) -> Result<ArticlePage, ApiError> {
    let row: ArticleRow = sqlx::query_as(&format!(
        "SELECT {} FROM articles a WHERE a.slug = ?1 AND a.deleted_at IS NULL",
        article_columns(2)
    ))
    .bind(slug)
    .bind(super::now())
    .fetch_optional(pool)
    .await?
    .filter(|r: &ArticleRow| r.is_public || as_editor)
    .ok_or(ApiError::NotFound)?;
    let view_count = row.view_count;
    let all = categories(pool).await?;
    let related: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id \
         WHERE a.category_id = ?1 AND a.id <> ?2 AND {} ORDER BY a.published_at DESC, a.id DESC LIMIT 10",
        public(3)
    ))
    .bind(row.category_id)
    .bind(row.id)
    .bind(super::now())
    .fetch_all(pool)
    .await?;
    let visibility = match (row.status(), row.is_public) {
        (Status::Draft, _) => Visibility::Draft,
        (Status::Published, true) => Visibility::Public,
        (Status::Published, false) => Visibility::Scheduled,
    };
    let lead_picture = match row.image_url.as_deref() {
        Some(url) => super::photos::picture_for(pool, url).await?,
        None => None,
    };
    Ok(ArticlePage {
        lead_picture,
        crumbs: category_crumbs(&all, row.category_id, true),
        related: related.into_iter().map(Into::into).collect(),
        category_slug: all.iter().find(|c| c.id == row.category_id).map(|c| c.slug.clone()).unwrap_or_default(),
        article: Article {
            fields: row.fields(),
            slug: row.slug,
            published: vn_time(row.published_at),
            share_count: row.share_count.max(0) as u64,
            view_count: view_count.max(0) as u64,
            is_demo: row.is_demo,
            visibility,
            version: row.version,
        },
    })
}

pub async fn article_exists(pool: &SqlitePool, slug: &str) -> Result<bool, ApiError> {
    let found: Option<i64> =
        sqlx::query_scalar(&format!("SELECT a.id FROM articles a WHERE a.slug = ?1 AND {}", public(2)))
            .bind(slug)
            .bind(super::now())
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}

/// A Vietnamese page (`/trang/…`).
pub async fn content_page(pool: &SqlitePool, slug: &str) -> Result<ContentPage, ApiError> {
    let (id, mut page) = stored_page(pool, slug, "vi").await?;
    let refs = page_refs(pool).await?;
    let chain = tree::ancestry(&refs, id);
    let n = chain.len();
    page.crumbs = std::iter::once(Crumb::home())
        .chain(
            chain.into_iter().enumerate().map(|(i, p)| Crumb { href: (i + 1 < n).then(|| p.href()), label: p.title }),
        )
        .collect();
    let mut children: Vec<PageRef> = refs.into_iter().filter(|p| p.parent_id == Some(id)).collect();
    children.sort_by_key(|p| (p.position, p.id));
    page.children = children;
    Ok(page)
}

/// An English page (`/en/…`), with the English section's navigation.
pub async fn english_page(pool: &SqlitePool, slug: &str) -> Result<ContentPage, ApiError> {
    let (_, mut page) = stored_page(pool, slug, "en").await?;
    let all: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, title FROM pages WHERE lang = 'en' ORDER BY position, id").fetch_all(pool).await?;
    page.english =
        all.into_iter().map(|(slug, title)| NavLink { label: title, href: crate::english::href(&slug) }).collect();
    page.crumbs = vec![Crumb::home(), Crumb::current(page.title.clone())];
    Ok(page)
}

/// The page `slug` in `lang`, without its place in a tree.
async fn stored_page(pool: &SqlitePool, slug: &str, lang: &str) -> Result<(i64, ContentPage), ApiError> {
    let row: (i64, String, String, String, String, bool, i64) = sqlx::query_as(
        "SELECT id, slug, title, description, body_html, is_demo, version FROM pages WHERE slug = ?1 AND lang = ?2",
    )
    .bind(slug)
    .bind(lang)
    .fetch_optional(pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let (id, slug, title, description, body_html, is_demo, version) = row;
    let page = ContentPage {
        lang: lang.to_string(),
        slug,
        title,
        description,
        body_html,
        is_demo,
        version,
        crumbs: Vec::new(),
        children: Vec::new(),
        english: Vec::new(),
    };
    Ok((id, page))
}

async fn summaries(pool: &SqlitePool, filter: &str, limit: i64) -> Result<Vec<ArticleSummary>, ApiError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id \
         WHERE {filter} AND {} ORDER BY a.published_at DESC, a.id DESC LIMIT ?1",
        public(2)
    ))
    .bind(limit)
    .bind(super::now())
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn home_page(pool: &SqlitePool) -> Result<HomePage, ApiError> {
    let featured = summaries(pool, "a.featured = 1", 5).await?;
    let latest = summaries(pool, "1 = 1", 10).await?;
    let all = categories(pool).await?;
    let mut roots: Vec<Category> = all.iter().filter(|c| c.parent_id.is_none()).cloned().collect();
    roots.sort_by_key(|c| (c.position, c.id));
    let mut sections = Vec::new();
    for category in roots.into_iter().take(4) {
        let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
            "{SUBTREE} SELECT {SUMMARY_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id \
             WHERE a.category_id IN (SELECT id FROM sub) AND {} ORDER BY a.published_at DESC, a.id DESC LIMIT 4",
            public(2)
        ))
        .bind(category.id)
        .bind(super::now())
        .fetch_all(pool)
        .await?;
        if !rows.is_empty() {
            sections.push(CategorySection { category, articles: rows.into_iter().map(Into::into).collect() });
        }
    }
    Ok(HomePage { featured, latest, sections })
}

pub async fn site_map(pool: &SqlitePool) -> Result<SiteMap, ApiError> {
    Ok(SiteMap {
        menu: menu(pool).await?,
        categories: tree::build(&categories(pool).await?),
        pages: tree::build(&page_refs(pool).await?),
    })
}
