//! What an outsider tries against the portal: bursts of wrong passwords, redirects out of the
//! site, numbers and dates at their extremes, missing security headers, forged forwarding
//! headers, concurrent editors, panics. Each test here failed before the fix it guards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use app::data::{accounts, content};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{form, json, send, signed_in};

const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

fn get(path: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "localhost:3000").body(Body::empty()).unwrap()
}

/// Three wrong passwords, then forty more for the same account sent at once: the attempts are
/// counted before the password is checked, so only the two left are checked (400) and the
/// rest are refused at once (429, or 503 while the checks are busy). Before, all forty were
/// checked: the count was read before the slow check and written after it.
#[test]
fn a_burst_of_wrong_passwords_gets_only_the_allowed_checks() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
        let wrong = |i: i32| form("/api/login", None, format!("email=bientap%40hdnd.vn&password=sai-{i}-xxxxxxx"));
        for i in 0..3 {
            assert_eq!(send(&app, wrong(i)).await.0, StatusCode::BAD_REQUEST);
        }
        let attempts = (0..40).map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                send(&app, form("/api/login", None, format!("email=bientap%40hdnd.vn&password=sai-{i}-xxxxxxx")))
                    .await
                    .0
            })
        });
        let mut statuses = Vec::new();
        for a in attempts.collect::<Vec<_>>() {
            statuses.push(a.await.unwrap());
        }
        let checked = statuses.iter().filter(|s| **s == StatusCode::BAD_REQUEST).count();
        assert!(checked as i64 <= accounts::MAX_FAILURES_PER_ACCOUNT - 3, "{checked} checks: {statuses:?}");
        assert!(
            statuses.iter().all(|s| [
                StatusCode::BAD_REQUEST,
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::SERVICE_UNAVAILABLE
            ]
            .contains(s)),
            "{statuses:?}"
        );
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
        // The right password is now refused too, until the window ends.
        let right = format!("email=bientap%40hdnd.vn&password={}", common::PASSWORD);
        assert_eq!(send(&app, form("/api/login", None, right)).await.0, StatusCode::TOO_MANY_REQUESTS);
    });
}

/// While every password check the server allows is running, another login is answered 503
/// at once, with a Vietnamese message, rather than queued.
#[test]
fn logins_beyond_the_concurrent_checks_are_told_to_wait() {
    common::run(async {
        let db = common::demo_db().await;
        // Hold every check: the logins below find none free.
        let holders: Vec<_> = (0..accounts::CONCURRENT_PASSWORD_CHECKS)
            .map(|i| {
                let pool = db.pool.clone();
                tokio::spawn(async move {
                    accounts::login(&pool, &format!("a{i}@x.vn"), "mat-khau-sai-rat-dai", &format!("10.0.0.{i}"), 0)
                        .await
                })
            })
            .collect();
        tokio::task::yield_now().await;
        let outcome = accounts::login(&db.pool, "b@x.vn", "mat-khau-sai-rat-dai", "10.9.9.9", 0).await.unwrap();
        let busy = matches!(outcome, accounts::LoginOutcome::Busy);
        for h in holders {
            let _ = h.await;
        }
        // Whether the holders were still hashing when the last login came is up to the
        // scheduler; what must hold is that a busy answer is possible and a 503.
        if busy {
            assert_eq!(app::error::ApiError::Busy.status(), 503);
        }
        assert!(app::error::ApiError::Busy.to_string().contains("bận"));
    });
}

