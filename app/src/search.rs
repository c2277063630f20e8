//! The one search: what can be searched, the query as it travels in the URL, and results.

use serde::{Deserialize, Serialize};

/// What a result is; also the search page's type filter (`?loai=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchKind {
    Article,
    Page,
    Resolution,
    Petition,
    Supervision,
    Event,
    Person,
    Body,
    Sitting,
    Question,
}

impl SearchKind {
    pub const ALL: [SearchKind; 10] = [
        SearchKind::Article,
        SearchKind::Page,
        SearchKind::Resolution,
        SearchKind::Petition,
        SearchKind::Supervision,
        SearchKind::Event,
        SearchKind::Person,
        SearchKind::Body,
        SearchKind::Sitting,
        SearchKind::Question,
    ];

    /// As stored in the index and written in the URL.
    pub fn key(self) -> &'static str {
        match self {
            SearchKind::Article => "bai-viet",
            SearchKind::Page => "trang",
            SearchKind::Resolution => "nghi-quyet",
            SearchKind::Petition => "kien-nghi",
            SearchKind::Supervision => "giam-sat",
            SearchKind::Event => "lich",
            SearchKind::Person => "dai-bieu",
            SearchKind::Body => "co-quan",
            SearchKind::Sitting => "ky-hop",
            SearchKind::Question => "hoi-dap",
        }
    }

    pub fn parse(key: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            SearchKind::Article => "Tin bài",
            SearchKind::Page => "Trang giới thiệu",
            SearchKind::Resolution => "Nghị quyết",
            SearchKind::Petition => "Kiến nghị cử tri",
            SearchKind::Supervision => "Giám sát",
            SearchKind::Event => "Lịch",
            SearchKind::Person => "Đại biểu",
            SearchKind::Body => "Cơ quan",
            SearchKind::Sitting => "Tài liệu kỳ họp",
            SearchKind::Question => "Hỏi đáp",
        }
    }

    /// The kind whose code this is.
    pub fn from_code(code: i64) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The code in an index entry's key (`id * 16 + code`).
    pub fn code(self) -> i64 {
        match self {
            SearchKind::Article => 1,
            SearchKind::Page => 2,
            SearchKind::Resolution => 3,
            SearchKind::Petition => 4,
            SearchKind::Supervision => 5,
            SearchKind::Event => 6,
            SearchKind::Person => 7,
            SearchKind::Body => 8,
            SearchKind::Sitting => 9,
            SearchKind::Question => 10,
        }
    }
}

/// A piece of a title or snippet; `hit` pieces matched the query and are highlighted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// The order of results (`?sap-xep=`): by relevance (the default) or newest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchSort {
    #[default]
    Relevance,
    Newest,
}

impl SearchSort {
    pub const ALL: [SearchSort; 2] = [SearchSort::Relevance, SearchSort::Newest];

    /// As written in the URL; the default has none.
    pub fn key(self) -> &'static str {
        match self {
            SearchSort::Relevance => "lien-quan",
            SearchSort::Newest => "moi-nhat",
        }
    }

    pub fn parse(key: &str) -> Option<SearchSort> {
        SearchSort::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            SearchSort::Relevance => "Phù hợp nhất",
            SearchSort::Newest => "Mới nhất",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub kind: Option<SearchKind>,
    pub page: u32,
    pub sort: SearchSort,
    /// Only results dated on or after this day ("YYYY-MM-DD", `?tu=`).
    pub from: Option<String>,
    /// Only results dated on or before this day ("YYYY-MM-DD", `?den=`).
    pub to: Option<String>,
}

pub const QUERY_MAX: usize = 200;
pub const RESULTS_PER_PAGE: u32 = 10;
/// Suggestions shown under the search box as the visitor types.
pub const SUGGESTIONS_MAX: usize = 8;

/// "2022-06-20" as a number 20220620, if it is a real day (`council::is_calendar_date`)
/// between 1900 and 2200.
pub fn day_number(day: &str) -> Option<i64> {
    if !crate::council::is_calendar_date(day) {
        return None;
    }
    let n: i64 = day.replace('-', "").parse().ok()?;
    (19_000_101..=22_001_231).contains(&n).then_some(n)
}

impl SearchQuery {
    /// A query for `q` alone: every type, relevance, first page.
    pub fn text(q: &str) -> SearchQuery {
        SearchQuery { q: q.to_string(), page: 1, ..Default::default() }
    }

