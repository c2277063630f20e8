//! Durability and backups: a backup taken while editors write restores to a sound, complete
//! copy; the command line backs up a running portal and restores it elsewhere; and the real
//! server, killed with SIGKILL while six editors save, comes back with every save it had
//! acknowledged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::portal::{request, server_cli, start, start_with, Portal};

use app::auth::{Role, UserInfo};
use app::data::{accounts, editing};
use app::editing::{ArticleFields, Status};
use server::backup::{self, BackupError};
use server::config::Database;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "mat-khau-du-dai-1";
const EMAIL: &str = "bientap@hdnd.vn";
const CATEGORY: &str = "thong-tin-trong-tinh";

/// The names of the regular, non-temporary files directly in `dir`.
fn stored_names(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

async fn integrity(pool: &sqlx::SqlitePool) -> Vec<String> {
    sqlx::query_scalar("PRAGMA integrity_check").fetch_all(pool).await.unwrap()
}

/// Every image row names a file in `uploads`, every attachment a file in `files`.
async fn every_row_has_its_file(pool: &sqlx::SqlitePool, data_dir: &Path) -> (usize, usize) {
    let uploads: Vec<String> = sqlx::query_scalar("SELECT url FROM uploads").fetch_all(pool).await.unwrap();
    for url in &uploads {
        let name = url.strip_prefix("/uploads/").unwrap();
        assert!(data_dir.join("uploads").join(name).is_file(), "{url} has its file");
    }
    let attached: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT stored_name FROM attachments").fetch_all(pool).await.unwrap();
    for name in &attached {
        assert!(data_dir.join("files").join(name).is_file(), "attachment {name} has its file");
    }
    (uploads.len(), attached.len())
}

#[test]
fn the_pool_syncs_every_commit_and_queues_writers() {
    common::run(async {
        let db = common::demo_db().await;
        // Every connection of the pool, not just the first.
        let mut held = Vec::new();
        for _ in 0..3 {
            let mut conn = db.pool.acquire().await.unwrap();
            let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
            let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&mut *conn).await.unwrap();
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
            assert_eq!((synchronous, busy, journal.as_str()), (2, 30_000, "wal"), "FULL, 30 s, WAL");
            held.push(conn);
        }
    });
}

