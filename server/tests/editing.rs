//! Accounts and editing through the real server functions and the data layer, against a real
//! SQLite file: who may write, revisions, conflicts, restore, visibility, sanitising.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use app::data::{accounts, content, documents, editing};
use app::editing::{ArticleFields, DocKind, Status};
use app::error::ApiError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{form, json, post, send};

const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";
const PASSWORD: &str = "mat-khau-du-dai-1";

async fn login(app: &axum::Router, email: &str) -> String {
    let (status, headers, body) =
        send(app, form("/api/login", None, format!("email={email}&password={PASSWORD}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = headers.get(header::SET_COOKIE).expect("login session cookie").to_str().expect("ascii");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    cookie.split(';').next().expect("pair").to_string()
}

async fn editor_login(db: &common::TestDb, app: &axum::Router) -> String {
    accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
    login(app, "bientap%40hdnd.vn").await
}

async fn seed_fields(pool: &sqlx::SqlitePool) -> (ArticleFields, i64) {
    let a = content::article_page(pool, SEED, true).await.expect("seed").article;
    (a.fields, a.version)
}

fn user(id: i64) -> app::auth::UserInfo {
    app::auth::UserInfo { id, email: "bientap@hdnd.vn".into(), role: Role::Editor }
}

#[test]
fn every_write_needs_a_login_session_and_the_same_site() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (fields, version) = seed_fields(&db.pool).await;
        let mut changed = fields.clone();
        changed.title = "Tiêu đề bị sửa trái phép".into();
        let save = serde_json::json!({ "slug": SEED, "base_version": version, "fields": changed });
        let writes = [
            json("/api/save_article", None, save.clone()),
            form("/api/restore", None, format!("kind=article&slug={SEED}&version=1&base_version={version}")),
            form("/api/create_article", None, "category=thong-tin-trong-tinh"),
            form("/api/set_trashed", None, format!("kind=article&slug={SEED}&trashed=true")),
            json(
                "/api/save_page",
                None,
                serde_json::json!({ "slug": "gioi-thieu", "base_version": 1, "fields": { "title": "x", "description": "", "body_html": "" } }),
            ),
            form("/api/restore", None, "kind=page&slug=gioi-thieu&version=1&base_version=1"),
            form("/api/history", None, format!("kind=article&slug={SEED}")),
            form("/api/changes", None, format!("kind=article&slug={SEED}&from=1&to=1")),
            form("/api/trash", None, ""),
            json(
                "/api/save_record",
                None,
                serde_json::json!({ "kind": "resolution", "slug": "12-2022-nq-hdnd", "base_version": 1, "fields": [["number", "1/2022/NQ-HĐND"]] }),
            ),
            form("/api/restore", None, "kind=resolution&slug=12-2022-nq-hdnd&version=1&base_version=1"),
            form("/api/set_trashed", None, "kind=petition&slug=kn-demo-1&trashed=true"),
            form("/api/history", None, "kind=supervision&slug=x"),
            form("/api/record_for_edit", None, "kind=person&slug=x"),
            json("/api/create_record", None, serde_json::json!({ "kind": "event", "fields": [["content", "x"]] })),
            form("/api/set_membership", None, "body=ban-phap-che&person=x&role=y"),
            form("/api/remove_membership", None, "body=ban-phap-che&person=x"),
            form("/api/detach_file", None, "kind=resolution&slug=x&stored=y"),
        ];
        for req in writes {
            let path = req.uri().path().to_string();
            let (status, _, _) = send(&app, req).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
        }
        // A logged-in editor's cookie sent from another site is refused before anything runs.
        let cookie = editor_login(&db, &app).await;
        let cross_site = Request::post("/api/save_article")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(save.to_string()))
            .expect("request");
        assert_eq!(send(&app, cross_site).await.0, StatusCode::FORBIDDEN);
        let no_origin = Request::post("/api/set_trashed")
            .header(header::HOST, "localhost:3000")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("kind=article&slug={SEED}&trashed=true")))
            .expect("request");
        assert_eq!(send(&app, no_origin).await.0, StatusCode::FORBIDDEN);
        let after = content::article_page(&db.pool, SEED, false).await.expect("still public").article;
        assert_eq!(after.fields.title, fields.title, "nothing changed");
        assert_eq!(after.version, version);

        // The editor, same site: allowed.
        let (status, _, body) = send(&app, json("/api/save_article", Some(&cookie), save)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = content::article_page(&db.pool, SEED, false).await.expect("public").article;
        assert_eq!(after.fields.title, "Tiêu đề bị sửa trái phép");
    });
}

