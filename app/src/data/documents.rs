//! One path for every editable document (articles, content pages, council records):
//! optimistic versions (a save names the version it started from), a revision for every save,
//! conflicts that carry what the other editor changed, history, changes between versions,
//! restore, and the trash. What differs between kinds (their columns, how their fields are
//! cleaned) is a `Store`.

use super::time::vn_time;
use crate::auth::UserInfo;
use crate::editing::{Change, Conflict, DiffSegment, DocKind, FieldDiff, RevisionInfo, Saved};
use crate::error::ApiError;
use crate::model::TrashItem;
use crate::records::{value, RecordFields};
use serde::{de::DeserializeOwned, Serialize};
use sqlx::sqlite::SqliteQueryResult;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

const FIRST_AUTHOR: &str = "Dữ liệu ban đầu";
const FIRST_NOTE: &str = "Bản ban đầu";

/// A document as stored now.
pub(super) struct Stored<F> {
    pub id: i64,
    pub version: i64,
    pub slug: String,
    pub fields: F,
}

/// How one kind of document is read, cleaned and written.
pub(super) trait Store {
    /// The editable fields, as a revision stores them.
    type Fields: Serialize + DeserializeOwned + Clone;
    /// Cleaned fields, ready to write.
    type Prepared;

    fn kind(&self) -> DocKind;
    /// Checks and cleans what an editor sent; the error is theirs to read, in Vietnamese.
    fn clean(&self, fields: &Self::Fields) -> Result<(Self::Fields, Self::Prepared), ApiError>;
    /// The document (not in the trash) with this slug.
    async fn load(&self, conn: &mut SqliteConnection, slug: &str) -> Result<Stored<Self::Fields>, ApiError>;
    /// Writes `prepared` over the stored version as `version`; the answer is the slug the
    /// document now has. Fails if another save got in first.
    async fn write(
        &self,
        conn: &mut SqliteConnection,
        stored: &Stored<Self::Fields>,
        prepared: &Self::Prepared,
        version: i64,
    ) -> Result<String, ApiError>;
    /// Each field by key, as text: what the editor merges after a conflict.
    fn values(&self, fields: &Self::Fields) -> RecordFields;
    /// Each field by key as a person reads it, for the changes between versions.
    fn readable(&self, fields: &Self::Fields) -> RecordFields {
        self.values(fields)
    }
}

/// Checks a write guarded by `WHERE version = <the stored version>`: it changed exactly one
/// row, or another save got in first.
pub(super) fn written_once(done: &SqliteQueryResult, kind: DocKind) -> Result<(), ApiError> {
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(ApiError::Invalid(format!("{} vừa được lưu ở nơi khác, vui lòng lưu lại.", kind.label())))
    }
}

