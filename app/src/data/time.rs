//! Unix time → local time in Asia/Ho_Chi_Minh, via the IANA database in `chrono-tz`.

use crate::format::VnDateTime;
use chrono::{Datelike, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Asia::Ho_Chi_Minh;

pub fn vn_time(unix: i64) -> VnDateTime {
    let utc = chrono::DateTime::from_timestamp(unix, 0).unwrap_or_default();
    let local = utc.with_timezone(&Ho_Chi_Minh);
    VnDateTime {
        year: local.year(),
        month: local.month() as u8,
        day: local.day() as u8,
        hour: local.hour() as u8,
        minute: local.minute() as u8,
        weekday: local.weekday().num_days_from_monday() as u8,
        iso: local.to_rfc3339(),
    }
}

/// The years a council date may fall in; anything else is a typing slip (or an attack on the
/// date arithmetic) and is refused.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A day "YYYY-MM-DD" within `YEARS`.
pub fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok().filter(|d| YEARS.contains(&d.year()))
}

fn parse_with(text: &str, format: &str) -> Option<i64> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), format).ok().filter(|t| YEARS.contains(&t.year()))?;
    Ho_Chi_Minh.from_local_datetime(&naive).single().map(|t| t.timestamp())
}

/// Parses "YYYY-MM-DD HH:MM:SS" as local time in Asia/Ho_Chi_Minh.
pub fn parse_local(text: &str) -> Option<i64> {
    parse_with(text, "%Y-%m-%d %H:%M:%S")
}

/// Parses what `<input type="datetime-local">` sends ("2022-06-20T08:00"), local time.
pub fn parse_input(text: &str) -> Option<i64> {
    parse_with(text, "%Y-%m-%dT%H:%M")
}

/// The reverse of `parse_input`: "2022-06-20T08:00" for a Unix time.
pub fn local_input(unix: i64) -> String {
    let t = vn_time(unix);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{date_time, weekday_date};

    #[test]
    fn local_time_is_utc_plus_seven() {
        let ts = parse_local("2022-06-20 08:00:00").expect("valid");
        assert_eq!(ts, 1_655_686_800);
        let t = vn_time(ts);
        assert_eq!(weekday_date(&t), "Thứ 2, 20/06/2022");
        assert_eq!(t.iso, "2022-06-20T08:00:00+07:00");
    }

    #[test]
    fn late_evening_utc_is_next_day_in_vietnam() {
        // 2025-05-15 20:30 UTC is 2025-05-16 03:30 in Hồ Chí Minh City.
        let t = vn_time(1_747_341_000);
        assert_eq!(date_time(&t), "16/05/2025 03:30");
        assert_eq!(weekday_date(&t), "Thứ 6, 16/05/2025");
    }

    #[test]
    fn datetime_inputs_round_trip() {
        let ts = parse_input("2022-06-20T08:00").expect("valid");
        assert_eq!(ts, 1_655_686_800);
        assert_eq!(local_input(ts), "2022-06-20T08:00");
    }

    #[test]
    fn rejects_malformed_local_times() {
        assert!(parse_local("20/06/2022").is_none());
        assert!(parse_local("2022-13-01 00:00:00").is_none());
    }
}
