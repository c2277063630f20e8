//! Stored files through the whole HTTP stack and the maintenance commands: downloads streamed
//! with ranges, entity tags and a short cache; what a trashed or detached file answers;
//! administrators purging a file for good (410 afterwards); attachments checked before they are
//! stored; orphans cleaned.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use app::data::accounts;
use app::editing::DocKind;
use app::records::RecordKind;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use common::{form, post};
use http_body_util::BodyExt;
use std::path::Path;
use std::time::{Duration, SystemTime};
use tower::ServiceExt;

const PASSWORD: &str = "mat-khau-du-dai-1";
const RESOLUTION: &str = "12-2022-nq-hdnd";

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let res = app.clone().oneshot(req).await.expect("response");
    let (status, headers) = (res.status(), res.headers().clone());
    let body = res.into_body().collect().await.expect("body").to_bytes().to_vec();
    (status, headers, body)
}

fn get(path: &str) -> axum::http::request::Builder {
    Request::get(path).header(header::HOST, "localhost:3000")
}

/// Creates an account with `role` and logs it in; answers the cookie pair.
async fn log_in(db: &common::TestDb, app: &axum::Router, email: &str, role: Role) -> String {
    accounts::add_user(&db.pool, email, role, PASSWORD).await.expect("account");
    let body = format!("email={}&password={PASSWORD}", email.replace('@', "%40"));
    let req = form("/api/login", None, &body);
    let (status, headers, _) = send(app, req).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers.get(header::SET_COOKIE).expect("cookie").to_str().expect("ascii");
    cookie.split(';').next().expect("pair").to_string()
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// A resolution's first file: its address and stored name.
async fn resolution_file(db: &common::TestDb, slug: &str) -> (String, String) {
    let detail = app::data::resolutions::detail(&db.pool, slug).await.expect("resolution");
    let url = detail.files.first().expect("a file").url.clone();
    let stored = url.trim_start_matches("/tai-lieu/").to_string();
    (url, stored)
}

fn multipart(
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    file_name: &str,
    bytes: &[u8],
) -> Request<Body> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--XYZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XYZ--\r\n");
    post(path, cookie)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XYZ")
        .body(Body::from(body))
        .expect("request")
}

fn attachment(cookie: &str, kind: &str, slug: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    multipart("/api/attach", Some(cookie), &[("kind", kind), ("slug", slug)], file_name, bytes)
}

