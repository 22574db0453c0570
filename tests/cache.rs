//! The binary cache of CSV datasets: a reopen reads it, and a cache that is
//! stale (a table or a document's text changed, a table added), damaged,
//! cut short or foreign is never loaded but rebuilt from the sources, which
//! give the same dataset as an uncached load. And the memory check that
//! replaced the CSV size limit.

use std::path::{Path, PathBuf};
use std::process::Command;

use tiegraph::load::cache::{Cache, CacheError, CacheUse, Cached};
use tiegraph::load::{self, Loaded};

use crate::support::data;

/// A writable copy of a test folder, and a cache that takes any size.
fn setup(from: &str) -> (tempfile::TempDir, PathBuf, Cache) {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("dataset");
    copy_dir(&data(from), &folder);
    let cache = Cache {
        dir: temp.path().join("cache"),
        min_bytes: 0,
    };
    (temp, folder, cache)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn open(cache: &Cache, folder: &Path) -> Cached {
    cache
        .load_csv_folder(folder)
        .unwrap_or_else(|error| panic!("{} must load:\n{error}", folder.display()))
}

/// The uncached load, to compare with.
fn fresh(folder: &Path) -> Loaded {
    load::load_csv_folder(folder).unwrap()
}

fn assert_same(cached: &Cached, folder: &Path) {
    let fresh = fresh(folder);
    assert_eq!(cached.loaded.dataset, fresh.dataset);
    assert_eq!(cached.loaded.warnings, fresh.warnings);
}

fn rebuilt_because(cached: &Cached) -> &CacheError {
    match &cached.cache {
        CacheUse::Written { because } => because,
        other => panic!("expected the cache rebuilt, got {other:?}"),
    }
}

#[test]
fn a_reopen_reads_the_cache_and_gives_the_same_dataset_and_graph() {
    let (_temp, folder, cache) = setup("sanctions-csv");
    let first = open(&cache, &folder);
    assert!(matches!(rebuilt_because(&first), CacheError::Missing));
    assert!(cache.file_for(&folder).is_file());
    let second = open(&cache, &folder);
    assert!(matches!(second.cache, CacheUse::Read), "{:?}", second.cache);
    // Everything: vocabulary, texts, quotes and their ranges, the two
    // warnings (homonyms) a curator should still see.
    assert_same(&second, &folder);
    assert_eq!(second.loaded.warnings.len(), 2);
    let (a, b) = (
        tiegraph::graph::TieGraph::new(fresh(&folder).dataset),
        second.loaded.into_graph(),
    );
    for edge in a.graph().edge_indices() {
        assert_eq!(
            a.graph().edge_endpoints(edge),
            b.graph().edge_endpoints(edge)
        );
        assert_eq!(a.claim(edge).id, b.claim(edge).id);
    }
    assert_eq!(b.find("Omar Hadid"), a.find("Omar Hadid"));
}

#[test]
fn a_changed_table_text_or_added_table_makes_the_cache_stale() {
    let (_temp, folder, cache) = setup("csv");
    open(&cache, &folder);
    // A quote's document changed: its range moves, the cache must not
    // serve the old one.
    let text = folder.join("sources/one.txt");
    let old = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, format!("Preface. {old}")).unwrap();
    let reopened = open(&cache, &folder);
    assert!(
        matches!(rebuilt_because(&reopened), CacheError::Changed(name) if name == "sources/one.txt"),
        "{:?}",
        reopened.cache
    );
    assert_same(&reopened, &folder);
    assert_eq!(
        reopened.loaded.dataset.claims[0].evidence[0].start,
        "Preface. ".len()
    );
    assert!(matches!(open(&cache, &folder).cache, CacheUse::Read));

    // One byte of a table.
    let edges = folder.join("edges.csv");
    let table = std::fs::read_to_string(&edges).unwrap();
    std::fs::write(&edges, table.replacen("2020-05-03", "2020-05-04", 1)).unwrap();
    let reopened = open(&cache, &folder);
    assert!(matches!(rebuilt_because(&reopened), CacheError::Changed(name) if name == "edges.csv"));
    assert_same(&reopened, &folder);

    // A table that was not there: the dataset's own relations.
    std::fs::write(
        folder.join("relations.csv"),
        "id,meaning,mutual\nmet,met in person,true\nsigned,signed it,false\n",
    )
    .unwrap();
    let reopened = open(&cache, &folder);
    assert!(
        matches!(rebuilt_because(&reopened), CacheError::Changed(name) if name == "relations.csv")
    );
    assert!(reopened.loaded.dataset.vocabulary.declared_relations);
}

