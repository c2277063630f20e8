//! Load testing: `server generate --count 100000` fills the database with that many synthetic
//! records (resolutions, petitions, calendar entries, articles, all marked demo), and
//! `server bench` times searches, suggestions, the search page over HTTP and list pages
//! against whatever is in the database.

use app::council::{PetitionFilter, SupervisionFilter};
use app::data::search::SearchIndex;
use app::records::PetitionStatus;
use app::resolution::Filter;
use app::search::{SearchKind, SearchQuery, SearchSort};
use sqlx::SqlitePool;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run makes the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const ACTIONS: &[&str] = &[
    "Quy định mức hỗ trợ",
    "Phê duyệt chủ trương đầu tư",
    "Điều chỉnh kế hoạch",
    "Ban hành chính sách",
    "Sửa đổi, bổ sung quy định",
    "Thông qua đề án",
];
const TOPICS: &[&str] = &[
    "nâng cấp đường giao thông nông thôn",
    "xây dựng trường mầm non",
    "hỗ trợ học phí cho học sinh",
    "phát triển chợ truyền thống",
    "bảo vệ môi trường khu công nghiệp",
    "chỉnh trang đô thị",
    "chăm sóc sức khỏe người cao tuổi",
    "thu gom, xử lý rác thải sinh hoạt",
    "cấp nước sạch nông thôn",
    "giải phóng mặt bằng dự án",
];
const PLACES: &[&str] = &[
    "thành phố Thủ Dầu Một",
    "thành phố Dĩ An",
    "thành phố Thuận An",
    "thị xã Bến Cát",
    "thành phố Tân Uyên",
    "huyện Dầu Tiếng",
    "huyện Bàu Bàng",
    "huyện Phú Giáo",
    "huyện Bắc Tân Uyên",
];
const LOCALITIES: &[&str] =
    &["Thủ Dầu Một", "Dĩ An", "Thuận An", "Bến Cát", "Tân Uyên", "Dầu Tiếng - Bàu Bàng", "Phú Giáo - Bắc Tân Uyên"];
const FIELDS: &[&str] =
    &["dat-dai", "giao-thong", "giao-duc", "y-te", "moi-truong", "an-sinh", "kinh-te", "hanh-chinh"];
const VALIDITIES: &[&str] = &["con-hieu-luc", "het-hieu-luc-mot-phan", "het-hieu-luc"];
const CALENDARS: &[&str] = &["hdnd", "doan-dbqh", "tiep-cong-dan", "tiep-xuc-cu-tri"];

