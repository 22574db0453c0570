//! Link analysis checked against networkx on the same graphs: the curated
//! view (unweighted and weighted by sources) and synthetic graphs of 1k and
//! 10k entities. Centralities within 1e-9, components and cuts identical,
//! modularity of tiegraph's communities at least networkx's Louvain.

use tiegraph::graph::{TieGraph, View};
use tiegraph::metrics::{self, Measure, Options, Progress, SimpleGraph, Weighting};

use crate::support::{client, embedded_graph};

fn close(ours: &[f64], theirs: &serde_json::Value, what: &str) {
    let theirs: Vec<f64> = serde_json::from_value(theirs.clone()).unwrap();
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths");
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert!(
            (a - b).abs() <= 1e-9,
            "{what}: entity {i}: tiegraph {a}, networkx {b}"
        );
    }
}

/// Every measure of `simple` against networkx's.
fn agree_with_networkx(simple: &SimpleGraph, with_paths: bool) {
    let progress = Progress::new();
    let options = Options::default();
    let run = |measure| {
        metrics::compute_on(simple, measure, options, &progress)
            .unwrap()
            .values
    };
    let partition = metrics::communities::communities(simple, 1, &progress).unwrap();
    let edges: Vec<(u32, u32, f64)> = simple
        .adjacency
        .iter()
        .enumerate()
        .flat_map(|(a, row)| {
            row.iter()
                .filter(move |&&(b, _)| (a as u32) < b)
                .map(move |&(b, w)| (a as u32, b, w))
        })
        .collect();
    let spec = serde_json::json!({
        "n": simple.len(),
        "edges": edges,
        "weighted": !simple.is_unweighted(),
        "paths": with_paths,
        "partition": partition.community,
    });
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("graph.json");
    std::fs::write(&path, spec.to_string()).unwrap();
    let theirs = client("metrics_networkx.py", &[path.as_os_str()]);
    if with_paths {
        close(
            &run(Measure::Betweenness),
            &theirs["betweenness"],
            "betweenness",
        );
        close(&run(Measure::Closeness), &theirs["closeness"], "closeness");
        close(&run(Measure::Harmonic), &theirs["harmonic"], "harmonic");
    }
    close(&run(Measure::PageRank), &theirs["pagerank"], "pagerank");
    if simple.link_count() > 0 {
        close(
            &run(Measure::Eigenvector),
            &theirs["eigenvector"],
            "eigenvector",
        );
    }
    // Components: the same grouping (numbers may differ).
    let ours = run(Measure::Component);
    let theirs_components: Vec<u32> = serde_json::from_value(theirs["components"].clone()).unwrap();
    for i in 0..simple.len() {
        for j in [0, i / 2, simple.len() - 1] {
            assert_eq!(
                ours[i] == ours[j],
                theirs_components[i] == theirs_components[j],
                "components of {i} and {j}"
            );
        }
    }
    let (bridges, articulation) = metrics::cuts::cuts(simple);
    let their_bridges: Vec<(u32, u32)> = serde_json::from_value(theirs["bridges"].clone()).unwrap();
    assert_eq!(bridges, their_bridges, "bridges");
    let ours_articulation: Vec<u32> = (0..simple.len() as u32)
        .filter(|&i| articulation[i as usize])
        .collect();
    let their_articulation: Vec<u32> =
        serde_json::from_value(theirs["articulation"].clone()).unwrap();
    assert_eq!(ours_articulation, their_articulation, "articulation points");
    let their_q = theirs["louvain_modularity"].as_f64().unwrap();
    let our_q = theirs["our_modularity"].as_f64().unwrap();
    assert!(
        (our_q - partition.modularity).abs() < 1e-9,
        "modularity computed alike: {our_q} vs {}",
        partition.modularity
    );
    assert!(
        partition.modularity >= their_q - 1e-9,
        "tiegraph's communities reach modularity {} < networkx Louvain {their_q}",
        partition.modularity
    );
}

#[test]
fn measures_of_the_curated_view_match_networkx() {
    let graph = embedded_graph();
    let view = View::all(&graph);
    for weighting in [Weighting::Unweighted, Weighting::Sources] {
        let simple = SimpleGraph::new(&graph, &view, weighting);
        assert_eq!(simple.len(), 171);
        agree_with_networkx(&simple, true);
    }
}

#[test]
fn measures_of_synthetic_graphs_match_networkx() {
    for (nodes, edges) in [(1_000, 5_000), (10_000, 50_000)] {
        let graph = TieGraph::new(tiegraph::synth::dataset(nodes, edges, 7));
        let simple = SimpleGraph::new(&graph, &View::all(&graph), Weighting::Unweighted);
        // networkx's pure-Python path measures take minutes at 10k: they
        // are compared at 1k, the rest at both sizes.
        agree_with_networkx(&simple, nodes <= 1_000);
    }
}

