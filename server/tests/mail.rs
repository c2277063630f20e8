//! Mail: the public forms that send it (limits, anti-bot checks, honest answers), password
//! reset links, the outbox's retries and resends, and delivery to a real SMTP server (MailDev,
//! from end2end's node_modules) through an outage and a restart of the portal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use app::data::{form_stamp, mail as outbox};
use app::mail::{self, MailStatus, Outgoing, Purpose};
use axum::http::{header, StatusCode};
use common::portal::{request, start_with, Portal};
use common::{form, send, ClockMoved};
use server::config::Database;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";
const SEED_TITLE: &str = "Triển khai Đề án xây dựng Thành phố thông minh";

/// A stamp signed by this database's key `age` seconds ago: a form drawn then.
async fn stamp(pool: &SqlitePool, age: i64) -> String {
    let key: Vec<u8> =
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'form_stamp'").fetch_one(pool).await.unwrap();
    form_stamp::sign(&key, app::data::now() - age)
}

fn enc(text: &str) -> String {
    app::share::url_encode(text)
}

fn share_body(from: &str, to: &str, note: &str, stamp: &str) -> String {
    format!("slug={SEED}&from={}&to={}&note={}&website=&stamp={}", enc(from), enc(to), enc(note), enc(stamp))
}

/// A form post from the app (a JSON answer) or from a plain HTML form (a redirect).
fn post(path: &str, body: String, plain: bool) -> axum::http::Request<axum::body::Body> {
    let mut req = form(path, None, body);
    let accept = if plain { "text/html" } else { "application/json" };
    req.headers_mut().insert(header::ACCEPT, accept.parse().unwrap());
    req
}

async fn outbox_rows(pool: &SqlitePool) -> Vec<(String, String, Option<String>, String, String)> {
    sqlx::query_as("SELECT purpose, recipient, reply_to, subject, status FROM mail_outbox ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[test]
fn sharing_queues_a_fixed_template_and_says_it_cannot_send_without_a_server() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let good = stamp(&db.pool, 10).await;
        let shares_before: i64 = sqlx::query_scalar("SELECT share_count FROM articles WHERE slug = ?1")
            .bind(SEED)
            .fetch_one(&db.pool)
            .await
            .unwrap();

        let body = share_body("An.Nguyen@VD.vn", "binh@vd.vn", "Bài này <b>hay</b>", &good);
        let (status, _, text) = send(&app, post("/api/share_article", body, false)).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let outcome: mail::MailOutcome = serde_json::from_str(&text).unwrap();
        assert!(!outcome.configured);
        assert_eq!(outcome.message, mail::NOT_CONFIGURED);
        let rows = outbox_rows(&db.pool).await;
        assert_eq!(rows.len(), 1);
        let (purpose, to, reply_to, subject, status) = &rows[0];
        assert_eq!(
            (purpose.as_str(), to.as_str(), reply_to.as_deref()),
            ("share", "binh@vd.vn", Some("an.nguyen@vd.vn"))
        );
        assert!(subject.starts_with("Chia sẻ bài viết: ") && subject.contains(SEED_TITLE), "{subject}");
        assert_eq!(status, "queued");
        let body: String = sqlx::query_scalar("SELECT body FROM mail_outbox").fetch_one(&db.pool).await.unwrap();
        assert!(body.contains("Bài này <b>hay</b>"), "the note is plain text, kept as typed: {body}");
        assert!(body.contains(&format!("http://localhost:3000/bai-viet/{SEED}")), "{body}");
        let shares: i64 = sqlx::query_scalar("SELECT share_count FROM articles WHERE slug = ?1")
            .bind(SEED)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(shares, shares_before + 1);

        // Without JavaScript: back to the article, which says the same.
        let body = share_body("an@vd.vn", "chi@vd.vn", "", &good);
        let (status, headers, _) = send(&app, post("/api/share_article", body, true)).await;
        assert!(status.is_redirection(), "{status}");
        let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
        assert_eq!(location, format!("/bai-viet/{SEED}?chia_se=chua-gui#chia-se"));
        let page = axum::http::Request::get(location.replace("#chia-se", "")).body(axum::body::Body::empty()).unwrap();
        let (_, _, html) = send(&app, page).await;
        assert!(html.contains("chưa gửi được"), "the article page says the mail waits");

        // Bad addresses: which field, with JavaScript or without.
        let body = share_body("an@vd.vn", "sai", "", &good);
        let (status, _, text) = send(&app, post("/api/share_article", body.clone(), false)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains("Email không hợp lệ"), "{text}");
        let (_, headers, _) = send(&app, post("/api/share_article", body, true)).await;
        assert_eq!(headers.get(header::LOCATION).unwrap(), &format!("/bai-viet/{SEED}?chia_se=loi-den#chia-se"));

        // A note too long, an unknown article: refused, nothing queued.
        let body = share_body("an@vd.vn", "dung@vd.vn", &"ă".repeat(mail::NOTE_MAX_CHARS + 1), &good);
        let (status, _, text) = send(&app, post("/api/share_article", body, false)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::NOTE_TOO_LONG), "{text}");
        let body = share_body("an@vd.vn", "dung@vd.vn", "", &good).replace(SEED, "khong-co-bai-nay");
        let (status, _, _) = send(&app, post("/api/share_article", body, false)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(outbox_rows(&db.pool).await.len(), 2);
    });
}