#[test]
fn login_failures_say_nothing_specific_and_are_rate_limited() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let (s1, _, wrong_password) =
            send(&app, form("/api/login", None, "email=bientap%40hdnd.vn&password=sai-mat-khau")).await;
        let (s2, _, unknown_user) =
            send(&app, form("/api/login", None, "email=khong-co%40hdnd.vn&password=sai-mat-khau")).await;
        assert_eq!(s1, StatusCode::BAD_REQUEST);
        assert_eq!(s2, StatusCode::BAD_REQUEST);
        assert_eq!(wrong_password, unknown_user, "the same answer whatever was wrong");
        for _ in 0..4 {
            send(&app, form("/api/login", None, "email=bientap%40hdnd.vn&password=sai-mat-khau")).await;
        }
        let (status, _, body) =
            send(&app, form("/api/login", None, format!("email=bientap%40hdnd.vn&password={PASSWORD}"))).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits: {body}");
        // Another account from the same address is not blocked by this one's failures.
        accounts::add_user(&db.pool, "khac@hdnd.vn", Role::Admin, PASSWORD).await.expect("user");
        login(&app, "khac%40hdnd.vn").await;
    });
}

#[test]
fn disabled_accounts_and_logged_out_login_sessions_stop_working() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = editor_login(&db, &app).await;
        let (status, _, _) = send(&app, form("/api/trash", Some(&cookie), "")).await;
        assert_eq!(status, StatusCode::OK);
        accounts::set_disabled(&db.pool, "bientap@hdnd.vn", true).await.expect("disable");
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::UNAUTHORIZED);
        accounts::set_disabled(&db.pool, "bientap@hdnd.vn", false).await.expect("enable");
        let cookie = login(&app, "bientap%40hdnd.vn").await;
        send(&app, form("/api/logout", Some(&cookie), "")).await;
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::UNAUTHORIZED);
        assert!(matches!(
            accounts::add_user(&db.pool, "ngan@hdnd.vn", Role::Editor, "ngan").await,
            Err(accounts::AccountError::WeakPassword)
        ));
        assert!(matches!(
            accounts::add_user(&db.pool, "BIENTAP@hdnd.vn", Role::Editor, PASSWORD).await,
            Err(accounts::AccountError::Exists)
        ));
    });
}

#[test]
fn every_save_is_a_revision_and_any_can_be_restored() {
    common::run(async {
        let db = common::demo_db().await;
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let (original, v1) = seed_fields(&db.pool).await;
        let mut fixed = original.clone();
        fixed.title = "Triển khai Đề án Thành phố thông minh".into();
        let s2 = editing::save_article(&db.pool, &user(id), SEED, v1, &fixed).await.expect("save");
        assert_eq!(s2.version, v1 + 1);
        assert_eq!(s2.slug, SEED, "a published article keeps its address");
        let mut again = fixed.clone();
        again.lead = "Sapo mới.".into();
        let s3 = editing::save_article(&db.pool, &user(id), SEED, s2.version, &again).await.expect("save");

        let history = documents::history(&db.pool, DocKind::Article, SEED).await.expect("history");
        let versions: Vec<i64> = history.iter().map(|r| r.version).collect();
        assert_eq!(versions, [s3.version, s2.version, v1]);
        assert_eq!(history[0].author, "bientap@hdnd.vn");
        let first_change = documents::changes(&db.pool, DocKind::Article, SEED, v1, s2.version).await.expect("diff");
        assert_eq!(first_change.len(), 1);
        assert_eq!(first_change[0].field, "Tiêu đề");

        let changes = documents::changes(&db.pool, DocKind::Article, SEED, v1, s3.version).await.expect("diff");
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["Tiêu đề", "Sapo"]);

        let s4 =
            documents::restore(&db.pool, &user(id), DocKind::Article, SEED, v1, s3.version).await.expect("restore");
        assert_eq!(s4.version, s3.version + 1, "restoring is a new revision");
        let now = content::article_page(&db.pool, SEED, false).await.expect("article").article;
        assert_eq!(now.fields.title, original.title);
        assert_eq!(now.fields.lead, original.lead);
        assert_eq!(documents::history(&db.pool, DocKind::Article, SEED).await.expect("history").len(), 4);
    });
}

#[test]
fn a_save_from_an_older_version_is_refused_with_the_other_changes() {
    common::run(async {
        let db = common::demo_db().await;
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let (original, v1) = seed_fields(&db.pool).await;
        let mut first = original.clone();
        first.title = "Bản của biên tập viên A".into();
        editing::save_article(&db.pool, &user(id), SEED, v1, &first).await.expect("A saves first");
        let mut second = original.clone();
        second.lead = "Sapo của biên tập viên B".into();
        let refused = editing::save_article(&db.pool, &user(id), SEED, v1, &second).await;
        let Err(ApiError::Conflict(conflict)) = refused else { panic!("expected a conflict, got {refused:?}") };
        assert_eq!(conflict.version, v1 + 1);
        assert_eq!(conflict.author, "bientap@hdnd.vn");
        assert_eq!(conflict.changes.len(), 1);
        assert_eq!(conflict.changes[0].field, "Tiêu đề");
        let stored = content::article_page(&db.pool, SEED, false).await.expect("article").article;
        assert_eq!(stored.fields.title, "Bản của biên tập viên A", "nothing overwritten");
        assert_eq!(stored.fields.lead, original.lead);
        // After merging, B saves against the version it was shown.
        let mut merged = second.clone();
        merged.title = first.title.clone();
        editing::save_article(&db.pool, &user(id), SEED, conflict.version, &merged).await.expect("merged");
        let stored = content::article_page(&db.pool, SEED, false).await.expect("article").article;
        assert_eq!(
            (stored.fields.title.as_str(), stored.fields.lead.as_str()),
            ("Bản của biên tập viên A", "Sapo của biên tập viên B")
        );
    });
}

