//! Visitor statistics, counted in memory and written to SQLite every few seconds.
//!
//! A page counts through a small request it makes itself (the browser's beacon, or an image in
//! `<noscript>`), never through the page's own request: pages come from caches (ours, a proxy's,
//! a CDN's) and would otherwise stop counting. A visitor is a random id in a cookie that only
//! those requests carry; a visit is a visitor not seen for 30 minutes; "đang online" is the
//! number of visitors seen in the last 5 minutes. Article views are counted the same way.
//!
//! Nothing here writes per request: counts gather in memory and [`Visits::flush`] adds them to
//! the database (the server calls it every [`FLUSH_EVERY_SECS`] and at shutdown), so a crash
//! loses at most those seconds. Crawlers are not counted, and one address can start at most
//! [`MAX_VISITS_PER_ADDRESS_PER_HOUR`] visits an hour (by default; the server's configuration
//! may say otherwise). Memory is bounded: past
//! [`MAX_TRACKED`] visitors, addresses or articles, new ones are counted but not remembered.

use crate::error::ApiError;
use crate::model::VisitStats;
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::Mutex;

pub const VISIT_GAP_SECS: i64 = 30 * 60;
pub const ONLINE_WINDOW_SECS: i64 = 5 * 60;
pub const FLUSH_EVERY_SECS: u64 = 5;
/// Many phones share one address on a mobile network (carrier NAT), so the bound is generous
/// for a real shared address and still stops one script from adding more than 2.400 a day.
pub const MAX_VISITS_PER_ADDRESS_PER_HOUR: u32 = 100;
/// Visitors, addresses and articles remembered at once (each a few dozen bytes).
pub const MAX_TRACKED: usize = 100_000;
const HOUR_SECS: i64 = 60 * 60;
/// "Đang online" is recounted at most this often (it walks the visitors seen).
const ONLINE_RECOUNT_SECS: i64 = 1;

/// The cookie that carries the visitor's id, sent only with the counting requests.
pub const COOKIE: &str = "hdnd_khach";
/// Where the counting requests live: the cookie's path.
pub const COUNTING_PATH: &str = "/thong-ke";

/// What one counting request says about itself.
#[derive(Clone, Debug, Default)]
pub struct Hit<'a> {
    /// The `Cookie` header.
    pub cookies: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub address: &'a str,
    /// The page being read (its path).
    pub page: &'a str,
}

/// What is answered: the numbers, and the id to set in the cookie if the visitor had none.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub stats: VisitStats,
    pub new_id: Option<String>,
}

struct State {
    /// Visits one address may start in an hour.
    per_address: u32,
    /// Visitor id → last seen.
    seen: HashMap<u128, i64>,
    /// Address → (start of its hour, visits started in it).
    starts: HashMap<String, (i64, u32)>,
    /// Visits and views counted since the last flush.
    pending_visits: u64,
    pending_views: HashMap<String, u64>,
    /// Visits counted since the server started (flushed or not).
    counted: u64,
    online: (i64, u64),
}

impl State {
    fn new(per_address: u32) -> State {
        State {
            per_address,
            seen: HashMap::new(),
            starts: HashMap::new(),
            pending_visits: 0,
            pending_views: HashMap::new(),
            counted: 0,
            online: (0, 0),
        }
    }
}

pub struct Visits {
    state: Mutex<State>,
    stored: tokio::sync::OnceCell<u64>,
}

impl Default for Visits {
    fn default() -> Self {
        Visits::new(MAX_VISITS_PER_ADDRESS_PER_HOUR)
    }
}

impl Visits {
    /// A counter that lets one address start `per_address` visits an hour.
    pub fn new(per_address: u32) -> Visits {
        Visits { state: Mutex::new(State::new(per_address)), stored: tokio::sync::OnceCell::new() }
    }

    /// Counts a hit at `now` and answers the numbers (with the article's views if `page` is one).
    pub async fn count(&self, pool: &SqlitePool, hit: &Hit<'_>, now: i64) -> Result<Counted, ApiError> {
        // The stored total is read once, before anything is counted: a flush can then never
        // be counted twice (in the stored total and in `counted`).
        let stored = self.stored_total(pool).await?;
        let known = visitor_id(hit.cookies);
        let id = known.unwrap_or_else(new_id);
        let article = article_slug(hit.page);
        let counts = !is_crawler(hit.user_agent);
        let (counted, online, pending_views) = {
            let mut s = self.lock();
            if counts {
                s.see(id, hit.address, article, now);
            }
            let online = s.online(now);
            (s.counted, online, article.and_then(|a| s.pending_views.get(a).copied()).unwrap_or(0))
        };
        let views = match article {
            Some(slug) => stored_views(pool, slug, now).await?.map(|v| v + pending_views),
            None => None,
        };
        Ok(Counted {
            stats: VisitStats { total: stored + counted, online, views },
            new_id: known.is_none().then(|| format!("{id:032x}")),
        })
    }