#[test]
fn bots_are_refused_by_the_trap_field_and_the_fill_time() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cases = [
            (share_body("an@vd.vn", "binh@vd.vn", "", &stamp(&db.pool, 0).await), mail::TOO_FAST),
            (
                share_body("an@vd.vn", "binh@vd.vn", "", &stamp(&db.pool, mail::MAX_FILL_SECS + 5).await),
                mail::STALE_FORM,
            ),
            (share_body("an@vd.vn", "binh@vd.vn", "", "1700000000.00ff"), mail::STALE_FORM),
            (
                share_body("an@vd.vn", "binh@vd.vn", "", &stamp(&db.pool, 10).await)
                    .replace("website=", "website=http%3A%2F%2Fspam.example"),
                mail::TRAPPED,
            ),
        ];
        for (body, message) in cases {
            let (status, _, text) = send(&app, post("/api/share_article", body.clone(), false)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
            assert!(text.contains(message), "{text}");
            // Without JavaScript the article page shows the same message.
            let (_, headers, _) = send(&app, post("/api/share_article", body, true)).await;
            let location = headers.get(header::LOCATION).unwrap().to_str().unwrap();
            assert_eq!(location, format!("/bai-viet/{SEED}?chia_se={}#chia-se", mail::notice_code(message)));
        }
        assert!(outbox_rows(&db.pool).await.is_empty());
    });
}

#[test]
fn hourly_limits_per_sender_per_recipient_and_for_everybody() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let good = stamp(&db.pool, 10).await;
        let limits = mail::Form::Share.limits();
        let share = |from: String, to: String| post("/api/share_article", share_body(&from, &to, "", &good), false);
        for i in 0..limits.per_sender {
            let (status, _, text) = send(&app, share("an@vd.vn".into(), format!("nhan{i}@vd.vn"))).await;
            assert_eq!(status, StatusCode::OK, "{text}");
        }
        let (status, _, text) = send(&app, share("an@vd.vn".into(), "moi@vd.vn".into())).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text.contains(mail::OVER_SENDER), "{text}");
        for i in 0..limits.per_recipient {
            let (status, _, text) = send(&app, share(format!("gui{i}@vd.vn"), "nannhan@vd.vn".into())).await;
            assert_eq!(status, StatusCode::OK, "{text}");
        }
        let (status, _, text) = send(&app, share("khac@vd.vn".into(), "nannhan@vd.vn".into())).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text.contains(mail::OVER_RECIPIENT), "{text}");
        let queued = outbox_rows(&db.pool).await.len();
        assert_eq!(queued as i64, limits.per_sender + limits.per_recipient, "refused shares queue nothing");

        // Everybody together: the rest of the hour's allowance, then no more.
        let mut tx = app::data::write(&db.pool).await.unwrap();
        for i in queued as i64..limits.global {
            outbox::accept_request(
                &mut tx,
                mail::Form::Share,
                &format!("s{i}@vd.vn"),
                &format!("r{i}@vd.vn"),
                "?",
                app::data::now(),
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let (status, _, text) = send(&app, share("lan@vd.vn".into(), "mai@vd.vn".into())).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text.contains(mail::OVER_GLOBAL), "{text}");

        // An hour later, all is allowed again.
        let _later = ClockMoved::by(60 * 60 + 1);
        let good = stamp(&db.pool, 10).await;
        let body = share_body("an@vd.vn", "nannhan@vd.vn", "", &good);
        let (status, _, text) = send(&app, post("/api/share_article", body, false)).await;
        assert_eq!(status, StatusCode::OK, "{text}");
    });
}