#[test]
fn bodies_are_sanitised_before_they_are_stored() {
    common::run(async {
        let db = common::demo_db().await;
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let (mut fields, v1) = seed_fields(&db.pool).await;
        fields.body_html = "<h2>Tiêu đề</h2><p onclick=\"alert(1)\">Đoạn <script>alert(1)</script><a href=\"javascript:alert(1)\">x</a></p><img src=x onerror=alert(1)>".into();
        fields.title = "<b>Tiêu đề</b>\u{0007}".into();
        editing::save_article(&db.pool, &user(id), SEED, v1, &fields).await.expect("save");
        let stored: (String, String) = sqlx::query_as("SELECT title, body_html FROM articles WHERE slug = ?1")
            .bind(SEED)
            .fetch_one(&db.pool)
            .await
            .expect("row");
        assert_eq!(stored.0, "<b>Tiêu đề</b>", "titles are plain text (escaped when shown)");
        let body = stored.1.to_lowercase();
        assert!(body.contains("<h2>tiêu đề</h2>"));
        for bad in ["onclick", "<script", "javascript:", "onerror"] {
            assert!(!body.contains(bad), "{bad} stored: {body}");
        }
    });
}

#[test]
fn drafts_scheduled_and_trashed_articles_are_invisible_to_visitors() {
    common::run(async {
        let db = common::demo_db().await;
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let before = content::category_page(&db.pool, "thong-tin-trong-tinh", 1).await.expect("list").total_articles;

        let slug = editing::create_article(&db.pool, &user(id), "thong-tin-trong-tinh").await.expect("create");
        assert_eq!(
            content::article_page(&db.pool, &slug, false).await.err(),
            Some(ApiError::NotFound),
            "a draft is hidden"
        );
        let draft = content::article_page(&db.pool, &slug, true).await.expect("editors see drafts").article;
        assert_eq!(draft.visibility, app::model::Visibility::Draft);

        let mut fields = draft.fields.clone();
        fields.title = "Hội nghị tổng kết công tác năm".into();
        fields.status = Status::Published;
        fields.published_local = "2099-01-01T08:00".into();
        let saved = editing::save_article(&db.pool, &user(id), &slug, draft.version, &fields).await.expect("schedule");
        assert_eq!(saved.slug, "hoi-nghi-tong-ket-cong-tac-nam", "a draft's address follows its title");
        assert_eq!(
            content::article_page(&db.pool, &saved.slug, false).await.err(),
            Some(ApiError::NotFound),
            "scheduled is hidden"
        );
        assert_eq!(
            content::category_page(&db.pool, "thong-tin-trong-tinh", 1).await.expect("list").total_articles,
            before
        );

        fields.published_local = "2024-01-01T08:00".into();
        let published =
            editing::save_article(&db.pool, &user(id), &saved.slug, saved.version, &fields).await.expect("publish");
        assert!(content::article_page(&db.pool, &published.slug, false).await.is_ok());
        assert_eq!(
            content::category_page(&db.pool, "thong-tin-trong-tinh", 1).await.expect("list").total_articles,
            before + 1
        );

        documents::set_trashed(&db.pool, DocKind::Article, &published.slug, true).await.expect("trash");
        assert_eq!(content::article_page(&db.pool, &published.slug, true).await.err(), Some(ApiError::NotFound));
        assert_eq!(documents::trash(&db.pool).await.expect("trash list")[0].slug, published.slug);
        documents::set_trashed(&db.pool, DocKind::Article, &published.slug, false).await.expect("restore");
        assert!(content::article_page(&db.pool, &published.slug, false).await.is_ok());
    });
}

