//! How sure, on whose word: modality of each passage and the Admiralty
//! grades (source reliability A–F, information credibility 1–6), from the
//! loader through queries to the exports and back.

use tiegraph::graph::{TieGraph, View};
use tiegraph::load::{self, DiagnosticKind, LoadError, MemoryStore};
use tiegraph::model::{Credibility, Modality, Reliability, Reviews};
use tiegraph::query::{EvidenceRule, Filter, PathMode, PathQuery, find_paths};

use crate::support::{client, data};

fn graded() -> TieGraph {
    let loaded = load::load_path(&data("graded/graded.toml")).unwrap();
    TieGraph::new(loaded.dataset)
}

#[test]
fn modalities_and_grades_load_as_written() {
    let graph = graded();
    let data = graph.dataset();
    let evidence =
        |claim: &str| data.claims.iter().find(|c| c.id == claim).unwrap().evidence[0].clone();
    assert_eq!(evidence("ann--met--bob").modality, Modality::Stated);
    assert_eq!(evidence("ann--met--bob").credibility, Credibility::new(2));
    assert_eq!(evidence("bob--supplies--cid").modality, Modality::Reported);
    assert_eq!(evidence("ann--supports--cid").modality, Modality::Opinion);
    assert_eq!(evidence("ann--visited--dan").modality, Modality::Plan);
    // Not written: stated, ungraded.
    assert_eq!(evidence("bob--met--cid").modality, Modality::Stated);
    assert_eq!(evidence("bob--met--cid").credibility, None);
    assert_eq!(
        graph.document("a").unwrap().reliability,
        Reliability::parse("B")
    );
    assert_eq!(graph.document("b").unwrap().reliability, None);
}

#[test]
fn unknown_modalities_and_grades_are_all_located_with_the_scale() {
    let text = r#"[dataset]
name = "bad"
[[documents]]
id = "a"
title = "A"
publisher = "unknown"
path = "a.txt"
reliability = "G"
[[nodes]]
id = "x"
kind = "person"
label = "X"
[[claims]]
from = "x"
relation = "met"
to = "x"
evidence = [{ doc = "a", quote = "X met X.", modality = "rumour", credibility = 7 }]
"#;
    let store = MemoryStore {
        documents: vec![("a.txt".into(), "X met X.".into())],
    };
    let error = load::load_str("bad.toml", text, &store).unwrap_err();
    let LoadError::Invalid { diagnostics } = error else {
        panic!("not located")
    };
    let grades: Vec<(usize, usize, String)> = diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::InvalidGrade)
        .map(|d| (d.line, d.column, d.expected.clone().unwrap_or_default()))
        .collect();
    assert_eq!(grades.len(), 3, "{diagnostics:#?}");
    assert_eq!(grades[0].0, 8, "reliability on line 8");
    assert!(
        grades
            .iter()
            .any(|g| g.2.contains("stated, reported, uncertain, plan"))
    );
    assert!(grades.iter().any(|g| g.2.contains("1, 2, 3, 4, 5 or 6")));
    assert!(grades.iter().any(|g| g.2.contains("A, B, C, D, E or F")));
}

#[test]
fn the_json_export_carries_modalities_and_grades_back() {
    let graph = graded();
    let json = tiegraph::export::json::render(&graph, &View::all(&graph)).unwrap();
    let store = MemoryStore {
        documents: graph
            .dataset()
            .documents
            .iter()
            .map(|d| (d.path.clone(), d.text.clone()))
            .collect(),
    };
    let back = load::load_json_text("graded.json", &json, &store)
        .unwrap()
        .dataset;
    for (a, b) in graph.dataset().claims.iter().zip(&back.claims) {
        for (x, y) in a.evidence.iter().zip(&b.evidence) {
            assert_eq!(
                (x.modality, x.credibility),
                (y.modality, y.credibility),
                "{}",
                a.id
            );
        }
    }
    for (a, b) in graph.dataset().documents.iter().zip(&back.documents) {
        assert_eq!(a.reliability, b.reliability);
    }
}

