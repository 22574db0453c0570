//! A dataset file open for editing: the text as read, the dataset it
//! loads to, and the write of an edit (validated first, atomic, under the
//! file's lock, refused when someone else changed the file meanwhile).

use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::edit::{Edit, NewDocument};
use super::ids::{slug, unique};
use super::{CurateError, toml_doc, unusual};
use crate::fs::{FsError, LockedFile};
use crate::load::{FolderStore, LoadError, Loaded, load_str};

/// A curated TOML dataset on disk, as last read or written by this
/// process.
#[derive(Debug)]
pub struct DatasetFile {
    path: PathBuf,
    folder: PathBuf,
    /// The file's text as last read or written: a write is refused unless
    /// the file still holds exactly this.
    text: String,
    loaded: Loaded,
}

/// What an edit did.
#[derive(Debug)]
pub struct Applied {
    /// What it did, in a few words.
    pub summary: String,
    /// Ids of the documents, entities, claims and conflicts it created.
    pub created: Vec<String>,
    /// The file's text before and after: undo writes `before` back.
    pub before: String,
    pub after: String,
    /// Said, not refused: e.g. a relation no other claim uses between such
    /// kinds.
    pub warnings: Vec<String>,
}

/// `text` (what `toml_edit` wrote) in the line ends of `original`: a file
/// written with `\r\n` (Windows) or a byte-order mark keeps them, and its
/// last line break, so that an edit changes only what it edits.
fn in_style_of(original: &str, text: String) -> String {
    let lines = original.matches('\n').count();
    let crlf = lines > 0 && original.matches("\r\n").count() * 2 > lines;
    let mut text = if crlf {
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        text
    };
    let end = if crlf { "\r\n" } else { "\n" };
    // A table added at the end comes without the file's last line break.
    if original.ends_with('\n') && !text.ends_with('\n') {
        text.push_str(end);
    }
    if original.starts_with('\u{feff}') && !text.starts_with('\u{feff}') {
        text.insert(0, '\u{feff}');
    }
    text
}

/// The format of a dataset that tiegraph reads but does not edit in place.
pub fn read_only_format(path: &Path) -> Option<&'static str> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if path.is_dir() || extension == "csv" {
        Some("CSV")
    } else if matches!(extension.as_str(), "jsonl" | "ndjson" | "ftm") {
        Some("FollowTheMoney")
    } else if extension == "json" {
        Some("JSON")
    } else {
        None
    }
}