#[test]
fn the_contact_form_mails_the_office_with_the_visitor_as_reply_to() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let good = stamp(&db.pool, 10).await;
        let body = |name: &str, message: &str| {
            format!(
                "name={}&email=dan%40vd.vn&subject={}&message={}&website=&stamp={}",
                enc(name),
                enc("Hỏi về\nlịch tiếp dân"),
                enc(message),
                enc(&good)
            )
        };
        let (status, _, text) =
            send(&app, post("/api/contact_office", body("Trần Thị Dân", "Xin hỏi lịch."), false)).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let rows = outbox_rows(&db.pool).await;
        assert_eq!(rows.len(), 1);
        let (purpose, to, reply_to, subject, _) = &rows[0];
        assert_eq!(purpose, "contact");
        assert_eq!(to, "banbientap.hdnd@binhduong.gov.vn", "the office's address from the site settings");
        assert_eq!(reply_to.as_deref(), Some("dan@vd.vn"));
        assert_eq!(subject, "[Liên hệ] Hỏi về lịch tiếp dân", "one line");

        let (status, _, text) = send(&app, post("/api/contact_office", body("  ", "Xin hỏi."), false)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::NAME_MISSING), "{text}");
        let (_, headers, _) = send(&app, post("/api/contact_office", body("Dân", ""), true)).await;
        assert_eq!(headers.get(header::LOCATION).unwrap(), "/trang/lien-he?lien_he=loi-noi-dung#lien-he-form");
        let page =
            axum::http::Request::get("/trang/lien-he?lien_he=loi-noi-dung").body(axum::body::Body::empty()).unwrap();
        let (_, _, html) = send(&app, page).await;
        assert!(html.contains(mail::MESSAGE_MISSING), "the page shows why");
        assert!(html.contains("/chinh-sach-bao-mat"), "the form links the privacy page");
        assert_eq!(outbox_rows(&db.pool).await.len(), 1);
    });
}