    /// Adds what was counted since the last flush to the database. On failure the counts stay
    /// in memory for the next flush.
    pub async fn flush(&self, pool: &SqlitePool, now: i64) -> Result<(), ApiError> {
        let (visits, views) = {
            let mut s = self.lock();
            s.forget(now);
            (std::mem::take(&mut s.pending_visits), std::mem::take(&mut s.pending_views))
        };
        if visits == 0 && views.is_empty() {
            return Ok(());
        }
        let written = write_counts(pool, visits, &views).await;
        if written.is_err() {
            let mut s = self.lock();
            s.pending_visits += visits;
            for (slug, n) in views {
                *s.pending_views.entry(slug).or_default() += n;
            }
        }
        written
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is plain counters: one left half-updated by a panic is still usable.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn stored_total(&self, pool: &SqlitePool) -> Result<u64, ApiError> {
        let total = self
            .stored
            .get_or_try_init(|| async {
                let v: Option<i64> =
                    sqlx::query_scalar("SELECT value FROM counters WHERE name = 'visits'").fetch_optional(pool).await?;
                Ok::<u64, sqlx::Error>(v.unwrap_or(0).max(0) as u64)
            })
            .await?;
        Ok(*total)
    }
}

impl State {
    fn see(&mut self, id: u128, address: &str, article: Option<&str>, now: i64) {
        let returning = self.seen.get(&id).is_some_and(|&last| now - last < VISIT_GAP_SECS);
        if !returning && self.may_start_visit(address, now) {
            self.counted += 1;
            self.pending_visits += 1;
        }
        if self.seen.len() < MAX_TRACKED || self.seen.contains_key(&id) {
            let last = self.seen.entry(id).or_insert(now);
            *last = (*last).max(now);
        }
        if let Some(slug) = article {
            if self.pending_views.len() < MAX_TRACKED || self.pending_views.contains_key(slug) {
                *self.pending_views.entry(slug.to_string()).or_default() += 1;
            }
        }
    }

    fn may_start_visit(&mut self, address: &str, now: i64) -> bool {
        if let Some((start, n)) = self.starts.get_mut(address) {
            if now - *start >= HOUR_SECS {
                *start = now;
                *n = 0;
            }
            *n += 1;
            return *n <= self.per_address;
        }
        if self.starts.len() < MAX_TRACKED {
            self.starts.insert(address.to_string(), (now, 1));
        }
        true
    }

    fn online(&mut self, now: i64) -> u64 {
        let (at, n) = self.online;
        if now - at < ONLINE_RECOUNT_SECS && at <= now {
            return n;
        }
        let n = self.seen.values().filter(|&&last| now - last < ONLINE_WINDOW_SECS).count() as u64;
        self.online = (now, n);
        n
    }

    /// Drops visitors and addresses whose windows have passed.
    fn forget(&mut self, now: i64) {
        self.seen.retain(|_, last| now - *last < VISIT_GAP_SECS);
        self.starts.retain(|_, (start, _)| now - *start < HOUR_SECS);
    }
}

async fn write_counts(pool: &SqlitePool, visits: u64, views: &HashMap<String, u64>) -> Result<(), ApiError> {
    let mut tx = super::write_unseen(pool).await?;
    if visits > 0 {
        sqlx::query(
            "INSERT INTO counters (name, value) VALUES ('visits', ?1) \
             ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
        )
        .bind(visits as i64)
        .execute(&mut *tx)
        .await?;
    }
    for (slug, n) in views {
        sqlx::query("UPDATE articles SET view_count = view_count + ?1 WHERE slug = ?2")
            .bind(*n as i64)
            .bind(slug)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The stored view count of a public article.
async fn stored_views(pool: &SqlitePool, slug: &str, now: i64) -> Result<Option<u64>, ApiError> {
    let views: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT a.view_count FROM articles a WHERE a.slug = ?1 AND {}",
        super::content::public(2)
    ))
    .bind(slug)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(views.map(|v| v.max(0) as u64))
}

fn new_id() -> u128 {
    uuid::Uuid::new_v4().as_u128()
}

/// The visitor id from the request's cookies, if it is one we could have issued.
pub fn visitor_id(cookies: Option<&str>) -> Option<u128> {
    cookies?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .and_then(|v| u128::from_str_radix(v, 16).ok())
}

/// The `Set-Cookie` value that gives a new visitor `id`, for a year, on the counting requests only.
pub fn cookie(id: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={id}; Path={COUNTING_PATH}; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}")
}

