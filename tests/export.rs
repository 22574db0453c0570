//! JSON export: the documented shape, round trip, determinism.

use std::collections::BTreeSet;

use tiegraph::export::json::JsonGraph;
use tiegraph::review::Reviews;

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

// ── DOT and GraphML, checked by the tools that read them ──

use std::process::Command;

use proptest::prelude::*;
use tiegraph::export::ExportOptions;
use tiegraph::export::dot::to_dot;
use tiegraph::export::graphml::to_graphml;
use tiegraph::graph::TieGraph;
use tiegraph::model::{Attributes, Claim, Dataset, Document, Evidence, Node, NodeKind, Relation};
use tiegraph::query::{Filter, View};

use crate::support::embedded_graph;

/// Runs a Graphviz layout program on `dot` and returns its JSON output.
/// Graphviz is required: `.ci/run` installs it, and a missing `dot` fails
/// the test rather than skipping it.
fn graphviz_json(program: &str, dot: &str) -> serde_json::Value {
    let output = crate::support::graphviz(program, &["-Tjson"], dot);
    assert!(
        output.status.success(),
        "{program} refused the DOT:\n{}\n{dot}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The text Graphviz actually draws for an object: its label's lines.
fn drawn_label(object: &serde_json::Value) -> String {
    object["_ldraw_"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter(|op| op["op"] == "T")
                .filter_map(|op| op["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

fn options() -> ExportOptions<'static> {
    ExportOptions {
        legend: true,
        ..ExportOptions::default()
    }
}

#[test]
fn graphviz_parses_every_dot_export() {
    let graph = embedded_graph();
    let whole = View::all(&graph);
    let around = Filter {
        focus: vec!["Min Aung Hlaing".into()],
        hops: 1,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let (a, b) = (
        tiegraph::query::resolve(&graph, "Alexander Basov").unwrap(),
        tiegraph::query::resolve(&graph, "Nikolai Yevmenov").unwrap(),
    );
    let paths = tiegraph::query::find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        tiegraph::query::PathMode::KShortest(3),
        &tiegraph::query::PathQuery::default(),
    )
    .unwrap();
    let mut path_view = View::empty(&graph);
    for path in &paths.paths {
        path.nodes.iter().for_each(|&n| path_view.insert_node(n));
        path.hops
            .iter()
            .flatten()
            .for_each(|&e| path_view.insert_edge(e));
    }
    for view in [&whole, &around, &path_view] {
        let dot = to_dot(&graph, view, &options());
        let json = graphviz_json("sfdp", &dot);
        let objects = json["objects"].as_array().unwrap();
        let drawn: Vec<_> = objects
            .iter()
            .filter(|o| o["name"].as_str().is_some_and(|n| n.starts_with("n:")))
            .collect();
        assert_eq!(drawn.len(), view.node_count());
        assert_eq!(
            json["edges"].as_array().map_or(0, Vec::len),
            view.edge_count()
        );
        // Every label comes back as the entity's name.
        for object in drawn {
            let id = &object["name"].as_str().unwrap()[2..];
            let node = graph.node(graph.node_index(id).unwrap());
            assert_eq!(drawn_label(object), node.label);
        }
    }
}

#[test]
fn dot_keeps_provenance_on_every_edge() {
    let graph = embedded_graph();
    let dot = to_dot(&graph, &View::all(&graph), &options());
    let json = graphviz_json(
        "dot",
        &to_dot(
            &graph,
            &Filter {
                documents: vec!["moscow-times-secret-visit".into()],
                hide_isolated: true,
                ..Filter::default()
            }
            .apply(&graph)
            .unwrap(),
            &options(),
        ),
    );
    for edge in json["edges"].as_array().unwrap() {
        assert!(
            edge["documents"]
                .as_str()
                .unwrap()
                .contains("moscow-times-secret-visit")
        );
        assert!(
            edge["publishers"]
                .as_str()
                .unwrap()
                .contains("The Moscow Times")
        );
        assert!(!edge["quotes"].as_str().unwrap().is_empty());
        assert!(!edge["id"].as_str().unwrap().is_empty());
    }
    // Legend and styling by kind.
    assert!(dot.contains("cluster_legend"));
    assert!(dot.contains("\"legend:person\""));
    assert!(dot.contains("shape=doubleoctagon"));
}

#[test]
fn dot_and_graphml_exports_are_byte_identical_across_runs() {
    let graph = embedded_graph();
    let view = View::all(&graph);
    assert_eq!(
        to_dot(&graph, &view, &options()),
        to_dot(&graph, &view, &options())
    );
    let other = embedded_graph();
    assert_eq!(
        to_graphml(&graph, &view, &options()).unwrap(),
        to_graphml(&other, &View::all(&other), &options()).unwrap()
    );
}

#[test]
fn positions_are_written_for_neato_n2() {
    let graph = embedded_graph();
    let positions: Vec<Option<[f32; 2]>> = (0..graph.node_bound())
        .map(|i| Some([i as f32 * 10.0, 5.0]))
        .collect();
    let options = ExportOptions {
        positions: Some(&positions),
        ..options()
    };
    let view = Filter {
        focus: vec!["Rosoboronexport".into()],
        hops: 1,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let dot = to_dot(&graph, &view, &options);
    assert!(dot.contains("pos=\""));
    let out = crate::support::graphviz("neato", &["-n2", "-Tjson"], &dot);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // neato translates the drawing as a whole; distances between nodes stay.
    let position = |id: &str| -> (f64, f64) {
        let object = json["objects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == format!("n:{id}"))
            .unwrap();
        let (x, y) = object["pos"].as_str().unwrap().split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    };
    let (a, b) = (position("rosoboronexport"), position("min-aung-hlaing"));
    let index = |id: &str| graph.node_index(id).unwrap().index() as f64;
    assert!(
        (a.0 - b.0 - (index("rosoboronexport") - index("min-aung-hlaing")) * 10.0).abs() < 0.01
    );
    assert!((a.1 - b.1).abs() < 0.01);
}

/// A one-claim graph whose first entity has the given name.
pub(crate) fn named_graph(name: &str, quote: &str) -> TieGraph {
    let text = format!("{quote} and more");
    let node = |id: &str, label: &str| Node {
        id: id.into(),
        kind: NodeKind::PERSON,
        label: label.into(),
        aliases: Vec::new(),
        date: None,
        attributes: Attributes::new(),
        note: None,
    };
    TieGraph::new(Dataset {
        name: name.into(),
        description: None,
        vocabulary: Default::default(),
        documents: vec![Document {
            id: "d".into(),
            title: name.into(),
            title_note: None,
            publisher: name.into(),
            publisher_note: None,
            published: None,
            path: "d.txt".into(),
            note: None,
            reliability: None,
            text,
        }],
        nodes: vec![node("a", name), node("b", "B")],
        claims: vec![Claim {
            id: format!("{name}-claim"),
            from: "a".into(),
            relation: Relation::MET,
            to: "b".into(),
            date: None,
            attributes: Attributes::new(),
            note: None,
            conflict: None,
            evidence: vec![Evidence {
                document: "d".into(),
                quote: quote.into(),
                start: 0,
                end: quote.len(),
                according_to: Some(name.into()),
                relayed_from: None,
                record: None,
                modality: Default::default(),
                credibility: None,
            }],
        }],
        conflicts: Vec::new(),
    })
}

/// Hostile names: quotes, backslashes, DOT and HTML syntax, Cyrillic and
/// Burmese, several lines. Each line has something visible, since Graphviz
/// draws nothing for a blank line.
pub(crate) fn hostile_name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\\n".to_string()),
        Just("\\N".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("<b>bold</b>".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("|".to_string()),
        Just("];".to_string()),
        Just("\" -> \"x".to_string()),
        Just("label=".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("#".to_string()),
        Just("&amp;".to_string()),
        Just("Мьянма".to_string()),
        Just("မြန်မာ".to_string()),
        Just("Min Aung Hlaing".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9]{1,6}",
    ];
    let line = proptest::collection::vec(piece, 1..5)
        .prop_map(|pieces| pieces.concat())
        .prop_filter("a drawn line has a visible character", |l| {
            !l.trim().is_empty()
        });
    proptest::collection::vec(line, 1..3).prop_map(|lines| {
        lines
            .into_iter()
            .map(|l| l.trim().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn graphviz_draws_hostile_names_exactly_as_written(name in hostile_name()) {
        let graph = named_graph(&name, "q");
        let dot = to_dot(&graph, &View::all(&graph), &ExportOptions::default());
        let json = graphviz_json("dot", &dot);
        let objects = json["objects"].as_array().unwrap();
        // No injected nodes or edges: exactly the two entities and one claim.
        prop_assert_eq!(objects.len(), 2);
        prop_assert_eq!(json["edges"].as_array().unwrap().len(), 1);
        let a = objects.iter().find(|o| o["name"] == "n:a").unwrap();
        prop_assert_eq!(drawn_label(a), name.clone());
        // No attribute was added by the name.
        let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
        prop_assert!(!keys.iter().any(|k| k.as_str() == "x" || k.as_str() == "bold"));
    }

    #[test]
    fn graphml_escapes_hostile_names_and_quotes(name in hostile_name()) {
        let graph = named_graph(&name, &name);
        let xml = to_graphml(&graph, &View::all(&graph), &ExportOptions::default()).unwrap();
        // quick-xml reads back exactly the texts that went in.
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut values: Vec<(String, String)> = Vec::new();
        let mut current: Option<(String, String)> = None;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(start)) if start.name().as_ref() == "data" => {
                    let key = start
                        .try_get_attribute("key")
                        .unwrap()
                        .map(|a| a.value.to_string())
                        .unwrap_or_default();
                    current = Some((key, String::new()));
                }
                Ok(quick_xml::events::Event::Text(text)) => {
                    if let Some((_, value)) = current.as_mut() {
                        value.push_str(&text.xml10_content());
                    }
                }
                Ok(quick_xml::events::Event::GeneralRef(reference)) => {
                    let name = reference.into_inner().into_owned();
                    let resolved = match name.as_str() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => panic!("unexpected entity &{other};"),
                    };
                    if let Some((_, value)) = current.as_mut() {
                        value.push_str(&resolved);
                    }
                }
                Ok(quick_xml::events::Event::End(end)) if end.name().as_ref() == "data" => {
                    values.extend(current.take());
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("invalid XML: {error}\n{xml}"),
            }
        }
        let value = |key: &str| values.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        prop_assert_eq!(value("n_label"), Some(name.clone()));
        prop_assert_eq!(value("e_quotes"), Some(name.clone()));
        prop_assert!(!xml.contains("<b>"));
        prop_assert!(xml.matches("<node ").count() == 2);
        prop_assert!(xml.matches("<edge ").count() == 1);
    }
}

/// The SVG Graphviz renders from a tiegraph DOT file carries no link and no
/// script taken from the data, whatever names and quotes try.
#[test]
fn svg_rendered_from_a_dot_export_has_no_link_or_script_from_the_data() {
    let attacks = [
        r#"<a href="javascript:alert(1)">click</a>"#,
        r#"x"]; evil [URL="javascript:alert(1)" href="http://evil.example"]; "y"#,
        r#"<script>alert(document.cookie)</script>"#,
        r#"" URL="http://evil.example" target="_blank"#,
        r#"<<TABLE HREF="http://evil.example"><TR><TD>x</TD></TR></TABLE>>"#,
        "href=http://evil.example\nxlink:href=javascript:alert(1)",
        r#"javascript:alert(1)"#,
    ];
    for attack in attacks {
        let graph = named_graph(attack, attack);
        let options = ExportOptions {
            title: Some(attack),
            ..options()
        };
        let dot = to_dot(&graph, &View::all(&graph), &options);
        let output = crate::support::graphviz("dot", &["-Tsvg"], &dot);
        assert!(output.status.success(), "dot failed on {attack:?}");
        let svg = String::from_utf8(output.stdout).unwrap();
        // Read the SVG as XML: the attack may appear as escaped text, but no
        // element may be a script and no attribute a link or a script URL.
        let mut reader = quick_xml::Reader::from_str(&svg);
        let mut texts = String::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    let name = e.name().as_ref().to_lowercase();
                    assert!(
                        !["script", "foreignobject", "iframe"].contains(&name.as_str()),
                        "{attack:?} made a <{name}> element"
                    );
                    for attribute in e.attributes() {
                        let attribute = attribute.unwrap();
                        let key = attribute.key.as_ref().to_lowercase();
                        let value = attribute.value.to_lowercase();
                        assert!(!key.ends_with("href"), "{attack:?} made a link: {key}");
                        assert!(!key.starts_with("on"), "{attack:?} made a handler: {key}");
                        // Attributes that load or link (ids and titles are inert).
                        if ["src", "action", "data", "style"].contains(&key.as_str()) {
                            assert!(
                                !value.contains("javascript:") && !value.contains("url("),
                                "{attack:?} made a script URL in {key}"
                            );
                        }
                    }
                }
                Ok(quick_xml::events::Event::Text(text)) => {
                    texts.push_str(&text.xml10_content());
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("invalid SVG for {attack:?}: {error}"),
            }
        }
        // The attack is drawn as text (here its first visible word).
        let word = attack
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.len() > 3)
            .unwrap();
        assert!(texts.contains(word), "{attack:?} not drawn");
    }
}

/// networkx reads the GraphML with every node, claim and provenance key.
/// `.ci/run` installs networkx; `TIEGRAPH_PYTHON` names the interpreter.
#[test]
fn networkx_reads_the_graphml() {
    let graph = embedded_graph();
    let xml = to_graphml(&graph, &View::all(&graph), &options()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("graph.graphml");
    std::fs::write(&path, &xml).unwrap();
    let python = std::env::var("TIEGRAPH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
e = g.get_edge_data("alexander-basov", "rosoboronexport")
first = list(e.values())[0] if isinstance(g, nx.MultiDiGraph) else e
print(g.number_of_nodes(), g.number_of_edges(), first["relation"], first["documents"], g.nodes["min-aung-hlaing"]["label"])
"#;
    let output = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{python} with networkx is required: {e}"));
    assert!(
        output.status.success(),
        "networkx failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    let expected = format!(
        "{} {} holds_role secret-delegation Min Aung Hlaing",
        graph.dataset().nodes.len(),
        graph.dataset().claims.len()
    );
    assert_eq!(printed.trim(), expected);
}
