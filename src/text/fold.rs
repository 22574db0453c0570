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
    fold_into(name, &mut folded);
    folded
}

/// [`fold`] into `folded` (cleared first), for loops over millions of names
/// that need not allocate one string each.
pub fn fold_into(name: &str, folded: &mut String) {
    folded.clear();
    if name.is_ascii() {
        fold_ascii(name, folded);
    } else {
        fold_unicode(name, folded);
    }
}

fn fold_unicode(name: &str, folded: &mut String) {
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
}

/// [`fold`] for ASCII text, which has no diacritics or typographic marks:
/// lowercase and collapse spaces, without decomposing. Imports of hundreds
/// of thousands of names spend most of their folding time here.
fn fold_ascii(name: &str, folded: &mut String) {
    // `char::is_whitespace`, as in `fold`, also counts the vertical tab.
    for word in name.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_shortcut_folds_as_the_general_path() {
        for name in [
            "",
            "  ",
            "Min  Aung\tHlaing ",
            "\x0bA\x0cB\r\nC\x1fD",
            "MiG-29 'Fulcrum' \"2\"",
            "UPPER lower 123",
        ] {
            let (mut ascii, mut unicode) = (String::new(), String::new());
            fold_ascii(name, &mut ascii);
            fold_unicode(name, &mut unicode);
            assert_eq!(ascii, unicode, "{name:?}");
        }
    }
}
