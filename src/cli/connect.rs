//! `tiegraph connect`: the smallest subgraph linking several entities.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::PathFormat;
use super::args::ConstraintArgs;
use super::output::{Failure, graph_or_report, open_reviews, print_dot};
use tiegraph::graph::TieGraph;
use tiegraph::query::{Connection, Filter, connect, explain_path, resolve};

#[derive(Args)]
pub struct ConnectArgs {
    #[arg(required = true, num_args = 2..)]
    entities: Vec<String>,
    #[arg(long, default_value_t = 6)]
    max_hops: usize,
    #[command(flatten)]
    constraints: ConstraintArgs,
    #[arg(long, value_enum, default_value_t = PathFormat::Text)]
    format: PathFormat,
    #[arg(long)]
    dataset: Option<PathBuf>,
}

pub fn run(args: ConnectArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let terminals = args
        .entities
        .iter()
        .map(|name| resolve(graph, name))
        .collect::<Result<Vec<_>, _>>()?;
    let query = args.constraints.query(graph, args.max_hops)?;
    // The review rule restricts the claims the connection may use.
    let store = open_reviews(args.dataset.as_deref(), graph);
    let allowed = Filter {
        review: query.review,
        ..Filter::default()
    }
    .apply_reviewed(graph, Some(&store.reviews))?;
    let connection = connect(graph, Some(&allowed), &store.reviews, &terminals, &query)?;
    let names: Vec<&str> = terminals
        .iter()
        .map(|&t| graph.node(t).label.as_str())
        .collect();
    let title = format!("Connecting {}", names.join(", "));
    match args.format {
        PathFormat::Text => print_text(graph, &connection, &title, args.max_hops),
        PathFormat::Json => {
            let explained: Vec<_> = connection
                .paths
                .iter()
                .map(|p| explain_path(graph, p))
                .collect();
            let groups: Vec<Vec<&str>> = connection
                .groups
                .iter()
                .map(|g| g.iter().map(|&n| graph.node(n).id.as_str()).collect())
                .collect();
            let value = serde_json::json!({
                "method": "union of pairwise shortest paths kept along a minimum spanning tree (Kou–Markowsky–Berman)",
                "groups": groups,
                "nodes": connection.nodes.iter().map(|&n| graph.node(n).id.clone()).collect::<Vec<_>>(),
                "edges": connection.edges.iter().map(|&e| graph.claim(e).id.clone()).collect::<Vec<_>>(),
                "paths": explained,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).context("cannot serialize")?
            );
        }
        PathFormat::Dot => {
            let view = connection.view(graph);
            print_dot(graph, &view, &title);
        }
    }
    Ok(())
}

fn print_text(graph: &TieGraph, connection: &Connection, title: &str, max_hops: usize) {
    println!(
        "{title}: {} entities, {} claims (method: shortest paths between every pair, \
         kept along a minimum spanning tree)",
        connection.nodes.len(),
        connection.edges.len()
    );
    if connection.groups.len() > 1 {
        println!("Not all are connected within {max_hops} hops; separate groups:");
        for group in &connection.groups {
            let names: Vec<&str> = group
                .iter()
                .map(|&n| graph.node(n).label.as_str())
                .collect();
            println!("  - {}", names.join(", "));
        }
    }
    for (index, path) in connection.paths.iter().enumerate() {
        print!("\n{}. {}", index + 1, explain_path(graph, path));
    }
}
