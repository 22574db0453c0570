//! Arbitrary names and quotes through every writer. DOT and Cypher: outside
//! quoted strings the output is exactly that of the same graph with plain
//! names, so no name adds a node, edge, attribute, HTML label or statement.
//! GraphML and GEXF: well-formed XML. JSON and FtM: parse back. Neo4j CSV:
//! every row has its header's width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiegraph::export::ExportOptions;
use tiegraph::export::cypher::to_cypher;
use tiegraph::export::dot::to_dot;
use tiegraph::export::ftm::to_ftm;
use tiegraph::export::gexf::to_gexf;
use tiegraph::export::neo4j_csv::to_files;
use tiegraph::export::graphml::to_graphml;
use tiegraph::export::json::JsonGraph;
use tiegraph::graph::TieGraph;
use tiegraph::model::{
    Attributes, Claim, Dataset, Document, Evidence, Node, NodeKind, Relation,
};
use tiegraph::query::View;

/// A two-entity, one-claim graph whose texts are `texts` (cycled).
fn graph(texts: &[&str]) -> TieGraph {
    let t = |i: usize| texts[i % texts.len()].to_string();
    let node = |id: &str, label: String, alias: String| Node {
        id: id.into(),
        kind: NodeKind::PERSON,
        label,
        aliases: vec![alias],
        date: None,
        attributes: Attributes::from([("role".to_string(), t(5))]),
        note: Some(t(6)),
    };
    let quote = t(4);
    TieGraph::new(Dataset {
        name: t(0),
        description: None,
        vocabulary: Default::default(),
        documents: vec![Document {
            id: "d".into(),
            title: t(1),
            title_note: None,
            publisher: t(2),
            publisher_note: None,
            published: None,
            path: "d.txt".into(),
            note: None,
            reliability: None,
            text: quote.clone(),
        }],
        nodes: vec![node("a", t(3), t(7)), node("b", t(8), t(9))],
        claims: vec![Claim {
            id: "c".into(),
            from: "a".into(),
            relation: Relation::MET,
            to: "b".into(),
            date: None,
            attributes: Attributes::new(),
            note: Some(t(10)),
            conflict: None,
            evidence: vec![Evidence {
                document: "d".into(),
                start: 0,
                end: quote.len(),
                quote: quote.into(),
                according_to: Some(t(11)),
                relayed_from: None,
                record: None,
                modality: Default::default(),
                credibility: None,
            }],
        }],
        conflicts: Vec::new(),
    })
}

/// The DOT text with every quoted string emptied: its structure.
fn structure(dot: &str) -> String {
    let mut out = String::with_capacity(dot.len());
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            out.push_str("\"\"");
            loop {
                match chars.next() {
                    Some('\\') => {
                        chars.next();
                    }
                    Some('"') | None => break,
                    Some(_) => {}
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let texts: Vec<&str> = text.split('\u{1e}').collect();
    let hostile = graph(&texts);
    let title = texts[0];
    let dot = |g: &TieGraph, title| {
        let options = ExportOptions {
            title: Some(title),
            legend: true,
            ..ExportOptions::default()
        };
        to_dot(g, &View::all(g), &options)
    };
    // The structure of the same graph with plain names, worked out once.
    static PLAIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let plain = PLAIN.get_or_init(|| structure(&dot(&graph(&["x"]), "x")));
    assert_eq!(
        &structure(&dot(&hostile, title)),
        plain,
        "a name changed the DOT structure"
    );

    let options = ExportOptions {
        title: Some(title),
        ..ExportOptions::default()
    };
    let xml = to_graphml(&hostile, &View::all(&hostile), &options).expect("GraphML is written");
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("GraphML is not well-formed: {error}"),
        }
    }

    let json = JsonGraph::from_view(&hostile, &View::all(&hostile))
        .to_string_pretty()
        .expect("JSON is written");
    let back: JsonGraph = serde_json::from_str(&json).expect("JSON parses back");
    assert_eq!(back.nodes.len(), 2);
    assert_eq!(back.edges.len(), 1);

    // Cypher: string literals emptied, the script is the plain one.
    let cypher = |g: &TieGraph, title| to_cypher(g, &View::all(g), &ExportOptions { title: Some(title), ..ExportOptions::default() });
    static PLAIN_CYPHER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let plain = PLAIN_CYPHER.get_or_init(|| cypher_structure(&cypher(&graph(&["x"]), "x")));
    assert_eq!(
        &cypher_structure(&cypher(&hostile, title)),
        plain,
        "a name changed the Cypher structure"
    );

    let gexf = to_gexf(&hostile, &View::all(&hostile), &options).expect("GEXF is written");
    let mut reader = quick_xml::Reader::from_str(&gexf);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("GEXF is not well-formed: {error}"),
        }
    }

    let ftm = to_ftm(&hostile, &View::all(&hostile), &options);
    for line in ftm.lines() {
        let _: serde_json::Value = serde_json::from_str(line).expect("an FtM line parses");
    }

    for (name, text) in to_files(&hostile, &View::all(&hostile), &options).expect("CSV is written") {
        if !name.ends_with(".csv") {
            continue;
        }
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let width = reader.headers().expect("a header").len();
        for record in reader.records() {
            assert_eq!(record.expect("a row").len(), width, "{name}");
        }
    }
});

/// A Cypher script with every string literal emptied and every number
/// written `#`: its statements, labels, types and keys.
fn cypher_structure(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c == '\'' {
            out.push_str("''");
            loop {
                match chars.next() {
                    Some('\\') => {
                        chars.next();
                    }
                    Some('\'') | None => break,
                    Some(_) => {}
                }
            }
        } else if c.is_ascii_digit() {
            // A number of any length is one number.
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}
