//! Properties of every parser over generated input, in the normal test run
//! (the cargo-fuzz targets in `fuzz/` explore the same paths for longer):
//! no panic, every refusal located, and what loads round-trips.

use proptest::prelude::*;
use tiegraph::export::json::JsonGraph;
use tiegraph::load::{CsvTables, LoadError, MemoryStore, TableInput, load_csv_tables};
use tiegraph::review::{CheckedQuote, ClaimReview, ReviewStatus, Reviews};

use crate::support::data;

/// `text` with `insert` put in at `at` (a fraction of its length), on a
/// character boundary.
fn mutate(text: &str, at: f64, cut: usize, insert: &str) -> String {
    let mut position = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(position) {
        position -= 1;
    }
    let mut end = (position + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &text[..position], &text[end..])
}

fn located(error: &LoadError) -> bool {
    match error {
        LoadError::Invalid { diagnostics } => {
            !diagnostics.is_empty() && diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1)
        }
        _ => true,
    }
}

/// Pieces that break syntax in every format tiegraph reads.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("[[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("=".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\\u{0}".to_string()),
        Just("\u{feff}".to_string()),
        Just("မြန်မာ".to_string()),
        ".{0,12}",
    ]
}

fn table(name: &str, text: String) -> Option<(String, TableInput)> {
    Some((name.to_string(), TableInput::from(text)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_toml_dataset_loads_or_is_refused_at_a_location(
        at in 0.0..1.0f64, cut in 0usize..40, insert in junk()
    ) {
        let text = std::fs::read_to_string(data("minimal.toml")).unwrap();
        let store = tiegraph::load::FolderStore::new(data(""));
        match tiegraph::load::load_str("m.toml", &mutate(&text, at, cut, &insert), &store) {
            Ok(loaded) => { let _ = tiegraph::graph::TieGraph::new(loaded.dataset); }
            Err(error) => prop_assert!(located(&error), "{error}"),
        }
    }

    #[test]
    fn mutated_csv_tables_load_or_every_bad_row_is_located(
        at in 0.0..1.0f64, cut in 0usize..20, insert in junk(), which in 0usize..3
    ) {
        let folder = data("csv");
        let mut texts: Vec<String> = ["documents.csv", "nodes.csv", "edges.csv"]
            .iter()
            .map(|f| std::fs::read_to_string(folder.join(f)).unwrap())
            .collect();
        texts[which] = mutate(&texts[which], at, cut, &insert);
        // Lines of each file as an editor counts them (\r\n, \r and \n
        // each end one), so every diagnostic can be checked to point inside
        // the file it names.
        let names = ["documents.csv", "nodes.csv", "edges.csv"];
        let lines = |file: &str| {
            names.iter().position(|n| *n == file).map_or(0, |i| {
                texts[i].replace("\r\n", "\n").replace('\r', "\n").split('\n').count()
            })
        };
        let tables = CsvTables {
            documents: table("documents.csv", texts[0].clone()),
            nodes: table("nodes.csv", texts[1].clone()),
            edges: table("edges.csv", texts[2].clone()),
            ..CsvTables::default()
        };
        let store = tiegraph::load::FolderStore::new(&folder);
        if let Err(LoadError::Invalid { diagnostics }) = load_csv_tables("csv", tables, &store) {
            prop_assert!(!diagnostics.is_empty());
            for d in diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines(&d.file).max(1), "{d:?}");
            }
        }
    }

    #[test]
    fn a_mutated_json_export_loads_and_round_trips_or_is_located(
        at in 0.0..1.0f64, cut in 0usize..30, insert in junk()
    ) {
        let minimal = crate::support::minimal().dataset;
        let text = JsonGraph::from_dataset(&minimal).to_string_pretty().unwrap();
        let store = MemoryStore::default();
        match tiegraph::load::load_json_text("m.json", &mutate(&text, at, cut, &insert), &store) {
            Ok(loaded) => {
                let again = JsonGraph::from_dataset(&loaded.dataset).to_string_pretty().unwrap();
                let back = tiegraph::load::load_json_text("again.json", &again, &store).unwrap();
                prop_assert_eq!(back.dataset.claims, loaded.dataset.claims);
            }
            Err(error) => prop_assert!(located(&error), "{error}"),
        }
    }

    #[test]
    fn mutated_followthemoney_lines_load_and_round_trip_or_are_located(
        at in 0.0..1.0f64, cut in 0usize..30, insert in junk()
    ) {
        let graph = tiegraph::graph::TieGraph::new(crate::support::minimal().dataset);
        let options = tiegraph::export::ExportOptions::default();
        let view = tiegraph::graph::View::all(&graph);
        let text = tiegraph::export::ftm::to_ftm(&graph, &view, &options);
        let mutated = mutate(&text, at, cut, &insert);
        let lines = mutated.lines().count().max(1);
        match tiegraph::load::load_ftm_text("m.jsonl", "m", &mutated) {
            Ok(loaded) => {
                let back = tiegraph::graph::TieGraph::new(loaded.dataset);
                let again = tiegraph::export::ftm::to_ftm(&back, &tiegraph::graph::View::all(&back), &options);
                let twice = tiegraph::load::load_ftm_text("again.jsonl", "m", &again).unwrap();
                prop_assert_eq!(&twice.dataset.claims, &back.dataset().claims);
                prop_assert_eq!(&twice.dataset.nodes, &back.dataset().nodes);
            }
            Err(error) => {
                prop_assert!(located(&error), "{error}");
                for d in error.diagnostics() {
                    prop_assert!(d.line <= lines, "{d:?} past the last line {lines}");
                }
            }
        }
    }

    #[test]
    fn reviews_with_any_text_write_and_read_back_the_same(
        entries in proptest::collection::btree_map(
            "[a-z0-9-]{1,12}",
            (0usize..4, proptest::option::of(".{0,40}"), proptest::option::of(".{0,20}"),
             proptest::collection::vec((".{0,10}", ".{0,30}"), 0..3)),
            0..6,
        )
    ) {
        let mut reviews = Reviews::default();
        for (claim, (status, note, reviewer, checked)) in entries {
            reviews.claims.insert(claim, ClaimReview {
                status: [ReviewStatus::Unreviewed, ReviewStatus::Confirmed,
                         ReviewStatus::Disputed, ReviewStatus::Rejected][status],
                note,
                reviewer,
                time: None,
                credibility: checked
                    .iter()
                    .enumerate()
                    .map(|(i, (document, quote))| tiegraph::model::GradedQuote {
                        document: document.clone(),
                        quote: quote.clone(),
                        grade: tiegraph::model::Credibility::new(1 + (i % 6) as u8).unwrap(),
                    })
                    .collect(),
                checked: checked
                    .into_iter()
                    .map(|(document, quote)| CheckedQuote { document, quote })
                    .collect(),
            });
        }
        // Reviewers' reliability grades of documents, under hostile ids too.
        for (i, id) in reviews.claims.keys().cloned().collect::<Vec<_>>().into_iter().enumerate() {
            let letter = ["A", "B", "C", "D", "E", "F"][i % 6];
            reviews.set_reliability(
                &format!("{id}\" \n doc"),
                tiegraph::model::Reliability::parse(letter),
                Some(format!("reviewer {i}")),
            );
        }
        let text = reviews.to_toml("any \"name\"\nwith lines");
        let back = Reviews::from_toml("r.toml", &text);
        prop_assert_eq!(back.ok(), Some(reviews));
    }

    #[test]
    fn a_mutated_saved_filter_applies_or_is_refused(
        at in 0.0..1.0f64, cut in 0usize..20, insert in junk()
    ) {
        let graph = crate::support::embedded_graph();
        let filter = tiegraph::query::Filter {
            focus: vec!["min-aung-hlaing".into()],
            hops: 2,
            ..tiegraph::query::Filter::default()
        };
        let saved = tiegraph::query::SavedFilter::new(graph.dataset(), filter);
        let text = serde_json::to_string_pretty(&saved).unwrap();
        let mutated = mutate(&text, at, cut, &insert);
        if let Ok(saved) = serde_json::from_str::<tiegraph::query::SavedFilter>(&mutated)
            && let Ok(view) = saved.filter.apply(&graph)
        {
            prop_assert!(view.node_count() <= graph.dataset().nodes.len());
        }
    }
}
