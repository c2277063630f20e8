//! Subscriptions: a request through the form waits for its confirmation; once confirmed, new
//! items of its topic (a calendar, a category and its subcategories, the resolutions, a saved
//! search) are queued in the outbox once, at once or at the next daily or weekly slot, with
//! the one-click unsubscribe that deletes the subscription.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::data::{form_stamp, subscriptions};
use app::subscriptions::*;
use axum::http::{header, StatusCode};
use common::{form, send};
use sqlx::SqlitePool;

async fn stamp(pool: &SqlitePool) -> String {
    let key = form_stamp::secret(pool, "form_stamp").await.unwrap();
    form_stamp::sign(&key, app::data::now() - 10)
}

fn enc(text: &str) -> String {
    app::share::url_encode(text)
}

fn json_post(path: &str, body: String) -> axum::http::Request<axum::body::Body> {
    let mut req = form(path, None, body);
    req.headers_mut().insert(header::ACCEPT, "application/json".parse().unwrap());
    req
}

/// Asks, through the HTTP stack, for `email` to follow `topic` (`Topic::value`).
async fn ask(
    app: &axum::Router,
    pool: &SqlitePool,
    email: &str,
    topic: &str,
    q: &str,
    frequency: &str,
) -> (StatusCode, String) {
    let body = format!(
        "topic={}&q={}&loai=&email={}&frequency={frequency}&website=&stamp={}",
        enc(topic),
        enc(q),
        enc(email),
        enc(&stamp(pool).await)
    );
    let (status, _, text) = send(app, json_post("/api/subscribe", body)).await;
    (status, text)
}

/// The outbox's messages to `to`: (purpose, subject, body, List-Unsubscribe).
async fn mail_to(pool: &SqlitePool, to: &str) -> Vec<(String, String, String, Option<String>)> {
    sqlx::query_as("SELECT purpose, subject, body, list_unsubscribe FROM mail_outbox WHERE recipient = ?1 ORDER BY id")
        .bind(to)
        .fetch_all(pool)
        .await
        .unwrap()
}

/// The token of the confirmation link in the last message to `to`.
async fn confirm_token(pool: &SqlitePool, to: &str) -> String {
    let (_, _, body, _) = mail_to(pool, to).await.pop().expect("a confirmation");
    let at = body.find("/dang-ky/xac-nhan?ma=").expect("a link") + "/dang-ky/xac-nhan?ma=".len();
    body[at..at + 64].to_string()
}

/// Subscribes and confirms; returns the manage token.
async fn subscribed(
    app: &axum::Router,
    pool: &SqlitePool,
    email: &str,
    topic: &str,
    q: &str,
    frequency: &str,
) -> String {
    let (status, text) = ask(app, pool, email, topic, q, frequency).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let manage = subscriptions::confirm(pool, &confirm_token(pool, email).await).await.unwrap();
    manage.split_once("ma=").unwrap().1.to_string()
}

fn unique() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

async fn add_event(pool: &SqlitePool, calendar: &str, content: &str) {
    let now = app::data::now();
    sqlx::query(
        "INSERT INTO calendar_events (slug, calendar, starts_at, place, content, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'Hội trường A', ?4, ?3, ?3)",
    )
    .bind(format!("su-kien-thu-{}", unique()))
    .bind(calendar)
    .bind(now + 86_400)
    .bind(content)
    .execute(pool)
    .await
    .unwrap();
}

async fn add_article(pool: &SqlitePool, category_id: i64, title: &str, published_at: i64) -> i64 {
    let now = app::data::now();
    sqlx::query(
        "INSERT INTO articles (category_id, slug, title, lead, body_html, published_at, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'Sa pô.', '<p>Nội dung.</p>', ?4, ?5, ?5)",
    )
    .bind(category_id)
    .bind(format!("bai-thu-{}", unique()))
    .bind(title)
    .bind(published_at)
    .bind(now)
    .execute(pool)
    .await
    .unwrap()
    .last_insert_rowid()
}

async fn add_resolution(pool: &SqlitePool, seq: i64) {
    let now = app::data::now();
    sqlx::query(
        "INSERT INTO resolutions (slug, number, seq, year, doc_type, issuer, level, term, signer, signed_on, validity, \
         abstract, created_at, updated_at) VALUES (?1, ?2, ?3, 2026, 'qppl', 'HĐND tỉnh Bình Dương', 'tinh', 'X', \
         'Nguyễn Văn Lộc', '2026-11-30', 'con-hieu-luc', 'Quy định mức hỗ trợ thử nghiệm', ?4, ?4)",
    )
    .bind(format!("{seq}-2026-nq-hdnd"))
    .bind(format!("{seq}/2026/NQ-HĐND"))
    .bind(seq)
    .bind(now)
    .execute(pool)
    .await
    .unwrap();
}