#[test]
fn a_reset_link_works_once_for_an_hour_and_asking_says_nothing_of_accounts() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let editor_cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let good = stamp(&db.pool, 10).await;
        let ask = |email: &str| {
            post("/api/request_password_reset", format!("email={}&website=&stamp={}", enc(email), enc(&good)), false)
        };
        let (status, _, for_account) = send(&app, ask("BienTap@hdnd.vn")).await;
        assert_eq!(status, StatusCode::OK, "{for_account}");
        let (status, _, for_nobody) = send(&app, ask("khong-co-ai@hdnd.vn")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(for_account, for_nobody, "the same answer either way");
        let rows = outbox_rows(&db.pool).await;
        assert_eq!(rows.len(), 1, "only the account gets mail");
        assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), ("password_reset", "bientap@hdnd.vn"));
        let body: String = sqlx::query_scalar("SELECT body FROM mail_outbox").fetch_one(&db.pool).await.unwrap();
        let token = body.split("/dat-lai-mat-khau?ma=").nth(1).unwrap()[..64].to_string();

        let reset = |password: &str, confirm: &str| {
            post(
                "/api/reset_password",
                format!("token={token}&password={}&confirm={}", enc(password), enc(confirm)),
                false,
            )
        };
        let (status, _, text) = send(&app, reset("mat-khau-moi-dai", "mat-khau-khac-dai")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::PASSWORDS_DIFFER), "{text}");
        let (status, _, text) = send(&app, reset("ngan", "ngan")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::WEAK_PASSWORD), "{text}");
        assert_eq!(app::data::accounts::AccountError::WeakPassword.to_string(), mail::WEAK_PASSWORD);
        let (status, _, text) = send(&app, reset("mat-khau-moi-dai", "mat-khau-moi-dai")).await;
        assert_eq!(status, StatusCode::OK, "{text}");

        // The old login session is over; the new password works; the link is used up.
        assert!(app::data::accounts::login_session_user(
            &db.pool,
            editor_cookie.split('=').nth(1).unwrap(),
            app::data::now()
        )
        .await
        .unwrap()
        .is_none());
        let login = form("/api/login", None, "email=bientap%40hdnd.vn&password=mat-khau-moi-dai");
        assert_eq!(send(&app, login).await.0, StatusCode::OK);
        let (status, _, text) = send(&app, reset("mat-khau-lan-ba-dai", "mat-khau-lan-ba-dai")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::BAD_RESET_LINK), "{text}");

        // A second link, an hour and a second later: expired.
        let (status, _, _) = send(&app, ask("bientap@hdnd.vn")).await;
        assert_eq!(status, StatusCode::OK);
        let body: String = sqlx::query_scalar("SELECT body FROM mail_outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let token = body.split("/dat-lai-mat-khau?ma=").nth(1).unwrap()[..64].to_string();
        let _later = ClockMoved::by(app::data::password_resets::RESET_LINK_SECS + 1);
        assert!(!app::data::password_resets::is_live(&db.pool, &token).await.unwrap());
        let late = post(
            "/api/reset_password",
            format!("token={token}&password=mat-khau-tre-dai&confirm=mat-khau-tre-dai"),
            false,
        );
        let (status, _, text) = send(&app, late).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains(mail::BAD_RESET_LINK), "{text}");
    });
}

