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
    assert_eq!(alice.attributes.get("title"), Some("Dr"));
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
    assert_eq!(signing.attributes.get("role"), Some("buyer"));
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
                c.evidence
                    .iter_mut()
                    .for_each(|e| e.quote = Default::default());
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

/// Every diagnostic of a CSV folder, as `file:line:column code`.
fn csv_diagnostics(folder: &std::path::Path) -> Vec<String> {
    let error = load::load_any(folder).unwrap_err();
    error
        .diagnostics()
        .iter()
        .map(|d| {
            let file = d.file.rsplit('/').next().unwrap_or_default();
            format!("{file}:{}:{} {}", d.line, d.column, d.kind.code())
        })
        .collect()
}

/// A copy of `csv-bad` with each table's text changed by `change`.
fn csv_bad_copy(change: impl Fn(&str) -> String) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("sources")).unwrap();
    fs::copy(
        data("csv-bad/sources/one.txt"),
        folder.path().join("sources/one.txt"),
    )
    .unwrap();
    for table in ["documents.csv", "nodes.csv", "edges.csv"] {
        let text = fs::read_to_string(data("csv-bad").join(table)).unwrap();
        fs::write(folder.path().join(table), change(&text)).unwrap();
    }
    folder
}

/// Windows line ends, a byte-order mark and a missing last line end move no
/// diagnostic: each names the line and the column of its cell.
#[test]
fn csv_rows_are_located_the_same_whatever_the_line_ends() {
    let lf = csv_diagnostics(&data("csv-bad"));
    assert_eq!(
        lf,
        [
            "documents.csv:2:17 invalid-date",
            "documents.csv:3:18 document-outside-folder",
            "edges.csv:2:7 dangling-reference",
            "edges.csv:3:7 dangling-reference",
            "edges.csv:3:12 unknown-relation",
            "edges.csv:4:21 quote-not-found",
            "edges.csv:5:17 dangling-reference",
            "edges.csv:6:18 claim-without-evidence",
            "nodes.csv:3:1 duplicate-id",
            "nodes.csv:4:5 unknown-kind",
            "nodes.csv:5:1 parse",
        ]
    );
    fn crlf(text: &str) -> String {
        text.replace('\n', "\r\n")
    }
    fn bom(text: &str) -> String {
        format!("\u{feff}{text}")
    }
    fn bom_crlf(text: &str) -> String {
        bom(&crlf(text))
    }
    fn no_last_line_end(text: &str) -> String {
        text.trim_end().to_string()
    }
    type Change = fn(&str) -> String;
    let variants: [(&str, Change); 4] = [
        ("CRLF", crlf),
        ("BOM", bom),
        ("BOM and CRLF", bom_crlf),
        ("no last line end", no_last_line_end),
    ];
    for (name, change) in variants {
        let folder = csv_bad_copy(change);
        assert_eq!(csv_diagnostics(folder.path()), lf, "{name}");
    }
}

/// A quoted cell holding line ends moves the rows after it down by as many
/// lines, and a cell after it on the same row is found on its last line.
#[test]
fn quoted_cells_with_line_ends_keep_later_rows_located() {
    let folder = csv_bad_copy(|text| text.to_string());
    let edges = "source,target,relation,document,quote,note\r\n\
                 alice,alice,met,one,Alice Smith met Bob Jones,\"a note\r\nover\r\nthree lines\"\r\n\
                 alice,zed,met,one,Alice Smith met Bob Jones,\r\n\
                 \"alice\",\"x\ny\",met,one,Alice Smith met Bob Jones,\r\n";
    fs::write(folder.path().join("edges.csv"), edges).unwrap();
    let found: Vec<String> = csv_diagnostics(folder.path())
        .into_iter()
        .filter(|d| d.starts_with("edges.csv"))
        .collect();
    assert_eq!(
        found,
        [
            "edges.csv:5:7 dangling-reference",
            "edges.csv:6:9 dangling-reference"
        ]
    );
}

/// A table saved with semicolons (a European spreadsheet's default) or tabs
/// gets one error that says so, not one per column it seems to lack.
#[test]
fn a_semicolon_or_tab_separated_table_gets_one_clear_error() {
    for (separator, shown) in [(";", "`;`-separated"), ("\t", "tab-separated")] {
        let folder = csv_bad_copy(|text| text.replace(',', separator));
        let error = load::load_any(folder.path()).unwrap_err();
        let about_edges: Vec<_> = error
            .diagnostics()
            .iter()
            .filter(|d| d.file.ends_with("edges.csv"))
            .collect();
        assert_eq!(about_edges.len(), 1, "{error}");
        let message = about_edges[0].to_string();
        assert!(
            message.contains("edges.csv:1:1: error[wrong-separator]"),
            "{message}"
        );
        assert!(message.contains(shown), "{message}");
        assert!(
            message.contains("tiegraph reads comma-separated files"),
            "{message}"
        );
    }
}
