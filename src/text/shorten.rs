//! Shortening text for display: at most a number of characters, cut at a
//! character boundary, trailing space dropped, an ellipsis added.

/// `text` cut to at most `chars` characters (the last one an ellipsis when
/// it was cut).
///
/// ```
/// assert_eq!(tiegraph::text::shorten("Min Aung Hlaing", 20), "Min Aung Hlaing");
/// assert_eq!(tiegraph::text::shorten("Min Aung Hlaing", 9), "Min Aung…");
/// ```
pub fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(chars.saturating_sub(1)).collect();
        short.truncate(short.trim_end().len());
        short.push('…');
        short
    }
}
