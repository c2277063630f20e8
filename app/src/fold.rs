//! Vietnamese folding for search: lower case, no diacritics, and "đ" → "d" (which Unicode
//! decomposition alone does not do). Also the query's terms, a resolution number in any
//! common spelling, and highlighted snippets mapped back onto the original text.

use crate::search::Segment;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of one character.
fn push_folded(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        match lower {
            'đ' => out.push('d'),
            _ => decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
}

/// "Nghị quyết Đầu tư" → "nghi quyet dau tu".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// The folded text, and for each of its bytes the byte offset in `text` of the character it
/// came from (plus one entry for the end).
fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = out.len();
        push_folded(c, &mut out);
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(text.len());
    (out, map)
}

/// Longer words are not indexed (nor searched for): no Vietnamese word comes near it, and a
/// long run of letters is a pasted address or a code nobody types.
pub const WORD_MAX_BYTES: usize = 64;

/// The folded words of `text`, in order, as the search index stores them:
/// "Nghị quyết 12/2022" → "nghi", "quyet", "12", "2022". The index's tokenizer and the
/// query both use this, so they cannot disagree.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    split_words(&fold(text)).into_iter()
}

/// The words of `text` as written, in lower case and NFC, diacritics kept: "Dầu Tiếng" →
/// "dầu", "tiếng". The index keeps these too, to rank exact matches first.
pub fn exact_words(text: &str) -> impl Iterator<Item = String> {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = text.nfc().flat_map(char::to_lowercase).collect();
    split_words(&composed).into_iter()
}

/// The runs of letters and digits in `text`, leaving out those over `WORD_MAX_BYTES`.
fn split_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= WORD_MAX_BYTES)
        .map(str::to_string)
        .collect()
}

/// The query's words, folded, each once: "Nghị quyết 12/2022" → ["nghi", "quyet", "12", "2022"].
pub fn terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words(query) {
        if !out.contains(&word) {
            out.push(word);
        }
        if out.len() == 12 {
            break;
        }
    }
    out
}

/// The query's words as typed, lower case but with their diacritics, when it has any
/// ("Dầu Tiếng" → ["dầu", "tiếng"]); empty for a query without diacritics.
pub fn exact_terms(query: &str) -> Vec<String> {
    let words: Vec<String> = exact_words(query).take(12).collect();
    if words.iter().all(|w| fold(w) == *w) {
        Vec::new()
    } else {
        words
    }
}

/// A resolution number in a query, as (number, year): "12/2022", "12/2022/NQ-HĐND",
/// "nq 12 2022", "NQ số 12 năm 2022" all give (12, 2022).
pub fn resolution_number(query: &str) -> Option<(i64, i32)> {
    let numbers: Vec<&str> = query.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).collect();
    let year_at = numbers.iter().position(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))?;
    let seq = if year_at > 0 { numbers[year_at - 1] } else { numbers.get(year_at + 1)? };
    if seq.len() > 4 {
        return None;
    }
    let year = numbers[year_at].parse().ok()?;
    let seq = seq.parse().ok().filter(|n| *n > 0)?;
    Some((seq, year))
}

/// Where the terms occur in `text`: byte ranges of the original text.
fn hits(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let (folded, map) = fold_mapped(text);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        let mut from = 0;
        while let Some(pos) = folded[from..].find(term.as_str()) {
            let start = from + pos;
            let end = start + term.len();
            // Only at the start of a word, as the index matches.
            let at_word_start = folded[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            if at_word_start {
                // Extend to the end of the original character (and of the word's prefix).
                let orig_start = map[start];
                let orig_end = map.get(end).copied().unwrap_or(text.len());
                let orig_end = if orig_end <= orig_start { text.len() } else { orig_end };
                ranges.push((orig_start, orig_end));
            }
            from = end;
        }
    }
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// `text` cut into plain and highlighted pieces.
fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s > at {
            out.push(Segment { text: text[at..s].to_string(), hit: false });
        }
        out.push(Segment { text: text[s..e].to_string(), hit: true });
        at = e;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_string(), hit: false });
    }
    out
}

/// The whole of a short text (a title) with the terms highlighted.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    segments(text, &hits(text, terms))
}

