//! The curated dataset and the loader's model on valid input.

use std::collections::{BTreeMap, BTreeSet};

use tiegraph::load::{self, DiagnosticKind, NormalizedText, locate};
use tiegraph::model::{NodeKind, Relation};

use crate::support::{embedded, embedded_graph, minimal};

#[test]
fn embedded_dataset_loads_without_errors_or_warnings() {
    let loaded = embedded();
    assert!(
        loaded.warnings.is_empty(),
        "warnings:\n{}",
        load::DiagnosticList(&loaded.warnings)
    );
    assert_eq!(
        loaded.dataset.name,
        "Myanmar–Russia military ties, 2021–2022"
    );
}

#[test]
fn embedded_dataset_meets_the_floors() {
    let data = embedded().dataset;
    assert!(data.nodes.len() >= 70, "{} nodes", data.nodes.len());
    assert!(data.claims.len() >= 150, "{} claims", data.claims.len());
    assert_eq!(data.documents.len(), 5);
    let cited: BTreeSet<&str> = data
        .claims
        .iter()
        .flat_map(|c| &c.evidence)
        .map(|e| e.document.as_str())
        .collect();
    assert_eq!(cited.len(), 5, "every document is cited: {cited:?}");
    assert!(data.claims.iter().all(|c| !c.evidence.is_empty()));
    let linked: BTreeSet<&str> = data
        .claims
        .iter()
        .flat_map(|c| [c.from.as_str(), c.to.as_str()])
        .collect();
    for node in &data.nodes {
        assert!(linked.contains(node.id.as_str()), "orphan node {}", node.id);
    }
}

#[test]
fn embedded_dataset_uses_the_core_kinds() {
    let data = embedded().dataset;
    let kinds: BTreeSet<NodeKind> = data.nodes.iter().map(|n| n.kind).collect();
    for kind in [
        NodeKind::PERSON,
        NodeKind::ORGANIZATION,
        NodeKind::COUNTRY,
        NodeKind::PLACE,
        NodeKind::DELEGATION,
        NodeKind::VISIT,
        NodeKind::MEETING,
        NodeKind::CONTRACT,
        NodeKind::EQUIPMENT,
        NodeKind::EVENT,
    ] {
        assert!(kinds.contains(&kind), "no {kind} node");
    }
    let relations: BTreeSet<Relation> = data.claims.iter().map(|c| c.relation).collect();
    for relation in [
        Relation::LED,
        Relation::MEMBER_OF,
        Relation::VISITED,
        Relation::MET,
        Relation::ATTENDED,
        Relation::DOCKED_AT,
    ] {
        assert!(relations.contains(&relation), "no {relation} claim");
    }
}

#[test]
fn every_quote_is_the_documents_own_text_at_its_range() {
    let data = embedded().dataset;
    let mut checked = 0;
    for claim in &data.claims {
        for evidence in &claim.evidence {
            let document = data.document(&evidence.document).unwrap();
            let text = document
                .text
                .get(evidence.start..evidence.end)
                .unwrap_or_else(|| panic!("{}: range outside {}", claim.id, document.id));
            assert!(!text.trim().is_empty());
            // The stored range holds the quote, up to forgiven differences.
            let found = locate(&NormalizedText::new(text), &evidence.quote);
            assert_eq!(found, Some(0..text.len()), "{}: {text:?}", claim.id);
            checked += 1;
        }
    }
    assert!(checked >= 150);
}

#[test]
fn conflicts_keep_every_side_with_its_evidence() {
    let data = embedded().dataset;
    assert!(data.conflicts.len() >= 2);
    for conflict in &data.conflicts {
        let claims: Vec<_> = data.conflict_claims(&conflict.id).collect();
        assert!(
            claims.len() >= 2,
            "{} has {} claims",
            conflict.id,
            claims.len()
        );
    }
    let text: String = data
        .conflicts
        .iter()
        .map(|c| format!("{} {}", c.id, c.description))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    assert!(text.contains("su-30") || text.contains("su30"), "{text}");
    assert!(text.contains("zemskov"), "{text}");
}

#[test]
fn aliases_find_the_same_entity_by_every_spelling() {
    let graph = embedded_graph();
    for node in &graph.dataset().nodes {
        let index = graph.node_index(&node.id).unwrap();
        for name in std::iter::once(&node.label).chain(&node.aliases) {
            assert_eq!(graph.find(name), Some(index), "{name:?} → {}", node.id);
            assert_eq!(graph.find(&name.to_uppercase()), Some(index));
        }
    }
    let same = |a: &str, b: &str| {
        let left = graph.find(a).unwrap_or_else(|| panic!("{a:?} not found"));
        assert_eq!(graph.find(b), Some(left), "{a:?} and {b:?}");
    };
    same("Maung Aye", "Maung Maung Aye");
    same("Maung Kyaw", "Maung Maung Kyaw");
    same("Sergey Shoigu", "Sergei Shoigu");
    same("Min Aung Hlaing", "Minh Aung Hlaing");
    same("Vladimir Kasatonov", "vladimir lvovich kasatonov");
    assert_eq!(graph.find("Maung Maung"), None);
}

#[test]
fn lookup_ignores_case_and_diacritics() {
    let graph = tiegraph::graph::TieGraph::new(minimal().dataset);
    let alice = graph.node_index("alice").unwrap();
    assert_eq!(graph.find("ÁLICE  smith"), Some(alice));
    assert_eq!(graph.find("alice"), Some(alice));
    assert_eq!(
        graph.suggest("Alce Smith", 3),
        vec!["Alice Smith".to_string()]
    );
}

