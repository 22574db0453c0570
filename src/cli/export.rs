//! `tiegraph export`: the whole graph or a filtered view, in any export
//! format, to standard output or a file.

use std::path::PathBuf;

use clap::Args;

use super::args::{FilterArgs, export_format};
use super::output::{Failure, emit, graph_or_report, open_reviews};
use tiegraph::export::{ExportFormat, ExportOptions, render, write};
use tiegraph::query::SavedFilter;

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, default_value = "json", value_parser = export_format())]
    format: ExportFormat,
    #[command(flatten)]
    filter: FilterArgs,
    /// Write here (atomically) instead of standard output; a folder for
    /// neo4j-csv.
    #[arg(short, long)]
    output: Option<PathBuf>,
    dataset: Option<PathBuf>,
}

pub fn run(args: ExportArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let chosen = args.filter.filter(graph)?;
    let store = open_reviews(args.dataset.as_deref(), graph);
    let view = chosen.apply_reviewed(graph, Some(&store.reviews))?;
    if let Some(path) = &args.filter.save_filter {
        SavedFilter::new(graph.dataset(), chosen.clone())
            .write(path)
            .map_err(anyhow::Error::from)?;
        eprintln!("saved filter to {}", path.display());
    }
    let options = ExportOptions {
        legend: true,
        reviews: Some(&store.reviews),
        ..ExportOptions::default()
    };
    match (&args.output, args.format.is_folder()) {
        (Some(path), true) => {
            write(graph, &view, args.format, &options, path)?;
            eprintln!("wrote {}", path.display());
        }
        _ => {
            let text = render(graph, &view, args.format, &options)?;
            emit(&text, args.output.as_deref())?;
        }
    }
    Ok(())
}