fn multipart(cookie: Option<&str>, bytes: &[u8]) -> Request<Body> {
    let mut body = b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XYZ--\r\n");
    post("/api/upload", cookie)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XYZ")
        .body(Body::from(body))
        .expect("request")
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

#[test]
fn images_are_checked_stored_by_hash_and_cached() {
    common::run(async {
        let db = common::demo_db().await;
        let data_dir = db._dir.path().to_path_buf();
        let app = common::router(&db);
        let image = png(4, 3);

        assert_eq!(send(&app, multipart(None, &image)).await.0, StatusCode::UNAUTHORIZED);
        let cookie = editor_login(&db, &app).await;
        let (status, _, body) = send(&app, multipart(Some(&cookie), b"<svg onload=alert(1)></svg>")).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
        let mut truncated = image.clone();
        truncated.truncate(image.len() / 2);
        assert_eq!(send(&app, multipart(Some(&cookie), &truncated)).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let huge = vec![0u8; server::upload::MAX_BYTES + 10];
        assert_eq!(send(&app, multipart(Some(&cookie), &huge)).await.0, StatusCode::PAYLOAD_TOO_LARGE);

        let (status, _, body) = send(&app, multipart(Some(&cookie), &image)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let uploaded: app::model::Uploaded = serde_json::from_str(&body).expect("json");
        assert_eq!((uploaded.width, uploaded.height), (4, 3));
        let name = uploaded.url.strip_prefix("/uploads/").expect("under /uploads/");
        assert_eq!(name.len(), 64 + ".png".len(), "named by its SHA-256");
        assert_eq!(std::fs::read(data_dir.join("uploads").join(name)).expect("stored"), image);

        let get = Request::get(&uploaded.url).body(Body::empty()).expect("request");
        let (status, headers, _) = send(&app, get).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()),
            Some("public, max-age=31536000, immutable")
        );

        // The same image again is the same file.
        let (_, _, again) = send(&app, multipart(Some(&cookie), &image)).await;
        assert_eq!(serde_json::from_str::<app::model::Uploaded>(&again).expect("json").url, uploaded.url);

        // An article can show the uploaded image; not one that was never uploaded.
        let (mut fields, version) = seed_fields(&db.pool).await;
        fields.image_url = Some(format!("/uploads/{}.png", "0".repeat(64)));
        let refused = editing::save_article(&db.pool, &user(1), SEED, version, &fields).await;
        assert!(matches!(&refused, Err(ApiError::Invalid(m)) if m.contains("không có ảnh này")), "{refused:?}");
        fields.image_url = Some(uploaded.url.clone());
        let id = accounts::add_user(&db.pool, "anh@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        editing::save_article(&db.pool, &user(id), SEED, version, &fields).await.expect("the uploaded image");
    });
}

#[test]
fn only_administrators_manage_accounts() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let add = |cookie: Option<&str>| {
            form("/api/add_account", cookie, "email=moi%40hdnd.vn&role=editor&password=mat-khau-moi-123")
        };
        assert_eq!(send(&app, add(None)).await.0, StatusCode::UNAUTHORIZED);
        let editor = editor_login(&db, &app).await;
        assert_eq!(send(&app, add(Some(&editor))).await.0, StatusCode::FORBIDDEN);
        assert_eq!(send(&app, form("/api/accounts", Some(&editor), "")).await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            send(&app, form("/api/set_account_disabled", Some(&editor), "email=bientap%40hdnd.vn&disabled=true"))
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(accounts::list_users(&db.pool).await.expect("list").len(), 1, "nothing was added");

        accounts::add_user(&db.pool, "quantri@hdnd.vn", Role::Admin, PASSWORD).await.expect("admin");
        let admin = login(&app, "quantri%40hdnd.vn").await;
        let (status, _, body) = send(&app, add(Some(&admin))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _, _) =
            send(&app, form("/api/set_account_disabled", Some(&admin), "email=quantri%40hdnd.vn&disabled=true")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "an administrator cannot lock themselves out");
        let (status, _, _) =
            send(&app, form("/api/reset_account_password", Some(&admin), "email=moi%40hdnd.vn&password=ngan")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "weak passwords are refused");
        let (status, _, body) = send(&app, form("/api/accounts", Some(&admin), "")).await;
        assert_eq!(status, StatusCode::OK);
        let list: Vec<app::model::AccountRow> = serde_json::from_str(&body).expect("json");
        let emails: Vec<&str> = list.iter().map(|a| a.email.as_str()).collect();
        assert_eq!(emails, ["bientap@hdnd.vn", "moi@hdnd.vn", "quantri@hdnd.vn"]);
    });
}