#[test]
fn a_backup_taken_while_editors_write_restores_whole() {
    common::run(async {
        let db = common::demo_db().await;
        let data_dir = db._dir.path().to_path_buf();
        let id = accounts::add_user(&db.pool, EMAIL, Role::Editor, PASSWORD).await.unwrap();
        let user = UserInfo { id, email: EMAIL.into(), role: Role::Editor };

        // An editor creates articles and uploads images (file first, then its row, as the
        // upload route does) until told to stop; `written` holds what has been committed.
        let stop = Arc::new(AtomicBool::new(false));
        let written: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let writer = tokio::spawn({
            let (pool, stop, written, uploads) =
                (db.pool.clone(), stop.clone(), written.clone(), data_dir.join("uploads"));
            async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let slug = editing::create_article(&pool, &user, CATEGORY).await.unwrap();
                    let name = server::files::store(&uploads, format!("ảnh số {n}").as_bytes(), "png").await.unwrap();
                    let url = format!("/uploads/{name}");
                    app::data::uploads::record(&pool, &url).await.unwrap();
                    written.lock().unwrap().push((slug, url));
                    n += 1;
                }
            }
        });
        while written.lock().unwrap().len() < 5 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let before = written.lock().unwrap().clone();
        let backups = tempfile::tempdir().unwrap();
        let to = backups.path().join("sao-luu");
        let summary = backup::backup(&db.pool, &data_dir, &to).await.unwrap();
        let during = written.lock().unwrap().len() - before.len();
        stop.store(true, Ordering::Relaxed);
        writer.await.unwrap();
        let total = written.lock().unwrap().len();
        assert!(during > 0, "the editor went on writing while the backup ran");
        println!("{summary}");
        println!("written before the backup: {}, during it: {during}, in all: {total}", before.len());
        assert!(summary.database_bytes > 0);
        assert!(summary.files.files >= 90, "the demo's documents: {summary:?}");
        assert!(summary.uploads.files >= 5, "{summary:?}");
        assert!(summary.to_string().contains("Đã sao lưu vào"));

        // The same directory again is refused; the backup in it is untouched.
        let again = backup::backup(&db.pool, &data_dir, &to).await;
        assert!(matches!(again, Err(BackupError::AlreadyThere(_))), "{again:?}");
        assert!(again.unwrap_err().to_string().contains("đã có một bản sao lưu"));

        // Restored into a fresh directory, it opens, is sound and holds everything written
        // before the backup started, each image with its file.
        let fresh = tempfile::tempdir().unwrap();
        let restored = backup::restore(&to, &fresh.path().join("hdnd.db"), fresh.path()).await.unwrap();
        assert_eq!(restored.files.files, summary.files.files);
        assert_eq!(restored.uploads.files, summary.uploads.files);
        assert!(restored.to_string().starts_with("Đã khôi phục"));
        let pool = server::db::connect(&Database::File(fresh.path().join("hdnd.db"))).await.unwrap();
        assert_eq!(integrity(&pool).await, ["ok"]);
        for (slug, url) in &before {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE slug = ?1")
                .bind(slug)
                .fetch_optional(&pool)
                .await
                .unwrap();
            assert!(found.is_some(), "{slug} was written before the backup");
            let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM uploads WHERE url = ?1")
                .bind(url)
                .fetch_optional(&pool)
                .await
                .unwrap();
            assert!(found.is_some(), "{url} was recorded before the backup");
        }
        let created: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE slug LIKE 'bai-viet-moi-%'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(created as usize >= before.len() && created as usize <= total, "{created}");
        let (uploads, attached) = every_row_has_its_file(&pool, fresh.path()).await;
        assert!(uploads >= before.len() && attached > 0);
        assert_eq!(stored_names(&fresh.path().join("files")), stored_names(&data_dir.join("files")));
        pool.close().await;
    });
}

#[test]
fn a_missing_or_damaged_backup_is_refused_and_nothing_is_replaced() {
    common::run(async {
        let db = common::demo_db().await;
        let data_dir = db._dir.path();
        let backups = tempfile::tempdir().unwrap();
        let good = backups.path().join("tot");
        backup::backup(&db.pool, data_dir, &good).await.unwrap();
        let target = tempfile::tempdir().unwrap();
        let database = target.path().join("hdnd.db");
        std::fs::write(&database, b"the database in use").unwrap();

        // No backup there.
        let missing = backup::restore(&backups.path().join("khong-co"), &database, target.path()).await;
        assert!(matches!(missing, Err(BackupError::Missing(_))), "{missing:?}");
        assert!(missing.unwrap_err().to_string().starts_with("không tìm thấy bản sao lưu"));

        // Not a database at all.
        let garbage = backups.path().join("rac");
        std::fs::create_dir(&garbage).unwrap();
        std::fs::write(garbage.join("hdnd.db"), "đây không phải cơ sở dữ liệu ".repeat(400)).unwrap();
        let refused = backup::restore(&garbage, &database, target.path()).await;
        assert!(matches!(refused, Err(BackupError::NotSqlite { .. })), "{refused:?}");
        assert!(refused.unwrap_err().to_string().contains("không phải cơ sở dữ liệu SQLite hợp lệ"));

        // A database, but another program's.
        let other = backups.path().join("khac");
        std::fs::create_dir(&other).unwrap();
        {
            let options =
                sqlx::sqlite::SqliteConnectOptions::new().filename(other.join("hdnd.db")).create_if_missing(true);
            let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
            sqlx::query("CREATE TABLE t (x)").execute(&pool).await.unwrap();
            pool.close().await;
        }
        let refused = backup::restore(&other, &database, target.path()).await;
        assert!(matches!(refused, Err(BackupError::NotPortal(_))), "{refused:?}");

        // A good backup with pages overwritten in the middle.
        let damaged = backups.path().join("hong");
        std::fs::create_dir(&damaged).unwrap();
        let mut bytes = std::fs::read(good.join("hdnd.db")).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle..middle + 20_000].fill(0x5a);
        std::fs::write(damaged.join("hdnd.db"), bytes).unwrap();
        let refused = backup::restore(&damaged, &database, target.path()).await;
        assert!(matches!(refused, Err(BackupError::Damaged { .. } | BackupError::NotSqlite { .. })), "{refused:?}");

        // Nothing was replaced or copied by any of them.
        assert_eq!(std::fs::read(&database).unwrap(), b"the database in use");
        assert!(stored_names(&target.path().join("files")).is_empty());

        // The good one goes in, over the stale log of the database it replaces.
        std::fs::write(target.path().join("hdnd.db-wal"), b"stale log").unwrap();
        std::fs::write(target.path().join("hdnd.db-shm"), b"stale shared memory").unwrap();
        backup::restore(&good, &database, target.path()).await.unwrap();
        assert!(!target.path().join("hdnd.db-wal").exists() && !target.path().join("hdnd.db-shm").exists());
        let pool = server::db::connect(&Database::File(database)).await.unwrap();
        assert_eq!(integrity(&pool).await, ["ok"]);
        pool.close().await;
    });
}

