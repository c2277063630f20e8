//! Nghị quyết (resolutions): their vocabularies, and the list filter as it travels in the URL
//! (so a filtered list can be shared).

use serde::{Deserialize, Serialize};

pub const TERMS: &[&str] = &["X", "IX", "VIII"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Province, Level::District, Level::Commune];

    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "tinh",
            Level::District => "huyen",
            Level::Commune => "xa",
        }
    }

    pub fn parse(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Validity {
    InForce,
    PartlyExpired,
    Expired,
}

impl Validity {
    pub const ALL: [Validity; 3] = [Validity::InForce, Validity::PartlyExpired, Validity::Expired];

    pub fn key(self) -> &'static str {
        match self {
            Validity::InForce => "con-hieu-luc",
            Validity::PartlyExpired => "het-hieu-luc-mot-phan",
            Validity::Expired => "het-hieu-luc",
        }
    }

    pub fn parse(key: &str) -> Option<Validity> {
        Validity::ALL.into_iter().find(|v| v.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Validity::InForce => "Còn hiệu lực",
            Validity::PartlyExpired => "Hết hiệu lực một phần",
            Validity::Expired => "Hết hiệu lực",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocType {
    /// Nghị quyết quy phạm pháp luật.
    Normative,
    /// Nghị quyết cá biệt.
    Individual,
}

impl DocType {
    pub const ALL: [DocType; 2] = [DocType::Normative, DocType::Individual];

    pub fn key(self) -> &'static str {
        match self {
            DocType::Normative => "qppl",
            DocType::Individual => "ca-biet",
        }
    }

    pub fn parse(key: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            DocType::Normative => "Nghị quyết quy phạm pháp luật",
            DocType::Individual => "Nghị quyết cá biệt",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Number,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::Oldest, Sort::Number];

    pub fn key(self) -> &'static str {
        match self {
            Sort::Newest => "moi-nhat",
            Sort::Oldest => "cu-nhat",
            Sort::Number => "so-hieu",
        }
    }

    pub fn parse(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "Mới ban hành trước",
            Sort::Oldest => "Cũ trước",
            Sort::Number => "Theo số hiệu",
        }
    }
}

/// The list's filters, sort and page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub term: Option<String>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub validity: Option<Validity>,
    pub doc_type: Option<DocType>,
    pub sort: Sort,
    pub page: u32,
}

