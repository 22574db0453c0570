//! Paths and loaders shared by the test modules. Nothing depends on the
//! current directory: every path hangs off `CARGO_MANIFEST_DIR`.

use std::path::PathBuf;

use tiegraph::graph::TieGraph;
use tiegraph::load::{self, Loaded};

pub fn data(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

pub fn embedded() -> Loaded {
    match load::load_embedded() {
        Ok(loaded) => loaded,
        Err(error) => panic!("the embedded dataset must load:\n{error}"),
    }
}

pub fn embedded_graph() -> TieGraph {
    TieGraph::new(embedded().dataset)
}

pub fn minimal() -> Loaded {
    match load::load_path(&data("minimal.toml")) {
        Ok(loaded) => loaded,
        Err(error) => panic!("minimal.toml must load:\n{error}"),
    }
}

pub fn load(relative: &str) -> TieGraph {
    match load::load_path(&data(relative)) {
        Ok(loaded) => TieGraph::new(loaded.dataset),
        Err(error) => panic!("{relative} must load:\n{error}"),
    }
}

/// Node ids along a path, for readable assertions.
pub fn ids(graph: &TieGraph, path: &tiegraph::query::Path) -> Vec<String> {
    path.nodes
        .iter()
        .map(|&n| graph.node(n).id.clone())
        .collect()
}
