//! What the record pages show (supervision, petitions, calendars, people, sittings), and
//! their filters as they travel in the URL.

use crate::records::*;
use crate::resolution::AttachedFile;
use serde::{Deserialize, Serialize};

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub total_pages: u32,
}

pub const LIST_PAGE_SIZE: u32 = 20;

/// Reads `?trang=N` (1 when absent).
pub fn page_param(get: &impl Fn(&str) -> Option<String>) -> Result<u32, String> {
    match get("trang").filter(|v| !v.is_empty()) {
        Some(p) => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| "Số trang không hợp lệ.".to_string()),
        None => Ok(1),
    }
}

/// Reads `?tuan=YYYY-MM-DD`, a day of the week to show ("" when absent: this week). A value
/// that is not a calendar date names no page.
pub fn week_param(get: &impl Fn(&str) -> Option<String>) -> Result<String, String> {
    match get("tuan").filter(|v| !v.is_empty()) {
        Some(day) if is_calendar_date(&day) => Ok(day),
        Some(_) => Err("Ngày không hợp lệ.".to_string()),
        None => Ok(String::new()),
    }
}

/// "YYYY-MM-DD" naming a real day (2024-02-29 is one, 2026-02-29 is not). Written out so the
/// browser's bundle needs no date library.
pub fn is_calendar_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Reads `?nam=YYYY` (None when absent).
pub fn year_param(get: &impl Fn(&str) -> Option<String>) -> Result<Option<i32>, String> {
    match get("nam").filter(|v| !v.is_empty()) {
        Some(y) => Ok(Some(
            y.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)).ok_or("Giá trị không hợp lệ cho “nam”.")?,
        )),
        None => Ok(None),
    }
}

/// Reads a parameter that must be one of `choices` (None when absent or empty).
pub fn choice_param(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    choices: &[(&str, &str)],
) -> Result<Option<String>, String> {
    match get(key).filter(|v| !v.is_empty()) {
        Some(v) if choices.iter().any(|(k, _)| *k == v) => Ok(Some(v)),
        Some(_) => Err(format!("Giá trị không hợp lệ cho “{key}”.")),
        None => Ok(None),
    }
}

/// "?a=1&b=2" from the present pairs, values percent-encoded; "" when none.
pub fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::search::encode(v)))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub fn page_value(page: u32) -> Option<String> {
    (page > 1).then(|| page.to_string())
}

// ---- Giám sát ----

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionFilter {
    pub body: Option<String>,
    pub page: u32,
}