/// Inserts `count` synthetic records (40 % resolutions, 30 % petitions, 10 % calendar
/// entries, 20 % articles), then rebuilds the search index (with a progress bar). Returns a
/// summary.
pub async fn generate(
    pool: &SqlitePool,
    index: &SearchIndex,
    count: u64,
) -> Result<String, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = app::data::now();
    let (resolutions, petitions, events) = (count * 4 / 10, count * 3 / 10, count / 10);
    let articles = count - resolutions - petitions - events;
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM resolutions").fetch_one(pool).await?;
    let categories: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories").fetch_all(pool).await?;
    if categories.is_empty() {
        return Err("Chưa có chuyên mục nào để thêm bài viết (hãy chạy với DEMO_CONTENT=1).".into());
    }
    let mut tx = app::data::write(pool).await?;
    for i in 0..resolutions {
        let n = first as u64 + i;
        let (seq, year) = (1000 + n / 26, 2000 + (n % 26) as i64);
        let number = format!("{seq}/{year}/NQ-HĐND");
        let text = format!("{} {} trên địa bàn {}", rng.pick(ACTIONS), rng.pick(TOPICS), rng.pick(PLACES));
        let level = ["tinh", "huyen", "xa"][(rng.next() % 3) as usize];
        let term = if year >= 2021 {
            "X"
        } else if year >= 2016 {
            "IX"
        } else {
            "VIII"
        };
        sqlx::query(
            "INSERT INTO resolutions (slug, number, seq, year, doc_type, issuer, level, term, sitting, signer, signed_on, effective_on, \
             validity, abstract, is_demo, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'Nguyễn Văn Mẫu', ?10, ?10, ?11, ?12, 1, ?13, ?13)",
        )
        .bind(app::slug::slugify(&number))
        .bind(&number)
        .bind(seq as i64)
        .bind(year)
        .bind(if rng.next().is_multiple_of(2) { "qppl" } else { "ca-biet" })
        .bind(format!("HĐND {}", rng.pick(PLACES)))
        .bind(level)
        .bind(term)
        .bind((rng.next() % 20 + 1) as i64)
        .bind(format!("{year}-{:02}-{:02}", rng.next() % 12 + 1, rng.next() % 28 + 1))
        .bind(rng.pick(VALIDITIES))
        .bind(&text)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM petitions").fetch_one(&mut *tx).await?;
    for i in 0..petitions {
        let status = PetitionStatus::ALL[(rng.next() % 3) as usize];
        let days = (rng.next() % 3000) as i64;
        let raised = chrono::Utc::now().date_naive() - chrono::Duration::days(days);
        let answered =
            (status == PetitionStatus::Answered).then(|| raised + chrono::Duration::days((rng.next() % 90) as i64));
        sqlx::query(
            "INSERT INTO petitions (slug, text, meeting, locality, raised_on, field, agency, channel, status, answer, answered_on, \
             answer_agency, is_demo, created_at, updated_at) VALUES (?1, ?2, 'Tiếp xúc cử tri (dữ liệu sinh tự động)', ?3, ?4, ?5, \
             'UBND tỉnh', ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11)",
        )
        .bind(format!("kn-{}", first + i as i64))
        .bind(format!("Cử tri {} đề nghị sớm {} trên địa bàn.", rng.pick(PLACES), rng.pick(TOPICS)))
        .bind(rng.pick(LOCALITIES))
        .bind(raised.to_string())
        .bind(rng.pick(FIELDS))
        .bind(if rng.next().is_multiple_of(3) { "doan-dbqh" } else { "hdnd" })
        .bind(status.key())
        .bind(answered.map(|_| format!("UBND tỉnh đã chỉ đạo {} trong năm tới.", rng.pick(TOPICS))))
        .bind(answered.map(|d| d.to_string()))
        .bind(answered.map(|_| "UBND tỉnh"))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let first: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM calendar_events").fetch_one(&mut *tx).await?;
    for i in 0..events {
        let starts = now - 3 * 365 * 86_400 + (rng.next() % (6 * 365 * 86_400)) as i64;
        sqlx::query(
            "INSERT INTO calendar_events (slug, calendar, starts_at, ends_at, place, content, participants, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', 1, ?7, ?7)",
        )
        .bind(format!("su-kien-{}", first + i as i64))
        .bind(rng.pick(CALENDARS))
        .bind(starts)
        .bind(starts + 3 * 3600)
        .bind(format!("Hội trường UBND {}", rng.pick(PLACES)))
        .bind(format!("Làm việc về {}", rng.pick(TOPICS)))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetch_one(&mut *tx).await?;
    for i in 0..articles {
        let category = categories[(rng.next() % categories.len() as u64) as usize];
        let title = format!(
            "{} về {} tại {}",
            rng.pick(&["Hội nghị", "Giám sát", "Khảo sát", "Tọa đàm"]),
            rng.pick(TOPICS),
            rng.pick(PLACES)
        );
        sqlx::query(
            "INSERT INTO articles (category_id, slug, title, lead, body_html, published_at, status, is_demo, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'published', 1, ?7, ?7)",
        )
        .bind(category)
        .bind(format!("bai-sinh-tu-dong-{}", first + i as i64))
        .bind(&title)
        .bind(format!("Nội dung minh họa sinh tự động: {title}."))
        .bind(format!("<p>Đoàn công tác đã làm việc về {} với {}.</p>", rng.pick(TOPICS), rng.pick(PLACES)))
        .bind(now - (rng.next() % (10 * 365 * 86_400)) as i64)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    // Inserted without `sync`: should the rebuild below not finish, the index is rebuilt at
    // the next start.
    app::data::search::request_rebuild(&mut tx).await?;
    tx.commit().await?;
    let inserted = started.elapsed();
    let indexed = index.rebuild(&crate::indexer::progress_bar()).await?;
    // Fresh statistics, so the planner picks the list indexes at this size.
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(format!(
        "Đã tạo {count} bản ghi ({resolutions} nghị quyết, {petitions} kiến nghị, {events} lịch, {articles} bài viết) trong {:.1} s; \
         chỉ mục tìm kiếm có {indexed} mục (dựng lại trong {:.1} s).",
        inserted.as_secs_f64(),
        (started.elapsed() - inserted).as_secs_f64()
    ))
}

/// Timings: median, 95th percentile and slowest.
struct Times {
    median: Duration,
    p95: Duration,
    max: Duration,
}

impl std::fmt::Display for Times {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} / {:.1} / {:.1} ms", ms(self.median), ms(self.p95), ms(self.max))
    }
}

const RUNS: usize = 50;

fn times(mut samples: Vec<Duration>) -> Times {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    Times { median: at(0.5), p95: at(0.95), max: at(1.0) }
}

/// Runs `f` `RUNS` times.
async fn time<F, Fut, T>(label: &str, mut f: F) -> Result<Times, String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::error::ApiError>>,
{
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        f().await.map_err(|e| format!("{label}: {e}"))?;
        samples.push(t.elapsed());
    }
    Ok(times(samples))
}

