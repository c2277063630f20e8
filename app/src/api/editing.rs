//! Editing server functions. Every one checks the login session and role on the server first; the
//! same-origin guard in the HTTP stack refuses cross-site requests before they get here.
//! Saving takes each kind's own fields; history, changes, restore and trash are one set for
//! every kind of document.

#[cfg(feature = "ssr")]
use crate::audit::Action;
use crate::editing::{ArticleFields, DocKind, FieldDiff, PageFields, RevisionInfo, Saved};
use crate::error::ApiError;
use crate::model::TrashItem;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "save_article", input = Json)]
pub async fn save_article(slug: String, base_version: i64, fields: ArticleFields) -> Result<Saved, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let saved = crate::data::editing::save_article(&pool, &user, &slug, base_version, &fields).await;
    super::audited(&user, Action::Save, &format!("article:{slug}"), saved).await
}

#[server(prefix = "/api", endpoint = "save_page", input = Json)]
pub async fn save_page(slug: String, base_version: i64, fields: PageFields) -> Result<Saved, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let saved = crate::data::editing::save_page(&pool, &user, &slug, base_version, &fields).await;
    super::audited(&user, Action::Save, &format!("page:{slug}"), saved).await
}

/// A new draft in a category. From a plain form, the browser is sent to it in edit mode.
#[server(prefix = "/api", endpoint = "create_article")]
pub async fn create_article(category: String) -> Result<String, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let created = crate::data::editing::create_article(&pool, &user, &category).await;
    let target = created.as_ref().map(|slug| format!("article:{slug}")).unwrap_or_default();
    let slug = super::audited(&user, Action::Create, &target, created).await?;
    if crate::login_session::is_plain_form().await {
        super::redirect(&format!("/bai-viet/{slug}?{EDIT_PARAM}=1"));
    }
    Ok(slug)
}

/// Query parameter that opens an article in edit mode.
pub const EDIT_PARAM: &str = "sua";

/// Every saved version of a document, newest first.
#[server(prefix = "/api", endpoint = "history")]
pub async fn document_history(kind: DocKind, slug: String) -> Result<Vec<RevisionInfo>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::documents::history(&pool, kind, &slug).await)
}

/// What changed in a document from version `from` to version `to`.
#[server(prefix = "/api", endpoint = "changes")]
pub async fn document_changes(kind: DocKind, slug: String, from: i64, to: i64) -> Result<Vec<FieldDiff>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::documents::changes(&pool, kind, &slug, from, to).await)
}

/// Makes `version` the newest version again; checked against `base_version` like any save.
#[server(prefix = "/api", endpoint = "restore")]
pub async fn restore_document(kind: DocKind, slug: String, version: i64, base_version: i64) -> Result<Saved, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let restored = crate::data::documents::restore(&pool, &user, kind, &slug, version, base_version).await;
    if restored.is_ok() {
        // Restoring a question's answer mails its asker, as saving it does.
        crate::data::mail::wake();
    }
    super::audited(&user, Action::Restore, &format!("{}:{slug} v{version}", kind.key()), restored).await
}

/// Moves a document to the trash (`trashed`) or back out of it (also from the trash page's
/// plain forms).
#[server(prefix = "/api", endpoint = "set_trashed")]
pub async fn set_trashed(kind: DocKind, slug: String, trashed: bool) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::documents::set_trashed(&pool, kind, &slug, trashed).await;
    let action = if trashed { Action::Trash } else { Action::Untrash };
    super::audited(&user, action, &format!("{}:{slug}", kind.key()), done).await
}

#[server(prefix = "/api", endpoint = "trash")]
pub async fn list_trash() -> Result<Vec<TrashItem>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::documents::trash(&pool).await)
}
