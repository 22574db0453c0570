//! Any bytes as the tables of a CSV dataset (split at 0x1E, the ASCII
//! record separator): documents, nodes, edges, then the dataset's own
//! vocabulary, kinds and relations. Every bad row is a
//! located diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::load::{CsvTables, LoadError, MemoryStore, TableInput, load_csv_tables};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0x1e);
    let mut table = |name: &str| -> Option<(String, TableInput)> {
        let bytes = parts.next()?.to_vec();
        Some((name.to_string(), TableInput::from(bytes)))
    };
    let tables = CsvTables {
        documents: table("documents.csv"),
        nodes: table("nodes.csv"),
        edges: table("edges.csv"),
        kinds: table("kinds.csv"),
        relations: table("relations.csv"),
    };
    let store = MemoryStore {
        documents: vec![("a.txt".into(), "Alpha met Beta in 2021.".into())],
    };
    match load_csv_tables("fuzz", tables, &store) {
        Ok(loaded) => {
            let _ = tiegraph::graph::TieGraph::new(loaded.dataset);
        }
        Err(LoadError::Invalid { diagnostics }) => {
            for d in diagnostics {
                assert!(d.line >= 1, "unlocated: {d:?}");
            }
        }
        Err(_) => {}
    }
});