fn attachment(cookie: Option<&str>, kind: &str, slug: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = Vec::new();
    for (name, value) in [("kind", kind), ("slug", slug)] {
        body.extend_from_slice(
            format!("--XYZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(format!("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XYZ--\r\n");
    post("/api/attach", cookie)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XYZ")
        .body(Body::from(body))
        .expect("request")
}

#[test]
fn editors_attach_and_detach_documents_on_records() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let slug = "12-2022-nq-hdnd";
        let pdf = b"%PDF-1.4\n% Nghi quyet dinh kem thu\n%%EOF\n".to_vec();
        assert_eq!(send(&app, attachment(None, "resolution", slug, "nq.pdf", &pdf)).await.0, StatusCode::UNAUTHORIZED);
        let cookie = editor_login(&db, &app).await;
        let (status, _, body) =
            send(&app, attachment(Some(&cookie), "resolution", slug, "gia-mao.pdf", b"<html>")).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
        assert!(body.contains("không đúng với loại tệp"), "{body}");
        let (status, _, _) = send(&app, attachment(Some(&cookie), "resolution", slug, "virus.exe", b"MZ")).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let (status, _, _) = send(&app, attachment(Some(&cookie), "body", "ban-phap-che", "a.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "bodies carry no files");

        let (status, _, body) =
            send(&app, attachment(Some(&cookie), "resolution", slug, "Phụ lục kèm theo.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let file: app::resolution::AttachedFile = serde_json::from_str(&body).expect("attached file");
        assert_eq!(file.name, "Phụ lục kèm theo.pdf");
        let detail = app::data::resolutions::detail(&db.pool, slug).await.expect("detail");
        assert!(detail.files.iter().any(|f| f.url == file.url), "the page lists the new file");
        let (status, headers, downloaded) =
            send(&app, Request::get(file.url.as_str()).body(Body::empty()).expect("request")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(downloaded.as_bytes(), pdf.as_slice());

        // A sitting document's title is searchable as soon as it is attached.
        let sitting: String =
            sqlx::query_scalar("SELECT slug FROM sittings LIMIT 1").fetch_one(&db.pool).await.expect("sitting");
        let (status, _, _) =
            send(&app, attachment(Some(&cookie), "sitting", &sitting, "Tờ trình về cầu Bạch Đằng Hai.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::OK);
        let q = app::search::SearchQuery::text("bach dang hai");
        assert_eq!(common::search(&db.pool, &q).await.expect("search").total, 1);

        let stored = file.url.trim_start_matches("/tai-lieu/");
        let (status, _, _) =
            send(&app, form("/api/detach_file", None, format!("kind=resolution&slug={slug}&stored={stored}"))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _, body) =
            send(&app, form("/api/detach_file", Some(&cookie), format!("kind=resolution&slug={slug}&stored={stored}")))
                .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let detail = app::data::resolutions::detail(&db.pool, slug).await.expect("detail");
        assert!(detail.files.iter().all(|f| f.url != file.url));
    });
}

/// Server functions take the document kind itself: its key, as plain forms post it; anything
/// else is the caller's mistake (400), and every known key works.
#[test]
fn document_kinds_travel_as_their_keys() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = editor_login(&db, &app).await;
        for bad in ["bogus", "Resolution", ""] {
            let req = form("/api/history", Some(&cookie), format!("kind={bad}&slug=12-2022-nq-hdnd"));
            let (status, _, body) = send(&app, req).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "kind={bad}: {body}");
            assert!(body.contains("không hợp lệ"), "kind={bad}: {body}");
        }
        for (kind, slug) in [("resolution", "12-2022-nq-hdnd"), ("article", SEED), ("page", "gioi-thieu")] {
            let req = form("/api/history", Some(&cookie), format!("kind={kind}&slug={slug}"));
            let (status, _, body) = send(&app, req).await;
            assert_eq!(status, StatusCode::OK, "{kind}: {body}");
            let history: Vec<app::editing::RevisionInfo> = serde_json::from_str(&body).unwrap();
            assert!(!history.is_empty(), "{kind}");
        }
    });
}

/// What a visitor gets of a document: its page (for a calendar entry, its week shows it), how
/// many results a search for `words` has, whether its files download, and whether its
/// calendar's feed lists it.
async fn seen_by_visitors(
    app: &axum::Router,
    db: &common::TestDb,
    kind: DocKind,
    slug: &str,
    words: &str,
) -> (bool, u64, Vec<StatusCode>, Option<bool>) {
    use app::records::RecordKind;
    let get = |path: String| Request::get(path).header(header::HOST, "localhost:3000").body(Body::empty()).unwrap();
    let (page, feed) = match kind {
        DocKind::Record(RecordKind::Event) => {
            let (calendar, day): (String, String) = sqlx::query_as(
                "SELECT calendar, date(starts_at, 'unixepoch', '+7 hours') FROM calendar_events WHERE slug = ?1",
            )
            .bind(slug)
            .fetch_one(&db.pool)
            .await
            .unwrap();
            let (status, _, body) = send(app, get(format!("/lich/{calendar}?tuan={day}"))).await;
            assert_eq!(status, StatusCode::OK);
            let (status, _, feed) = send(app, get(format!("/lich/{calendar}/lich.ics"))).await;
            assert_eq!(status, StatusCode::OK);
            (body.contains(&format!("id=\"{slug}\"")), Some(feed.contains(&format!("UID:{slug}@"))))
        }
        DocKind::Record(kind) => {
            let path = kind.href(slug, &[]);
            (send(app, get(path)).await.0 == StatusCode::OK, None)
        }
        _ => (send(app, get(format!("/bai-viet/{slug}"))).await.0 == StatusCode::OK, None),
    };
    let query = app::search::SearchQuery { kind: Some(kind.search_kind()), ..app::search::SearchQuery::text(words) };
    let found = common::search(&db.pool, &query).await.expect("search").total;
    let mut files = Vec::new();
    if let DocKind::Record(record) = kind {
        let sql = format!(
            "SELECT a.stored_name FROM attachments a JOIN {} r ON r.id = a.record_id WHERE a.kind = ?1 AND r.slug = ?2",
            record.table()
        );
        let names: Vec<String> =
            sqlx::query_scalar(&sql).bind(record.key()).bind(slug).fetch_all(&db.pool).await.unwrap();
        for name in names {
            files.push(send(app, get(format!("/tai-lieu/{name}"))).await.0);
        }
    }
    (page, found, files, feed)
}

/// The whole editing cycle, for every kind of document in one table: edit, history, changes,
/// a stale save (conflict naming what the other editor changed), merge, restore, trash (the
/// page, search, files and feed lose it) and back out of the trash (they have it again).
/// Content pages, which cannot be trashed, go through the rest. A kind added to the model is
/// covered by adding it here.
#[test]
fn every_kind_goes_through_the_whole_editing_cycle() {
    use app::data::records;
    use app::editing::PageFields;
    use app::records::{value, Input, RecordKind};
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let who = user(id);

        let mut table: Vec<DocKind> = vec![DocKind::Article];
        table.extend(RecordKind::ALL.map(DocKind::Record));
        for kind in table {
            // A public document of the kind with files where the kind has them.
            let slug: String = match kind {
                DocKind::Article => SEED.to_string(),
                DocKind::Record(k) if k.takes_files() => sqlx::query_scalar(&format!(
                    "SELECT r.slug FROM {t} r WHERE r.deleted_at IS NULL AND EXISTS \
                     (SELECT 1 FROM attachments a WHERE a.kind = ?1 AND a.record_id = r.id) ORDER BY r.id LIMIT 1",
                    t = k.table()
                ))
                .bind(k.key())
                .fetch_one(&db.pool)
                .await
                .expect("a demo record with files"),
                DocKind::Record(k) => sqlx::query_scalar(&format!(
                    "SELECT slug FROM {} WHERE deleted_at IS NULL ORDER BY id LIMIT 1",
                    k.table()
                ))
                .fetch_one(&db.pool)
                .await
                .expect("a demo record"),
                DocKind::Page => unreachable!(),
            };
            // Edit: one text field gets a marker (for a resolution, not its number).
            let marker = format!("Bạch Đằng {}", kind.key());
            let (label, before_version, saved_version, title) = match kind {
                DocKind::Record(k) => {
                    let before = records::editable(&db.pool, k, &slug).await.expect("editable");
                    let spec = *k
                        .fields()
                        .iter()
                        .find(|f| matches!(f.input, Input::Line(_) | Input::Text(_)) && f.key != "number")
                        .expect("a text field");
                    let mut changed = before.fields.clone();
                    for (key, text) in &mut changed {
                        if key == spec.key {
                            *text = format!("{marker} {text}");
                        }
                    }
                    let saved = records::save(&db.pool, &who, k, &slug, before.version, &changed).await.expect("save");
                    // A stale save of another field: a conflict naming the field this save changed.
                    let stale = records::save(&db.pool, &who, k, &slug, before.version, &before.fields).await;
                    let Err(ApiError::Conflict(conflict)) = stale else { panic!("{kind:?}: {stale:?}") };
                    assert_eq!(conflict.version, saved.version, "{kind:?}");
                    assert_eq!(conflict.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), [spec.label]);
                    assert!(value(&conflict.theirs, spec.key).starts_with(&marker), "{kind:?}");
                    let title = value(&before.fields, k.spec().title_field).to_string();
                    (spec.label, before.version, saved.version, title)
                }
                _ => {
                    let (before, v1) = seed_fields(&db.pool).await;
                    let mut changed = before.clone();
                    changed.lead = format!("{marker} {}", before.lead);
                    let saved = editing::save_article(&db.pool, &who, &slug, v1, &changed).await.expect("save");
                    let stale = editing::save_article(&db.pool, &who, &slug, v1, &before).await;
                    let Err(ApiError::Conflict(conflict)) = stale else { panic!("{kind:?}: {stale:?}") };
                    assert_eq!(conflict.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["Sapo"]);
                    ("Sapo", v1, saved.version, before.title)
                }
            };
            assert_eq!(saved_version, before_version + 1, "{kind:?}");
            let history = documents::history(&db.pool, kind, &slug).await.expect("history");
            assert_eq!(history[0].version, saved_version, "{kind:?}");
            assert_eq!(history[1].version, before_version, "{kind:?}");
            let changes = documents::changes(&db.pool, kind, &slug, before_version, saved_version).await.unwrap();
            assert_eq!(changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), [label], "{kind:?}");
            // The edit shows: the marker is found by search.
            let words = marker.to_lowercase();
            assert_eq!(
                seen_by_visitors(&app, &db, kind, &slug, &words).await.1,
                1,
                "{kind:?}: the edited text is searchable"
            );

            // Restore the version before the edit: a new version, the marker gone.
            let restored =
                documents::restore(&db.pool, &who, kind, &slug, before_version, saved_version).await.expect("restore");
            assert_eq!(restored.version, saved_version + 1, "{kind:?}: restoring is a save");
            assert_eq!(documents::history(&db.pool, kind, &slug).await.unwrap().len(), history.len() + 1);
            assert_eq!(seen_by_visitors(&app, &db, kind, &slug, &words).await.1, 0, "{kind:?}: restored");
            // Restoring from an out-of-date version is a conflict like any stale save.
            let stale = documents::restore(&db.pool, &who, kind, &slug, before_version, saved_version).await;
            assert!(matches!(stale, Err(ApiError::Conflict(_))), "{kind:?}: {stale:?}");

            // Trash: gone from its page, search, files and feed; back out: all back.
            let title_words: String = title.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            let (page, found, files, feed) = seen_by_visitors(&app, &db, kind, &slug, &title_words).await;
            assert!(page && found > 0, "{kind:?}: public before the trash");
            assert!(files.iter().all(|s| *s == StatusCode::OK), "{kind:?}: {files:?}");
            assert!(!files.is_empty() || !matches!(kind, DocKind::Record(k) if k.takes_files()), "{kind:?}");
            assert!(feed.is_none_or(|listed| listed), "{kind:?}: in its feed");
            documents::set_trashed(&db.pool, kind, &slug, true).await.expect("trash");
            assert!(documents::trash(&db.pool).await.unwrap().iter().any(|t| t.kind == kind && t.slug == slug));
            let (page_t, found_t, files_t, feed_t) = seen_by_visitors(&app, &db, kind, &slug, &title_words).await;
            assert!(!page_t, "{kind:?}: its page is gone");
            assert_eq!(found_t, found - 1, "{kind:?}: out of search");
            assert!(files_t.iter().all(|s| *s == StatusCode::NOT_FOUND), "{kind:?}: files stop: {files_t:?}");
            assert!(feed_t.is_none_or(|listed| !listed), "{kind:?}: out of its feed");
            documents::set_trashed(&db.pool, kind, &slug, false).await.expect("out of the trash");
            assert_eq!(
                seen_by_visitors(&app, &db, kind, &slug, &title_words).await,
                (page, found, files, feed),
                "{kind:?}: all back"
            );
            assert!(documents::trash(&db.pool).await.unwrap().iter().all(|t| t.slug != slug || t.kind != kind));
        }

        // A content page: save, changes, conflict, restore; never the trash.
        let page = content::content_page(&db.pool, "gioi-thieu").await.expect("page");
        let original = PageFields {
            title: page.title.clone(),
            description: page.description.clone(),
            body_html: page.body_html.clone(),
        };
        let mut edited = original.clone();
        edited.description = "Mô tả mới của trang giới thiệu.".into();
        let saved = editing::save_page(&db.pool, &who, "gioi-thieu", page.version, &edited).await.expect("save page");
        assert_eq!(saved.version, page.version + 1);
        let changes =
            documents::changes(&db.pool, DocKind::Page, "gioi-thieu", page.version, saved.version).await.expect("diff");
        assert_eq!(changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["Mô tả"]);
        let stale = editing::save_page(&db.pool, &who, "gioi-thieu", page.version, &original).await;
        assert!(matches!(stale, Err(ApiError::Conflict(c)) if c.changes.len() == 1 && c.changes[0].field == "Mô tả"));
        documents::restore(&db.pool, &who, DocKind::Page, "gioi-thieu", page.version, saved.version)
            .await
            .expect("restore page");
        assert_eq!(
            content::content_page(&db.pool, "gioi-thieu").await.expect("page").description,
            original.description
        );
        let refused = documents::set_trashed(&db.pool, DocKind::Page, "gioi-thieu", true).await;
        assert!(matches!(refused, Err(ApiError::Invalid(_))), "{refused:?}");
    });
}