/// About `max_chars` of `text` around the first hit, cut at spaces, with "…" where cut, and
/// every hit in it highlighted.
pub fn snippet(text: &str, terms: &[String], max_chars: usize) -> Vec<Segment> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let ranges = hits(&text, terms);
    let first = ranges.first().map(|r| r.0).unwrap_or(0);
    // Start a little before the first hit, at a space.
    let back: usize = text[..first].chars().rev().take(max_chars / 4).map(char::len_utf8).sum();
    let mut start = first - back;
    if start > 0 {
        start = text[start..first].find(' ').map(|p| start + p + 1).unwrap_or(start);
    }
    let forward: usize = text[start..].chars().take(max_chars).map(char::len_utf8).sum();
    let mut end = start + forward;
    if end < text.len() {
        end = text[start..end].rfind(' ').map(|p| start + p).filter(|e| *e > first).unwrap_or(end);
    }
    let window: Vec<(usize, usize)> =
        ranges.iter().filter(|(s, e)| *s >= start && *e <= end).map(|(s, e)| (s - start, e - start)).collect();
    let mut out = segments(&text[start..end], &window);
    if start > 0 {
        out.insert(0, Segment { text: "…".into(), hit: false });
    }
    if end < text.len() {
        out.push(Segment { text: "…".into(), hit: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments.iter().map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    #[test]
    fn folds_vietnamese_including_d_with_stroke() {
        assert_eq!(fold("Nghị quyết"), "nghi quyet");
        assert_eq!(fold("DẦU TIẾNG Đồng Đăng"), "dau tieng dong dang");
        // Decomposed input folds the same way.
        assert_eq!(fold("Nghi\u{0323} quyê\u{0301}t"), "nghi quyet");
        assert_eq!(terms("  Nghị-quyết 12/2022 nghị "), vec!["nghi", "quyet", "12", "2022"]);
    }

    #[test]
    fn exact_terms_only_when_the_query_has_diacritics() {
        assert!(exact_terms("dau tieng").is_empty());
        assert_eq!(exact_terms("Dầu Tiếng"), vec!["dầu", "tiếng"]);
        // Decomposed input gives the composed words.
        assert_eq!(exact_terms("Dâ\u{0300}u"), vec!["dầu"]);
        assert_eq!(words("Đất-đai, 12/2022").collect::<Vec<_>>(), vec!["dat", "dai", "12", "2022"]);
        assert_eq!(words(&"a".repeat(WORD_MAX_BYTES + 1)).count(), 0);
    }

    #[test]
    fn resolution_numbers_in_every_common_spelling() {
        for q in
            ["12/2022", "12/2022/NQ-HĐND", "nq 12 2022", "Nghị quyết số 12/2022/NQ-HĐND", "NQ 12 năm 2022", "2022 12"]
        {
            assert_eq!(resolution_number(q), Some((12, 2022)), "{q}");
        }
        assert_eq!(resolution_number("nghị quyết ngân sách"), None);
        assert_eq!(resolution_number("2022"), None);
    }

    #[test]
    fn highlights_map_back_to_the_original_text() {
        let t = terms("dau tieng");
        assert_eq!(marked(&highlight("Huyện Dầu Tiếng, Bình Dương", &t)), "Huyện [Dầu] [Tiếng], Bình Dương");
        // Prefix matches highlight the matched part of the word only at word starts.
        assert_eq!(marked(&highlight("nghị quyết, nghịch", &terms("nghi"))), "[nghị] quyết, [nghị]ch");
        assert_eq!(marked(&highlight("Đường đi", &terms("d"))), "[Đ]ường [đ]i");
    }

    #[test]
    fn snippets_are_cut_around_the_first_hit() {
        let text = format!("{} Dầu Tiếng {}", "lời giới thiệu ".repeat(40), "kết thúc ".repeat(60));
        let s = snippet(&text, &terms("dầu tiếng"), 80);
        let m = marked(&s);
        assert!(m.starts_with('…') && m.ends_with('…'), "{m}");
        assert!(m.contains("[Dầu] [Tiếng]"), "{m}");
        assert!(m.chars().count() < 110, "{m}");
        let short = snippet("Ngắn gọn", &terms("gon"), 80);
        assert_eq!(marked(&short), "Ngắn [gọn]");
    }
}