fn path_ids(graph: &TieGraph, evidence: EvidenceRule) -> Vec<Vec<String>> {
    let query = PathQuery {
        evidence,
        allow_hubs: true,
        ..PathQuery::default()
    };
    let ann = graph.find("Ann").unwrap();
    let cid = graph.find("Cid").unwrap();
    match find_paths(
        graph,
        None,
        &Reviews::default(),
        ann,
        cid,
        PathMode::AllShortest,
        &query,
    ) {
        Ok(found) => found
            .paths
            .iter()
            .map(|p| p.nodes.iter().map(|&n| graph.node(n).id.clone()).collect())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn stated_or_reported_only_drops_a_path_over_an_opinion_and_grades_compose() {
    let graph = graded();
    // The direct link is only analysts' opinion.
    assert_eq!(path_ids(&graph, EvidenceRule::default()), [["ann", "cid"]]);
    let factual = EvidenceRule {
        factual_only: true,
        ..EvidenceRule::default()
    };
    assert_eq!(path_ids(&graph, factual), [["ann", "bob", "cid"]]);
    // Reliability B or better: Bob met Cid (an ungraded source) drops out,
    // the reported supply (source B) stays.
    let reliable = EvidenceRule {
        min_reliability: Reliability::parse("B"),
        ..factual
    };
    assert_eq!(path_ids(&graph, reliable), [["ann", "bob", "cid"]]);
    // Credibility 2 or better as well: the supply is graded 3, so no path.
    let credible = EvidenceRule {
        min_credibility: Credibility::new(2),
        ..reliable
    };
    assert!(path_ids(&graph, credible).is_empty());
    // The same rule filters the view.
    let view = Filter {
        evidence: factual,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let kept: Vec<&str> = view.edges().map(|e| graph.claim(e).id.as_str()).collect();
    assert!(!kept.contains(&"ann--supports--cid") && !kept.contains(&"ann--visited--dan"));
    assert_eq!(kept.len(), 3);
}

#[test]
fn exports_say_what_kind_of_statement_each_passage_is() {
    let graph = graded();
    let view = View::all(&graph);
    let dot = tiegraph::export::dot::to_dot(&graph, &view, &Default::default());
    assert!(
        dot.contains("modalities=\"opinion\", style=dashed"),
        "{dot}"
    );
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("graded.gexf");
    tiegraph::export::write(
        &graph,
        &view,
        tiegraph::export::ExportFormat::Gexf,
        &Default::default(),
        &path,
    )
    .unwrap();
    crate::support::assert_valid_gexf(&path);
    let read = client("gexf_networkx.py", &[path.as_os_str()]);
    let edge = read["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "bob" && e["target"] == "cid" && e["relation"] == "supplies")
        .unwrap()
        .clone();
    assert_eq!(edge["modalities"], "reported");
    assert_eq!(edge["credibility"], "3");
    assert_eq!(edge["reliability"], "B");
}

#[test]
fn the_command_line_filters_by_modality_and_grade() {
    use crate::support::{stdout, tiegraph};
    let dataset = data("graded/graded.toml");
    let dataset = dataset.to_str().unwrap();
    let out = tiegraph(&["path", "Ann", "Cid", "--factual-only", dataset]);
    assert!(
        stdout(&out).contains("1. Ann — Bob — Cid"),
        "{}",
        stdout(&out)
    );
    let out = tiegraph(&[
        "export",
        "--format",
        "json",
        "--factual-only",
        "--min-reliability",
        "B",
        dataset,
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["edges"].as_array().unwrap().len(), 2);
    let out = tiegraph(&["export", "--min-reliability", "Z", dataset]);
    assert_eq!(out.status.code(), Some(2));
    let out = tiegraph(&["stats", dataset]);
    assert!(
        stdout(&out).contains("opinion              1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn reviewers_grades_are_kept_in_the_sidecar_and_take_the_place_of_the_datasets() {
    let graph = graded();
    let mut reviews = Reviews::default();
    reviews.set_reliability("b", Reliability::parse("A"), Some("ana".into()));
    let claim = graph
        .dataset()
        .claims
        .iter()
        .find(|c| c.id == "bob--supplies--cid")
        .unwrap();
    let item = &claim.evidence[0];
    reviews.set_credibility(
        &claim.id,
        (&item.document, &item.quote),
        Credibility::new(1),
        Some("ben".into()),
    );
    // Written and read back, with who and when.
    let text = reviews.to_toml("Graded");
    let back = Reviews::from_toml("reviews.toml", &text).unwrap();
    assert_eq!(back, reviews);
    assert_eq!(back.documents["b"].reviewer.as_deref(), Some("ana"));
    assert!(back.documents["b"].time.is_some());
    assert_eq!(
        back.get(&claim.id).unwrap().reviewer.as_deref(),
        Some("ben")
    );
    // Now Bob met Cid (document b) is reliable enough, and the supply is
    // credible enough: the path Ann — Bob — Cid passes every floor.
    let rule = EvidenceRule {
        factual_only: true,
        min_reliability: Reliability::parse("B"),
        min_credibility: Credibility::new(2),
    };
    let view = Filter {
        evidence: rule,
        ..Filter::default()
    }
    .apply_reviewed(&graph, Some(&back))
    .unwrap();
    let kept: Vec<&str> = view.edges().map(|e| graph.claim(e).id.as_str()).collect();
    // The supply passes on the reviewer's credibility 1; Bob met Cid has a
    // reliable source now but no credibility grade.
    assert_eq!(kept, ["ann--met--bob", "bob--supplies--cid"]);
    let reliable_only = Filter {
        evidence: EvidenceRule {
            min_reliability: Reliability::parse("B"),
            ..EvidenceRule::default()
        },
        ..Filter::default()
    };
    let with_grade = reliable_only.apply_reviewed(&graph, Some(&back)).unwrap();
    let without = reliable_only.apply_reviewed(&graph, None).unwrap();
    let has = |view: &View| view.edges().any(|e| graph.claim(e).id == "bob--met--cid");
    assert!(
        has(&with_grade) && !has(&without),
        "the reviewer's A for document b counts"
    );
    let query = PathQuery {
        evidence: rule,
        allow_hubs: true,
        ..PathQuery::default()
    };
    let (ann, cid) = (graph.find("Ann").unwrap(), graph.find("Cid").unwrap());
    let found = find_paths(&graph, None, &back, ann, cid, PathMode::AllShortest, &query).unwrap();
    assert_eq!(found.paths.len(), 1);
}

#[test]
fn the_command_line_grades_as_the_reviewer() {
    use crate::support::{stderr, stdout, tiegraph};
    let folder = tempfile::tempdir().unwrap();
    for file in ["graded.toml", "sources/a.txt", "sources/b.txt"] {
        let to = folder.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(data("graded").join(file), to).unwrap();
    }
    let dataset = folder.path().join("graded.toml");
    let dataset = dataset.to_str().unwrap();
    let out = tiegraph(&[
        "review",
        "grade",
        "a",
        "--reliability",
        "E",
        "--reviewer",
        "ana",
        "--dataset",
        dataset,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("a: reliability E (unreliable)"),
        "{}",
        stdout(&out)
    );
    // Document a is unreliable now: nothing from it passes "B or better".
    let out = tiegraph(&[
        "export",
        "--format",
        "json",
        "--min-reliability",
        "B",
        dataset,
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["edges"].as_array().unwrap().len(), 0);
    let bad = tiegraph(&[
        "review",
        "grade",
        "ann--met--bob",
        "--credibility",
        "9",
        "--evidence",
        "1",
        "--dataset",
        dataset,
    ]);
    assert!(stderr(&bad).contains("expected 1 to 6"), "{}", stderr(&bad));
}

#[test]
fn a_claims_strength_is_derived_from_its_passages_and_sources() {
    use tiegraph::query::explain::explain_claim;
    let graph = graded();
    let strength = |id: &str| {
        let claim = graph.dataset().claims.iter().find(|c| c.id == id).unwrap();
        explain_claim(&graph, claim, &claim.from).strength()
    };
    assert_eq!(
        strength("ann--supports--cid"),
        "at best opinion; reliability B; 1 independent source"
    );
    assert_eq!(
        strength("ann--met--bob"),
        "stated; reliability B; credibility 2; 1 independent source"
    );
    assert_eq!(strength("bob--met--cid"), "stated; 1 independent source");
}
