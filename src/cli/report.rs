//! `tiegraph report path FROM TO | entity E | view`: a brief an editor can
//! read, every sentence footnoted to its passage, as one self-contained
//! HTML file or as Markdown.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::args::{ConstraintArgs, FilterArgs};
use super::output::{Failure, emit, graph_or_report, open_reviews};
use tiegraph::graph::View;
use tiegraph::query::{PathMode, find_paths, resolve};
use tiegraph::report::{self, Brief};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    what: ReportWhat,
}

/// What the brief is about.
#[derive(Subcommand)]
pub enum ReportWhat {
    /// How one entity links to another: the shortest paths, hop by hop.
    Path {
        from: String,
        to: String,
        /// Longest path considered, in hops.
        #[arg(long, default_value_t = 6)]
        max_hops: usize,
        /// Most paths told (every shortest path, up to this many).
        #[arg(long, default_value_t = 3)]
        paths: usize,
        #[command(flatten)]
        constraints: ConstraintArgs,
        #[command(flatten)]
        common: Common,
    },
    /// An entity and what lies within --hops claims of it.
    Entity {
        entity: String,
        #[arg(long, default_value_t = 1)]
        hops: usize,
        #[command(flatten)]
        common: Common,
    },
    /// The view the filter flags make, claim by claim.
    View {
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args)]
pub struct Common {
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The date on the brief (default: today, UTC).
    #[arg(long)]
    date: Option<String>,
    dataset: Option<PathBuf>,
}

pub fn run(args: ReportArgs) -> Result<(), Failure> {
    let (brief, common, graph) = match &args.what {
        ReportWhat::Path {
            from,
            to,
            max_hops,
            paths,
            constraints,
            common,
        } => {
            let graph = graph_or_report(common.dataset.as_deref())?;
            let store = open_reviews(common.dataset.as_deref(), graph);
            let query = constraints.query(graph, *max_hops)?;
            let (a, b) = (resolve(graph, from)?, resolve(graph, to)?);
            let found = find_paths(
                graph,
                None,
                &store.reviews,
                a,
                b,
                PathMode::AllShortest,
                &query,
            )?;
            if found.paths.is_empty() {
                // As `tiegraph path` says it (and exits 0): no brief to write.
                let asked = super::path::Asked {
                    graph,
                    view: None,
                    reviews: &store.reviews,
                    query: &query,
                };
                let title = format!(
                    "Paths from {} to {}",
                    graph.display_name(a),
                    graph.display_name(b)
                );
                super::path::print_text(&asked, &found, &title);
                return Ok(());
            }
            let shown: Vec<_> = found.paths.iter().take((*paths).max(1)).cloned().collect();
            let brief = report::path_brief(graph, &store.reviews, &shown, &date(common));
            (brief, common, graph)
        }
        ReportWhat::Entity {
            entity,
            hops,
            common,
        } => {
            let graph = graph_or_report(common.dataset.as_deref())?;
            let store = open_reviews(common.dataset.as_deref(), graph);
            let node = resolve(graph, entity)?;
            let brief = report::entity_brief(
                graph,
                &store.reviews,
                &View::all(graph),
                node,
                *hops,
                &date(common),
            );
            (brief, common, graph)
        }
        ReportWhat::View { filter, common } => {
            let graph = graph_or_report(common.dataset.as_deref())?;
            let store = open_reviews(common.dataset.as_deref(), graph);
            let chosen = filter.filter(graph)?;
            let view = chosen.apply_reviewed(graph, Some(&store.reviews))?;
            let title = format!("{}: the view", graph.dataset().name);
            let brief = report::view_brief(graph, &store.reviews, &view, &title, &date(common));
            (brief, common, graph)
        }
    };
    let text = render(graph, &brief, common.format);
    emit(&text, common.output.as_deref())?;
    Ok(())
}

fn render(graph: &tiegraph::graph::TieGraph, brief: &Brief, format: ReportFormat) -> String {
    match format {
        ReportFormat::Html => report::to_html(graph, brief),
        ReportFormat::Md => report::to_markdown(brief),
    }
}

fn date(common: &Common) -> String {
    common
        .date
        .clone()
        .unwrap_or_else(|| tiegraph::model::now_rfc3339()[..10].to_string())
}
