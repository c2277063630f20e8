//! Search over everything public, in an embedded search engine (tantivy) kept in step with
//! SQLite: see `index` for how. Writers only call [`sync`] in their transaction.

mod collect;
pub(crate) mod documents;
mod index;
mod query;
pub mod spelling;
mod tokenizer;

pub use index::{SearchIndex, CRASH_BEFORE_INDEX_COMMIT, SCHEMA_VERSION};

use crate::error::ApiError;
use crate::fold;
use crate::search::*;
use collect::{Collect, Found};
use sqlx::SqliteConnection;
use std::sync::Arc;
use tantivy::query::EnableScoring;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TERMINATED};

/// Marks one record's entry to be brought up to date (added, changed, or removed if it is no
/// longer public). Call it in the transaction that changed the record.
pub async fn sync(conn: &mut SqliteConnection, kind: SearchKind, id: i64) -> Result<(), ApiError> {
    sqlx::query("INSERT INTO search_outbox (doc) VALUES (?1)").bind(id * 16 + kind.code()).execute(&mut *conn).await?;
    Ok(())
}

/// Marks the whole index to be rebuilt (after content was loaded in bulk, without `sync`).
pub async fn request_rebuild(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO search_outbox (doc) VALUES (0)").execute(&mut *conn).await?;
    Ok(())
}

/// The request's search index (put in the context by the server).
pub fn index() -> Result<Arc<SearchIndex>, ApiError> {
    leptos::prelude::use_context::<Arc<SearchIndex>>().ok_or_else(|| {
        tracing::error!("no search index in context");
        ApiError::Server
    })
}

const SNIPPET_CHARS: usize = 220;
/// The deepest page served (100.000 results): deeper ones would only cost memory.
const MAX_PAGE: u32 = 10_000;

/// Applies what was written since the last search; if that fails (the database busy, the
/// disk full), the search answers from the index as it is, and the next one tries again.
async fn refresh(index: &SearchIndex) {
    if let Err(e) = index.refresh().await {
        tracing::warn!(error = %e, "search answered from an index not caught up");
    }
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string()
}

fn run(
    index: &SearchIndex,
    searcher: &Searcher,
    query: &SearchQuery,
    terms: &[String],
    limit: usize,
) -> Result<Found, ApiError> {
    let q = query::search(searcher, &index.fields, &query.q, terms);
    let collect = Collect {
        kind: query.kind.map(|k| k.code() as u64),
        from: query.from.as_deref().and_then(day_number),
        to: query.to.as_deref().and_then(day_number),
        now: super::now(),
        sort: query.sort,
        limit,
    };
    Ok(searcher.search(&*q, &collect)?)
}

pub async fn search(index: &SearchIndex, query: &SearchQuery) -> Result<SearchResults, ApiError> {
    let started = std::time::Instant::now();
    let terms = fold::terms(&query.q);
    if terms.is_empty() {
        return Ok(SearchResults { page: 1, total_pages: 1, ..Default::default() });
    }
    if query.page > MAX_PAGE {
        return Err(ApiError::NotFound);
    }
    let offset = usize::try_from(super::offset(query.page, RESULTS_PER_PAGE)?).map_err(|_| ApiError::NotFound)?;
    refresh(index).await;
    let searcher = index.reader.searcher();
    let found = run(index, &searcher, query, &terms, offset + RESULTS_PER_PAGE as usize)?;
    let counts: Vec<(SearchKind, u64)> = SearchKind::ALL
        .into_iter()
        .filter_map(|k| found.counts.get(k.code() as usize).filter(|n| **n > 0).map(|n| (k, *n)))
        .collect();
    let total: u64 = counts.iter().filter(|(k, _)| query.kind.is_none_or(|q| q == *k)).map(|(_, n)| n).sum();
    let total_pages = total.div_ceil(RESULTS_PER_PAGE as u64).max(1) as u32;
    if query.page > total_pages {
        return Err(ApiError::NotFound);
    }
    let f = &index.fields;
    let mut hits = Vec::with_capacity(RESULTS_PER_PAGE as usize);
    for address in found.top.iter().skip(offset) {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let code = doc.get_first(f.kind).and_then(|v| v.as_u64()).unwrap_or(0);
        let Some(kind) = SearchKind::from_code(code as i64) else { continue };
        hits.push(SearchHit {
            kind,
            url: text(&doc, f.url),
            day: text(&doc, f.day),
            title: fold::highlight(&text(&doc, f.title), &terms),
            snippet: fold::snippet(&text(&doc, f.body), &terms, SNIPPET_CHARS),
        });
    }
    let suggestion = if counts.is_empty() { did_you_mean(index, &searcher, query, &terms)? } else { None };
    Ok(SearchResults {
        hits,
        total,
        page: query.page,
        total_pages,
        counts,
        took_ms: started.elapsed().as_millis() as u64,
        suggestion,
    })
}

/// The corrected query, if correcting a word finds something (with the same filters).
fn did_you_mean(
    index: &SearchIndex,
    searcher: &Searcher,
    query: &SearchQuery,
    terms: &[String],
) -> Result<Option<String>, ApiError> {
    let Some(corrected) = spelling::correct(searcher, &index.fields, terms) else { return Ok(None) };
    let q = corrected.join(" ");
    let again = SearchQuery { q: q.clone(), kind: None, page: 1, ..query.clone() };
    let found = run(index, searcher, &again, &corrected, 0)?;
    Ok((found.counts.iter().sum::<u64>() > 0).then_some(q))
}

/// Matches looked at per segment for suggestions.
const SUGGEST_SCAN: usize = 200;

/// The best `SUGGESTIONS_MAX` of the first `SUGGEST_SCAN` visible matches of each segment:
/// a suggestion needs no count, so a prefix that starts half the titles costs no more than a
/// rare one.
fn first_matches(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    now: i64,
) -> Result<Vec<DocAddress>, ApiError> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut found: Vec<(f32, DocAddress)> = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let visible_from = segment.fast_fields().i64("visible_from")?.first_or_default_col(0);
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut seen = 0;
        let mut doc = scorer.doc();
        while doc != TERMINATED && seen < SUGGEST_SCAN {
            if alive.is_none_or(|a| a.is_alive(doc)) && visible_from.get_val(doc) <= now {
                found.push((scorer.score(), DocAddress::new(ord as u32, doc)));
                seen += 1;
            }
            doc = scorer.advance();
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(found.into_iter().take(SUGGESTIONS_MAX).map(|(_, address)| address).collect())
}

/// Up to `SUGGESTIONS_MAX` titles for what the visitor has typed so far, best first.
pub async fn suggest(index: &SearchIndex, q: &str) -> Result<Vec<Suggestion>, ApiError> {
    let mut terms = fold::terms(q);
    // A last word too short to be a prefix ("giao thong n") is one being started: the words
    // before it still suggest.
    if terms.len() > 1 && terms.last().is_some_and(|t| t.chars().count() < query::PREFIX_MIN_CHARS) {
        terms.pop();
    }
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    refresh(index).await;
    let searcher = index.reader.searcher();
    let top = first_matches(&searcher, &*query::titles(&index.fields, &terms), super::now())?;
    let f = &index.fields;
    let mut out = Vec::with_capacity(top.len());
    for address in top {
        let doc: TantivyDocument = searcher.doc::<TantivyDocument>(address)?;
        let code = doc.get_first(f.kind).and_then(|v| v.as_u64()).unwrap_or(0);
        let Some(kind) = SearchKind::from_code(code as i64) else { continue };
        out.push(Suggestion { kind, title: text(&doc, f.title), url: text(&doc, f.url) });
    }
    Ok(out)
}
