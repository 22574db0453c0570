//! Importing CSV folders and JSON exports: faithful, round-tripping, and
//! every bad row or item reported with its location.

use std::collections::BTreeSet;
use std::fs;

use tiegraph::export::json::JsonGraph;
use tiegraph::graph::TieGraph;
use tiegraph::load::{self, DiagnosticKind};

use crate::support::{data, embedded};

#[test]
fn a_csv_folder_loads_with_evidence_located() {
    let loaded = load::load_any(&data("csv")).unwrap();
    let graph = TieGraph::new(loaded.dataset);
    let data = graph.dataset();
    assert_eq!(
        (data.documents.len(), data.nodes.len(), data.claims.len()),
        (2, 3, 2)
    );
    let alice = &data.nodes[0];
    assert_eq!(alice.aliases, vec!["Alice", "A. Smith"]);
    assert_eq!(
        alice.attributes.get("title").map(String::as_str),
        Some("Dr")
    );
    assert_eq!(graph.find("a. smith"), graph.node_index("alice"));
    // Two rows for the same edge are one claim with two evidence items.
    let met = graph.claim_index("alice--met--bob").unwrap();
    assert_eq!(graph.claim(met).evidence.len(), 2);
    assert_eq!(
        graph.sources(met),
        2,
        "an unattributed document and Example Press"
    );
    // A quote with text is located (typography forgiven) and shown as the
    // document has it; one without text is kept as given.
    let signing = graph.claim(graph.claim_index("signing").unwrap());
    assert_eq!(
        graph.evidence_text(&signing.evidence[0]),
        "the “grain deal” – a contract\nthat   Bob’s company signed"
    );
    assert_eq!(
        signing.attributes.get("role").map(String::as_str),
        Some("buyer")
    );
    let press = &graph.claim(met).evidence[1];
    assert_eq!(
        graph.evidence_text(press),
        "Smith and Jones \"met\" in Paris"
    );
    assert_eq!(data.nodes[2].date.as_ref().unwrap().to_string(), "2020-05");
}

#[test]
fn every_bad_csv_row_is_reported_with_its_line() {
    let error = load::load_any(&data("csv-bad/edges.csv")).unwrap_err();
    let found: BTreeSet<(String, usize, &str)> = error
        .diagnostics()
        .iter()
        .map(|d| {
            let file = d.file.rsplit('/').next().unwrap_or_default().to_string();
            (file, d.line, d.kind.code())
        })
        .collect();
    let expected: BTreeSet<(String, usize, &str)> = [
        ("documents.csv", 2, "invalid-date"),
        ("documents.csv", 3, "document-outside-folder"),
        ("nodes.csv", 3, "duplicate-id"),
        ("nodes.csv", 4, "unknown-kind"),
        ("nodes.csv", 5, "parse"),
        ("edges.csv", 2, "dangling-reference"),
        ("edges.csv", 3, "dangling-reference"),
        ("edges.csv", 3, "unknown-relation"),
        ("edges.csv", 4, "quote-not-found"),
        ("edges.csv", 5, "dangling-reference"),
        ("edges.csv", 6, "claim-without-evidence"),
    ]
    .into_iter()
    .map(|(f, l, c)| (f.to_string(), l, c))
    .collect();
    assert_eq!(found, expected, "{error}");
    // Nothing outside the folder was read or echoed.
    assert!(
        !error
            .to_string()
            .contains("Alice Smith met Bob Jones in Paris")
    );
}

/// Export the curated dataset as JSON next to a copy of its sources, load
/// it back: the same graph, and the same JSON byte for byte.
#[test]
fn the_json_export_round_trips() {
    let folder = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("sources")).unwrap();
    let sources = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/sources");
    for entry in fs::read_dir(&sources).unwrap() {
        let entry = entry.unwrap();
        fs::copy(
            entry.path(),
            folder.path().join("sources").join(entry.file_name()),
        )
        .unwrap();
    }
    let original = embedded().dataset;
    let text = JsonGraph::from_dataset(&original)
        .to_string_pretty()
        .unwrap();
    let path = folder.path().join("graph.json");
    fs::write(&path, &text).unwrap();
    let loaded = load::load_any(&path).unwrap().dataset;
    assert_eq!(loaded.nodes, original.nodes);
    // Claims are the same, except that the export carries each quote as the
    // document's own text (the curator's copy may differ in typography).
    let strip = |claims: &[tiegraph::model::Claim]| -> Vec<tiegraph::model::Claim> {
        claims
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.evidence.iter_mut().for_each(|e| e.quote.clear());
                c
            })
            .collect()
    };
    assert_eq!(strip(&loaded.claims), strip(&original.claims));
    assert_eq!(loaded.conflicts, original.conflicts);
    assert_eq!(
        JsonGraph::from_dataset(&loaded).to_string_pretty().unwrap(),
        text
    );
    // Without the texts, it still loads and keeps every quote as given.
    fs::remove_dir_all(folder.path().join("sources")).unwrap();
    let bare = TieGraph::new(load::load_any(&path).unwrap().dataset);
    let claim = bare.claim(
        bare.claim_index("alexander-basov--holds_role--rosoboronexport")
            .unwrap(),
    );
    assert_eq!(
        bare.evidence_text(&claim.evidence[0]),
        "Alexander Basov, the exporter’s representative"
    );
}

#[test]
fn bad_json_items_are_all_located() {
    let folder = tempfile::tempdir().unwrap();
    let text = JsonGraph::from_dataset(&crate::support::minimal().dataset)
        .to_string_pretty()
        .unwrap();
    let broken = text
        .replacen("\"kind\": \"met\"", "\"kind\": \"meets\"", 1)
        .replacen("\"kind\": \"contract\"", "\"kind\": \"deal\"", 1)
        .replacen("\"date\": \"2020-05-03\"", "\"date\": \"2020-05-33\"", 1);
    let path = folder.path().join("bad.json");
    fs::write(&path, &broken).unwrap();
    let error = load::load_any(&path).unwrap_err();
    let kinds: BTreeSet<DiagnosticKind> = error.diagnostics().iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DiagnosticKind::UnknownRelation), "{error}");
    assert!(kinds.contains(&DiagnosticKind::UnknownKind), "{error}");
    assert!(kinds.contains(&DiagnosticKind::InvalidDate), "{error}");
    // Each error points at the line where its item starts.
    let deal = error
        .diagnostics()
        .iter()
        .find(|d| d.kind == DiagnosticKind::UnknownKind)
        .unwrap();
    let line = broken.lines().nth(deal.line - 1).unwrap();
    assert!(line.trim_start().starts_with('{'), "{line:?}");
    let item: String = broken.lines().skip(deal.line - 1).take(6).collect();
    assert!(item.contains("grain-deal"), "{item}");
    // Not JSON at all: located too.
    fs::write(&path, "{\"name\": \"x\", \"nodes\": [}").unwrap();
    let error = load::load_any(&path).unwrap_err();
    assert_eq!(error.diagnostics()[0].line, 1);
    assert!(error.diagnostics()[0].column > 1);
}
