//! Review state: each claim confirmed, disputed or rejected (or not yet
//! reviewed), with a note, the reviewer and the time, and each evidence
//! quote marked "checked in context".
//!
//! Reviews live in a sidecar TOML file, never in the curated dataset: next
//! to a dataset on disk (`<name>.reviews.toml`), or for the embedded dataset
//! in the user's data folder, named after the dataset's hash. The file is
//! sorted and has one block per claim, keyed by the stable claim ids, so it
//! diffs well.
//!
//! Safety, because reviewers' work is the expensive part:
//! - saves are atomic (temporary file in the same folder, fsync, rename)
//!   and hold the file's lock from reading to replacing it ([`crate::fs`]),
//!   so two tiegraphs saving at once never lose each other's work;
//! - a file that fails to parse is never overwritten ([`ReviewStore::save`]
//!   refuses; the reviews stay in memory and can be saved elsewhere);
//! - reviews whose claim no longer exists are kept and listed as orphans;
//! - a change made on disk by another process since we read it is detected
//!   before writing: non-overlapping changes are merged, overlapping ones
//!   refused.

pub mod conflicts;
pub mod impact;
pub mod queue;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fs::{FsError, LockedFile};
use crate::graph::TieGraph;
use crate::load::line_column;

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
}

/// Every review of a dataset, by claim id (sorted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviews {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub claims: BTreeMap<String, ClaimReview>,
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

    pub fn is_checked(&self, claim: &str, document: &str, quote: &str) -> bool {
        self.claims.get(claim).is_some_and(|r| {
            r.checked
                .iter()
                .any(|c| c.document == document && c.quote == quote)
        })
    }

    /// Reviews whose claim the dataset no longer has. Kept, never dropped.
    pub fn orphans(&self, graph: &TieGraph) -> Vec<&str> {
        self.claims
            .keys()
            .filter(|id| graph.claim_index(id).is_none())
            .map(String::as_str)
            .collect()
    }

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

/// Why reviews could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("{file}:{line}:{column}: not a tiegraph reviews file: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read {file}: {reason}")]
    Read { file: String, reason: String },
    #[error("cannot write {file}: {reason}")]
    Write { file: String, reason: String },
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

/// Where a dataset's reviews are kept.
pub fn reviews_path(dataset_file: Option<&Path>, dataset_hash: &str) -> PathBuf {
    match dataset_file {
        Some(path) => {
            let stem = path
                .file_stem()
                .map_or_else(|| "dataset".into(), |s| s.to_string_lossy().into_owned());
            path.with_file_name(format!("{stem}.reviews.toml"))
        }
        None => data_folder()
            .join("reviews")
            .join(format!("embedded-{dataset_hash}.reviews.toml")),
    }
}

/// The user's data folder for tiegraph (`$XDG_DATA_HOME/tiegraph`).
pub fn data_folder() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("tiegraph")
}

/// 64-bit FNV-1a: a stable short name for a path (unlike std's hasher, the
/// same on every run and version).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A failure injected into [`ReviewStore::save_with`], for tests of crash
/// safety.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectedFailure {
    None,
    /// Stop after the temporary file is written and synced, before rename.
    AfterTempWrite,
}

/// Reviews bound to their file: what was read (for merging), and whether
/// the file may be written.
#[derive(Clone, Debug)]
pub struct ReviewStore {
    pub path: PathBuf,
    pub reviews: Reviews,
    /// The reviews as last read from or written to disk.
    base: Reviews,
    /// The file's bytes as last seen, to detect changes by others.
    base_bytes: Option<Vec<u8>>,
    /// The file failed to parse when opened: never overwrite it.
    pub unparsed: Option<ReviewError>,
    dataset_name: String,
}

