//! The English pages (`/en/…`) for foreign visitors: which they are, the Vietnamese page each
//! answers to (for the language switch and `hreflang`), and the switch for any address.

/// Where the English pages live.
pub const PREFIX: &str = "/en/";

/// The English section's first page, where `/en` and the switch on other pages lead.
pub const HOME: &str = "/en/introduction";

/// One English page: its slug, and the Vietnamese page that says the same (if one does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnglishPage {
    pub slug: &'static str,
    pub vietnamese: Option<&'static str>,
}

/// The English pages, in the order of their navigation.
pub const PAGES: &[EnglishPage] = &[
    EnglishPage { slug: "introduction", vietnamese: Some("/trang/gioi-thieu") },
    EnglishPage { slug: "functions-and-powers", vietnamese: None },
    EnglishPage { slug: "leadership", vietnamese: Some("/trang/thuong-truc-hdnd") },
    EnglishPage { slug: "bodies", vietnamese: Some("/trang/cac-ban-hdnd") },
    EnglishPage { slug: "contact", vietnamese: Some("/trang/lien-he") },
];

/// An English page's address.
pub fn href(slug: &str) -> String {
    format!("{PREFIX}{slug}")
}

/// The language switch of the page at `path`, and the page's translations for `hreflang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Switch {
    /// Where the switch leads.
    pub href: String,
    /// The language it leads to ("en" or "vi"), and its label in that language.
    pub lang: &'static str,
    pub label: &'static str,
    /// The same page in Vietnamese and in English, when both exist.
    pub pair: Option<(String, String)>,
}

/// The switch for `path`: on an English page, to its Vietnamese page (or the home page); on a
/// Vietnamese page, to its English page (or the English introduction).
pub fn switch_for(path: &str) -> Switch {
    let path = path.trim_end_matches('/');
    if let Some(slug) = path.strip_prefix(PREFIX).or((path == "/en").then_some("introduction")) {
        let page = PAGES.iter().find(|p| p.slug == slug);
        let vietnamese = page.and_then(|p| p.vietnamese);
        return Switch {
            href: vietnamese.unwrap_or("/").to_string(),
            lang: "vi",
            label: "Tiếng Việt",
            pair: vietnamese.map(|vi| (vi.to_string(), href(slug))),
        };
    }
    let english = PAGES.iter().find(|p| p.vietnamese == Some(path));
    Switch {
        href: english.map_or_else(|| HOME.to_string(), |p| href(p.slug)),
        lang: "en",
        label: "English",
        pair: english.map(|p| (path.to_string(), href(p.slug))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_pairs_translations_both_ways() {
        let vi = switch_for("/trang/gioi-thieu");
        assert_eq!((vi.href.as_str(), vi.lang, vi.label), ("/en/introduction", "en", "English"));
        let en = switch_for("/en/introduction");
        assert_eq!((en.href.as_str(), en.lang, en.label), ("/trang/gioi-thieu", "vi", "Tiếng Việt"));
        assert_eq!(vi.pair, en.pair, "hreflang is reciprocal");
        assert_eq!(vi.pair, Some(("/trang/gioi-thieu".into(), "/en/introduction".into())));

        let alone = switch_for("/en/functions-and-powers");
        assert_eq!((alone.href.as_str(), alone.pair), ("/", None), "no Vietnamese page says the same");
        let other = switch_for("/nghi-quyet");
        assert_eq!((other.href.as_str(), other.pair), (HOME, None));
        assert_eq!(switch_for("/en").pair, switch_for("/trang/gioi-thieu").pair);
        for p in PAGES {
            if let Some(vi) = p.vietnamese {
                assert_eq!(switch_for(vi).href, href(p.slug));
                assert_eq!(switch_for(&href(p.slug)).href, vi);
            }
        }
    }
}