// ---------------------------------------------------------------------------------------
// The real server binary, over plain HTTP/1.1.

fn add_editor(data_dir: &Path) {
    let (ok, out, err) =
        server_cli(data_dir, &["user", "add", "--email", EMAIL, "--role", "editor", "--password", PASSWORD]);
    assert!(ok, "{out}{err}");
}

fn login(port: u16) -> String {
    let body = format!("email={}&password={PASSWORD}", EMAIL.replace('@', "%40"));
    let reply =
        request(port, "POST", "/api/login", &[("Content-Type", "application/x-www-form-urlencoded")], &body).unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cookie = reply.header("set-cookie").expect("login session cookie");
    let pair = cookie.split(';').next().unwrap().to_string();
    assert!(pair.starts_with("hdnd_phien="), "{pair}");
    pair
}

/// What the server said it had done.
#[derive(Clone, Debug)]
enum Ack {
    /// An article created (`bai-viet-moi-<id>`).
    Created { id: i64 },
    /// An article saved with this title as this version, now at this slug.
    Saved { slug: String, title: String, version: i64 },
}

#[derive(Default)]
struct Tally {
    acks: Vec<Ack>,
    /// Answers other than 200 (a write that failed rather than queued).
    refused: Vec<String>,
}

/// One editor: creates a draft, then saves it with a title of its own, again and again, until
/// told to stop or the server is gone. Every whole 200 answer is recorded.
fn editor(port: u16, cookie: String, who: usize, stop: Arc<AtomicBool>, tally: Arc<Mutex<Tally>>) {
    let cookie_header = [("Cookie", cookie.as_str())];
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        let created = request(
            port,
            "POST",
            "/api/create_article",
            &[cookie_header[0], ("Content-Type", "application/x-www-form-urlencoded")],
            &format!("category={CATEGORY}"),
        );
        let Ok(created) = created else { return };
        if created.status != 200 {
            tally.lock().unwrap().refused.push(format!("create {}: {}", created.status, created.body));
            continue;
        }
        let slug: String = serde_json::from_str(&created.body).unwrap();
        let id: i64 = slug.strip_prefix("bai-viet-moi-").unwrap().parse().unwrap();
        tally.lock().unwrap().acks.push(Ack::Created { id });
        let title = format!("Bài thử độ bền của biên tập viên {who} số {n}");
        n += 1;
        let fields = ArticleFields {
            title: title.clone(),
            lead: format!("Tóm tắt {who}-{n}"),
            body_html: format!("<p>Nội dung được lưu lần {n} bởi biên tập viên {who}.</p>"),
            image_url: None,
            image_caption: None,
            source: None,
            status: Status::Draft,
            published_local: "2025-01-01T08:00".into(),
        };
        let body = serde_json::json!({ "slug": slug, "base_version": 1, "fields": fields }).to_string();
        let saved = request(
            port,
            "POST",
            "/api/save_article",
            &[cookie_header[0], ("Content-Type", "application/json")],
            &body,
        );
        let Ok(saved) = saved else { return };
        if saved.status != 200 {
            tally.lock().unwrap().refused.push(format!("save {}: {}", saved.status, saved.body));
            continue;
        }
        let answer: serde_json::Value = serde_json::from_str(&saved.body).unwrap();
        let slug = answer["slug"].as_str().unwrap().to_string();
        let version = answer["version"].as_i64().unwrap();
        tally.lock().unwrap().acks.push(Ack::Saved { slug, title, version });
    }
}

