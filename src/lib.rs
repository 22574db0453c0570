//! tiegraph: an explorer for entity-relationship graphs in which every edge
//! is a claim tied to the verbatim passage of the source that states it.
//!
//! The modules follow the data, each using only those below it (the test
//! `tests/layers.rs` keeps this order):
//!
//! 1. leaves: [`text`] (name folding, lines and columns), [`fs`] (atomic
//!    writes, locks), `rng`, [`index`];
//! 2. [`model`]: documents, entities, claims, evidence, dates, reviews as
//!    data;
//! 3. [`graph`] (the petgraph graph with its indices, and [`graph::View`],
//!    the visible part of it), [`style`], [`stats`];
//! 4. [`mod@format`]: what loader and exports both speak (the JSON schema, the
//!    dataset hash);
//! 5. [`load`] (TOML, CSV, JSON → validated dataset), [`export`] (DOT,
//!    GraphML, JSON), [`synth`];
//! 6. [`query`]: filters → views, paths, search, explanations; [`metrics`]:
//!    centralities, components, communities, cuts on a view;
//! 7. [`review`]: review files, queue, conflicts, source impact; [`curate`]:
//!    edits of a dataset file (add, edit, merge), mentions without claims;
//! 8. [`layout`]: force layouts, in the window and without it; [`workspace`]:
//!    what an analyst arranged (positions, pins, filter, camera), kept apart
//!    from the dataset;
//! 9. [`report`]: briefs (HTML, Markdown) with footnoted passages and a
//!    drawing from the layout;
//! 10. `ui` (the window, behind the `gui` feature) and the binary's command
//!     line, side by side at the top.

pub mod curate;
pub mod export;
pub mod format;
pub mod fs;
pub mod graph;
pub mod index;
pub mod layout;
pub mod load;
pub mod metrics;
pub mod model;
pub mod query;
pub mod report;
pub mod review;
mod rng;
pub mod stats;
pub mod style;
pub mod synth;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;
