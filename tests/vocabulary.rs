//! Datasets with their own vocabulary and with homonyms (a made-up sanctions
//! notice in `tests/data/sanctions`, as TOML and as CSV): they load, query
//! and export; an unknown kind keeps one look everywhere; a name several
//! entities share is a choice, never a guess.

use tiegraph::export::{self, ExportFormat, ExportOptions};
use tiegraph::graph::TieGraph;
use tiegraph::load;
use tiegraph::model::{NodeKind, Relation, Shape};
use tiegraph::query::{Filter, QueryError, resolve};
use tiegraph::style::kind_style;

use crate::support::{data, graphviz, load as load_graph, stderr, stdout, tiegraph};

const TOML: &str = "sanctions/dataset.toml";

#[test]
fn a_declared_vocabulary_replaces_the_built_in_one() {
    let graph = load_graph(TOML);
    let vocabulary = &graph.dataset().vocabulary;
    assert!(vocabulary.declared_kinds && vocabulary.declared_relations);
    let kinds: Vec<&str> = vocabulary.kind_names();
    assert_eq!(kinds, ["person", "group", "company", "vessel", "regime"]);
    // A built-in id declared without a meaning keeps the built-in one.
    assert_eq!(
        vocabulary.kind_meaning(NodeKind::PERSON),
        "A named or described individual."
    );
    assert!(vocabulary.is_mutual(Relation::new("family_of")));
    assert!(!vocabulary.is_mutual(Relation::new("owns")));
    // Built-in words not declared are outside this dataset's vocabulary.
    assert_eq!(vocabulary.find_relation("met"), None);
}

#[test]
fn the_csv_vocabulary_reads_like_the_toml_one() {
    let toml = load_graph(TOML);
    let csv = load_graph("sanctions-csv");
    assert_eq!(toml.dataset().vocabulary, csv.dataset().vocabulary);
    assert_eq!(csv.dataset().claims.len(), 5);
}

#[test]
fn the_json_export_carries_the_vocabulary_and_reads_back() {
    let graph = load_graph(TOML);
    let view = tiegraph::graph::View::all(&graph);
    let json =
        export::render(&graph, &view, ExportFormat::Json, &ExportOptions::default()).unwrap();
    assert!(json.contains("\"kinds\": [") && json.contains("\"mutual\": true"));
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("sources")).unwrap();
    std::fs::copy(
        data("sanctions/sources/notice.txt"),
        folder.path().join("sources/notice.txt"),
    )
    .unwrap();
    let path = folder.path().join("export.json");
    std::fs::write(&path, &json).unwrap();
    let loaded = load::load_any(&path).unwrap();
    assert_eq!(loaded.dataset.vocabulary, graph.dataset().vocabulary);
    assert_eq!(loaded.dataset.claims, graph.dataset().claims);
    // The homonyms come back as warnings, as from the TOML.
    assert_eq!(
        loaded
            .warnings
            .iter()
            .filter(|w| w.kind.code() == "shared-name")
            .count(),
        2
    );
}

#[test]
fn the_built_in_vocabulary_is_not_written_into_exports() {
    let graph = crate::support::embedded_graph();
    let json = export::render(
        &graph,
        &tiegraph::graph::View::all(&graph),
        ExportFormat::Json,
        &ExportOptions::default(),
    )
    .unwrap();
    assert!(!json.contains("\"kinds\"") && !json.contains("\"relations\""));
}

#[test]
fn kinds_without_a_declared_look_get_one_stable_palette_look() {
    let graph = load_graph(TOML);
    let vocabulary = &graph.dataset().vocabulary;
    let vessel = kind_style(vocabulary, NodeKind::new("vessel"));
    assert_eq!(vessel.shape, Shape::Cds);
    let company = kind_style(vocabulary, NodeKind::new("company"));
    assert_eq!(company.hex(), "#a6cee3");
    // `group` declares neither: the palette's look for that id, the same in
    // any vocabulary (so two datasets draw their groups alike).
    let group = kind_style(vocabulary, NodeKind::new("group"));
    assert_eq!(
        group,
        kind_style(
            &tiegraph::model::Vocabulary::builtin(),
            NodeKind::new("group")
        )
    );
    let regime = kind_style(vocabulary, NodeKind::new("regime"));
    assert_ne!((group.shape, group.rgb), (regime.shape, regime.rgb));

    // The DOT export uses those looks, draws mutual claims without an arrow
    // head, and Graphviz renders it.
    let dot = export::render(
        &graph,
        &tiegraph::graph::View::all(&graph),
        ExportFormat::Dot,
        &ExportOptions {
            legend: true,
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"n:{id}\" [")))
            .unwrap_or_else(|| panic!("no node {id} in\n{dot}"))
            .to_string()
    };
    assert!(line("sea-lark").contains("shape=cds"));
    assert!(line("blue-crescent").contains("fillcolor=\"#a6cee3\""));
    assert!(line("ansar-al-sharia-derna").contains(&format!("fillcolor=\"{}\"", group.hex())));
    let family = dot
        .lines()
        .find(|l| l.contains("relation=\"family_of\""))
        .unwrap();
    assert!(family.ends_with(", dir=none];"), "{family}");
    let owns = dot
        .lines()
        .find(|l| l.contains("relation=\"owns\""))
        .unwrap();
    assert!(!owns.contains("dir=none"));
    let svg = graphviz("dot", &["-Tsvg"], &dot);
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
}