/// The names of the files in a directory (none if it does not exist).
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn downloads_are_streamed_in_ranges_with_an_etag_and_a_short_cache() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (url, stored) = resolution_file(&db, RESOLUTION).await;
        let whole = std::fs::read(db._dir.path().join("files").join(&stored)).expect("stored file");
        assert!(whole.len() > 40);

        let (status, headers, body) = send(&app, get(&url).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, whole);
        let hash = stored.split_once('.').unwrap().0;
        assert_eq!(header_of(&headers, header::ETAG), format!("\"{hash}\""));
        assert_eq!(header_of(&headers, header::CACHE_CONTROL), "public, max-age=300");
        assert_eq!(header_of(&headers, header::CONTENT_TYPE), "application/pdf");
        assert!(header_of(&headers, header::CONTENT_DISPOSITION).starts_with("attachment;"));
        assert_eq!(header_of(&headers, header::ACCEPT_RANGES), "bytes");

        // A range: just those bytes, with the same type, name, tag and cache.
        let (status, headers, body) =
            send(&app, get(&url).header(header::RANGE, "bytes=10-29").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(body, whole[10..30]);
        assert_eq!(header_of(&headers, header::CONTENT_RANGE), format!("bytes 10-29/{}", whole.len()));
        assert_eq!(header_of(&headers, header::CONTENT_TYPE), "application/pdf");
        assert!(header_of(&headers, header::CONTENT_DISPOSITION).starts_with("attachment;"));
        assert_eq!(header_of(&headers, header::ETAG), format!("\"{hash}\""));
        assert_eq!(header_of(&headers, header::CACHE_CONTROL), "public, max-age=300");
        // A browser that accepts compression still gets the plain bytes of a range.
        let ranged = get(&url).header(header::RANGE, "bytes=10-29").header(header::ACCEPT_ENCODING, "br, gzip");
        let (status, headers, body) = send(&app, ranged.body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert!(headers.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body, whole[10..30]);
        // The rest of an interrupted download.
        let from = whole.len() - 7;
        let (status, _, body) =
            send(&app, get(&url).header(header::RANGE, format!("bytes={from}-")).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(body, whole[from..]);
        let (status, headers, _) =
            send(&app, get(&url).header(header::RANGE, "bytes=999999999-").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(header_of(&headers, header::CONTENT_RANGE), format!("bytes */{}", whole.len()));

        // The browser's copy is still good: 304, no body.
        for tag in [format!("\"{hash}\""), format!("W/\"{hash}\""), format!("\"{}\", \"{hash}\"", "0".repeat(64))] {
            let req = get(&url).header(header::IF_NONE_MATCH, &tag).body(Body::empty()).unwrap();
            let (status, headers, body) = send(&app, req).await;
            assert_eq!(status, StatusCode::NOT_MODIFIED, "{tag}");
            assert!(body.is_empty());
            assert_eq!(header_of(&headers, header::ETAG), format!("\"{hash}\""));
            assert_eq!(header_of(&headers, header::CACHE_CONTROL), "public, max-age=300");
        }
        let other = get(&url).header(header::IF_NONE_MATCH, format!("\"{}\"", "0".repeat(64)));
        assert_eq!(send(&app, other.body(Body::empty()).unwrap()).await.0, StatusCode::OK);

        assert_eq!(server::http::cache_policy("/tai-lieu/x.pdf"), Some("public, max-age=300"));
        assert_eq!(server::http::cache_policy("/uploads/x.png"), Some("public, max-age=31536000, immutable"));
    });
}

#[test]
fn trashed_records_and_detached_files_are_not_downloadable() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (url, stored) = resolution_file(&db, RESOLUTION).await;
        let status =
            |app: axum::Router, url: String| async move { send(&app, get(&url).body(Body::empty()).unwrap()).await.0 };
        assert_eq!(status(app.clone(), url.clone()).await, StatusCode::OK);
        let kind = DocKind::Record(RecordKind::Resolution);
        app::data::documents::set_trashed(&db.pool, kind, RESOLUTION, true).await.unwrap();
        assert_eq!(status(app.clone(), url.clone()).await, StatusCode::NOT_FOUND, "the record is in the trash");
        let ranged = get(&url).header(header::RANGE, "bytes=0-3").body(Body::empty()).unwrap();
        assert_eq!(send(&app, ranged).await.0, StatusCode::NOT_FOUND, "no range of it either");
        app::data::documents::set_trashed(&db.pool, kind, RESOLUTION, false).await.unwrap();
        assert_eq!(status(app.clone(), url.clone()).await, StatusCode::OK, "restored");
        app::data::attachments::detach(&db.pool, RecordKind::Resolution, RESOLUTION, &stored).await.unwrap();
        assert_eq!(status(app.clone(), url.clone()).await, StatusCode::NOT_FOUND, "taken off the record");
        assert!(db._dir.path().join("files").join(&stored).exists(), "detaching deletes nothing");
    });
}

