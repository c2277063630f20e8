//! What the sitemap lists: every page readers can reach and a search engine should know, with
//! its last change. Records come from the same queries as search (`search::documents`), so
//! drafts, the trash and scheduled articles are never listed; calendar entries are reached
//! through their calendars' pages (their own addresses are anchors in a week).

use super::search::documents;
use crate::error::ApiError;
use crate::search::SearchKind;
use sqlx::SqlitePool;

/// A sitemap part lists at most this many addresses (the sitemaps.org limit).
pub const PART_URLS: usize = 50_000;

/// An address (a path) and when its content last changed (Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub path: String,
    pub lastmod: i64,
}

/// The list pages and what each lists: a page changes when one of its items does.
const LISTS: &[(&str, Option<SearchKind>)] = &[
    ("/", Some(SearchKind::Article)),
    ("/nghi-quyet", Some(SearchKind::Resolution)),
    ("/kien-nghi", Some(SearchKind::Petition)),
    ("/giam-sat", Some(SearchKind::Supervision)),
    ("/dai-bieu", Some(SearchKind::Person)),
    ("/tai-lieu-ky-hop", Some(SearchKind::Sitting)),
    ("/hoi-dap", Some(SearchKind::Question)),
    ("/so-do-trang", Some(SearchKind::Page)),
    ("/rss", Some(SearchKind::Article)),
    ("/chinh-sach-bao-mat", None),
    ("/du-lieu-mo", None),
    ("/dang-ky", None),
];

/// Every address, in a stable order: the list pages, the calendars, the categories, then each
/// kind's documents oldest first (so parts keep their addresses as new ones are added).
pub async fn all(pool: &SqlitePool, now: i64) -> Result<Vec<Listed>, ApiError> {
    // The newest change of each kind, by its code.
    let mut newest: std::collections::HashMap<i64, i64> = Default::default();
    let mut records = Vec::new();
    for kind in SearchKind::ALL.into_iter().filter(|k| *k != SearchKind::Event) {
        // Only the columns an address needs (SQLite leaves the bodies unread).
        let rows: Vec<(String, Option<String>, Option<String>, i64)> = sqlx::query_as(&format!(
            "SELECT slug, calendar, day, updated_at FROM ({}) WHERE visible_from <= ?2 ORDER BY id",
            documents::source(kind)
        ))
        .bind(None::<i64>)
        .bind(now)
        .fetch_all(pool)
        .await?;
        for (slug, calendar, day, updated_at) in rows {
            let at = newest.entry(kind.code()).or_insert(0);
            *at = (*at).max(updated_at);
            let path = documents::href(kind, &slug, calendar.as_deref(), day.as_deref());
            records.push(Listed { path, lastmod: updated_at });
        }
    }
    let latest = newest.values().copied().max().unwrap_or(0);
    let mut out: Vec<Listed> = LISTS
        .iter()
        .map(|(path, kind)| Listed {
            path: path.to_string(),
            lastmod: kind.and_then(|k| newest.get(&k.code()).copied()).unwrap_or(latest),
        })
        .collect();
    let calendars: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT c.key, (SELECT MAX(updated_at) FROM calendar_events e WHERE e.calendar = c.key AND e.deleted_at IS NULL) \
         FROM (SELECT 'hdnd' AS key UNION ALL SELECT 'doan-dbqh' UNION ALL SELECT 'tiep-cong-dan' UNION ALL SELECT 'tiep-xuc-cu-tri') c",
    )
    .fetch_all(pool)
    .await?;
    debug_assert_eq!(calendars.len(), crate::records::CALENDARS.len());
    out.extend(
        calendars.into_iter().map(|(key, at)| Listed { path: format!("/lich/{key}"), lastmod: at.unwrap_or(latest) }),
    );
    let categories: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT c.slug, (SELECT MAX(a.updated_at) FROM articles a WHERE a.category_id = c.id AND a.status = 'published' \
         AND a.deleted_at IS NULL AND a.published_at <= ?1) FROM categories c ORDER BY c.id",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    out.extend(
        categories
            .into_iter()
            .map(|(slug, at)| Listed { path: format!("/chuyen-muc/{slug}"), lastmod: at.unwrap_or(latest) }),
    );
    let english: Vec<(String, i64)> =
        sqlx::query_as("SELECT slug, updated_at FROM pages WHERE lang = 'en' ORDER BY position, id")
            .fetch_all(pool)
            .await?;
    out.extend(english.into_iter().map(|(slug, at)| Listed { path: crate::english::href(&slug), lastmod: at }));
    let library = super::photos::listed(pool).await?;
    let library_changed = library.iter().map(|(_, at)| *at).max().unwrap_or(latest);
    out.push(Listed { path: crate::photos::LIBRARY_HREF.to_string(), lastmod: library_changed });
    out.extend(library.into_iter().map(|(path, lastmod)| Listed { path, lastmod }));
    out.extend(records);
    Ok(out)
}

/// How many parts `count` addresses take (at least one, so the index is never empty).
pub fn parts(count: usize, per_part: usize) -> usize {
    count.div_ceil(per_part.max(1)).max(1)
}
