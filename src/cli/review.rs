//! `tiegraph review set|list|report`: reviews from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

use super::args::parse_status;
use super::output::{Failure, Reported, graph_or_report, open_reviews};
use tiegraph::review::{ReviewStatus, report, unknown_claim};
use tiegraph::text::with_causes;

#[derive(Subcommand)]
pub enum ReviewAction {
    /// Set a claim's review status: unreviewed, confirmed, disputed or rejected.
    Set {
        /// The claim's id (see `review list`, `show` or the JSON export).
        edge: String,
        #[arg(value_parser = parse_status)]
        status: ReviewStatus,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Grade a document's reliability (A–F) or an evidence item's
    /// credibility (1–6), as the reviewer; `none` takes the grade away.
    Grade {
        /// A document id (with --reliability) or a claim id (with
        /// --credibility and --evidence).
        target: String,
        /// A–F, or `none`.
        #[arg(long, conflicts_with = "credibility")]
        reliability: Option<String>,
        /// 1–6, or `none`.
        #[arg(long, requires = "evidence")]
        credibility: Option<String>,
        /// Which evidence item of the claim (1 is the first).
        #[arg(long)]
        evidence: Option<usize>,
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Print claim ids with their status and note.
    List {
        #[arg(long, value_parser = parse_status)]
        status: Option<ReviewStatus>,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Coverage per document, disputed and rejected claims, single-source
    /// claims, conflicts and orphaned reviews.
    Report {
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
}

pub fn run(action: ReviewAction) -> Result<(), Failure> {
    match action {
        ReviewAction::Set {
            edge,
            status,
            note,
            reviewer,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            if graph.claim_index(&edge).is_none() {
                eprintln!("error: {}", unknown_claim(graph, &edge));
                return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
            }
            let mut store = open_reviews(dataset.as_deref(), graph);
            store.reviews.set(&edge, status, note, reviewer);
            if let Err(error) = store.save() {
                eprintln!("error: {}", with_causes(&error));
                return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
            }
            println!("{edge}: {status} (saved to {})", store.path.display());
        }
        ReviewAction::Grade {
            target,
            reliability,
            credibility,
            evidence,
            reviewer,
            dataset,
        } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let mut store = open_reviews(dataset.as_deref(), graph);
            let said = match (reliability, credibility) {
                (Some(grade), None) => {
                    if graph.document(&target).is_none() {
                        return Err(anyhow::anyhow!("no document `{target}` in the dataset").into());
                    }
                    let parsed = match grade.trim() {
                        "none" => None,
                        text => {
                            Some(tiegraph::model::Reliability::parse(text).ok_or_else(|| {
                                anyhow::anyhow!("reliability `{text}`: expected A to F, or none")
                            })?)
                        }
                    };
                    store.reviews.set_reliability(&target, parsed, reviewer);
                    format!(
                        "{target}: reliability {}",
                        parsed.map_or("none".into(), |r| format!("{r} ({})", r.meaning()))
                    )
                }
                (None, Some(grade)) => {
                    let Some(edge) = graph.claim_index(&target) else {
                        eprintln!("error: {}", unknown_claim(graph, &target));
                        return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
                    };
                    let claim = graph.claim(edge);
                    let number = evidence.unwrap_or(1);
                    let Some(item) = number.checked_sub(1).and_then(|i| claim.evidence.get(i))
                    else {
                        return Err(anyhow::anyhow!(
                            "claim `{target}` has {} evidence item(s), not {number}",
                            claim.evidence.len()
                        )
                        .into());
                    };
                    let parsed = match grade.trim() {
                        "none" => None,
                        text => {
                            Some(tiegraph::model::Credibility::parse(text).ok_or_else(|| {
                                anyhow::anyhow!("credibility `{text}`: expected 1 to 6, or none")
                            })?)
                        }
                    };
                    store.reviews.set_credibility(
                        &target,
                        (&item.document, &item.quote),
                        parsed,
                        reviewer,
                    );
                    format!(
                        "{target} evidence {number}: credibility {}",
                        parsed.map_or("none".into(), |c| format!("{c} ({})", c.meaning()))
                    )
                }
                _ => {
                    return Err(anyhow::anyhow!(
                        "give --reliability (for a document) or --credibility with --evidence (for a claim)"
                    )
                    .into());
                }
            };
            if let Err(error) = store.save() {
                eprintln!("error: {}", with_causes(&error));
                return Err(Failure::Reported(Reported(ExitCode::FAILURE)));
            }
            println!("{said} (saved to {})", store.path.display());
        }
        ReviewAction::List { status, dataset } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let store = open_reviews(dataset.as_deref(), graph);
            let reviews = &store.reviews;
            for claim in &graph.dataset().claims {
                let current = reviews.status(&claim.id);
                if status.is_some_and(|wanted| wanted != current) {
                    continue;
                }
                if status.is_none() && current == ReviewStatus::Unreviewed {
                    continue;
                }
                let note = reviews
                    .get(&claim.id)
                    .and_then(|r| r.note.clone())
                    .unwrap_or_default();
                println!("{}\t{current}\t{note}", claim.id);
            }
            for orphan in reviews.orphans(graph) {
                let review = &reviews.claims[orphan];
                if status.is_none_or(|wanted| wanted == review.status) {
                    println!(
                        "{orphan}\t{} (orphan: no such claim now)\t{}",
                        review.status,
                        review.note.clone().unwrap_or_default()
                    );
                }
            }
        }
        ReviewAction::Report { format, dataset } => {
            let graph = graph_or_report(dataset.as_deref())?;
            let store = open_reviews(dataset.as_deref(), graph);
            let text = match format {
                ReportFormat::Md => report::markdown(graph, &store.reviews),
                ReportFormat::Csv => report::csv(graph, &store.reviews)?,
            };
            print!("{text}");
        }
    }
    Ok(())
}
