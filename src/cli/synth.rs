//! `tiegraph synth`: a deterministic synthetic graph, for benchmarks.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::output::{Failure, emit};
use tiegraph::format::json::JsonGraph;

#[derive(Args)]
pub struct SynthArgs {
    nodes: usize,
    claims: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// `json` (the export format) or `edges` (one "source target" per line).
    #[arg(long, value_enum, default_value_t = SynthFormat::Json)]
    format: SynthFormat,
    /// `ring`: local clusters on a ring plus random links; `plane`:
    /// mostly links between neighbours on a hidden grid (a layout has
    /// structure to recover).
    #[arg(long, value_enum, default_value_t = SynthShape::Ring)]
    shape: SynthShape,
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SynthShape {
    Ring,
    Plane,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SynthFormat {
    Json,
    Edges,
    /// A folder of nodes.csv, edges.csv and documents.csv (-o names the folder).
    Csv,
}

pub fn run(args: SynthArgs) -> Result<(), Failure> {
    let shape = match args.shape {
        SynthShape::Ring => tiegraph::synth::Shape::Ring,
        SynthShape::Plane => tiegraph::synth::Shape::Plane,
    };
    let dataset = tiegraph::synth::shaped(args.nodes, args.claims, args.seed, shape);
    let text = match args.format {
        SynthFormat::Csv => {
            let folder = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("synth-csv"));
            tiegraph::synth::write_csv(&dataset, &folder).context("cannot write the CSV folder")?;
            eprintln!("wrote {}", folder.display());
            return Ok(());
        }
        SynthFormat::Json => JsonGraph::from_dataset(&dataset).to_string_pretty()?,
        SynthFormat::Edges => {
            let mut text = String::with_capacity(args.claims * 16);
            for claim in &dataset.claims {
                let _ = writeln!(text, "{} {}", claim.from, claim.to);
            }
            text
        }
    };
    emit(&text, args.output.as_deref())?;
    Ok(())
}