/// A login session lasts 12 hours on the one clock, and then every write is refused.
#[test]
fn login_sessions_end_after_twelve_hours() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = editor_login(&db, &app).await;
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::OK);
        let later = common::ClockMoved::by(accounts::LOGIN_SESSION_SECS - 60);
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::OK, "a minute left");
        later.more(120);
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::UNAUTHORIZED, "expired");
    });
}

/// After five failures an account waits; once 15 minutes have passed (on the one clock) the
/// right password works again.
#[test]
fn the_failed_login_window_ends_after_fifteen_minutes() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        for _ in 0..accounts::MAX_FAILURES_PER_ACCOUNT {
            let (status, _, _) =
                send(&app, form("/api/login", None, "email=bientap%40hdnd.vn&password=sai-mat-khau")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
        }
        let right = format!("email=bientap%40hdnd.vn&password={PASSWORD}");
        assert_eq!(send(&app, form("/api/login", None, &right)).await.0, StatusCode::TOO_MANY_REQUESTS);
        let later = common::ClockMoved::by(accounts::FAILURE_WINDOW_SECS - 60);
        assert_eq!(send(&app, form("/api/login", None, &right)).await.0, StatusCode::TOO_MANY_REQUESTS, "not yet");
        later.more(61);
        assert_eq!(send(&app, form("/api/login", None, &right)).await.0, StatusCode::OK, "the window has passed");
    });
}

