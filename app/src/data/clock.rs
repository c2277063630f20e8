//! The one clock the server reads: the data layer, the feeds and the login sessions all take
//! "now" from here, and SQL gets it as a bound value, never from SQLite's own clock. Tests move
//! it forward to see time-driven behaviour (scheduled articles, session expiry, rate-limit
//! windows, overdue petitions, "this week") happen without editing data or waiting.

use chrono::NaiveDate;
use chrono_tz::Asia::Ho_Chi_Minh;
use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds added to the real time (0 outside tests).
static OFFSET: AtomicI64 = AtomicI64::new(0);

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp() + OFFSET.load(Ordering::Relaxed)
}

/// Today in Asia/Ho_Chi_Minh.
pub fn today() -> NaiveDate {
    chrono::DateTime::from_timestamp(now(), 0).unwrap_or_default().with_timezone(&Ho_Chi_Minh).date_naive()
}

/// Moves the clock `secs` seconds forward (or back, if negative). For tests.
pub fn advance(secs: i64) {
    OFFSET.fetch_add(secs, Ordering::Relaxed);
}

/// Puts the clock back to the real time. For tests.
pub fn reset() {
    OFFSET.store(0, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_when_told() {
        let before = now();
        advance(86_400);
        assert!(now() - before >= 86_400);
        assert!(today() > chrono::Utc::now().with_timezone(&Ho_Chi_Minh).date_naive());
        reset();
        assert!(now() - before < 60);
    }
}
