//! RSS feeds, read back with an independent parser (`feed-rs`): what each carries (public items
//! only, newest first, at most 50), absolute links that are also GUIDs, RFC 822 dates in
//! +0700, and conditional requests answered 304 until something changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{header, StatusCode};
use common::send;
use sqlx::SqlitePool;

const HOST: &str = "localhost:3000";

fn get(path: &str, headers: &[(header::HeaderName, &str)]) -> axum::http::Request<axum::body::Body> {
    let mut b = axum::http::Request::get(path).header(header::HOST, HOST);
    for (name, value) in headers {
        b = b.header(name, *value);
    }
    b.body(axum::body::Body::empty()).unwrap()
}

fn parse(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).expect("a feed an independent parser reads")
}

fn titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default()).collect()
}

async fn add_article(pool: &SqlitePool, category: &str, title: &str, published_at: i64, status: &str) {
    let now = app::data::now();
    sqlx::query(
        "INSERT INTO articles (category_id, slug, title, lead, body_html, published_at, status, created_at, updated_at) \
         VALUES ((SELECT id FROM categories WHERE slug = ?1), ?2, ?3, 'Sa pô của bài.', '<p>Nội dung.</p>', ?4, ?5, ?6, ?6)",
    )
    .bind(category)
    .bind(app::slug::slugify(title))
    .bind(title)
    .bind(published_at)
    .bind(status)
    .bind(now)
    .execute(pool)
    .await
    .unwrap();
}

#[test]
fn the_news_feed_carries_the_newest_public_articles_and_answers_304_until_one_changes() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        add_article(&db.pool, "hoat-dong-hdnd", "Bài mới nhất về kỳ họp cuối năm", now - 60, "published").await;
        add_article(&db.pool, "hoat-dong-hdnd", "Bản nháp chưa đăng", now - 30, "draft").await;
        add_article(&db.pool, "hoat-dong-hdnd", "Bài hẹn giờ ngày mai", now + 86_400, "published").await;

        let (status, headers, xml) = send(&app, get("/rss/tin-tuc.xml", &[])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/rss+xml; charset=utf-8");
        let feed = parse(&xml);
        assert_eq!(feed.title.as_ref().unwrap().content, "Tin tức – HĐND tỉnh Bình Dương");
        assert_eq!(feed.language.as_deref(), Some("vi"));
        let names = titles(&feed);
        assert_eq!(names.len(), 50, "the newest 50");
        assert_eq!(names[0], "Bài mới nhất về kỳ họp cuối năm");
        assert!(!names.iter().any(|t| t == "Bản nháp chưa đăng" || t == "Bài hẹn giờ ngày mai"), "{names:?}");
        let first = &feed.entries[0];
        let link = &first.links[0].href;
        assert_eq!(link, &format!("http://{HOST}/bai-viet/bai-moi-nhat-ve-ky-hop-cuoi-nam"));
        assert_eq!(&first.id, link, "the GUID is the page's address");
        assert_eq!(first.summary.as_ref().unwrap().content, "Sa pô của bài.");
        assert!(first.published.is_some());
        assert!(xml.contains(" +0700</pubDate>"), "RFC 822 dates in Viet Nam time");
        let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

        // Conditional requests: unchanged, 304; after a change, the new feed.
        let etag = headers[header::ETAG].to_str().unwrap().to_string();
        let modified = headers[header::LAST_MODIFIED].to_str().unwrap().to_string();
        let (status, _, body) = send(&app, get("/rss/tin-tuc.xml", &[(header::IF_NONE_MATCH, &etag)])).await;
        assert_eq!((status, body.as_str()), (StatusCode::NOT_MODIFIED, ""));
        let (status, _, _) = send(&app, get("/rss/tin-tuc.xml", &[(header::IF_MODIFIED_SINCE, &modified)])).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        let _later = common::ClockMoved::by(120);
        add_article(&db.pool, "hoat-dong-hdnd", "Một bài vừa đăng", app::data::now() - 1, "published").await;
        let (status, again, xml) = send(&app, get("/rss/tin-tuc.xml", &[(header::IF_NONE_MATCH, &etag)])).await;
        assert_eq!(status, StatusCode::OK);
        assert_ne!(again[header::ETAG].to_str().unwrap(), etag);
        assert_eq!(titles(&parse(&xml))[0], "Một bài vừa đăng");
        let (status, _, _) = send(&app, get("/rss/tin-tuc.xml", &[(header::IF_MODIFIED_SINCE, &modified)])).await;
        assert_eq!(status, StatusCode::OK, "modified since");
    });
}

