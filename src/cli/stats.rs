//! `tiegraph stats`: counts by kind, relation and document; conflicts;
//! inferred dates.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, load_or_report};
use tiegraph::stats::Stats;

#[derive(Args)]
pub struct StatsArgs {
    dataset: Option<PathBuf>,
}

pub fn run(args: StatsArgs) -> Result<(), Failure> {
    let loaded = load_or_report(args.dataset.as_deref())?;
    print!("{}", Stats::of(&loaded.dataset));
    // Exiting frees it faster than dropping it piece by piece.
    std::mem::forget(loaded);
    Ok(())
}
