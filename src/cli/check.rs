//! `tiegraph check`: validate a dataset and count what was verified.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, load_or_report};

#[derive(Args)]
pub struct CheckArgs {
    /// Dataset: a curated .toml, a .json export, or a folder of
    /// nodes.csv / edges.csv / documents.csv (default: the embedded dataset).
    dataset: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> Result<(), Failure> {
    let loaded = load_or_report(args.dataset.as_deref())?;
    let data = &loaded.dataset;
    let quotes: usize = data.claims.iter().map(|c| c.evidence.len()).sum();
    // Imported data may carry quotes whose document text is absent.
    let without_text: std::collections::HashSet<&str> = data
        .documents
        .iter()
        .filter(|d| d.text.is_empty())
        .map(|d| d.id.as_str())
        .collect();
    let evidence = || data.claims.iter().flat_map(|c| &c.evidence);
    // Records (FollowTheMoney relationships without a quote) stand apart:
    // there is nothing in them to verify.
    let records = evidence().filter(|e| e.record.is_some()).count();
    let unverified = evidence()
        .filter(|e| e.record.is_none() && without_text.contains(e.document.as_str()))
        .count();
    let mut kept = Vec::new();
    if unverified > 0 {
        kept.push(format!("{unverified} kept as given: no document text"));
    }
    if records > 0 {
        kept.push(format!(
            "{records} record{} without a quote, unverified",
            if records == 1 { "" } else { "s" }
        ));
    }
    let kept = if kept.is_empty() {
        String::new()
    } else {
        format!(" ({})", kept.join("; "))
    };
    let unverified = unverified + records;
    println!(
        "ok: {} — {} documents, {} nodes, {} claims, {} quotes verified{kept}, {} warnings",
        data.name,
        data.documents.len(),
        data.nodes.len(),
        data.claims.len(),
        quotes - unverified,
        loaded.warnings.len()
    );
    // Exiting frees it faster than dropping it piece by piece.
    std::mem::forget(loaded);
    Ok(())
}
