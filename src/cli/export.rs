//! `tiegraph export`: the whole graph or a filtered view, in any export
//! format, to standard output or a file.

use std::path::PathBuf;

use clap::Args;

use super::args::{FilterArgs, export_format};
use super::output::{Failure, emit, graph_or_report, open_reviews};
use tiegraph::export::{ExportFormat, ExportOptions, NodeMeasure, render, write};
use tiegraph::query::SavedFilter;

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, default_value = "json", value_parser = export_format())]
    format: ExportFormat,
    #[command(flatten)]
    filter: FilterArgs,
    /// Measures of the view written as node attributes (DOT, GraphML, GEXF),
    /// comma-separated: see `tiegraph metrics --help`.
    #[arg(long, value_delimiter = ',', value_parser = super::metrics::measure_parser())]
    measures: Vec<tiegraph::metrics::Measure>,
    /// With --measures: weigh each link by its independent sources.
    #[arg(long, requires = "measures")]
    weighted: bool,
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
    let values = measure_values(graph, &view, &args.measures, args.weighted);
    let measures: Vec<NodeMeasure> = args
        .measures
        .iter()
        .zip(&values)
        .map(|(measure, values)| NodeMeasure {
            name: measure.name(),
            values,
        })
        .collect();
    let options = ExportOptions {
        legend: true,
        reviews: Some(&store.reviews),
        measures: &measures,
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

/// Each measure of the view's entities, by node index.
fn measure_values(
    graph: &tiegraph::graph::TieGraph,
    view: &tiegraph::graph::View,
    measures: &[tiegraph::metrics::Measure],
    weighted: bool,
) -> Vec<Vec<Option<f64>>> {
    use tiegraph::metrics::{Options, Progress, SimpleGraph, Weighting, compute_on};
    if measures.is_empty() {
        return Vec::new();
    }
    let options = Options {
        weighting: if weighted {
            Weighting::Sources
        } else {
            Weighting::Unweighted
        },
        ..Options::default()
    };
    let simple = SimpleGraph::new(graph, view, options.weighting);
    let progress = Progress::new();
    measures
        .iter()
        .map(|&measure| {
            let mut values = vec![None; graph.node_bound()];
            if let Some(scores) = compute_on(&simple, measure, options, &progress) {
                for (node, value) in scores.nodes.iter().zip(scores.values) {
                    values[node.index()] = Some(value);
                }
            }
            values
        })
        .collect()
}
