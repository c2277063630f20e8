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
}

impl SearchKind {
    pub const ALL: [SearchKind; 9] = [
        SearchKind::Article,
        SearchKind::Page,
        SearchKind::Resolution,
        SearchKind::Petition,
        SearchKind::Supervision,
        SearchKind::Event,
        SearchKind::Person,
        SearchKind::Body,
        SearchKind::Sitting,
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
        }
    }

    /// The code in the index's rowid (`id * 16 + code`).
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
        }
    }
}

/// A piece of a title or snippet; `hit` pieces matched the query and are highlighted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub kind: Option<SearchKind>,
    pub page: u32,
}

pub const QUERY_MAX: usize = 200;
pub const RESULTS_PER_PAGE: u32 = 10;

impl SearchQuery {
    /// From the URL (`?q=…&loai=…&trang=N`); an unknown type or page is an error.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<SearchQuery, String> {
        let q: String = get("q").unwrap_or_default().trim().chars().take(QUERY_MAX).collect();
        let kind = match get("loai").filter(|v| !v.is_empty()) {
            Some(k) => Some(SearchKind::parse(&k).ok_or_else(|| "Loại kết quả không hợp lệ.".to_string())?),
            None => None,
        };
        let page = match get("trang").filter(|v| !v.is_empty()) {
            Some(p) => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| "Số trang không hợp lệ.".to_string())?,
            None => 1,
        };
        Ok(SearchQuery { q, kind, page })
    }

    /// "/tim-kiem?q=…&loai=…&trang=N" for this query with another type and page.
    pub fn href(&self, kind: Option<SearchKind>, page: u32) -> String {
        let mut out = format!("/tim-kiem?q={}", encode(&self.q));
        if let Some(k) = kind {
            out.push_str("&loai=");
            out.push_str(k.key());
        }
        if page > 1 {
            out.push_str(&format!("&trang={page}"));
        }
        out
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
        assert_eq!(q, SearchQuery { q: "nghị quyết".into(), kind: Some(SearchKind::Resolution), page: 2 });
        assert_eq!(q.href(q.kind, 2), "/tim-kiem?q=ngh%E1%BB%8B+quy%E1%BA%BFt&loai=nghi-quyet&trang=2");
        assert!(SearchQuery::from_query(|k| (k == "loai").then(|| "x".to_string())).is_err());
        assert!(SearchQuery::from_query(|k| (k == "trang").then(|| "0".to_string())).is_err());
        for k in SearchKind::ALL {
            assert_eq!(SearchKind::parse(k.key()), Some(k));
        }
    }
}
