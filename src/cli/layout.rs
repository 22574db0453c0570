//! `tiegraph layout`: the multilevel layout without a window, written as
//! DOT with `pos` (for `neato -n2`), GEXF with `viz:position` (for Gephi)
//! or as JSON positions.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::output::{Failure, emit, graph_or_report};
use tiegraph::export::{ExportOptions, dot::to_dot, graphviz_positions};
use tiegraph::graph::View;
use tiegraph::workspace::Workspace;

#[derive(Args)]
pub struct LayoutArgs {
    /// The input dataset (any format); default: the embedded one.
    dataset: Option<PathBuf>,
    /// Output file; `.json` writes positions, `.gexf` GEXF 1.3 with them,
    /// anything else DOT.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Force iterations per level of the multilevel layout (default: the
    /// layout's own).
    #[arg(long)]
    iterations: Option<u32>,
    /// Threads for the force computation (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// Keep the positions of this workspace (saved by the window) and lay
    /// out only the entities it does not place.
    #[arg(long)]
    workspace: Option<PathBuf>,
}

pub fn run(args: LayoutArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let view = View::all(graph);
    let mut params = tiegraph::layout::MultilevelParams::default();
    if let Some(iterations) = args.iterations {
        params.iterations = iterations;
    }
    if let Some(threads) = args.threads {
        params.threads = threads.max(1);
    }
    let fixed = match &args.workspace {
        Some(path) => {
            let workspace = Workspace::read(path).map_err(anyhow::Error::from)?;
            let resolved = workspace.resolve(graph);
            if let Some(missing) = resolved.missing.describe() {
                eprintln!("warning: {missing}");
            }
            resolved.positions
        }
        None => Vec::new(),
    };
    let started = std::time::Instant::now();
    let placed = tiegraph::layout::lay_out_view(graph, &view, &fixed, &params);
    eprintln!(
        "laid out {} entities in {:.2} s",
        placed.len(),
        started.elapsed().as_secs_f64()
    );
    let mut canvas: Vec<Option<[f32; 2]>> = vec![None; graph.node_bound()];
    for (node, position) in placed {
        canvas[node.index()] = Some(position);
    }
    let positions = graphviz_positions(&canvas);
    let extension = |wanted: &str| {
        args.output.as_ref().is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
        })
    };
    let text = if extension("gexf") {
        let options = ExportOptions {
            positions: Some(&positions),
            ..ExportOptions::default()
        };
        tiegraph::export::gexf::to_gexf(graph, &view, &options)?
    } else if extension("json") {
        let mut map = serde_json::Map::new();
        for node in view.nodes() {
            if let Some([x, y]) = positions.get(node.index()).copied().flatten() {
                map.insert(graph.node(node).id.clone(), serde_json::json!([x, y]));
            }
        }
        let value = serde_json::json!({ "positions": map });
        format!(
            "{}\n",
            serde_json::to_string_pretty(&value).context("cannot serialize")?
        )
    } else {
        let options = ExportOptions {
            positions: Some(&positions),
            legend: true,
            ..ExportOptions::default()
        };
        to_dot(graph, &view, &options)
    };
    emit(&text, args.output.as_deref())?;
    Ok(())
}
