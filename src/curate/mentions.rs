//! What a curator has not yet turned into claims: every place a document
//! names a known entity (by label or alias) that no quote covers, and how
//! much of each document the quotes cover, in sentences.
//!
//! Names are matched word by word, ignoring case and the punctuation
//! between words ("Su-30" matches "Su 30"), never inside a word ("Russia"
//! is not found in "Russian"). A name of three letters or fewer ("US",
//! "UN") is an abbreviation: it must match as written, and not as part of
//! a hyphenated word ("us", "un-done" are not mentions).

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Dataset, Document};

/// A name of a known entity in a document's text, not covered by any quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub entity: String,
    /// The label or alias found.
    pub name: String,
    /// Byte range in the document's text.
    pub range: Range<usize>,
}

/// One document's unlinked mentions and coverage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentMentions {
    pub document: String,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Sentences (or headings, lines) with words in them.
    pub sentences: usize,
    /// Of those, how many at least one quote touches.
    pub covered: usize,
}

impl DocumentMentions {
    /// The share of sentences that carry a quote, 0–1 (1 for a text
    /// without sentences).
    pub fn coverage(&self) -> f64 {
        if self.sentences == 0 {
            1.0
        } else {
            self.covered as f64 / self.sentences as f64
        }
    }
}

/// A word of a text: its byte range and its lowercase form.
struct Word {
    range: Range<usize>,
    key: String,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                out.push(Word {
                    range: from..at,
                    key: crate::text::fold(&text[from..at]),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A known name: its words (folded), its entity's id, the name as written.
type KnownName<'d> = (Vec<String>, &'d str, &'d str);

/// A name short enough to be a common word in another case.
fn is_short(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphanumeric()).count() <= 3
}

/// Whether a match of `name` at `range` of `text` counts: always for a
/// longer name; for a short one only as written and not hyphenated.
fn counts(text: &str, range: &Range<usize>, name: &str) -> bool {
    if !is_short(name) {
        return true;
    }
    let hyphen_before = text[..range.start].ends_with('-');
    let hyphen_after = text[range.end..].starts_with('-');
    &text[range.clone()] == name && !hyphen_before && !hyphen_after
}

/// Every known name, by its first word.
struct Names<'d> {
    by_first: HashMap<String, Vec<KnownName<'d>>>,
}

impl<'d> Names<'d> {
    fn new(dataset: &'d Dataset) -> Self {
        let mut by_first: HashMap<String, Vec<KnownName>> = HashMap::new();
        for node in &dataset.nodes {
            for name in std::iter::once(&node.label).chain(&node.aliases) {
                if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    continue;
                }
                let keys: Vec<String> = words(name).into_iter().map(|w| w.key).collect();
                if let Some(first) = keys.first() {
                    by_first.entry(first.clone()).or_default().push((
                        keys,
                        node.id.as_str(),
                        name.as_str(),
                    ));
                }
            }
        }
        // Longest names first: "Russian Navy" before "Russian".
        for candidates in by_first.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(b.1)));
        }
        Names { by_first }
    }
}

/// The byte ranges of a document's text that quotes of the dataset cover.
fn quoted(dataset: &Dataset, document: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = dataset
        .claims
        .iter()
        .flat_map(|c| &c.evidence)
        .filter(|e| e.document == document && e.end > e.start)
        .map(|e| e.start..e.end)
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

fn overlaps(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start < range.end && range.start < r.end)
}

/// The sentences of a text: ended by `.`, `!` or `?` before a blank, or
/// by a line break (headlines and list items are sentences too); only
/// those with a letter or digit count.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_blank = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends = c == '\n' || (matches!(c, '.' | '!' | '?') && next_blank);
        if ends {
            let end = at + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    out.push(start..text.len());
    out.retain(|r| text[r.clone()].chars().any(char::is_alphanumeric));
    out
}

/// One document's unlinked mentions and coverage.
///
/// Complexity: O(words × names sharing a first word), one pass.
pub fn of_document(dataset: &Dataset, document: &Document) -> DocumentMentions {
    of_document_with(dataset, document, &Names::new(dataset))
}

fn of_document_with(dataset: &Dataset, document: &Document, names: &Names) -> DocumentMentions {
    let text = &document.text;
    let quoted = quoted(dataset, &document.id);
    let words = words(text);
    let mut mentions = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let found = names.by_first.get(&words[at].key).and_then(|candidates| {
            candidates.iter().find(|(keys, _, name)| {
                keys.len() <= words.len() - at
                    && keys.iter().zip(&words[at..]).all(|(k, w)| *k == w.key)
                    && counts(
                        text,
                        &(words[at].range.start..words[at + keys.len() - 1].range.end),
                        name,
                    )
            })
        });
        match found {
            Some((keys, entity, name)) => {
                let range = words[at].range.start..words[at + keys.len() - 1].range.end;
                if !overlaps(&quoted, &range) {
                    mentions.push(Mention {
                        entity: entity.to_string(),
                        name: name.to_string(),
                        range,
                    });
                }
                at += keys.len();
            }
            None => at += 1,
        }
    }
    let sentences = sentences(text);
    let covered = sentences.iter().filter(|s| overlaps(&quoted, s)).count();
    DocumentMentions {
        document: document.id.clone(),
        mentions,
        sentences: sentences.len(),
        covered,
    }
}

/// Every document's unlinked mentions and coverage, in dataset order.
pub fn of_dataset(dataset: &Dataset) -> Vec<DocumentMentions> {
    let names = Names::new(dataset);
    dataset
        .documents
        .iter()
        .map(|document| of_document_with(dataset, document, &names))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_match_as_written_and_not_hyphenated() {
        let text = "Let us go. The US said so; the UN-backed plan, un-done, went to the UN.";
        let range = |word: &str, nth: usize| {
            let at = text.match_indices(word).nth(nth).unwrap().0;
            at..at + word.len()
        };
        assert!(!counts(text, &range("us", 0), "US"));
        assert!(counts(text, &range("US", 0), "US"));
        assert!(!counts(text, &range("UN", 0), "UN"), "UN-backed");
        assert!(!counts(text, &range("un", 0), "UN"));
        assert!(counts(text, &range("UN", 1), "UN"));
        assert!(
            counts(text, &range("Let", 0), "Letters"),
            "long names: case is free"
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks() {
        let text = "Headline\nFirst one. Second one? 3.5 million\n\nLast";
        let found: Vec<&str> = sentences(text)
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(
            found,
            [
                "Headline",
                "First one.",
                "Second one?",
                "3.5 million",
                "Last"
            ]
        );
    }
}
