//! The photo library's albums and photos (server only). A photo's sizes are stored as JSON
//! beside it; the images themselves are uploads (`uploads`), so an article may point at one.

use super::time::parse_day;
use crate::error::ApiError;
use crate::format::VnDateTime;
use crate::photos::{
    check_caption, check_title, AlbumFields, AlbumPage, AlbumSummary, LibraryPhoto, Photo, PhotoFields, PhotoPage,
    PhotoSize, Picture, MAX_TEXT, MAX_TITLE,
};
use crate::sanitize;
use chrono::Datelike;
use sqlx::{SqliteConnection, SqlitePool};

/// A day "YYYY-MM-DD" as pages print it.
fn day(text: &str) -> VnDateTime {
    let d = parse_day(text).unwrap_or_default();
    VnDateTime {
        year: d.year(),
        month: d.month() as u8,
        day: d.day() as u8,
        hour: 0,
        minute: 0,
        weekday: d.weekday().num_days_from_monday() as u8,
        iso: d.format("%Y-%m-%d").to_string(),
    }
}

/// The day an editor typed, or the message saying what is wrong with it.
fn checked_day(text: &str) -> Result<String, ApiError> {
    parse_day(text)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| ApiError::Invalid("Ngày không hợp lệ (chọn ngày theo dạng ngày/tháng/năm).".into()))
}

fn invalid(message: String) -> ApiError {
    ApiError::Invalid(message)
}

#[derive(sqlx::FromRow)]
struct PhotoRow {
    id: i64,
    album: String,
    caption: String,
    taken_on: String,
    sizes: String,
    is_demo: bool,
}

const PHOTO_COLUMNS: &str = "p.id, a.slug AS album, p.caption, p.taken_on, p.sizes, p.is_demo";

fn picture(sizes: &str) -> Picture {
    Picture { sizes: serde_json::from_str(sizes).unwrap_or_default() }
}