/// The searches a visitor makes most (the same since the first benchmark).
const SEARCHES: &[(&str, Option<SearchKind>, u32)] = &[
    ("nghi quyet", None, 1),
    ("Dầu Tiếng", None, 1),
    ("giao thong nong thon", None, 1),
    ("12/2022", None, 1),
    ("nq 1234 2010", None, 1),
    ("truong mam non", Some(SearchKind::Resolution), 50),
    ("xyzkhongco", None, 1),
];

/// What a visitor types into the box, letter by letter.
const TYPED: &[&str] = &["ng", "nghi quy", "giao thong n", "dau tie", "hoi nghi ve", "truong mam"];

fn disk_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Times the searches, suggestions, the search page over HTTP and the lists a visitor uses
/// most; each row is median / 95th percentile / slowest of `RUNS` runs.
pub async fn bench(
    pool: &SqlitePool,
    index: &SearchIndex,
    data_dir: &Path,
) -> Result<String, Box<dyn std::error::Error>> {
    let records: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM resolutions) + (SELECT COUNT(*) FROM petitions) + (SELECT COUNT(*) FROM calendar_events) + (SELECT COUNT(*) FROM articles)",
    )
    .fetch_one(pool)
    .await?;
    let mut out = format!(
        "{records} bản ghi; chỉ mục tìm kiếm: {} mục, {:.1} MB trên đĩa (trung vị / p95 / chậm nhất của {RUNS} lần):\n",
        index.entries(),
        disk_bytes(&crate::indexer::dir(data_dir)) as f64 / 1e6
    );
    for (q, kind, page) in SEARCHES {
        let query = SearchQuery { q: q.to_string(), kind: *kind, page: *page, ..Default::default() };
        let total = app::data::search::search(index, &query).await?.total;
        let t = time(q, || app::data::search::search(index, &query)).await?;
        out.push_str(&format!(
            "  tìm “{q}”{}: {total} kết quả, {t}\n",
            kind.map(|k| format!(" (loại {}, trang {page})", k.key())).unwrap_or_default(),
        ));
    }
    let newest =
        SearchQuery { sort: SearchSort::Newest, from: Some("2015-01-01".into()), ..SearchQuery::text("nghi quyet") };
    let t = time("mới nhất", || app::data::search::search(index, &newest)).await?;
    out.push_str(&format!("  tìm “nghi quyet”, mới nhất, từ 01/01/2015: {t}\n"));
    for q in TYPED {
        let n = app::data::search::suggest(index, q).await?.len();
        let t = time(q, || app::data::search::suggest(index, q)).await?;
        out.push_str(&format!("  gợi ý “{q}”: {n} gợi ý, {t}\n"));
    }
    out.push_str(&searchable_after_save(pool, index).await?);
    match leptos::config::get_configuration(None) {
        Ok(conf) => out.push_str(&pages_over_http(pool, conf.leptos_options, data_dir).await?),
        Err(e) => out.push_str(&format!("  (không đo trang qua HTTP: {e})\n")),
    }
    let lists: Vec<(&str, Filter)> = vec![
        ("nghị quyết, trang 1", Filter { page: 1, ..Default::default() }),
        (
            "nghị quyết khóa IX, còn hiệu lực, trang 3",
            Filter {
                term: Some("IX".into()),
                validity: Some(app::resolution::Validity::InForce),
                page: 3,
                ..Default::default()
            },
        ),
        ("nghị quyết, trang 1000", Filter { page: 1000, ..Default::default() }),
    ];
    for (label, f) in lists {
        let t = time(label, || app::data::resolutions::list(pool, &f)).await?;
        out.push_str(&format!("  danh sách {label}: {t}\n"));
    }
    let petitions = [
        ("kiến nghị, trang 1", PetitionFilter { page: 1, ..Default::default() }),
        (
            "kiến nghị quá hạn ở Dầu Tiếng - Bàu Bàng",
            PetitionFilter {
                overdue: true,
                locality: Some("Dầu Tiếng - Bàu Bàng".into()),
                page: 1,
                ..Default::default()
            },
        ),
    ];
    for (label, f) in petitions {
        let t = time(label, || app::data::council::petitions(pool, &f)).await?;
        out.push_str(&format!("  danh sách {label}: {t}\n"));
    }
    let t =
        time("giám sát", || app::data::council::supervisions(pool, &SupervisionFilter { page: 1, body: None })).await?;
    out.push_str(&format!("  danh sách giám sát: {t}\n"));
    let t = time("lịch", || app::data::council::week(pool, "tiep-xuc-cu-tri", None)).await?;
    out.push_str(&format!("  lịch tiếp xúc cử tri, tuần này: {t}\n"));
    out.push_str(&format!("  bộ nhớ (RSS) của tiến trình đo: {:.0} MB\n", rss_mb()));
    Ok(out)
}

