//! Any bytes as FollowTheMoney JSON lines to import: a dataset or located
//! diagnostics; what loads exports to FtM and imports again to the same
//! entities and claims.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::export::ExportOptions;
use tiegraph::export::ftm::to_ftm;
use tiegraph::graph::{TieGraph, View};
use tiegraph::load::{LoadError, load_ftm_text};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match load_ftm_text("fuzz.jsonl", "fuzz", &text) {
        Ok(loaded) => {
            let graph = TieGraph::new(loaded.dataset);
            let lines = to_ftm(&graph, &View::all(&graph), &ExportOptions::default());
            let again = load_ftm_text("again.jsonl", "fuzz", &lines).expect("an export loads");
            assert_eq!(again.dataset.nodes, graph.dataset().nodes);
            assert_eq!(again.dataset.claims.len(), graph.dataset().claims.len());
        }
        Err(LoadError::Invalid { diagnostics }) => {
            for d in diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}");
            }
        }
        Err(_) => {}
    }
});
