//! `tiegraph impact`: what discrediting a document or a publisher would
//! cost.

use std::path::PathBuf;

use clap::Args;

use super::metrics::measure_parser;
use super::output::{Failure, graph_or_report, open_reviews, plural};
use tiegraph::graph::TieGraph;
use tiegraph::query::explain::explain_claim;
use tiegraph::query::{PathQuery, resolve};
use tiegraph::review::impact::{Impact, SourceSelector, impact};

#[derive(Args)]
pub struct ImpactArgs {
    #[arg(
        long,
        conflicts_with = "publisher",
        required_unless_present = "publisher"
    )]
    doc: Option<String>,
    #[arg(long)]
    publisher: Option<String>,
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    between: Option<Vec<String>>,
    #[arg(long, default_value_t = 6)]
    max_hops: usize,
    /// Also how entities' standing under this measure changes (e.g.
    /// betweenness): whose importance rests on this source.
    #[arg(long, value_parser = measure_parser())]
    measure: Option<tiegraph::metrics::Measure>,
    /// Entities listed with --measure.
    #[arg(long, default_value_t = 10)]
    top: usize,
    dataset: Option<PathBuf>,
}

pub fn run(args: ImpactArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let source = match (args.doc, args.publisher) {
        (Some(doc), _) => SourceSelector::Document(doc),
        (None, Some(publisher)) => SourceSelector::Publisher(publisher),
        // clap requires --doc or --publisher; an empty publisher matches nothing.
        (None, None) => SourceSelector::Publisher(String::new()),
    };
    let between = match args.between.as_deref() {
        Some([a, b]) => Some((resolve(graph, a)?, resolve(graph, b)?)),
        _ => None,
    };
    let query = PathQuery {
        max_hops: args.max_hops,
        ..PathQuery::default()
    };
    let store = open_reviews(args.dataset.as_deref(), graph);
    let result = impact(graph, &source, between, &store.reviews, &query)?;
    let name = match &source {
        SourceSelector::Document(id) => format!("document {id}"),
        SourceSelector::Publisher(name) => format!("publisher {name}"),
    };
    println!(
        "Discrediting {name}: {} claim{} lose all evidence, {} keep other evidence.",
        result.lost.len(),
        plural(result.lost.len()),
        result.weakened.len()
    );
    for &edge in &result.lost {
        let claim = graph.claim(edge);
        let statement = explain_claim(graph, claim, &claim.from).statement;
        println!("  lost: {statement}  ({})", claim.id);
    }
    if let Some((a, b)) = between {
        print_paths(graph, &result, (a, b), args.max_hops);
    }
    if let Some(measure) = args.measure {
        let view = tiegraph::graph::View::all(graph);
        let shifts = tiegraph::review::impact::rank_shifts(
            graph,
            &view,
            &result.lost,
            measure,
            tiegraph::metrics::Options::default(),
        );
        println!(
            "\nStanding by {} without the lost claims (rank before → after):",
            measure.name()
        );
        for shift in shifts.iter().take(args.top) {
            println!(
                "  {:>4} → {:<4} {:.6} → {:.6}  {}",
                shift.rank_before,
                shift.rank_after,
                shift.before,
                shift.after,
                graph.display_name(shift.node)
            );
        }
    }
    Ok(())
}

fn print_paths(
    graph: &TieGraph,
    result: &Impact,
    (a, b): (
        petgraph::stable_graph::NodeIndex,
        petgraph::stable_graph::NodeIndex,
    ),
    max_hops: usize,
) {
    let names = |path: &tiegraph::query::Path| {
        path.nodes
            .iter()
            .map(|&n| graph.node(n).label.as_str())
            .collect::<Vec<_>>()
            .join(" — ")
    };
    println!(
        "\nPaths from {} to {} (up to {max_hops} hops): {} would break.",
        graph.display_name(a),
        graph.display_name(b),
        result.broken_paths.len()
    );
    for path in &result.broken_paths {
        println!("  broken: {}", names(path));
    }
    match result.remaining_paths.first() {
        Some(path) => println!(
            "Shortest remaining path: {} ({} hops)",
            names(path),
            path.len()
        ),
        None => println!("No path would remain within {max_hops} hops."),
    }
}