/// Starts `count` editors against the portal.
fn editors(
    portal: &Portal,
    cookie: &str,
    count: usize,
) -> (Arc<AtomicBool>, Arc<Mutex<Tally>>, Vec<std::thread::JoinHandle<()>>) {
    let stop = Arc::new(AtomicBool::new(false));
    let tally: Arc<Mutex<Tally>> = Arc::default();
    let threads = (0..count)
        .map(|who| {
            let (port, cookie, stop, tally) = (portal.port, cookie.to_string(), stop.clone(), tally.clone());
            std::thread::spawn(move || editor(port, cookie, who, stop, tally))
        })
        .collect();
    (stop, tally, threads)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Checks every acknowledged write against the database; returns the ones that are missing.
async fn lost_writes(pool: &sqlx::SqlitePool, acks: &[Ack]) -> Vec<String> {
    let mut lost = Vec::new();
    for ack in acks {
        match ack {
            Ack::Created { id } => {
                let row: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?1")
                    .bind(id)
                    .fetch_optional(pool)
                    .await
                    .unwrap();
                if row.is_none() {
                    lost.push(format!("the creation of article {id}"));
                }
            }
            Ack::Saved { slug, title, version } => {
                let row: Option<(String, i64)> = sqlx::query_as("SELECT title, version FROM articles WHERE slug = ?1")
                    .bind(slug)
                    .fetch_optional(pool)
                    .await
                    .unwrap();
                let revision: Option<String> = sqlx::query_scalar(
                    "SELECT r.data FROM revisions r JOIN articles a ON a.id = r.entity_id \
                     WHERE r.kind = 'article' AND a.slug = ?1 AND r.version = ?2",
                )
                .bind(slug)
                .bind(version)
                .fetch_optional(pool)
                .await
                .unwrap();
                if row != Some((title.clone(), *version)) || !revision.is_some_and(|data| data.contains(title.as_str()))
                {
                    lost.push(format!("the save of {slug} as version {version}"));
                }
            }
        }
    }
    lost
}

#[test]
fn every_acknowledged_save_survives_sigkill() {
    const EDITORS: usize = 6;
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path();
    add_editor(data_dir);
    let mut portal = start(data_dir, "server-1.log");
    let cookie = login(portal.port);
    let (stop, tally, threads) = editors(&portal, &cookie, EDITORS);
    // Let the editors write for a while, then pull the plug in the middle of their writes.
    let started = Instant::now();
    while (tally.lock().unwrap().acks.len() < 60 || started.elapsed() < Duration::from_secs(3))
        && started.elapsed() < Duration::from_secs(120)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    portal.child.kill().unwrap(); // SIGKILL
    let killed_after = started.elapsed();
    portal.child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let log = portal.log.clone();
    drop(portal);
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    let created = tally.acks.iter().filter(|a| matches!(a, Ack::Created { .. })).count();
    let saved = tally.acks.len() - created;
    assert!(tally.acks.len() >= 20, "too few writes to mean anything: {}", tally.acks.len());

    // Restarted on the same data directory: it comes up, the login session is still valid and
    // the last acknowledged save is there for the editor.
    let portal = start(data_dir, "server-2.log");
    let last_saved = tally.acks.iter().rev().find_map(|a| match a {
        Ack::Saved { slug, title, .. } => Some((slug.clone(), title.clone())),
        Ack::Created { .. } => None,
    });
    if let Some((slug, title)) = &last_saved {
        let page =
            request(portal.port, "GET", &format!("/bai-viet/{slug}"), &[("Cookie", cookie.as_str())], "").unwrap();
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains(title.as_str()), "the page shows the saved title");
    }
    let (lost, check) = runtime().block_on(async {
        let pool = server::db::connect(&Database::File(data_dir.join("hdnd.db"))).await.unwrap();
        let lost = lost_writes(&pool, &tally.acks).await;
        let check = integrity(&pool).await;
        pool.close().await;
        (lost, check)
    });
    println!(
        "SIGKILL after {killed_after:?}: {EDITORS} editors, {} writes acknowledged ({created} creations, {saved} saves), \
         {} found after the restart, {} refused; integrity_check: {check:?}",
        tally.acks.len(),
        tally.acks.len() - lost.len(),
        tally.refused.len()
    );
    assert_eq!(check, ["ok"]);
    assert!(lost.is_empty(), "acknowledged but lost: {lost:#?}");
    if !tally.refused.is_empty() {
        let log = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
        let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).take(3).collect();
        panic!(
            "writes must queue, not fail: {} refused, e.g. {:?}; the server said {errors:#?}",
            tally.refused.len(),
            tally.refused.first()
        );
    }
    drop(portal);
}