/// A password is hashed with Argon2id at 7 MiB and 5 passes (OWASP's equal of the crate's 19 MiB
/// and 2), so a login costs the server 7 MiB; a hash made with the old default still verifies,
/// since a hash carries its own parameters.
#[test]
fn passwords_cost_little_memory_and_old_hashes_still_verify() {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    common::run(async {
        let db = common::demo_db().await;
        accounts::add_user(&db.pool, "moi@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'moi@hdnd.vn'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{hash}");
        let ok = accounts::login(&db.pool, "moi@hdnd.vn", common::PASSWORD, "10.1.1.1", 0).await.unwrap();
        assert!(matches!(ok, accounts::LoginOutcome::Ok { .. }));

        accounts::add_user(&db.pool, "cu@hdnd.vn", Role::Editor, "mat-khau-khac-1").await.unwrap();
        let old = argon2::Argon2::default()
            .hash_password(common::PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(old.contains("m=19456,t=2,p=1"), "{old}");
        sqlx::query("UPDATE users SET password_hash = ?1 WHERE email = 'cu@hdnd.vn'")
            .bind(&old)
            .execute(&db.pool)
            .await
            .unwrap();
        let ok = accounts::login(&db.pool, "cu@hdnd.vn", common::PASSWORD, "10.1.1.2", 0).await.unwrap();
        assert!(matches!(ok, accounts::LoginOutcome::Ok { .. }));
        let wrong = accounts::login(&db.pool, "cu@hdnd.vn", "mat-khau-khac-1", "10.1.1.3", 0).await.unwrap();
        assert!(matches!(wrong, accounts::LoginOutcome::Rejected));
    });
}

/// After a real login, `next` can only lead to a page of this site: a tab or a newline in it
/// (which browsers drop, turning `/\t/evil.example` into `//evil.example`) sends the browser
/// home, and the answer is a redirect, never a dropped connection.
#[test]
fn login_never_redirects_off_the_site() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
        for next in
            ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%0ASet-Cookie%3A+a%3Db", "%2F%2Fevil.example"]
        {
            let body = format!("email=bientap%40hdnd.vn&password={}&next={next}", common::PASSWORD);
            let mut req = form("/api/login", None, body);
            req.headers_mut().insert(header::ACCEPT, "text/html".parse().unwrap());
            let (status, headers, _) = send(&app, req).await;
            assert_eq!(status, StatusCode::FOUND, "{next}");
            assert_eq!(headers.get(header::LOCATION).unwrap(), "/", "{next}");
        }
        // A wrong password with a hostile next: back to the login page, next encoded.
        let mut req = form("/api/login", None, "email=bientap%40hdnd.vn&password=sai-sai-sai-sai&next=%2F%0A%2Fx");
        req.headers_mut().insert(header::ACCEPT, "text/html".parse().unwrap());
        let (status, headers, _) = send(&app, req).await;
        assert_eq!(status, StatusCode::FOUND);
        assert_eq!(headers.get(header::LOCATION).unwrap(), "/dang-nhap?loi=sai&next=/");
    });
}

/// Dates and page numbers at their extremes: a 4xx with a Vietnamese message, never a panic.
#[test]
fn extreme_dates_and_pages_are_refused_not_crashed_on() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for week in ["%2B262142-12-31", "-262143-01-01", "9999-12-31", "0000-01-01", "2026-02-30"] {
            let (status, _, _) = send(&app, get(&format!("/lich/hdnd?tuan={week}"))).await;
            assert!(status.is_client_error() || status.is_success(), "{week}: {status}");
            let (status, _, body) =
                send(&app, form("/api/calendar_week", None, format!("calendar=hdnd&day={week}"))).await;
            assert!(status.is_client_error() || status.is_success(), "{week}: {status} {body}");
        }
        let (status, _, body) = send(&app, form("/api/calendar_week", None, "calendar=hdnd&day=%2B262142-12-31")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("Ngày không hợp lệ"), "{body}");
        let pages = [
            ("/api/category", "slug=tin-tuc&page=0".to_string()),
            ("/api/calendar_upcoming", "calendar=hdnd&page=0".to_string()),
            ("/api/resolutions", "filter[page]=0".to_string()),
            ("/api/search", "query[q]=ngh%E1%BB%8B&query[page]=0".to_string()),
            ("/api/category", format!("slug=tin-tuc&page={}", u32::MAX)),
            ("/api/resolutions", format!("filter[page]={}", u32::MAX)),
            ("/api/petitions", format!("filter[page]={}", u32::MAX)),
            ("/api/category", "slug=tin-tuc&page=-1".to_string()),
            ("/api/category", "slug=tin-tuc&page=99999999999999999999".to_string()),
        ];
        for (path, body) in pages {
            let (status, _, text) = send(&app, form(path, None, body.clone())).await;
            assert!(status.is_client_error(), "{path} {body}: {status} {text}");
        }
        for page in ["0", "-1", "4294967296", "99999999999999999999"] {
            let (status, _, _) = send(&app, get(&format!("/nghi-quyet?trang={page}"))).await;
            assert!(status.is_client_error(), "{page}: {status}");
        }
    });
}

