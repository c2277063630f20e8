//! Hỏi đáp: a question sent through the form waits for its asker's confirmation, enters the
//! editors' queue, is published, answered or rejected in the record editor (the asker mailed
//! through the outbox in the same transaction), and only then is public and searchable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::{Role, UserInfo};
use app::data::{form_stamp, questions, records};
use app::questions::{QuestionFilter, QuestionStatus, BAD_CONFIRM_LINK};
use app::records::{RecordFields, RecordKind};
use app::search::SearchQuery;
use axum::http::{header, StatusCode};
use common::{form, send, ClockMoved};
use sqlx::SqlitePool;

async fn stamp(pool: &SqlitePool) -> String {
    let key: Vec<u8> =
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'form_stamp'").fetch_one(pool).await.unwrap();
    form_stamp::sign(&key, app::data::now() - 10)
}

/// The question form's fields, as the browser sends them.
fn ask_fields(email: &str, title: &str, stamp: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "hoi-dap".into()),
        ("asker", "Phan Văn Hỏi".into()),
        ("email", email.into()),
        ("locality", "Dĩ An".into()),
        ("field", "giao-thong".into()),
        ("title", title.into()),
        ("text", "Khi nào cầu vượt Sóng Thần thông xe?".into()),
        ("website", String::new()),
        ("stamp", stamp.into()),
    ]
}

/// The form posted as multipart (the browser's encoding for a form with a file input), with
/// an attachment `(name, bytes)` or the empty part of a file input left empty; `accept` is
/// what the browser (text/html) or the app (application/json) asks for.
fn ask_request(
    fields: &[(&str, String)],
    file: Option<(&str, &[u8])>,
    accept: &str,
) -> axum::http::Request<axum::body::Body> {
    let boundary = "----ranh-gioi-7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    common::post("/api/ask_question", None)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::ACCEPT, accept)
        .body(axum::body::Body::from(body))
        .unwrap()
}

fn ask_json(fields: &[(&str, String)]) -> axum::http::Request<axum::body::Body> {
    ask_request(fields, None, "application/json")
}

fn json_post(path: &str, body: String) -> axum::http::Request<axum::body::Body> {
    let mut req = form(path, None, body);
    req.headers_mut().insert(header::ACCEPT, "application/json".parse().unwrap());
    req
}

