//! The one clock the server reads: the data layer, the feeds and the login sessions all take
//! "now" from here, and SQL gets it as a bound value, never from SQLite's own clock. Tests move
//! it forward to see time-driven behaviour (scheduled articles, session expiry, rate-limit
//! windows, overdue petitions, "this week") happen without editing data or waiting.

use chrono::NaiveDate;
use chrono_tz::Asia::Ho_Chi_Minh;
use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds added to the time (0 outside tests).
static OFFSET: AtomicI64 = AtomicI64::new(0);

/// The instant the clock is held at (tests), or `NOT_FROZEN` for the real time.
static FROZEN: AtomicI64 = AtomicI64::new(NOT_FROZEN);
const NOT_FROZEN: i64 = i64::MIN;

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    let base = match FROZEN.load(Ordering::Relaxed) {
        NOT_FROZEN => chrono::Utc::now().timestamp(),
        at => at,
    };
    base + OFFSET.load(Ordering::Relaxed)
}

/// Today in Asia/Ho_Chi_Minh.
pub fn today() -> NaiveDate {
    chrono::DateTime::from_timestamp(now(), 0).unwrap_or_default().with_timezone(&Ho_Chi_Minh).date_naive()
}

/// Moves the clock `secs` seconds forward (or back, if negative). For tests.
pub fn advance(secs: i64) {
    OFFSET.fetch_add(secs, Ordering::Relaxed);
}

/// Holds the clock at `at` until `reset`, so that no test races midnight (or any other
/// boundary) between two readings. For tests.
pub fn freeze(at: i64) {
    FROZEN.store(at, Ordering::Relaxed);
}

/// Puts the clock back to the real time. For tests.
pub fn reset() {
    OFFSET.store(0, Ordering::Relaxed);
    FROZEN.store(NOT_FROZEN, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_and_holds_when_told() {
        let before = now();
        advance(86_400);
        assert!(now() - before >= 86_400);
        assert!(today() > chrono::Utc::now().with_timezone(&Ho_Chi_Minh).date_naive());
        reset();
        assert!(now() - before < 60);
        // 2026-12-31 23:59:59 in Ho Chi Minh City, held: a day later is 2027.
        freeze(1_798_736_399);
        assert_eq!(today().to_string(), "2026-12-31");
        advance(1);
        assert_eq!(today().to_string(), "2027-01-01");
        assert_eq!(now(), 1_798_736_400);
        reset();
        assert!(now() - before < 60);
    }
}
