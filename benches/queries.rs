//! Query speed on a synthetic 100k-node / 500k-claim graph (see
//! `tiegraph::synth`): filter update, one shortest path, 10 shortest paths,
//! and DOT export of a 10k-node view. Figures are in the README.
//!
//! Run: `cargo bench --bench queries`. Set `TIEGRAPH_BENCH_NODES` to change
//! the scale (claims are five per node).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use petgraph::stable_graph::NodeIndex;

use tiegraph::export::ExportOptions;
use tiegraph::export::dot::to_dot;
use tiegraph::graph::TieGraph;
use tiegraph::model::Relation;
use tiegraph::query::paths::shortest_path;
use tiegraph::query::{Filter, PathMode, PathQuery, View, find_paths};
use tiegraph::review::Reviews;

fn graph() -> TieGraph {
    let nodes: usize = std::env::var("TIEGRAPH_BENCH_NODES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    TieGraph::new(tiegraph::synth::dataset(nodes, nodes * 5, 42))
}

/// Deterministic endpoint pairs spread over the graph.
fn pairs(graph: &TieGraph, count: usize) -> Vec<(NodeIndex, NodeIndex)> {
    let n = graph.node_bound();
    (0..count)
        .map(|i| {
            let a = (i * 7_919 + 13) % n;
            let b = (i * 104_729 + n / 2) % n;
            (NodeIndex::new(a), NodeIndex::new(b))
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let graph = graph();
    let query = PathQuery {
        // Synthetic nodes are generic: measure the search, not hub pruning.
        allow_hubs: true,
        max_hops: 12,
        ..PathQuery::default()
    };

    let filter = Filter {
        relations: vec![
            Relation::MET,
            Relation::VISITED,
            Relation::ATTENDED,
            Relation::LED,
            Relation::SUPPLIES,
        ],
        from: Some("2010".parse().expect("valid date")),
        to: Some("2020-06".parse().expect("valid date")),
        min_sources: 1,
        hide_isolated: true,
        ..Filter::default()
    };
    c.bench_function("filter update (100k nodes, 500k claims)", |b| {
        b.iter(|| black_box(filter.apply(&graph).expect("valid filter")))
    });

    let endpoints = pairs(&graph, 256);
    // Criterion averages batches; the per-query median (as networkx's figure
    // in benches/peers.py is) is timed here, over the same pairs.
    let mut each: Vec<Duration> = Vec::new();
    for _ in 0..4 {
        for &(from, to) in &endpoints {
            let start = std::time::Instant::now();
            black_box(
                shortest_path(&graph, None, &Reviews::default(), from, to, &query).expect("query"),
            );
            each.push(start.elapsed());
        }
    }
    each.sort();
    println!(
        "shortest path, per-query median over {} queries: {:.1} µs",
        each.len(),
        each[each.len() / 2].as_secs_f64() * 1e6
    );
    let mut next = 0;
    c.bench_function("shortest path, bidirectional BFS", |b| {
        b.iter(|| {
            let (from, to) = endpoints[next % endpoints.len()];
            next += 1;
            black_box(
                shortest_path(&graph, None, &Reviews::default(), from, to, &query).expect("query"),
            )
        })
    });

    let mut next = 0;
    let mut group = c.benchmark_group("k shortest");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10 shortest simple paths (Yen)", |b| {
        b.iter(|| {
            let (from, to) = endpoints[next % endpoints.len()];
            next += 1;
            black_box(
                find_paths(
                    &graph,
                    None,
                    &Reviews::default(),
                    from,
                    to,
                    PathMode::KShortest(10),
                    &query,
                )
                .expect("query"),
            )
        })
    });
    group.finish();

    // A 10k-node view: the first 10k entities and the claims among them.
    let mut view = View::empty(&graph);
    for index in graph.graph().node_indices().take(10_000) {
        view.insert_node(index);
    }
    for index in graph.graph().edge_indices() {
        if let Some((a, b)) = graph.graph().edge_endpoints(index)
            && view.contains_node(a)
            && view.contains_node(b)
        {
            view.insert_edge(index);
        }
    }
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("DOT export of 10k nodes", |b| {
        b.iter(|| black_box(to_dot(&graph, &view, &ExportOptions::default())))
    });
    group.finish();
}

criterion_group!(queries, benches);
criterion_main!(queries);
