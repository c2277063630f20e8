//! Demo content (`demo/content.json`), loaded into an empty database on first start: the seed
//! article, the seed's menu tree, categories, pages, videos, links and the publisher block.
//! Everything except the seed article and the contact page is marked as demo content.

use app::data::time::parse_local;
use app::slug;
use serde::Deserialize;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, HashMap, HashSet};

pub const CONTENT_JSON: &str = include_str!("../demo/content.json");

#[derive(Debug, Deserialize)]
pub struct DemoContent {
    pub settings: BTreeMap<String, String>,
    pub categories: Vec<DemoCategory>,
    pub pages: Vec<DemoPage>,
    pub menu: Vec<DemoMenu>,
    pub quick_links: Vec<DemoLink>,
    pub footer_links: Vec<DemoLink>,
    #[serde(default)]
    pub calendar_links: Vec<DemoLink>,
    pub articles: Vec<DemoArticle>,
    pub videos: Vec<DemoVideo>,
    pub links: Vec<DemoUsefulLink>,
}

#[derive(Debug, Deserialize)]
pub struct DemoCategory {
    pub slug: String,
    pub name: String,
    pub parent: Option<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoPage {
    pub slug: String,
    pub title: String,
    pub parent: Option<String>,
    #[serde(default)]
    pub description: String,
    pub body_html: String,
    #[serde(default)]
    pub demo: bool,
}

#[derive(Debug, Deserialize)]
pub struct DemoMenu {
    pub label: String,
    pub href: String,
    #[serde(default)]
    pub children: Vec<DemoMenu>,
}

#[derive(Debug, Deserialize)]
pub struct DemoLink {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoUsefulLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoVideo {
    pub youtube_id: String,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoArticle {
    pub category: String,
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub source: Option<String>,
    pub published_at: String,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub share_count: i64,
    #[serde(default)]
    pub demo: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("nội dung mẫu không đọc được: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("nội dung mẫu sai: {0}")]
    Invalid(String),
    #[error("lỗi cơ sở dữ liệu khi nạp nội dung mẫu: {0}")]
    Db(#[from] sqlx::Error),
}

pub fn parse() -> Result<DemoContent, DemoError> {
    Ok(serde_json::from_str(CONTENT_JSON)?)
}

/// Loads the demo content into what is still empty: the portal's content if there are no
/// categories yet, the demo resolutions (files under `data_dir/files/`) if there are none.
/// Returns whether it loaded anything. Each part is all or nothing: one transaction.
pub async fn load_if_empty(pool: &SqlitePool, data_dir: &std::path::Path) -> Result<bool, DemoError> {
    let mut loaded = false;
    let categories: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories").fetch_one(pool).await?;
    if categories == 0 {
        let content = parse()?;
        let mut tx = app::data::write(pool).await?;
        insert_all(&mut tx, &content).await?;
        tx.commit().await?;
        loaded = true;
    }
    let resolutions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM resolutions").fetch_one(pool).await?;
    if resolutions == 0 {
        let mut tx = app::data::write(pool).await?;
        crate::demo_records::load(&mut tx, &data_dir.join("files")).await?;
        tx.commit().await?;
        loaded = true;
    }
    let bodies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bodies").fetch_one(pool).await?;
    if bodies == 0 {
        let mut tx = app::data::write(pool).await?;
        crate::demo_council::load(&mut tx, &data_dir.join("files"), app::data::council::today()).await?;
        tx.commit().await?;
        loaded = true;
    }
    let questions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM questions").fetch_one(pool).await?;
    if questions == 0 {
        let mut tx = app::data::write(pool).await?;
        crate::demo_questions::load(&mut tx, &data_dir.join("files"), app::data::council::today()).await?;
        tx.commit().await?;
        loaded = true;
    }
    let albums: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM albums").fetch_one(pool).await?;
    if albums == 0 {
        crate::demo_photos::load(pool, &data_dir.join("uploads")).await?;
        loaded = true;
    }
    if loaded {
        // Loaded without `sync`: the index is rebuilt when it next catches up.
        let mut tx = app::data::write(pool).await?;
        app::data::search::request_rebuild(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(loaded)
}

async fn insert_all(tx: &mut app::data::Write, c: &DemoContent) -> Result<(), DemoError> {
    let now = app::data::now();
    for (key, value) in &c.settings {
        if key == "initial_visits" {
            let visits: i64 =
                value.parse().map_err(|_| DemoError::Invalid(format!("initial_visits không phải số: {value}")))?;
            sqlx::query("INSERT INTO counters (name, value) VALUES ('visits', ?1)")
                .bind(visits)
                .execute(&mut **tx)
                .await?;
        } else {
            sqlx::query("INSERT INTO settings (key, value) VALUES (?1, ?2)")
                .bind(key)
                .bind(value)
                .execute(&mut **tx)
                .await?;
        }
    }

    let mut categories: HashMap<&str, i64> = HashMap::new();
    for (position, cat) in c.categories.iter().enumerate() {
        let parent = lookup(&categories, cat.parent.as_deref(), "chuyên mục")?;
        let id = sqlx::query(
            "INSERT INTO categories (parent_id, slug, name, description, position) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(parent)
        .bind(&cat.slug)
        .bind(&cat.name)
        .bind(&cat.description)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        categories.insert(&cat.slug, id);
    }

    let mut pages: HashMap<&str, i64> = HashMap::new();
    for (position, page) in c.pages.iter().enumerate() {
        let parent = lookup(&pages, page.parent.as_deref(), "trang")?;
        let id = sqlx::query(
            "INSERT INTO pages (parent_id, slug, title, description, body_html, position, is_demo, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(parent)
        .bind(&page.slug)
        .bind(&page.title)
        .bind(&page.description)
        .bind(&page.body_html)
        .bind(position as i64)
        .bind(page.demo)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        pages.insert(&page.slug, id);
    }

    insert_menu(tx, &c.menu, None).await?;

    let groups = [("quick", &c.quick_links), ("footer", &c.footer_links), ("calendar", &c.calendar_links)];
    for (group, links) in groups {
        for (position, link) in links.iter().enumerate() {
            insert_link(tx, group, &link.label, &link.href, position).await?;
        }
    }
    for (position, link) in c.links.iter().enumerate() {
        insert_link(tx, "useful", &link.title, &link.url, position).await?;
    }

    for (position, video) in c.videos.iter().enumerate() {
        sqlx::query("INSERT INTO videos (youtube_id, title, position) VALUES (?1, ?2, ?3)")
            .bind(&video.youtube_id)
            .bind(&video.title)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }

    let mut slugs: HashSet<String> = HashSet::new();
    for article in &c.articles {
        let category = lookup(&categories, Some(&article.category), "chuyên mục")?;
        let published = parse_local(&article.published_at).ok_or_else(|| {
            DemoError::Invalid(format!("ngày đăng sai: {} ({})", article.published_at, article.title))
        })?;
        let slug = slug::unique(&slug::slugify(&article.title), |s| slugs.contains(s));
        slugs.insert(slug.clone());
        sqlx::query(
            "INSERT INTO articles (category_id, slug, title, lead, body_html, image_url, image_caption, source, \
             published_at, featured, share_count, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        )
        .bind(category)
        .bind(&slug)
        .bind(&article.title)
        .bind(&article.lead)
        .bind(&article.body_html)
        .bind(&article.image)
        .bind(&article.image_caption)
        .bind(&article.source)
        .bind(published)
        .bind(article.featured)
        .bind(article.share_count.max(0))
        .bind(article.demo)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn lookup(ids: &HashMap<&str, i64>, slug: Option<&str>, what: &str) -> Result<Option<i64>, DemoError> {
    match slug {
        None => Ok(None),
        Some(s) => ids
            .get(s)
            .copied()
            .map(Some)
            .ok_or_else(|| DemoError::Invalid(format!("{what} cha \"{s}\" chưa được khai báo trước"))),
    }
}

async fn insert_link(
    tx: &mut app::data::Write,
    group: &str,
    label: &str,
    url: &str,
    position: usize,
) -> Result<(), DemoError> {
    sqlx::query("INSERT INTO links (grp, label, url, position) VALUES (?1, ?2, ?3, ?4)")
        .bind(group)
        .bind(label)
        .bind(url)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The menu tree, depth first (boxed: async recursion).
fn insert_menu<'a>(
    tx: &'a mut app::data::Write,
    items: &'a [DemoMenu],
    parent: Option<i64>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), DemoError>> + Send + 'a>> {
    Box::pin(async move {
        for (position, item) in items.iter().enumerate() {
            let id = sqlx::query("INSERT INTO menu_items (parent_id, label, href, position) VALUES (?1, ?2, ?3, ?4)")
                .bind(parent)
                .bind(&item.label)
                .bind(&item.href)
                .bind(position as i64)
                .execute(&mut **tx)
                .await?
                .last_insert_rowid();
            insert_menu(tx, &item.children, Some(id)).await?;
        }
        Ok(())
    })
}
