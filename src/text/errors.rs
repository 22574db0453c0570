//! Error messages with their causes. Errors keep their cause as a
//! `source()` rather than in their own message, so that every front end can
//! show the whole chain once: this is the one function that does.

use std::error::Error;

/// An error and every cause under it, on one line, each after a colon:
/// `cannot write out.dot: Permission denied (os error 13)`.
///
/// ```
/// use tiegraph::text::with_causes;
/// #[derive(Debug, thiserror::Error)]
/// #[error("cannot write out.dot")]
/// struct Outer(#[source] std::io::Error);
/// let error = Outer(std::io::Error::other("disk full"));
/// assert_eq!(with_causes(&error), "cannot write out.dot: disk full");
/// ```
pub fn with_causes(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        // A message that already ends with its cause (a wrapper from another
        // crate) is not repeated.
        if !said.is_empty() && !text.ends_with(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
}
