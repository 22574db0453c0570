//! Ids for what a curator adds: readable, from the label or title, and
//! never one already taken ("Admiral Example" → `admiral-example`, then
//! `admiral-example-2`).

/// `text` as an id: lowercase ASCII letters, digits and `-` (letters with
/// diacritics lose them, everything else separates words), at most 60
/// characters, cut at a word; `fallback` when nothing is left.
///
/// ```
/// use tiegraph::curate::ids::slug;
/// assert_eq!(slug("Vice-Admiral Vladimir Kasatonov", "entity"), "vice-admiral-vladimir-kasatonov");
/// assert_eq!(slug("Sergéy  Shoigu’s visit", "entity"), "sergey-shoigu-s-visit");
/// assert_eq!(slug("မြန်မာ", "entity"), "entity");
/// ```
pub fn slug(text: &str, fallback: &str) -> String {
    let folded = crate::text::fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 60 {
        let cut = out[..60].rfind('-').unwrap_or(60);
        out.truncate(cut);
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`… the first that `taken` does not hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_string())
}