async fn last_mail(pool: &SqlitePool) -> (String, String, String, String) {
    sqlx::query_as("SELECT purpose, recipient, subject, body FROM mail_outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn editor(pool: &SqlitePool) -> UserInfo {
    let id = app::data::accounts::add_user(pool, "bientap@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
    UserInfo { id, email: "bientap@hdnd.vn".into(), role: Role::Editor }
}

fn set(fields: &mut RecordFields, key: &str, value: &str) {
    fields.iter_mut().find(|(k, _)| k == key).expect("field").1 = value.to_string();
}

async fn titles(pool: &SqlitePool, f: &QuestionFilter, as_editor: bool) -> Vec<String> {
    questions::list(pool, f, as_editor).await.unwrap().list.items.into_iter().map(|q| q.title).collect()
}

async fn found(pool: &SqlitePool, q: &str) -> Vec<String> {
    let results = common::search(pool, &SearchQuery::text(q)).await.unwrap();
    results.hits.into_iter().map(|h| h.url).collect()
}

#[test]
fn a_question_is_confirmed_moderated_answered_and_its_asker_mailed() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let good = stamp(&db.pool).await;
        let title = "Cầu vượt Sóng Thần bao giờ thông xe";
        let pdf: &[u8] = b"%PDF-1.4\n% anh chup cau vuot\n%%EOF\n";
        let request =
            ask_request(&ask_fields("hoi@vd.vn", title, &good), Some(("Ảnh cầu vượt.pdf", pdf)), "application/json");
        let (status, _, text) = send(&app, request).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let stored = server::files::stored_name(pdf, "pdf");
        assert!(db._dir.path().join("files").join(&stored).is_file(), "the attachment is in the store");
        assert!(text.contains("chưa gửi được"), "no mail server here, and the answer says so: {text}");

        // Unconfirmed: nowhere to be seen, not even by editors; the asker has the link.
        let all = QuestionFilter { page: 1, ..Default::default() };
        assert!(!titles(&db.pool, &all, true).await.contains(&title.to_string()));
        let (purpose, to, subject, body) = last_mail(&db.pool).await;
        assert_eq!((purpose.as_str(), to.as_str()), ("question_confirm", "hoi@vd.vn"));
        assert_eq!(subject, format!("Xác nhận câu hỏi: {title}"));
        let token = body.split("/hoi-dap/xac-nhan?ma=").nth(1).unwrap()[..64].to_string();
        assert_eq!(questions::confirmable(&db.pool, &token).await.unwrap().as_deref(), Some(title));

        // Confirmed: in the editors' queue only; the link is used up.
        let (status, _, text) = send(&app, json_post("/api/confirm_question", format!("token={token}"))).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let queue = QuestionFilter { status: Some(QuestionStatus::Pending), page: 1, ..Default::default() };
        assert!(titles(&db.pool, &queue, true).await.contains(&title.to_string()));
        assert!(!titles(&db.pool, &all, false).await.contains(&title.to_string()));
        assert!(matches!(questions::list(&db.pool, &queue, false).await, Err(app::error::ApiError::NotFound)));
        let (status, _, text) = send(&app, json_post("/api/confirm_question", format!("token={token}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(BAD_CONFIRM_LINK), "{text}");
        let slug: String = sqlx::query_scalar("SELECT slug FROM questions WHERE title = ?1")
            .bind(title)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert!(matches!(questions::detail(&db.pool, &slug, false).await, Err(app::error::ApiError::NotFound)));
        // Its attachment: the editors' during moderation, nobody else's.
        let files = questions::detail(&db.pool, &slug, true).await.unwrap().files;
        assert_eq!(files.len(), 1);
        assert_eq!(
            (files[0].name.as_str(), files[0].url.as_str()),
            ("Ảnh cầu vượt.pdf", format!("/tai-lieu/{stored}").as_str())
        );
        assert!(app::data::attachments::public_file(&db.pool, &stored, false).await.is_err());
        assert!(app::data::attachments::public_file(&db.pool, &stored, true).await.is_ok());
        let download =
            || axum::http::Request::get(format!("/tai-lieu/{stored}")).body(axum::body::Body::empty()).unwrap();
        assert_eq!(send(&app, download()).await.0, StatusCode::NOT_FOUND);
        let url = format!("/hoi-dap/{slug}");
        assert!(!found(&db.pool, "cau vuot song than").await.contains(&url), "not searchable before it is published");

        // Published by an editor: public and searchable, no mail.
        let user = editor(&db.pool).await;
        let mails_before: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox").fetch_one(&db.pool).await.unwrap();
        let record = records::editable(&db.pool, RecordKind::Question, &slug).await.unwrap();
        let mut fields = record.fields.clone();
        set(&mut fields, "status", "da-dang");
        let saved = records::save(&db.pool, &user, RecordKind::Question, &slug, record.version, &fields).await.unwrap();
        assert!(titles(&db.pool, &all, false).await.contains(&title.to_string()));
        assert!(found(&db.pool, "cau vuot song than").await.contains(&url));
        assert_eq!(send(&app, download()).await.0, StatusCode::OK, "published with its question");
        let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox").fetch_one(&db.pool).await.unwrap();
        assert_eq!(mails, mails_before);

        // Answered without naming who answers: refused. Then answered: the asker is mailed.
        set(&mut fields, "status", "da-tra-loi");
        set(&mut fields, "answer", "Dự kiến thông xe trong quý IV.");
        set(&mut fields, "answered_on", &app::data::council::today().format("%Y-%m-%d").to_string());
        let refused = records::save(&db.pool, &user, RecordKind::Question, &slug, saved.version, &fields).await;
        assert!(matches!(refused, Err(app::error::ApiError::Invalid(m)) if m.contains("cơ quan trả lời")));
        set(&mut fields, "answer_agency", "Sở Giao thông vận tải");
        records::save(&db.pool, &user, RecordKind::Question, &slug, saved.version, &fields).await.unwrap();
        let (purpose, to, subject, body) = last_mail(&db.pool).await;
        assert_eq!((purpose.as_str(), to.as_str()), ("question_answered", "hoi@vd.vn"));
        assert_eq!(subject, format!("Câu hỏi của bạn đã được trả lời: {title}"));
        assert!(body.contains("Sở Giao thông vận tải") && body.contains("Dự kiến thông xe trong quý IV."), "{body}");
        assert!(body.contains(&format!("/hoi-dap/{slug}")), "{body}");
        let detail = questions::detail(&db.pool, &slug, false).await.unwrap();
        assert_eq!(detail.summary.status, QuestionStatus::Answered);
        assert_eq!(detail.answer_agency.as_deref(), Some("Sở Giao thông vận tải"));
        assert!(!detail.summary.overdue);
    });
}

#[test]
fn a_rejected_question_mails_its_reason_and_stays_private() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let slug: String = sqlx::query_scalar("SELECT slug FROM questions WHERE status = 'cho-duyet' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let record = records::editable(&db.pool, RecordKind::Question, &slug).await.unwrap();
        let mut fields = record.fields.clone();
        set(&mut fields, "status", "tu-choi");
        let refused = records::save(&db.pool, &user, RecordKind::Question, &slug, record.version, &fields).await;
        assert!(matches!(refused, Err(app::error::ApiError::Invalid(m)) if m.contains("lý do")));
        set(&mut fields, "reject_reason", "Câu hỏi không thuộc thẩm quyền của HĐND tỉnh.");
        records::save(&db.pool, &user, RecordKind::Question, &slug, record.version, &fields).await.unwrap();
        let (purpose, to, _, body) = last_mail(&db.pool).await;
        assert_eq!(purpose, "question_rejected");
        assert!(to.ends_with("@example.com"));
        assert!(body.contains("Câu hỏi không thuộc thẩm quyền của HĐND tỉnh."));
        assert!(matches!(questions::detail(&db.pool, &slug, false).await, Err(app::error::ApiError::NotFound)));
        let for_editor = questions::detail(&db.pool, &slug, true).await.unwrap();
        assert_eq!(for_editor.reject_reason.as_deref(), Some("Câu hỏi không thuộc thẩm quyền của HĐND tỉnh."));
    });
}

