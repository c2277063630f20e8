//! The search index (SQLite FTS5) and searching it.
//!
//! Every public thing has one row, whose rowid is `id * 16 + kind code`. Writers call `sync`
//! inside their transaction, so the index changes with the data or not at all; a record that
//! is not public (a draft, something in the trash) simply has no row.

use crate::error::ApiError;
use crate::fold;
use crate::model::{article_href, page_href};
use crate::records::{event_href, RecordKind};
use crate::resolution::vn_date;
use crate::search::*;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

/// What one kind contributes: (id, slug, calendar (entries only), day as YYYY-MM-DD, visible
/// from, title, body, body is HTML). `?1` is one id, or NULL for all.
fn source(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Article => {
            "SELECT id, slug, NULL AS calendar, date(published_at, 'unixepoch', '+7 hours') AS day, \
             published_at AS visible_from, title, lead || ' ' || body_html AS body, 1 AS html \
             FROM articles WHERE status = 'published' AND deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Page => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, title, \
             description || ' ' || body_html AS body, 1 AS html FROM pages WHERE (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Resolution => {
            "SELECT id, slug, NULL AS calendar, signed_on AS day, 0 AS visible_from, \
             'Nghị quyết số ' || number AS title, \
             abstract || ' — ' || issuer || ', khóa ' || term || ', ban hành năm ' || year || '. Người ký: ' || signer AS body, \
             0 AS html FROM resolutions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Petition => {
            "SELECT id, slug, NULL AS calendar, raised_on AS day, 0 AS visible_from, \
             'Kiến nghị của cử tri ' || locality || ' (' || agency || ')' AS title, \
             text || ' ' || COALESCE('Trả lời: ' || NULLIF(answer, ''), '') || ' ' || meeting AS body, 0 AS html \
             FROM petitions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Supervision => {
            "SELECT id, slug, NULL AS calendar, period_to AS day, 0 AS visible_from, topic AS title, \
             'Đơn vị được giám sát: ' || units || '. ' || findings AS body, 0 AS html \
             FROM supervisions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Event => {
            "SELECT id, slug, calendar, \
             date(starts_at, 'unixepoch', '+7 hours') AS day, 0 AS visible_from, content AS title, \
             'Địa điểm: ' || place || '. Thành phần: ' || participants AS body, 0 AS html \
             FROM calendar_events WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Person => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, name AS title, \
             position || '. ' || workplace || '. ' || bio AS body, 0 AS html \
             FROM people WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Body => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, name AS title, duties AS body, 0 AS html \
             FROM bodies WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Sitting => {
            "SELECT s.id, s.slug, NULL AS calendar, s.starts_on AS day, 0 AS visible_from, s.title, \
             COALESCE((SELECT group_concat(f.title, '. ') FROM attachments f WHERE f.kind = 'sitting' AND f.record_id = s.id), '') AS body, \
             0 AS html FROM sittings s WHERE s.deleted_at IS NULL AND (?1 IS NULL OR s.id = ?1)"
        }
    }
}

#[derive(FromRow)]
struct Doc {
    id: i64,
    slug: String,
    calendar: Option<String>,
    day: Option<String>,
    visible_from: i64,
    title: String,
    body: String,
    html: bool,
}

/// Where a result leads: the same addresses the site uses everywhere.
fn url(kind: SearchKind, doc: &Doc) -> String {
    let record = match kind {
        SearchKind::Article => return article_href(&doc.slug),
        SearchKind::Page => return page_href(&doc.slug),
        SearchKind::Event => {
            return event_href(
                doc.calendar.as_deref().unwrap_or_default(),
                doc.day.as_deref().unwrap_or_default(),
                &doc.slug,
            )
        }
        SearchKind::Resolution => RecordKind::Resolution,
        SearchKind::Petition => RecordKind::Petition,
        SearchKind::Supervision => RecordKind::Supervision,
        SearchKind::Person => RecordKind::Person,
        SearchKind::Body => RecordKind::Body,
        SearchKind::Sitting => RecordKind::Sitting,
    };
    record.href(&doc.slug, &[])
}

async fn insert_docs(conn: &mut SqliteConnection, kind: SearchKind, id: Option<i64>) -> Result<u64, ApiError> {
    let docs: Vec<Doc> = sqlx::query_as(source(kind)).bind(id).fetch_all(&mut *conn).await?;
    let now = super::now();
    let mut n = 0;
    for doc in docs {
        let rowid = doc.id * 16 + kind.code();
        if doc.visible_from > now {
            sqlx::query("INSERT OR REPLACE INTO search_pending (rowid, visible_from) VALUES (?1, ?2)")
                .bind(rowid)
                .bind(doc.visible_from)
                .execute(&mut *conn)
                .await?;
        }
        let href = url(kind, &doc);
        let body = if doc.html { crate::sanitize::html_to_text(&doc.body) } else { doc.body };
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        sqlx::query(
            "INSERT INTO search_index (rowid, kind, url, day, title, body, folded_title, folded_body) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(rowid)
        .bind(kind.key())
        .bind(href)
        .bind(doc.day.as_deref().map(vn_date).unwrap_or_default())
        .bind(&doc.title)
        .bind(&body)
        .bind(fold::fold(&doc.title))
        .bind(fold::fold(&body))
        .execute(&mut *conn)
        .await?;
        n += 1;
    }
    Ok(n)
}

/// Brings one record's entry up to date (removed if it is no longer public). Call it in the
/// transaction that changed the record.
pub async fn sync(conn: &mut SqliteConnection, kind: SearchKind, id: i64) -> Result<(), ApiError> {
    let rowid = id * 16 + kind.code();
    sqlx::query("DELETE FROM search_index WHERE rowid = ?1").bind(rowid).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM search_pending WHERE rowid = ?1").bind(rowid).execute(&mut *conn).await?;
    insert_docs(conn, kind, Some(id)).await?;
    Ok(())
}

/// Rebuilds the whole index; returns how many entries it has.
pub async fn rebuild(pool: &SqlitePool) -> Result<u64, ApiError> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query("DELETE FROM search_index").execute(&mut *tx).await?;
    sqlx::query("DELETE FROM search_pending").execute(&mut *tx).await?;
    let mut n = 0;
    for kind in SearchKind::ALL {
        n += insert_docs(&mut tx, kind, None).await?;
    }
    sqlx::query("INSERT INTO search_index (search_index) VALUES ('optimize')").execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(n)
}