impl Filter {
    /// From the query string (`get` looks a parameter up). An unknown value is `Err` (the
    /// page answers 404 rather than silently showing something else); empty means "all".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<Filter, String> {
        let value = |key: &str| get(key).filter(|v| !v.is_empty());
        let bad = |key: &str| format!("Giá trị không hợp lệ cho “{key}”.");
        let term = match value("khoa") {
            Some(t) if TERMS.contains(&t.as_str()) => Some(t),
            Some(_) => return Err(bad("khoa")),
            None => None,
        };
        let parse = |key: &str, f: &dyn Fn(&str) -> bool| {
            value(key).map(|v| if f(&v) { Ok(v) } else { Err(bad(key)) }).transpose()
        };
        let level = parse("cap", &|v| Level::parse(v).is_some())?.and_then(|v| Level::parse(&v));
        let validity = parse("hieu_luc", &|v| Validity::parse(v).is_some())?.and_then(|v| Validity::parse(&v));
        let doc_type = parse("loai", &|v| DocType::parse(v).is_some())?.and_then(|v| DocType::parse(&v));
        let sort = parse("sap_xep", &|v| Sort::parse(v).is_some())?.and_then(|v| Sort::parse(&v)).unwrap_or_default();
        let year = crate::council::year_param(&get)?;
        let page = crate::council::page_param(&get)?;
        Ok(Filter { term, level, year, validity, doc_type, sort, page })
    }

    /// The query string for this filter at `page` (empty values left out), e.g.
    /// "?khoa=X&hieu_luc=con-hieu-luc&trang=2".
    pub fn query(&self, page: u32) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(t) = &self.term {
            parts.push(format!("khoa={t}"));
        }
        if let Some(l) = self.level {
            parts.push(format!("cap={}", l.key()));
        }
        if let Some(y) = self.year {
            parts.push(format!("nam={y}"));
        }
        if let Some(v) = self.validity {
            parts.push(format!("hieu_luc={}", v.key()));
        }
        if let Some(d) = self.doc_type {
            parts.push(format!("loai={}", d.key()));
        }
        if self.sort != Sort::Newest {
            parts.push(format!("sap_xep={}", self.sort.key()));
        }
        if page > 1 {
            parts.push(format!("trang={page}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionSummary {
    pub slug: String,
    pub number: String,
    pub doc_type: DocType,
    pub issuer: String,
    pub level: Level,
    pub term: String,
    /// dd/mm/yyyy
    pub signed: String,
    pub validity: Validity,
    pub abstract_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionList {
    pub items: Vec<ResolutionSummary>,
    pub total: u64,
    pub page: u32,
    pub total_pages: u32,
    /// Years that have resolutions, newest first (for the filter).
    pub years: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedResolution {
    /// "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi", "Thay thế", "Được thay thế bởi".
    pub relation: String,
    pub slug: String,
    pub number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    pub name: String,
    pub url: String,
    pub size: u64,
}

impl AttachedFile {
    /// A file in the store (`stored` is its "<sha256>.<ext>" name), downloaded as `name`.
    pub fn stored(name: String, stored: &str, size: i64) -> Self {
        AttachedFile { name, url: format!("/tai-lieu/{stored}"), size: size.max(0) as u64 }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionDetail {
    pub summary: ResolutionSummary,
    /// The number of the sitting (kỳ họp) that passed it.
    pub sitting: Option<i64>,
    pub signer: String,
    /// dd/mm/yyyy
    pub effective: Option<String>,
    pub related: Vec<RelatedResolution>,
    pub files: Vec<AttachedFile>,
    pub is_demo: bool,
}

/// "12,5 KB", "1,2 MB" (Vietnamese decimal comma): attachments, and the sizes a backup
/// reports.
pub fn file_size(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let (value, unit) =
        if bytes < 1024 * 1024 { (bytes as f64 / 1024.0, "KB") } else { (bytes as f64 / 1024.0 / 1024.0, "MB") };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// "2022-06-20" → "20/06/2022".
pub fn vn_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// "20/06/2022" → "2022-06-20" (the inverse of `vn_date`; anything else is kept).
pub fn iso_date(vn: &str) -> String {
    let mut parts = vn.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(d), Some(m), Some(y)) => format!("{y}-{m}-{d}"),
        _ => vn.to_string(),
    }
}

/// Resolutions per list page.
pub const PAGE_SIZE: u32 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let pairs = [
            ("khoa", "IX"),
            ("cap", "tinh"),
            ("nam", "2019"),
            ("hieu_luc", "het-hieu-luc"),
            ("loai", "qppl"),
            ("sap_xep", "so-hieu"),
            ("trang", "2"),
        ];
        let f = Filter::from_query(query(&pairs)).expect("valid");
        assert_eq!(f.term.as_deref(), Some("IX"));
        assert_eq!(f.level, Some(Level::Province));
        assert_eq!(f.validity, Some(Validity::Expired));
        assert_eq!(
            f.query(f.page),
            "?khoa=IX&cap=tinh&nam=2019&hieu_luc=het-hieu-luc&loai=qppl&sap_xep=so-hieu&trang=2"
        );
        assert_eq!(Filter::default().query(1), "");
    }

    #[test]
    fn unknown_values_are_refused_and_empty_ones_ignored() {
        assert!(Filter::from_query(query(&[("khoa", "XI")])).is_err());
        assert!(Filter::from_query(query(&[("hieu_luc", "co")])).is_err());
        assert!(Filter::from_query(query(&[("nam", "abc")])).is_err());
        assert!(Filter::from_query(query(&[("trang", "0")])).is_err());
        assert_eq!(
            Filter::from_query(query(&[("khoa", ""), ("cap", "")])).expect("empty is all"),
            Filter { page: 1, ..Default::default() }
        );
    }

    #[test]
    fn sizes_and_dates_in_vietnamese() {
        assert_eq!(file_size(900), "900 B");
        assert_eq!(file_size(12_800), "12,5 KB");
        assert_eq!(file_size(1_258_291), "1,2 MB");
        assert_eq!(file_size(5 * 1024 * 1024 * 1024), "5120,0 MB");
        assert_eq!(vn_date("2022-06-20"), "20/06/2022");
        assert_eq!(iso_date("20/06/2022"), "2022-06-20");
        assert_eq!(iso_date(&vn_date("2023-12-01")), "2023-12-01");
        assert_eq!(iso_date("—"), "—");
    }
}
