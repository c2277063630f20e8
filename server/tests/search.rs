//! The search engine against a real SQLite file with the demo content: order by date, date
//! ranges, "did you mean", the typeahead, whole words but a prefix for the last one, and the
//! index kept in step with SQLite through the outbox (rebuilt when missing, damaged or built
//! from another database). The crash between the two commits is in `durability.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::data::search;
use app::search::{day_number, SearchKind, SearchQuery, SearchSort};

const SEED_ARTICLE: &str =
    "/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

/// "20/06/2022" → 20220620; 0 for an undated result.
fn shown_day(day: &str) -> i64 {
    let parts: Vec<&str> = day.split('/').collect();
    match parts.as_slice() {
        [d, m, y] => day_number(&format!("{y}-{m}-{d}")).unwrap_or(0),
        _ => 0,
    }
}

/// Saves resolution `id` with its abstract set to the SQL expression `abstract`, as an editor's
/// save does: the record and its outbox row in one transaction.
async fn save_abstract(pool: &sqlx::SqlitePool, id: i64, abstract_sql: &str) {
    let mut tx = app::data::write(pool).await.unwrap();
    sqlx::query(&format!("UPDATE resolutions SET abstract = {abstract_sql} WHERE id = ?1"))
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    search::sync(&mut tx, SearchKind::Resolution, id).await.unwrap();
    tx.commit().await.unwrap();
}

/// Every hit of a query, across its pages.
async fn all_hits(pool: &sqlx::SqlitePool, query: &SearchQuery) -> Vec<app::search::SearchHit> {
    let first = common::search(pool, query).await.expect("page 1");
    let mut hits = first.hits;
    for page in 2..=first.total_pages {
        hits.extend(common::search(pool, &SearchQuery { page, ..query.clone() }).await.expect("page").hits);
    }
    assert_eq!(hits.len() as u64, first.total, "the pages hold exactly the total");
    hits
}

#[test]
fn newest_first_orders_by_day_and_keeps_the_same_results() {
    common::run(async {
        let db = common::demo_db().await;
        let relevance = SearchQuery::text("nghi quyet");
        let newest = SearchQuery { sort: SearchSort::Newest, ..relevance.clone() };
        let by_relevance = all_hits(&db.pool, &relevance).await;
        let by_day = all_hits(&db.pool, &newest).await;
        assert!(by_day.len() > 10, "enough results to span pages: {}", by_day.len());
        let days: Vec<i64> = by_day.iter().map(|h| shown_day(&h.day)).collect();
        assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first, undated last: {days:?}");
        let mut a: Vec<String> = by_relevance.iter().map(|h| h.url.clone()).collect();
        let mut b: Vec<String> = by_day.iter().map(|h| h.url.clone()).collect();
        assert_ne!(a, b, "the order differs");
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same results");
    });
}

#[test]
fn a_date_range_keeps_only_results_dated_inside_it_and_counts_agree() {
    common::run(async {
        let db = common::demo_db().await;
        let all = common::search(&db.pool, &SearchQuery::text("nghi quyet")).await.unwrap();
        let ranged = SearchQuery {
            from: Some("2022-01-01".into()),
            to: Some("2022-12-31".into()),
            ..SearchQuery::text("nghi quyet")
        };
        let hits = all_hits(&db.pool, &ranged).await;
        assert!(!hits.is_empty(), "the demo has results dated 2022");
        assert!((hits.len() as u64) < all.total, "the range leaves some out");
        for h in &hits {
            let day = shown_day(&h.day);
            assert!((20220101..=20221231).contains(&day), "{} dated {}", h.url, h.day);
        }
        // Each type's count is what that type's own search finds in the range.
        let counted = common::search(&db.pool, &ranged).await.unwrap();
        assert!(!counted.counts.is_empty());
        for (kind, n) in &counted.counts {
            let of_kind = all_hits(&db.pool, &SearchQuery { kind: Some(*kind), ..ranged.clone() }).await;
            assert_eq!(of_kind.len() as u64, *n, "{kind:?}");
            assert!(of_kind.iter().all(|h| h.kind == *kind));
        }
        // Only a start: nothing before it.
        let after =
            all_hits(&db.pool, &SearchQuery { from: Some("2023-01-01".into()), ..SearchQuery::text("nghi quyet") })
                .await;
        assert!(after.iter().all(|h| shown_day(&h.day) >= 20230101));
    });
}

#[test]
fn a_page_too_deep_is_refused_before_searching() {
    common::run(async {
        let db = common::demo_db().await;
        let deep = SearchQuery { page: u32::MAX, ..SearchQuery::text("nghi quyet") };
        assert!(matches!(common::search(&db.pool, &deep).await, Err(app::error::ApiError::NotFound)));
    });
}

