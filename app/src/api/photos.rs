//! The photo library: reading it (anyone), and creating albums and changing captions
//! (editors). Photos are uploaded through `/api/albums/<album>/photos` (the server's
//! `photo_upload`), which resizes them.

#[cfg(feature = "ssr")]
use crate::audit::Action;
use crate::error::ApiError;
use crate::photos::{AlbumFields, AlbumPage, AlbumSummary, LibraryPhoto, PhotoFields, PhotoPage};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// How many photos the lead-image chooser offers.
pub const LIBRARY_CHOICES: u32 = 60;

#[server(prefix = "/api", endpoint = "albums")]
pub async fn get_albums() -> Result<Vec<AlbumSummary>, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::photos::albums(&pool).await)
}

#[server(prefix = "/api", endpoint = "album")]
pub async fn get_album(slug: String) -> Result<AlbumPage, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::photos::album_page(&pool, &slug).await)
}

#[server(prefix = "/api", endpoint = "photo")]
pub async fn get_photo(album: String, id: i64) -> Result<PhotoPage, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::photos::photo_page(&pool, &album, id).await)
}

/// The library's recent photos, for an editor choosing an article's lead image.
#[server(prefix = "/api", endpoint = "library_photos")]
pub async fn library_photos() -> Result<Vec<LibraryPhoto>, ApiError> {
    crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    super::answer(crate::data::photos::library(&pool, LIBRARY_CHOICES).await)
}

/// Creates an album; answers its slug.
#[server(prefix = "/api", endpoint = "create_album", input = Json)]
pub async fn create_album(fields: AlbumFields) -> Result<String, ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let created = async {
        let mut tx = crate::data::write(&pool).await?;
        let slug = crate::data::photos::create_album(&mut tx, &fields, false, crate::data::now()).await?;
        tx.commit().await?;
        Ok(slug)
    }
    .await;
    let target = created.as_ref().map(|s| format!("album:{s}")).unwrap_or_default();
    super::audited(&user, Action::Create, &target, created).await
}

#[server(prefix = "/api", endpoint = "save_album", input = Json)]
pub async fn save_album(slug: String, fields: AlbumFields) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::photos::save_album(&pool, &slug, &fields).await;
    super::audited(&user, Action::Save, &format!("album:{slug}"), done).await
}

#[server(prefix = "/api", endpoint = "save_photo", input = Json)]
pub async fn save_photo(id: i64, fields: PhotoFields) -> Result<(), ApiError> {
    let user = crate::login_session::require_editor().await?;
    let pool = crate::data::pool()?;
    let done = crate::data::photos::save_photo(&pool, id, &fields).await;
    super::audited(&user, Action::Save, &format!("photo:{id}"), done).await
}
