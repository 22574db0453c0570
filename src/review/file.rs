//! The reviews sidecar file: TOML, sorted, one block per claim keyed by the
//! stable claim id, so that it diffs and merges well; and its errors.

use std::sync::Arc;

use crate::fs::FsError;
use crate::model::Reviews;
use crate::text::line_column;

impl Reviews {
    /// The file text: a header, then one block per claim in id order.
    pub fn to_toml(&self, dataset_name: &str) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "# tiegraph reviews of {}\n# One block per claim, keyed by the claim's stable id. Edit with care.\nversion = {}\n",
            dataset_name.replace('\n', " "),
            self.version
        ));
        for (id, review) in &self.claims {
            out.push_str(&format!("\n[claims.{}]\n", toml_string(id)));
            out.push_str(&format!(
                "status = {}\n",
                toml_string(review.status.as_str())
            ));
            if let Some(note) = &review.note {
                out.push_str(&format!("note = {}\n", toml_string(note)));
            }
            if let Some(reviewer) = &review.reviewer {
                out.push_str(&format!("reviewer = {}\n", toml_string(reviewer)));
            }
            if let Some(time) = &review.time {
                out.push_str(&format!("time = {}\n", toml_string(time)));
            }
            if !review.checked.is_empty() {
                out.push_str("checked = [\n");
                for item in &review.checked {
                    out.push_str(&format!(
                        "  {{ document = {}, quote = {} }},\n",
                        toml_string(&item.document),
                        toml_string(&item.quote)
                    ));
                }
                out.push_str("]\n");
            }
            if !review.credibility.is_empty() {
                out.push_str("credibility = [\n");
                for item in &review.credibility {
                    out.push_str(&format!(
                        "  {{ document = {}, quote = {}, grade = {} }},\n",
                        toml_string(&item.document),
                        toml_string(&item.quote),
                        item.grade
                    ));
                }
                out.push_str("]\n");
            }
        }
        for (id, grade) in &self.documents {
            out.push_str(&format!("\n[documents.{}]\n", toml_string(id)));
            out.push_str(&format!(
                "reliability = {}\n",
                toml_string(&grade.reliability.to_string())
            ));
            if let Some(reviewer) = &grade.reviewer {
                out.push_str(&format!("reviewer = {}\n", toml_string(reviewer)));
            }
            if let Some(time) = &grade.time {
                out.push_str(&format!("time = {}\n", toml_string(time)));
            }
        }
        out
    }

    /// Parses a reviews file; errors are located.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ReviewError> {
        toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            ReviewError::Parse {
                file: file.to_string(),
                line,
                column,
                message: error.message().trim().to_string(),
            }
        })
    }
}

/// A TOML basic string with every special character escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Why reviews could not be read or written. Cloneable (a store keeps the
/// error that made it refuse to write), so causes are shared.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{file}:{line}:{column}: not a tiegraph reviews file: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read {file}")]
    Read {
        file: String,
        #[source]
        source: Arc<FsError>,
    },
    #[error("cannot write {file}")]
    Write {
        file: String,
        #[source]
        source: Arc<FsError>,
    },
    #[error(
        "another tiegraph has been saving {file} for over {seconds} s; nothing was written; try again when it is done"
    )]
    Busy { file: String, seconds: u64 },
    #[error(
        "{file} failed to parse when it was opened, so it is not overwritten; save the reviews to another file"
    )]
    RefusedUnparsed { file: String },
    #[error(
        "{file} was changed by someone else since it was read, and these claims were reviewed differently there: {}; reload or save elsewhere",
        .claims.join(", ")
    )]
    Conflict { file: String, claims: Vec<String> },
    #[error("no claim has the id {id:?}{}", suggestion(.suggestions))]
    UnknownClaim {
        id: String,
        suggestions: Vec<String>,
    },
}

fn suggestion(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", or "))
    }
}

/// Parses a reviews file's bytes; errors are located.
pub(crate) fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Reviews, ReviewError> {
    let text = std::str::from_utf8(bytes).map_err(|error| ReviewError::Parse {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 (invalid byte at offset {})", error.valid_up_to()),
    })?;
    Reviews::from_toml(file, text)
}

/// A failure to read, as a review error naming the file.
pub(crate) fn read_error(file: &str, error: FsError) -> ReviewError {
    ReviewError::Read {
        file: file.to_string(),
        source: Arc::new(error),
    }
}

/// A failure to lock or write, as a review error naming the file.
pub(crate) fn write_error(file: &str, error: FsError) -> ReviewError {
    match error {
        FsError::Busy { waited_seconds, .. } => ReviewError::Busy {
            file: file.to_string(),
            seconds: waited_seconds,
        },
        other => ReviewError::Write {
            file: file.to_string(),
            source: Arc::new(other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReviewStatus;

    #[test]
    fn strings_round_trip_through_the_file_format() {
        let mut reviews = Reviews::default();
        let hostile = "say \"hi\" \\ then\nnew line\t tab \u{7} bell ’quotes’";
        reviews.set(
            "a--met--b",
            ReviewStatus::Disputed,
            Some(hostile.into()),
            Some("Ana".into()),
        );
        reviews.set_checked("a--met--b", "doc", hostile, true);
        let text = reviews.to_toml("Test");
        let back = Reviews::from_toml("t", &text).unwrap();
        assert_eq!(back, reviews);
    }
}