impl ReviewStore {
    /// Opens the reviews at `path`. A missing file is an empty store; a file
    /// that does not parse gives an empty store that refuses to overwrite
    /// it, with the error in `unparsed`.
    pub fn open(path: PathBuf, dataset_name: &str) -> Self {
        let shown = path.display().to_string();
        let (reviews, bytes, unparsed) = match std::fs::read(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Reviews::default(), None, None)
            }
            Err(error) => (
                Reviews::default(),
                None,
                Some(ReviewError::Read {
                    file: shown,
                    reason: error.to_string(),
                }),
            ),
            Ok(bytes) => match parse_bytes(&shown, &bytes) {
                Ok(reviews) => (reviews, Some(bytes), None),
                Err(error) => (Reviews::default(), Some(bytes), Some(error)),
            },
        };
        ReviewStore {
            path,
            base: reviews.clone(),
            reviews,
            base_bytes: bytes,
            unparsed,
            dataset_name: dataset_name.to_string(),
        }
    }

    /// Whether there are changes not yet on disk.
    pub fn is_dirty(&self) -> bool {
        self.reviews != self.base
    }

    /// Saves to the store's file (see [`ReviewStore::save_with`]).
    pub fn save(&mut self) -> Result<(), ReviewError> {
        self.save_with(InjectedFailure::None)
    }

    /// Saves atomically, holding the file's lock from reading it to
    /// replacing it, so a save by another tiegraph cannot slip in between.
    /// Refuses a file that failed to parse; merges changes another process
    /// made since we read the file, or refuses if the same claims were
    /// changed on both sides, naming them.
    pub fn save_with(&mut self, failure: InjectedFailure) -> Result<(), ReviewError> {
        let shown = self.path.display().to_string();
        if self.unparsed.is_some() {
            return Err(ReviewError::RefusedUnparsed { file: shown });
        }
        let file = LockedFile::lock(&self.path).map_err(|e| write_error(&shown, e))?;
        let on_disk = file.read().map_err(|error| ReviewError::Read {
            file: shown.clone(),
            reason: error.to_string(),
        })?;
        if on_disk != self.base_bytes {
            // Someone else wrote the file: three-way merge by claim.
            let theirs = match &on_disk {
                None => Reviews::default(),
                Some(bytes) => {
                    parse_bytes(&shown, bytes).map_err(|_| ReviewError::RefusedUnparsed {
                        file: shown.clone(),
                    })?
                }
            };
            self.reviews = merge(&self.base, &self.reviews, &theirs).map_err(|claims| {
                ReviewError::Conflict {
                    file: shown.clone(),
                    claims,
                }
            })?;
        }
        let text = self.reviews.to_toml(&self.dataset_name);
        match failure {
            InjectedFailure::None => file.replace(text.as_bytes()),
            InjectedFailure::AfterTempWrite => {
                file.replace_failing_after_temporary(text.as_bytes())
            }
        }
        .map_err(|e| write_error(&shown, e))?;
        drop(file);
        self.base = self.reviews.clone();
        self.base_bytes = Some(text.into_bytes());
        // Recovered work that is now in the real file need not be offered again.
        self.prune_recovery();
        Ok(())
    }

    /// Where unsaved work on this store's file is kept when it cannot be
    /// saved: in the user's data folder (a dataset folder may be read-only),
    /// named after the reviews file's full path.
    pub fn recovery_path(&self) -> PathBuf {
        let full = std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone());
        let stem = self
            .path
            .file_stem()
            .map_or_else(|| "reviews".into(), |s| s.to_string_lossy().into_owned());
        data_folder().join("recovery").join(format!(
            "{stem}-{:016x}.toml",
            fnv1a(full.to_string_lossy().as_bytes())
        ))
    }

    /// Adds the changes not yet on disk (the reviews that differ from what
    /// was last read or written) to the recovery file, for when the real
    /// file cannot be written. Under the recovery file's lock, and merged
    /// with what it already holds, so two windows never erase each other's
    /// unsaved work. Returns where.
    pub fn write_recovery(&mut self) -> Result<PathBuf, ReviewError> {
        let path = self.recovery_path();
        let shown = path.display().to_string();
        let file = LockedFile::lock(&path).map_err(|e| write_error(&shown, e))?;
        let mut kept = match file.read().map_err(|e| write_error(&shown, e))? {
            None => Reviews::default(),
            Some(bytes) => parse_bytes(&shown, &bytes)?,
        };
        for (id, review) in &self.reviews.claims {
            if self.base.claims.get(id) != Some(review) {
                kept.claims.insert(id.clone(), review.clone());
            }
        }
        file.replace(kept.to_toml(&self.dataset_name).as_bytes())
            .map_err(|e| write_error(&shown, e))?;
        Ok(path)
    }

    /// Reviews left in the recovery file by an earlier session that could
    /// not save them, if any (and if they parse).
    pub fn pending_recovery(&self) -> Option<Reviews> {
        let path = self.recovery_path();
        let text = std::fs::read_to_string(&path).ok()?;
        Reviews::from_toml(&path.display().to_string(), &text)
            .ok()
            .filter(|reviews| !reviews.claims.is_empty())
    }

    /// Takes the recovered reviews into this store (a recovered review
    /// replaces the one in memory for the same claim) and returns how many
    /// claims they cover. The recovery file keeps them until a save puts
    /// them in the real file.
    pub fn restore_recovery(&mut self) -> usize {
        let Some(recovered) = self.pending_recovery() else {
            return 0;
        };
        let count = recovered.claims.len();
        self.reviews.claims.extend(recovered.claims);
        count
    }

    /// Deletes the recovery file (when the user discards it).
    pub fn discard_recovery(&self) {
        let path = self.recovery_path();
        if let Ok(file) = LockedFile::lock(&path) {
            let _ = file.remove();
        }
    }

    /// Drops from the recovery file every review the real file now holds
    /// as it is, and deletes the recovery file once nothing is left.
    /// Best effort: what cannot be pruned is offered again, never lost.
    fn prune_recovery(&self) {
        let path = self.recovery_path();
        if !path.exists() {
            return;
        }
        let shown = path.display().to_string();
        let Ok(file) = LockedFile::lock(&path) else {
            return;
        };
        let Ok(Some(bytes)) = file.read() else {
            return;
        };
        let Ok(mut kept) = parse_bytes(&shown, &bytes) else {
            return;
        };
        kept.claims
            .retain(|id, review| self.reviews.claims.get(id) != Some(review));
        let _ = if kept.claims.is_empty() {
            file.remove()
        } else {
            file.replace(kept.to_toml(&self.dataset_name).as_bytes())
        };
    }

    /// Saves to another file (e.g. when the original failed to parse); the
    /// store then belongs to that file.
    pub fn save_as(&mut self, path: PathBuf) -> Result<(), ReviewError> {
        let shown = path.display().to_string();
        // A target that exists must be a reviews file: never overwrite one
        // that does not parse; merge with one that does, keeping its claims.
        if let Ok(bytes) = std::fs::read(&path) {
            parse_bytes(&shown, &bytes).map_err(|_| ReviewError::RefusedUnparsed {
                file: shown.clone(),
            })?;
        }
        self.path = path;
        self.unparsed = None;
        // Merge against an empty base, so everything the target holds stays
        // (the save reads it again under the lock).
        self.base = Reviews::default();
        self.base_bytes = None;
        self.save()
    }
}

