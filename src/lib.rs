//! tiegraph: an explorer for entity-relationship graphs in which every edge
//! is a claim tied to the verbatim passage of the source that states it.
//!
//! Data flows `load` (curated TOML → validated [`model::Dataset`]) →
//! [`graph::TieGraph`] (petgraph plus id and name indices) → `export`.

pub mod export;
pub mod fs;
pub mod graph;
pub mod index;
pub mod layout;
pub mod load;
pub mod model;
pub mod query;
pub mod review;
mod rng;
pub mod stats;
pub mod style;
pub mod synth;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