impl DatasetFile {
    /// Opens a curated TOML dataset for editing. CSV folders, JSON and
    /// FollowTheMoney files are refused with the way to a TOML copy.
    pub fn open(path: &Path) -> Result<Self, CurateError> {
        if let Some(format) = read_only_format(path) {
            return Err(CurateError::NotToml {
                path: path.to_path_buf(),
                format,
            });
        }
        let bytes = std::fs::read(path).map_err(|error| FsError::io("read", path, error))?;
        let Ok(text) = String::from_utf8(bytes) else {
            // The loader says where the bad byte is.
            return Err(crate::load::load_path(path).err().map_or(
                CurateError::Fs(FsError::io(
                    "read",
                    path,
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
                )),
                CurateError::Load,
            ));
        };
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let loaded = load_str(
            &path.display().to_string(),
            &text,
            &FolderStore::new(&folder),
        )?;
        Ok(DatasetFile {
            path: path.to_path_buf(),
            folder,
            text,
            loaded,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's text as last read or written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The dataset as last read or written.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// Applies `edit` and writes the result. A document's text is copied
    /// into `sources/` first (under a name no file has), and removed again
    /// if the edit is refused.
    pub fn apply(&mut self, edit: &Edit) -> Result<Applied, CurateError> {
        let mut doc: DocumentMut = self
            .text
            .parse()
            .map_err(|source| CurateError::Unparsable {
                path: self.path.clone(),
                source,
            })?;
        let mut warnings = unusual::warnings(&self.loaded.dataset, edit);
        let earlier: Vec<String> = self
            .loaded
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect();
        let mut source_written = None;
        let edit = match edit {
            Edit::AddDocument(document) => {
                let (placed, path) = self.place_source(document)?;
                source_written = Some(path);
                Edit::AddDocument(placed)
            }
            other => other.clone(),
        };
        let mut notes = Vec::new();
        let result = toml_doc::apply(&mut doc, &self.loaded.dataset, &edit, &mut notes).and_then(
            |created| {
                let text = in_style_of(&self.text, doc.to_string());
                Ok((created, self.write(text)?))
            },
        );
        match result {
            Ok((created, before)) => {
                warnings.extend(notes);
                warnings.extend(self.new_warnings(&earlier));
                Ok(Applied {
                    summary: edit.describe(),
                    created,
                    before,
                    after: self.text.clone(),
                    warnings,
                })
            }
            Err(error) => {
                if let Some(path) = source_written {
                    let _ = std::fs::remove_file(path);
                }
                Err(error)
            }
        }
    }

    /// Writes `text` as the dataset's whole file (undo and redo write back
    /// an earlier text): validated first, under the lock, and only if the
    /// file still holds what this process last read or wrote. Returns the
    /// text it replaced.
    pub fn write(&mut self, text: String) -> Result<String, CurateError> {
        let loaded = load_str(
            &self.path.display().to_string(),
            &text,
            &FolderStore::new(&self.folder),
        )
        .map_err(|error| match error {
            LoadError::Invalid { diagnostics } => CurateError::WouldBeInvalid { diagnostics },
            other => CurateError::Load(other),
        })?;
        let file = LockedFile::lock(&self.path)?;
        if file.read()?.as_deref() != Some(self.text.as_bytes()) {
            return Err(CurateError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        file.replace(text.as_bytes())?;
        self.loaded = loaded;
        Ok(std::mem::replace(&mut self.text, text))
    }

    /// Reads the file again (after someone else changed it).
    pub fn reload(&mut self) -> Result<(), CurateError> {
        *self = DatasetFile::open(&self.path)?;
        Ok(())
    }

    /// Warnings the loader gives now that it did not give with the
    /// `earlier` ones (the dataset as it was before the edit).
    fn new_warnings(&self, earlier: &[String]) -> Vec<String> {
        self.loaded
            .warnings
            .iter()
            .filter(|w| !earlier.contains(&w.message))
            .map(|w| w.message.clone())
            .collect()
    }

    /// Copies a new document's text into `sources/` under a name that no
    /// file has yet (from the file's own name, or the title).
    fn place_source(&self, document: &NewDocument) -> Result<(NewDocument, PathBuf), CurateError> {
        let sources = self.folder.join("sources");
        std::fs::create_dir_all(&sources)
            .map_err(|error| FsError::io("create the folder", &sources, error))?;
        let given = Path::new(&document.file_name);
        let extension = given
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .filter(|e| e == "md" || e == "txt")
            .unwrap_or_else(|| "txt".to_string());
        let stem = given
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = slug(
            if stem.is_empty() {
                &document.title
            } else {
                &stem
            },
            "document",
        );
        let name = unique(&base, |candidate| {
            sources.join(format!("{candidate}.{extension}")).exists()
        });
        // Made new, never over a file another process just placed there.
        let (file_name, path) = create_new(&sources, &name, &extension, &document.text)?;
        Ok((
            NewDocument {
                file_name,
                ..document.clone()
            },
            path,
        ))
    }
}

/// Writes `text` to a file of `folder` that did not exist: `name.extension`,
/// or `name-2.extension`… if another process made that one meanwhile.
/// Returns its file name and path.
fn create_new(
    folder: &Path,
    name: &str,
    extension: &str,
    text: &str,
) -> Result<(String, PathBuf), CurateError> {
    use std::io::Write;
    let mut attempt = 1;
    loop {
        let file_name = if attempt == 1 {
            format!("{name}.{extension}")
        } else {
            format!("{name}-{attempt}.{extension}")
        };
        let path = folder.join(&file_name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let written = file
                    .write_all(text.as_bytes())
                    .and_then(|()| file.sync_all());
                if let Err(error) = written {
                    let _ = std::fs::remove_file(&path);
                    return Err(FsError::io("write", &path, error).into());
                }
                return Ok((file_name, path));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(error) => return Err(FsError::io("create", &path, error).into()),
        }
    }
}
