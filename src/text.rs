//! Folding names for lookup: case-, diacritic- and spacing-insensitive.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name so that spellings differing only in case, diacritics,
/// typographic apostrophes or spacing compare equal.
///
/// ```
/// use tiegraph::text::fold;
/// assert_eq!(fold("  Sergéy   SHOIGU "), fold("sergey shoigu"));
/// assert_eq!(fold("Min Aung Hlaing’s"), fold("min aung hlaing's"));
/// assert_ne!(fold("Sergei"), fold("Sergey"));
/// ```
pub fn fold(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            other => other,
        };
        folded.extend(c.to_lowercase());
    }
    folded
}
