//! `tiegraph neighbors`: everything within N claims of an entity.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use petgraph::stable_graph::NodeIndex;

use super::PathFormat;
use super::output::{Failure, graph_or_report, plural, print_dot};
use tiegraph::export::json;
use tiegraph::graph::{TieGraph, View};
use tiegraph::query::{neighbourhood, resolve};

#[derive(Args)]
pub struct NeighborsArgs {
    entity: String,
    #[arg(long, default_value_t = 1)]
    hops: usize,
    #[arg(long, value_enum, default_value_t = PathFormat::Text)]
    format: PathFormat,
    dataset: Option<PathBuf>,
}

pub fn run(args: NeighborsArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let center = resolve(graph, &args.entity)?;
    let hops = args.hops;
    let view = neighbourhood(graph, &View::all(graph), &[center], hops);
    let title = format!(
        "{} and its neighbourhood ({hops} hop{})",
        graph.display_name(center),
        plural(hops)
    );
    match args.format {
        PathFormat::Text => print!("{}", neighbours_text(graph, &view, center, &title)),
        PathFormat::Json => print!("{}", json::render(graph, &view)?),
        PathFormat::Dot => {
            print_dot(graph, &view, &title);
        }
    }
    Ok(())
}

/// Lists a neighbourhood: entities by distance, then the claims among them.
fn neighbours_text(graph: &TieGraph, view: &View, center: NodeIndex, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title}: {} entities, {} claims",
        view.node_count(),
        view.edge_count()
    );
    for node in view.nodes().filter(|&n| n != center) {
        let node = graph.node(node);
        let _ = writeln!(out, "  {} [{}] ({})", node.label, node.kind, node.id);
    }
    let _ = writeln!(out, "\nClaims:");
    for edge in view.edges() {
        let claim = graph.claim(edge);
        let label = |id: &str| {
            graph
                .node_index(id)
                .map_or_else(|| id.to_string(), |i| graph.display_name(i))
        };
        let _ = write!(
            out,
            "  {} —{}→ {}",
            label(&claim.from),
            claim.relation,
            label(&claim.to)
        );
        if let Some(date) = &claim.date {
            let _ = write!(out, " [{date}]");
        }
        let _ = writeln!(
            out,
            " ({} source{})",
            graph.sources(edge),
            plural(graph.sources(edge))
        );
    }
    out
}