const BASE: &str = "https://hdnd.example.vn";

#[test]
fn a_confirmed_subscription_gets_each_new_item_once_and_one_click_deletes_it() {
    common::run(async {
        let db = common::demo_db().await;
        let (pool, app) = (&db.pool, common::router(&db));
        let email = "theodoi@vd.vn";
        let (status, text) = ask(&app, pool, email, "lich/tiep-cong-dan", "", "ngay").await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert!(text.contains("chưa gửi được"), "no mail server here, and the answer says so: {text}");
        let mail = mail_to(pool, email).await;
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].0, "subscription_confirm");
        assert_eq!(mail[0].1, "Xác nhận đăng ký nhận tin: Lịch tiếp công dân");
        assert_eq!(mail[0].3, None, "a confirmation is no list message");

        // Unconfirmed: nothing reaches the address.
        add_event(pool, "tiep-cong-dan", "Tiếp công dân trước khi xác nhận").await;
        assert_eq!(subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap(), 0);

        let token = confirm_token(pool, email).await;
        assert_eq!(subscriptions::confirmable(pool, &token).await.unwrap().as_deref(), Some("Lịch tiếp công dân"));
        let manage = subscriptions::confirm(pool, &token).await.unwrap();
        assert!(manage.starts_with("/dang-ky/quan-ly?ma="), "{manage}");
        assert!(subscriptions::confirm(pool, &token).await.is_err(), "the link is used up");
        assert_eq!(subscriptions::confirmable(pool, &token).await.unwrap(), None);
        // What was public at confirmation is not news.
        assert_eq!(subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap(), 0);

        add_event(pool, "tiep-cong-dan", "Tiếp công dân định kỳ tháng Mười hai").await;
        add_event(pool, "hdnd", "Họp Thường trực HĐND").await;
        assert_eq!(subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap(), 1);
        let (purpose, subject, body, unsubscribe) = mail_to(pool, email).await.pop().unwrap();
        assert_eq!(purpose, "digest");
        assert_eq!(subject, "Lịch tiếp công dân: Tiếp công dân định kỳ tháng Mười hai");
        assert!(!body.contains("Họp Thường trực"), "another calendar's entry: {body}");
        assert!(body.contains(&format!("{BASE}/lich/tiep-cong-dan?tuan=")), "{body}");
        let unsubscribe = unsubscribe.expect("List-Unsubscribe");
        assert!(unsubscribe.starts_with(&format!("{BASE}{ONE_CLICK_PATH}?ma=")), "{unsubscribe}");
        assert!(body.contains(&format!("{BASE}{MANAGE_PATH}?ma=")), "{body}");

        // Never twice: not in the next run, nor after a restart (a new pool on the same file).
        assert_eq!(subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap(), 0);
        let file = db._dir.path().join("test.db");
        let again = server::db::connect(&server::config::Database::File(file)).await.unwrap();
        assert_eq!(subscriptions::run_digests(&again, app::data::now(), BASE).await.unwrap(), 0);
        again.close().await;
        assert_eq!(mail_to(pool, email).await.len(), 2);

        // The manage page is the subscriber's own: rendered afresh, kept by no cache.
        let manage_path = unsubscribe.strip_prefix(BASE).unwrap().replace(ONE_CLICK_PATH, MANAGE_PATH);
        let page = || axum::http::Request::get(manage_path.as_str()).body(axum::body::Body::empty()).unwrap();
        for _ in 0..2 {
            let (status, headers, html) = send(&app, page()).await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains(email), "the page names the address");
            assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
            assert_ne!(headers.get(server::page_cache::STATUS_HEADER).map(|v| v.to_str().unwrap()), Some("hit"));
        }

        // The one-click POST of a mail provider: no cookie, no Origin.
        let path = unsubscribe.strip_prefix(BASE).unwrap();
        let one_click = |method: &str| {
            axum::http::Request::builder()
                .method(method)
                .uri(path)
                .header(header::HOST, "localhost:3000")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
                .unwrap()
        };
        let (status, headers, _) = send(&app, one_click("GET")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "a GET changes nothing: it shows the manage page");
        assert!(headers[header::LOCATION].to_str().unwrap().starts_with("/dang-ky/quan-ly?ma="));
        let (status, _, text) = send(&app, one_click("POST")).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert_eq!(text, UNSUBSCRIBED);
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM subscriptions WHERE email = ?1")
            .bind(email)
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "the address is deleted");
        let (status, _, text) = send(&app, one_click("POST")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
        assert!(text.contains("đã được hủy"), "{text}");
        let (status, _, html) = send(&app, page()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "the page of a cancelled subscription says so");
        assert!(html.contains(BAD_MANAGE_LINK) && !html.contains(email));
        add_event(pool, "tiep-cong-dan", "Tiếp công dân sau khi hủy").await;
        assert_eq!(subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap(), 0);
    });
}

