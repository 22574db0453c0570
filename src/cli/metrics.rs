//! `tiegraph metrics`: who matters and which groups, on the view the
//! filter flags make (review rules included): ranked lists of the chosen
//! measures, communities with their modularity, bridges and articulation
//! points; as text, CSV (every entity, one column per measure) or JSON.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

use super::args::FilterArgs;
use super::output::{Failure, emit, graph_or_report, open_reviews, plural};
use tiegraph::graph::TieGraph;
use tiegraph::metrics::{self, Measure, Options, Progress, Scores, SimpleGraph, Weighting};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormat {
    Text,
    Csv,
    Json,
}

/// A measure by name; clap lists the names on a typo (exit 2).
pub fn measure_parser() -> impl TypedValueParser<Value = Measure> {
    PossibleValuesParser::new(Measure::ALL.map(Measure::name))
        .map(|name| Measure::parse(&name).unwrap_or(Measure::Degree))
}

#[derive(Args)]
pub struct MetricsArgs {
    /// Measures (comma-separated): degree, in-degree, out-degree,
    /// weighted-degree, betweenness, closeness, harmonic, pagerank,
    /// eigenvector, component, community, articulation.
    #[arg(long = "measure", value_delimiter = ',', value_parser = measure_parser(),
          default_value = "degree,betweenness,pagerank,community")]
    measures: Vec<Measure>,
    /// Entities listed per measure (text).
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Weigh each link by its independent sources (distance 1/sources).
    #[arg(long)]
    weighted: bool,
    /// Betweenness from this many sampled sources instead of all.
    #[arg(long)]
    samples: Option<usize>,
    /// Seed of sampling and of the community search.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_enum, default_value_t = MetricsFormat::Text)]
    format: MetricsFormat,
    #[command(flatten)]
    filter: FilterArgs,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    dataset: Option<PathBuf>,
}

pub fn run(args: MetricsArgs) -> Result<(), Failure> {
    let graph = graph_or_report(args.dataset.as_deref())?;
    let chosen = args.filter.filter(graph)?;
    let store = open_reviews(args.dataset.as_deref(), graph);
    let view = chosen.apply_reviewed(graph, Some(&store.reviews))?;
    let options = Options {
        weighting: if args.weighted {
            Weighting::Sources
        } else {
            Weighting::Unweighted
        },
        samples: args.samples,
        seed: args.seed,
    };
    let simple = SimpleGraph::new(graph, &view, options.weighting);
    let progress = Progress::new();
    let mut measures = args.measures.clone();
    measures.dedup();
    let all: Vec<Scores> = measures
        .iter()
        .filter_map(|&m| metrics::compute_on(&simple, m, options, &progress))
        .collect();
    let (bridges, _) = metrics::cuts::cuts(&simple);
    let text = match args.format {
        MetricsFormat::Text => text(graph, &simple, &all, &bridges, args.top),
        MetricsFormat::Csv => csv(graph, &simple, &all),
        MetricsFormat::Json => json(graph, &simple, &all, &bridges),
    };
    emit(&text, args.output.as_deref())?;
    Ok(())
}

fn shown(measure: Measure, value: f64) -> String {
    if measure.is_label() || value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.6}")
    }
}

