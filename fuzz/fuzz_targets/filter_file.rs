//! Any bytes as a saved filter: parsed or refused; a parsed filter applies
//! to the curated graph with a view or a clear error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tiegraph::graph::TieGraph;
use tiegraph::query::SavedFilter;

fn graph() -> &'static TieGraph {
    static GRAPH: OnceLock<TieGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        TieGraph::new(
            tiegraph::load::load_embedded()
                .expect("the embedded dataset loads")
                .dataset,
        )
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(saved) = serde_json::from_slice::<SavedFilter>(data) {
        let graph = graph();
        let _ = saved.matches(graph.dataset());
        if let Ok(view) = saved.filter.apply(graph) {
            assert!(view.node_count() <= graph.dataset().nodes.len());
        }
    }
});
