//! The data layer against a real SQLite file with the demo content.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::data::{content, visits};
use app::error::ApiError;
use app::format;
use app::tree::flatten;

const SEED_SLUG: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

#[test]
fn the_seed_article_reads_as_on_the_original_site() {
    common::run(async {
        let db = common::demo_db().await;
        let page = content::article_page(&db.pool, SEED_SLUG, false).await.expect("seed article");
        let a = &page.article;
        assert_eq!(
            a.fields.title,
            "Triển khai Đề án xây dựng Thành phố thông minh: Khẳng định thương hiệu, vị thế Bình Dương"
        );
        assert_eq!(format::weekday_date(&a.published), "Thứ 2, 20/06/2022");
        assert!(a.fields.lead.starts_with("Từ năm 2016, Bình Dương đã mạnh dạn đổi mới mô hình phát triển"));
        assert!(a.fields.body_html.contains("<h2>Liên tiếp 4 lần được ICF vinh danh</h2>"));
        assert!(a.fields.body_html.contains("<h2>Khẳng định sự phát triển</h2>"));
        assert_eq!(a.fields.source.as_deref(), Some("Theo Báo Bình Dương Online"));
        assert_eq!(a.share_count, 2);
        assert!(!a.is_demo);
        let crumbs: Vec<&str> = page.crumbs.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(crumbs, ["Trang chủ", "Hoạt động", "Thông tin trong tỉnh"]);
        assert!(page.crumbs.iter().all(|c| c.href.is_some()), "every step of an article's breadcrumb links");
        assert_eq!(page.related.len(), 10);
        assert_eq!(
            page.related[0].title,
            "Chủ động tiên phong phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số"
        );
        assert_eq!(format::date_time(&page.related[0].published), "16/05/2025 09:41");
        assert!(page.related.iter().all(|r| r.slug != SEED_SLUG), "the article is not among its own related");
    });
}

#[test]
fn reading_an_article_writes_nothing() {
    common::run(async {
        let db = common::demo_db().await;
        let first = content::article_page(&db.pool, SEED_SLUG, false).await.expect("article").article.view_count;
        let second = content::article_page(&db.pool, SEED_SLUG, false).await.expect("article").article.view_count;
        assert_eq!(second, first, "views are counted by the browser's count (visits), not by rendering");
    });
}

#[test]
fn unknown_things_are_not_found() {
    common::run(async {
        let db = common::demo_db().await;
        assert_eq!(content::article_page(&db.pool, "khong-co", false).await.err(), Some(ApiError::NotFound));
        assert_eq!(content::content_page(&db.pool, "khong-co").await.err(), Some(ApiError::NotFound));
        assert_eq!(content::category_page(&db.pool, "khong-co", 1).await.err(), Some(ApiError::NotFound));
    });
}

#[test]
fn category_pages_are_newest_first_and_paginated() {
    common::run(async {
        let db = common::demo_db().await;
        let mut seen = Vec::new();
        for (page, expected) in [(1, 10), (2, 10), (3, 3)] {
            let p = content::category_page(&db.pool, "thong-tin-trong-tinh", page).await.expect("page");
            assert_eq!(p.total_articles, 23);
            assert_eq!(p.total_pages, 3);
            assert_eq!(p.articles.len(), expected, "page {page}");
            seen.extend(p.articles.iter().map(|a| (a.published.iso.clone(), a.slug.clone())));
        }
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0));
        assert_eq!(seen, sorted, "newest first across pages");
        let mut slugs: Vec<_> = seen.iter().map(|s| s.1.clone()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), 23, "no article on two pages");
        assert_eq!(content::category_page(&db.pool, "thong-tin-trong-tinh", 4).await.err(), Some(ApiError::NotFound));
        assert_eq!(content::category_page(&db.pool, "thong-tin-trong-tinh", 0).await.err(), Some(ApiError::NotFound));
    });
}

#[test]
fn a_parent_category_lists_its_whole_subtree() {
    common::run(async {
        let db = common::demo_db().await;
        let parent = content::category_page(&db.pool, "hoat-dong", 1).await.expect("parent");
        assert_eq!(parent.total_articles, 23 + 6 + 3);
        let children: Vec<&str> = parent.children.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(children, ["thong-tin-trong-tinh", "hoat-dong-hdnd", "hoat-dong-doan-dbqh"]);
        let crumbs: Vec<(&str, bool)> = parent.crumbs.iter().map(|c| (c.label.as_str(), c.href.is_some())).collect();
        assert_eq!(crumbs, [("Trang chủ", true), ("Hoạt động", false)]);
    });
}

