//! Link previews and structured data: an article's OpenGraph and Twitter tags, and JSON-LD
//! (`NewsArticle`, `BreadcrumbList`) parsed back and checked for what each type requires; and
//! a title written to break out of `<title>` or its JSON-LD, which stays text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{header, StatusCode};
use common::send;

const BASE: &str = "http://localhost:3000";
const SEED: &str = "/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

fn get(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(path).header(header::HOST, "localhost:3000").body(axum::body::Body::empty()).unwrap()
}

/// The JSON of every `<script type="application/ld+json">` of a page.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split("<script")
        .skip(1)
        .filter(|s| s.split('>').next().is_some_and(|attrs| attrs.contains(r#"type="application/ld+json""#)))
        .filter_map(|s| s.split_once('>').and_then(|(_, rest)| rest.split_once("</script>")).map(|(json, _)| json))
        .map(|json| serde_json::from_str(json).expect("valid JSON-LD"))
        .collect()
}

/// The `content` of the `<meta>` with this `property` or `name`.
fn meta(html: &str, key: &str) -> Option<String> {
    html.split("<meta").skip(1).filter_map(|t| t.split('>').next()).find_map(|t| {
        let named = t.contains(&format!(r#"property="{key}""#)) || t.contains(&format!(r#"name="{key}""#));
        named.then(|| t.split(r#"content=""#).nth(1)?.split('"').next().map(str::to_string)).flatten()
    })
}

#[test]
fn an_article_has_its_preview_tags_and_its_news_article_and_breadcrumb_data() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (status, _, html) = send(&app, get(SEED)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(meta(&html, "og:type").as_deref(), Some("article"));
        assert_eq!(meta(&html, "og:url"), Some(format!("{BASE}{SEED}")));
        assert!(meta(&html, "og:title").unwrap().starts_with("Triển khai Đề án xây dựng Thành phố thông minh"));
        assert!(!meta(&html, "og:description").unwrap().is_empty());
        assert_eq!(meta(&html, "og:locale").as_deref(), Some("vi_VN"));
        let image = meta(&html, "og:image").expect("the seed article has a picture");
        assert!(image.starts_with(BASE), "an absolute address: {image}");
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));
        assert_eq!(meta(&html, "twitter:image"), Some(image.clone()));

        let data = json_ld(&html);
        let news = data.iter().find(|d| d["@type"] == "NewsArticle").expect("NewsArticle");
        assert_eq!(news["@context"], "https://schema.org");
        for required in ["headline", "datePublished", "author", "publisher", "mainEntityOfPage", "image"] {
            assert!(!news[required].is_null(), "NewsArticle.{required}");
        }
        assert_eq!(news["mainEntityOfPage"], format!("{BASE}{SEED}"));
        assert_eq!(news["image"][0], image);
        assert!(chrono::DateTime::parse_from_rfc3339(news["datePublished"].as_str().unwrap()).is_ok());
        assert_eq!(news["publisher"]["@type"], "GovernmentOrganization");

        let crumbs = data.iter().find(|d| d["@type"] == "BreadcrumbList").expect("BreadcrumbList");
        let items = crumbs["itemListElement"].as_array().unwrap();
        assert!(items.len() >= 2);
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["@type"], "ListItem");
            assert_eq!(item["position"], i + 1);
            assert!(!item["name"].as_str().unwrap().is_empty());
        }
        assert_eq!(items[0]["item"], format!("{BASE}/"));
    });
}

#[test]
fn a_title_cannot_break_out_of_its_structured_data() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        let title = "Thử </title></script><script>alert(1)</script> & “ngoặc”";
        sqlx::query(
            "INSERT INTO articles (category_id, slug, title, lead, published_at, created_at, updated_at) \
             VALUES ((SELECT id FROM categories WHERE slug = 'hoat-dong-hdnd'), 'thu-thoat-script', ?1, 'Sa pô.', ?2, ?2, ?2)",
        )
        .bind(title)
        .bind(now - 60)
        .execute(&db.pool)
        .await
        .unwrap();
        let (status, _, html) = send(&app, get("/bai-viet/thu-thoat-script")).await;
        assert_eq!(status, StatusCode::OK);
        let at: Option<String> = html.find("<script>alert(1)").map(|i| {
            let from = html.floor_char_boundary(i.saturating_sub(200));
            html[from..].chars().take(260).collect()
        });
        assert!(at.is_none(), "the title never becomes markup: {at:?}");
        assert!(html
            .contains("<title>Thử &lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; “ngoặc”"));
        let data = json_ld(&html);
        let news = data.iter().find(|d| d["@type"] == "NewsArticle").expect("NewsArticle");
        assert_eq!(news["headline"], title, "and reads back whole");
    });
}

