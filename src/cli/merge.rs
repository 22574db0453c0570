//! `tiegraph merge OTHER --into KEEP --dataset D`: one entity becomes an
//! alias of another; every claim of it is re-pointed and keeps its id, so
//! its reviews follow.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, applied, open_for_edit};
use tiegraph::curate::Edit;
use tiegraph::graph::TieGraph;
use tiegraph::query::resolve;

#[derive(Args)]
pub struct MergeArgs {
    /// The entity that goes (id, name or alias): its names become aliases.
    other: String,
    /// The entity that stays.
    #[arg(long)]
    into: String,
    /// The dataset file to edit (a curated .toml).
    #[arg(long)]
    dataset: PathBuf,
}

pub fn run(args: MergeArgs) -> Result<(), Failure> {
    let mut file = open_for_edit(&args.dataset)?;
    let graph = TieGraph::new(file.loaded().dataset.clone());
    let other = graph.node(resolve(&graph, &args.other)?).id.clone();
    let keep = graph.node(resolve(&graph, &args.into)?).id.clone();
    applied(&mut file, &Edit::MergeEntities { keep, other })
}
