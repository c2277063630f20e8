//! Bad input against everything the portal answers. Every registered server function (read
//! from the registry the router serves them from, so a new one cannot be forgotten) is called
//! anonymously, as an editor and as an administrator, with empty, malformed, wrong-typed,
//! oversized and extreme payloads; every page route is asked for with hostile path segments
//! and query strings. The answer is always a 4xx or a correct 2xx/3xx: never a 5xx, never a
//! dropped connection (a panic would surface as a 500 from the panic catcher), and an
//! anonymous caller changes nothing in the database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::send;

/// Every argument name the server functions take, plain and nested.
const NAMES: &[&str] = &[
    "slug",
    "page",
    "kind",
    "calendar",
    "day",
    "from",
    "to",
    "version",
    "base_version",
    "trashed",
    "category",
    "email",
    "password",
    "role",
    "next",
    "body",
    "person",
    "stored",
    "disabled",
    "title",
    "doc_kind",
    "filter[page]",
    "filter[q]",
    "filter[year]",
    "filter[sort]",
    "filter[status]",
    "query[q]",
    "query[page]",
    "query[kind]",
    "fields[title]",
    "fields[body_html]",
    "fields[status]",
    "fields[published_at]",
    "album",
    "id",
    "fields[caption]",
    "fields[taken_on]",
    "fields[description]",
];

/// Hostile values, URL-encoded as a form would carry them.
fn form_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        "0",
        "-1",
        "1",
        "-9223372036854775809",
        "9223372036854775808",
        "18446744073709551616",
        "4294967296",
        "1e308",
        "NaN",
        "%2B262142-12-31",
        "-262143-01-01",
        "0000-00-00",
        "%00",
        "%FF%FE%FD",
        "%C0%AF",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "..%2F..%2Fetc%2Fpasswd",
        "true",
        "%5B%5D",
        "%7B%7D",
        "%0D%0A",
        "nghi-quyet",
        "article",
        "hdnd",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    values.push("x".repeat(20_000));
    values
}

/// JSON bodies: wrong shapes, wrong types, extreme numbers, NUL bytes, deep nesting.
fn json_bodies() -> Vec<String> {
    let mut bodies: Vec<String> =
        ["", "{}", "[]", "null", "\"x\"", "{\"slug\":null}", "{\"slug\":\"\\u0000\"}", "{\"page\":1e400}"]
            .iter()
            .map(ToString::to_string)
            .collect();
    for value in ["\"\"", "-1", "0", "18446744073709551616", "-9223372036854775809", "\"\\u0000\"", "[]", "{}", "true"]
    {
        let fields: Vec<String> = NAMES
            .iter()
            .filter(|n| !n.contains('['))
            .map(|n| format!("\"{n}\":{value}"))
            .chain(["\"fields\":{}".to_string(), "\"filter\":{}".to_string(), "\"query\":{}".to_string()])
            .collect();
        bodies.push(format!("{{{}}}", fields.join(",")));
    }
    bodies.push(format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    bodies.push(format!("{{\"slug\":\"{}\"}}", "a".repeat(900_000)));
    bodies
}

/// A well-formed value for each name, so that one hostile value at a time gets past the
/// others to the code that reads it (a far date needs a real calendar to reach the week).
fn good_value(name: &str) -> &'static str {
    match name {
        "slug" => "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong",
        "kind" => "article",
        "calendar" => "hdnd",
        "day" => "2026-01-05",
        "category" => "tin-tuc",
        "album" => "ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x",
        "fields[taken_on]" => "2024-12-10",
        "email" => "nguoi-dan%40example.vn",
        "password" => "mat-khau-du-dai-9",
        "role" => "editor",
        "next" => "%2F",
        "trashed" | "disabled" => "false",
        "query[q]" | "filter[q]" => "ngh%E1%BB%8B+quy%E1%BA%BFt",
        _ => "1",
    }
}

/// The most hostile values, sent one name at a time.
const SHARP: &[&str] =
    &["", "0", "-1", "18446744073709551616", "%2B262142-12-31", "-262143-01-01", "%00", "%FF%FE", "%0D%0A", "x%5B%5D"];

/// Form bodies: every name with the same hostile value, and broken encodings.
fn form_bodies() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = vec![Vec::new(), b"=".to_vec(), b"&&&".to_vec(), b"slug=\xff\xfe\xfd".to_vec()];
    for value in form_values() {
        let pairs: Vec<String> = NAMES.iter().map(|n| format!("{n}={value}")).collect();
        bodies.push(pairs.join("&").into_bytes());
    }
    bodies.push(format!("{}=1", "a[b]".repeat(5_000)).into_bytes());
    bodies.push(format!("slug={}", "a".repeat(900_000)).into_bytes());
    bodies
}

/// Form bodies with one hostile value at a time among good ones.
fn sharp_form_bodies() -> Vec<Vec<u8>> {
    let mut bodies = Vec::new();
    for hostile in NAMES {
        for value in SHARP {
            let pairs: Vec<String> =
                NAMES.iter().map(|n| format!("{n}={}", if n == hostile { value } else { good_value(n) })).collect();
            bodies.push(pairs.join("&").into_bytes());
        }
    }
    bodies
}

fn request(path: &str, cookie: Option<&str>, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut b = Request::post(path)
        .header(header::HOST, "localhost:3000")
        .header(header::ORIGIN, "http://localhost:3000")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body)).unwrap()
}

