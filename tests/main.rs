//! tiegraph's integration tests: one binary, one module per topic.

mod cli;
mod dataset;
mod errors;
mod export;
mod gui;
mod import;
mod query;
mod review;
mod support;
