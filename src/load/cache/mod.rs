//! The binary cache of large CSV datasets: reopening a leak-sized folder
//! reads one compact file instead of parsing, checking and locating
//! millions of rows again.
//!
//! One cache file per dataset folder, in the data folder
//! (`$XDG_DATA_HOME/tiegraph/cache/`, never beside the user's files). It is
//! keyed by tiegraph's version, the folder, and the fingerprint of every
//! file the dataset was read from (its tables, present or absent, and its
//! documents' texts), and its payload carries its own fingerprint. It is
//! never trusted blindly: a cache of another version, folder or content,
//! or one damaged, cut short or not a cache at all, is ignored, the sources
//! are loaded, and the cache is written again (atomically, under a lock).
//! Decoding checks every reference and range as well (see `dataset`).

mod codec;
mod dataset;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codec::{Fingerprint, Reader, Writer, fingerprint};

use super::{LoadError, Loaded, Progress};

/// The first bytes of every cache file.
const MAGIC: &[u8; 16] = b"tiegraph cache\n\0";
/// Bumped whenever the encoding changes (tiegraph's version is checked too).
const FORMAT: u64 = 1;

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no cache yet")]
    Missing,
    #[error("not a tiegraph cache")]
    Foreign,
    #[error("made by another tiegraph version or for another folder")]
    Stale,
    #[error("{0} changed since the cache was made")]
    Changed(String),
    #[error("damaged: {0}")]
    Damaged(&'static str),
    #[error("cannot read it")]
    Io(#[source] std::io::Error),
}

/// What happened to the cache when a dataset was opened.
#[derive(Debug)]
pub enum CacheUse {
    /// Read from the cache.
    Read,
    /// Loaded from the sources, and the cache written (why it was not
    /// read: missing, stale, damaged…).
    Written { because: CacheError },
    /// Loaded from the sources; the cache could not be written (a full
    /// disk, an unwritable data folder): the next open loads them again.
    NotWritten { because: String },
    /// Too small to be worth a cache, or not a CSV folder.
    NotUsed,
}

/// Where caches live and which datasets get one.
#[derive(Clone, Debug)]
pub struct Cache {
    /// The folder holding the cache files.
    pub dir: PathBuf,
    /// Datasets whose tables are smaller than this load from their sources
    /// (a cache saves nothing there).
    pub min_bytes: u64,
}

impl Default for Cache {
    /// In the user's data folder, for tables of 16 MiB and more (or
    /// `TIEGRAPH_CACHE_MIN_BYTES`).
    fn default() -> Self {
        Cache {
            dir: crate::fs::data_folder().join("cache"),
            min_bytes: std::env::var("TIEGRAPH_CACHE_MIN_BYTES")
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(16 * 1024 * 1024),
        }
    }
}

/// A dataset opened through the cache.
#[derive(Debug)]
pub struct Cached {
    pub loaded: Loaded,
    pub cache: CacheUse,
}

impl Cache {
    /// The cache file of a dataset folder.
    pub fn file_for(&self, folder: &Path) -> PathBuf {
        let key = crate::fs::path_key(Path::new(&folder_name(folder)));
        self.dir.join(format!("{key}.tgcache"))
    }

    /// Opens the CSV folder: from its cache when the cache is this
    /// version's, for this folder and its unchanged files, and whole;
    /// otherwise from the files, writing the cache for next time.
    pub fn load_csv_folder(&self, folder: &Path) -> Result<Cached, LoadError> {
        self.load_csv_folder_with(folder, None)
    }

    /// [`Cache::load_csv_folder`], saying how far it has got in `progress`.
    pub fn load_csv_folder_with(
        &self,
        folder: &Path,
        progress: Option<Arc<Progress>>,
    ) -> Result<Cached, LoadError> {
        if super::tabular::tables_size(folder) < self.min_bytes {
            return Ok(Cached {
                loaded: super::load_csv_folder_with(folder, progress)?,
                cache: CacheUse::NotUsed,
            });
        }
        let file = self.file_for(folder);
        if let Some(progress) = &progress {
            progress.stage("Reading the cache", 0);
        }
        let because = match read_cache(&file, folder) {
            Ok(loaded) => {
                return Ok(Cached {
                    loaded,
                    cache: CacheUse::Read,
                });
            }
            Err(because) => because,
        };
        // The tables' fingerprints are taken before they are read: a table
        // changed while loading then never matches the cache made from it.
        let tables = table_prints(folder);
        let loaded = super::load_csv_folder_with(folder, progress.clone())?;
        if let Some(progress) = &progress {
            progress.stage("Writing the cache for next time", 0);
        }
        let cache = match tables
            .map_err(|error| error.to_string())
            .and_then(|tables| write_cache(&file, folder, &tables, &loaded))
        {
            Ok(()) => CacheUse::Written { because },
            Err(error) => CacheUse::NotWritten { because: error },
        };
        Ok(Cached { loaded, cache })
    }
}

/// The cache payload of a loaded dataset (what follows the header), or
/// `None` when the dataset holds what a cache cannot say. Public for the
/// fuzz target and its seeds.
pub fn encode_payload(loaded: &Loaded) -> Option<Vec<u8>> {
    dataset::encode(loaded)
}

/// The dataset in a cache payload, every reference and range checked: the
/// decoder behind the header and fingerprint checks (a fuzzer cannot forge
/// a fingerprint, so it calls this directly).
pub fn decode_payload(bytes: &[u8]) -> Result<Loaded, CacheError> {
    dataset::decode(bytes)
}

/// One file the dataset was read from: its name in the folder and its
/// fingerprint, or `None` for a table that is absent.
type SourcePrint = (String, Option<[u64; 2]>);

/// Every table, present or absent: adding `kinds.csv` makes a cache stale.
fn table_prints(folder: &Path) -> std::io::Result<Vec<SourcePrint>> {
    super::tabular::TABLES
        .iter()
        .map(|table| {
            let path = folder.join(table);
            Ok((
                table.to_string(),
                if path.exists() {
                    Some(file_print(&path)?)
                } else {
                    None
                },
            ))
        })
        .collect()
}

/// The fingerprint of a file's bytes, read in large blocks.
fn file_print(path: &Path) -> std::io::Result<[u64; 2]> {
    let mut file = std::fs::File::open(path)?;
    let mut print = Fingerprint::default();
    let mut buffer = vec![0u8; 4 << 20];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            return Ok(print.finish());
        }
        print.update(&buffer[..read]);
    }
}