/// Every response carries the security headers; a page's policy allows its own inline script
/// by the nonce that script carries, and nothing inline without one.
#[test]
fn every_response_carries_the_security_headers() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for path in
            ["/", &format!("/bai-viet/{SEED}"), "/khong-co-trang-nay", "/thung-rac", "/favicon.svg", "/lich/hdnd.ics"]
        {
            let (_, headers, body) = send(&app, get(path)).await;
            let h = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
            assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(h("x-frame-options"), "DENY", "{path}");
            assert_eq!(h("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
            assert!(h("permissions-policy").contains("geolocation=()"), "{path}");
            let csp = h("content-security-policy");
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(!app::csp::script_sources(&csp).contains("unsafe-inline"), "{path}: {csp}");
            assert!(app::csp::script_sources(&csp).starts_with("script-src 'self'"), "{path}: {csp}");
            assert!(h("strict-transport-security").is_empty(), "no HSTS over plain http: {path}");
            // The policy allows no inline event handler: none may be written.
            assert!(inline_handler(&body).is_none(), "{path}: {:?}", inline_handler(&body));
            if h("content-type").starts_with("text/html") {
                assert_inline_scripts_allowed(path, &body, &csp);
            }
        }
        let (_, headers, _) = send(&app, form("/api/home", None, "")).await;
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        // Anonymous pages may be kept by caches: their scripts are allowed by hash, never by a
        // nonce that every reader would share. An editor's page has its own nonce each time.
        let policy =
            |h: &axum::http::HeaderMap| h.get("content-security-policy").unwrap().to_str().unwrap().to_string();
        let (_, anonymous, body) = send(&app, get("/")).await;
        assert!(!policy(&anonymous).contains("'nonce-") && policy(&anonymous).contains("'sha256-"));
        assert_inline_scripts_allowed("/", &body, &policy(&anonymous));
        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", app::auth::Role::Editor).await;
        let editor = || {
            let mut req = get("/");
            req.headers_mut().insert(axum::http::header::COOKIE, cookie.parse().unwrap());
            req
        };
        let (a, b) = (send(&app, editor()).await, send(&app, editor()).await);
        assert!(policy(&a.1).contains("'nonce-"));
        assert_ne!(policy(&a.1), policy(&b.1), "two pages, two nonces");
        assert_inline_scripts_allowed("/ (editor)", &a.2, &policy(&a.1));
    });
}

/// Every inline script of `html` carries the policy's nonce or has its hash in the policy
/// (JSON-LD is data, which browsers never run, and needs neither).
fn assert_inline_scripts_allowed(path: &str, html: &str, csp: &str) {
    use base64::Engine;
    use sha2::Digest;
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next());
    for script in html.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap();
        if tag.contains("src=") || tag.contains(r#"type="application/ld+json""#) {
            continue;
        }
        let text = rest.split("</script>").next().unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()));
        let by_nonce = nonce.is_some_and(|n| n.len() >= 16 && tag.contains(&format!("nonce=\"{n}\"")));
        assert!(by_nonce || csp.contains(&format!("'sha256-{hash}'")), "{path}: an inline script not allowed: {tag}");
    }
}

/// The first ` onclick="…"`-like attribute in `html`, if any.
fn inline_handler(html: &str) -> Option<String> {
    html.match_indices(" on").find_map(|(i, _)| {
        let rest = &html[i + 3..];
        let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        (!name.is_empty() && rest[name.len()..].starts_with("=\"")).then(|| format!("on{name}"))
    })
}