#[test]
fn empty_and_linkless_views_give_defined_values() {
    let graph = embedded_graph();
    let progress = Progress::new();
    let empty = View::empty(&graph);
    let mut lonely = View::empty(&graph);
    for node in View::all(&graph).nodes().take(5) {
        lonely.insert_node(node);
    }
    for view in [empty, lonely] {
        for measure in Measure::ALL {
            let scores =
                metrics::compute(&graph, &view, measure, Options::default(), &progress).unwrap();
            assert_eq!(scores.values.len(), view.node_count());
            assert!(scores.values.iter().all(|v| v.is_finite()), "{measure:?}");
        }
    }
}

/// `tiegraph export --measures` writes the measures as node attributes
/// that Graphviz, networkx (GraphML and GEXF) and the GEXF 1.3 schema take,
/// with the values `tiegraph metrics` prints.
#[test]
fn exported_measures_are_read_back_by_graphviz_networkx_and_the_gexf_schema() {
    use crate::support::{graphviz, stdout, tiegraph};
    let folder = tempfile::tempdir().unwrap();
    let json = tiegraph(&[
        "metrics",
        "--measure",
        "pagerank,community",
        "--format",
        "json",
    ]);
    assert!(json.status.success());
    let metrics: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let mah = metrics["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "min-aung-hlaing")
        .unwrap()
        .clone();
    let pagerank = mah["pagerank"].as_f64().unwrap();

    let dot = tiegraph(&[
        "export",
        "--format",
        "dot",
        "--measures",
        "pagerank,in-degree",
    ]);
    let canon = graphviz("dot", &["-Tcanon"], &stdout(&dot));
    assert!(canon.status.success());
    let canon = String::from_utf8_lossy(&canon.stdout);
    assert!(
        canon.contains(&format!("pagerank={pagerank}")),
        "Graphviz keeps the attribute"
    );

    let graphml = folder.path().join("m.graphml");
    let gexf = folder.path().join("m.gexf");
    for (format, path) in [("graphml", &graphml), ("gexf", &gexf)] {
        let out = tiegraph(&[
            "export",
            "--format",
            format,
            "--measures",
            "pagerank,community",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success());
    }
    crate::support::assert_valid_gexf(&gexf);
    let from_gexf = client("gexf_networkx.py", &[gexf.as_os_str()]);
    assert_eq!(
        from_gexf["nodes"]["min-aung-hlaing"]["pagerank"].as_f64(),
        Some(pagerank)
    );
    assert_eq!(
        from_gexf["nodes"]["min-aung-hlaing"]["community"],
        mah["community"]
    );
    let script = r#"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(repr(g.nodes["min-aung-hlaing"]["pagerank"]), g.nodes["min-aung-hlaing"]["community"])
"#;
    let output = std::process::Command::new(crate::support::python())
        .arg("-c")
        .arg(script)
        .arg(&graphml)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("{pagerank:?} {:?}", mah["community"].as_f64().unwrap())
    );
}

#[test]
fn the_command_line_ranks_and_refuses_unknown_measures() {
    use crate::support::{stderr, stdout, tiegraph};
    let out = tiegraph(&["metrics", "--measure", "betweenness", "--top", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("171 entities, 303 links"), "{text}");
    assert!(
        text.contains("  1.     0.379599  Min Aung Hlaing"),
        "{text}"
    );
    let bad = tiegraph(&["metrics", "--measure", "centrality"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("possible values: degree, in-degree"),
        "{}",
        stderr(&bad)
    );
    // Only confirmed claims: no claim is confirmed, so no links.
    let out = tiegraph(&["metrics", "--confirmed-only", "--measure", "degree"]);
    assert!(stdout(&out).contains("0 links"), "{}", stdout(&out));
    // Whose standing rests on one document.
    let out = tiegraph(&[
        "impact",
        "--doc",
        "secret-delegation",
        "--measure",
        "betweenness",
        "--top",
        "3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Standing by betweenness without the lost claims"));
}

#[test]
fn a_view_in_pieces_has_defined_values_that_match_networkx() {
    let graph = embedded_graph();
    // Only meetings: many small pieces and many entities without a link.
    let filter = tiegraph::query::Filter {
        relations: vec![tiegraph::model::Relation::MET],
        ..Default::default()
    };
    let view = filter.apply(&graph).unwrap();
    let simple = SimpleGraph::new(&graph, &view, Weighting::Unweighted);
    let pieces = metrics::components::components(&simple);
    assert!(pieces.iter().any(|&p| p > 5), "the view is in pieces");
    for measure in Measure::ALL {
        let scores =
            metrics::compute_on(&simple, measure, Options::default(), &Progress::new()).unwrap();
        assert!(scores.values.iter().all(|v| v.is_finite()), "{measure:?}");
    }
    agree_with_networkx(&simple, true);
}
