//! JSON export: the documented shape, round trip, determinism.

use std::collections::BTreeSet;

use tiegraph::export::json::JsonGraph;

use crate::support::{embedded, minimal};

#[test]
fn json_parses_back_with_the_same_ids_and_counts() {
    let data = embedded().dataset;
    let text = JsonGraph::from_dataset(&data).to_string_pretty().unwrap();
    let back: JsonGraph = serde_json::from_str(&text).unwrap();
    assert_eq!(back.documents.len(), data.documents.len());
    assert_eq!(back.nodes.len(), data.nodes.len());
    assert_eq!(back.edges.len(), data.claims.len());
    let ids = |iter: &mut dyn Iterator<Item = String>| iter.collect::<BTreeSet<_>>();
    assert_eq!(
        ids(&mut back.nodes.iter().map(|n| n.id.clone())),
        ids(&mut data.nodes.iter().map(|n| n.id.clone()))
    );
    assert_eq!(
        ids(&mut back.edges.iter().map(|e| e.id.clone())),
        ids(&mut data.claims.iter().map(|c| c.id.clone()))
    );
    let node_ids: BTreeSet<&str> = back.nodes.iter().map(|n| n.id.as_str()).collect();
    for edge in &back.edges {
        assert!(node_ids.contains(edge.source.as_str()));
        assert!(node_ids.contains(edge.target.as_str()));
        assert!(!edge.evidence.is_empty());
        for evidence in &edge.evidence {
            let document = data.document(&evidence.document).unwrap();
            assert_eq!(&document.text[evidence.start..evidence.end], evidence.quote);
        }
    }
}

#[test]
fn json_has_the_documented_shape() {
    let text = JsonGraph::from_dataset(&minimal().dataset)
        .to_string_pretty()
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let document = &value["documents"][0];
    for key in ["id", "title", "publisher", "path"] {
        assert!(document.get(key).is_some(), "documents[0].{key}");
    }
    let node = &value["nodes"][2];
    assert_eq!(node["id"], "grain-deal");
    assert_eq!(node["kind"], "contract");
    assert_eq!(node["label"], "Grain deal");
    assert_eq!(node["date"], "2020-05");
    assert_eq!(node["date_detail"]["inferred"], true);
    let edge = &value["edges"][0];
    assert_eq!(edge["id"], "alice--met--bob");
    assert_eq!(edge["source"], "alice");
    assert_eq!(edge["target"], "bob");
    assert_eq!(edge["kind"], "met");
    assert_eq!(edge["date"], "2020-05-03");
    assert_eq!(edge["conflict"], "where");
    let evidence = &edge["evidence"][0];
    assert_eq!(evidence["document"], "one");
    assert_eq!(evidence["start"], 0);
    assert_eq!(evidence["end"], 49);
    assert_eq!(
        evidence["quote"],
        "Alice Smith met Bob Jones in Paris on 3 May 2020."
    );
    assert!(value["nodes"][0]["aliases"].is_array());
}

#[test]
fn ranges_export_as_iso_intervals() {
    let data = embedded().dataset;
    let text = JsonGraph::from_dataset(&data).to_string_pretty().unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let dates: Vec<&str> = value["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert!(
        dates.iter().any(|d| d.contains('/')),
        "some claim has a range"
    );
    for date in dates {
        for part in date.split('/') {
            assert!(matches!(part.len(), 4 | 7 | 10), "{date}");
        }
    }
}

#[test]
fn two_exports_are_byte_identical() {
    let first = JsonGraph::from_dataset(&embedded().dataset)
        .to_string_pretty()
        .unwrap();
    let second = JsonGraph::from_dataset(&embedded().dataset)
        .to_string_pretty()
        .unwrap();
    assert_eq!(first, second);
}