/// Rebuilds the index if it is empty while there is something to index (a database made
/// before search existed, or filled by hand).
pub async fn ensure_built(pool: &SqlitePool) -> Result<(), ApiError> {
    let indexed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT 1 FROM search_index LIMIT 1)").fetch_one(pool).await?;
    if indexed == 0 {
        let n = rebuild(pool).await?;
        tracing::info!(entries = n, "search index built");
    }
    Ok(())
}

#[derive(FromRow)]
struct Hit {
    kind: String,
    url: String,
    day: String,
    title: String,
    body: String,
}

const FOLDED: &str = "folded_title folded_body";
/// Leaves out entries whose time has not come (`?2` is now).
const NOT_PENDING: &str = "rowid NOT IN (SELECT rowid FROM search_pending WHERE visible_from > ?2)";
const EXACT: &str = "title body";
const SNIPPET_CHARS: usize = 220;

pub async fn search(pool: &SqlitePool, query: &SearchQuery) -> Result<SearchResults, ApiError> {
    let started = std::time::Instant::now();
    let terms = fold::terms(&query.q);
    let Some(matcher) = fold::fts_query(FOLDED, &terms) else {
        return Ok(SearchResults { page: 1, total_pages: 1, ..Default::default() });
    };
    let now = super::now();
    // The kind is in the rowid (`id * 16 + code`), so counting and filtering by kind read only
    // the full-text index, not the stored text.
    let counted: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT rowid % 16, COUNT(*) FROM search_index WHERE search_index MATCH ?1 AND {NOT_PENDING} GROUP BY rowid % 16"
    ))
    .bind(&matcher)
    .bind(now)
    .fetch_all(pool)
    .await?;
    let counts: Vec<(SearchKind, u64)> = SearchKind::ALL
        .into_iter()
        .filter_map(|k| counted.iter().find(|(code, _)| *code == k.code()).map(|(_, n)| (k, (*n).max(0) as u64)))
        .collect();
    let total: u64 = counts.iter().filter(|(k, _)| query.kind.is_none_or(|q| q == *k)).map(|(_, n)| n).sum();
    let total_pages = total.div_ceil(RESULTS_PER_PAGE as u64).max(1) as u32;
    if query.page > total_pages {
        return Err(ApiError::NotFound);
    }
    // Ranking: exact-diacritic matches first (when the query has diacritics), then the
    // resolution whose number the query names, then bm25 with titles weighing most.
    let exact_terms = fold::exact_terms(&query.q);
    let exact = fold::fts_query(EXACT, &exact_terms);
    let number = fold::resolution_number(&query.q);
    // Only fixed fragments go into the SQL; every value is bound (SQLite numbers parameters
    // up to the highest one used, so unused ones may be bound).
    let exact_order = if exact.is_some() {
        "rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH ?4) DESC,"
    } else {
        ""
    };
    let number_order = if number.is_some() {
        "rowid IN (SELECT id * 16 + 3 FROM resolutions WHERE seq = ?5 AND year = ?6) DESC,"
    } else {
        ""
    };
    let sql = format!(
        "SELECT kind, url, day, title, body FROM search_index \
         WHERE search_index MATCH ?1 AND {NOT_PENDING} AND (?3 IS NULL OR rowid % 16 = ?3) \
         ORDER BY {exact_order} {number_order} bm25(search_index, 0, 0, 0, 0, 0, 10.0, 1.0) \
         LIMIT ?7 OFFSET ?8"
    );
    let rows: Vec<Hit> = sqlx::query_as(&sql)
        .bind(&matcher)
        .bind(now)
        .bind(query.kind.map(SearchKind::code))
        .bind(exact)
        .bind(number.map(|n| n.0))
        .bind(number.map(|n| n.1))
        .bind(RESULTS_PER_PAGE as i64)
        .bind(((query.page - 1) * RESULTS_PER_PAGE) as i64)
        .fetch_all(pool)
        .await?;
    let hits = rows
        .into_iter()
        .filter_map(|h| {
            Some(SearchHit {
                kind: SearchKind::parse(&h.kind)?,
                url: h.url,
                day: h.day,
                title: fold::highlight(&h.title, &terms),
                snippet: fold::snippet(&h.body, &terms, SNIPPET_CHARS),
            })
        })
        .collect();
    Ok(SearchResults {
        hits,
        total,
        page: query.page,
        total_pages,
        counts,
        took_ms: started.elapsed().as_millis() as u64,
    })
}