#[test]
fn content_pages_know_their_place_in_the_tree() {
    common::run(async {
        let db = common::demo_db().await;
        let page = content::content_page(&db.pool, "to-dau-tieng-bau-bang").await.expect("page");
        assert_eq!(page.title, "Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng");
        let crumbs: Vec<&str> = page.crumbs.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            crumbs,
            ["Trang chủ", "Giới thiệu", "Các Tổ đại biểu HĐND tỉnh", "Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng"]
        );
        let intro = content::content_page(&db.pool, "gioi-thieu").await.expect("intro");
        assert_eq!(intro.children.len(), 5);
        let groups = content::content_page(&db.pool, "cac-to-dai-bieu").await.expect("groups");
        assert_eq!(groups.children.len(), 7);
    });
}

#[test]
fn the_menu_is_the_seed_tree_and_every_link_resolves() {
    common::run(async {
        let db = common::demo_db().await;
        let chrome = content::chrome(&db.pool).await.expect("chrome");
        let roots: Vec<&str> = chrome.menu.iter().map(|n| n.item.label.as_str()).collect();
        assert_eq!(
            roots,
            ["Trang chủ", "Giới thiệu", "Dữ liệu HĐND các cấp", "Kiến nghị cử tri", "Giám sát", "Nghị quyết"]
        );
        let all = flatten(&chrome.menu);
        assert_eq!(all.len(), 38, "the whole seed menu");
        assert_eq!(chrome.menu[4].children.len(), 6, "six supervising bodies");
        let links = all
            .iter()
            .map(|m| m.href.clone())
            .chain(chrome.quick_links.iter().map(|l| l.href.clone()))
            .chain(chrome.footer_links.iter().map(|l| l.href.clone()))
            .chain(chrome.calendar_links.iter().map(|l| l.href.clone()));
        for href in links {
            if let Some(slug) = href.strip_prefix("/chuyen-muc/") {
                content::category_page(&db.pool, slug, 1).await.unwrap_or_else(|e| panic!("{href}: {e}"));
            } else if let Some(slug) = href.strip_prefix("/trang/") {
                content::content_page(&db.pool, slug).await.unwrap_or_else(|e| panic!("{href}: {e}"));
            } else if let Some((path, query)) =
                ["/nghi-quyet", "/giam-sat", "/kien-nghi"].iter().find_map(|p| href.strip_prefix(p).map(|q| (*p, q)))
            {
                let pairs: Vec<(String, String)> = query
                    .trim_start_matches('?')
                    .split('&')
                    .filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
                    .collect();
                let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
                let total = match path {
                    "/nghi-quyet" => {
                        let filter = app::resolution::Filter::from_query(get).unwrap_or_else(|e| panic!("{href}: {e}"));
                        app::data::resolutions::list(&db.pool, &filter)
                            .await
                            .unwrap_or_else(|e| panic!("{href}: {e}"))
                            .total
                    }
                    "/giam-sat" => {
                        let filter =
                            app::council::SupervisionFilter::from_query(get).unwrap_or_else(|e| panic!("{href}: {e}"));
                        app::data::council::supervisions(&db.pool, &filter)
                            .await
                            .unwrap_or_else(|e| panic!("{href}: {e}"))
                            .total
                    }
                    _ => {
                        let filter =
                            app::council::PetitionFilter::from_query(get).unwrap_or_else(|e| panic!("{href}: {e}"));
                        app::data::council::petitions(&db.pool, &filter)
                            .await
                            .unwrap_or_else(|e| panic!("{href}: {e}"))
                            .list
                            .total
                    }
                };
                assert!(total > 0, "{href} lists records");
            } else if let Some(calendar) = href.strip_prefix("/lich/") {
                app::data::council::week(&db.pool, calendar, None).await.unwrap_or_else(|e| panic!("{href}: {e}"));
            } else if href == "/hoi-dap" || href == "/hoi-dap/gui?loai=gop-y" {
                let all = app::questions::QuestionFilter { page: 1, ..Default::default() };
                let list = app::data::questions::list(&db.pool, &all, false).await.expect("questions");
                assert!(list.list.total > 0, "{href}: the questions are public");
            } else if href == app::pages::PRIVACY_PATH {
                // A page of the code (pages::privacy), always there.
            } else if href == app::feeds::FEEDS_PAGE {
                assert!(app::data::feeds::all(&db.pool).await.expect("feeds").len() > 4, "{href}: the feeds");
            } else if href == app::open_data::PATH {
                // A page of the code (pages::open_data), documenting app::open_data.
            } else if href == app::photos::LIBRARY_HREF {
                assert!(!app::data::photos::albums(&db.pool).await.expect("albums").is_empty(), "{href}: the albums");
            } else if href == "/tai-lieu-ky-hop" {
                assert!(!app::data::council::sittings(&db.pool).await.expect("sittings").is_empty());
            } else {
                assert!(href == "/" || href == "/so-do-trang", "unexpected link {href}");
            }
        }
        assert_eq!(chrome.videos.len(), 34);
        assert_eq!(chrome.videos[0].youtube_id, "iELwXe7sNyM");
        assert_eq!(chrome.calendar_links.len(), 4);
        assert_eq!(chrome.publisher.phone, "(0274) 3848936");
        assert!(chrome.publisher.licence.contains("43/GP-STTTT"));
    });
}

