//! The index's two ways of cutting text into words, both from `fold`: folded (what a query
//! matches) and exact (diacritics kept, to rank exact matches first).

use crate::fold;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the folded analyzer is registered under.
pub const FOLDED: &str = "vi_folded";
/// The name the exact analyzer is registered under.
pub const EXACT: &str = "vi_exact";
/// The name of the analyzer giving every start of every folded word (for titles).
pub const STARTS: &str = "vi_starts";
/// Starts are indexed from this many letters (a shorter last word is matched whole)…
const START_MIN: usize = 2;
/// …up to this many (a longer typed word is looked up with a prefix query instead).
pub const START_MAX: usize = 16;

/// What a word is cut into.
#[derive(Clone, Copy)]
enum Cut {
    Folded,
    Exact,
    Starts,
}

#[derive(Clone, Copy)]
pub struct Words {
    cut: Cut,
}

/// "nghi" → "ng", "ngh", "nghi".
fn starts(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (START_MIN..=chars.len().min(START_MAX)).map(|n| chars[..n].iter().collect()).collect()
}

pub struct Stream {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = Stream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stream {
        let words: Vec<String> = match self.cut {
            Cut::Folded => fold::words(text).collect(),
            Cut::Exact => fold::exact_words(text).collect(),
            Cut::Starts => fold::words(text).flat_map(|w| starts(&w)).collect(),
        };
        // Offsets are not used (highlights are computed on the page's rows), so each token
        // spans nothing; positions count words.
        let tokens = words
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token { position, text, position_length: 1, ..Token::default() })
            .collect();
        Stream { tokens, at: 0 }
    }
}

impl TokenStream for Stream {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at.saturating_sub(1).min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let at = self.at.saturating_sub(1).min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[at]
    }
}

/// Registers both analyzers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(FOLDED, TextAnalyzer::from(Words { cut: Cut::Folded }));
    index.tokenizers().register(EXACT, TextAnalyzer::from(Words { cut: Cut::Exact }));
    index.tokenizers().register(STARTS, TextAnalyzer::from(Words { cut: Cut::Starts }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(how: Cut, text: &str) -> Vec<String> {
        let mut words = Words { cut: how };
        let mut stream = words.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn folded_and_exact_words() {
        assert_eq!(
            cut(Cut::Folded, "Nghị quyết số 12/2022/NQ-HĐND"),
            ["nghi", "quyet", "so", "12", "2022", "nq", "hdnd"]
        );
        assert_eq!(cut(Cut::Exact, "Huyện Dầu Tiếng"), ["huyện", "dầu", "tiếng"]);
        assert_eq!(cut(Cut::Starts, "Nghị số"), ["ng", "ngh", "nghi", "so"]);
        assert_eq!(cut(Cut::Starts, &"a".repeat(20)).last().map(String::len), Some(START_MAX));
        assert!(cut(Cut::Folded, " … ").is_empty());
    }
}
