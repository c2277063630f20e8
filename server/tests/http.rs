//! The whole HTTP stack in-process: pages, status codes, server functions, the visitor
//! cookie, caching and compression.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = app.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn page(path: &str) -> Request<Body> {
    Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).expect("request")
}

#[test]
fn pages_render_on_the_server_with_status_codes() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);

        let (status, headers, body) = send(
            &app,
            page("/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#"<html lang="vi""#));
        assert!(body.contains("Thứ 2, 20/06/2022"));
        assert!(body.contains("Liên tiếp 4 lần được ICF vinh danh"));
        assert!(body.contains("<title>Triển khai Đề án xây dựng Thành phố thông minh"));
        assert!(body.contains(r#"name="description""#));
        assert!(headers.get(header::SET_COOKIE).is_none(), "a reader's page sets no cookie: caches may keep it");

        for missing in [
            "/bai-viet/khong-co-bai-nay",
            "/khong-ton-tai",
            "/chuyen-muc/thong-tin-trong-tinh?trang=99",
            "/chuyen-muc/thong-tin-trong-tinh?trang=abc",
            "/trang/khong-co",
        ] {
            let (status, _, body) = send(&app, page(missing)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
            assert!(body.contains("Không tìm thấy trang"), "{missing}");
        }

        let (status, _, body) = send(&app, page("/chuyen-muc/thong-tin-trong-tinh?trang=3")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#"<span aria-current="page" class="page-current">3</span>"#));
    });
}

const PHONE: &str =
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

/// What the sidebar's numbers say after the browser's count of `page`.
async fn beacon(app: &axum::Router, cookie: Option<&str>, page: &str) -> (axum::http::HeaderMap, serde_json::Value) {
    let mut req = common::form("/thong-ke/dem", cookie, format!("page={}", app::share::url_encode(page)));
    req.headers_mut().insert(header::USER_AGENT, header::HeaderValue::from_static(PHONE));
    let (status, headers, body) = send(app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    (headers, serde_json::from_str(&body).expect("json"))
}

#[test]
fn the_browser_and_the_noscript_image_count_visits_and_pages_do_not() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (_, headers, _) = send(&app, page("/")).await;
        assert!(headers.get(header::SET_COOKIE).is_none(), "a page sets no cookie: caches may keep it");

        let (headers, first) = beacon(&app, None, "/").await;
        let total = first["total"].as_u64().expect("total");
        assert_eq!(total, 2_483_446, "the page's own request did not count; the browser's did");
        assert!(first["online"].as_u64().expect("online") >= 1);
        let set = headers.get(header::SET_COOKIE).expect("a new visitor gets an id").to_str().unwrap();
        assert!(set.contains("Path=/thong-ke;") && set.contains("HttpOnly"), "{set}");
        let cookie = set.split(';').next().unwrap().to_string();
        let (headers, second) = beacon(&app, Some(&cookie), "/so-do-trang").await;
        assert!(headers.get(header::SET_COOKIE).is_none(), "a known visitor keeps their id");
        assert_eq!(second["total"].as_u64(), Some(total), "same visitor, same visit");

        let image = Request::get("/thong-ke/dem.svg")
            .header(header::USER_AGENT, PHONE)
            .header(header::REFERER, "http://localhost:3000/")
            .body(Body::empty())
            .unwrap();
        let (status, headers, svg) = send(&app, image).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "image/svg+xml; charset=utf-8");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
        assert!(svg.contains("Tổng truy cập: 2.483.447"), "a reader without JavaScript counts: {svg}");

        let bot =
            Request::get("/thong-ke/dem.svg").header(header::USER_AGENT, "Googlebot/2.1").body(Body::empty()).unwrap();
        let (_, _, svg) = send(&app, bot).await;
        assert!(svg.contains("Tổng truy cập: 2.483.447"), "crawlers are not counted: {svg}");
    });
}

/// A POST as a page of this site sends it (same Host and Origin).
fn post(path: &str) -> axum::http::request::Builder {
    Request::post(path).header(header::HOST, "localhost:3000").header(header::ORIGIN, "http://localhost:3000")
}

#[test]
fn server_functions_answer_json_and_are_not_cached() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let req = post("/api/category")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("slug=thong-tin-trong-tinh&page=2"))
            .expect("request");
        let (status, headers, body) = send(&app, req).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap_or("")), Some("no-store"));
        let page: app::model::CategoryPage = serde_json::from_str(&body).expect("json");
        assert_eq!(page.page, 2);
        assert_eq!(page.articles.len(), 10);
    });
}