#[test]
fn parallel_claims_stay_parallel_edges() {
    let graph = tiegraph::graph::TieGraph::new(minimal().dataset);
    let alice = graph.node_index("alice").unwrap();
    let bob = graph.node_index("bob").unwrap();
    assert_eq!(graph.graph().edges_connecting(alice, bob).count(), 2);
}

#[test]
fn dates_keep_precision_and_inference() {
    let data = minimal().dataset;
    let deal = data.nodes.iter().find(|n| n.id == "grain-deal").unwrap();
    let date = deal.date.as_ref().unwrap();
    assert_eq!(date.to_string(), "2020-05");
    assert!(date.inferred && !date.approximate);
    let met = &data.claims[0];
    assert_eq!(met.date.as_ref().unwrap().to_string(), "2020-05-03");
    assert_eq!(met.evidence[0].according_to.as_deref(), Some("the author"));
}

#[test]
fn quotes_forgive_typography_but_show_the_documents_text() {
    let data = minimal().dataset;
    let signed = data
        .claims
        .iter()
        .find(|c| c.id == "bob--signed--grain-deal")
        .unwrap();
    let shown = data.evidence_text(&signed.evidence[0]).unwrap();
    assert_eq!(
        shown,
        "the “grain deal” – a contract\nthat   Bob’s company signed"
    );
}

#[test]
fn edge_ids_survive_unrelated_edits() {
    let base = minimal().dataset;
    let text = std::fs::read_to_string(crate::support::data("minimal.toml")).unwrap();
    // Insert an unrelated claim and node at the top of the claims.
    let edited = text.replacen(
        "[[claims]]",
        "[[nodes]]\nid = \"paris\"\nkind = \"place\"\nlabel = \"Paris\"\n\n[[claims]]\nfrom = \"alice\"\nrelation = \"visited\"\nto = \"paris\"\nevidence = [{ doc = \"one\", quote = \"in Paris\" }]\n\n[[claims]]",
        1,
    );
    let store = load::FolderStore::new(crate::support::data(""));
    let edited = load::load_str("edited.toml", &edited, &store)
        .unwrap()
        .dataset;
    let ids = |claims: &[tiegraph::model::Claim]| -> BTreeMap<String, String> {
        claims
            .iter()
            .map(|c| (c.evidence[0].quote.to_string(), c.id.clone()))
            .collect()
    };
    let before = ids(&base.claims);
    let after = ids(&edited.claims);
    for (quote, id) in &before {
        assert_eq!(after.get(quote), Some(id));
    }
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn warnings_do_not_refuse_a_dataset() {
    let store = load::FolderStore::new(crate::support::data(""));
    let text = "[dataset]\nname = \"w\"\n\n[[documents]]\nid = \"one\"\ntitle = \"t\"\npublisher = \"unknown\"\npath = \"sources/one.txt\"\n\n[[nodes]]\nid = \"lonely\"\nkind = \"person\"\nlabel = \"Lonely\"\naliases = [\"Zed\"]\n";
    let loaded = load::load_str("w.toml", text, &store).unwrap();
    let kinds: BTreeSet<DiagnosticKind> = loaded.warnings.iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DiagnosticKind::OrphanNode));
    assert!(kinds.contains(&DiagnosticKind::AliasNotInSources));
    assert!(kinds.contains(&DiagnosticKind::UncitedDocument));
}

/// Every passage of the curated dataset says what kind of statement it is:
/// one attributed to someone is reported (or their opinion), and one that
/// hedges, plans or forecasts is not a plain statement unless the claim's
/// note says why.
#[test]
fn the_curated_modalities_follow_the_words_of_each_passage() {
    use tiegraph::model::Modality;
    let loaded = embedded();
    let text = tiegraph::load::EMBEDDED_TOML;
    let mut problems = Vec::new();
    for claim in &loaded.dataset.claims {
        for evidence in &claim.evidence {
            if evidence.according_to.is_some()
                && !matches!(evidence.modality, Modality::Reported | Modality::Opinion)
            {
                problems.push(format!(
                    "{}: according_to but {}",
                    claim.id, evidence.modality
                ));
            }
            let words = evidence.quote.to_lowercase();
            let hedged = ["will ", "plans to", "reportedly", "appeared"]
                .iter()
                .find(|w| words.contains(*w));
            if let Some(word) = hedged
                && evidence.modality == Modality::Stated
                && claim.note.is_none()
            {
                problems.push(format!(
                    "{}: {word:?} in a stated passage, no note",
                    claim.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // Written out for every item, so a reader of the file sees it too.
    let items = loaded
        .dataset
        .claims
        .iter()
        .map(|c| c.evidence.len())
        .sum::<usize>();
    assert_eq!(text.matches("modality = \"").count(), items);
    // Opinion, plan and talks are all there, and each is a minority.
    for modality in [Modality::Opinion, Modality::Plan, Modality::Discussed] {
        let count = loaded
            .dataset
            .claims
            .iter()
            .flat_map(|c| &c.evidence)
            .filter(|e| e.modality == modality)
            .count();
        assert!(count > 0 && count < items / 4, "{modality}: {count}");
    }
}