    /// From the URL (`?q=…&loai=…&sap-xep=…&tu=…&den=…&trang=N`); an unknown type, order or
    /// page, or a day that is not a real day, is an error.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<SearchQuery, String> {
        let q: String = get("q").unwrap_or_default().trim().chars().take(QUERY_MAX).collect();
        let kind = match get("loai").filter(|v| !v.is_empty()) {
            Some(k) => Some(SearchKind::parse(&k).ok_or_else(|| "Loại kết quả không hợp lệ.".to_string())?),
            None => None,
        };
        let sort = match get("sap-xep").filter(|v| !v.is_empty()) {
            Some(s) => SearchSort::parse(&s).ok_or_else(|| "Cách sắp xếp không hợp lệ.".to_string())?,
            None => SearchSort::Relevance,
        };
        let day = |key: &str, label: &str| -> Result<Option<String>, String> {
            match get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
                Some(v) if day_number(&v).is_some() => Ok(Some(v)),
                Some(_) => Err(format!("{label} không hợp lệ (dùng dạng năm-tháng-ngày, ví dụ 2022-06-20).")),
                None => Ok(None),
            }
        };
        let from = day("tu", "Ngày bắt đầu")?;
        let to = day("den", "Ngày kết thúc")?;
        if let (Some(f), Some(t)) = (&from, &to) {
            if day_number(f) > day_number(t) {
                return Err("Khoảng ngày không hợp lệ: ngày bắt đầu sau ngày kết thúc.".to_string());
            }
        }
        let page = match get("trang").filter(|v| !v.is_empty()) {
            Some(p) => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| "Số trang không hợp lệ.".to_string())?,
            None => 1,
        };
        Ok(SearchQuery { q, kind, page, sort, from, to })
    }

    /// "/tim-kiem?q=…" for this query (its order and dates kept) with another type and page.
    pub fn href(&self, kind: Option<SearchKind>, page: u32) -> String {
        self.href_sorted(kind, self.sort, page)
    }

    /// The same, in another order.
    pub fn href_sorted(&self, kind: Option<SearchKind>, sort: SearchSort, page: u32) -> String {
        let mut out = format!("/tim-kiem?q={}", encode(&self.q));
        if let Some(k) = kind {
            out.push_str("&loai=");
            out.push_str(k.key());
        }
        if sort != SearchSort::Relevance {
            out.push_str("&sap-xep=");
            out.push_str(sort.key());
        }
        if let Some(f) = &self.from {
            out.push_str("&tu=");
            out.push_str(&encode(f));
        }
        if let Some(t) = &self.to {
            out.push_str("&den=");
            out.push_str(&encode(t));
        }
        if page > 1 {
            out.push_str(&format!("&trang={page}"));
        }
        out
    }

    /// Whether a date range narrows the results.
    pub fn has_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// Percent-encodes a query value (UTF-8 bytes; letters, digits and `-_.~` stay).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub url: String,
    /// dd/mm/yyyy, or empty.
    pub day: String,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Results of the selected type (all types if none).
    pub total: u64,
    pub page: u32,
    pub total_pages: u32,
    /// Results per type, for the type filter.
    pub counts: Vec<(SearchKind, u64)>,
    /// How long the search took on the server, in milliseconds.
    pub took_ms: u64,
    /// For a query that found nothing: the same query with a misspelt word corrected (one
    /// letter), when that finds something.
    pub suggestion: Option<String>,
}

/// One suggestion under the search box: a title and where it leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SearchKind,
    pub title: String,
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trips_through_the_url() {
        let get = |k: &str| match k {
            "q" => Some("  nghị quyết  ".to_string()),
            "loai" => Some("nghi-quyet".to_string()),
            "trang" => Some("2".to_string()),
            _ => None,
        };
        let q = SearchQuery::from_query(get).expect("valid");
        assert_eq!(
            q,
            SearchQuery {
                q: "nghị quyết".into(), kind: Some(SearchKind::Resolution), page: 2, ..Default::default()
            }
        );
        assert_eq!(q.href(q.kind, 2), "/tim-kiem?q=ngh%E1%BB%8B+quy%E1%BA%BFt&loai=nghi-quyet&trang=2");
        assert!(SearchQuery::from_query(|k| (k == "loai").then(|| "x".to_string())).is_err());
        assert!(SearchQuery::from_query(|k| (k == "trang").then(|| "0".to_string())).is_err());
        assert!(SearchQuery::from_query(|k| (k == "sap-xep").then(|| "x".to_string())).is_err());
        for k in SearchKind::ALL {
            assert_eq!(SearchKind::parse(k.key()), Some(k));
        }
    }

    #[test]
    fn order_and_dates_travel_in_the_url_and_bad_ones_are_refused() {
        let get = |k: &str| match k {
            "q" => Some("ngân sách".to_string()),
            "sap-xep" => Some("moi-nhat".to_string()),
            "tu" => Some("2022-01-01".to_string()),
            "den" => Some("2022-12-31".to_string()),
            _ => None,
        };
        let q = SearchQuery::from_query(get).expect("valid");
        assert_eq!(q.sort, SearchSort::Newest);
        assert_eq!(
            q.href(Some(SearchKind::Article), 3),
            "/tim-kiem?q=ng%C3%A2n+s%C3%A1ch&loai=bai-viet&sap-xep=moi-nhat&tu=2022-01-01&den=2022-12-31&trang=3"
        );
        assert_eq!(
            q.href_sorted(None, SearchSort::Relevance, 1),
            "/tim-kiem?q=ng%C3%A2n+s%C3%A1ch&tu=2022-01-01&den=2022-12-31"
        );
        let only = |key: &'static str, v: &'static str| move |k: &str| (k == key).then(|| v.to_string());
        assert!(SearchQuery::from_query(only("tu", "2022-02-30")).is_err());
        assert!(SearchQuery::from_query(only("den", "20/06/2022")).is_err());
        assert!(SearchQuery::from_query(|k| match k {
            "tu" => Some("2023-01-01".into()),
            "den" => Some("2022-01-01".into()),
            _ => None,
        })
        .is_err());
        assert_eq!(day_number("2024-02-29"), Some(20240229));
        assert_eq!(day_number("2023-02-29"), None);
        assert_eq!(day_number("1800-01-01"), None);
    }
}