/// Everything in the database but what visitors are allowed to move (visit and view counters,
/// failed logins) and what is derived (the search index), as text.
async fn fingerprint(pool: &sqlx::SqlitePool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE 'search_%' AND name NOT IN ('counters', 'visitors', 'login_failures', '_sqlx_migrations') \
         ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for table in tables {
        // Reading an article counts a view: that is what a visitor may change.
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?1) WHERE name <> 'view_count'")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        let text: Option<String> =
            sqlx::query_scalar(&format!("SELECT group_concat({row}, char(10)) FROM (SELECT * FROM \"{table}\")"))
                .fetch_one(pool)
                .await
                .unwrap();
        out.push((table, text.unwrap_or_default()));
    }
    out
}

fn assert_unchanged(before: &[(String, String)], after: &[(String, String)], who: &str) {
    let changed: Vec<&str> = before.iter().zip(after).filter(|(b, a)| b != a).map(|(b, _)| b.0.as_str()).collect();
    assert!(changed.is_empty() && before.len() == after.len(), "{who} changed tables {changed:?}");
}

/// The server functions as the router serves them, `logout` last (it ends the caller's login).
fn server_functions() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    paths.sort_by_key(|p| (p.ends_with("/logout"), p.clone()));
    paths
}

#[test]
fn every_server_function_survives_bad_input() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let paths = server_functions();
        assert!(paths.len() >= 40, "the registry lists the server functions: {paths:?}");
        let editor = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let admin = common::signed_in(&db, &app, "quantri@hdnd.vn", Role::Admin).await;
        let (forms, sharp, jsons) = (form_bodies(), sharp_form_bodies(), json_bodies());
        let mut failures = Vec::new();
        let mut calls = 0;
        let mut slow = std::collections::HashMap::new();
        let before = fingerprint(&db.pool).await;
        // The administrator's well-formed calls would each hash a password (slow on purpose):
        // the broad bodies reach every check of the account functions already.
        let callers = [
            ("khách", None, true),
            ("biên tập", Some(editor.as_str()), true),
            ("quản trị", Some(admin.as_str()), false),
        ];
        for (who, cookie, with_sharp) in callers {
            for path in &paths {
                let sharp = if with_sharp { &sharp[..] } else { &[] };
                let bodies = forms
                    .iter()
                    .chain(sharp)
                    .map(|b| ("application/x-www-form-urlencoded", b.clone()))
                    .chain(jsons.iter().map(|b| ("application/json", b.clone().into_bytes())))
                    .chain([("text/plain", b"\x00\x01\x02".to_vec()), ("multipart/form-data", b"--x--".to_vec())]);
                for (content_type, body) in bodies {
                    let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
                    let started = std::time::Instant::now();
                    let (status, _, text) = send(&app, request(path, cookie, content_type, body)).await;
                    *slow.entry(format!("{who} {path}")).or_insert(0.0) += started.elapsed().as_secs_f64();
                    calls += 1;
                    if status.is_server_error() || status == StatusCode::NOT_FOUND && text.is_empty() {
                        failures.push(format!("{who} {path} {content_type} {shown:?}: {status} {text}"));
                    }
                }
            }
            if cookie.is_none() {
                assert_unchanged(&before, &fingerprint(&db.pool).await, "an anonymous caller");
            }
        }
        assert!(failures.is_empty(), "{} of {calls} calls failed:\n{}", failures.len(), failures.join("\n"));
        let mut slow: Vec<_> = slow.into_iter().collect();
        slow.sort_by(|a, b| b.1.total_cmp(&a.1));
        eprintln!("{calls} calls to {} server functions, none a 5xx; slowest {:?}", paths.len(), &slow[..8]);
    });
}

/// Hostile path segments and query strings on every page route.
#[test]
fn every_page_route_survives_hostile_addresses() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let routes: Vec<String> =
            leptos_axum::generate_route_list(app::App).iter().map(|r| r.path().to_string()).collect();
        assert!(routes.len() >= 20, "{routes:?}");
        let segments = ["%00", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%252e%252e", "a%0Ab", &"x".repeat(3000), "-1", "0"];
        let queries = [
            "trang=0",
            "trang=-1",
            "trang=4294967296",
            "trang=99999999999999999999",
            "tuan=%2B262142-12-31",
            "tuan=-262143-01-01",
            "q=%00",
            "q=%FF%FE",
            "loai=x",
            "nam=-1",
            "nam=99999999999",
            "co_quan=%00",
            "next=%0A%2F%2Fevil",
            "loi=x",
            "chia_se=x",
            "sua=x",
            "q=%22%28%29*%3A%5E",
            "q=NEAR(a",
            "tinh_trang=x",
            "sap_xep=x",
            "a[b][c][d]=1",
            "trang=1&trang=2",
        ];
        let mut failures = Vec::new();
        let mut calls = 0;
        let before = fingerprint(&db.pool).await;
        for route in &routes {
            let addresses: Vec<String> = if route.contains(':') || route.contains('*') {
                segments
                    .iter()
                    .map(|s| {
                        route
                            .split('/')
                            .map(|p| if p.starts_with(':') || p.starts_with('*') { *s } else { p })
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .collect()
            } else {
                queries.iter().map(|q| format!("{route}?{q}")).collect()
            };
            for address in addresses {
                let req = Request::get(&address).header(header::HOST, "localhost:3000").body(Body::empty()).unwrap();
                let (status, _, _) = send(&app, req).await;
                calls += 1;
                if status.is_server_error() {
                    failures.push(format!("{address}: {status}"));
                }
            }
        }
        assert!(failures.is_empty(), "{} of {calls} addresses failed:\n{}", failures.len(), failures.join("\n"));
        assert_unchanged(&before, &fingerprint(&db.pool).await, "a visitor's address");
        eprintln!("{calls} hostile addresses on {} page routes, none a 5xx", routes.len());
    });
}