impl SupervisionFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        Ok(SupervisionFilter { body: choice_param(&get, "co_quan", SUPERVISION_BODIES)?, page: page_param(&get)? })
    }

    pub fn query(&self, page: u32) -> String {
        query_string(&[("co_quan", self.body.clone()), ("trang", page_value(page))])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionSummary {
    pub slug: String,
    pub body: String,
    pub body_label: String,
    pub topic: String,
    /// "01/03/2024 – 31/05/2024"
    pub period: String,
    pub units: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionDetail {
    pub summary: SupervisionSummary,
    pub findings: Vec<String>,
    pub files: Vec<AttachedFile>,
    pub is_demo: bool,
}

// ---- Kiến nghị cử tri ----

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionFilter {
    pub status: Option<PetitionStatus>,
    pub channel: Option<String>,
    pub locality: Option<String>,
    pub field: Option<String>,
    pub year: Option<i32>,
    /// Only the overdue ones.
    pub overdue: bool,
    pub page: u32,
}

impl PetitionFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let year = year_param(&get)?;
        Ok(PetitionFilter {
            status: choice_param(&get, "trang_thai", PETITION_STATUSES)?.as_deref().and_then(PetitionStatus::parse),
            channel: choice_param(&get, "kenh", CHANNELS)?,
            locality: choice_param(&get, "dia_phuong", LOCALITIES)?,
            field: choice_param(&get, "linh_vuc", FIELDS_OF_LIFE)?,
            year,
            overdue: get("qua_han").is_some_and(|v| v == "1"),
            page: page_param(&get)?,
        })
    }

    pub fn query(&self, page: u32) -> String {
        query_string(&[
            ("trang_thai", self.status.map(|s| s.key().to_string())),
            ("kenh", self.channel.clone()),
            ("dia_phuong", self.locality.clone()),
            ("linh_vuc", self.field.clone()),
            ("nam", self.year.map(|y| y.to_string())),
            ("qua_han", self.overdue.then(|| "1".to_string())),
            ("trang", page_value(page)),
        ])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionSummary {
    pub slug: String,
    pub text: String,
    pub locality: String,
    pub field_label: String,
    pub agency: String,
    pub channel_label: String,
    pub status: PetitionStatus,
    /// dd/mm/yyyy
    pub raised: String,
    /// Not answered within the allowed days.
    pub overdue: bool,
    /// Days since it was raised (while unanswered) or until it was answered.
    pub days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionList {
    pub list: Paged<PetitionSummary>,
    pub years: Vec<i32>,
    /// The allowed days before an answer is overdue.
    pub answer_days: i64,
    pub overdue_total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionDetail {
    pub summary: PetitionSummary,
    pub meeting: String,
    pub answer: Vec<String>,
    pub answered: Option<String>,
    pub answer_agency: Option<String>,
    pub files: Vec<AttachedFile>,
    pub answer_days: i64,
    pub is_demo: bool,
}

/// The overdue rule: an unanswered petition raised more than `answer_days` days ago.
pub fn is_overdue(status: PetitionStatus, days_since_raised: i64, answer_days: i64) -> bool {
    answer_overdue(status.is_open(), days_since_raised, answer_days)
}

/// The one overdue rule of petitions and citizens' questions: still owed an answer more than
/// `answer_days` days after it came in.
pub fn answer_overdue(open: bool, days_since: i64, answer_days: i64) -> bool {
    open && days_since > answer_days
}

// ---- Lịch ----

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventItem {
    pub slug: String,
    /// "08:00 – 11:00"
    pub time: String,
    /// ISO start, for `<time datetime>`.
    pub iso: String,
    /// ISO end, when the entry has one.
    pub end_iso: Option<String>,
    pub place: String,
    pub content: String,
    pub participants: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// "2026-11-30"
    pub date: String,
    /// "Thứ 2, 30/11/2026"
    pub label: String,
    pub is_today: bool,
    pub events: Vec<EventItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarWeek {
    pub calendar: String,
    pub title: String,
    /// Monday of the week, of the previous and of the next week ("YYYY-MM-DD").
    pub monday: String,
    pub previous: String,
    pub next: String,
    pub this_week: bool,
    /// "Tuần từ 23/11/2026 đến 29/11/2026"
    pub range: String,
    pub days: Vec<CalendarDay>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarList {
    pub calendar: String,
    pub title: String,
    /// Upcoming entries from today, grouped by day.
    pub days: Vec<CalendarDay>,
    pub page: u32,
    pub total_pages: u32,
}

/// The calendar's title for a key, if it is one of the four.
pub fn calendar_title(key: &str) -> Option<&'static str> {
    CALENDARS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

// ---- People ----

/// Where a role puts a member in a body's list: leaders, deputies, standing members, others.
pub fn role_rank(role: &str) -> i64 {
    match role {
        "Chủ tịch" | "Trưởng ban" | "Trưởng đoàn" | "Tổ trưởng" => 0,
        r if r.starts_with("Phó") || r == "Tổ phó" => 1,
        "Ủy viên" | "Đại biểu chuyên trách" => 2,
        _ => 3,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub slug: String,
    pub name: String,
    pub role: String,
    pub position: String,
    pub photo_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyDetail {
    pub slug: String,
    pub kind: String,
    pub name: String,
    pub unit: Option<String>,
    pub duties: Vec<String>,
    pub members: Vec<Member>,
    pub page_slug: Option<String>,
    pub is_demo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub slug: String,
    pub name: String,
    pub photo_url: Option<String>,
    pub position: String,
    pub workplace: String,
    pub born: Option<i64>,
    pub bio: Vec<String>,
    /// (body slug, body name, role)
    pub memberships: Vec<(String, String, String)>,
    pub is_demo: bool,
}

// ---- Tài liệu kỳ họp ----

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SittingSummary {
    pub slug: String,
    pub term: String,
    pub number: i64,
    pub title: String,
    /// "10/07/2024 – 12/07/2024"
    pub dates: String,
    pub documents: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SittingDocument {
    pub title: String,
    pub kind: String,
    pub file: AttachedFile,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SittingDetail {
    pub summary: SittingSummary,
    pub documents: Vec<SittingDocument>,
    pub is_demo: bool,
}

#[cfg(test)]
mod tests {

    #[test]
    fn weeks_are_named_by_real_days() {
        for good in ["2026-11-30", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(is_calendar_date(good), "{good}");
        }
        for bad in
            ["2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-4-1", "abc", "", "2026-11-30x", "+026-11-30"]
        {
            assert!(!is_calendar_date(bad), "{bad}");
        }
        let get = |v: &'static str| move |k: &str| (k == "tuan").then(|| v.to_string());
        assert_eq!(week_param(&get("2026-12-31")), Ok("2026-12-31".to_string()));
        assert_eq!(week_param(&get("")), Ok(String::new()));
        assert!(week_param(&get("2026-02-30")).is_err());
    }
    use super::*;

    fn get<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn petition_filters_round_trip_and_refuse_unknown_values() {
        let pairs = [
            ("trang_thai", "cho-tra-loi"),
            ("kenh", "doan-dbqh"),
            ("dia_phuong", "Dầu Tiếng - Bàu Bàng"),
            ("linh_vuc", "dat-dai"),
            ("nam", "2025"),
            ("qua_han", "1"),
            ("trang", "2"),
        ];
        let f = PetitionFilter::from_query(get(&pairs)).expect("valid");
        assert_eq!(f.locality.as_deref(), Some("Dầu Tiếng - Bàu Bàng"));
        assert!(f.overdue);
        let q = f.query(2);
        assert!(q.starts_with("?trang_thai=cho-tra-loi&kenh=doan-dbqh&dia_phuong=D%E1%BA%A7u+Ti%E1%BA%BFng+-+B%C3%A0u+B%C3%A0ng&linh_vuc=dat-dai&nam=2025&qua_han=1&trang=2"), "{q}");
        assert!(PetitionFilter::from_query(get(&[("trang_thai", "xong")])).is_err());
        assert!(PetitionFilter::from_query(get(&[("dia_phuong", "Hà Nội")])).is_err());
        assert_eq!(PetitionFilter::from_query(get(&[])).expect("empty").query(1), "");
        assert!(SupervisionFilter::from_query(get(&[("co_quan", "ban-pc")])).is_ok());
        assert!(SupervisionFilter::from_query(get(&[("co_quan", "ban-x")])).is_err());
    }

    #[test]
    fn overdue_means_unanswered_past_the_allowed_days() {
        assert!(is_overdue(PetitionStatus::Waiting, 61, 60));
        assert!(is_overdue(PetitionStatus::InProgress, 200, 60));
        assert!(!is_overdue(PetitionStatus::Waiting, 60, 60));
        assert!(!is_overdue(PetitionStatus::Answered, 500, 60));
    }
}
