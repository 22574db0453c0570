//! The `tiegraph` command line: a thin shell over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use tiegraph::export::json::JsonGraph;
use tiegraph::export::write_atomic;
use tiegraph::graph::TieGraph;
use tiegraph::load::{self, DiagnosticList, LoadError, Loaded};
use tiegraph::model::{NodeKind, Relation};
use tiegraph::stats::Stats;

#[derive(Parser)]
#[command(
    name = "tiegraph",
    version,
    about = "Explore who is connected to whom, through what, on whose word and when.",
    long_about = "Explore who is connected to whom, through what, on whose word and when.\n\n\
        Every command works on the curated Myanmar–Russia dataset compiled into the binary, \
        or on a dataset file given as DATASET."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a dataset: every reference, date and quote. Exit 0 if valid.
    Check {
        /// Dataset TOML file (default: the embedded curated dataset).
        dataset: Option<PathBuf>,
    },
    /// Counts by node kind, by relation and per document; conflicts; inferred dates.
    Stats { dataset: Option<PathBuf> },
    /// Export the whole graph.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        dataset: Option<PathBuf>,
    },
    /// Show an entity, found by id, name or any alias, with every claim and its quotes.
    Show {
        entity: String,
        dataset: Option<PathBuf>,
    },
    /// List the node kinds and relations a dataset may use, with their meaning.
    Vocabulary,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

fn load(dataset: Option<&Path>) -> Result<Loaded, LoadError> {
    match dataset {
        Some(path) => load::load_path(path),
        None => load::load_embedded(),
    }
}

/// Loads, printing warnings; on failure prints every diagnostic.
fn load_or_report(dataset: Option<&Path>) -> Result<Loaded, ExitCode> {
    match load(dataset) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprintln!("{}", DiagnosticList(&loaded.warnings));
            }
            Ok(loaded)
        }
        Err(error) => {
            eprintln!("{error}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Some(command) = cli.command else {
        use clap::CommandFactory;
        Cli::command().print_help()?;
        println!();
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Check { dataset } => {
            let loaded = match load_or_report(dataset.as_deref()) {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            let data = &loaded.dataset;
            let quotes: usize = data.claims.iter().map(|c| c.evidence.len()).sum();
            println!(
                "ok: {} — {} documents, {} nodes, {} claims, {} quotes verified, {} warnings",
                data.name,
                data.documents.len(),
                data.nodes.len(),
                data.claims.len(),
                quotes,
                loaded.warnings.len()
            );
        }
        Command::Stats { dataset } => {
            let loaded = match load_or_report(dataset.as_deref()) {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            print!("{}", Stats::of(&loaded.dataset));
        }
        Command::Export {
            format: Format::Json,
            output,
            dataset,
        } => {
            let loaded = match load_or_report(dataset.as_deref()) {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            let text = JsonGraph::from_dataset(&loaded.dataset).to_string_pretty()?;
            match output {
                Some(path) => {
                    write_atomic(&path, text.as_bytes())?;
                    eprintln!("wrote {}", path.display());
                }
                None => print!("{text}"),
            }
        }
        Command::Show { entity, dataset } => {
            let loaded = match load_or_report(dataset.as_deref()) {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            let graph = TieGraph::new(loaded.dataset);
            let Some(index) = graph.find(&entity) else {
                eprintln!("error: no entity is called {entity:?}");
                let suggestions = graph.suggest(&entity, 3);
                if !suggestions.is_empty() {
                    eprintln!("help: did you mean {}?", suggestions.join(", or "));
                }
                return Ok(ExitCode::FAILURE);
            };
            print!("{}", describe(&graph, index));
        }
        Command::Vocabulary => {
            println!("Node kinds:");
            for kind in NodeKind::ALL {
                println!("  {:<16} {}", kind.as_str(), kind.description());
            }
            println!("\nRelations (from → to):");
            for relation in Relation::ALL {
                println!("  {:<16} {}", relation.as_str(), relation.description());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An entity with every claim touching it and each quote with its source.
fn describe(graph: &TieGraph, index: petgraph::stable_graph::NodeIndex) -> String {
    use std::fmt::Write;
    let node = graph.node(index);
    let data = graph.dataset();
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
        let label = |id: &str| {
            graph
                .node_index(id)
                .map(|i| graph.node(i).label.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let _ = write!(
            out,
            "\n{} —{}→ {}",
            label(&claim.from),
            claim.relation,
            label(&claim.to)
        );
        if let Some(date) = &claim.date {
            let _ = write!(
                out,
                "  [{date}{}]",
                if date.inferred { ", year inferred" } else { "" }
            );
        }
        let _ = writeln!(out, "  ({})", claim.id);
        for evidence in &claim.evidence {
            let document = data.document(&evidence.document);
            let text = data.evidence_text(evidence).unwrap_or(&evidence.quote);
            let _ = write!(
                out,
                "    \"{}\" — {}, {}",
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                document.map_or(evidence.document.as_str(), |d| d.title.as_str()),
                document.map_or("unknown", |d| d.publisher.as_str()),
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).context("tiegraph") {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
