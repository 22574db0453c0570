//! Any bytes as a dataset TOML file: a dataset or located diagnostics,
//! never a panic. Invalid UTF-8 is checked by `load_path` before this point;
//! here it arrives replaced, so every byte pattern still reaches the parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::load::{LoadError, MemoryStore, load_str};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let store = MemoryStore {
        documents: vec![(
            "sources/a.txt".into(),
            "The delegation met the minister in Naypyidaw in June.".into(),
        )],
    };
    match load_str("fuzz.toml", &text, &store) {
        Ok(loaded) => {
            // A loaded dataset builds a graph.
            let _ = tiegraph::graph::TieGraph::new(loaded.dataset);
        }
        Err(LoadError::Invalid { diagnostics }) => {
            for d in diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}");
            }
        }
        Err(_) => {}
    }
});
