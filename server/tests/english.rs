//! The English pages (`/en/…`): each answers in English (marked `lang="en"`), with `hreflang`
//! links to its Vietnamese page and back, the language switch, an editor's change in place,
//! and none of them leaking into the Vietnamese tree, search or `/trang/…` addresses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{header, StatusCode};
use common::{json, send};

const BASE: &str = "http://localhost:3000";

fn get(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(path).header(header::HOST, "localhost:3000").body(axum::body::Body::empty()).unwrap()
}

/// The `href` of `<link rel="alternate" hreflang="{lang}">`.
fn alternate(html: &str, lang: &str) -> Option<String> {
    html.split("<link").skip(1).filter_map(|t| t.split('>').next()).find_map(|t| {
        (t.contains(r#"rel="alternate""#) && t.contains(&format!(r#"hreflang="{lang}""#)))
            .then(|| t.split(r#"href=""#).nth(1)?.split('"').next().map(str::to_string))
            .flatten()
    })
}

/// The language switch in the header: (href, lang, label).
fn switch(html: &str) -> (String, String, String) {
    let at = html.find(r#"class="language-switch""#).expect("the switch");
    let tag = &html[html[..at].rfind("<a ").expect("its tag")..];
    let attr = |name: &str| tag.split(&format!(r#"{name}=""#)).nth(1).unwrap().split('"').next().unwrap().to_string();
    let label = tag.split_once('>').unwrap().1.split("</a>").next().unwrap().trim().to_string();
    (attr("href"), attr("lang"), label)
}

#[test]
fn the_five_english_pages_answer_in_english_with_their_translations_linked_both_ways() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for page in app::english::PAGES {
            let path = app::english::href(page.slug);
            let (status, _, html) = send(&app, get(&path)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(html.contains(r#"<article lang="en" class="content-page">"#), "{path}: marked English");
            assert!(html.contains("Demonstration content"), "{path}: the demo text says so");
            assert!(
                html.contains(r#"aria-label="About the People&#x27;s Council""#)
                    || html.contains(r#"aria-label="About the People's Council""#)
            );
            for other in app::english::PAGES {
                assert!(html.contains(&format!(r#"href="/en/{}""#, other.slug)), "{path}: the section's navigation");
            }
            let (href, lang, label) = switch(&html);
            assert_eq!((lang.as_str(), label.as_str()), ("vi", "Tiếng Việt"));
            match page.vietnamese {
                Some(vi) => {
                    assert_eq!(href, vi);
                    assert_eq!(alternate(&html, "vi"), Some(format!("{BASE}{vi}")));
                    assert_eq!(alternate(&html, "en"), Some(format!("{BASE}{path}")));
                    assert_eq!(alternate(&html, "x-default"), Some(format!("{BASE}{vi}")));
                    // And back: the Vietnamese page names the same pair and switches to English.
                    let (status, _, vi_html) = send(&app, get(vi)).await;
                    assert_eq!(status, StatusCode::OK, "{vi}");
                    assert_eq!(alternate(&vi_html, "en"), Some(format!("{BASE}{path}")), "{vi}");
                    assert_eq!(alternate(&vi_html, "vi"), Some(format!("{BASE}{vi}")), "{vi}");
                    assert_eq!(switch(&vi_html), (path.clone(), "en".into(), "English".into()));
                }
                None => {
                    assert_eq!(href, "/");
                    assert_eq!(alternate(&html, "vi"), None, "{path} has no Vietnamese translation");
                }
            }
        }
        // Any other page switches to the English introduction and names no translation.
        let (_, _, html) = send(&app, get("/nghi-quyet")).await;
        assert_eq!(switch(&html), (app::english::HOME.into(), "en".into(), "English".into()));
        assert_eq!(alternate(&html, "en"), None);

        let (status, headers, _) = send(&app, get("/en")).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(headers[header::LOCATION], app::english::HOME);

        for wrong in ["/trang/introduction", "/en/gioi-thieu", "/en/khong-co"] {
            let (status, _, _) = send(&app, get(wrong)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{wrong}");
        }
        let refs = app::data::content::page_refs(&db.pool).await.unwrap();
        assert!(
            refs.iter().all(|p| !app::english::PAGES.iter().any(|e| e.slug == p.slug)),
            "not in the Vietnamese tree"
        );
    });
}

#[test]
fn an_editor_edits_an_english_page_in_place_and_visitors_cannot() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let page = app::data::content::english_page(&db.pool, "contact").await.unwrap();
        assert_eq!(page.lang, "en");
        let fields = serde_json::json!({
            "title": "Contact us",
            "description": page.description,
            "body_html": "<p>Write to the office in English or Vietnamese.</p>",
        });
        let save = serde_json::json!({ "slug": "contact", "base_version": page.version, "fields": fields });
        let (status, _, _) = send(&app, json("/api/save_page", None, save.clone())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a visitor cannot");

        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", app::auth::Role::Editor).await;
        let (status, _, body) = send(&app, json("/api/save_page", Some(&cookie), save)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, _, html) = send(&app, get("/en/contact")).await;
        assert!(html.contains("<h1>Contact us</h1>"));
        assert!(html.contains("Write to the office in English or Vietnamese."));
        let history = app::data::documents::history(&db.pool, app::editing::DocKind::Page, "contact").await.unwrap();
        assert!(history.len() >= 2, "the earlier text is kept as a revision");
    });
}