/// Behind an https proxy named in the configuration: HSTS, `Secure` cookies whatever the proxy
/// forwards, writes only from the public origin, and the login limit counts the forwarded
/// client, not the proxy.
#[test]
fn behind_a_trusted_proxy_the_public_url_and_client_count() {
    common::run(async {
        let db = common::demo_db().await;
        let site = server::site::Site::from_settings(Some("https://hdnd.example"), Some("10.0.0.0/8")).unwrap();
        let options = leptos::prelude::LeptosOptions::builder().output_name("hdnd").site_root("target/site").build();
        let app = server::http::router(db.pool.clone(), options, db._dir.path(), site);
        accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, common::PASSWORD).await.unwrap();
        let login = |client: &str, origin: &str, password: &str| {
            let mut req = Request::post("/api/login")
                .header(header::HOST, "hdnd.example")
                .header(header::ORIGIN, origin)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-forwarded-for", client)
                .body(Body::from(format!("email=bientap%40hdnd.vn&password={password}")))
                .unwrap();
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo("10.0.0.2:5000".parse::<std::net::SocketAddr>().unwrap()));
            req
        };
        // http:// is another origin than the public https one.
        let (status, _, _) = send(&app, login("203.0.113.1", "http://hdnd.example", common::PASSWORD)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, headers, _) = send(&app, login("203.0.113.1", "https://hdnd.example", common::PASSWORD)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("; Secure"));
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_some());
        // Twenty failures from one client through the proxy lock that client out, not another.
        for i in 0..accounts::MAX_FAILURES_PER_ADDRESS {
            let mut req = login("203.0.113.9", "https://hdnd.example", "sai-sai-sai-sai");
            let email = format!("email=x{i}%40hdnd.vn&password=sai-sai-sai-sai");
            *req.body_mut() = Body::from(email);
            assert_eq!(send(&app, req).await.0, StatusCode::BAD_REQUEST);
        }
        let (status, _, _) = send(&app, login("203.0.113.9", "https://hdnd.example", common::PASSWORD)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the client that failed is limited");
        let (status, _, _) = send(&app, login("203.0.113.10", "https://hdnd.example", common::PASSWORD)).await;
        assert_eq!(status, StatusCode::OK, "another client behind the same proxy is not");
    });
}

/// Pages that need a login answer 401 to a visitor, whatever path the page took to find out.
#[test]
fn editors_pages_answer_401_to_visitors() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for path in ["/thung-rac", "/quan-tri/tai-khoan"] {
            let (status, _, body) = send(&app, get(path)).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            assert!(body.contains("đăng nhập"), "{path}");
        }
    });
}

/// Eight editors append to one article at once, with readers in between; each saves naming the
/// newest version and retries on 409. No answer is a 5xx, and every acknowledged save is there.
#[test]
fn concurrent_editors_queue_and_lose_nothing() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let mut cookies = Vec::new();
        for i in 0..8 {
            cookies.push(signed_in(&db, &app, &format!("bientap{i}@hdnd.vn"), Role::Editor).await);
        }
        let editors = cookies.into_iter().enumerate().map(|(i, cookie)| {
            let (app, pool) = (app.clone(), db.pool.clone());
            tokio::spawn(async move {
                let (mut acknowledged, mut statuses) = (Vec::new(), Vec::new());
                for n in 0..4 {
                    let marker = format!("dong-{i}-{n}");
                    loop {
                        let a = content::article_page(&pool, SEED, true).await.unwrap().article;
                        let mut fields = a.fields.clone();
                        fields.body_html.push_str(&format!("<p>{marker}</p>"));
                        let save = serde_json::json!({ "slug": SEED, "base_version": a.version, "fields": fields });
                        let (status, _, _) = send(&app, json("/api/save_article", Some(&cookie), save)).await;
                        // A reader in between.
                        let (read, _, _) = send(&app, get(&format!("/bai-viet/{SEED}"))).await;
                        statuses.push(status);
                        statuses.push(read);
                        match status {
                            StatusCode::OK => {
                                acknowledged.push(marker.clone());
                                break;
                            }
                            StatusCode::CONFLICT => {}
                            _ => break,
                        }
                    }
                }
                (acknowledged, statuses)
            })
        });
        let (mut acknowledged, mut statuses) = (Vec::new(), Vec::new());
        for e in editors.collect::<Vec<_>>() {
            let (a, s) = e.await.unwrap();
            acknowledged.extend(a);
            statuses.extend(s);
        }
        let errors: Vec<_> = statuses.iter().filter(|s| s.is_server_error()).collect();
        assert!(errors.is_empty(), "{} server errors: {errors:?}", errors.len());
        assert_eq!(acknowledged.len(), 32, "every editor's four saves got through");
        let body = content::article_page(&db.pool, SEED, true).await.unwrap().article.fields.body_html;
        for marker in &acknowledged {
            assert!(body.contains(marker), "acknowledged save {marker} is missing");
        }
    });
}