/// The article a page shows, if it is one.
pub fn article_slug(page: &str) -> Option<&str> {
    let slug = page.split(['?', '#']).next()?.strip_prefix("/bai-viet/")?;
    (!slug.is_empty() && slug.len() <= 200 && !slug.contains('/')).then_some(slug)
}

/// Well-known crawlers, link previewers and scripts (their user agents say so).
pub fn is_crawler(user_agent: Option<&str>) -> bool {
    const MARKS: [&str; 13] = [
        "bot",
        "crawl",
        "spider",
        "slurp",
        "facebookexternalhit",
        "mediapartners",
        "lighthouse",
        "pagespeed",
        "preview",
        "curl/",
        "wget/",
        "python-",
        "go-http-client",
    ];
    let Some(ua) = user_agent.map(str::to_ascii_lowercase).filter(|ua| !ua.trim().is_empty()) else {
        return true;
    };
    MARKS.iter().any(|m| ua.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_700_000_000;

    #[test]
    fn a_visit_is_a_visitor_away_for_thirty_minutes() {
        let mut s = State::new(MAX_VISITS_PER_ADDRESS_PER_HOUR);
        s.see(1, "10.0.0.1", None, T0);
        s.see(1, "10.0.0.1", None, T0 + 60);
        s.see(2, "10.0.0.2", None, T0 + 120);
        assert_eq!(s.counted, 2, "a visitor returning within minutes is the same visit");
        assert_eq!(s.online(T0 + 120), 2);
        s.see(2, "10.0.0.2", None, T0 + 600);
        assert_eq!(s.online(T0 + 600), 1, "only the visitor seen in the last five minutes is online");
        s.see(1, "10.0.0.1", None, T0 + 60 + VISIT_GAP_SECS);
        assert_eq!(s.counted, 3, "back after half an hour is a new visit");
    }

    #[test]
    fn one_address_starts_a_bounded_number_of_visits_an_hour() {
        let mut s = State::new(MAX_VISITS_PER_ADDRESS_PER_HOUR);
        for id in 0..1_000u128 {
            s.see(id, "10.0.0.9", None, T0);
        }
        assert_eq!(s.counted, u64::from(MAX_VISITS_PER_ADDRESS_PER_HOUR));
        s.see(5_000, "10.0.0.9", None, T0 + HOUR_SECS);
        assert_eq!(s.counted, u64::from(MAX_VISITS_PER_ADDRESS_PER_HOUR) + 1, "the next hour counts again");
        s.see(6_000, "10.0.0.10", None, T0);
        assert_eq!(s.counted, u64::from(MAX_VISITS_PER_ADDRESS_PER_HOUR) + 2, "other addresses are not held back");
    }

    #[test]
    fn memory_stays_bounded_and_windows_are_forgotten() {
        let mut s = State::new(MAX_VISITS_PER_ADDRESS_PER_HOUR);
        for id in 0..(MAX_TRACKED as u128 + 10) {
            s.see(id, &format!("a{}", id % 1000), None, T0);
        }
        assert_eq!(s.seen.len(), MAX_TRACKED);
        s.forget(T0 + HOUR_SECS);
        assert!(s.seen.is_empty() && s.starts.is_empty());
    }

    #[test]
    fn views_are_counted_per_article() {
        let mut s = State::new(MAX_VISITS_PER_ADDRESS_PER_HOUR);
        s.see(1, "a", Some("de-an"), T0);
        s.see(1, "a", Some("de-an"), T0 + 1);
        assert_eq!(s.pending_views.get("de-an"), Some(&2));
        assert_eq!(article_slug("/bai-viet/de-an?x=1"), Some("de-an"));
        assert_eq!(article_slug("/chuyen-muc/tin"), None);
        assert_eq!(article_slug("/bai-viet/"), None);
    }

    #[test]
    fn reads_only_well_formed_ids() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(visitor_id(Some(&format!("a=1; {COOKIE}={id}"))), Some(0x0123456789abcdef0123456789abcdef));
        assert_eq!(visitor_id(Some(&format!("{COOKIE}=../../etc"))), None);
        assert_eq!(visitor_id(None), None);
        assert!(cookie(id, true).contains("Path=/thong-ke;") && cookie(id, true).ends_with("; Secure"));
    }

    #[test]
    fn crawlers_and_scripts_do_not_count() {
        assert!(is_crawler(Some("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")));
        assert!(is_crawler(Some("facebookexternalhit/1.1")));
        assert!(is_crawler(Some("curl/8.5.0")));
        assert!(is_crawler(None));
        assert!(!is_crawler(Some(
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
        )));
    }
}
