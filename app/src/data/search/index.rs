//! The index on disk (tantivy, under `DATA_DIR/search`) and its one writer, which keeps it in
//! step with SQLite.
//!
//! Writers never touch the index: they add a row to `search_outbox` in their own transaction
//! (`super::sync`). [`SearchIndex::catch_up`] applies the rows it has not applied yet and
//! commits the index with, in the commit itself, the last row applied. So a crash between the
//! SQLite commit and the index commit loses nothing: the next catch-up (at start-up at the
//! latest) applies the rows again, and applying a row twice changes nothing.
//!
//! The index is rebuilt from SQLite when it is missing or unreadable, when its schema version
//! is not this one, when it was built from another database (a restored backup), or when the
//! outbox asks for it (entry 0, after content is loaded in bulk).

use super::documents::{self, Doc};
use super::tokenizer;
use crate::error::ApiError;
use crate::search::{day_number, SearchKind};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError, Weak};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Bumped whenever the schema or the tokenizers change: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;
/// Outbox rows applied per index commit.
const BATCH: i64 = 5_000;
/// The indexing threads and their memory (tantivy flushes a segment when it is full). Their
/// arenas are only filled while indexing, so an idle writer costs little.
const WRITER_THREADS: usize = 2;
const WRITER_MEMORY: usize = 64_000_000;
/// Threads one search spreads its segments over.
const SEARCH_THREADS: usize = 2;
/// The fault-injection switch: when this variable is set, the process aborts after preparing
/// an index commit and before making it, as a crash would (used by the crash test).
pub const CRASH_BEFORE_INDEX_COMMIT: &str = "HDND_CRASH_BEFORE_INDEX_COMMIT";

/// The index's fields.
pub(super) struct Fields {
    /// `id * 16 + kind code`: one entry per public record.
    pub key: Field,
    pub kind: Field,
    /// The result's day as a number (20220620), 0 for none: for sorting and date ranges.
    pub date: Field,
    /// Not to be found before this time (a scheduled article), in Unix seconds.
    pub visible_from: Field,
    /// Folded words (what queries match), stored as written (what results show).
    pub title: Field,
    pub body: Field,
    /// Title and body with diacritics, to rank exact matches first.
    pub exact: Field,
    /// Every start of every title word ("ng", "ngh", "nghi"): a word being typed is one term,
    /// not a union of all the words it starts.
    pub title_starts: Field,
    /// A resolution's number as "seq/year".
    pub number: Field,
    pub url: Field,
    /// The day shown with a result, "dd/mm/yyyy".
    pub day: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let folded = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer::FOLDED)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::EXACT)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let starts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::STARTS)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let fields = Fields {
        key: b.add_u64_field("key", NumericOptions::default().set_indexed().set_fast()),
        kind: b.add_u64_field("kind", FAST | STORED),
        date: b.add_i64_field("date", FAST),
        visible_from: b.add_i64_field("visible_from", FAST),
        title: b.add_text_field("title", folded.clone()),
        body: b.add_text_field("body", folded),
        exact: b.add_text_field("exact", exact),
        title_starts: b.add_text_field("title_starts", starts),
        number: b.add_text_field("number", STRING),
        url: b.add_text_field("url", STORED),
        day: b.add_text_field("day", STORED),
    };
    (b.build(), fields)
}

/// What the index records about itself in each commit.
#[derive(Serialize, Deserialize, Default, Debug, Clone, PartialEq)]
struct Payload {
    schema: u32,
    /// The last outbox row applied.
    applied: i64,
    /// The full build this index comes from; the database names the same one.
    index_id: String,
}

struct Writer {
    writer: IndexWriter,
    payload: Payload,
    /// Whether the index has been checked against the database since it was opened.
    checked: bool,
}

pub struct SearchIndex {
    pool: SqlitePool,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    writer: tokio::sync::Mutex<Writer>,
    /// The write generation (`data::generation`) the index last caught up at.
    seen: AtomicU64,
}

/// The indexes open in this process, by directory: one writer per index.
static OPEN: LazyLock<Mutex<HashMap<PathBuf, Weak<SearchIndex>>>> = LazyLock::new(Default::default);

/// The file tantivy locks while a writer is open.
const WRITER_LOCK: &str = ".tantivy-writer.lock";

fn in_use() -> ApiError {
    ApiError::Invalid(
        "Chỉ mục tìm kiếm đang được một tiến trình khác dùng (cổng thông tin đang chạy?). Hãy dừng tiến trình đó rồi thử lại."
            .into(),
    )
}

fn io_error(what: &str, e: std::io::Error) -> ApiError {
    tracing::error!(error = %e, "search index: {what}");
    ApiError::Server
}

