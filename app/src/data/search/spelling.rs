//! "Did you mean": for a query that finds nothing, each word the index does not know is
//! replaced by the most frequent indexed word one edit away (a letter added, removed, changed,
//! or two swapped), on folded words.

use super::index::Fields;
use super::query::PREFIX_MIN_CHARS;
use tantivy::{Searcher, Term};

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// Every word one edit from `word` (folded words are ASCII letters and digits).
pub fn one_edit(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..=chars.len() {
        let (head, tail) = (&chars[..i], &chars[i..]);
        let rebuilt = |middle: &[char], rest: &[char]| head.iter().chain(middle).chain(rest).collect::<String>();
        if !tail.is_empty() {
            out.push(rebuilt(&[], &tail[1..]));
        }
        if tail.len() > 1 {
            out.push(rebuilt(&[tail[1], tail[0]], &tail[2..]));
        }
        for c in LETTERS.chars() {
            if let Some(first) = tail.first() {
                if *first != c {
                    out.push(rebuilt(&[c], &tail[1..]));
                }
            }
            out.push(rebuilt(&[c], tail));
        }
    }
    out.sort();
    out.dedup();
    out.retain(|w| w != word && !w.is_empty());
    out
}

fn frequency(searcher: &Searcher, f: &Fields, word: &str) -> u64 {
    [f.title, f.body].iter().map(|field| searcher.doc_freq(&Term::from_field_text(*field, word)).unwrap_or(0)).sum()
}

/// Whether some indexed word starts with `prefix`.
fn starts_some_word(searcher: &Searcher, f: &Fields, prefix: &str) -> bool {
    searcher.segment_readers().iter().any(|segment| {
        [f.title, f.body].iter().any(|field| {
            let Ok(inverted) = segment.inverted_index(*field) else { return false };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else { return false };
            stream.advance() && stream.key().starts_with(prefix.as_bytes())
        })
    })
}

/// The query's words with the unknown ones corrected, if any was unknown and all of those
/// could be corrected.
pub(super) fn correct(searcher: &Searcher, f: &Fields, terms: &[String]) -> Option<Vec<String>> {
    let mut changed = false;
    let mut out = Vec::with_capacity(terms.len());
    for (i, word) in terms.iter().enumerate() {
        let is_last = i + 1 == terms.len();
        let known = frequency(searcher, f, word) > 0
            || (is_last && word.chars().count() >= PREFIX_MIN_CHARS && starts_some_word(searcher, f, word));
        if known {
            out.push(word.clone());
            continue;
        }
        let best = one_edit(word)
            .into_iter()
            .map(|w| (frequency(searcher, f, &w), w))
            .filter(|(n, _)| *n > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))?;
        out.push(best.1);
        changed = true;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_covers_the_four_kinds_of_typo() {
        let edits = one_edit("quyet");
        for w in ["quyt", "uqyet", "quyez", "quyeet", "quyets"] {
            assert!(edits.contains(&w.to_string()), "{w}");
        }
        assert!(!edits.contains(&"quyet".to_string()));
        assert!(!edits.contains(&"qyt".to_string()), "two edits");
    }
}