#[test]
fn daily_and_weekly_digests_wait_for_seven_in_the_morning() {
    common::run(async {
        let db = common::demo_db().await;
        let (pool, app) = (&db.pool, common::router(&db));
        subscribed(&app, pool, "hangngay@vd.vn", "nghi-quyet", "", "hang-ngay").await;
        subscribed(&app, pool, "hangtuan@vd.vn", "nghi-quyet", "", "hang-tuan").await;
        add_resolution(pool, 901).await;
        add_resolution(pool, 902).await;
        let now = app::data::now();
        assert_eq!(subscriptions::run_digests(pool, now, BASE).await.unwrap(), 0, "not before the slot");
        let daily = Frequency::Daily.next_send(now);
        subscriptions::run_digests(pool, daily, BASE).await.unwrap();
        let (_, subject, body, _) = mail_to(pool, "hangngay@vd.vn").await.pop().unwrap();
        assert_eq!(subject, "Bản tin hằng ngày – Nghị quyết mới ban hành: 2 mục mới");
        assert!(
            body.contains("Nghị quyết số 901/2026/NQ-HĐND") && body.contains("Nghị quyết số 902/2026/NQ-HĐND"),
            "{body}"
        );
        subscriptions::run_digests(pool, daily, BASE).await.unwrap();
        // A day with nothing new sends nothing, and moves on to the next slot.
        subscriptions::run_digests(pool, daily + 86_400, BASE).await.unwrap();
        assert_eq!(mail_to(pool, "hangngay@vd.vn").await.len(), 2, "the confirmation and one digest");
        let weekly = Frequency::Weekly.next_send(now);
        subscriptions::run_digests(pool, weekly, BASE).await.unwrap();
        let weekly_mail = mail_to(pool, "hangtuan@vd.vn").await;
        assert_eq!(weekly_mail.len(), 2, "{weekly_mail:?}");
        assert!(weekly_mail[1].1.starts_with("Bản tin hằng tuần – Nghị quyết mới ban hành: 2 mục mới"));
    });
}

#[test]
fn categories_include_their_subcategories_and_saved_searches_match_words() {
    common::run(async {
        let db = common::demo_db().await;
        let (pool, app) = (&db.pool, common::router(&db));
        let (parent, child): (String, i64) = sqlx::query_as(
            "SELECT p.slug, c.id FROM categories p JOIN categories c ON c.parent_id = p.id ORDER BY p.id, c.id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let other: i64 = sqlx::query_scalar(
            "SELECT id FROM categories WHERE id NOT IN (WITH RECURSIVE t(id) AS (SELECT id FROM categories WHERE slug = ?1 \
             UNION SELECT c.id FROM categories c JOIN t ON c.parent_id = t.id) SELECT id FROM t) LIMIT 1",
        )
        .bind(&parent)
        .fetch_one(pool)
        .await
        .unwrap();
        subscribed(&app, pool, "chuyenmuc@vd.vn", &format!("chuyen-muc/{parent}"), "", "ngay").await;
        subscribed(&app, pool, "timkiem@vd.vn", "tim-kiem", "cầu vượt", "ngay").await;
        let now = app::data::now();
        add_article(pool, child, "Khánh thành cầu vượt Sóng Thần", now - 60).await;
        add_article(pool, other, "Cau vuot nut giao Song Than thong xe", now - 60).await;
        add_article(pool, other, "Tin không liên quan về cầu cảng", now - 60).await;
        // Scheduled for tomorrow: news only once its time comes.
        add_article(pool, child, "Cầu vượt thứ hai sẽ khởi công", now + 86_400).await;
        assert_eq!(subscriptions::run_digests(pool, now, BASE).await.unwrap(), 2);
        let (_, subject, body, _) = mail_to(pool, "chuyenmuc@vd.vn").await.pop().unwrap();
        assert!(subject.ends_with(": Khánh thành cầu vượt Sóng Thần"), "{subject}");
        assert!(!body.contains("Cau vuot nut giao"), "{body}");
        let (_, subject, body, _) = mail_to(pool, "timkiem@vd.vn").await.pop().unwrap();
        assert_eq!(subject, "Tìm kiếm “cầu vượt”: 2 mục mới");
        assert!(body.contains("Khánh thành cầu vượt Sóng Thần") && body.contains("Cau vuot nut giao Song Than"));
        assert!(!body.contains("cầu cảng"), "{body}");
        assert_eq!(
            subscriptions::run_digests(pool, now + 86_400 + 1, BASE).await.unwrap(),
            2,
            "the scheduled one, once its time came"
        );
        assert_eq!(subscriptions::run_digests(pool, now + 86_400 + 2, BASE).await.unwrap(), 0);
    });
}