fn open_index(dir: &Path) -> tantivy::Result<(Index, IndexReader, Payload)> {
    let (schema, _) = schema();
    let mut index = Index::open_or_create(MmapDirectory::open(dir)?, schema)?;
    // A query's segments are searched in parallel: lower latency for one search (the index
    // has several segments; throughput under load stays the same).
    index.set_multithread_executor(SEARCH_THREADS)?;
    tokenizer::register(&index);
    let payload =
        index.load_metas()?.payload.and_then(|p| serde_json::from_str::<Payload>(&p).ok()).unwrap_or_default();
    let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    // Reading every segment's files now finds a damaged index at start-up.
    let searcher: tantivy::Searcher = reader.searcher();
    for segment in searcher.segment_readers() {
        segment.get_store_reader(0)?;
    }
    Ok((index, reader, payload))
}

/// Drops what a failed catch-up or rebuild gave the writer and did not commit, so that the
/// next commit cannot make half of it public (half a rebuild would be an index missing most
/// entries).
fn discard(w: &mut Writer) {
    if let Err(e) = w.writer.rollback() {
        tracing::error!(error = %e, "search index: uncommitted changes not discarded");
    }
}

impl SearchIndex {
    /// The index in `dir` for the database behind `pool`, opened once per process (a second
    /// call gives the same one). A missing or unreadable index is created empty, to be built
    /// at the first catch-up.
    pub fn open(dir: &Path, pool: SqlitePool) -> Result<Arc<SearchIndex>, ApiError> {
        std::fs::create_dir_all(dir).map_err(|e| io_error("cannot create its directory", e))?;
        let dir = dir.canonicalize().map_err(|e| io_error("cannot find its directory", e))?;
        let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        open.retain(|_, index| index.strong_count() > 0);
        if let Some(index) = open.get(&dir).and_then(Weak::upgrade) {
            return Ok(index);
        }
        let (index, reader, payload) = match open_index(&dir) {
            Ok(opened) => opened,
            Err(e) => {
                // Only a process that could write the index may replace it: a portal running
                // on it holds the writer's lock (and a read may have failed only because its
                // writer was changing files).
                let lock = std::fs::OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(dir.join(WRITER_LOCK))
                    .map_err(|e| io_error("cannot open the writer's lock", e))?;
                if lock.try_lock().is_err() {
                    return Err(in_use());
                }
                tracing::warn!(error = %e, dir = %dir.display(), "search index unreadable: starting a new one");
                std::fs::remove_dir_all(&dir).map_err(|e| io_error("cannot remove the damaged index", e))?;
                std::fs::create_dir_all(&dir).map_err(|e| io_error("cannot create its directory", e))?;
                drop(lock);
                open_index(&dir)?
            }
        };
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => in_use(),
            other => other.into(),
        })?;
        let (_, fields) = schema();
        let index = Arc::new(SearchIndex {
            pool,
            reader,
            fields,
            writer: tokio::sync::Mutex::new(Writer { writer, payload, checked: false }),
            seen: AtomicU64::new(u64::MAX),
        });
        open.insert(dir, Arc::downgrade(&index));
        Ok(index)
    }

    /// Makes sure every write committed in this process so far is searchable. Cheap when
    /// nothing was written since the last call.
    pub async fn refresh(&self) -> Result<(), ApiError> {
        if self.seen.load(Ordering::Acquire) == super::super::generation() {
            return Ok(());
        }
        self.catch_up().await
    }

    /// Applies every outbox row not applied yet (rebuilding the index if it must be), and
    /// commits. Returns once the changes are searchable.
    pub async fn catch_up(&self) -> Result<(), ApiError> {
        let mut w = self.writer.lock().await;
        let result = self.catch_up_locked(&mut w).await;
        if result.is_err() {
            discard(&mut w);
        }
        result
    }

    async fn catch_up_locked(&self, w: &mut Writer) -> Result<(), ApiError> {
        // Writes committed before this point are in the outbox rows read below.
        let generation = super::super::generation();
        if !w.checked {
            if self.must_rebuild(&w.payload).await? {
                self.rebuild_locked(w, &|_, _| {}).await?;
            }
            w.checked = true;
        }
        loop {
            let rows: Vec<(i64, i64)> =
                sqlx::query_as("SELECT seq, doc FROM search_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2")
                    .bind(w.payload.applied)
                    .bind(BATCH)
                    .fetch_all(&self.pool)
                    .await?;
            let Some(&(last, _)) = rows.last() else { break };
            if rows.iter().any(|(_, doc)| *doc == 0) {
                self.rebuild_locked(w, &|_, _| {}).await?;
                continue;
            }
            let docs: BTreeSet<i64> = rows.iter().map(|(_, doc)| *doc).collect();
            for doc in docs {
                w.writer.delete_term(Term::from_field_u64(self.fields.key, doc as u64));
                let Some(kind) = SearchKind::from_code(doc % 16) else { continue };
                let found: Vec<Doc> =
                    sqlx::query_as(documents::source(kind)).bind(doc / 16).fetch_all(&self.pool).await?;
                for d in &found {
                    w.writer.add_document(self.document(kind, d))?;
                }
            }
            let payload = Payload { applied: last, ..w.payload.clone() };
            self.commit(&mut w.writer, &payload, true)?;
            w.payload = payload;
            self.prune(last).await;
            if (rows.len() as i64) < BATCH {
                break;
            }
        }
        self.seen.store(generation, Ordering::Release);
        Ok(())
    }

    /// Rebuilds the whole index from the database; `progress(done, total)` is told as it goes.
    /// Returns the number of entries.
    pub async fn rebuild(&self, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64, ApiError> {
        let mut w = self.writer.lock().await;
        match self.rebuild_locked(&mut w, progress).await {
            Ok(n) => {
                w.checked = true;
                Ok(n)
            }
            Err(e) => {
                discard(&mut w);
                Err(e)
            }
        }
    }

    /// The number of entries searchable now.
    pub fn entries(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    async fn must_rebuild(&self, payload: &Payload) -> Result<bool, ApiError> {
        let index_id: Option<String> =
            sqlx::query_scalar("SELECT index_id FROM search_state WHERE id = 1").fetch_optional(&self.pool).await?;
        let last: i64 =
            sqlx::query_scalar("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'search_outbox'), 0)")
                .fetch_one(&self.pool)
                .await?;
        let why = if payload.schema != SCHEMA_VERSION {
            "its schema version differs"
        } else if index_id.as_deref() != Some(payload.index_id.as_str()) {
            "it was built from another database"
        } else if payload.applied > last {
            "it is ahead of the database (a restored backup)"
        } else {
            return Ok(false);
        };
        tracing::info!("search index rebuilt: {why}");
        Ok(true)
    }

    async fn rebuild_locked(&self, w: &mut Writer, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64, ApiError> {
        // One read transaction: the rows indexed and the outbox position are one snapshot.
        let mut tx = self.pool.begin().await?;
        let last: i64 =
            sqlx::query_scalar("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'search_outbox'), 0)")
                .fetch_one(&mut *tx)
                .await?;
        let mut total = 0u64;
        for kind in SearchKind::ALL {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({})", documents::source(kind)))
                .bind(None::<i64>)
                .fetch_one(&mut *tx)
                .await?;
            total += n.max(0) as u64;
        }
        w.writer.delete_all_documents()?;
        let mut done = 0u64;
        for kind in SearchKind::ALL {
            let mut rows = sqlx::query_as::<_, Doc>(documents::source(kind)).bind(None::<i64>).fetch(&mut *tx);
            while let Some(d) = rows.try_next().await? {
                w.writer.add_document(self.document(kind, &d))?;
                done += 1;
                if done.is_multiple_of(1_000) {
                    progress(done, total);
                }
            }
        }
        tx.rollback().await?;
        let payload = Payload { schema: SCHEMA_VERSION, applied: last, index_id: uuid::Uuid::new_v4().to_string() };
        self.commit(&mut w.writer, &payload, false)?;
        progress(done, total);
        let mut state = super::super::write_unseen(&self.pool).await?;
        sqlx::query(
            "INSERT INTO search_state (id, index_id) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET index_id = ?1",
        )
        .bind(&payload.index_id)
        .execute(&mut *state)
        .await?;
        state.commit().await?;
        w.payload = payload;
        self.prune(last).await;
        tracing::info!(entries = done, "search index built");
        Ok(done)
    }

    fn commit(&self, writer: &mut IndexWriter, payload: &Payload, may_crash: bool) -> Result<(), ApiError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(payload).map_err(|e| {
            tracing::error!(error = %e, "search index payload");
            ApiError::Server
        })?);
        if may_crash && std::env::var_os(CRASH_BEFORE_INDEX_COMMIT).is_some() {
            tracing::error!("{CRASH_BEFORE_INDEX_COMMIT} is set: aborting before the index commit");
            std::process::abort();
        }
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Forgets outbox rows up to `applied`; left for the next time if that fails.
    async fn prune(&self, applied: i64) {
        let pruned = async {
            let mut tx = super::super::write_unseen(&self.pool).await?;
            sqlx::query("DELETE FROM search_outbox WHERE seq <= ?1").bind(applied).execute(&mut *tx).await?;
            tx.commit().await
        };
        if let Err(e) = pruned.await {
            tracing::warn!(error = %e, "search outbox not pruned");
        }
    }

    fn document(&self, kind: SearchKind, d: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let body = d.plain_body();
        let mut doc = TantivyDocument::new();
        doc.add_u64(f.key, (d.id * 16 + kind.code()) as u64);
        doc.add_u64(f.kind, kind.code() as u64);
        doc.add_i64(f.date, d.day.as_deref().and_then(day_number).unwrap_or(0));
        doc.add_i64(f.visible_from, d.visible_from);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.body, &body);
        doc.add_text(f.exact, &d.title);
        doc.add_text(f.title_starts, &d.title);
        doc.add_text(f.exact, &body);
        if let Some(number) = &d.number {
            doc.add_text(f.number, number);
        }
        doc.add_text(f.url, documents::url(kind, d));
        doc.add_text(f.day, d.day.as_deref().map(crate::resolution::vn_date).unwrap_or_default());
        doc
    }
}
