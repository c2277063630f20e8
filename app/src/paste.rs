//! What survives a paste into the body editor (from Word or another site): structure only —
//! headings, paragraphs, lists, quotes, emphasis, links. The browser applies these rules while
//! walking the pasted HTML; the server's sanitiser checks everything again on save.

/// What to do with one pasted element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteRule {
    /// Keep it, as this tag (without any attribute unless the tag needs one).
    Keep(&'static str),
    /// Drop the tag but keep what is inside.
    Unwrap,
    /// Drop the tag and everything inside (scripts, styles, Office metadata…).
    Drop,
}

pub fn rule(tag: &str) -> PasteRule {
    match tag.to_ascii_lowercase().as_str() {
        "p" | "div" => PasteRule::Keep("p"),
        "h1" | "h2" => PasteRule::Keep("h2"),
        "h3" | "h4" | "h5" | "h6" => PasteRule::Keep("h3"),
        "b" | "strong" => PasteRule::Keep("strong"),
        "i" | "em" => PasteRule::Keep("em"),
        "ul" => PasteRule::Keep("ul"),
        "ol" => PasteRule::Keep("ol"),
        "li" => PasteRule::Keep("li"),
        "blockquote" => PasteRule::Keep("blockquote"),
        "br" => PasteRule::Keep("br"),
        "a" => PasteRule::Keep("a"),
        "script" | "style" | "meta" | "link" | "head" | "title" | "xml" | "iframe" | "object" | "embed" | "svg"
        | "math" | "template" | "noscript" | "img" | "video" | "audio" | "canvas" | "form" | "input" | "button"
        | "select" | "textarea" => PasteRule::Drop,
        _ => PasteRule::Unwrap,
    }
}

/// A pasted link's address, if it is one a visitor may safely follow.
pub fn clean_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (href.starts_with('/') && !href.starts_with("//"));
    ok.then(|| href.to_string())
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_is_kept_and_styling_dropped() {
        assert_eq!(rule("H1"), PasteRule::Keep("h2"));
        assert_eq!(rule("b"), PasteRule::Keep("strong"));
        assert_eq!(rule("span"), PasteRule::Unwrap);
        assert_eq!(rule("font"), PasteRule::Unwrap);
        assert_eq!(rule("o:p"), PasteRule::Unwrap);
        assert_eq!(rule("script"), PasteRule::Drop);
        assert_eq!(rule("style"), PasteRule::Drop);
    }

    #[test]
    fn only_safe_links_survive() {
        assert_eq!(clean_href(" https://quochoi.vn "), Some("https://quochoi.vn".into()));
        assert_eq!(clean_href("/bai-viet/x"), Some("/bai-viet/x".into()));
        assert_eq!(clean_href("javascript:alert(1)"), None);
        assert_eq!(clean_href("//evil.example"), None);
        assert_eq!(clean_href("file:///C:/x.doc"), None);
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
