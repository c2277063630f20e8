//! A real SQLite file in a temporary directory, migrated and loaded with the demo content.

pub mod portal;

use server::config::Database;
use sqlx::SqlitePool;

pub struct TestDb {
    pub pool: SqlitePool,
    pub _dir: tempfile::TempDir,
}

pub async fn demo_db() -> TestDb {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool =
        server::db::connect(&Database::File(dir.path().join("test.db"))).await.expect("database opens and migrates");
    assert!(server::demo::load_if_empty(&pool, dir.path()).await.expect("demo loads"));
    TestDb { pool, _dir: dir }
}

/// Runs a test on one runtime shared by the whole test binary, one test at a time. Leptos
/// keeps process-wide state (its executor, the server-function registry) that must not outlive
/// the runtime it was first used on; with one runtime per test, a later test could wait on a
/// dead one. And two tests rendering pages at once in one process sometimes never finished
/// (a wakeup lost between them, about one run in five, before this lock): a server renders
/// on one runtime too, but a test binary is many apps, so the tests take turns.
pub fn run<F: std::future::Future>(test: F) -> F::Output {
    static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime")
    });
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A test that failed while holding the lock poisons it; the next one may still run.
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // The clock holds still for the whole test (time moves only when a test moves it), so no
    // test races midnight; it is real again afterwards, even after a failure.
    struct RealTimeAfter;
    impl Drop for RealTimeAfter {
        fn drop(&mut self) {
            app::data::clock::reset();
        }
    }
    let _real_time_after = RealTimeAfter;
    app::data::clock::freeze(app::data::clock::now());
    RUNTIME.block_on(test)
}

/// The one clock moved forward for the rest of a test, and moved back when this is dropped
/// (also when the test fails).
#[allow(dead_code)]
pub struct ClockMoved(std::cell::Cell<i64>);

#[allow(dead_code)]
impl ClockMoved {
    pub fn by(secs: i64) -> ClockMoved {
        app::data::clock::advance(secs);
        ClockMoved(std::cell::Cell::new(secs))
    }

    /// Further forward.
    pub fn more(&self, secs: i64) {
        app::data::clock::advance(secs);
        self.0.set(self.0.get() + secs);
    }
}

impl Drop for ClockMoved {
    fn drop(&mut self) {
        app::data::clock::advance(-self.0.get());
    }
}

/// The whole HTTP stack over a test database, with its data directory (uploads, files) the
/// test's own temporary directory, never one shared between runs.
#[allow(dead_code)]
pub fn router(db: &TestDb) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder().output_name("hdnd").site_root("target/site").build();
    server::http::router(db.pool.clone(), options, db._dir.path(), server::site::Site::default())
}

/// One request through the router: its status, headers and body as text.
#[allow(dead_code)]
pub async fn send(
    app: &axum::Router,
    req: axum::http::Request<axum::body::Body>,
) -> (axum::http::StatusCode, axum::http::HeaderMap, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let res = app.clone().oneshot(req).await.expect("response");
    let (status, headers) = (res.status(), res.headers().clone());
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// A POST as a page of this site sends it (same Host and Origin), with a cookie if given.
#[allow(dead_code)]
pub fn post(path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    use axum::http::header;
    let b = axum::http::Request::post(path)
        .header(header::HOST, "localhost:3000")
        .header(header::ORIGIN, "http://localhost:3000");
    match cookie {
        Some(c) => b.header(header::COOKIE, c),
        None => b,
    }
}

/// A form post as a page of this site sends it.
#[allow(dead_code)]
pub fn form(path: &str, cookie: Option<&str>, body: impl Into<String>) -> axum::http::Request<axum::body::Body> {
    post(path, cookie)
        .header(axum::http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body.into()))
        .expect("request")
}

/// A JSON post (server functions declared with `input = Json`) as a page of this site sends it.
#[allow(dead_code)]
pub fn json(path: &str, cookie: Option<&str>, body: serde_json::Value) -> axum::http::Request<axum::body::Body> {
    post(path, cookie)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .expect("request")
}

#[allow(dead_code)]
pub const PASSWORD: &str = "mat-khau-du-dai-1";

/// Creates an account with `PASSWORD` and logs it in through the router: the cookie pair.
#[allow(dead_code)]
pub async fn signed_in(db: &TestDb, app: &axum::Router, email: &str, role: app::auth::Role) -> String {
    app::data::accounts::add_user(&db.pool, email, role, PASSWORD).await.expect("user");
    let body = format!("email={}&password={PASSWORD}", app::share::url_encode(email));
    let (status, headers, text) = send(app, form("/api/login", None, body)).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{text}");
    let cookie = headers.get(axum::http::header::SET_COOKIE).expect("cookie").to_str().expect("ascii");
    cookie.split(';').next().expect("pair").to_string()
}

/// The search index of the database behind `pool` (in the same directory, as the server keeps
/// it), caught up.
#[allow(dead_code)]
pub async fn search_index(pool: &SqlitePool) -> std::sync::Arc<app::data::search::SearchIndex> {
    let file = pool.connect_options().get_filename().to_path_buf();
    let dir = file.parent().expect("the database is in a directory");
    let index = server::indexer::open(dir, pool.clone()).expect("search index opens");
    index.catch_up().await.expect("search index catches up");
    index
}

/// Searches the database behind `pool` as the search page does.
#[allow(dead_code)]
pub async fn search(
    pool: &SqlitePool,
    query: &app::search::SearchQuery,
) -> Result<app::search::SearchResults, app::error::ApiError> {
    let index = search_index(pool).await;
    app::data::search::search(&index, query).await
}
