//! For search engines: robots.txt names the sitemap; the sitemap index's parts list every
//! public page with its last change, and each one answers 200; drafts, the trash and
//! scheduled articles are never in it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{header, StatusCode};
use common::send;

const BASE: &str = "http://localhost:3000";

fn get(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(path).header(header::HOST, "localhost:3000").body(axum::body::Body::empty()).unwrap()
}

/// The `<loc>`s of a sitemap document, each with its `<lastmod>`.
fn locations(xml: &str, item: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name(item))
        .map(|n| {
            let child = |name: &str| {
                n.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).unwrap_or_default().to_string()
            };
            (child("loc"), child("lastmod"))
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_public_page_and_nothing_else() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        for (slug, status, published_at, deleted_at) in [
            ("ban-nhap-so-do", "draft", now - 60, None),
            ("bai-trong-thung-rac", "published", now - 60, Some(now)),
            ("bai-hen-gio-so-do", "published", now + 86_400, None),
        ] {
            sqlx::query(
                "INSERT INTO articles (category_id, slug, title, published_at, status, deleted_at, created_at, updated_at) \
                 VALUES ((SELECT id FROM categories WHERE slug = 'hoat-dong-hdnd'), ?1, ?1, ?2, ?3, ?4, ?5, ?5)",
            )
            .bind(slug)
            .bind(published_at)
            .bind(status)
            .bind(deleted_at)
            .bind(now)
            .execute(&db.pool)
            .await
            .unwrap();
        }

        let (status, _, robots) = send(&app, get("/robots.txt")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")), "{robots}");
        assert!(robots.contains("Disallow: /quan-tri/"), "{robots}");

        let (status, headers, index) = send(&app, get("/sitemap.xml")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/xml"));
        let parts = locations(&index, "sitemap");
        assert_eq!(parts.len(), 1, "the demo fits one part of at most 50.000");
        let mut urls = Vec::new();
        for (loc, lastmod) in parts {
            assert!(lastmod.ends_with("+07:00"), "{lastmod}");
            let (status, _, xml) = send(&app, get(loc.strip_prefix(BASE).unwrap())).await;
            assert_eq!(status, StatusCode::OK, "{loc}");
            urls.extend(locations(&xml, "url"));
        }
        assert!(urls.len() > 200, "articles, records, lists: {}", urls.len());
        assert!(urls.len() <= app::data::sitemap::PART_URLS);
        let paths: Vec<String> = urls.iter().map(|(loc, _)| loc.strip_prefix(BASE).unwrap().to_string()).collect();
        for expected in ["/", "/nghi-quyet", "/lich/hdnd", "/chuyen-muc/hoat-dong-hdnd", "/trang/gioi-thieu"] {
            assert!(paths.iter().any(|p| p == expected), "{expected}");
        }
        assert!(
            paths.iter().any(|p| p.starts_with("/hoi-dap/hd-")) && paths.iter().any(|p| p.starts_with("/dai-bieu/"))
        );
        for hidden in ["ban-nhap-so-do", "bai-trong-thung-rac", "bai-hen-gio-so-do"] {
            assert!(!paths.iter().any(|p| p.ends_with(hidden)), "{hidden} is not public");
        }
        let unconfirmed: Vec<String> = sqlx::query_scalar(concat!(
            "SELECT slug FROM questions WHERE status NOT IN ",
            app::public_question_statuses!()
        ))
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert!(!unconfirmed.is_empty());
        for slug in unconfirmed {
            assert!(!paths.contains(&format!("/hoi-dap/{slug}")), "{slug}");
        }
        let mut seen = std::collections::HashSet::new();
        for (path, (_, lastmod)) in paths.iter().zip(&urls) {
            assert!(seen.insert(path.clone()), "{path} twice");
            assert!(chrono::DateTime::parse_from_rfc3339(lastmod).is_ok(), "{path}: {lastmod}");
            let (status, _, _) = send(&app, get(path)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
        }
        assert_eq!(send(&app, get("/sitemaps/2.xml")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, get("/sitemaps/x.xml")).await.0, StatusCode::NOT_FOUND);
    });
}

#[test]
fn every_page_names_its_canonical_address_and_filtered_lists_are_not_indexed() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for (path, canonical, noindex) in [
            ("/", "/", false),
            ("/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong?chia_se=da-nhan", "/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong", false),
            ("/chuyen-muc/thong-tin-trong-tinh?trang=2", "/chuyen-muc/thong-tin-trong-tinh?trang=2", false),
            ("/nghi-quyet?khoa=X", "/nghi-quyet", true),
            ("/kien-nghi?trang_thai=da-tra-loi&trang=2", "/kien-nghi", true),
        ] {
            let (status, _, html) = send(&app, get(path)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let tags = |name: &str| -> Vec<String> {
                html.split(&format!("<{name}")).skip(1).filter_map(|t| t.split('>').next()).map(str::to_string).collect()
            };
            let href = format!(r#"href="{BASE}{}""#, canonical.replace('&', "&amp;"));
            let links = tags("link");
            assert!(links.iter().any(|t| t.contains(r#"rel="canonical""#) && t.contains(&href)), "{path}: {href} in {links:?}");
            let robots = tags("meta").iter().any(|t| t.contains(r#"name="robots""#) && t.contains(r#"content="noindex, follow""#));
            assert_eq!(robots, noindex, "{path}");
        }
    });
}
