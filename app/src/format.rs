//! Vietnamese formatting of dates and numbers, shared by server rendering and the browser so
//! both produce the same text (a difference would break hydration).
//!
//! Time-zone conversion happens on the server (see `data::time`); what reaches this module is
//! already local time in Asia/Ho_Chi_Minh.

use serde::{Deserialize, Serialize};

/// A moment in local time (Asia/Ho_Chi_Minh), with what the views need to print it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VnDateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// RFC 3339 with the +07:00 offset, for `<time datetime>`.
    pub iso: String,
}

/// "Thứ 2" … "Thứ 7", "Chủ nhật" for 0 = Monday … 6 = Sunday.
pub fn weekday_name(weekday: u8) -> &'static str {
    match weekday {
        0 => "Thứ 2",
        1 => "Thứ 3",
        2 => "Thứ 4",
        3 => "Thứ 5",
        4 => "Thứ 6",
        5 => "Thứ 7",
        _ => "Chủ nhật",
    }
}

/// "20/06/2022"
pub fn date(t: &VnDateTime) -> String {
    format!("{:02}/{:02}/{:04}", t.day, t.month, t.year)
}

/// "Thứ 2, 20/06/2022"
pub fn weekday_date(t: &VnDateTime) -> String {
    format!("{}, {}", weekday_name(t.weekday), date(t))
}

/// "16/05/2025 09:41"
pub fn date_time(t: &VnDateTime) -> String {
    format!("{} {:02}:{:02}", date(t), t.hour, t.minute)
}

/// Thousands separated by dots: 2483445 → "2.483.445".
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, month: u8, day: u8, hour: u8, minute: u8, weekday: u8) -> VnDateTime {
        VnDateTime { year, month, day, hour, minute, weekday, iso: String::new() }
    }

    #[test]
    fn weekday_date_matches_the_seed() {
        assert_eq!(weekday_date(&at(2022, 6, 20, 8, 0, 0)), "Thứ 2, 20/06/2022");
        assert_eq!(weekday_date(&at(2022, 6, 26, 8, 0, 6)), "Chủ nhật, 26/06/2022");
        assert_eq!(weekday_date(&at(2025, 2, 1, 8, 0, 5)), "Thứ 7, 01/02/2025");
    }

    #[test]
    fn date_time_pads_hours_and_minutes() {
        assert_eq!(date_time(&at(2025, 5, 16, 9, 41, 4)), "16/05/2025 09:41");
        assert_eq!(date_time(&at(2025, 2, 17, 14, 3, 0)), "17/02/2025 14:03");
    }

    #[test]
    fn numbers_use_dots_between_thousands() {
        assert_eq!(number(0), "0");
        assert_eq!(number(48), "48");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1.000");
        assert_eq!(number(2483445), "2.483.445");
        assert_eq!(number(12345678901), "12.345.678.901");
    }
}