#[test]
fn failed_attempts_back_off_then_fail_and_administrators_resend() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        let message = |to: &str| Outgoing {
            purpose: Purpose::Contact,
            to: to.into(),
            reply_to: None,
            subject: "Thử".into(),
            body: "Nội dung".into(),
            unsubscribe: None,
        };
        let mut tx = app::data::write(&db.pool).await.unwrap();
        let first = outbox::enqueue(&mut tx, &message("a@vd.vn"), now).await.unwrap();
        let second = outbox::enqueue(&mut tx, &message("b@vd.vn"), now).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            outbox::due(&db.pool, now, 10).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(),
            [first, second]
        );

        // A failed attempt waits; one past the day fails for good.
        let retry = mail::next_attempt(now, 1, now, 60);
        assert_eq!(retry, Some(now + 60));
        outbox::mark_attempt_failed(&db.pool, first, "kết nối bị từ chối", retry).await.unwrap();
        assert_eq!(outbox::due(&db.pool, now, 10).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), [second]);
        assert_eq!(outbox::next_due(&db.pool).await.unwrap(), Some(now));
        outbox::mark_sent(&db.pool, second, now).await.unwrap();
        assert_eq!(outbox::next_due(&db.pool).await.unwrap(), Some(now + 60));
        outbox::mark_attempt_failed(
            &db.pool,
            first,
            "vẫn không được",
            mail::next_attempt(now, 2, now + mail::RETRY_FOR_SECS, 60),
        )
        .await
        .unwrap();
        assert_eq!(outbox::next_due(&db.pool).await.unwrap(), None);

        // The outbox page: administrators only, with the error.
        let (status, _, _) = send(&app, form("/api/mail_outbox", None, "status=&page=1")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let editor = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let (status, _, _) = send(&app, form("/api/mail_outbox", Some(&editor), "status=&page=1")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let admin = common::signed_in(&db, &app, "quantri@hdnd.vn", Role::Admin).await;
        let (status, _, text) = send(&app, form("/api/mail_outbox", Some(&admin), "status=that-bai&page=1")).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let page: mail::OutboxPage = serde_json::from_str(&text).unwrap();
        assert_eq!((page.queued, page.sent, page.failed, page.rows.len()), (0, 1, 1, 1));
        assert_eq!(page.rows[0].status, MailStatus::Failed);
        assert_eq!(page.rows[0].attempts, 2);
        assert_eq!(page.rows[0].last_error.as_deref(), Some("vẫn không được"));
        let (status, _, _) = send(&app, form("/api/mail_outbox", Some(&admin), "status=bia&page=1")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // Resend: the failed one is queued again with a new day; a sent one is not resent.
        let (status, _, _) = send(&app, form("/api/resend_mail", Some(&editor), format!("id={first}"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, text) = send(&app, form("/api/resend_mail", Some(&admin), format!("id={first}"))).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert_eq!(
            outbox::due(&db.pool, app::data::now(), 10).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(),
            [first]
        );
        let (status, _, text) = send(&app, form("/api/resend_mail", Some(&admin), format!("id={second}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
        let (status, _, _) = send(&app, form("/api/resend_mail", Some(&admin), "id=999999")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Sent mail is deleted after its days are up.
        assert_eq!(outbox::prune(&db.pool, now + mail::SENT_KEPT_DAYS * 86_400 - 1).await.unwrap(), 0);
        assert_eq!(outbox::prune(&db.pool, now + mail::SENT_KEPT_DAYS * 86_400 + 1).await.unwrap(), 1);
    });
}

// ---------------------------------------------------------------------------------------
// A real SMTP server

/// MailDev (from end2end's node_modules: `make setup-node`), killed when dropped.
struct MailDev {
    child: Child,
    web: u16,
}

impl MailDev {
    fn start(smtp: u16, web: u16) -> MailDev {
        let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end/node_modules/.bin/maildev");
        assert!(bin.exists(), "MailDev is missing: run `make setup-node` ({})", bin.display());
        let child = Command::new(bin)
            .args(["-s", &smtp.to_string(), "-w", &web.to_string(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut maildev = MailDev { child, web };
        let deadline = Instant::now() + Duration::from_secs(60);
        while request(web, "GET", "/email", &[], "").is_err()
            || std::net::TcpStream::connect(("127.0.0.1", smtp)).is_err()
        {
            assert!(maildev.child.try_wait().unwrap().is_none(), "MailDev stopped");
            assert!(Instant::now() < deadline, "MailDev did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        maildev
    }

    fn emails(&self) -> Vec<serde_json::Value> {
        let reply = request(self.web, "GET", "/email", &[], "").unwrap();
        serde_json::from_str(&reply.body).unwrap()
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(90);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

struct Rig {
    data: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Rig {
    fn start_portal(&self, log: &str) -> Portal {
        let env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        start_with(self.data.path(), log, &env)
    }

    fn database(&self) -> PathBuf {
        self.data.path().join("hdnd.db")
    }

    /// (status, attempts, has an error) of every outbox row, in order.
    fn outbox(&self, rt: &tokio::runtime::Runtime) -> Vec<(String, i64, bool, String)> {
        rt.block_on(async {
            let pool = server::db::connect(&Database::File(self.database())).await.unwrap();
            let rows = sqlx::query_as(
                "SELECT status, attempts, last_error IS NOT NULL, message_id FROM mail_outbox ORDER BY id",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            pool.close().await;
            rows
        })
    }

    fn share(&self, rt: &tokio::runtime::Runtime, port: u16, to: &str) {
        let good = rt.block_on(async {
            let pool = server::db::connect(&Database::File(self.database())).await.unwrap();
            let s = stamp(&pool, 10).await;
            pool.close().await;
            s
        });
        let body = share_body("an@vd.vn", to, "Mời bạn đọc", &good);
        let reply = request(
            port,
            "POST",
            "/api/share_article",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            &body,
        )
        .unwrap();
        assert_eq!(reply.status, 200, "{}", reply.body);
        let outcome: mail::MailOutcome = serde_json::from_str(&reply.body).unwrap();
        assert!(outcome.configured);
        assert_eq!(outcome.message, mail::QUEUED);
    }
}

fn header<'a>(email: &'a serde_json::Value, name: &str) -> &'a str {
    email["headers"][name].as_str().unwrap_or_default()
}

#[test]
fn mail_reaches_a_real_smtp_server_once_through_an_outage_and_a_restart() {
    let rt = runtime();
    let (smtp, web) = (free_port(), free_port());
    let rig = Rig {
        data: tempfile::tempdir().unwrap(),
        env: vec![
            ("SMTP_URL".into(), format!("smtp://127.0.0.1:{smtp}")),
            ("MAIL_FROM".into(), "Cổng thông tin HĐND <no-reply@hdnd.example.vn>".into()),
            ("MAIL_RETRY_SECONDS".into(), "1".into()),
        ],
    };
    let maildev = MailDev::start(smtp, web);
    let portal = rig.start_portal("portal-1.log");

    // One share, delivered with its headers.
    rig.share(&rt, portal.port, "binh@vd.vn");
    wait_for("the first message", || maildev.emails().len() == 1);
    let email = &maildev.emails()[0];
    assert!(email["subject"].as_str().unwrap().starts_with("Chia sẻ bài viết: Triển khai Đề án"), "{email}");
    assert_eq!(email["from"][0]["address"], "no-reply@hdnd.example.vn");
    assert_eq!(email["from"][0]["name"], "Cổng thông tin HĐND");
    assert_eq!(email["to"][0]["address"], "binh@vd.vn");
    assert_eq!(email["replyTo"][0]["address"], "an@vd.vn", "{email}");
    assert!(email["text"].as_str().unwrap().contains("Mời bạn đọc"));
    assert!(header(email, "content-type").contains("charset=utf-8"), "{email}");
    wait_for("the row marked sent", || rig.outbox(&rt).iter().all(|r| r.0 == "sent"));

    // The SMTP server goes away: three shares wait and are retried.
    maildev.stop();
    for to in ["c1@vd.vn", "c2@vd.vn", "c3@vd.vn"] {
        rig.share(&rt, portal.port, to);
    }
    wait_for("failed attempts", || rig.outbox(&rt)[1..].iter().all(|r| r.0 == "queued" && r.1 >= 1 && r.2));
    let maildev = MailDev::start(smtp, web);
    wait_for("the queued messages", || rig.outbox(&rt).iter().all(|r| r.0 == "sent"));
    std::thread::sleep(Duration::from_secs(3));
    let emails = maildev.emails();
    let mut ids: Vec<&str> = emails.iter().map(|e| header(e, "message-id")).collect();
    ids.sort_unstable();
    let mut expected: Vec<String> = rig.outbox(&rt)[1..].iter().map(|r| r.3.clone()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "each of the three exactly once");

    // The portal stops with mail queued (written by another process meanwhile); it goes out
    // when the portal is back.
    drop(portal);
    rt.block_on(async {
        let pool = server::db::connect(&Database::File(rig.database())).await.unwrap();
        let mut tx = app::data::write(&pool).await.unwrap();
        for to in ["d1@vd.vn", "d2@vd.vn"] {
            let m = Outgoing {
                purpose: Purpose::Contact,
                to: to.into(),
                reply_to: Some("dan@vd.vn".into()),
                subject: "Thư chờ khi khởi động lại".into(),
                body: "Nội dung".into(),
                unsubscribe: None,
            };
            outbox::enqueue(&mut tx, &m, app::data::now()).await.unwrap();
        }
        tx.commit().await.unwrap();
        pool.close().await;
    });
    let _portal = rig.start_portal("portal-2.log");
    wait_for("the mail queued before the restart", || rig.outbox(&rt).iter().all(|r| r.0 == "sent"));
    std::thread::sleep(Duration::from_secs(2));
    let emails = maildev.emails();
    assert_eq!(emails.len(), 5, "three after the outage and two after the restart, none twice");
    assert_eq!(emails.iter().filter(|e| e["subject"] == "Thư chờ khi khởi động lại").count(), 2);
}