#[test]
fn the_form_is_checked_limited_and_its_link_expires() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let good = stamp(&db.pool).await;
        let mut bad_locality = ask_fields("a@vd.vn", "Tiêu đề", &good);
        bad_locality[3].1 = "Xứ khác".into();
        let (status, _, text) = send(&app, ask_json(&bad_locality)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(app::questions::CHOICE_MISSING), "{text}");
        let (status, _, text) = send(&app, ask_json(&ask_fields("a@vd.vn", "   ", &good))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(app::questions::TITLE_MISSING), "{text}");
        // Without JavaScript: back to the form with the reason.
        let (status, headers, _) =
            send(&app, ask_request(&ask_fields("a@vd.vn", "Câu hỏi", "1.00"), None, "text/html")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers.get(header::LOCATION).unwrap(), "/hoi-dap/gui?ket_qua=het-han#gui-cau-hoi");
        // Attachments: documents only, recognised by their content, at most 5 MB; nothing is
        // kept of a refused question.
        let fields = ask_fields("tep@vd.vn", "Câu hỏi có tệp", &good);
        for (file, message) in [
            (("virus.exe", b"MZ\x90\x00".as_slice()), app::questions::FILE_REFUSED),
            (("doi-ten.pdf", b"<html>khong phai pdf</html>".as_slice()), app::questions::FILE_REFUSED),
        ] {
            let (status, _, text) = send(&app, ask_request(&fields, Some(file), "application/json")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
            assert!(text.contains(message), "{text}");
        }
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(app::questions::FILE_MAX_BYTES + 1, b'a');
        let (status, _, text) = send(&app, ask_request(&fields, Some(("lon.pdf", &big)), "application/json")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
        assert!(text.contains(app::questions::FILE_TOO_BIG), "{text}");
        let (status, headers, _) = send(&app, ask_request(&fields, Some(("lon.pdf", &big)), "text/html")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers.get(header::LOCATION).unwrap(), "/hoi-dap/gui?ket_qua=loi-tep-qua-lon#gui-cau-hoi");
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM questions WHERE email = 'tep@vd.vn'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(kept, 0);
        // Not a form at all.
        let (status, _, text) = send(&app, json_post("/api/ask_question", "kind=hoi-dap".into())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains("multipart/form-data"), "{text}");

        let limit = app::mail::Form::Question.limits().per_sender;
        for i in 0..limit {
            let (status, _, text) = send(&app, ask_json(&ask_fields("hay@vd.vn", &format!("Câu {i}"), &good))).await;
            assert_eq!(status, StatusCode::OK, "{text}");
        }
        let (status, _, text) = send(&app, ask_json(&ask_fields("hay@vd.vn", "Câu nữa", &good))).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{text}");

        let (_, _, _, body) = last_mail(&db.pool).await;
        let token = body.split("/hoi-dap/xac-nhan?ma=").nth(1).unwrap()[..64].to_string();
        let _later = ClockMoved::by(app::questions::CONFIRM_HOURS * 3600 + 1);
        assert_eq!(questions::confirmable(&db.pool, &token).await.unwrap(), None);
        assert!(
            matches!(questions::confirm(&db.pool, &token).await, Err(app::error::ApiError::Invalid(m)) if m == BAD_CONFIRM_LINK)
        );
    });
}