#[test]
fn category_resolution_petition_and_question_feeds_carry_their_own_items() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        add_article(&db.pool, "hoat-dong-hdnd", "Chỉ trong chuyên mục hoạt động", app::data::now() - 5, "published")
            .await;
        let (status, _, xml) = send(&app, get("/rss/chuyen-muc/hoat-dong-hdnd.xml", &[])).await;
        assert_eq!(status, StatusCode::OK);
        let feed = parse(&xml);
        assert!(feed.title.as_ref().unwrap().content.starts_with("Hoạt động HĐND"), "named after its category");
        let in_category: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles a JOIN categories c ON c.id = a.category_id \
             WHERE c.slug = 'hoat-dong-hdnd' AND a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= ?1",
        )
        .bind(app::data::now())
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(feed.entries.len() as i64, in_category.min(50));
        assert_eq!(titles(&feed)[0], "Chỉ trong chuyên mục hoạt động");
        let (status, _, text) = send(&app, get("/rss/chuyen-muc/khong-co.xml", &[])).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(text.contains("Không có nguồn tin RSS này"), "{text}");
        assert_eq!(send(&app, get("/rss/khac.xml", &[])).await.0, StatusCode::NOT_FOUND);

        for (path, prefix) in [
            ("/rss/nghi-quyet.xml", "/nghi-quyet/"),
            ("/rss/kien-nghi.xml", "/kien-nghi/"),
            ("/rss/hoi-dap.xml", "/hoi-dap/"),
        ] {
            let (status, _, xml) = send(&app, get(path, &[])).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let feed = parse(&xml);
            assert!(!feed.entries.is_empty(), "{path}: the demo has some");
            assert!(feed.entries.len() <= 50);
            for e in &feed.entries {
                assert!(e.links[0].href.starts_with(&format!("http://{HOST}{prefix}")), "{path}: {}", e.links[0].href);
                assert!(e.published.is_some(), "{path}");
            }
        }
        // Only answered questions, never one waiting, rejected or unconfirmed.
        let (_, _, xml) = send(&app, get("/rss/hoi-dap.xml", &[])).await;
        let answered: Vec<String> =
            sqlx::query_scalar("SELECT title FROM questions WHERE status = 'da-tra-loi' AND deleted_at IS NULL")
                .fetch_all(&db.pool)
                .await
                .unwrap();
        for t in titles(&parse(&xml)) {
            assert!(answered.contains(&t), "{t}");
        }
    });
}

#[test]
fn pages_link_their_feeds_and_the_rss_page_lists_them_all() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for (page, feed) in [
            ("/", "/rss/tin-tuc.xml"),
            ("/chuyen-muc/hoat-dong-hdnd", "/rss/chuyen-muc/hoat-dong-hdnd.xml"),
            ("/nghi-quyet", "/rss/nghi-quyet.xml"),
            ("/kien-nghi", "/rss/kien-nghi.xml"),
            ("/hoi-dap", "/rss/hoi-dap.xml"),
        ] {
            let (status, _, html) = send(&app, get(page, &[])).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            let linked = html.split("<link").filter_map(|tag| tag.split('>').next()).any(|tag| {
                tag.contains(r#"rel="alternate""#)
                    && tag.contains(r#"type="application/rss+xml""#)
                    && tag.contains(&format!(r#"href="{feed}""#))
            });
            assert!(linked, "{page} links {feed}");
        }
        let (status, _, html) = send(&app, get("/rss", &[])).await;
        assert_eq!(status, StatusCode::OK);
        let categories: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM categories").fetch_all(&db.pool).await.unwrap();
        for href in ["/rss/tin-tuc.xml", "/rss/nghi-quyet.xml", "/rss/kien-nghi.xml", "/rss/hoi-dap.xml"]
            .into_iter()
            .map(String::from)
            .chain(categories.iter().map(|c| format!("/rss/chuyen-muc/{c}.xml")))
        {
            assert!(html.contains(&format!(r#"href="{href}""#)), "/rss lists {href}");
            assert_eq!(send(&app, get(&href, &[])).await.0, StatusCode::OK, "{href}");
        }
    });
}
