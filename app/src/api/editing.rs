//! Editing server functions. Every one checks the session and role on the server first; the
//! same-origin guard in the HTTP stack refuses cross-site requests before they get here.

use crate::editing::{ArticleFields, FieldDiff, PageFields, RevisionInfo, Saved};
use crate::error::ApiError;
use crate::model::TrashItem;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "save_article", input = Json)]
pub async fn save_article(slug: String, base_version: i64, fields: ArticleFields) -> Result<Saved, ApiError> {
    let user = crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::save_article(&pool, &user, &slug, base_version, &fields, "Sửa bài viết").await)
}

#[server(prefix = "/api", endpoint = "article_history")]
pub async fn article_history(slug: String) -> Result<Vec<RevisionInfo>, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::article_history(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "article_revision")]
pub async fn article_revision(slug: String, version: i64) -> Result<ArticleFields, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::article_revision(&pool, &slug, version).await)
}

#[server(prefix = "/api", endpoint = "article_changes")]
pub async fn article_changes(slug: String, from: i64, to: i64) -> Result<Vec<FieldDiff>, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::article_changes(&pool, &slug, from, to).await)
}

#[server(prefix = "/api", endpoint = "restore_article")]
pub async fn restore_article(slug: String, version: i64, base_version: i64) -> Result<Saved, ApiError> {
    let user = crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::restore_article(&pool, &user, &slug, version, base_version).await)
}

/// A new draft in a category. From a plain form, the browser is sent to it in edit mode.
#[server(prefix = "/api", endpoint = "create_article")]
pub async fn create_article(category: String) -> Result<String, ApiError> {
    let user = crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    let slug = super::answer(crate::data::editing::create_article(&pool, &user, &category).await)?;
    if crate::session::is_plain_form().await {
        leptos_axum::redirect(&format!("/bai-viet/{slug}?{EDIT_PARAM}=1"));
    }
    Ok(slug)
}

/// Query parameter that opens an article in edit mode.
pub const EDIT_PARAM: &str = "sua";

#[server(prefix = "/api", endpoint = "trash_article")]
pub async fn trash_article(slug: String, trashed: bool) -> Result<(), ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::set_trashed(&pool, &slug, trashed).await)
}

#[server(prefix = "/api", endpoint = "trash")]
pub async fn list_trash() -> Result<Vec<TrashItem>, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    let mut items = super::answer(crate::data::editing::trash(&pool).await)?;
    let records = super::answer(crate::data::records::trashed(&pool).await)?;
    items.extend(records.into_iter().map(|(kind, slug, title, at)| TrashItem {
        kind: Some(kind.key().to_string()),
        kind_label: kind.label().to_string(),
        slug,
        title,
        deleted: crate::data::time::vn_time(at),
    }));
    items.sort_by(|a, b| b.deleted.iso.cmp(&a.deleted.iso));
    Ok(items)
}

#[server(prefix = "/api", endpoint = "save_page", input = Json)]
pub async fn save_page(slug: String, base_version: i64, fields: PageFields) -> Result<Saved, ApiError> {
    let user = crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::save_page(&pool, &user, &slug, base_version, &fields, "Sửa trang").await)
}

#[server(prefix = "/api", endpoint = "page_history")]
pub async fn page_history(slug: String) -> Result<Vec<RevisionInfo>, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::page_history(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "page_changes")]
pub async fn page_changes(slug: String, from: i64, to: i64) -> Result<Vec<FieldDiff>, ApiError> {
    crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::page_changes(&pool, &slug, from, to).await)
}

#[server(prefix = "/api", endpoint = "restore_page")]
pub async fn restore_page(slug: String, version: i64, base_version: i64) -> Result<Saved, ApiError> {
    let user = crate::session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::editing::restore_page(&pool, &user, &slug, version, base_version).await)
}
