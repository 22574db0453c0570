//! Where entities go on the canvas.
//!
//! Two layouts, for two jobs:
//! - [`Layout`] (interactive): a force simulation that settles a few steps
//!   per frame, keeps entities in place across filter changes and honours
//!   pins. Good up to a few thousand visible entities.
//! - [`multilevel::lay_out`]: a multilevel Barnes–Hut force layout of a
//!   whole graph at once, O(n log n) per iteration and on every core. The
//!   GUI runs it off the UI thread through [`LayoutJob`] (with progress and
//!   a stop button) and adopts the result into the interactive layout;
//!   `tiegraph layout` runs it headless.
//!
//! [`quality`] scores a layout (neighbourhood preservation, edge-length
//! spread) so runs can be compared with igraph and Graphviz.

pub mod barnes_hut;
mod interactive;
mod job;
pub mod multilevel;
pub mod quality;

pub use interactive::{Layout, LayoutParams, entity_radius};
pub use job::{LayoutJob, ViewGraph, lay_out_view};
pub use multilevel::{LayoutProgress, MultilevelParams};