#[test]
fn the_home_page_has_featured_and_latest() {
    common::run(async {
        let db = common::demo_db().await;
        let home = content::home_page(&db.pool).await.expect("home");
        assert!(!home.featured.is_empty());
        assert_eq!(home.latest.len(), 10);
        assert!(home.latest.windows(2).all(|w| w[0].published.iso >= w[1].published.iso));
        assert!(!home.sections.is_empty());
    });
}

#[test]
fn the_site_map_covers_menu_categories_and_pages() {
    common::run(async {
        let db = common::demo_db().await;
        let map = content::site_map(&db.pool).await.expect("site map");
        assert_eq!(flatten(&map.categories).len(), 32);
        assert_eq!(flatten(&map.pages).len(), 22);
        assert_eq!(map.menu.len(), 6);
    });
}

#[test]
fn demo_content_loads_once() {
    common::run(async {
        let db = common::demo_db().await;
        assert!(!server::demo::load_if_empty(&db.pool, db._dir.path()).await.expect("second load"));
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles").fetch_one(&db.pool).await.expect("count");
        assert_eq!(n, 78);
    });
}

const PHONE: &str =
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

#[test]
fn visits_are_counted_in_memory_and_written_only_by_the_flush() {
    common::run(async {
        let db = common::demo_db().await;
        let counter = visits::Visits::default();
        let t0 = 1_800_000_000;
        let stored = |sql: &'static str| {
            let pool = db.pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.expect("stored") }
        };
        let views_sql = "SELECT view_count FROM articles WHERE slug = 'trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong'";
        let views_before = stored(views_sql).await;
        let hit = |cookies, page| visits::Hit { cookies, user_agent: Some(PHONE), address: "10.0.0.1", page };

        let first = counter.count(&db.pool, &hit(None, "/"), t0).await.expect("count");
        assert_eq!((first.stats.total, first.stats.online, first.stats.views), (2_483_446, 1, None));
        let id = first.new_id.expect("a new visitor gets an id");
        let cookie = format!("{}={id}", visits::COOKIE);
        let article = format!("/bai-viet/{SEED_SLUG}");
        let again = counter.count(&db.pool, &hit(Some(&cookie), &article), t0 + 60).await.expect("count");
        assert_eq!(again.new_id, None, "a known visitor keeps their id");
        assert_eq!(again.stats.total, 2_483_446, "a returning within minutes is the same visit");
        assert_eq!(again.stats.views, Some(views_before as u64 + 1), "the article's views, this one included");
        let bot = visits::Hit { user_agent: Some("Googlebot/2.1"), ..hit(None, "/") };
        assert_eq!(counter.count(&db.pool, &bot, t0 + 61).await.expect("count").stats.total, 2_483_446);

        assert_eq!(
            stored("SELECT value FROM counters WHERE name = 'visits'").await,
            2_483_445,
            "nothing written per hit"
        );
        counter.flush(&db.pool, t0 + 62).await.expect("flush");
        assert_eq!(stored("SELECT value FROM counters WHERE name = 'visits'").await, 2_483_446);
        assert_eq!(stored(views_sql).await, views_before + 1);
        counter.flush(&db.pool, t0 + 63).await.expect("flush");
        assert_eq!(stored("SELECT value FROM counters WHERE name = 'visits'").await, 2_483_446, "counted once");

        let later = counter.count(&db.pool, &hit(Some(&cookie), "/"), t0 + 60 + visits::VISIT_GAP_SECS).await;
        assert_eq!(later.expect("count").stats.total, 2_483_447, "back after half an hour is a new visit");
    });
}

