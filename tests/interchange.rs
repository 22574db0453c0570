//! The investigators' formats, each read by the programs that read it in
//! the wild (the readers live in `tests/clients`, installed by `.ci/run`):
//! FollowTheMoney checked strictly by the `followthemoney` library and read
//! back by tiegraph; GEXF validated against the GEXF 1.3 RelaxNG schema and
//! read by networkx and graphology-gexf (Gephi Lite's parser); the Cypher
//! script run in FalkorDB and the path from Basov to Min Aung Hlaing
//! queried back out; the Neo4j CSV headers checked against the
//! `neo4j-admin import` grammar.

use std::ffi::OsStr;
use std::path::Path;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use tiegraph::export::{self, ExportFormat, ExportOptions};
use tiegraph::graph::{TieGraph, View};
use tiegraph::load;

use crate::support::{client, data, embedded_graph, load as load_graph};

fn export_to(
    graph: &TieGraph,
    format: ExportFormat,
    folder: &Path,
    name: &str,
) -> std::path::PathBuf {
    let path = folder.join(name);
    let options = ExportOptions {
        legend: true,
        ..ExportOptions::default()
    };
    export::write(graph, &View::all(graph), format, &options, &path).unwrap();
    path
}

fn ftm_errors(report: &serde_json::Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn followthemoney_accepts_every_exported_entity_strictly() {
    let folder = tempfile::tempdir().unwrap();
    for (graph, name) in [
        (embedded_graph(), "embedded.ftm.jsonl"),
        (load_graph("sanctions/dataset.toml"), "sanctions.ftm.jsonl"),
    ] {
        let path = export_to(&graph, ExportFormat::Ftm, folder.path(), name);
        let report = client("ftm_check.py", &[OsStr::new("--proxies"), path.as_os_str()]);
        assert_eq!(ftm_errors(&report), Vec::<String>::new(), "{name}");
        let dataset = graph.dataset();
        let entities = report["entities"].as_u64().unwrap() as usize;
        let cited: std::collections::HashSet<&str> = dataset
            .claims
            .iter()
            .flat_map(|c| c.evidence.iter().map(|e| e.document.as_str()))
            .collect();
        assert_eq!(
            entities,
            cited.len() + dataset.nodes.len() + dataset.claims.len(),
            "{name}: one entity per cited document, entity and claim"
        );
        let schemata = &report["schemata"];
        assert!(schemata["Document"].as_u64().unwrap() >= 1);
        assert!(schemata["UnknownLink"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn the_sanctions_claims_become_typed_followthemoney_relationships() {
    let graph = load_graph("sanctions/dataset.toml");
    let lines = export::render(
        &graph,
        &View::all(&graph),
        ExportFormat::Ftm,
        &ExportOptions::default(),
    )
    .unwrap();
    let entity = |id: &str| -> serde_json::Value {
        lines
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no entity {id}"))
    };
    let directorship = entity("c-omar-hadid--director.of--blue-crescent");
    assert_eq!(directorship["schema"], "Directorship");
    assert_eq!(directorship["properties"]["director"][0], "n-omar-hadid");
    assert_eq!(directorship["properties"]["proof"][0], "d-notice-7");
    assert_eq!(
        directorship["properties"]["description"][0],
        "Omar Hadid is a director of Blue Crescent Shipping Ltd."
    );
    assert_eq!(
        directorship["properties"]["recordId"][0],
        "omar-hadid--director_of--blue-crescent"
    );
    assert_eq!(
        directorship["properties"]["publisher"][0],
        "Ministry of Finance of Freedonia"
    );
    let family = entity("c-omar-hadid--family.of--layla-hadid");
    assert_eq!(family["schema"], "Family");
    assert_eq!(family["properties"]["relationship"][0], "brother");
    assert_eq!(
        entity("c-blue-crescent--owns--sea-lark")["schema"],
        "Ownership"
    );
    assert_eq!(entity("n-sea-lark")["schema"], "Vessel");
    assert_eq!(entity("n-blue-crescent")["schema"], "Company");
    // A relation FtM has no schema for: UnknownLink with the relation as role.
    let sanction = entity("c-layla-hadid--sanctioned.under--anti-terrorism");
    assert_eq!(sanction["schema"], "UnknownLink");
    assert_eq!(sanction["properties"]["role"][0], "sanctioned_under");
    assert_eq!(sanction["properties"]["date"][0], "2024-03-03");
}

/// Claims as exports compare them: every field, each quote as its
/// document's text at its range (what every export writes).
fn claim_keys(graph: &TieGraph) -> Vec<String> {
    graph
        .dataset()
        .claims
        .iter()
        .map(|claim| {
            let mut claim = claim.clone();
            for evidence in &mut claim.evidence {
                evidence.quote = graph.evidence_text(evidence).into();
            }
            format!("{claim:?}")
        })
        .collect()
}

#[test]
fn followthemoney_round_trips_to_the_same_claims() {
    let folder = tempfile::tempdir().unwrap();
    for (graph, name) in [
        (embedded_graph(), "embedded.ftm.jsonl"),
        (load_graph("sanctions/dataset.toml"), "sanctions.ftm.jsonl"),
    ] {
        let path = export_to(&graph, ExportFormat::Ftm, folder.path(), name);
        let loaded = load::load_any(&path).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        let back = TieGraph::new(loaded.dataset);
        assert_eq!(claim_keys(&back), claim_keys(&graph), "{name}");
        assert_eq!(back.dataset().nodes, graph.dataset().nodes, "{name}");
        let again = export_to(&back, ExportFormat::Ftm, folder.path(), "again.jsonl");
        assert_eq!(
            std::fs::read_to_string(&again).unwrap(),
            std::fs::read_to_string(&path).unwrap(),
            "{name}: export → import → export is the same file"
        );
    }
}

#[test]
fn quotes_kept_as_given_round_trip_through_followthemoney() {
    // A CSV folder without its documents' texts: quotes kept as given.
    let folder = tempfile::tempdir().unwrap();
    tiegraph::synth::write_csv(&tiegraph::synth::dataset(60, 150, 7), folder.path()).unwrap();
    let graph = TieGraph::new(load::load_any(folder.path()).unwrap().dataset);
    assert!(graph.dataset().documents.iter().all(|d| d.text.is_empty()));
    let path = export_to(&graph, ExportFormat::Ftm, folder.path(), "synth.ftm.jsonl");
    let back = TieGraph::new(load::load_any(&path).unwrap().dataset);
    assert_eq!(claim_keys(&back), claim_keys(&graph));
}

#[test]
fn an_opensanctions_file_imports_with_records_for_unquoted_relationships() {
    let loaded = load::load_any(&data("ftm/opensanctions.ftm.json")).unwrap();
    let dataset = &loaded.dataset;
    let graph = TieGraph::new(dataset.clone());
    let northstar = graph.find("NSH").unwrap();
    assert_eq!(graph.node(northstar).kind.as_str(), "organization");
    assert_eq!(graph.node(northstar).aliases, ["NorthStar Holdings"]);
    assert_eq!(
        graph.node(northstar).attributes.get("datasets"),
        Some("eu_fsf")
    );
    // The directorship has no quote: it is kept with its record, unverified.
    let claim = dataset
        .claims
        .iter()
        .find(|c| c.relation.as_str() == "directorship")
        .unwrap();
    let record = claim.evidence[0].record.as_ref().unwrap();
    assert_eq!(record.dataset.as_deref(), Some("eu_fsf"));
    assert_eq!(
        record.source_url.as_deref(),
        Some("https://example.org/eu-fsf")
    );
    assert!(claim.evidence[0].quote.starts_with("[record"));
    // The ownership quotes its proof document, which holds the text: verified.
    let ownership = dataset
        .claims
        .iter()
        .find(|c| c.relation.as_str() == "ownership")
        .unwrap();
    let evidence = &ownership.evidence[0];
    assert!(evidence.record.is_none());
    let document = dataset.document(&evidence.document).unwrap();
    assert_eq!(&document.text[evidence.start..evidence.end], evidence.quote);
    let codes: Vec<&str> = loaded.warnings.iter().map(|w| w.kind.code()).collect();
    assert!(codes.contains(&"unverified-evidence"), "{codes:?}");
    assert!(codes.contains(&"not-imported"), "{codes:?}");
    // Fragments of one entity merge; a person's title is an honorific, a
    // weak alias is left out.
    let jane = graph.node(graph.find("Jane Example").unwrap());
    assert_eq!(jane.aliases, ["J. Example"]);
    assert_eq!(jane.attributes.get("title"), Some("Mrs"));
    assert_eq!(jane.attributes.get("datasets"), Some("eu_fsf; us_ofac"));
    // LegalEntity and Company fragments make a company; a Vessel fragment
    // of the same id cannot be the same entity and is left out, said where.
    let shipping = graph.node(graph.find("Example Shipping").unwrap());
    assert_eq!(shipping.kind.as_str(), "company");
    assert!(loaded.warnings.iter().any(|w| {
        w.line == 12
            && w.message
                .contains("is a Vessel here but a Company on line 10")
    }));
    // "owns" occurs in the register extract, but a word is not a passage:
    // that ownership is kept with its record, not a made-up quote; its
    // dates span every value given.
    let owns = dataset
        .claims
        .iter()
        .find(|c| c.from == shipping.id)
        .unwrap();
    assert!(owns.evidence[0].record.is_some());
    assert_eq!(owns.date.as_ref().unwrap().to_string(), "2019-05/2021");
}

#[test]
fn bad_followthemoney_lines_are_all_located_in_one_run() {
    let error = load::load_any(&data("bad-ftm/bad.jsonl")).unwrap_err();
    let found: Vec<(usize, usize, &str)> = error
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column, d.kind.code()))
        .collect();
    assert_eq!(
        found,
        [
            (4, 61, "parse"),
            (5, 51, "parse"),
            (8, 2, "parse"),
            (9, 1, "quote-not-found"),
        ],
        "{error}"
    );
    let text = error.to_string();
    assert!(
        text.contains(
            "bad.jsonl:5:51: error[parse]: not a FollowTheMoney entity: missing field `id`\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("`p-1` is a Company here but a Person on line 2"),
        "{text}"
    );
}

#[test]
fn gexf_is_valid_gexf_1_3_and_both_readers_get_time_and_types() {
    let folder = tempfile::tempdir().unwrap();
    let graph = embedded_graph();
    let path = export_to(&graph, ExportFormat::Gexf, folder.path(), "graph.gexf");
    crate::support::assert_valid_gexf(&path);

    let nx = client("gexf_networkx.py", &[path.as_os_str()]);
    assert_eq!(nx["graph"]["mode"], "dynamic");
    let nodes = nx["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), graph.dataset().nodes.len());
    let edges = nx["edges"].as_array().unwrap();
    assert_eq!(edges.len(), graph.dataset().claims.len());
    // A claim dated to a month spans that month; the original is kept.
    let met = edges
        .iter()
        .find(|e| e["id"] == "min-aung-hlaing--met--sergey-shoigu--2021-06")
        .expect("the June 2021 meeting");
    assert_eq!(met["start"], "2021-06-01");
    assert_eq!(met["end"], "2021-06-30");
    assert_eq!(met["date"], "2021-06");
    assert_eq!(met["sources"], 2);
    assert_eq!(met["mutual"], true);
    assert!(
        met["quotes"]
            .as_str()
            .unwrap()
            .contains("defence minister Gen Sergey Shoigu")
    );
    let basov = &nodes["alexander-basov"];
    assert_eq!(basov["kind"], "person");
    assert_eq!(basov["viz"]["color"]["r"], 0x8d);

    let js = client("gexf_graphology.js", &[path.as_os_str()]);
    assert_eq!(
        js["nodes"].as_array().unwrap().len(),
        graph.dataset().nodes.len()
    );
    let edge = js["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == "min-aung-hlaing--met--sergey-shoigu--2021-06")
        .unwrap();
    assert_eq!(edge["attributes"]["relation"], "met");
    assert_eq!(edge["attributes"]["sources"], 2);
    assert_eq!(edge["attributes"]["review"], "unreviewed");
}

#[test]
fn the_layout_command_writes_gexf_with_a_position_for_every_entity() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("laid-out.gexf");
    let output = crate::support::tiegraph(&["layout", "-o", path.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    let nx = client("gexf_networkx.py", &[path.as_os_str()]);
    let nodes = nx["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), 171);
    assert!(nodes.values().all(|n| n["viz"]["position"]["x"].is_f64()));
}

#[test]
fn gexf_keeps_line_breaks_in_quotes_for_both_readers() {
    let folder = tempfile::tempdir().unwrap();
    let graph = load_graph("sanctions/dataset.toml");
    let path = export_to(&graph, ExportFormat::Gexf, folder.path(), "sanctions.gexf");
    let quote = "Ansar al-Sharia, a group based in\nDerna";
    let id = "ansar-al-sharia-derna--sanctioned_under--anti-terrorism";
    let nx = client("gexf_networkx.py", &[path.as_os_str()]);
    let edge = nx["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap();
    assert_eq!(edge["quotes"], quote);
    let js = client("gexf_graphology.js", &[path.as_os_str()]);
    let edge = js["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == id)
        .unwrap();
    assert_eq!(edge["attributes"]["quotes"], quote);
    assert_eq!(edge["attributes"]["attribute:kin"], serde_json::Value::Null);
}

const BASOV_TO_MIN_AUNG_HLAING: &str = "MATCH (a:Entity {id: 'alexander-basov'}), (b:Entity {id: 'min-aung-hlaing'}) MATCH p = (a)-[*1..4]-(b) RETURN [n IN nodes(p) | n.id] AS ids ORDER BY size(ids), ids LIMIT 1";

#[test]
fn the_cypher_script_runs_and_the_basov_path_comes_back_out() {
    let folder = tempfile::tempdir().unwrap();
    let graph = embedded_graph();
    let path = export_to(&graph, ExportFormat::Cypher, folder.path(), "graph.cypher");
    let result = client(
        "cypher_falkordb.py",
        &[path.as_os_str(), OsStr::new(BASOV_TO_MIN_AUNG_HLAING)],
    );
    assert_eq!(
        result["statements"].as_u64().unwrap() as usize,
        graph.dataset().nodes.len()
            + graph.dataset().claims.len()
            + graph.dataset().documents.len()
    );
    assert_eq!(result["skipped"].as_array().unwrap().len(), 2);
    assert_eq!(
        result["rows"][0][0],
        serde_json::json!(["alexander-basov", "rosoboronexport", "min-aung-hlaing"])
    );
    // The claims keep their evidence and dates.
    let query = "MATCH (:Entity {id: 'alexander-basov'})-[r:HOLDS_ROLE]->(:Entity {id: 'rosoboronexport'}) RETURN r.documents, r.sources, r.review";
    let result = client("cypher_falkordb.py", &[path.as_os_str(), OsStr::new(query)]);
    assert_eq!(
        result["rows"][0],
        serde_json::json!([["secret-delegation"], 1, "unreviewed"])
    );
}

#[test]
fn a_dataset_with_its_own_vocabulary_and_homonyms_runs_in_falkordb() {
    let folder = tempfile::tempdir().unwrap();
    let graph = load_graph("sanctions/dataset.toml");
    let path = export_to(
        &graph,
        ExportFormat::Cypher,
        folder.path(),
        "sanctions.cypher",
    );
    // Declared kinds are labels, declared relations are types; the two
    // "Omar Hadid" stay two entities.
    let query = "MATCH (p:Person {label: 'Omar Hadid'}) OPTIONAL MATCH (p)-[r:SANCTIONED_UNDER]->(g:Regime) RETURN p.id, g.id ORDER BY p.id";
    let result = client("cypher_falkordb.py", &[path.as_os_str(), OsStr::new(query)]);
    assert_eq!(
        result["rows"],
        serde_json::json!([
            ["omar-hadid", "counter-proliferation"],
            ["omar-hadid-1971", "anti-terrorism"]
        ])
    );
    let query = "MATCH (a:Entity {id: 'omar-hadid'}), (b:Entity {id: 'ansar-al-sharia-derna'}) MATCH p = (a)-[*1..4]-(b) RETURN [n IN nodes(p) | n.id] AS ids ORDER BY size(ids), ids LIMIT 1";
    let result = client("cypher_falkordb.py", &[path.as_os_str(), OsStr::new(query)]);
    assert_eq!(
        result["rows"][0][0],
        serde_json::json!(["omar-hadid", "layla-hadid", "ansar-al-sharia-derna"])
    );
    let query = "MATCH (:Entity {id: 'omar-hadid'})-[r:FAMILY_OF]->() RETURN r.mutual, r.attr_kin, r.quotes";
    let result = client("cypher_falkordb.py", &[path.as_os_str(), OsStr::new(query)]);
    assert_eq!(
        result["rows"][0],
        serde_json::json!([
            true,
            "brother",
            ["Omar Hadid is the brother of Layla Hadid."]
        ])
    );
}

#[test]
fn hostile_names_stay_strings_in_falkordb() {
    // Many hostile names at once: one engine run checks them all.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = crate::export::hostile_name();
    let names: Vec<String> = (0..24)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .chain([
            "'); MATCH (n) DETACH DELETE n; //".to_string(),
            "\\'; CREATE (:Evil); //".to_string(),
            "back\\\\slash ' quote \" double".to_string(),
        ])
        .collect();
    let folder = tempfile::tempdir().unwrap();
    let mut script = String::new();
    for (i, name) in names.iter().enumerate() {
        let graph = crate::export::named_graph(name, name);
        let text = tiegraph::export::cypher::to_cypher(
            &graph,
            &View::all(&graph),
            &ExportOptions::default(),
        );
        // Each graph in its own ids, so they can share one database.
        for line in text.lines().filter(|l| !l.starts_with("CREATE CONSTRAINT")) {
            script.push_str(
                &line
                    .replace("id: 'a'", &format!("id: 'a{i}'"))
                    .replace("id: 'b'", &format!("id: 'b{i}'"))
                    .replace("id: 'd'", &format!("id: 'd{i}'")),
            );
            script.push('\n');
        }
    }
    let path = folder.path().join("hostile.cypher");
    std::fs::write(&path, &script).unwrap();
    let query = "MATCH (a:Entity)-[r]->(:Entity) RETURN a.id, a.label, r.quotes[0], r.according_to[0] ORDER BY a.id";
    let result = client("cypher_falkordb.py", &[path.as_os_str(), OsStr::new(query)]);
    let rows = result["rows"].as_array().unwrap();
    assert_eq!(rows.len(), names.len(), "no claim added or lost");
    for row in rows {
        let i: usize = row[0].as_str().unwrap()[1..].parse().unwrap();
        assert_eq!(row[1], names[i].as_str());
        assert_eq!(row[2], names[i].as_str());
        assert_eq!(row[3], names[i].as_str());
    }
    let evil = client(
        "cypher_falkordb.py",
        &[path.as_os_str(), OsStr::new("MATCH (n) RETURN count(n)")],
    );
    assert_eq!(evil["rows"][0][0], serde_json::json!(names.len() * 3));
}

/// Reads a Cypher string literal back, as a Cypher parser does.
fn unquote(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next()? {
                '\\' => '\\',
                '\'' => '\'',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => return None,
            }),
            '\'' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_cypher_string_literal_holds_any_text_and_nothing_else(text in "\\PC*|[\\\\'\"\n\r\t;/(){}:]*") {
        let literal = tiegraph::export::cypher::string_literal(&text);
        prop_assert!(!literal.contains('\n'));
        prop_assert_eq!(unquote(&literal), Some(text.clone()));
    }
}

/// The `neo4j-admin database import` header grammar (Neo4j 5 operations
/// manual, "CSV header format"): `name:type`, `name:type[]`, `:ID(group)`,
/// `:START_ID(group)`, `:END_ID(group)`, `:TYPE`, `:LABEL`.
fn header_field_is_valid(field: &str) -> bool {
    const TYPES: &[&str] = &[
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "byte",
        "short",
        "char",
        "string",
        "point",
        "date",
        "localtime",
        "time",
        "localdatetime",
        "datetime",
        "duration",
    ];
    let plain_name = |name: &str| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let group = |rest: &str| {
        rest.strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(plain_name)
    };
    match field.split_once(':') {
        None => plain_name(field),
        Some((name, kind)) => {
            if let Some(rest) = kind.strip_prefix("ID") {
                (name.is_empty() || plain_name(name)) && (rest.is_empty() || group(rest))
            } else if let Some(rest) = kind
                .strip_prefix("START_ID")
                .or_else(|| kind.strip_prefix("END_ID"))
            {
                name.is_empty() && (rest.is_empty() || group(rest))
            } else if kind == "TYPE" || kind == "LABEL" || kind == "IGNORE" {
                name.is_empty()
            } else {
                let base = kind.strip_suffix("[]").unwrap_or(kind);
                plain_name(name) && TYPES.contains(&base)
            }
        }
    }
}

#[test]
fn neo4j_csv_headers_follow_the_import_grammar_and_rows_fit_them() {
    for bad in [
        "id:ID(",
        ":START_ID(a b)",
        "x:strin",
        "name:TYPE",
        ":id",
        "a-b",
    ] {
        assert!(!header_field_is_valid(bad), "{bad}");
    }
    let folder = tempfile::tempdir().unwrap();
    let graph = load_graph("sanctions/dataset.toml");
    let out = export_to(&graph, ExportFormat::Neo4jCsv, folder.path(), "neo4j");
    let import = std::fs::read_to_string(out.join("IMPORT.txt")).unwrap();
    assert!(import.contains(tiegraph::export::neo4j_csv::IMPORT_COMMAND));
    let mut entity_ids = std::collections::HashSet::new();
    for file in ["entities.csv", "sources.csv", "claims.csv"] {
        let mut reader = csv::Reader::from_path(out.join(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        for field in &headers {
            assert!(header_field_is_valid(field), "{file}: {field}");
        }
        let id_groups: Vec<&str> = headers
            .iter()
            .filter(|h| h.contains(":ID(") || h.contains("_ID("))
            .collect();
        assert!(!id_groups.is_empty(), "{file} has an id column");
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), headers.len(), "{file}");
            for (field, value) in headers.iter().zip(record.iter()) {
                if field.ends_with(":date") && !value.is_empty() {
                    assert!(
                        value.len() == 10 && value.parse::<tiegraph::model::PartialDate>().is_ok(),
                        "{file} {field} {value}"
                    );
                }
                if field == "id:ID(Entity)" {
                    entity_ids.insert(value.to_string());
                }
                if field.starts_with(":START_ID") || field.starts_with(":END_ID") {
                    assert!(
                        entity_ids.contains(value),
                        "{file}: {value} is not an entity"
                    );
                }
                if field.ends_with("[]") && field.starts_with("quotes") {
                    // The quote with a line break and a comma stays one element.
                    let elements: Vec<&str> = value.split('\u{1f}').collect();
                    assert!(elements.iter().all(|e| !e.is_empty()));
                }
            }
            rows += 1;
        }
        assert!(rows > 0, "{file}");
    }
}
