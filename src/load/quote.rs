//! Locating verbatim quotes in documents.
//!
//! Curators copy quotes from articles whose whitespace and punctuation vary
//! (curly vs straight quotes, en dashes vs hyphens, wrapped lines). Matching
//! forgives exactly those differences and nothing else, and records the byte
//! range so the document's own text is what users see.

use std::collections::HashMap;
use std::ops::Range;

/// Maps typographic punctuation to its plain form; `None` keeps the char.
fn plain_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some('-'),
        _ => None,
    }
}

/// A text with forgiven differences normalised away, and the way back to the
/// original byte offsets.
pub struct NormalizedText {
    pub text: String,
    /// For each byte of `text`: the original byte range it came from.
    origin: Vec<Range<usize>>,
}

impl NormalizedText {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin: Vec<Range<usize>> = Vec::with_capacity(original.len());
        let mut in_space = false;
        for (offset, c) in original.char_indices() {
            let end = offset + c.len_utf8();
            if c.is_whitespace() {
                if in_space {
                    // Extend the single space to cover the whole run.
                    if let Some(last) = origin.last_mut() {
                        last.end = end;
                    }
                } else {
                    text.push(' ');
                    origin.push(offset..end);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            let mapped = plain_punctuation(c).unwrap_or(c);
            text.push(mapped);
            for _ in 0..mapped.len_utf8() {
                origin.push(offset..end);
            }
        }
        NormalizedText { text, origin }
    }

    /// The original byte range of a range of the normalised text.
    fn original_range(&self, normalized: Range<usize>) -> Option<Range<usize>> {
        let first = self.origin.get(normalized.start)?;
        let last = self.origin.get(normalized.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    }
}

/// Normalises a quote for matching: forgiven differences removed, trimmed.
pub fn normalize_quote(quote: &str) -> String {
    NormalizedText::new(quote.trim()).text
}

/// Finds `quote` in `document` and returns its byte range in the document.
///
/// Returns `None` when the quote is empty after trimming or does not occur.
/// Complexity: O(n + m) typical for a document of n and a quote of m bytes.
pub fn locate(document: &NormalizedText, quote: &str) -> Option<Range<usize>> {
    let needle = normalize_quote(quote);
    if needle.is_empty() {
        return None;
    }
    let start = document.text.find(&needle)?;
    document.original_range(start..start + needle.len())
}

/// Finds the occurrence of `quote` in `document` that begins at byte
/// `start` of the original text, for a quote pinned to a passage (the
/// same words may occur twice, even overlapping: "ha ha" in "ha ha ha").
/// Returns its original byte range.
///
/// Complexity: O(log n + m).
pub fn locate_at(document: &NormalizedText, quote: &str, start: usize) -> Option<Range<usize>> {
    let needle = normalize_quote(quote);
    if needle.is_empty() {
        return None;
    }
    // The normalised text's first byte that comes from byte `start`.
    let at = document.origin.partition_point(|range| range.start < start);
    if document.origin.get(at)?.start != start
        || !document.text.is_char_boundary(at)
        || !document.text[at..].starts_with(&needle)
    {
        return None;
    }
    document.original_range(at..at + needle.len())
}

/// A word as compared for "closest passage": lowercase, without the
/// punctuation around it.
fn word_key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The passage of `document` most like `quote`, for "did you mean" help:
/// the window of as many words as the quote that shares the most words with
/// it (case-insensitive). Returns its original byte range, or `None` when no
/// word is shared at all.
///
/// Complexity: O(n) in the document's words, one sliding window.
pub fn closest_passage(document: &NormalizedText, quote: &str) -> Option<Range<usize>> {
    let quote_words: Vec<String> = normalize_quote(quote)
        .split(' ')
        .map(word_key)
        .filter(|word| !word.is_empty())
        .collect();
    if quote_words.is_empty() {
        return None;
    }
    let mut needed: HashMap<&str, i64> = HashMap::new();
    for word in &quote_words {
        *needed.entry(word.as_str()).or_default() += 1;
    }

    // Word ranges in the normalised document.
    let mut words: Vec<(Range<usize>, String)> = Vec::new();
    let mut offset = 0;
    for word in document.text.split(' ') {
        if !word.is_empty() {
            words.push((offset..offset + word.len(), word_key(word)));
        }
        offset += word.len() + 1;
    }
    let width = quote_words.len().min(words.len());
    if width == 0 {
        return None;
    }

    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut overlap: i64 = 0;
    let mut best = (0i64, 0usize);
    for index in 0..words.len() {
        let word = words[index].1.as_str();
        if let Some(&need) = needed.get(word) {
            let count = have.entry(word).or_default();
            if *count < need {
                overlap += 1;
            }
            *count += 1;
        }
        if index >= width {
            let leaving = words[index - width].1.as_str();
            if let Some(&need) = needed.get(leaving) {
                let count = have.entry(leaving).or_default();
                *count -= 1;
                if *count < need {
                    overlap -= 1;
                }
            }
        }
        if index + 1 >= width && overlap > best.0 {
            best = (overlap, index + 1 - width);
        }
    }
    if best.0 == 0 {
        return None;
    }
    // Trim words at either end that the quote does not use.
    let mut first_index = best.1;
    let mut last_index = best.1 + width - 1;
    while first_index < last_index && !needed.contains_key(words[first_index].1.as_str()) {
        first_index += 1;
    }
    while last_index > first_index && !needed.contains_key(words[last_index].1.as_str()) {
        last_index -= 1;
    }
    let first = &words[first_index].0;
    let last = &words[last_index].0;
    document.original_range(first.start..last.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgives_whitespace_and_typographic_punctuation_only() {
        let original = "He said “yes” –\n  then  left’s";
        let document = NormalizedText::new(original);
        let range = locate(&document, "said \"yes\" - then left's").unwrap();
        assert_eq!(&original[range], "said “yes” –\n  then  left’s");
        assert!(
            locate(&document, "said yes").is_none(),
            "quotes are not optional"
        );
        assert!(locate(&document, "Said").is_none(), "case is not forgiven");
        assert!(locate(&document, "   ").is_none());
    }

    #[test]
    fn a_pinned_quote_is_found_where_it_begins_even_overlapping_itself() {
        let original = "laugh: ha ha ha — “end”";
        let document = NormalizedText::new(original);
        assert_eq!(locate_at(&document, "ha ha", 7), Some(7..12));
        assert_eq!(locate_at(&document, "ha ha", 10), Some(10..15));
        assert_eq!(locate_at(&document, "ha ha", 8), None, "not at a start");
        assert_eq!(locate_at(&document, "ha ha", 13), None, "no second word");
        // Typographic differences are forgiven as by `locate`.
        let dash = original.find('—').unwrap();
        assert_eq!(
            locate_at(&document, "ha - \"end\"", dash - 3).map(|r| &original[r]),
            Some("ha — “end”")
        );
        assert_eq!(locate_at(&document, "ha", usize::MAX), None);
    }

    #[test]
    fn closest_passage_points_at_the_near_miss() {
        let original =
            "One two three.\nThe Russian Navy chief visited Myanmar in June.\nFour five.";
        let document = NormalizedText::new(original);
        let range = closest_passage(&document, "the Russian navy chief visited Burma").unwrap();
        assert!(original[range].starts_with("The Russian Navy chief visited"));
        assert!(closest_passage(&document, "zzz qqq").is_none());
    }
}
