//! Files attached to council records, for every kind in one table (`attachments`): listing,
//! attaching, detaching, and the check a download makes.

use super::records::id_of;
use crate::error::ApiError;
use crate::records::RecordKind;
use crate::resolution::AttachedFile;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// A file already in the store (`DATA_DIR/files/<stored>`), to attach.
pub struct NewFile<'a> {
    pub file_name: &'a str,
    pub stored: &'a str,
    pub size: i64,
    pub mime: &'a str,
    /// For sitting documents: the document's title and type ("Tờ trình", …); empty otherwise.
    pub title: &'a str,
    pub doc_kind: &'a str,
}

/// One attached file with its title and document type (both empty for most kinds).
pub struct Attachment {
    pub title: String,
    pub doc_kind: String,
    pub file: AttachedFile,
}

/// A record's files in order.
pub async fn of(pool: &SqlitePool, kind: RecordKind, id: i64) -> Result<Vec<Attachment>, ApiError> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT title, doc_kind, file_name, stored_name, size FROM attachments \
         WHERE kind = ?1 AND record_id = ?2 ORDER BY position, id",
    )
    .bind(kind.key())
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(title, doc_kind, name, stored, size)| Attachment {
            title,
            doc_kind,
            file: AttachedFile::stored(name, &stored, size),
        })
        .collect())
}

/// The files of a record found by its slug, in order (for the editor's form).
pub async fn of_slug(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<Vec<AttachedFile>, ApiError> {
    let id = id_of(pool, kind, slug).await?;
    Ok(of(pool, kind, id).await?.into_iter().map(|a| a.file).collect())
}

/// Only names the server itself gives stored files: a SHA-256 and a short extension.
pub fn is_stored_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == 64
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// Whether a file may be attached to this record: its kind takes files, and it exists and is
/// not in the trash (an editor can only reach it there). Answers the record's id. Checked
/// before the file is stored, so a refused attachment leaves nothing on disk.
pub async fn check_target(pool: &SqlitePool, kind: RecordKind, slug: &str) -> Result<i64, ApiError> {
    if !kind.takes_files() {
        return Err(ApiError::Invalid("Loại bản ghi này không có tệp đính kèm.".into()));
    }
    let id = id_of(pool, kind, slug).await?;
    let mut q = QueryBuilder::<Sqlite>::new("SELECT deleted_at IS NULL FROM ");
    // The table is a fixed name, never input.
    q.push(kind.table()).push(" WHERE id = ").push_bind(id);
    let live: bool = q.build_query_scalar().fetch_one(pool).await?;
    if live {
        Ok(id)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Attaches a stored file to a record (last in its list), and updates what search finds for
/// the record (a sitting's documents are part of it).
pub async fn attach(
    pool: &SqlitePool,
    kind: RecordKind,
    slug: &str,
    file: NewFile<'_>,
) -> Result<AttachedFile, ApiError> {
    let id = check_target(pool, kind, slug).await?;
    let mut tx = super::write(pool).await?;
    insert(&mut tx, kind, id, &file, None).await?;
    super::search::sync(&mut tx, kind.search_kind(), id).await?;
    tx.commit().await?;
    Ok(AttachedFile::stored(file.file_name.to_string(), file.stored, file.size))
}

/// Inserts an attachment row: at `position`, or after the record's last file.
pub async fn insert(
    conn: &mut sqlx::SqliteConnection,
    kind: RecordKind,
    record_id: i64,
    file: &NewFile<'_>,
    position: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO attachments (kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, COALESCE(?9, \
           (SELECT COALESCE(MAX(position), 0) + 1 FROM attachments WHERE kind = ?1 AND record_id = ?2)))",
    )
    .bind(kind.key())
    .bind(record_id)
    .bind(file.title)
    .bind(file.doc_kind)
    .bind(file.file_name)
    .bind(file.stored)
    .bind(file.size)
    .bind(file.mime)
    .bind(position)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a file off a record. The stored file itself stays (another record may share it, and
/// nothing an editor uploaded is deleted).
pub async fn detach(pool: &SqlitePool, kind: RecordKind, slug: &str, stored: &str) -> Result<(), ApiError> {
    let id = id_of(pool, kind, slug).await?;
    let mut tx = super::write(pool).await?;
    let done = sqlx::query("DELETE FROM attachments WHERE kind = ?1 AND record_id = ?2 AND stored_name = ?3")
        .bind(kind.key())
        .bind(id)
        .bind(stored)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    super::search::sync(&mut tx, kind.search_kind(), id).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether any record (in the trash or not) has this stored file attached.
pub async fn is_attached(pool: &SqlitePool, stored_name: &str) -> Result<bool, ApiError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM attachments WHERE stored_name = ?1 LIMIT 1")
        .bind(stored_name)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// The download name and type of a stored file, if it is attached to a record readers see (not
/// in the trash; a question only once published), or, for an editor, to any record.
pub async fn public_file(pool: &SqlitePool, stored_name: &str, editor: bool) -> Result<(String, String), ApiError> {
    if editor {
        return sqlx::query_as("SELECT file_name, mime FROM attachments WHERE stored_name = ?1 LIMIT 1")
            .bind(stored_name)
            .fetch_optional(pool)
            .await?
            .ok_or(ApiError::NotFound);
    }
    let mut q = QueryBuilder::<Sqlite>::new("SELECT f.file_name, f.mime FROM attachments f WHERE f.stored_name = ");
    q.push_bind(stored_name).push(" AND (");
    // Kind keys and tables are fixed names, never input.
    for (i, kind) in RecordKind::ALL.into_iter().filter(|k| k.takes_files()).enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("(f.kind = '").push(kind.key()).push("' AND EXISTS (SELECT 1 FROM ").push(kind.table());
        q.push(" r WHERE r.id = f.record_id AND r.deleted_at IS NULL").push(kind.public_condition()).push("))");
    }
    q.push(") LIMIT 1");
    q.build_query_as().fetch_optional(pool).await?.ok_or(ApiError::NotFound)
}