/// Twenty failures from one address (on any accounts) stop that address, not others.
#[test]
fn one_address_is_limited_across_accounts() {
    use accounts::LoginOutcome;
    common::run(async {
        let db = common::demo_db().await;
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let now = app::data::now();
        for i in 0..accounts::MAX_FAILURES_PER_ADDRESS {
            let email = format!("doan-{i}@hdnd.vn");
            let outcome = accounts::login(&db.pool, &email, "sai-mat-khau", "203.0.113.9", now).await.expect("login");
            assert!(matches!(outcome, LoginOutcome::Rejected), "attempt {i}");
        }
        let from_there = accounts::login(&db.pool, "bientap@hdnd.vn", PASSWORD, "203.0.113.9", now).await.unwrap();
        assert!(matches!(from_there, LoginOutcome::Throttled), "that address waits");
        let elsewhere = accounts::login(&db.pool, "bientap@hdnd.vn", PASSWORD, "198.51.100.4", now).await.unwrap();
        assert!(matches!(elsewhere, LoginOutcome::Ok { .. }), "another address does not");
    });
}

/// Without an `Origin`, the same-site check reads the `Referer`: this site's passes, another's
/// is refused, and none at all is refused.
#[test]
fn the_same_site_check_falls_back_to_the_referer() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = editor_login(&db, &app).await;
        let request = |referer: Option<&str>| {
            let mut b = Request::post("/api/trash")
                .header(header::HOST, "localhost:3000")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if let Some(r) = referer {
                b = b.header(header::REFERER, r);
            }
            b.body(Body::from("")).expect("request")
        };
        assert_eq!(send(&app, request(Some("http://localhost:3000/thung-rac"))).await.0, StatusCode::OK);
        assert_eq!(send(&app, request(Some("https://evil.example/thung-rac"))).await.0, StatusCode::FORBIDDEN);
        assert_eq!(send(&app, request(Some("http://localhost:3000.evil.example/"))).await.0, StatusCode::FORBIDDEN);
        assert_eq!(send(&app, request(None)).await.0, StatusCode::FORBIDDEN);
    });
}

