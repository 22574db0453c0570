//! `tiegraph path`: paths between two entities, each hop with its evidence.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::PathFormat;
use super::args::{ConstraintArgs, read_saved_filter};
use super::output::{Failure, graph_or_report, open_reviews, plural, print_dot};
use tiegraph::graph::TieGraph;
use tiegraph::query::{
    PathMode, PathQuery, PathResults, View, explain_path, find_paths, resolve, review_rule_effect,
    view_of_paths,
};
use tiegraph::review::Reviews;

#[derive(Args)]
pub struct PathArgs {
    from: String,
    to: String,
    /// Longest path considered, in hops.
    #[arg(long, default_value_t = 6)]
    max_hops: usize,
    /// The K shortest simple paths (Yen) instead of every shortest path.
    #[arg(long, conflicts_with = "all")]
    k: Option<usize>,
    /// Every simple path up to --max-hops (bounded by --limit).
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    constraints: ConstraintArgs,
    #[arg(long, value_enum, default_value_t = PathFormat::Text)]
    format: PathFormat,
    /// Apply a saved filter (JSON from `export --save-filter`) first.
    #[arg(long)]
    filter: Option<PathBuf>,
    dataset: Option<PathBuf>,
}

pub fn run(args: PathArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let store = open_reviews(args.dataset.as_deref(), graph);
    let view = match &args.filter {
        Some(path) => {
            Some(read_saved_filter(path, graph)?.apply_reviewed(graph, Some(&store.reviews))?)
        }
        None => None,
    };
    // Flags first: a relation outside the vocabulary is a usage error.
    let query = args.constraints.query(graph, args.max_hops)?;
    let (a, b) = (resolve(graph, &args.from)?, resolve(graph, &args.to)?);
    let mode = match (args.k, args.all) {
        (Some(k), _) => PathMode::KShortest(k),
        (None, true) => PathMode::AllSimple,
        (None, false) => PathMode::AllShortest,
    };
    let found = find_paths(graph, view.as_ref(), &store.reviews, a, b, mode, &query)?;
    let title = format!(
        "Paths from {} to {}",
        graph.display_name(a),
        graph.display_name(b)
    );
    match args.format {
        PathFormat::Text => {
            let asked = Asked {
                graph,
                view: view.as_ref(),
                reviews: &store.reviews,
                query: &query,
            };
            print_text(&asked, &found, &title);
        }
        PathFormat::Json => {
            let explained: Vec<_> = found.paths.iter().map(|p| explain_path(graph, p)).collect();
            let value = serde_json::json!({
                "from": graph.node(a).id,
                "to": graph.node(b).id,
                "truncated": found.truncated,
                "paths": explained,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).context("cannot serialize")?
            );
        }
        PathFormat::Dot => {
            let view = view_of_paths(graph, &found.paths);
            print_dot(graph, &view, &title);
        }
    }
    Ok(())
}

/// What a path question was asked of, for explaining an empty answer.
pub(super) struct Asked<'a> {
    pub(super) graph: &'a TieGraph,
    pub(super) view: Option<&'a View>,
    pub(super) reviews: &'a Reviews,
    pub(super) query: &'a PathQuery,
}

pub(super) fn print_text(asked: &Asked<'_>, found: &PathResults, title: &str) {
    let Asked {
        graph,
        view,
        reviews,
        query,
    } = *asked;
    if found.paths.is_empty() {
        println!(
            "{title}: no path within {} hops under these constraints.",
            query.max_hops
        );
        if let Some(effect) = review_rule_effect(graph, view, reviews, query.review) {
            println!("{effect}");
        }
        if !query.allow_hubs {
            let hub_query = PathQuery {
                allow_hubs: true,
                ..query.clone()
            };
            let through_hub = find_paths(
                graph,
                view,
                reviews,
                found.from,
                found.to,
                PathMode::KShortest(1),
                &hub_query,
            );
            if through_hub.is_ok_and(|found| !found.paths.is_empty()) {
                println!("A path exists through a hub: try --allow-hubs.");
            }
        }
    } else {
        println!(
            "{title}: {} path{}",
            found.paths.len(),
            plural(found.paths.len())
        );
        for (index, path) in found.paths.iter().enumerate() {
            print!("\n{}. {}", index + 1, explain_path(graph, path));
        }
    }
    if found.truncated {
        println!(
            "\n(stopped at {} paths; raise --limit to see more)",
            query.limit
        );
    }
}
