//! Built assets: sent as they were compressed at build time, cached for good (a router of its
//! own, on a site root made by the test).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// Built assets go out as they were compressed at build time: the `.br` or `.gz` bytes on disk,
/// unchanged, cached for a year; without an accepted encoding, the plain file (the stack does
/// not compress it on the fly).
#[test]
fn built_assets_are_sent_precompressed_and_cached_for_good() {
    common::run(async {
        let db = common::demo_db().await;
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let js = "export function hydrate() { return 'Hội đồng nhân dân'; }\n".repeat(300);
        std::fs::write(pkg.join("hdnd.Xk3f9_Qa.js"), &js).unwrap();
        let summary = server::precompress::precompress_dir(&pkg).unwrap();
        assert_eq!(summary.files, 1);
        let options =
            LeptosOptions::builder().output_name("hdnd").site_root(site.path().to_string_lossy().to_string()).build();
        let app = server::http::router(db.pool.clone(), options, db._dir.path(), server::site::Site::default());

        for (encoding, suffix) in [("br", "br"), ("gzip", "gz"), ("br;q=0, gzip", "gz")] {
            let req = Request::get("/pkg/hdnd.Xk3f9_Qa.js")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{encoding}");
            let headers = res.headers().clone();
            let expected_encoding = if suffix == "br" { "br" } else { "gzip" };
            assert_eq!(headers.get(header::CONTENT_ENCODING).unwrap(), expected_encoding, "{encoding}");
            assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
            assert!(headers.get(header::VARY).is_some_and(|v| v
                .to_str()
                .unwrap()
                .to_lowercase()
                .contains("accept-encoding")));
            assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().contains("javascript"));
            // Code is never shown as a document: of the security headers it keeps `nosniff`, and
            // drops those that apply to documents (a news page fetches 99 such files).
            assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
            for document_only in [
                "content-security-policy",
                "x-frame-options",
                "permissions-policy",
                "cross-origin-opener-policy",
                "referrer-policy",
            ] {
                assert!(headers.get(document_only).is_none(), "{document_only} on a built file");
            }
            let body = res.into_body().collect().await.unwrap().to_bytes();
            let on_disk = std::fs::read(pkg.join(format!("hdnd.Xk3f9_Qa.js.{suffix}"))).unwrap();
            assert_eq!(body.as_ref(), on_disk.as_slice(), "the stored bytes, not a fresh compression ({encoding})");
        }

        let req = Request::get("/pkg/hdnd.Xk3f9_Qa.js").body(Body::empty()).unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(body.as_ref(), js.as_bytes());

        let req = Request::get("/pkg/khong-co.js").header(header::ACCEPT_ENCODING, "br").body(Body::empty()).unwrap();
        assert_eq!(app.clone().oneshot(req).await.unwrap().status(), StatusCode::NOT_FOUND);
    });
}
