//! Resolutions against a real SQLite file with the demo records: filters, sort, pagination,
//! detail with relations and files, and the download route.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::data::resolutions;
use app::error::ApiError;
use app::resolution::{DocType, Filter, Level, Sort, Validity, PAGE_SIZE};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

#[test]
fn every_filter_narrows_the_list_and_combines() {
    common::run(async {
        let db = common::demo_db().await;
        let all = resolutions::list(&db.pool, &Filter { page: 1, ..Default::default() }).await.expect("all");
        assert!(all.total >= 60, "dozens of demo resolutions: {}", all.total);
        assert_eq!(all.items.len(), PAGE_SIZE as usize);
        let check = |f: Filter| {
            let pool = db.pool.clone();
            async move { resolutions::list(&pool, &f).await.expect("list") }
        };
        for term in ["VIII", "IX", "X"] {
            let list = check(Filter { term: Some(term.into()), page: 1, ..Default::default() }).await;
            assert!(list.total > 0 && list.total < all.total, "khóa {term}");
            assert!(list.items.iter().all(|r| r.term == term));
        }
        for level in Level::ALL {
            let list = check(Filter { level: Some(level), page: 1, ..Default::default() }).await;
            assert!(list.total > 0, "{level:?}");
            assert!(list.items.iter().all(|r| r.level == level));
        }
        for validity in Validity::ALL {
            let list = check(Filter { validity: Some(validity), page: 1, ..Default::default() }).await;
            assert!(list.total > 0, "{validity:?}");
            assert!(list.items.iter().all(|r| r.validity == validity));
        }
        for doc_type in DocType::ALL {
            let list = check(Filter { doc_type: Some(doc_type), page: 1, ..Default::default() }).await;
            assert!(list.items.iter().all(|r| r.doc_type == doc_type));
        }
        let y2019 = check(Filter { year: Some(2019), page: 1, ..Default::default() }).await;
        assert!(y2019.items.iter().all(|r| r.signed.ends_with("/2019")));
        let combined = check(Filter {
            term: Some("IX".into()),
            validity: Some(Validity::Expired),
            level: Some(Level::Province),
            page: 1,
            ..Default::default()
        })
        .await;
        assert!(combined.total > 0);
        assert!(combined
            .items
            .iter()
            .all(|r| r.term == "IX" && r.validity == Validity::Expired && r.level == Level::Province));
        assert_eq!(all.years.first(), Some(&2025));
    });
}

#[test]
fn sorting_and_pages() {
    common::run(async {
        let db = common::demo_db().await;
        let newest = resolutions::list(&db.pool, &Filter { page: 1, ..Default::default() }).await.expect("newest");
        let oldest = resolutions::list(&db.pool, &Filter { sort: Sort::Oldest, page: 1, ..Default::default() })
            .await
            .expect("oldest");
        assert!(newest.items[0].signed.ends_with("/2025"));
        assert!(oldest.items[0].signed.ends_with("/2011"));
        let last = resolutions::list(&db.pool, &Filter { page: newest.total_pages, ..Default::default() })
            .await
            .expect("last page");
        assert_eq!(
            (newest.total_pages - 1) as u64 * PAGE_SIZE as u64 + last.items.len() as u64,
            newest.total,
            "pages add up"
        );
        let beyond = resolutions::list(&db.pool, &Filter { page: newest.total_pages + 1, ..Default::default() }).await;
        assert_eq!(beyond.err(), Some(ApiError::NotFound));
    });
}

#[test]
fn a_resolution_shows_its_relations_and_files() {
    common::run(async {
        let db = common::demo_db().await;
        let replaced = resolutions::list(
            &db.pool,
            &Filter {
                validity: Some(Validity::Expired),
                doc_type: Some(DocType::Normative),
                page: 1,
                ..Default::default()
            },
        )
        .await
        .expect("list");
        let old = resolutions::detail(&db.pool, &replaced.items[0].slug).await.expect("detail");
        let by = old.related.iter().find(|r| r.relation == "Được thay thế bởi").expect("replaced by a newer one");
        let newer = resolutions::detail(&db.pool, &by.slug).await.expect("newer");
        assert!(newer.related.iter().any(|r| r.relation == "Thay thế" && r.slug == old.summary.slug));
        assert_eq!(old.files.len(), 1);
        assert!(old.files[0].url.starts_with("/tai-lieu/") && old.files[0].size > 300);
        assert!(old.is_demo);
        assert_eq!(resolutions::detail(&db.pool, "khong-co").await.err(), Some(ApiError::NotFound));
    });
}

#[test]
fn files_download_with_their_name_and_pages_render() {
    common::run(async {
        let db = common::demo_db().await;
        let options = LeptosOptions::builder().output_name("hdnd").site_root("target/site").build();
        let app = server::http::router(db.pool.clone(), options, db._dir.path(), server::site::Site::default());
        let first = resolutions::list(&db.pool, &Filter { page: 1, ..Default::default() }).await.expect("list").items
            [0]
        .clone();
        let detail = resolutions::detail(&db.pool, &first.slug).await.expect("detail");
        let res = app
            .clone()
            .oneshot(Request::get(&detail.files[0].url).body(Body::empty()).expect("req"))
            .await
            .expect("res");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some("application/pdf"));
        let disposition =
            res.headers().get(header::CONTENT_DISPOSITION).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        assert!(disposition.starts_with("attachment;") && disposition.contains(".pdf"), "{disposition}");
        let body = res.into_body().collect().await.expect("body").to_bytes();
        assert!(body.starts_with(b"%PDF-1.4"));
        assert_eq!(body.len() as u64, detail.files[0].size);
        for bad in ["/tai-lieu/..%2F..%2Fetc%2Fpasswd", "/tai-lieu/abc.pdf"] {
            let res = app.clone().oneshot(Request::get(bad).body(Body::empty()).expect("req")).await.expect("res");
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
        }
        let page =
            |path: String| Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).expect("req");
        let res = app.clone().oneshot(page("/nghi-quyet?khoa=IX&hieu_luc=het-hieu-luc".into())).await.expect("res");
        assert_eq!(res.status(), StatusCode::OK);
        let html = String::from_utf8_lossy(&res.into_body().collect().await.expect("body").to_bytes()).into_owned();
        assert!(html.contains("Nghị quyết HĐND khóa IX"));
        assert!(html.contains(r#"<option value="het-hieu-luc" selected"#), "the form shows the filter");
        let res = app.clone().oneshot(page("/nghi-quyet?khoa=XI".into())).await.expect("res");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let res = app.clone().oneshot(page(format!("/nghi-quyet/{}", first.slug))).await.expect("res");
        assert_eq!(res.status(), StatusCode::OK);
    });
}