#[test]
fn demo_content_is_nfc_and_slugs_are_unique() {
    use unicode_normalization::UnicodeNormalization;
    let text = server::demo::CONTENT_JSON;
    assert_eq!(text.nfc().collect::<String>(), text, "demo content must be NFC");
    let demo = server::demo::parse().expect("parses");
    let mut slugs: Vec<String> = demo.articles.iter().map(|a| app::slug::slugify(&a.title)).collect();
    let n = slugs.len();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), n, "article titles give distinct slugs");
}

/// Migration 0006 moves every attached file of both old tables into `attachments`: same
/// record, same title and type, same stored file, same order; and the old tables go.
/// Migration 0007 renames the council's sessions to sittings in what is stored.
#[test]
fn the_migrations_keep_every_file_and_revision() {
    use sqlx::migrate::Migrator;
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
    use std::borrow::Cow;
    common::run(async {
        let dir = tempfile::tempdir().expect("tempdir");
        // Foreign keys off: the files' records need not exist for this check.
        let options =
            SqliteConnectOptions::new().filename(dir.path().join("old.db")).create_if_missing(true).foreign_keys(false);
        let pool = SqlitePool::connect_with(options).await.expect("open");
        let all: Migrator = sqlx::migrate!("./migrations");
        let before = Migrator {
            migrations: Cow::Owned(all.iter().filter(|m| m.version < 6).cloned().collect()),
            ..sqlx::migrate!("./migrations")
        };
        before.run(&pool).await.expect("migrations 1-5");
        for (resolution, name, position) in [(7, "b.pdf", 2), (7, "a.pdf", 1), (9, "c.pdf", 0)] {
            sqlx::query(
                "INSERT INTO resolution_files (resolution_id, file_name, stored_name, size, mime, position) \
                 VALUES (?1, ?2, ?3, 10, 'application/pdf', ?4)",
            )
            .bind(resolution)
            .bind(name)
            .bind(format!("{}.pdf", name.chars().next().unwrap().to_string().repeat(64)))
            .bind(position)
            .execute(&pool)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO record_files (kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position) \
             VALUES ('session', 3, 'Tờ trình về ngân sách', 'Tờ trình', 'to-trinh.pdf', ?1, 20, 'application/pdf', 1)",
        )
        .bind(format!("{}.pdf", "d".repeat(64)))
        .execute(&pool)
        .await
        .unwrap();
        // Revisions of a resolution and of a sitting, as stored before migration 7.
        for (kind, data) in [("resolution", r#"[["number","1/2022/NQ-HĐND"],["session","3"]]"#), ("session", "[]")] {
            sqlx::query(
                "INSERT INTO revisions (kind, entity_id, version, created_at, note, data) VALUES (?1, 1, 1, 0, '', ?2)",
            )
            .bind(kind)
            .bind(data)
            .execute(&pool)
            .await
            .unwrap();
        }
        all.run(&pool).await.expect("migrations 6 and on");
        let revisions: Vec<(String, String)> =
            sqlx::query_as("SELECT kind, data FROM revisions ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(
            revisions,
            [
                ("resolution".to_string(), r#"[["number","1/2022/NQ-HĐND"],["sitting","3"]]"#.to_string()),
                ("sitting".to_string(), "[]".to_string())
            ],
            "migration 7: a sitting is a sitting everywhere"
        );
        let rows: Vec<(String, i64, String, String, String, i64)> = sqlx::query_as(
            "SELECT kind, record_id, title, doc_kind, file_name, size FROM attachments ORDER BY kind, record_id, position, id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let expected = [
            ("resolution", 7, "", "", "a.pdf", 10),
            ("resolution", 7, "", "", "b.pdf", 10),
            ("resolution", 9, "", "", "c.pdf", 10),
            ("sitting", 3, "Tờ trình về ngân sách", "Tờ trình", "to-trinh.pdf", 20),
        ];
        let got: Vec<_> =
            rows.iter().map(|r| (r.0.as_str(), r.1, r.2.as_str(), r.3.as_str(), r.4.as_str(), r.5)).collect();
        assert_eq!(got, expected);
        let old: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('resolution_files', 'record_files')")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(old, 0, "the old tables are gone");
    });
}