#[test]
fn the_manage_page_changes_the_frequency_and_unsubscribes() {
    common::run(async {
        let db = common::demo_db().await;
        let (pool, app) = (&db.pool, common::router(&db));
        let email = "quanly@vd.vn";
        let token = subscribed(&app, pool, email, "nghi-quyet", "", "ngay").await;
        let second = subscribed(&app, pool, email, "lich/hdnd", "", "hang-tuan").await;
        let view = subscriptions::view(pool, &token).await.unwrap();
        assert_eq!(view.email, email);
        assert_eq!(view.topic_label, "Nghị quyết mới ban hành");
        assert_eq!(view.frequency, Frequency::Immediate);
        assert_eq!(view.others, vec![("Lịch làm việc HĐND".to_string(), format!("{MANAGE_PATH}?ma={second}"))]);

        // A forged or altered token names nothing.
        let forged = format!("{}0", &token[..token.len() - 1]);
        let (status, _, text) = send(&app, json_post("/api/subscription", format!("token={}", enc(&forged)))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(BAD_MANAGE_LINK), "{text}");

        let (status, _, text) =
            send(&app, json_post("/api/subscription_frequency", format!("token={}&frequency=hang-ngay", enc(&token))))
                .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert_eq!(subscriptions::view(pool, &token).await.unwrap().frequency, Frequency::Daily);
        let (status, _, text) =
            send(&app, json_post("/api/subscription_frequency", format!("token={}&frequency=thang", enc(&token))))
                .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(FREQUENCY_INVALID), "{text}");

        // Without JavaScript: back to the page with the answer's code.
        let mut plain = form("/api/unsubscribe", None, format!("token={}", enc(&token)));
        plain.headers_mut().insert(header::ACCEPT, "text/html".parse().unwrap());
        let (status, headers, _) = send(&app, plain).await;
        assert!(status.is_redirection(), "{status}");
        let location = headers[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/dang-ky/quan-ly?ma=") && location.ends_with("&kq=da-huy"), "{location}");
        assert!(subscriptions::view(pool, &token).await.is_err());
        assert!(subscriptions::view(pool, &second).await.is_ok(), "only that subscription");

        // Asking again for a topic the address follows mails its manage link, nothing else.
        let (status, _) = ask(&app, pool, email, "lich/hdnd", "", "ngay").await;
        assert_eq!(status, StatusCode::OK);
        let (purpose, subject, body, _) = mail_to(pool, email).await.pop().unwrap();
        assert_eq!(
            (purpose.as_str(), subject.as_str()),
            ("subscription_confirm", "Bạn đã đăng ký nhận tin: Lịch làm việc HĐND")
        );
        assert!(body.contains(&format!("{MANAGE_PATH}?ma={second}")), "{body}");
    });
}

#[test]
fn bad_requests_are_refused_in_vietnamese_and_limited() {
    common::run(async {
        let db = common::demo_db().await;
        let (pool, app) = (&db.pool, common::router(&db));
        for (topic, q, frequency, message) in [
            ("lich/khong-co", "", "ngay", TOPIC_INVALID),
            ("chuyen-muc/khong-co-chuyen-muc-nay", "", "ngay", TOPIC_INVALID),
            ("tim-kiem", "  ", "ngay", TOPIC_INVALID),
            ("nghi-quyet", "", "moi-gio", FREQUENCY_INVALID),
        ] {
            let (status, text) = ask(&app, pool, "sai@vd.vn", topic, q, frequency).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{topic}: {text}");
            assert!(text.contains(message), "{topic}: {text}");
        }
        let (status, text) = ask(&app, pool, "không phải email", "nghi-quyet", "", "ngay").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
        assert_eq!(mail_to(pool, "sai@vd.vn").await.len(), 0);

        let limit = app::mail::Form::Subscribe.limits().per_sender;
        for n in 0..limit {
            let (status, text) = ask(&app, pool, "nhieu@vd.vn", "tim-kiem", &format!("chủ đề {n}"), "ngay").await;
            assert_eq!(status, StatusCode::OK, "{text}");
        }
        let (status, text) = ask(&app, pool, "nhieu@vd.vn", "nghi-quyet", "", "ngay").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{text}");
        assert!(text.contains("quá nhiều"), "{text}");

        // Unconfirmed requests are deleted once their link has expired.
        let _later = common::ClockMoved::by(CONFIRM_HOURS * 3600 + 1);
        subscriptions::run_digests(pool, app::data::now(), BASE).await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM subscriptions").fetch_one(pool).await.unwrap();
        assert_eq!(left, 0);
    });
}