/// A password reset ends the account's login sessions; the new password logs in, the old one
/// does not.
#[test]
fn a_password_reset_takes_effect() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = editor_login(&db, &app).await;
        let new_password = "mat-khau-moi-du-dai-2";
        accounts::reset_password(&db.pool, "bientap@hdnd.vn", new_password).await.expect("reset");
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::UNAUTHORIZED);
        let old = format!("email=bientap%40hdnd.vn&password={PASSWORD}");
        assert_eq!(send(&app, form("/api/login", None, &old)).await.0, StatusCode::BAD_REQUEST);
        let new = format!("email=bientap%40hdnd.vn&password={new_password}");
        let (status, headers, body) = send(&app, form("/api/login", None, &new)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let cookie = headers.get(header::SET_COOKIE).expect("cookie").to_str().expect("ascii");
        let cookie = cookie.split(';').next().expect("name=value").to_string();
        assert_eq!(send(&app, form("/api/trash", Some(&cookie), "")).await.0, StatusCode::OK);
    });
}

/// Both editors change the same field: the second save is a conflict that shows the first
/// editor's text for that field and carries it in `theirs`; the three-way rule keeps the
/// second editor's own change for that field and takes the first editor's for the others.
#[test]
fn both_editors_changing_the_same_field_is_a_conflict_on_that_field() {
    use app::editing::merge_field;
    common::run(async {
        let db = common::demo_db().await;
        let id = accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.expect("user");
        let (base, v1) = seed_fields(&db.pool).await;
        let mut a = base.clone();
        a.title = "Tiêu đề của biên tập viên A".into();
        a.source = Some("Nguồn của A".into());
        editing::save_article(&db.pool, &user(id), SEED, v1, &a).await.expect("A saves first");
        let mut b = base.clone();
        b.title = "Tiêu đề của biên tập viên B".into();
        let refused = editing::save_article(&db.pool, &user(id), SEED, v1, &b).await;
        let Err(ApiError::Conflict(conflict)) = refused else { panic!("expected a conflict, got {refused:?}") };
        let fields: Vec<&str> = conflict.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["Tiêu đề", "Nguồn"]);
        let theirs = |key: &str| app::records::value(&conflict.theirs, key).to_string();
        assert_eq!(theirs("title"), a.title);
        // The merge B's editor makes, field by field.
        let (mine, old) = (b.field_values(), base.field_values());
        let merged: Vec<(String, String)> = mine
            .iter()
            .map(|(k, v)| {
                let base_value = app::records::value(&old, k);
                (k.clone(), merge_field(base_value, v, &theirs(k)).to_string())
            })
            .collect();
        assert_eq!(app::records::value(&merged, "title"), b.title, "B's own change to the field both changed");
        assert_eq!(app::records::value(&merged, "source"), "Nguồn của A", "A's change to a field B left alone");
    });
}
