//! The index's two ways of cutting text into words, both from `fold`: folded (what a query
//! matches) and exact (diacritics kept, to rank exact matches first).

use crate::fold;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the folded analyzer is registered under.
pub const FOLDED: &str = "vi_folded";
/// The name the exact analyzer is registered under.
pub const EXACT: &str = "vi_exact";

#[derive(Clone, Copy)]
pub struct Words {
    folded: bool,
}

pub struct Stream {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = Stream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stream {
        let words: Vec<String> =
            if self.folded { fold::words(text).collect() } else { fold::exact_words(text).collect() };
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
    index.tokenizers().register(FOLDED, TextAnalyzer::from(Words { folded: true }));
    index.tokenizers().register(EXACT, TextAnalyzer::from(Words { folded: false }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(folded: bool, text: &str) -> Vec<String> {
        let mut words = Words { folded };
        let mut stream = words.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn folded_and_exact_words() {
        assert_eq!(cut(true, "Nghị quyết số 12/2022/NQ-HĐND"), ["nghi", "quyet", "so", "12", "2022", "nq", "hdnd"]);
        assert_eq!(cut(false, "Huyện Dầu Tiếng"), ["huyện", "dầu", "tiếng"]);
        assert!(cut(true, " … ").is_empty());
    }
}
