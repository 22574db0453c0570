//! Review state as data: each claim confirmed, disputed or rejected (or
//! not yet reviewed), with a note, the reviewer and the time, and each
//! evidence quote marked "checked in context". Where it is stored and how
//! it is merged is [`crate::review`]'s job.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The outcome of reviewing a claim.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    #[default]
    Unreviewed,
    Confirmed,
    Disputed,
    Rejected,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::Unreviewed,
        ReviewStatus::Confirmed,
        ReviewStatus::Disputed,
        ReviewStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Disputed => "disputed",
            ReviewStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An evidence item marked "quote checked in context".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckedQuote {
    pub document: String,
    pub quote: String,
}

/// The review of one claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimReview {
    #[serde(default)]
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When it was last changed, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<CheckedQuote>,
    /// Credibility grades a reviewer gave evidence items (who and when:
    /// the claim's `reviewer` and `time`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credibility: Vec<GradedQuote>,
}

/// An evidence item's credibility as a reviewer graded it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradedQuote {
    pub document: String,
    pub quote: String,
    pub grade: super::Credibility,
}

/// A document's reliability as a reviewer graded it, with who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentGrade {
    pub reliability: super::Reliability,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// Every review of a dataset, by claim id (sorted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviews {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub claims: BTreeMap<String, ClaimReview>,
    /// Reliability grades of documents, by document id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub documents: BTreeMap<String, DocumentGrade>,
}

fn version() -> u32 {
    1
}

impl Default for Reviews {
    /// No reviews, in the current file format (version 1).
    fn default() -> Self {
        Reviews {
            version: version(),
            claims: BTreeMap::new(),
            documents: BTreeMap::new(),
        }
    }
}

impl Reviews {
    pub fn status(&self, claim: &str) -> ReviewStatus {
        self.claims.get(claim).map(|r| r.status).unwrap_or_default()
    }

    pub fn get(&self, claim: &str) -> Option<&ClaimReview> {
        self.claims.get(claim)
    }

    /// Sets a claim's status (and note and reviewer, when given), stamping
    /// the time.
    pub fn set(
        &mut self,
        claim: &str,
        status: ReviewStatus,
        note: Option<String>,
        reviewer: Option<String>,
    ) {
        let entry = self.claims.entry(claim.to_string()).or_default();
        entry.status = status;
        if note.is_some() {
            entry.note = note;
        }
        if reviewer.is_some() {
            entry.reviewer = reviewer;
        }
        entry.time = Some(now_rfc3339());
    }

    /// Marks or unmarks an evidence quote as checked in context.
    pub fn set_checked(&mut self, claim: &str, document: &str, quote: &str, checked: bool) {
        let entry = self.claims.entry(claim.to_string()).or_default();
        let item = CheckedQuote {
            document: document.to_string(),
            quote: quote.to_string(),
        };
        entry.checked.retain(|c| *c != item);
        if checked {
            entry.checked.push(item);
            entry.checked.sort();
        }
        entry.time = Some(now_rfc3339());
    }

    /// Grades a document's reliability (or takes the grade away), with who
    /// and when.
    pub fn set_reliability(
        &mut self,
        document: &str,
        reliability: Option<super::Reliability>,
        reviewer: Option<String>,
    ) {
        match reliability {
            Some(reliability) => {
                self.documents.insert(
                    document.to_string(),
                    DocumentGrade {
                        reliability,
                        reviewer,
                        time: Some(now_rfc3339()),
                    },
                );
            }
            None => {
                self.documents.remove(document);
            }
        }
    }

    /// Grades an evidence item's credibility (or takes the grade away); the
    /// claim's reviewer and time record who and when.
    pub fn set_credibility(
        &mut self,
        claim: &str,
        (document, quote): (&str, &str),
        grade: Option<super::Credibility>,
        reviewer: Option<String>,
    ) {
        let entry = self.claims.entry(claim.to_string()).or_default();
        entry
            .credibility
            .retain(|g| !(g.document == document && g.quote == quote));
        if let Some(grade) = grade {
            entry.credibility.push(GradedQuote {
                document: document.to_string(),
                quote: quote.to_string(),
                grade,
            });
            entry.credibility.sort();
        }
        if reviewer.is_some() {
            entry.reviewer = reviewer;
        }
        entry.time = Some(now_rfc3339());
    }

    /// A reviewer's reliability grade of a document.
    pub fn reliability(&self, document: &str) -> Option<super::Reliability> {
        self.documents.get(document).map(|g| g.reliability)
    }

    /// A reviewer's credibility grade of an evidence item.
    pub fn credibility(
        &self,
        claim: &str,
        document: &str,
        quote: &str,
    ) -> Option<super::Credibility> {
        self.claims
            .get(claim)?
            .credibility
            .iter()
            .find_map(|g| (g.document == document && g.quote == quote).then_some(g.grade))
    }

    pub fn is_checked(&self, claim: &str, document: &str, quote: &str) -> bool {
        self.claims.get(claim).is_some_and(|r| {
            r.checked
                .iter()
                .any(|c| c.document == document && c.quote == quote)
        })
    }
}

/// Now, as RFC 3339 UTC (`2026-11-23T14:30:05Z`), without a date crate.
pub fn now_rfc3339() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20);
        assert!(now.ends_with('Z'));
        assert!(now.starts_with("20"));
        assert_eq!(&now[4..5], "-");
        assert_eq!(&now[10..11], "T");
    }
}
