//! The review report, as Markdown for people and CSV for spreadsheets.

use std::fmt::Write as _;

use petgraph::stable_graph::EdgeIndex;

use super::conflicts::conflict_groups;
use super::queue::progress;
use crate::graph::TieGraph;
use crate::model::{Claim, ReviewStatus, Reviews};
use crate::query::explain::explain_claim;

/// Why the CSV report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the CSV report")]
    Csv(#[from] csv::Error),
}

/// A claim in words, as its source end would say it.
fn statement(graph: &TieGraph, edge: EdgeIndex) -> String {
    let claim = graph.claim(edge);
    explain_claim(graph, claim, &claim.from).statement
}

/// The review report as Markdown: coverage per document, disputed and
/// rejected claims, single-source claims, conflicts and orphaned reviews.
pub fn markdown(graph: &TieGraph, reviews: &Reviews) -> String {
    let mut out = String::new();
    let data = graph.dataset();
    let done = progress(graph, reviews);
    let _ = writeln!(out, "# Review report: {}\n", data.name);
    let _ = writeln!(
        out,
        "Reviewed {} of {} claims.\n",
        done.reviewed, done.total
    );
    let _ = writeln!(out, "## Coverage per document\n");
    let _ = writeln!(
        out,
        "| document | publisher | claims | reviewed | confirmed | disputed | rejected |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for document in &data.documents {
        let cited: Vec<&Claim> = data
            .claims
            .iter()
            .filter(|c| c.evidence.iter().any(|e| e.document == document.id))
            .collect();
        let count = |s: ReviewStatus| cited.iter().filter(|c| reviews.status(&c.id) == s).count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            document.id,
            document.publisher,
            cited.len(),
            cited.len() - count(ReviewStatus::Unreviewed),
            count(ReviewStatus::Confirmed),
            count(ReviewStatus::Disputed),
            count(ReviewStatus::Rejected)
        );
    }
    for (heading, wanted) in [
        ("Disputed claims", ReviewStatus::Disputed),
        ("Rejected claims", ReviewStatus::Rejected),
    ] {
        let _ = writeln!(out, "\n## {heading}\n");
        let mut any = false;
        for edge in graph.graph().edge_indices() {
            let claim = graph.claim(edge);
            if reviews.status(&claim.id) != wanted {
                continue;
            }
            any = true;
            let review = reviews.get(&claim.id);
            let _ = writeln!(
                out,
                "- `{}` — {}{}{}",
                claim.id,
                statement(graph, edge),
                review
                    .and_then(|r| r.note.as_ref())
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default(),
                review
                    .and_then(|r| r.reviewer.as_ref())
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
        }
        if !any {
            let _ = writeln!(out, "None.");
        }
    }
    let single: Vec<_> = graph
        .graph()
        .edge_indices()
        .filter(|&e| graph.sources(e) <= 1)
        .collect();
    let _ = writeln!(out, "\n## Single-source claims ({})\n", single.len());
    for edge in single {
        let _ = writeln!(
            out,
            "- `{}` — {} [{}]",
            graph.claim(edge).id,
            statement(graph, edge),
            reviews.status(&graph.claim(edge).id)
        );
    }
    let groups = conflict_groups(graph);
    let _ = writeln!(out, "\n## Conflicts ({})\n", groups.len());
    for group in groups {
        let _ = writeln!(
            out,
            "### {} ({})\n\n{}\n",
            group.id,
            if group.marked {
                "marked in the dataset"
            } else {
                "found automatically"
            },
            group.description
        );
        for edge in group.claims {
            let claim = graph.claim(edge);
            let sources: Vec<String> = claim
                .evidence
                .iter()
                .map(|e| {
                    let publisher = graph
                        .document(&e.document)
                        .map_or("unknown", |d| d.publisher.as_str());
                    format!("{} ({publisher})", e.document)
                })
                .collect();
            let _ = writeln!(
                out,
                "- {}{} — {} [{}]",
                statement(graph, edge),
                claim
                    .date
                    .as_ref()
                    .map(|d| format!(" [{d}]"))
                    .unwrap_or_default(),
                sources.join("; "),
                reviews.status(&claim.id)
            );
        }
        out.push('\n');
    }
    let orphans = reviews.orphans(graph);
    let _ = writeln!(out, "## Orphaned reviews ({})\n", orphans.len());
    for orphan in orphans {
        let _ = writeln!(
            out,
            "- `{orphan}`: {} — the claim is no longer in the dataset",
            reviews.status(orphan)
        );
    }
    out
}

/// One row per claim (and per orphaned review): its status, sources,
/// documents, conflicts and the review's note, reviewer and time.
pub fn csv(graph: &TieGraph, reviews: &Reviews) -> Result<String, ReportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "claim",
        "from",
        "relation",
        "to",
        "date",
        "status",
        "sources",
        "documents",
        "conflict",
        "note",
        "reviewer",
        "time",
        "orphan",
    ])?;
    let conflicts = conflict_groups(graph);
    for edge in graph.graph().edge_indices() {
        let claim = graph.claim(edge);
        let review = reviews.get(&claim.id);
        let conflict: Vec<&str> = conflicts
            .iter()
            .filter(|g| g.claims.contains(&edge))
            .map(|g| g.id.as_str())
            .collect();
        let documents: Vec<&str> = claim.evidence.iter().map(|e| e.document.as_str()).collect();
        writer.write_record([
            claim.id.as_str(),
            claim.from.as_str(),
            claim.relation.as_str(),
            claim.to.as_str(),
            &claim
                .date
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            reviews.status(&claim.id).as_str(),
            &graph.sources(edge).to_string(),
            &documents.join(";"),
            &conflict.join(";"),
            review.and_then(|r| r.note.as_deref()).unwrap_or(""),
            review.and_then(|r| r.reviewer.as_deref()).unwrap_or(""),
            review.and_then(|r| r.time.as_deref()).unwrap_or(""),
            "",
        ])?;
    }
    for orphan in reviews.orphans(graph) {
        let review = &reviews.claims[orphan];
        writer.write_record([
            orphan,
            "",
            "",
            "",
            "",
            review.status.as_str(),
            "",
            "",
            "",
            review.note.as_deref().unwrap_or(""),
            review.reviewer.as_deref().unwrap_or(""),
            review.time.as_deref().unwrap_or(""),
            "yes",
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ReportError::Csv(error.into_error().into()))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
