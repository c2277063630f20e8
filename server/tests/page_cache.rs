//! The page cache and the caching headers through the whole HTTP stack, against a real SQLite
//! file: anonymous pages are rendered once and revalidated by ETag, a save is seen at once,
//! editors' pages are never kept, and what is not a page to keep says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use common::{json, send};
use server::page_cache::{EDITORS, READERS, STATUS_HEADER};

const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

fn get(path: &str, extra: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut b = Request::get(path).header(header::ACCEPT, "text/html");
    for (name, value) in extra {
        b = b.header(name, *value);
    }
    b.body(Body::empty()).unwrap()
}

fn h(headers: &HeaderMap, name: impl header::AsHeaderName) -> String {
    headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[test]
fn an_anonymous_page_is_rendered_once_and_revalidated_by_its_etag() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let article = format!("/bai-viet/{SEED}");
        let (status, first, body) = send(&app, get(&article, &[])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h(&first, STATUS_HEADER), "miss");
        assert_eq!(h(&first, header::CACHE_CONTROL), READERS);
        assert_eq!(h(&first, header::VARY), "accept-encoding, cookie");
        let (_, second, again) = send(&app, get(&article, &[])).await;
        assert_eq!(h(&second, STATUS_HEADER), "hit");
        assert_eq!(again, body, "the same bytes");
        let etag = h(&first, header::ETAG);
        assert!(etag.starts_with("W/\"") && etag == h(&second, header::ETAG), "{etag}");

        let (status, headers, body) = send(&app, get(&article, &[(header::IF_NONE_MATCH, &etag)])).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        assert_eq!(h(&headers, header::ETAG), etag);
        assert_eq!(
            h(&headers, header::CONTENT_SECURITY_POLICY),
            h(&first, header::CONTENT_SECURITY_POLICY),
            "a 304 keeps the page's policy (its scripts' hashes)"
        );

        let (_, br, _) = send(&app, get(&article, &[(header::ACCEPT_ENCODING, "gzip, deflate, br")])).await;
        assert_eq!(h(&br, header::CONTENT_ENCODING), "br");
        let (_, gz, _) = send(&app, get(&article, &[(header::ACCEPT_ENCODING, "gzip")])).await;
        assert_eq!(h(&gz, header::CONTENT_ENCODING), "gzip");
        assert_eq!(h(&br, STATUS_HEADER), "hit", "compressed once, when kept");
    });
}

#[test]
fn a_save_is_seen_by_the_next_reader_and_editors_pages_are_never_kept() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let article = format!("/bai-viet/{SEED}");
        let (_, before, _) = send(&app, get(&article, &[])).await;
        send(&app, get(&article, &[])).await;

        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let (status, editor, body) = send(&app, get(&article, &[(header::COOKIE, &cookie)])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h(&editor, header::CACHE_CONTROL), EDITORS);
        assert!(h(&editor, header::VARY).contains("cookie"));
        assert!(h(&editor, STATUS_HEADER).is_empty() && h(&editor, header::ETAG).is_empty(), "not from the cache");
        assert!(body.contains("Thanh biên tập"), "the editor's own page, with the editor bar");

        let page = app::data::content::article_page(&db.pool, SEED, true).await.unwrap().article;
        let mut fields = page.fields.clone();
        fields.title = "Tiêu đề vừa được biên tập viên sửa".into();
        let save = serde_json::json!({ "slug": SEED, "base_version": page.version, "fields": fields });
        let (status, _, body) = send(&app, json("/api/save_article", Some(&cookie), save)).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (_, after, body) = send(&app, get(&article, &[])).await;
        assert_eq!(h(&after, STATUS_HEADER), "miss", "the save moved readers on");
        assert!(body.contains("Tiêu đề vừa được biên tập viên sửa"));
        assert_ne!(h(&after, header::ETAG), h(&before, header::ETAG));
        let (status, _, _) = send(&app, get(&article, &[(header::IF_NONE_MATCH, &h(&before, header::ETAG))])).await;
        assert_eq!(status, StatusCode::OK, "the old ETag no longer matches");
    });
}

#[test]
fn what_is_not_a_page_to_keep_says_so() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for _ in 0..2 {
            let (status, headers, _) = send(&app, get("/bai-viet/khong-co-bai-nay", &[])).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(h(&headers, header::CACHE_CONTROL), "no-store");
            assert!(h(&headers, STATUS_HEADER).is_empty());
        }
        // A login attempt writes (the attempt is counted) but changes nothing readers see.
        send(&app, get("/", &[])).await;
        send(&app, common::form("/api/login", None, "email=ai%40hdnd.vn&password=sai-mat-khau-roi")).await;
        let (_, headers, _) = send(&app, get("/", &[])).await;
        assert_eq!(h(&headers, STATUS_HEADER), "hit", "failed logins cannot empty the cache");
    });
}
