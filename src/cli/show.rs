//! `tiegraph show`: an entity with every claim touching it and each quote
//! with its source.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use petgraph::stable_graph::NodeIndex;

use super::output::{Failure, graph_or_report};
use tiegraph::graph::TieGraph;
use tiegraph::query::explain::explain_claim;
use tiegraph::query::resolve;

#[derive(Args)]
pub struct ShowArgs {
    entity: String,
    dataset: Option<PathBuf>,
}

pub fn run(args: ShowArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let index = resolve(graph, &args.entity)?;
    print!("{}", describe(graph, index));
    Ok(())
}

/// An entity with every claim touching it and each quote with its source.
fn describe(graph: &TieGraph, index: NodeIndex) -> String {
    let node = graph.node(index);
    let mut out = String::new();
    let _ = writeln!(out, "{} [{}] ({})", node.label, node.kind, node.id);
    if !node.aliases.is_empty() {
        let _ = writeln!(out, "  also: {}", node.aliases.join("; "));
    }
    for (key, value) in &node.attributes {
        let _ = writeln!(out, "  {key}: {value}");
    }
    if let Some(date) = &node.date {
        let _ = writeln!(out, "  date: {date}");
    }
    if let Some(note) = &node.note {
        let _ = writeln!(out, "  note: {note}");
    }
    for edge in graph.claims_of(index) {
        let claim = graph.claim(edge);
        let explained = explain_claim(graph, claim, &node.id);
        let _ = write!(out, "\n{}", explained.statement);
        if let Some(date) = &explained.date {
            let _ = write!(
                out,
                "  [{date}{}]",
                if explained.date_inferred {
                    ", year inferred"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out, "  ({})", claim.id);
        for evidence in &explained.evidence {
            let _ = write!(
                out,
                "    {} — {}, {}",
                evidence.shown(("\"", "\"")),
                evidence.title,
                evidence.publisher
            );
            if let Some(according_to) = &evidence.according_to {
                let _ = write!(out, " (according to {according_to})");
            }
            out.push('\n');
        }
        if let Some(note) = &claim.note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    out
}