/// The first structured item of type `kind` on the page at `path` (answering 200).
async fn item_of(app: &axum::Router, path: &str, kind: &str) -> serde_json::Value {
    let (status, _, html) = send(app, get(path)).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let data = json_ld(&html);
    assert!(data.iter().any(|d| d["@type"] == "BreadcrumbList") || path == "/", "{path} has its breadcrumb's data");
    let found = data
        .into_iter()
        .flat_map(|d| match d {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        })
        .find(|d| d["@type"] == kind);
    found.unwrap_or_else(|| panic!("{kind} on {path}"))
}

fn require(item: &serde_json::Value, fields: &[&str]) {
    for f in fields {
        let v = &item[*f];
        assert!(!v.is_null() && v != "" && v != &serde_json::json!([]), "{}.{f} in {item}", item["@type"]);
    }
    assert_eq!(item["@context"], "https://schema.org");
}

#[test]
fn resolutions_events_bodies_delegates_and_the_council_have_their_structured_data() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);

        let council = item_of(&app, "/", "GovernmentOrganization").await;
        require(&council, &["name", "url", "areaServed"]);
        assert_eq!(council["url"], format!("{BASE}/"));

        let (slug, number): (String, String) = sqlx::query_as(
            "SELECT slug, number FROM resolutions r WHERE deleted_at IS NULL AND EXISTS \
             (SELECT 1 FROM attachments f WHERE f.kind = 'resolution' AND f.record_id = r.id) LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let law = item_of(&app, &format!("/nghi-quyet/{slug}"), "Legislation").await;
        require(
            &law,
            &[
                "name",
                "legislationIdentifier",
                "legislationDate",
                "legislationLegalForce",
                "legislationPassedBy",
                "url",
                "encoding",
            ],
        );
        assert_eq!(law["legislationIdentifier"], number);
        assert!(chrono::NaiveDate::parse_from_str(law["legislationDate"].as_str().unwrap(), "%Y-%m-%d").is_ok());
        assert!(law["legislationLegalForce"].as_str().unwrap().starts_with("https://schema.org/"));
        assert!(law["encoding"][0]["contentUrl"].as_str().unwrap().starts_with(BASE));

        let (calendar, starts): (String, i64) = sqlx::query_as(
            "SELECT calendar, starts_at FROM calendar_events WHERE deleted_at IS NULL ORDER BY starts_at DESC LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let day = chrono::DateTime::from_timestamp(starts + 7 * 3600, 0).unwrap().format("%Y-%m-%d");
        let event = item_of(&app, &format!("/lich/{calendar}?tuan={day}"), "Event").await;
        require(&event, &["name", "startDate", "location", "organizer", "url", "eventStatus"]);
        assert!(chrono::DateTime::parse_from_rfc3339(event["startDate"].as_str().unwrap()).is_ok());
        assert!(event["startDate"].as_str().unwrap().ends_with("+07:00"));
        assert!(!event["location"]["name"].as_str().unwrap().is_empty());

        let body: String = sqlx::query_scalar(
            "SELECT slug FROM bodies b WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.body_id = b.id) LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let org = item_of(&app, &format!("/co-quan/{body}"), "GovernmentOrganization").await;
        require(&org, &["name", "url", "parentOrganization", "member"]);
        assert_eq!(org["parentOrganization"]["url"], format!("{BASE}/"));
        let member = org["member"][0]["url"].as_str().unwrap().to_string();
        assert!(member.starts_with(&format!("{BASE}/dai-bieu/")));

        let person = item_of(&app, member.strip_prefix(BASE).unwrap(), "Person").await;
        require(&person, &["name", "url", "jobTitle", "memberOf"]);
        assert_eq!(person["url"], member);
        assert!(person["memberOf"].as_array().unwrap().iter().any(|o| o["url"] == org["url"]));
    });
}