/// A panic while answering becomes a logged 500 page with the security headers; the
/// connection (here: the service) keeps answering.
#[test]
fn a_panic_becomes_a_500_page() {
    common::run(async {
        let inner = axum::Router::new()
            .route(
                "/boom",
                axum::routing::get(|| async {
                    if std::hint::black_box(true) {
                        panic!("thử");
                    }
                    "không tới"
                }),
            )
            .route("/ok", axum::routing::get(|| async { "được" }));
        let app = server::http::guarded(inner, server::site::Site::default(), server::http::Limits::default());
        let (status, headers, body) = send(&app, get("/boom")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("Máy chủ đang gặp sự cố"), "{body}");
        assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(send(&app, get("/ok")).await.0, StatusCode::OK);
    });
}

/// Server functions take small bodies: a megabyte and more is refused with a 4xx, not read.
#[test]
fn oversized_bodies_are_refused() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let big = format!("slug={}", "a".repeat(server::http::MAX_BODY_BYTES + 1));
        let mut req = form("/api/article", None, big.clone());
        req.headers_mut().insert(header::CONTENT_LENGTH, big.len().into());
        let (status, _, body) = send(&app, req).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        // Sent without a length (chunked): cut off once over the limit, a 4xx that says why.
        let (status, _, body) = send(&app, form("/api/article", None, big)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("không hợp lệ"), "{body}");
    });
}

/// More requests at once than the stack takes: the excess is told at once (503, a Vietnamese
/// page), and a request that takes too long is answered 408.
#[test]
fn the_stack_sheds_load_and_times_out() {
    common::run(async {
        let inner = axum::Router::new()
            .route(
                "/cham",
                axum::routing::get(|| async {
                    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                    "xong"
                }),
            )
            .route(
                "/treo",
                axum::routing::get(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    "không tới"
                }),
            );
        let limits =
            server::http::Limits { concurrent_requests: 4, request_timeout: std::time::Duration::from_secs(1) };
        let app = server::http::guarded(inner, server::site::Site::default(), limits);
        let calls: Vec<_> = (0..10)
            .map(|_| {
                let app = app.clone();
                tokio::spawn(async move { send(&app, get("/cham")).await })
            })
            .collect();
        let mut answers = Vec::new();
        for c in calls {
            answers.push(c.await.unwrap());
        }
        let served = answers.iter().filter(|a| a.0 == StatusCode::OK).count();
        let shed: Vec<_> = answers.iter().filter(|a| a.0 == StatusCode::SERVICE_UNAVAILABLE).collect();
        assert_eq!(served, 4, "{:?}", answers.iter().map(|a| a.0).collect::<Vec<_>>());
        assert_eq!(shed.len(), 6);
        assert!(shed[0].2.contains("quá tải"), "{}", shed[0].2);
        let started = std::time::Instant::now();
        assert_eq!(send(&app, get("/treo")).await.0, StatusCode::REQUEST_TIMEOUT);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    });
}

/// A client that trickles its request headers in is cut off after the header deadline, so
/// idle half-open requests cannot pile up; a prompt client is served on the same server.
#[test]
fn slow_headers_are_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    common::run(async {
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "chào" }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(server::serve::serve(listener, app, std::time::Duration::from_millis(500), async {
            let _ = stopped.await;
        }));
        let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        let started = std::time::Instant::now();
        let mut rest = Vec::new();
        let read = tokio::time::timeout(std::time::Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
        assert!(read.is_ok(), "the connection was closed");
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        assert!(!String::from_utf8_lossy(&rest).contains("chào"));
        let mut prompt = tokio::net::TcpStream::connect(addr).await.unwrap();
        prompt.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
        let mut answer = Vec::new();
        prompt.read_to_end(&mut answer).await.unwrap();
        assert!(String::from_utf8_lossy(&answer).contains("chào"));
        let _ = stop.send(());
        server.await.unwrap();
    });
}
