//! `tiegraph mentions [--doc ID] [DATASET]`: where each document names a
//! known entity that no quote covers, and how much of it the quotes cover.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, load_or_report, plural};
use tiegraph::curate::mentions;
use tiegraph::text::line_column;

#[derive(Args)]
pub struct MentionsArgs {
    /// Dataset (default: the embedded dataset).
    dataset: Option<PathBuf>,
    /// Only this document (repeatable).
    #[arg(long = "doc")]
    documents: Vec<String>,
}

pub fn run(args: MentionsArgs) -> Result<(), Failure> {
    let loaded = load_or_report(args.dataset.as_deref())?;
    let dataset = &loaded.dataset;
    for wanted in &args.documents {
        if !dataset.documents.iter().any(|d| &d.id == wanted) {
            return Err(anyhow::anyhow!("no document `{wanted}` in the dataset").into());
        }
    }
    for report in mentions::of_dataset(dataset) {
        if !args.documents.is_empty() && !args.documents.contains(&report.document) {
            continue;
        }
        let Some(document) = dataset.documents.iter().find(|d| d.id == report.document) else {
            continue;
        };
        println!(
            "{}: {} of {} sentence{} carry a quote ({:.0}%); {} mention{} without a claim",
            report.document,
            report.covered,
            report.sentences,
            plural(report.sentences),
            report.coverage() * 100.0,
            report.mentions.len(),
            plural(report.mentions.len()),
        );
        for mention in &report.mentions {
            let (line, column) = line_column(&document.text, mention.range.start);
            println!(
                "  {}:{line}:{column} (bytes {}..{})  {:?} → {}",
                document.path,
                mention.range.start,
                mention.range.end,
                &document.text[mention.range.clone()],
                mention.entity
            );
        }
    }
    Ok(())
}