#[test]
fn the_command_line_backs_up_a_running_portal_and_restores_it_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("du-lieu");
    std::fs::create_dir(&data_dir).unwrap();
    add_editor(&data_dir);
    let mut portal = start(&data_dir, "server.log");
    let cookie = login(portal.port);
    let (stop, tally, threads) = editors(&portal, &cookie, 3);
    while tally.lock().unwrap().acks.len() < 10 {
        assert!(portal.child.try_wait().unwrap().is_none(), "the server stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = tally.lock().unwrap().acks.clone();

    // Backed up while the editors go on writing.
    let to = dir.path().join("sao-luu");
    let to_arg = to.to_str().unwrap();
    let (ok, out, err) = server_cli(&data_dir, &["backup", "--to", to_arg]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("Đã sao lưu vào")
            && out.contains("tài liệu đính kèm (files/): ")
            && (out.contains(" KB") || out.contains(" MB")),
        "{out}"
    );
    let after = tally.lock().unwrap().acks.len();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    assert!(after > before.len(), "the editors wrote while the backup ran");
    let (ok, _, err) = server_cli(&data_dir, &["backup", "--to", to_arg]);
    assert!(!ok && err.contains("đã có một bản sao lưu"), "{err}");
    portal.child.kill().unwrap();
    portal.child.wait().unwrap();
    drop(portal);

    // Restored into a new data directory (the portal there stopped, as it must be).
    let elsewhere = dir.path().join("noi-khac");
    let (ok, _, err) = server_cli(&elsewhere, &["restore", "--from", dir.path().join("khong-co").to_str().unwrap()]);
    assert!(!ok && err.contains("không tìm thấy bản sao lưu"), "{err}");
    let (ok, out, err) = server_cli(&elsewhere, &["restore", "--from", to_arg]);
    assert!(ok, "{out}{err}");
    assert!(out.starts_with("Đã khôi phục"), "{out}");
    assert_eq!(stored_names(&elsewhere.join("files")), stored_names(&data_dir.join("files")));
    runtime().block_on(async {
        let pool = server::db::connect(&Database::File(elsewhere.join("hdnd.db"))).await.unwrap();
        assert_eq!(integrity(&pool).await, ["ok"]);
        assert_eq!(lost_writes(&pool, &before).await, Vec::<String>::new());
        every_row_has_its_file(&pool, &elsewhere).await;
        pool.close().await;
    });
    // And the portal serves it.
    let portal = start(&elsewhere, "server.log");
    let home = request(portal.port, "GET", "/", &[], "").unwrap();
    assert_eq!(home.status, 200);
    let trash = request(portal.port, "GET", "/thung-rac", &[("Cookie", cookie.as_str())], "").unwrap();
    assert_eq!(trash.status, 200, "the login sessions came along");
    drop(portal);
}

/// The number a search page says it found, from `<p class="list-count" …>1 kết quả · Trang
/// 1/1</p>` (comments the renderer leaves between are skipped).
fn result_count(page: &str) -> Option<u64> {
    let at = page.find("class=\"list-count\"")?;
    let mut rest = &page[at..];
    rest = &rest[rest.find('>')? + 1..];
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = &comment[comment.find("-->")? + 3..];
    }
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    rest[number.len()..].starts_with(" kết quả").then_some(())?;
    number.replace('.', "").parse().ok()
}

