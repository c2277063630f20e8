//! A visitor's words as an index query. Every word must occur (folded) in the title or the
//! body; all but the last as whole words, the last also as the start of a word (the visitor
//! may still be typing it). Titles weigh ten times the body. On top, two boosts decide the
//! order before relevance does: all the words as typed, diacritics included; then the
//! resolution whose number the query names, in any spelling.

use super::index::Fields;
use crate::fold;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

const TITLE_WEIGHT: f32 = 10.0;
/// Far bigger than any relevance score (at most 12 words, each well under 1.000 even in a
/// title at a million records), so exact matches come first, then the named resolution;
/// small enough that an f32 still tells relevance scores apart on top of them.
const EXACT_BOOST: f32 = 100_000.0;
const NUMBER_BOOST: f32 = 50_000.0;
/// A last word shorter than this is matched whole: one letter would start most of the words
/// in the index.
pub(super) const PREFIX_MIN_CHARS: usize = 2;

fn term(field: Field, word: &str, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, word), option))
}

fn prefix(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, true))
}

/// Whether some indexed word in `field` is longer than `word` and starts with it: if not, the
/// prefix would only find the word itself again (each match read twice, for nothing).
fn extends(searcher: &Searcher, field: Field, word: &str) -> bool {
    let word = word.as_bytes();
    searcher.segment_readers().iter().any(|segment| {
        let Ok(inverted) = segment.inverted_index(field) else { return true };
        let Ok(mut stream) = inverted.terms().range().gt(word).into_stream() else { return true };
        stream.advance() && stream.key().starts_with(word)
    })
}

/// The last word as typed so far: the whole word, or any word it starts (when there is one).
fn whole_or_start(searcher: &Searcher, field: Field, w: &str, option: IndexRecordOption) -> Vec<Box<dyn Query>> {
    let mut clauses = vec![term(field, w, option)];
    if w.chars().count() >= PREFIX_MIN_CHARS && extends(searcher, field, w) {
        clauses.push(prefix(field, w));
    }
    clauses
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn all_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Must, q)).collect()))
}

/// A word being typed, in titles: one term of the starts field (which holds the whole words
/// too); a word too short to be a start is matched whole.
fn title_start(f: &Fields, w: &str) -> Box<dyn Query> {
    let letters = w.chars().count();
    if letters > super::tokenizer::START_MAX {
        // Longer than the starts the field holds: a real prefix query.
        any_of(vec![term(f.title, w, IndexRecordOption::WithFreqs), prefix(f.title, w)])
    } else if letters >= PREFIX_MIN_CHARS {
        term(f.title_starts, w, IndexRecordOption::Basic)
    } else {
        term(f.title, w, IndexRecordOption::WithFreqs)
    }
}

/// One folded word in the title (weighing `TITLE_WEIGHT`) or the body; the last one also as
/// the start of a word.
fn word(searcher: &Searcher, f: &Fields, w: &str, is_last: bool) -> Box<dyn Query> {
    let title: Box<dyn Query> = Box::new(BoostQuery::new(term(f.title, w, IndexRecordOption::WithFreqs), TITLE_WEIGHT));
    if !is_last {
        return any_of(vec![title, term(f.body, w, IndexRecordOption::WithFreqs)]);
    }
    let mut clauses = vec![title, title_start(f, w)];
    clauses.extend(whole_or_start(searcher, f.body, w, IndexRecordOption::WithFreqs));
    any_of(clauses)
}

/// The search page's query for `q` (whose folded words are `terms`, not empty).
pub(super) fn search(searcher: &Searcher, f: &Fields, q: &str, terms: &[String]) -> Box<dyn Query> {
    let words = all_of(terms.iter().enumerate().map(|(i, t)| word(searcher, f, t, i + 1 == terms.len())).collect());
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
    let exact = fold::exact_terms(q);
    if !exact.is_empty() {
        let last = exact.len() - 1;
        let all: Vec<Box<dyn Query>> = exact
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last {
                    any_of(whole_or_start(searcher, f.exact, w, IndexRecordOption::Basic))
                } else {
                    term(f.exact, w, IndexRecordOption::Basic)
                }
            })
            .collect();
        clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(all_of(all), EXACT_BOOST))));
    }
    if let Some((seq, year)) = fold::resolution_number(q) {
        let number = term(f.number, &format!("{seq}/{year}"), IndexRecordOption::Basic);
        clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(number, NUMBER_BOOST))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The typeahead's query: the words in titles only, the last as the start of a word.
pub(super) fn titles(f: &Fields, terms: &[String]) -> Box<dyn Query> {
    let last = terms.len().saturating_sub(1);
    all_of(
        terms
            .iter()
            .enumerate()
            .map(|(i, w)| if i == last { title_start(f, w) } else { term(f.title, w, IndexRecordOption::WithFreqs) })
            .collect(),
    )
}