#[test]
fn readers_filter_published_questions_and_see_the_overdue_rule() {
    common::run(async {
        let db = common::demo_db().await;
        let all = QuestionFilter { page: 1, ..Default::default() };
        let public = questions::list(&db.pool, &all, false).await.unwrap();
        assert!(public.list.total >= 10, "the demo has published and answered questions");
        assert!(public.list.items.iter().all(|q| q.status.is_public()));
        assert_eq!(public.pending, 0, "readers are not told about the queue");
        let editors = questions::list(&db.pool, &all, true).await.unwrap();
        assert!(editors.list.total > public.list.total);
        assert!(editors.pending > 0);

        let feedback = QuestionFilter { kind: Some("gop-y".into()), page: 1, ..Default::default() };
        let list = questions::list(&db.pool, &feedback, false).await.unwrap();
        assert!(list.list.total > 0);
        assert!(list.list.items.iter().all(|q| q.kind_label == "Góp ý"));

        let overdue = QuestionFilter { overdue: true, page: 1, ..Default::default() };
        let list = questions::list(&db.pool, &overdue, false).await.unwrap();
        assert!(list.list.total > 0, "the demo has overdue questions");
        assert!(list.list.items.iter().all(|q| q.overdue && q.days > list.answer_days));
        let answered = QuestionFilter { status: Some(QuestionStatus::Answered), page: 1, ..Default::default() };
        assert!(questions::list(&db.pool, &answered, false).await.unwrap().list.items.iter().all(|q| !q.overdue));

        // Through HTTP: an unknown filter value names no page.
        let app = common::router(&db);
        let page = axum::http::Request::get("/hoi-dap?linh_vuc=khong-co").body(axum::body::Body::empty()).unwrap();
        assert_eq!(send(&app, page).await.0, StatusCode::NOT_FOUND);
        let page = axum::http::Request::get("/hoi-dap?trang_thai=cho-duyet").body(axum::body::Body::empty()).unwrap();
        assert_eq!(send(&app, page).await.0, StatusCode::NOT_FOUND, "the queue is the editors'");
        let page = axum::http::Request::get("/hoi-dap?loai=gop-y").body(axum::body::Body::empty()).unwrap();
        let (status, _, html) = send(&app, page).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Góp ý - Hỏi đáp"));
    });
}
