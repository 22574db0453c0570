//! Any bytes as a JSON export to import: a dataset or located diagnostics;
//! what loads exports and loads again to the same dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::export::json::JsonGraph;
use tiegraph::load::{LoadError, MemoryStore, load_json_text};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let store = MemoryStore::default();
    match load_json_text("fuzz.json", &text, &store) {
        Ok(loaded) => {
            let json = JsonGraph::from_dataset(&loaded.dataset)
                .to_string_pretty()
                .expect("a loaded dataset exports");
            let again = load_json_text("again.json", &json, &store).expect("an export loads");
            assert_eq!(again.dataset.nodes, loaded.dataset.nodes);
            assert_eq!(again.dataset.claims, loaded.dataset.claims);
        }
        Err(LoadError::Invalid { diagnostics }) => {
            for d in diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}");
            }
        }
        Err(_) => {}
    }
});