/// The last outbox row the index on disk says it has applied (from its last commit).
fn index_applied(data_dir: &Path) -> i64 {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data_dir.join("search").join("meta.json")).unwrap()).unwrap();
    let payload: serde_json::Value = serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload["applied"].as_i64().unwrap()
}

/// A save commits to SQLite, then the portal crashes (the fault-injection switch aborts it
/// after preparing the index commit, before making it). The index on disk does not have the
/// save; at the next start the portal applies it before answering, and the search finds it.
#[test]
fn the_search_index_catches_up_after_a_crash_between_the_two_commits() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path();
    // Demo content, loaded and indexed; the outbox is then empty, so the switch has nothing to
    // stop until the save below.
    let mut portal = start_with(data_dir, "crash.log", &[(app::data::search::CRASH_BEFORE_INDEX_COMMIT, "1")]);
    let before = request(portal.port, "GET", "/tim-kiem?q=chuoisaukhisapdo", &[], "").unwrap();
    assert_eq!(before.status, 200);
    assert_eq!(result_count(&before.body), Some(0), "nothing to find yet");
    let rt = runtime();
    let pool = rt.block_on(server::db::connect(&Database::File(data_dir.join("hdnd.db")))).unwrap();
    // The save, as any writer makes it: the record and its outbox row in one transaction.
    rt.block_on(async {
        let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM resolutions WHERE deleted_at IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
        let mut tx = app::data::write(&pool).await.unwrap();
        sqlx::query("UPDATE resolutions SET abstract = abstract || ' chuoisaukhisapdo' WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .unwrap();
        app::data::search::sync(&mut tx, app::search::SearchKind::Resolution, id).await.unwrap();
        tx.commit().await.unwrap();
    });
    // The portal's writer picks the row up within seconds, and dies before its commit.
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = portal.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the fault switch did not stop the portal");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(!status.success(), "the portal crashed: {status}");
    let log = std::fs::read_to_string(&portal.log).unwrap();
    assert!(log.contains(app::data::search::CRASH_BEFORE_INDEX_COMMIT), "{log}");
    let (waiting, last): (i64, i64) = rt.block_on(async {
        sqlx::query_as("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM search_outbox").fetch_one(&pool).await.unwrap()
    });
    assert_eq!(waiting, 1, "the save is still in the outbox");
    assert!(index_applied(data_dir) < last, "and not in the index on disk");
    drop(portal);
    // Restarted without the switch: caught up before the first answer.
    let portal = start(data_dir, "after-crash.log");
    let after = request(portal.port, "GET", "/tim-kiem?q=chuoisaukhisapdo", &[], "").unwrap();
    assert_eq!(after.status, 200);
    assert_eq!(result_count(&after.body), Some(1), "found after the restart");
    assert!(index_applied(data_dir) >= last);
    rt.block_on(pool.close());
}