/// Parses a reviews file's bytes; errors are located.
fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Reviews, ReviewError> {
    let text = std::str::from_utf8(bytes).map_err(|error| ReviewError::Parse {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 (invalid byte at offset {})", error.valid_up_to()),
    })?;
    Reviews::from_toml(file, text)
}

/// A failure to lock or write, as a review error naming the file.
fn write_error(file: &str, error: FsError) -> ReviewError {
    match error {
        FsError::Busy { waited_seconds, .. } => ReviewError::Busy {
            file: file.to_string(),
            seconds: waited_seconds,
        },
        other => ReviewError::Write {
            file: file.to_string(),
            reason: other.to_string(),
        },
    }
}

/// Three-way merge by claim id: a claim changed on one side only takes that
/// side's review; changed on both sides to different reviews is a conflict.
fn merge(base: &Reviews, ours: &Reviews, theirs: &Reviews) -> Result<Reviews, Vec<String>> {
    let ids: BTreeSet<&String> = base
        .claims
        .keys()
        .chain(ours.claims.keys())
        .chain(theirs.claims.keys())
        .collect();
    let mut merged = Reviews {
        version: ours.version,
        claims: BTreeMap::new(),
    };
    let mut conflicts = Vec::new();
    for id in ids {
        let (b, o, t) = (
            base.claims.get(id),
            ours.claims.get(id),
            theirs.claims.get(id),
        );
        let chosen = if o == t || o == b {
            t
        } else if t == b {
            o
        } else {
            conflicts.push(id.clone());
            continue;
        };
        if let Some(review) = chosen {
            merged.claims.insert(id.clone(), review.clone());
        }
    }
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
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

    #[test]
    fn merge_takes_one_sided_changes_and_refuses_overlaps() {
        let mut base = Reviews::default();
        base.set("x", ReviewStatus::Confirmed, None, None);
        let mut ours = base.clone();
        ours.set("y", ReviewStatus::Rejected, None, None);
        let mut theirs = base.clone();
        theirs.set("z", ReviewStatus::Disputed, None, None);
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(merged.status("x"), ReviewStatus::Confirmed);
        assert_eq!(merged.status("y"), ReviewStatus::Rejected);
        assert_eq!(merged.status("z"), ReviewStatus::Disputed);
        let mut clash = base.clone();
        clash.set("y", ReviewStatus::Confirmed, Some("theirs".into()), None);
        assert_eq!(merge(&base, &ours, &clash), Err(vec!["y".to_string()]));
    }
}
