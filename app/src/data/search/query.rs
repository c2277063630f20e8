//! A visitor's words as an index query. Every word must occur (folded) in the title or the
//! body; all but the last as whole words, the last also as the start of a word (the visitor
//! may still be typing it). Titles weigh ten times the body. On top, two boosts decide the
//! order before relevance does: all the words as typed, diacritics included; then the
//! resolution whose number the query names, in any spelling.

use super::index::Fields;
use crate::fold;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

const TITLE_WEIGHT: f32 = 10.0;
/// Bigger than any relevance score, so exact matches come first, then the named resolution.
const EXACT_BOOST: f32 = 2_000.0;
const NUMBER_BOOST: f32 = 1_000.0;
/// A last word shorter than this is matched whole: one letter would start most of the words
/// in the index.
pub(super) const PREFIX_MIN_CHARS: usize = 2;

fn term(field: Field, word: &str, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, word), option))
}

fn prefix(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, true))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn all_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|q| (Occur::Must, q)).collect()))
}

/// One folded word in the given fields (the first weighs `TITLE_WEIGHT`).
fn word(fields: &[Field], w: &str, is_last: bool) -> Box<dyn Query> {
    let mut clauses = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let q = term(*field, w, IndexRecordOption::WithFreqs);
        clauses.push(if i == 0 && fields.len() > 1 {
            Box::new(BoostQuery::new(q, TITLE_WEIGHT)) as Box<dyn Query>
        } else {
            q
        });
        if is_last && w.chars().count() >= PREFIX_MIN_CHARS {
            clauses.push(prefix(*field, w));
        }
    }
    any_of(clauses)
}

/// The folded words matched in `fields`, the last also as a prefix.
fn words(fields: &[Field], terms: &[String]) -> Box<dyn Query> {
    all_of(terms.iter().enumerate().map(|(i, t)| word(fields, t, i + 1 == terms.len())).collect())
}

/// The search page's query for `q` (whose folded words are `terms`, not empty).
pub(super) fn search(f: &Fields, q: &str, terms: &[String]) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words(&[f.title, f.body], terms))];
    let exact = fold::exact_terms(q);
    if !exact.is_empty() {
        let last = exact.len() - 1;
        let all: Vec<Box<dyn Query>> = exact
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let whole = term(f.exact, w, IndexRecordOption::Basic);
                if i == last && w.chars().count() >= PREFIX_MIN_CHARS {
                    any_of(vec![whole, prefix(f.exact, w)])
                } else {
                    whole
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

/// The typeahead's query: the words in titles only.
pub(super) fn titles(f: &Fields, terms: &[String]) -> Box<dyn Query> {
    words(&[f.title], terms)
}