#[test]
fn filters_and_paths_use_the_declared_relations() {
    let graph = load_graph(TOML);
    let filter = Filter {
        relations: vec![tiegraph::query::find_relation(&graph, "sanctioned_under").unwrap()],
        hide_isolated: true,
        ..Filter::default()
    };
    let view = filter.apply(&graph).unwrap();
    assert_eq!(view.edges().count(), 5);
    let error = tiegraph::query::find_relation(&graph, "sanctioned").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("unknown relation `sanctioned`: not in the dataset's vocabulary; did you mean `sanctioned_under`?"),
        "{error}"
    );
}

#[test]
fn a_shared_name_lists_the_entities_and_an_id_picks_one() {
    let graph = load_graph(TOML);
    match resolve(&graph, "omar hadid") {
        Err(QueryError::AmbiguousEntity { candidates, .. }) => {
            assert_eq!(
                candidates,
                [
                    "omar-hadid (person: Omar Hadid)",
                    "omar-hadid-1971 (person: Omar Hadid; 1971)"
                ]
            );
        }
        other => panic!("expected a choice, got {other:?}"),
    }
    match resolve(&graph, "Ansar al-Sharia") {
        Err(QueryError::AmbiguousEntity { candidates, .. }) => {
            assert_eq!(
                candidates,
                [
                    "ansar-al-sharia-benghazi (group: Ansar al-Sharia; based_in: Benghazi)",
                    "ansar-al-sharia-derna (group: Ansar al-Sharia; based_in: Derna)"
                ]
            );
        }
        other => panic!("expected a choice, got {other:?}"),
    }
    // An alias only one of them has still leads to it alone.
    let derna = resolve(&graph, "Ansar al-Sharia (Derna)").unwrap();
    assert_eq!(graph.node(derna).id, "ansar-al-sharia-derna");
    assert_eq!(
        graph.display_name(derna),
        "Ansar al-Sharia (ansar-al-sharia-derna)"
    );
    let layla = resolve(&graph, "Layla Hadid").unwrap();
    assert_eq!(graph.display_name(layla), "Layla Hadid");
}

#[test]
fn the_command_line_asks_for_an_id_when_a_name_is_shared() {
    let dataset = data(TOML);
    let dataset = dataset.to_str().unwrap();
    let output = tiegraph(&["path", "Omar Hadid", "Ansar al-Sharia (Derna)", dataset]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains("error: 2 entities are called \"Omar Hadid\"; give one's id:\n  omar-hadid (person: Omar Hadid)\n  omar-hadid-1971 (person: Omar Hadid; 1971)"),
        "{error}"
    );
    let output = tiegraph(&["path", "omar-hadid", "Ansar al-Sharia (Derna)", dataset]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with(
            "Paths from Omar Hadid (omar-hadid) to Ansar al-Sharia (ansar-al-sharia-derna): 1 path"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_command_line_lists_and_checks_the_dataset_vocabulary() {
    let dataset = data(TOML);
    let dataset = dataset.to_str().unwrap();
    let output = tiegraph(&["vocabulary", dataset]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("Node kinds (declared by the dataset)"),
        "{text}"
    );
    assert!(
        text.contains("  vessel                1  cds           "),
        "{text}"
    );
    assert!(
        text.contains(
            "  family_of             1  from is family of to (the kin in attributes). (mutual)"
        ),
        "{text}"
    );
    let output = tiegraph(&["export", "--node-kinds", "persn", dataset]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `person`?"),
        "{}",
        stderr(&output)
    );
    let output = tiegraph(&["export", "--format", "json", "--relations", "owns", dataset]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("\"kind\": \"owns\""));
}

#[test]
fn every_loader_reads_a_vocabulary_graph_the_same() {
    let graph = TieGraph::new(load::load_path(&data(TOML)).unwrap().dataset);
    let stats = tiegraph::stats::Stats::of(graph.dataset());
    let by_kind: Vec<(String, usize)> = stats
        .nodes_by_kind
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    assert_eq!(
        by_kind,
        [
            ("person".to_string(), 3),
            ("group".to_string(), 2),
            ("company".to_string(), 1),
            ("vessel".to_string(), 1),
            ("regime".to_string(), 2)
        ]
    );
}

#[test]
fn the_vocabulary_dataset_exports_to_every_format() {
    let graph = load_graph(TOML);
    let folder = tempfile::tempdir().unwrap();
    for format in ExportFormat::ALL {
        let path = folder.path().join(format!("out-{}", format.name()));
        export::write(
            &graph,
            &tiegraph::graph::View::all(&graph),
            format,
            &ExportOptions::default(),
            &path,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        let written = if format.is_folder() {
            std::fs::read_to_string(path.join("claims.csv")).unwrap()
        } else {
            std::fs::read_to_string(&path).unwrap()
        };
        // Every claim is in every format, by its id.
        for claim in &graph.dataset().claims {
            let id = match format {
                ExportFormat::Ftm => tiegraph::format::ftm::ftm_id('c', &claim.id),
                _ => claim.id.clone(),
            };
            assert!(written.contains(&id), "{}: {id}", format.name());
        }
    }
}