impl From<PhotoRow> for Photo {
    fn from(r: PhotoRow) -> Self {
        Photo {
            id: r.id,
            day: day(&r.taken_on),
            album: r.album,
            caption: r.caption,
            taken_on: r.taken_on,
            picture: picture(&r.sizes),
            is_demo: r.is_demo,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AlbumRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    taken_on: String,
    is_demo: bool,
    count: i64,
}

const ALBUM_COLUMNS: &str = "a.id, a.slug, a.title, a.description, a.taken_on, a.is_demo, \
     (SELECT COUNT(*) FROM photos p WHERE p.album_id = a.id) AS count";

async fn cover(pool: &SqlitePool, album_id: i64) -> Result<Option<Photo>, ApiError> {
    let row: Option<PhotoRow> = sqlx::query_as(&format!(
        "SELECT {PHOTO_COLUMNS} FROM photos p JOIN albums a ON a.id = p.album_id \
         WHERE p.album_id = ?1 ORDER BY p.position, p.id LIMIT 1"
    ))
    .bind(album_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

async fn summary(pool: &SqlitePool, r: AlbumRow) -> Result<AlbumSummary, ApiError> {
    Ok(AlbumSummary {
        cover: cover(pool, r.id).await?,
        day: day(&r.taken_on),
        slug: r.slug,
        title: r.title,
        description: r.description,
        taken_on: r.taken_on,
        count: r.count.max(0) as u64,
        is_demo: r.is_demo,
    })
}

/// Every album, the most recent event first.
pub async fn albums(pool: &SqlitePool) -> Result<Vec<AlbumSummary>, ApiError> {
    let rows: Vec<AlbumRow> =
        sqlx::query_as(&format!("SELECT {ALBUM_COLUMNS} FROM albums a ORDER BY a.taken_on DESC, a.id DESC"))
            .fetch_all(pool)
            .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(summary(pool, r).await?);
    }
    Ok(out)
}

async fn album_row(pool: &SqlitePool, slug: &str) -> Result<AlbumRow, ApiError> {
    sqlx::query_as(&format!("SELECT {ALBUM_COLUMNS} FROM albums a WHERE a.slug = ?1"))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(ApiError::NotFound)
}

async fn photos_of(pool: &SqlitePool, album_id: i64) -> Result<Vec<Photo>, ApiError> {
    let rows: Vec<PhotoRow> = sqlx::query_as(&format!(
        "SELECT {PHOTO_COLUMNS} FROM photos p JOIN albums a ON a.id = p.album_id \
         WHERE p.album_id = ?1 ORDER BY p.position, p.id"
    ))
    .bind(album_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// An album and its photos.
pub async fn album_page(pool: &SqlitePool, slug: &str) -> Result<AlbumPage, ApiError> {
    let row = album_row(pool, slug).await?;
    let photos = photos_of(pool, row.id).await?;
    Ok(AlbumPage { album: summary(pool, row).await?, photos })
}

/// One photo of an album, with its neighbours.
pub async fn photo_page(pool: &SqlitePool, album: &str, id: i64) -> Result<PhotoPage, ApiError> {
    let row = album_row(pool, album).await?;
    let photos = photos_of(pool, row.id).await?;
    let index = photos.iter().position(|p| p.id == id).ok_or(ApiError::NotFound)?;
    let previous = index.checked_sub(1).and_then(|i| photos.get(i)).map(|p| p.id);
    let next = photos.get(index + 1).map(|p| p.id);
    let photo = photos.into_iter().nth(index).ok_or(ApiError::NotFound)?;
    Ok(PhotoPage { album: summary(pool, row).await?, photo, position: index as u64 + 1, previous, next })
}

/// The most recent photos of the library, for an editor choosing an article's image.
pub async fn library(pool: &SqlitePool, limit: u32) -> Result<Vec<LibraryPhoto>, ApiError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        album_title: String,
        #[sqlx(flatten)]
        photo: PhotoRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT a.title AS album_title, {PHOTO_COLUMNS} FROM photos p JOIN albums a ON a.id = p.album_id \
         ORDER BY a.taken_on DESC, a.id DESC, p.position, p.id LIMIT ?1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| LibraryPhoto { album_title: r.album_title, photo: r.photo.into() }).collect())
}

/// The sizes of a library photo whose widest size is `url` (an article's lead image), if it
/// is one.
pub async fn picture_for(pool: &SqlitePool, url: &str) -> Result<Option<Picture>, ApiError> {
    let sizes: Option<String> = sqlx::query_scalar("SELECT sizes FROM photos WHERE url = ?1 ORDER BY id LIMIT 1")
        .bind(url)
        .fetch_optional(pool)
        .await?;
    Ok(sizes.map(|s| picture(&s)))
}

/// A caption as stored (NFC, no control characters, spaces collapsed), or why not.
fn clean_caption(caption: &str) -> Result<String, ApiError> {
    check_caption(caption).map_err(invalid)?;
    let clean = sanitize::text(caption, MAX_TEXT);
    check_caption(&clean).map_err(invalid)?;
    Ok(clean)
}

fn check_album(fields: &AlbumFields) -> Result<(AlbumFields, String), ApiError> {
    check_title(&fields.title).map_err(invalid)?;
    if fields.description.chars().count() > MAX_TEXT {
        return Err(invalid(format!("Mô tả dài quá {MAX_TEXT} ký tự.")));
    }
    let title = sanitize::text(&fields.title, MAX_TITLE);
    check_title(&title).map_err(invalid)?;
    let taken_on = checked_day(&fields.taken_on)?;
    let clean =
        AlbumFields { title, description: sanitize::text(&fields.description, MAX_TEXT), taken_on: taken_on.clone() };
    Ok((clean, taken_on))
}

/// Creates an album; returns its slug.
pub async fn create_album(
    conn: &mut SqliteConnection,
    fields: &AlbumFields,
    is_demo: bool,
    now: i64,
) -> Result<String, ApiError> {
    let (fields, taken_on) = check_album(fields)?;
    let slug = super::slugs::unique(conn, "albums", &crate::slug::slugify(&fields.title), 0).await?;
    sqlx::query(
        "INSERT INTO albums (slug, title, description, taken_on, is_demo, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )
    .bind(&slug)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&taken_on)
    .bind(is_demo)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(slug)
}

/// Changes an album's title, description and day (its address stays).
pub async fn save_album(pool: &SqlitePool, slug: &str, fields: &AlbumFields) -> Result<(), ApiError> {
    let (fields, taken_on) = check_album(fields)?;
    let mut tx = super::write(pool).await?;
    let done =
        sqlx::query("UPDATE albums SET title = ?1, description = ?2, taken_on = ?3, updated_at = ?4 WHERE slug = ?5")
            .bind(&fields.title)
            .bind(&fields.description)
            .bind(&taken_on)
            .bind(super::now())
            .bind(slug)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Adds a photo at the end of an album; `sizes` are stored uploads, narrowest first. Without a
/// day, the photo takes the album's.
pub async fn add_photo(
    conn: &mut SqliteConnection,
    album: &str,
    caption: &str,
    taken_on: Option<&str>,
    sizes: &[PhotoSize],
    is_demo: bool,
) -> Result<i64, ApiError> {
    let caption = clean_caption(caption)?;
    let widest = sizes.last().ok_or(ApiError::Server)?;
    let (album_id, album_day): (i64, String) = sqlx::query_as("SELECT id, taken_on FROM albums WHERE slug = ?1")
        .bind(album)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let taken_on = match taken_on.filter(|t| !t.trim().is_empty()) {
        Some(t) => checked_day(t)?,
        None => album_day,
    };
    let sizes_json = serde_json::to_string(sizes).map_err(|_| ApiError::Server)?;
    let now = super::now();
    let id = sqlx::query(
        "INSERT INTO photos (album_id, position, caption, taken_on, url, width, height, sizes, is_demo, created_at, updated_at) \
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM photos WHERE album_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )
    .bind(album_id)
    .bind(&caption)
    .bind(&taken_on)
    .bind(&widest.url)
    .bind(widest.width)
    .bind(widest.height)
    .bind(&sizes_json)
    .bind(is_demo)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    sqlx::query("UPDATE albums SET updated_at = ?1 WHERE id = ?2").bind(now).bind(album_id).execute(&mut *conn).await?;
    Ok(id)
}

/// Changes a photo's caption and day.
pub async fn save_photo(pool: &SqlitePool, id: i64, fields: &PhotoFields) -> Result<(), ApiError> {
    let caption = clean_caption(&fields.caption)?;
    let taken_on = checked_day(&fields.taken_on)?;
    let mut tx = super::write(pool).await?;
    let done = sqlx::query("UPDATE photos SET caption = ?1, taken_on = ?2, updated_at = ?3 WHERE id = ?4")
        .bind(&caption)
        .bind(&taken_on)
        .bind(super::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Every album and photo address with its last change, for the sitemap.
pub async fn listed(pool: &SqlitePool) -> Result<Vec<(String, i64)>, ApiError> {
    let albums: Vec<(String, i64)> =
        sqlx::query_as("SELECT slug, updated_at FROM albums ORDER BY id").fetch_all(pool).await?;
    let photos: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT a.slug, p.id, p.updated_at FROM photos p JOIN albums a ON a.id = p.album_id ORDER BY p.id",
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<(String, i64)> =
        albums.into_iter().map(|(slug, at)| (crate::photos::album_href(&slug), at)).collect();
    out.extend(photos.into_iter().map(|(album, id, at)| (crate::photos::photo_href(&album, id), at)));
    Ok(out)
}