#[test]
fn responses_are_compressed_when_the_browser_accepts_it() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for encoding in ["br", "gzip"] {
            let req = Request::get("/so-do-trang")
                .header(header::ACCEPT, "text/html")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .expect("request");
            let res = app.clone().oneshot(req).await.expect("response");
            assert_eq!(res.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap_or("")), Some(encoding));
        }
    });
}

#[test]
fn cache_policy_per_kind_of_path() {
    use server::http::cache_policy;
    assert_eq!(cache_policy("/images/quoc-huy.svg"), Some("public, max-age=604800"));
    assert_eq!(cache_policy("/pkg/hdnd.Xk3f9_Qa.wasm"), Some("public, max-age=31536000, immutable"));
    assert_eq!(cache_policy("/api/article"), Some("no-store"));
    assert_eq!(cache_policy("/"), None);
}

/// The status of every kind of bad address, pinned down. An address whose query names no page
/// (an unknown filter value or type, a page number that is not one or is past the last, a
/// week that is not a date) or whose path names nothing is 404 with the "not found" page; the
/// API refuses a malformed week with 400 and a Vietnamese message.
#[test]
fn bad_addresses_answer_with_their_status() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for path in [
            "/lich/hdnd?tuan=abc",
            "/lich/hdnd?tuan=2026-02-30",
            "/lich/khong-co",
            "/lich/hdnd?xem=danh-sach&trang=999",
            "/lich/hdnd?xem=danh-sach&trang=abc",
            "/kien-nghi?trang_thai=abc",
            "/kien-nghi?trang=999",
            "/kien-nghi?nam=abc",
            "/nghi-quyet?loai=abc",
            "/nghi-quyet?trang=0",
            "/giam-sat?trang=999",
            "/giam-sat?co_quan=abc",
            "/tim-kiem?q=nghi+quyet&trang=999",
            "/co-quan/khong-co",
            "/dai-bieu/khong-co",
            "/tai-lieu-ky-hop/khong-co",
            "/nghi-quyet/khong-co",
            "/kien-nghi/khong-co",
            "/giam-sat/khong-co",
        ] {
            let (status, _, body) = send(&app, page(path)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert!(body.contains("Không tìm thấy trang"), "{path}");
        }
        // The search form's own values: what was wrong is said, with a 400.
        for (path, said) in [
            ("/tim-kiem?q=x&loai=abc", "Loại kết quả không hợp lệ."),
            ("/tim-kiem?q=nghi+quyet&trang=abc", "Số trang không hợp lệ."),
            ("/tim-kiem?q=nghi+quyet&sap-xep=abc", "Cách sắp xếp không hợp lệ."),
            ("/tim-kiem?q=nghi+quyet&tu=2022-02-30", "Ngày bắt đầu không hợp lệ"),
            ("/tim-kiem?q=nghi+quyet&tu=2023-01-01&den=2022-01-01", "ngày bắt đầu sau ngày kết thúc"),
        ] {
            let (status, _, body) = send(&app, page(path)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
            assert!(body.contains(said), "{path}");
        }
        for path in [
            "/lich/hdnd?tuan=2026-12-31",
            "/lich/hdnd?xem=danh-sach",
            "/kien-nghi?trang_thai=da-tra-loi",
            "/giam-sat?trang=1",
            "/tim-kiem?q=nghi+quyet&trang=2",
            "/tim-kiem?q=nghi+quyet&loai=nghi-quyet",
        ] {
            assert_eq!(send(&app, page(path)).await.0, StatusCode::OK, "{path}");
        }
        // Editors' pages ask a visitor to sign in, with the status that says so.
        for path in ["/thung-rac", "/quan-tri/tai-khoan"] {
            let (status, _, body) = send(&app, page(path)).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            assert!(body.contains("Cần đăng nhập"), "{path}");
        }
        let (status, _, body) = send(&app, page("/lich/hdnd?tuan=2026-12-31")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Tuần từ 28/12/2026 đến 03/01/2027"), "the New Year week");
        let api = Request::post("/api/calendar_week")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, "http://localhost:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("calendar=hdnd&day=2026-02-30"))
            .expect("request");
        let (status, _, body) = send(&app, api).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Ngày không hợp lệ"), "{body}");
    });
}
