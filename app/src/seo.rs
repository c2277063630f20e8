//! What search engines are told about each address: its canonical address, and whether a
//! filtered view of a list is kept out of the index (it repeats the list's own pages).

/// Query parameters that only page through a list: page N stays indexable, as itself.
const PAGING: &str = "trang";

/// The print view of a page (`?in=1`): the page without its chrome, for browsers without
/// JavaScript to print; never indexed.
pub const PRINT_VIEW: &str = "in";

/// Lists whose filtered views repeat them (a prefix ending in `/` covers every such list).
const LISTS: &[&str] =
    &["/nghi-quyet", "/kien-nghi", "/giam-sat", "/hoi-dap", "/tai-lieu-ky-hop", "/dai-bieu", "/lich/", "/chuyen-muc/"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The canonical address's path (and page number), to put after the origin.
    pub canonical: String,
    /// `noindex, follow`: a filtered view of a list, or a print view.
    pub noindex: bool,
}

fn is_list(path: &str) -> bool {
    LISTS.iter().any(|l| if l.ends_with('/') { path.starts_with(l) && path.len() > l.len() } else { path == *l })
}

/// The head of `path` with the query `pairs`: paging keeps its page in the canonical address;
/// any other parameter is dropped from it, and on a list makes the view `noindex`.
pub fn head_for(path: &str, pairs: &[(String, String)]) -> Head {
    let page = pairs.iter().find(|(k, _)| k == PAGING).map(|(_, v)| v.as_str()).filter(|p| *p != "1");
    let filtered = pairs.iter().any(|(k, v)| k != PAGING && !v.is_empty());
    let canonical = match page {
        Some(p) if !filtered && p.chars().all(|c| c.is_ascii_digit()) => format!("{path}?{PAGING}={p}"),
        _ => path.to_string(),
    };
    let printing = pairs.iter().any(|(k, _)| k == PRINT_VIEW);
    Head { canonical, noindex: (filtered && is_list(path)) || printing }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn pages_keep_their_number_and_filters_are_duplicates() {
        assert_eq!(head_for("/", &[]), Head { canonical: "/".into(), noindex: false });
        assert_eq!(head_for("/chuyen-muc/tin-tuc", &q(&[("trang", "3")])).canonical, "/chuyen-muc/tin-tuc?trang=3");
        assert_eq!(head_for("/chuyen-muc/tin-tuc", &q(&[("trang", "1")])).canonical, "/chuyen-muc/tin-tuc");
        let filtered = head_for("/nghi-quyet", &q(&[("khoa", "X"), ("trang", "2")]));
        assert_eq!(filtered, Head { canonical: "/nghi-quyet".into(), noindex: true });
        assert!(head_for("/lich/hdnd", &q(&[("tuan", "2022-06-20")])).noindex);
        assert!(!head_for("/nghi-quyet", &q(&[("khoa", "")])).noindex, "an empty filter filters nothing");
        assert!(!head_for("/bai-viet/a", &q(&[("chia_se", "da-nhan")])).noindex, "not a list");
        assert_eq!(head_for("/bai-viet/a", &q(&[("chia_se", "da-nhan")])).canonical, "/bai-viet/a");
        assert_eq!(head_for("/chuyen-muc/a", &q(&[("trang", "2x")])).canonical, "/chuyen-muc/a");
        let print = head_for("/bai-viet/a", &q(&[(PRINT_VIEW, "1")]));
        assert_eq!(print, Head { canonical: "/bai-viet/a".into(), noindex: true }, "a print view is a duplicate");
    }
}