#[test]
fn a_misspelt_query_is_offered_the_corrected_one() {
    common::run(async {
        let db = common::demo_db().await;
        let typo = common::search(&db.pool, &SearchQuery::text("nghi quyiet")).await.unwrap();
        assert_eq!(typo.total, 0);
        assert_eq!(typo.suggestion.as_deref(), Some("nghi quyet"));
        // Two letters swapped.
        let swapped = common::search(&db.pool, &SearchQuery::text("nghi quyte")).await.unwrap();
        assert_eq!((swapped.total, swapped.suggestion.as_deref()), (0, Some("nghi quyet")));
        let fine = common::search(&db.pool, &SearchQuery::text("nghi quyet")).await.unwrap();
        assert!(fine.total > 0 && fine.suggestion.is_none(), "no suggestion when something is found");
        let hopeless = common::search(&db.pool, &SearchQuery::text("xyzkhongco")).await.unwrap();
        assert_eq!((hopeless.total, hopeless.suggestion), (0, None), "nothing one letter away");
    });
}

#[test]
fn only_the_last_word_is_a_prefix() {
    common::run(async {
        let db = common::demo_db().await;
        let typing = common::search(&db.pool, &SearchQuery::text("dau tie")).await.unwrap();
        assert!(typing.total > 0, "the last word as typed so far");
        let reversed = common::search(&db.pool, &SearchQuery::text("tie dau")).await.unwrap();
        assert_eq!(reversed.total, 0, "a word before the last must be whole");
        let whole = common::search(&db.pool, &SearchQuery::text("dau tieng")).await.unwrap();
        assert!(whole.total <= typing.total);
    });
}

#[test]
fn suggestions_are_titles_for_what_has_been_typed() {
    common::run(async {
        let db = common::demo_db().await;
        let index = common::search_index(&db.pool).await;
        let found = search::suggest(&index, "trien khai de an thanh ph").await.unwrap();
        assert!(found.iter().any(|s| s.url == SEED_ARTICLE && s.kind == SearchKind::Article), "{found:?}");
        let many = search::suggest(&index, "hoi dong").await.unwrap();
        assert!(!many.is_empty() && many.len() <= app::search::SUGGESTIONS_MAX, "{}", many.len());
        for s in &many {
            let words: Vec<String> = app::fold::words(&s.title).collect();
            assert!(words.iter().any(|w| w == "hoi"), "{}", s.title);
            assert!(words.iter().any(|w| w.starts_with("dong")), "{}", s.title);
        }
        // A one-letter last word is one being started: the words before it still suggest.
        assert_eq!(search::suggest(&index, "hoi dong n").await.unwrap(), many);
        assert!(search::suggest(&index, "  ").await.unwrap().is_empty());
        assert!(search::suggest(&index, "xyzkhongco").await.unwrap().is_empty());
    });
}

#[test]
fn a_write_is_searchable_at_the_next_search_and_the_outbox_empties() {
    common::run(async {
        let db = common::demo_db().await;
        let index = common::search_index(&db.pool).await;
        let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM resolutions WHERE deleted_at IS NULL")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        save_abstract(&db.pool, id, "abstract || ' tuchuamoi'").await;
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_outbox").fetch_one(&db.pool).await.unwrap();
        assert_eq!(pending, 1, "the write left its change in the outbox");
        // No explicit catch-up: the search itself applies what was committed before it.
        let found = search::search(&index, &SearchQuery::text("tuchuamoi")).await.unwrap();
        assert_eq!(found.total, 1);
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_outbox").fetch_one(&db.pool).await.unwrap();
        assert_eq!(pending, 0, "applied rows are pruned");
        // Taking the word out again is seen as soon.
        save_abstract(&db.pool, id, "replace(abstract, ' tuchuamoi', '')").await;
        assert_eq!(search::search(&index, &SearchQuery::text("tuchuamoi")).await.unwrap().total, 0);
    });
}

#[test]
fn the_index_is_rebuilt_when_missing_damaged_or_built_from_another_database() {
    common::run(async {
        let db = common::demo_db().await;
        let dir = db._dir.path().join("search");
        let expected = {
            let index = common::search_index(&db.pool).await;
            (index.entries(), search::search(&index, &SearchQuery::text("dau tieng")).await.unwrap().total)
        };
        assert!(expected.0 > 50 && expected.1 > 0, "{expected:?}");
        let again = || async {
            let index = common::search_index(&db.pool).await;
            (index.entries(), search::search(&index, &SearchQuery::text("dau tieng")).await.unwrap().total)
        };
        // Missing.
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(again().await, expected, "rebuilt after removal");
        // Damaged: every file overwritten.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() && !path.file_name().unwrap().to_string_lossy().starts_with(".tantivy") {
                std::fs::write(&path, b"hong").unwrap();
            }
        }
        assert_eq!(again().await, expected, "rebuilt after damage");
        // Another database's index (as after restoring a backup).
        sqlx::query("UPDATE search_state SET index_id = 'mot-co-so-du-lieu-khac'").execute(&db.pool).await.unwrap();
        assert_eq!(again().await, expected);
        let id: String = sqlx::query_scalar("SELECT index_id FROM search_state").fetch_one(&db.pool).await.unwrap();
        assert_ne!(id, "mot-co-so-du-lieu-khac", "a new build names itself in the database");
    });
}