fn text(
    graph: &TieGraph,
    simple: &SimpleGraph,
    all: &[Scores],
    bridges: &[(u32, u32)],
    top: usize,
) -> String {
    let mut out = format!(
        "{} entit{}, {} link{} (pairs of entities with a visible claim)\n",
        simple.len(),
        if simple.len() == 1 { "y" } else { "ies" },
        simple.link_count(),
        plural(simple.link_count())
    );
    for scores in all {
        let measure = scores.measure;
        out.push_str(&format!("\n{} — {}\n", measure.name(), measure.meaning()));
        if let Some(q) = scores.modularity {
            let count = scores.group_count();
            out.push_str(&format!("  {count} communities, modularity {q:.4}\n"));
        }
        if let Some(bound) = scores.error_bound {
            out.push_str(&format!(
                "  sampled: every value within {bound:.4} of the exact one (95 %)\n"
            ));
        }
        match measure {
            Measure::Community | Measure::Component => {
                for (group, members) in scores.groups(graph).into_iter().enumerate().take(top) {
                    let listed: Vec<&str> = members
                        .iter()
                        .take(8)
                        .map(|&n| graph.node(n).label.as_str())
                        .collect();
                    out.push_str(&format!(
                        "  {group:>3}  {} entit{}: {}{}\n",
                        members.len(),
                        if members.len() == 1 { "y" } else { "ies" },
                        listed.join(", "),
                        if members.len() > 8 { ", …" } else { "" }
                    ));
                }
            }
            Measure::Articulation => {
                let points: Vec<String> = scores
                    .ranked(graph)
                    .into_iter()
                    .filter(|&(_, v)| v > 0.0)
                    .map(|(n, _)| graph.display_name(n))
                    .collect();
                out.push_str(&format!(
                    "  {} articulation point{}: {}\n",
                    points.len(),
                    plural(points.len()),
                    points.join(", ")
                ));
                out.push_str(&format!(
                    "  {} bridge{}",
                    bridges.len(),
                    plural(bridges.len())
                ));
                let shown: Vec<String> = bridges
                    .iter()
                    .take(top)
                    .map(|&(a, b)| {
                        format!(
                            "{} — {}",
                            graph.node(simple.nodes[a as usize]).label,
                            graph.node(simple.nodes[b as usize]).label
                        )
                    })
                    .collect();
                if !shown.is_empty() {
                    out.push_str(&format!(": {}", shown.join("; ")));
                }
                out.push('\n');
            }
            _ => {
                for (rank, (node, value)) in scores.ranked(graph).into_iter().take(top).enumerate()
                {
                    out.push_str(&format!(
                        "  {:>3}. {:>12}  {}\n",
                        rank + 1,
                        shown(measure, value),
                        graph.display_name(node)
                    ));
                }
            }
        }
    }
    out
}

fn csv(graph: &TieGraph, simple: &SimpleGraph, all: &[Scores]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_string(), "label".to_string(), "kind".to_string()];
    header.extend(all.iter().map(|s| s.measure.name().to_string()));
    let _ = writer.write_record(&header);
    let order: Vec<usize> = match all.first() {
        Some(first) => {
            let ranked = first.ranked(graph);
            ranked
                .iter()
                .filter_map(|(n, _)| simple.nodes.iter().position(|m| m == n))
                .collect()
        }
        None => (0..simple.len()).collect(),
    };
    for i in order {
        let node = graph.node(simple.nodes[i]);
        let mut row = vec![node.id.clone(), node.label.clone(), node.kind.to_string()];
        row.extend(all.iter().map(|s| format!("{}", s.values[i])));
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn json(graph: &TieGraph, simple: &SimpleGraph, all: &[Scores], bridges: &[(u32, u32)]) -> String {
    let entities: Vec<serde_json::Value> = (0..simple.len())
        .map(|i| {
            let node = graph.node(simple.nodes[i]);
            let mut entry = serde_json::Map::new();
            entry.insert("id".into(), node.id.clone().into());
            entry.insert("label".into(), node.label.clone().into());
            for scores in all {
                entry.insert(scores.measure.name().into(), scores.values[i].into());
            }
            serde_json::Value::Object(entry)
        })
        .collect();
    let id = |i: u32| graph.node(simple.nodes[i as usize]).id.clone();
    let value = serde_json::json!({
        "entities": entities,
        "links": simple.link_count(),
        "measures": all.iter().map(|s| s.measure.name()).collect::<Vec<_>>(),
        "modularity": all.iter().find_map(|s| s.modularity),
        "betweenness_error_bound": all.iter().find_map(|s| s.error_bound),
        "bridges": bridges.iter().map(|&(a, b)| [id(a), id(b)]).collect::<Vec<_>>(),
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}
