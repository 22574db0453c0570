//! "Did you mean": the candidate closest to a misspelt word.

/// The closest candidate to `found`, if it is close enough to be a typo
/// (Jaro–Winkler similarity of at least 0.8).
///
/// ```
/// let relations = ["visited", "docked_at", "met"];
/// assert_eq!(tiegraph::text::did_you_mean("vistied", relations), Some("visited"));
/// assert_eq!(tiegraph::text::did_you_mean("owns", relations), None);
/// ```
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(found, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
