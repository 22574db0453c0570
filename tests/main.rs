//! tiegraph's integration tests: one binary, one module per topic.

mod cache;
mod cli;
mod curate;
#[cfg(feature = "gui")]
mod curate_gui;
mod dataset;
mod errors;
mod export;
mod golden;
mod grading;
#[cfg(feature = "gui")]
mod gui;
mod import;
mod interchange;
mod layers;
mod layout;
mod metrics;
mod properties;
mod query;
mod report;
mod review;
mod safety;
#[cfg(feature = "gui")]
mod session;
mod support;
mod vocabulary;