#[test]
fn damaged_truncated_and_foreign_caches_are_rebuilt_never_loaded() {
    let (temp, folder, cache) = setup("sanctions-csv");
    open(&cache, &folder);
    let file = cache.file_for(&folder);
    let good = std::fs::read(&file).unwrap();

    // Every byte flipped in turn, at a stride (header, sources, payload):
    // never a panic, never the damaged data, always the sources' dataset.
    for at in (0..good.len()).step_by(good.len() / 40 + 1) {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        std::fs::write(&file, &bad).unwrap();
        let reopened = open(&cache, &folder);
        assert!(
            matches!(reopened.cache, CacheUse::Written { .. }),
            "byte {at}: {:?}",
            reopened.cache
        );
        assert_same(&reopened, &folder);
    }

    // Cut short anywhere.
    for cut in [0, 8, 17, good.len() / 2, good.len() - 1] {
        std::fs::write(&file, &good[..cut]).unwrap();
        let reopened = open(&cache, &folder);
        assert!(
            matches!(reopened.cache, CacheUse::Written { .. }),
            "cut at {cut}"
        );
        assert_same(&reopened, &folder);
    }

    // Not a cache at all.
    std::fs::write(&file, b"PK\x03\x04 a zip file, not ours").unwrap();
    let reopened = open(&cache, &folder);
    assert!(matches!(rebuilt_because(&reopened), CacheError::Foreign));

    // Another folder's cache under this name (a copy, a hash collision).
    let other = temp.path().join("other");
    copy_dir(&data("csv"), &other);
    open(&cache, &other);
    std::fs::copy(cache.file_for(&other), &file).unwrap();
    let reopened = open(&cache, &folder);
    assert!(matches!(rebuilt_because(&reopened), CacheError::Stale));
    assert_same(&reopened, &folder);
    assert!(matches!(open(&cache, &folder).cache, CacheUse::Read));
}

#[test]
fn an_unwritable_cache_folder_still_opens_the_dataset() {
    let (temp, folder, _) = setup("csv");
    // The cache folder is a file: nothing can be written under it.
    let blocked = temp.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let cache = Cache {
        dir: blocked.join("cache"),
        min_bytes: 0,
    };
    let opened = open(&cache, &folder);
    assert!(
        matches!(opened.cache, CacheUse::NotWritten { .. }),
        "{:?}",
        opened.cache
    );
    assert_same(&opened, &folder);
}

#[test]
fn small_folders_are_not_cached_by_default() {
    let (_temp, folder, mut cache) = setup("csv");
    cache.min_bytes = 16 * 1024 * 1024;
    assert!(matches!(open(&cache, &folder).cache, CacheUse::NotUsed));
    assert!(!cache.file_for(&folder).exists());
}

#[test]
fn the_command_line_reopens_a_large_folder_from_the_cache() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("synth");
    let tiegraph = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tiegraph"))
            .args(args)
            .env("XDG_DATA_HOME", temp.path().join("data"))
            .env("TIEGRAPH_CACHE_MIN_BYTES", "0")
            .output()
            .unwrap()
    };
    let made = tiegraph(&[
        "synth",
        "2000",
        "8000",
        "--format",
        "csv",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let first = tiegraph(&["stats", folder.to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let caches: Vec<_> = std::fs::read_dir(temp.path().join("data/tiegraph/cache"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "tgcache"))
        .collect();
    assert_eq!(caches.len(), 1);
    let second = tiegraph(&["stats", folder.to_str().unwrap()]);
    assert_eq!(
        second.stdout, first.stdout,
        "the same statistics from the cache"
    );
}

#[test]
fn a_folder_too_large_for_the_memory_is_refused_with_the_estimate() {
    let folder = data("sanctions-csv");
    let output = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(["check", folder.to_str().unwrap()])
        .env("TIEGRAPH_MEMORY_LIMIT", "1000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("sanctions-csv:1:1: error[document-unreadable]"),
        "{stderr}"
    );
    assert!(stderr.contains("too large for this machine"), "{stderr}");
    assert!(stderr.contains("would need about"), "{stderr}");
    assert!(stderr.contains("and 1 MB is available"), "{stderr}");
    // The same folder with the memory there is loads.
    let output = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(["check", folder.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success());
}