fn version() -> String {
    format!(
        "tiegraph {} cache format {FORMAT}",
        env!("CARGO_PKG_VERSION")
    )
}

fn write_cache(
    file: &Path,
    folder: &Path,
    tables: &[SourcePrint],
    loaded: &Loaded,
) -> Result<(), String> {
    let payload = dataset::encode(loaded).ok_or("the dataset holds what a cache cannot say")?;
    let mut header = Writer::default();
    header.bytes.extend_from_slice(MAGIC);
    header.str(&version());
    header.str(&folder_name(folder));
    // The documents' texts as loaded (exactly the bytes on disk).
    let texts = loaded
        .dataset
        .documents
        .iter()
        .filter(|d| !d.path.is_empty())
        .map(|d| (d.path.clone(), Some(fingerprint(d.text.as_bytes()))));
    let sources: Vec<SourcePrint> = tables.iter().cloned().chain(texts).collect();
    header.usize(sources.len());
    for (name, print) in &sources {
        header.str(name);
        match print {
            None => header.u8(0),
            Some([a, b]) => {
                header.u8(1);
                header.u64(*a);
                header.u64(*b);
            }
        }
    }
    let [a, b] = fingerprint(&payload);
    header.u64(payload.len() as u64);
    header.u64(a);
    header.u64(b);
    let mut bytes = header.bytes;
    bytes.extend_from_slice(&payload);
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
        .map_err(|error| format!("cannot make {}: {error}", file.display()))?;
    let locked =
        crate::fs::LockedFile::lock(file).map_err(|error| crate::text::with_causes(&error))?;
    locked
        .replace(&bytes)
        .map_err(|error| crate::text::with_causes(&error))
}

fn folder_name(folder: &Path) -> String {
    folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn read_cache(file: &Path, folder: &Path) -> Result<Loaded, CacheError> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(CacheError::Missing);
        }
        Err(error) => return Err(CacheError::Io(error)),
    };
    let payload = check(&bytes, folder)?;
    dataset::decode(payload)
}

/// The payload of a cache file, once its magic, version, folder, sources
/// and payload fingerprint are all what they should be.
fn check<'a>(bytes: &'a [u8], folder: &Path) -> Result<&'a [u8], CacheError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(CacheError::Foreign);
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    if r.str()? != version() || r.str()? != folder_name(folder) {
        return Err(CacheError::Stale);
    }
    let count = r.count(2)?;
    for _ in 0..count {
        let name = r.str()?;
        let recorded = match r.u8()? {
            0 => None,
            1 => Some([r.u64()?, r.u64()?]),
            _ => return Err(CacheError::Damaged("a source flag that is neither 0 nor 1")),
        };
        // Only names inside the folder are followed (the loader refuses
        // others; a damaged cache must not make us read elsewhere).
        if super::check_relative_path(name).is_err() {
            return Err(CacheError::Damaged("a source outside the folder"));
        }
        let path = folder.join(name);
        let now = if path.exists() {
            Some(file_print(&path).map_err(CacheError::Io)?)
        } else {
            None
        };
        if now != recorded {
            return Err(CacheError::Changed(name.to_string()));
        }
    }
    let length =
        usize::try_from(r.u64()?).map_err(|_| CacheError::Damaged("a length too large"))?;
    let print = [r.u64()?, r.u64()?];
    let start = bytes.len() - r.remaining();
    let payload = bytes
        .get(start..)
        .filter(|payload| payload.len() == length)
        .ok_or(CacheError::Damaged("its length is not the one recorded"))?;
    if fingerprint(payload) != print {
        return Err(CacheError::Damaged("its content is not the one recorded"));
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dataset_reads_back_the_same() {
        let loaded = crate::load::load_embedded().unwrap();
        let bytes = dataset::encode(&loaded).unwrap();
        let back = dataset::decode(&bytes).unwrap();
        assert_eq!(back.dataset, loaded.dataset);
        assert_eq!(back.warnings, loaded.warnings);
        // The graph built from the cache's resolved ends is the same graph.
        let (a, b) = (
            crate::graph::TieGraph::new(loaded.dataset),
            back.into_graph(),
        );
        assert_eq!(a.graph().edge_count(), b.graph().edge_count());
        for edge in a.graph().edge_indices() {
            assert_eq!(
                a.graph().edge_endpoints(edge),
                b.graph().edge_endpoints(edge)
            );
        }
        // Every cut of the payload is refused, never a panic.
        for cut in (0..bytes.len()).step_by(97) {
            assert!(dataset::decode(&bytes[..cut]).is_err());
        }
    }
}
