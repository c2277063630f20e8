//! The items of each RSS feed (`crate::feeds`): only what readers see (published, not in the
//! trash, its time come), newest first, at most `FEED_ITEMS`.

use super::time::parse_local;
use crate::error::ApiError;
use crate::feeds::{Feed, FeedItem, FEED_ITEMS};
use crate::model::article_href;
use crate::records::RecordKind;
use sqlx::SqlitePool;

/// A record's day ("YYYY-MM-DD") as the Unix time of its midnight in Viet Nam.
fn day_start(day: &str) -> i64 {
    parse_local(&format!("{day} 00:00:00")).unwrap_or(0)
}

/// The summary of an item: its text on one line, cut at a word near `max` characters.
fn summary(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).to_string();
    format!("{cut} …")
}

const SUMMARY_CHARS: usize = 400;

/// The feed's title and items; a category that does not exist is not found.
pub async fn items(pool: &SqlitePool, feed: &Feed, now: i64) -> Result<(String, Vec<FeedItem>), ApiError> {
    type Row = (String, String, String, i64, i64);
    let to_items = |rows: Vec<Row>, path: &dyn Fn(&str) -> String| -> Vec<FeedItem> {
        rows.into_iter()
            .map(|(title, slug, text, published, updated)| FeedItem {
                title,
                path: path(&slug),
                summary: summary(&text, SUMMARY_CHARS),
                published,
                updated,
            })
            .collect()
    };
    match feed {
        Feed::News | Feed::Category(_) => {
            let (slug, name) = match feed {
                Feed::Category(slug) => {
                    let name: Option<String> = sqlx::query_scalar("SELECT name FROM categories WHERE slug = ?1")
                        .bind(slug)
                        .fetch_optional(pool)
                        .await?;
                    (Some(slug.as_str()), Some(name.ok_or(ApiError::NotFound)?))
                }
                _ => (None, None),
            };
            let rows: Vec<Row> = sqlx::query_as(
                "WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE slug = ?1 \
                 UNION SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) \
                 SELECT title, slug, lead, published_at, updated_at FROM articles \
                 WHERE status = 'published' AND deleted_at IS NULL AND published_at <= ?2 \
                 AND (?1 IS NULL OR category_id IN (SELECT id FROM tree)) \
                 ORDER BY published_at DESC, id DESC LIMIT ?3",
            )
            .bind(slug)
            .bind(now)
            .bind(FEED_ITEMS)
            .fetch_all(pool)
            .await?;
            Ok((feed.title(name.as_deref()), to_items(rows, &article_href)))
        }
        Feed::Resolutions => {
            let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
                "SELECT 'Nghị quyết số ' || number, slug, abstract, signed_on, updated_at FROM resolutions \
                 WHERE deleted_at IS NULL ORDER BY signed_on DESC, id DESC LIMIT ?1",
            )
            .bind(FEED_ITEMS)
            .fetch_all(pool)
            .await?;
            let rows = rows.into_iter().map(|(t, s, a, day, u)| (t, s, a, day_start(&day), u)).collect();
            Ok((feed.title(None), to_items(rows, &|s| RecordKind::Resolution.href(s, &[]))))
        }
        Feed::Petitions => {
            let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
                "SELECT 'Trả lời kiến nghị của cử tri ' || locality || ' (' || agency || ')', slug, \
                 text || ' — Trả lời: ' || COALESCE(answer, ''), answered_on, updated_at FROM petitions \
                 WHERE deleted_at IS NULL AND status = 'da-tra-loi' AND answered_on IS NOT NULL \
                 ORDER BY answered_on DESC, id DESC LIMIT ?1",
            )
            .bind(FEED_ITEMS)
            .fetch_all(pool)
            .await?;
            let rows = rows.into_iter().map(|(t, s, a, day, u)| (t, s, a, day_start(&day), u)).collect();
            Ok((feed.title(None), to_items(rows, &|s| RecordKind::Petition.href(s, &[]))))
        }
        Feed::Questions => {
            let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
                "SELECT title, slug, text || ' — Trả lời: ' || COALESCE(answer, ''), answered_on, updated_at \
                 FROM questions WHERE deleted_at IS NULL AND status = 'da-tra-loi' AND answered_on IS NOT NULL \
                 ORDER BY answered_on DESC, id DESC LIMIT ?1",
            )
            .bind(FEED_ITEMS)
            .fetch_all(pool)
            .await?;
            let rows = rows.into_iter().map(|(t, s, a, day, u)| (t, s, a, day_start(&day), u)).collect();
            Ok((feed.title(None), to_items(rows, &|s| RecordKind::Question.href(s, &[]))))
        }
    }
}

/// Every feed, for the `/rss` page: the four of the portal, then one per category.
pub async fn all(pool: &SqlitePool) -> Result<Vec<(String, String)>, ApiError> {
    let mut feeds: Vec<(String, String)> = [Feed::News, Feed::Resolutions, Feed::Petitions, Feed::Questions]
        .iter()
        .map(|f| (f.title(None), f.href()))
        .collect();
    let categories: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, name FROM categories ORDER BY parent_id IS NOT NULL, position, name")
            .fetch_all(pool)
            .await?;
    for (slug, name) in categories {
        let feed = Feed::Category(slug);
        feeds.push((feed.title(Some(&name)), feed.href()));
    }
    Ok(feeds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_one_line_and_cut_at_a_word() {
        assert_eq!(summary("Một  dòng\nngắn", 50), "Một dòng ngắn");
        assert_eq!(summary("Kỳ họp thứ mười của Hội đồng", 12), "Kỳ họp thứ …");
    }
}