/// Saves resolution `id` with its abstract set to the SQL expression `abstract_sql` (`?1` is
/// `word`), with its outbox row, as an editor's save does.
async fn save_abstract(
    pool: &SqlitePool,
    id: i64,
    abstract_sql: &str,
    word: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut tx = app::data::write(pool).await?;
    sqlx::query(&format!("UPDATE resolutions SET abstract = {abstract_sql} WHERE id = ?2"))
        .bind(word)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    app::data::search::sync(&mut tx, SearchKind::Resolution, id).await?;
    tx.commit().await?;
    Ok(())
}

/// The time from a save's commit to the first search that finds it: a resolution's abstract
/// gets a new word (and then loses it again).
async fn searchable_after_save(pool: &SqlitePool, index: &SearchIndex) -> Result<String, Box<dyn std::error::Error>> {
    let Some(id): Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM resolutions WHERE deleted_at IS NULL").fetch_one(pool).await?
    else {
        return Ok(String::new());
    };
    let mut samples = Vec::new();
    for round in 0..10 {
        let word = format!("dodoluu{round}");
        save_abstract(pool, id, "abstract || ' ' || ?1", &word).await?;
        let saved = Instant::now();
        let found = app::data::search::search(index, &SearchQuery::text(&word)).await?.total;
        samples.push(saved.elapsed());
        if found != 1 {
            return Err(format!("“{word}” not found right after its save").into());
        }
        save_abstract(pool, id, "substr(abstract, 1, length(abstract) - length(?1) - 1)", &word).await?;
    }
    Ok(format!("  từ lúc lưu đến lúc tìm thấy (10 lần lưu): {}\n", times(samples)))
}

/// One GET over a fresh connection; the status code.
async fn get(addr: std::net::SocketAddr, path: &str) -> Result<u16, std::io::Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let status = answer.get(9..12).and_then(|s| std::str::from_utf8(s).ok()).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok(status)
}

/// The whole search page, served by the portal's own stack on a local port: every request a
/// different address, so none is answered from the page cache.
async fn pages_over_http(
    pool: &SqlitePool,
    options: leptos::config::LeptosOptions,
    data_dir: &Path,
) -> Result<String, Box<dyn std::error::Error>> {
    let app = crate::http::router(pool.clone(), options, data_dir, crate::site::Site::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server =
        tokio::spawn(crate::serve::serve(listener, app, crate::serve::HEADER_READ_TIMEOUT, std::future::pending()));
    let mut out = String::new();
    for (n, (q, kind, page)) in SEARCHES.iter().enumerate() {
        let query = SearchQuery { q: q.to_string(), kind: *kind, page: *page, ..Default::default() };
        let mut samples = Vec::with_capacity(RUNS);
        for run in 0..RUNS {
            let path = format!("{}&lan={n}-{run}", query.href(*kind, *page));
            let t = Instant::now();
            let status = get(addr, &path).await?;
            samples.push(t.elapsed());
            if status != 200 {
                server.abort();
                return Err(format!("GET {path}: {status}").into());
            }
        }
        out.push_str(&format!("  trang /tim-kiem “{q}” qua HTTP (không qua bộ đệm trang): {}\n", times(samples)));
    }
    server.abort();
    Ok(out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
