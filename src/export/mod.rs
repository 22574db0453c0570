//! Exports of the graph. Every writer is deterministic: the same dataset
//! gives the same bytes.

pub mod dot;
pub mod graphml;
pub mod json;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Write(#[from] crate::fs::FsError),
    #[error("cannot serialize: {0}")]
    Serialize(String),
    #[error("cannot serialize as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What every view export may add beyond the view itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions<'a> {
    /// Title of the drawing; default: the dataset's name.
    pub title: Option<&'a str>,
    /// Layout positions by node index (points), written as `pos` / x, y.
    pub positions: Option<&'a [Option<[f32; 2]>]>,
    /// Add a legend of the node kinds present (DOT).
    pub legend: bool,
}

/// Replaces control characters other than tab, line feed and carriage
/// return with U+FFFD: XML 1.0 cannot hold them and Graphviz may stop at NUL.
pub fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
