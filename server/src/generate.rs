//! Load testing: `server generate --count 100000` fills the database with that many synthetic
//! records (resolutions, petitions, calendar entries, articles, all marked demo), and
//! `server bench` times searches and list pages against whatever is in the database.

use app::council::{PetitionFilter, SupervisionFilter};
use app::records::PetitionStatus;
use app::resolution::Filter;
use app::search::{SearchKind, SearchQuery};
use sqlx::SqlitePool;
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
/// entries, 20 % articles), then rebuilds the search index. Returns a summary.
pub async fn generate(pool: &SqlitePool, count: u64) -> Result<String, Box<dyn std::error::Error>> {
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
    let mut tx = app::data::begin_write(pool).await?;
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
    tx.commit().await?;
    let inserted = started.elapsed();
    let indexed = app::data::search::rebuild(pool).await?;
    // Fresh statistics, so the planner picks the list indexes at this size.
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(format!(
        "Đã tạo {count} bản ghi ({resolutions} nghị quyết, {petitions} kiến nghị, {events} lịch, {articles} bài viết) trong {:.1} s; \
         chỉ mục tìm kiếm có {indexed} mục (dựng lại trong {:.1} s).",
        inserted.as_secs_f64(),
        (started.elapsed() - inserted).as_secs_f64()
    ))
}

/// Runs `f` `runs` times and gives the median and the slowest time.
async fn time<F, Fut, T>(label: &str, runs: usize, mut f: F) -> Result<(Duration, Duration), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::error::ApiError>>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await.map_err(|e| format!("{label}: {e}"))?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

/// Times the searches and lists a visitor uses most; one line each, median and maximum of
/// 20 runs.
pub async fn bench(pool: &SqlitePool) -> Result<String, Box<dyn std::error::Error>> {
    let records: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM resolutions) + (SELECT COUNT(*) FROM petitions) + (SELECT COUNT(*) FROM calendar_events) + (SELECT COUNT(*) FROM articles)",
    )
    .fetch_one(pool)
    .await?;
    let indexed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_index").fetch_one(pool).await?;
    let mut out =
        format!("{records} bản ghi, {indexed} mục trong chỉ mục tìm kiếm (trung vị / chậm nhất của 20 lần):\n");
    let searches: &[(&str, Option<SearchKind>, u32)] = &[
        ("nghi quyet", None, 1),
        ("Dầu Tiếng", None, 1),
        ("giao thong nong thon", None, 1),
        ("12/2022", None, 1),
        ("nq 1234 2010", None, 1),
        ("truong mam non", Some(SearchKind::Resolution), 50),
        ("xyzkhongco", None, 1),
    ];
    for (q, kind, page) in searches {
        let query = SearchQuery { q: q.to_string(), kind: *kind, page: *page };
        let total = app::data::search::search(pool, &query).await?.total;
        let (median, max) = time(q, 20, || app::data::search::search(pool, &query)).await?;
        out.push_str(&format!(
            "  tìm “{q}”{}: {total} kết quả, {:.1} / {:.1} ms\n",
            kind.map(|k| format!(" (loại {}, trang {page})", k.key())).unwrap_or_default(),
            ms(median),
            ms(max)
        ));
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
        let (median, max) = time(label, 20, || app::data::resolutions::list(pool, &f)).await?;
        out.push_str(&format!("  danh sách {label}: {:.1} / {:.1} ms\n", ms(median), ms(max)));
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
        let (median, max) = time(label, 20, || app::data::council::petitions(pool, &f)).await?;
        out.push_str(&format!("  danh sách {label}: {:.1} / {:.1} ms\n", ms(median), ms(max)));
    }
    let (median, max) =
        time("giám sát", 20, || app::data::council::supervisions(pool, &SupervisionFilter { page: 1, body: None }))
            .await?;
    out.push_str(&format!("  danh sách giám sát: {:.1} / {:.1} ms\n", ms(median), ms(max)));
    let (median, max) = time("lịch", 20, || app::data::council::week(pool, "tiep-xuc-cu-tri", None)).await?;
    out.push_str(&format!("  lịch tiếp xúc cử tri, tuần này: {:.1} / {:.1} ms\n", ms(median), ms(max)));
    Ok(out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