/// Records a saved state of a document (once per version: the first write wins).
pub(super) async fn insert_revision(
    conn: &mut SqliteConnection,
    kind: DocKind,
    id: i64,
    version: i64,
    user: Option<i64>,
    note: &str,
    data: &impl Serialize,
) -> Result<(), ApiError> {
    let json = serde_json::to_string(data).map_err(|_| ApiError::Server)?;
    sqlx::query(
        "INSERT OR IGNORE INTO revisions (kind, entity_id, version, user_id, created_at, note, data) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(kind.key())
    .bind(id)
    .bind(version)
    .bind(user)
    .bind(super::now())
    .bind(note)
    .bind(json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The state before the first edit becomes a revision too (on first save or first look), so
/// it can be restored.
async fn keep_first_state<S: Store>(
    conn: &mut SqliteConnection,
    store: &S,
    stored: &Stored<S::Fields>,
) -> Result<(), ApiError> {
    insert_revision(conn, store.kind(), stored.id, stored.version, None, FIRST_NOTE, &stored.fields).await
}

async fn revision_data<F: DeserializeOwned>(
    conn: &mut SqliteConnection,
    kind: DocKind,
    id: i64,
    version: i64,
) -> Result<Option<F>, ApiError> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT data FROM revisions WHERE kind = ?1 AND entity_id = ?2 AND version = ?3")
            .bind(kind.key())
            .bind(id)
            .bind(version)
            .fetch_optional(&mut *conn)
            .await?;
    json.map(|json| {
        serde_json::from_str(&json).map_err(|e| {
            tracing::error!(error = %e, kind = kind.key(), id, version, "unreadable revision");
            ApiError::Server
        })
    })
    .transpose()
}

/// What changed in one field, under the label the editor sees.
fn diff_field(label: &str, old: &str, new: &str) -> Option<FieldDiff> {
    if old == new {
        return None;
    }
    let segments = similar::TextDiff::from_words(old, new)
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

/// Field by field, what changed from `old` to `new`, in the fields' order.
pub(super) fn diff<S: Store>(store: &S, old: &S::Fields, new: &S::Fields) -> Vec<FieldDiff> {
    let (old, new) = (store.readable(old), store.readable(new));
    new.iter().filter_map(|(key, text)| diff_field(store.kind().field_label(key), value(&old, key), text)).collect()
}

/// Saves a document if `base_version` is still the stored version; otherwise the conflict,
/// with what the other editor changed since `base_version` and the stored values.
pub(super) async fn save<S: Store>(
    pool: &SqlitePool,
    user: &UserInfo,
    store: &S,
    slug: &str,
    base_version: i64,
    fields: &S::Fields,
    note: &str,
) -> Result<Saved, ApiError> {
    let (clean, prepared) = store.clean(fields)?;
    let kind = store.kind();
    let mut tx = super::begin_write(pool).await?;
    let stored = store.load(&mut tx, slug).await?;
    keep_first_state(&mut tx, store, &stored).await?;
    if stored.version != base_version {
        let author: Option<(Option<String>, i64)> = sqlx::query_as(
            "SELECT u.email, r.created_at FROM revisions r LEFT JOIN users u ON u.id = r.user_id \
             WHERE r.kind = ?1 AND r.entity_id = ?2 AND r.version = ?3",
        )
        .bind(kind.key())
        .bind(stored.id)
        .bind(stored.version)
        .fetch_optional(&mut *tx)
        .await?;
        let (author, at) = author.map_or((None, super::now()), |(email, at)| (email, at));
        let base: Option<S::Fields> = revision_data(&mut tx, kind, stored.id, base_version).await.ok().flatten();
        tx.commit().await?;
        return Err(ApiError::Conflict(Box::new(Conflict {
            version: stored.version,
            author: author.unwrap_or_else(|| FIRST_AUTHOR.into()),
            at: vn_time(at),
            changes: base.map(|b| diff(store, &b, &stored.fields)).unwrap_or_default(),
            theirs: store.values(&stored.fields),
        })));
    }
    let version = stored.version + 1;
    let new_slug = store.write(&mut tx, &stored, &prepared, version).await?;
    insert_revision(&mut tx, kind, stored.id, version, Some(user.id), note, &clean).await?;
    super::search::sync(&mut tx, kind.search_kind(), stored.id).await?;
    tx.commit().await?;
    Ok(Saved { slug: new_slug, version })
}

async fn history_of<S: Store>(pool: &SqlitePool, store: &S, slug: &str) -> Result<Vec<RevisionInfo>, ApiError> {
    let mut tx = super::begin_write(pool).await?;
    let stored = store.load(&mut tx, slug).await?;
    keep_first_state(&mut tx, store, &stored).await?;
    tx.commit().await?;
    let rows: Vec<(i64, Option<String>, i64, String)> = sqlx::query_as(
        "SELECT r.version, u.email, r.created_at, r.note FROM revisions r LEFT JOIN users u ON u.id = r.user_id \
         WHERE r.kind = ?1 AND r.entity_id = ?2 ORDER BY r.version DESC",
    )
    .bind(store.kind().key())
    .bind(stored.id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, email, at, note)| RevisionInfo {
            version,
            author: email.unwrap_or_else(|| FIRST_AUTHOR.into()),
            at: vn_time(at),
            note,
        })
        .collect())
}

async fn revision_of<S: Store>(pool: &SqlitePool, store: &S, slug: &str, version: i64) -> Result<S::Fields, ApiError> {
    let mut conn = pool.acquire().await?;
    let stored = store.load(&mut conn, slug).await?;
    revision_data(&mut conn, store.kind(), stored.id, version).await?.ok_or(ApiError::NotFound)
}

async fn changes_of<S: Store>(
    pool: &SqlitePool,
    store: &S,
    slug: &str,
    from: i64,
    to: i64,
) -> Result<Vec<FieldDiff>, ApiError> {
    let old = revision_of(pool, store, slug, from).await?;
    let new = revision_of(pool, store, slug, to).await?;
    Ok(diff(store, &old, &new))
}

/// Restoring is itself a save (a new revision), checked against `base_version` like any save.
async fn restore_of<S: Store>(
    pool: &SqlitePool,
    user: &UserInfo,
    store: &S,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<Saved, ApiError> {
    let fields = revision_of(pool, store, slug, version).await?;
    save(pool, user, store, slug, base_version, &fields, &format!("Khôi phục phiên bản {version}")).await
}

/// Runs `$body` with `$store` bound to the store of `$kind`.
macro_rules! with_store {
    ($kind:expr, $store:ident => $body:expr) => {
        match $kind {
            DocKind::Article => {
                let $store = &super::editing::Articles;
                $body
            }
            DocKind::Page => {
                let $store = &super::editing::Pages;
                $body
            }
            DocKind::Record(kind) => {
                let $store = &super::records::Records(kind);
                $body
            }
        }
    };
}

/// Every saved version of a document, newest first, starting with the state before the first
/// edit (recorded on first look).
pub async fn history(pool: &SqlitePool, kind: DocKind, slug: &str) -> Result<Vec<RevisionInfo>, ApiError> {
    with_store!(kind, store => history_of(pool, store, slug).await)
}

/// What changed between two versions of a document.
pub async fn changes(
    pool: &SqlitePool,
    kind: DocKind,
    slug: &str,
    from: i64,
    to: i64,
) -> Result<Vec<FieldDiff>, ApiError> {
    with_store!(kind, store => changes_of(pool, store, slug, from, to).await)
}

/// Makes an old version the newest one again.
pub async fn restore(
    pool: &SqlitePool,
    user: &UserInfo,
    kind: DocKind,
    slug: &str,
    version: i64,
    base_version: i64,
) -> Result<Saved, ApiError> {
    with_store!(kind, store => restore_of(pool, user, store, slug, version, base_version).await)
}

/// The id of a document by slug, in the trash or not.
pub(super) async fn id_of(conn: &mut SqliteConnection, kind: DocKind, slug: &str) -> Result<i64, ApiError> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT id FROM ");
    q.push(kind.table()).push(" WHERE slug = ").push_bind(slug);
    q.build_query_scalar().fetch_optional(&mut *conn).await?.ok_or(ApiError::NotFound)
}

/// Moves a document to the trash (or back out of it), and out of (or back into) search.
pub async fn set_trashed(pool: &SqlitePool, kind: DocKind, slug: &str, trashed: bool) -> Result<(), ApiError> {
    if !kind.can_trash() {
        return Err(ApiError::Invalid("Trang nội dung không thể chuyển vào thùng rác.".into()));
    }
    let mut tx = super::begin_write(pool).await?;
    let id = id_of(&mut tx, kind, slug).await?;
    let now = super::now();
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(kind.table()).push(" SET deleted_at = ").push_bind(trashed.then_some(now));
    q.push(", updated_at = ").push_bind(now).push(" WHERE id = ").push_bind(id);
    q.build().execute(&mut *tx).await?;
    super::search::sync(&mut tx, kind.search_kind(), id).await?;
    tx.commit().await?;
    Ok(())
}

/// Everything in the trash, newest first.
pub async fn trash(pool: &SqlitePool) -> Result<Vec<TrashItem>, ApiError> {
    let mut items = Vec::new();
    for kind in DocKind::all().filter(|k| k.can_trash()) {
        let mut q = QueryBuilder::<Sqlite>::new("SELECT slug, CAST(");
        q.push(kind.title_column()).push(" AS TEXT), deleted_at FROM ").push(kind.table());
        q.push(" WHERE deleted_at IS NOT NULL");
        let rows: Vec<(String, String, i64)> = q.build_query_as().fetch_all(pool).await?;
        items.extend(rows.into_iter().map(|(slug, title, at)| TrashItem {
            kind,
            slug,
            title: title.chars().take(120).collect(),
            deleted: vn_time(at),
        }));
    }
    items.sort_by(|a, b| b.deleted.iso.cmp(&a.deleted.iso));
    Ok(items)
}