#[test]
fn a_file_for_a_missing_or_trashed_record_is_never_stored() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let files = db._dir.path().join("files");
        let editor = log_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let before = names_in(&files);
        let pdf = b"%PDF-1.4\n% Khong co ban ghi nao\n%%EOF\n".to_vec();

        let (status, _, _) =
            send(&app, attachment(&editor, "resolution", "khong-co-nghi-quyet-nay", "a.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(names_in(&files), before, "no file for a record that does not exist");
        let (status, _, _) = send(&app, attachment(&editor, "body", "ban-phap-che", "a.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "bodies take no files");
        let kind = DocKind::Record(RecordKind::Resolution);
        app::data::documents::set_trashed(&db.pool, kind, RESOLUTION, true).await.unwrap();
        let (status, _, _) = send(&app, attachment(&editor, "resolution", RESOLUTION, "a.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a record in the trash takes no files");
        assert_eq!(names_in(&files), before, "nothing was written");

        app::data::documents::set_trashed(&db.pool, kind, RESOLUTION, false).await.unwrap();
        let (status, _, _) = send(&app, attachment(&editor, "resolution", RESOLUTION, "a.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(names_in(&files).len(), before.len() + 1);
    });
}

#[test]
fn administrators_purge_a_file_for_good() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let files = db._dir.path().join("files");
        let editor = log_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let admin = log_in(&db, &app, "quantri@hdnd.vn", Role::Admin).await;

        // One document on two records: a resolution and a sitting.
        let pdf = b"%PDF-1.4\n% Ban sao cong bo nham\n%%EOF\n".to_vec();
        let (status, _, body) = send(&app, attachment(&editor, "resolution", RESOLUTION, "Bản sao.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let file: app::resolution::AttachedFile = serde_json::from_slice(&body).unwrap();
        let stored = file.url.trim_start_matches("/tai-lieu/").to_string();
        let sitting: String =
            sqlx::query_scalar("SELECT slug FROM sittings LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let (status, _, _) = send(&app, attachment(&editor, "sitting", &sitting, "Tờ trình bản sao.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(files.join(&stored).exists());

        let purge = |cookie: Option<&str>, reason: &str| {
            form("/api/purge_file", cookie, format!("stored={stored}&reason={}", reason.replace(' ', "+")))
        };
        assert_eq!(send(&app, purge(None, "Công bố nhầm")).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&app, purge(Some(&editor), "Công bố nhầm")).await.0, StatusCode::FORBIDDEN);
        assert_eq!(send(&app, purge(Some(&admin), "   ")).await.0, StatusCode::BAD_REQUEST, "a reason is required");
        assert!(files.join(&stored).exists(), "refused purges delete nothing");
        assert_eq!(send(&app, get(&file.url).body(Body::empty()).unwrap()).await.0, StatusCode::OK);

        let (status, _, body) = send(&app, purge(Some(&admin), "Công bố nhầm bản chưa ký")).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(serde_json::from_slice::<u64>(&body).unwrap(), 2, "taken off both records");
        assert!(!files.join(&stored).exists(), "the file is gone from disk");
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE stored_name = ?1")
            .bind(&stored)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(left, 0);
        let detail = app::data::resolutions::detail(&db.pool, RESOLUTION).await.unwrap();
        assert!(detail.files.iter().all(|f| f.url != file.url), "the page no longer lists it");
        let q = app::search::SearchQuery::text("to trinh ban sao");
        assert_eq!(common::search(&db.pool, &q).await.unwrap().total, 0, "nor does search");
        let logged: (Option<i64>, String, String) =
            sqlx::query_as("SELECT user_id, purged_by, reason FROM purged_files WHERE stored_name = ?1")
                .bind(&stored)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert!(logged.0.is_some());
        assert_eq!((logged.1.as_str(), logged.2.as_str()), ("quantri@hdnd.vn", "Công bố nhầm bản chưa ký"));

        for range in [None, Some("bytes=0-3")] {
            let mut req = get(&file.url);
            if let Some(range) = range {
                req = req.header(header::RANGE, range);
            }
            let (status, _, body) = send(&app, req.body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::GONE);
            assert!(String::from_utf8_lossy(&body).contains("đã bị gỡ bỏ vĩnh viễn"));
        }
        // The same content cannot come back, and nothing is stored for it.
        let (status, _, body) = send(&app, attachment(&editor, "resolution", RESOLUTION, "lai.pdf", &pdf)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8_lossy(&body).contains("xóa vĩnh viễn"));
        assert!(!files.join(&stored).exists());

        // From the command line: a demo resolution's file, logged as such.
        let another: String = sqlx::query_scalar(
            "SELECT r.slug FROM resolutions r WHERE r.slug <> ?1 AND r.deleted_at IS NULL \
             AND EXISTS (SELECT 1 FROM attachments f WHERE f.kind = 'resolution' AND f.record_id = r.id) LIMIT 1",
        )
        .bind(RESOLUTION)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let (url, other) = resolution_file(&db, &another).await;
        let by = app::data::audit::Actor::CommandLine;
        let detached = app::data::purge::purge(&db.pool, &files, &other, by, "Văn bản bị thu hồi").await.unwrap();
        assert_eq!(detached, 1);
        assert_eq!(send(&app, get(&url).body(Body::empty()).unwrap()).await.0, StatusCode::GONE);
        let purged_by: String = sqlx::query_scalar("SELECT purged_by FROM purged_files WHERE stored_name = ?1")
            .bind(&other)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(purged_by, app::data::purge::COMMAND_LINE);
        // Both purges are in the audit log, with who did them and why.
        let audited: Vec<(String, String)> =
            sqlx::query_as("SELECT actor, target FROM audit_log WHERE action = 'purge' ORDER BY id")
                .fetch_all(&db.pool)
                .await
                .unwrap();
        assert_eq!(
            audited,
            vec![
                ("quantri@hdnd.vn".to_string(), format!("{stored}: Công bố nhầm bản chưa ký")),
                (app::data::purge::COMMAND_LINE.to_string(), format!("{other}: Văn bản bị thu hồi")),
            ]
        );
        let unknown = format!("{}.pdf", "a".repeat(64));
        let missing = app::data::purge::purge(&db.pool, &files, &unknown, by, "x").await;
        assert_eq!(missing, Err(app::error::ApiError::NotFound));
        let bad = app::data::purge::purge(&db.pool, &files, "../hdnd.db", by, "x").await;
        assert!(matches!(bad, Err(app::error::ApiError::Invalid(_))));
        assert!(db._dir.path().join("test.db").exists());

        let cli = <server::cli::Cli as clap::Parser>::try_parse_from([
            "server",
            "purge-file",
            &other,
            "--reason",
            "Văn bản bị thu hồi",
        ])
        .unwrap();
        assert!(matches!(cli.command, Some(server::cli::Command::PurgeFile { name, .. }) if name == other));
    });
}

/// Writes a file and makes it look `age` old.
fn write_aged(path: &Path, bytes: &[u8], age: Duration) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn clean_files_removes_orphans_and_keeps_everything_in_use() {
    common::run(async {
        let db = common::demo_db().await;
        let data = db._dir.path();
        let (files, uploads) = (data.join("files"), data.join("uploads"));
        let old = Duration::from_secs(2 * 60 * 60);
        let name = |c: char, ext: &str| format!("{}.{ext}", c.to_string().repeat(64));
        let attached_before = names_in(&files);
        assert!(!attached_before.is_empty(), "the demo's resolutions have files");

        let orphan_doc = name('a', "pdf");
        write_aged(&files.join(&orphan_doc), b"%PDF-1.4 orphan", old);
        let young_doc = name('b', "pdf");
        write_aged(&files.join(&young_doc), b"%PDF-1.4 in flight", Duration::from_secs(60));
        // Not a name the server gives: never touched.
        write_aged(&files.join("ghi-chu.txt"), b"notes", old);
        write_aged(&files.join(format!(".{}.tmp", name('c', "pdf"))), b"half", old);
        std::fs::create_dir_all(files.join(name('d', "pdf"))).unwrap();

        let recorded = name('1', "png");
        write_aged(&uploads.join(&recorded), b"png", old);
        app::data::uploads::record(&db.pool, &format!("/uploads/{recorded}")).await.unwrap();
        let in_body = name('2', "jpg");
        write_aged(&uploads.join(&in_body), b"jpg", old);
        sqlx::query("UPDATE articles SET body_html = body_html || ?1 WHERE id = (SELECT MIN(id) FROM articles)")
            .bind(format!("<p><img src=\"/uploads/{in_body}\" alt=\"Ảnh\"></p>"))
            .execute(&db.pool)
            .await
            .unwrap();
        let as_photo = name('3', "webp");
        write_aged(&uploads.join(&as_photo), b"webp", old);
        sqlx::query("UPDATE people SET photo_url = ?1 WHERE id = (SELECT MIN(id) FROM people)")
            .bind(format!("/uploads/{as_photo}"))
            .execute(&db.pool)
            .await
            .unwrap();
        let in_revision = name('4', "gif");
        write_aged(&uploads.join(&in_revision), b"gif", old);
        sqlx::query(
            "INSERT INTO revisions (kind, entity_id, version, user_id, created_at, note, data) \
             VALUES ('article', 1, 99, NULL, 0, 'cũ', ?1)",
        )
        .bind(format!("{{\"image_url\":\"/uploads/{in_revision}\"}}"))
        .execute(&db.pool)
        .await
        .unwrap();
        let orphan_image = name('5', "png");
        write_aged(&uploads.join(&orphan_image), b"png", old);
        let odd_extension = name('6', "pdf");
        write_aged(&uploads.join(&odd_extension), b"not an image name", old);

        // A dry run lists, deletes nothing.
        let listed = server::clean_files::run(&db.pool, data, false).await.unwrap();
        assert!(listed.contains(&orphan_doc) && listed.contains(&orphan_image), "{listed}");
        assert!(listed.contains("--apply"), "{listed}");
        assert!(files.join(&orphan_doc).exists() && uploads.join(&orphan_image).exists());

        let done = server::clean_files::run(&db.pool, data, true).await.unwrap();
        assert!(done.contains("Đã xóa 2 tệp"), "{done}");
        assert!(done.contains("Bỏ qua 1 tệp"), "{done}");
        assert!(!files.join(&orphan_doc).exists());
        assert!(!uploads.join(&orphan_image).exists());
        for kept in [&young_doc, "ghi-chu.txt"] {
            assert!(files.join(kept).exists(), "{kept}");
        }
        assert!(files.join(name('d', "pdf")).is_dir());
        assert!(files.join(format!(".{}.tmp", name('c', "pdf"))).exists());
        for kept in [&recorded, &in_body, &as_photo, &in_revision, &odd_extension] {
            assert!(uploads.join(kept).exists(), "{kept}");
        }
        for attached in attached_before {
            assert!(files.join(&attached).exists(), "attached {attached}");
        }
        let again = server::clean_files::run(&db.pool, data, false).await.unwrap();
        assert!(again.contains("Không có tệp nào thừa."), "{again}");

        let cli = <server::cli::Cli as clap::Parser>::try_parse_from(["server", "clean-files", "--apply"]).unwrap();
        assert!(matches!(cli.command, Some(server::cli::Command::CleanFiles { apply: true })));
    });
}
