//! Reviews bound to their file: opened, saved under the file's lock and
//! merged with what others saved meanwhile, and kept in a recovery file
//! when they cannot be saved.

use std::path::PathBuf;

use super::ReviewError;
use super::file::{parse_bytes, read_error, write_error};
use super::merge::merge;
use crate::fs::{FsError, LockedFile};
use crate::fs::{data_folder, path_key};
use crate::model::Reviews;

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
                Some(read_error(&shown, FsError::io("read", &path, error))),
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
        let on_disk = file.read().map_err(|error| read_error(&shown, error))?;
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
        data_folder()
            .join("recovery")
            .join(format!("{stem}-{}.toml", path_key(&full)))
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
        for (id, grade) in &self.reviews.documents {
            if self.base.documents.get(id) != Some(grade) {
                kept.documents.insert(id.clone(), grade.clone());
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
            .filter(|reviews| !reviews.claims.is_empty() || !reviews.documents.is_empty())
    }

    /// Takes the recovered reviews into this store (a recovered review
    /// replaces the one in memory for the same claim) and returns how many
    /// claims they cover. The recovery file keeps them until a save puts
    /// them in the real file.
    pub fn restore_recovery(&mut self) -> usize {
        let Some(recovered) = self.pending_recovery() else {
            return 0;
        };
        let count = recovered.claims.len() + recovered.documents.len();
        self.reviews.claims.extend(recovered.claims);
        self.reviews.documents.extend(recovered.documents);
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
        kept.documents
            .retain(|id, grade| self.reviews.documents.get(id) != Some(grade));
        let _ = if kept.claims.is_empty() && kept.documents.is_empty() {
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
