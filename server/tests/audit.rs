//! The audit log: every write is there (who, when, what, from where), administrators read it,
//! nobody else does, and nobody can change it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use app::data::content;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{form, send};

const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

fn from_address(mut req: Request<Body>, ip: &str) -> Request<Body> {
    let addr: std::net::SocketAddr = format!("{ip}:40000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    req
}

async fn log(app: &axum::Router, cookie: &str) -> app::audit::AuditPage {
    let (status, _, body) = send(app, form("/api/audit_log", Some(cookie), "page=1")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn every_write_is_logged_with_who_what_and_where() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        app::data::accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
        let admin = common::signed_in(&db, &app, "quantri@hdnd.vn", Role::Admin).await;
        // The editor logs in from a known address, saves, trashes and restores from the trash.
        let body = format!("email=bientap%40hdnd.vn&password={}", common::PASSWORD);
        let (status, headers, _) = send(&app, from_address(form("/api/login", None, body), "203.0.113.5")).await;
        assert_eq!(status, StatusCode::OK);
        let cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        let a = content::article_page(&db.pool, SEED, true).await.unwrap().article;
        let mut fields = a.fields.clone();
        fields.title = "Tiêu đề đã sửa".into();
        let save = serde_json::json!({ "slug": SEED, "base_version": a.version, "fields": fields }).to_string();
        let mut req = form("/api/save_article", Some(&cookie), save);
        req.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert_eq!(send(&app, from_address(req, "203.0.113.5")).await.0, StatusCode::OK);
        for trashed in ["true", "false"] {
            let body = format!("kind=article&slug={SEED}&trashed={trashed}");
            assert_eq!(send(&app, form("/api/set_trashed", Some(&cookie), body)).await.0, StatusCode::OK);
        }
        // A refused write is not logged as done.
        let refused = form("/api/set_trashed", Some(&cookie), "kind=article&slug=khong-co&trashed=true");
        assert_eq!(send(&app, refused).await.0, StatusCode::NOT_FOUND);
        // The administrator creates an account; the command line changes a setting.
        let body = format!("email=moi%40hdnd.vn&role=editor&password={}", common::PASSWORD);
        assert_eq!(send(&app, form("/api/add_account", Some(&admin), body)).await.0, StatusCode::OK);
        server::cli::run_maintenance(&db.pool, server::cli::Command::AnswerDays { days: 45 }).await.unwrap();

        let page = log(&app, &admin).await;
        let lines: Vec<(String, String, String, String)> =
            page.entries.iter().map(|e| (e.actor.clone(), e.action.clone(), e.target.clone(), e.ip.clone())).collect();
        let has = |actor: &str, action: &str, target: &str| {
            lines.iter().any(|l| l.0 == actor && l.1 == action && l.2 == target)
        };
        assert!(has("bientap@hdnd.vn", "Đăng nhập", ""), "{lines:?}");
        assert!(lines.iter().any(|l| l.1 == "Lưu" && l.3 == "203.0.113.5"), "the address is recorded: {lines:?}");
        assert!(has("bientap@hdnd.vn", "Lưu", &format!("article:{SEED}")), "{lines:?}");
        assert!(has("bientap@hdnd.vn", "Chuyển vào thùng rác", &format!("article:{SEED}")), "{lines:?}");
        assert!(has("bientap@hdnd.vn", "Lấy lại từ thùng rác", &format!("article:{SEED}")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.2.contains("khong-co")), "{lines:?}");
        assert!(has("quantri@hdnd.vn", "Tạo tài khoản", "moi@hdnd.vn (editor)"), "{lines:?}");
        assert!(has("dòng lệnh", "Đổi thiết lập", "petition_answer_days=45"), "{lines:?}");
        // Newest first, with Vietnamese dates.
        assert_eq!(page.entries[0].action, "Đổi thiết lập");
        assert!(page.entries[0].when.starts_with("Thứ ") || page.entries[0].when.starts_with("Chủ nhật"));
        // The page renders for the administrator.
        let req = Request::get("/quan-tri/nhat-ky")
            .header(header::HOST, "localhost:3000")
            .header(header::COOKIE, &admin)
            .body(Body::empty())
            .unwrap();
        let (status, _, html) = send(&app, req).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Nhật ký thao tác") && html.contains("Chuyển vào thùng rác"), "{html}");
    });
}

#[test]
fn only_administrators_read_the_log_and_nobody_changes_it() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let editor = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        assert_eq!(send(&app, form("/api/audit_log", None, "page=1")).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&app, form("/api/audit_log", Some(&editor), "page=1")).await.0, StatusCode::FORBIDDEN);
        let req = Request::get("/quan-tri/nhat-ky").header(header::HOST, "localhost:3000").body(Body::empty()).unwrap();
        assert_eq!(send(&app, req).await.0, StatusCode::UNAUTHORIZED);
        let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&db.pool).await.unwrap();
        assert!(entries >= 1, "the editor's login is there");
        // Not even a direct connection to the database can change or remove an entry.
        let update = sqlx::query("UPDATE audit_log SET actor = 'ai-do'").execute(&db.pool).await;
        assert!(update.unwrap_err().to_string().contains("không được sửa"));
        let delete = sqlx::query("DELETE FROM audit_log").execute(&db.pool).await;
        assert!(delete.unwrap_err().to_string().contains("không được xóa"));
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&db.pool).await.unwrap();
        assert_eq!(after, entries);
        // Page 0 and pages past the end are refused.
        let admin = common::signed_in(&db, &app, "quantri@hdnd.vn", Role::Admin).await;
        assert_eq!(send(&app, form("/api/audit_log", Some(&admin), "page=0")).await.0, StatusCode::BAD_REQUEST);
        assert_eq!(send(&app, form("/api/audit_log", Some(&admin), "page=99")).await.0, StatusCode::NOT_FOUND);
    });
}
