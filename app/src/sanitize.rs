//! What editors send is cleaned on the server before it is stored, so visitors only ever
//! receive safe HTML: bodies through an allow-list sanitiser (`ammonia`), plain fields as NFC
//! text without control characters.

use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// Tags a body may contain; everything else is removed (its text kept, except for
/// script/style-like elements, whose content goes too).
const TAGS: &[&str] = &[
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// Cleans an article or page body. Links may only be http(s), mailto, tel or site-relative;
/// images only from this site (`/uploads/`, `/images/`) or https.
pub fn body(html: &str) -> String {
    let tags: HashSet<&str> = TAGS.iter().copied().collect();
    let mut attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    attributes.insert("a", ["href", "title"].into_iter().collect());
    attributes.insert("img", ["src", "alt", "width", "height"].into_iter().collect());
    attributes.insert("th", ["colspan", "rowspan"].into_iter().collect());
    attributes.insert("td", ["colspan", "rowspan"].into_iter().collect());
    let normalised: String = html.nfc().collect();
    let cleaned = ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" {
                let local = value.starts_with("/uploads/") || value.starts_with("/images/");
                return (local || value.starts_with("https://")).then(|| value.into());
            }
            if element == "a" && attribute == "href" && value.trim_start().starts_with("//") {
                return None;
            }
            Some(value.into())
        })
        .clean(&normalised)
        .to_string();
    cleaned.trim().to_string()
}

/// A plain-text field: NFC, no control characters, whitespace collapsed, at most `max` chars.
pub fn text(value: &str, max: usize) -> String {
    let normalised: String = value.nfc().filter(|c| !c.is_control() || *c == '\n').collect();
    let collapsed = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(max).collect()
}

/// The readable text of some HTML, one line per block, for diffs.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").to_lowercase();
                if matches!(name.as_str(), "p" | "br" | "h2" | "h3" | "h4" | "li" | "blockquote" | "tr" | "figcaption")
                    && !out.ends_with('\n')
                {
                    out.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Payloads that must not survive in any form that runs code in a visitor's browser.
    const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">",
        "<svg onload=alert(1)><circle/></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<p onclick=\"alert(1)\" onmouseover=alert(1)>x</p>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)//",
        "<a href=\"//evil.example\">x</a>",
        "<div><p>unclosed <b>bold <i>mixed</b></i>",
        "<!--<script>alert(1)</script>-->",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    ];

    #[test]
    fn no_payload_survives() {
        for payload in XSS {
            let out = body(payload).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "onclick",
                "onmouseover",
                "ontoggle",
                "javascript:",
                "data:",
                "<iframe",
                "<object",
                "<embed",
                "<form",
                "<meta",
                "<base",
                "<svg",
                "<math",
                "<style",
                "style=",
                "<video",
                "<template",
                "<noscript",
                "href=\"//",
            ] {
                assert!(!out.contains(bad), "{payload:?} left {bad:?} in {out:?}");
            }
        }
    }

    #[test]
    fn structure_is_kept() {
        let html = "<h2>Tiêu đề</h2><p><strong>Đậm</strong> và <em>nghiêng</em> <a href=\"https://quochoi.vn\">liên kết</a></p><ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>trích</blockquote><p><img src=\"/uploads/abc.png\" alt=\"ảnh\"></p>";
        let out = body(html);
        for kept in [
            "<h2>Tiêu đề</h2>",
            "<strong>Đậm</strong>",
            "<em>nghiêng</em>",
            "href=\"https://quochoi.vn\"",
            "rel=\"noopener noreferrer\"",
            "<ul><li>một</li></ul>",
            "<ol><li>hai</li></ol>",
            "<blockquote>trích</blockquote>",
            "src=\"/uploads/abc.png\"",
            "alt=\"ảnh\"",
        ] {
            assert!(out.contains(kept), "lost {kept:?}: {out}");
        }
    }

    #[test]
    fn word_garbage_is_dropped() {
        let word = "<p class=\"MsoNormal\" style=\"margin:0\"><span style=\"font-family:Times New Roman;color:red\"><o:p>Nội dung</o:p></span></p><font face=\"Arial\">chữ</font>";
        let out = body(word);
        assert_eq!(out, "<p>Nội dung</p>chữ");
    }

    #[test]
    fn text_fields_are_nfc_and_single_line() {
        let decomposed = "Nghi\u{0323} quyê\u{0301}t\u{0007}  mới\n\n";
        assert_eq!(text(decomposed, 100), "Nghị quyết mới");
        assert_eq!(text("abcdef", 3), "abc");
    }

    #[test]
    fn html_becomes_lines_of_text() {
        assert_eq!(html_to_text("<h2>A &amp; B</h2><p>một</p><p>hai</p>"), "A & B\nmột\nhai");
    }
}
