//! tiegraph's side of `benches/peers.sh`: the same generated graph and
//! endpoint pairs the peers (igraph, networkx, Graphviz sfdp) get, timed
//! in one process, with every layout scored by one implementation.
//!
//! ```text
//! cargo bench --bench peers -- --csv DIR --pairs FILE \
//!     [--layout-out POSITIONS.tsv] [--score POSITIONS.tsv]...
//! ```
//!
//! Prints tab-separated lines: `tiegraph <measure> <value>` for `load_s`
//! (CSV folder → graph built, no cache), `open_and_write_cache_s` and
//! `reopen_s` (the same through the binary cache: the first open writes
//! it, the second reads it), `filter_s`, `path_median_us` (bidirectional
//! BFS, median over the pairs ×4), `k10_mean_ms` (10 shortest simple paths,
//! Yen, mean over 32 pairs), `search_ms` (fuzzy search over every name), `betweenness_s` (exact, up to 10k
//! entities), `pagerank_s`, `communities_s` and `modularity` (link
//! analysis) and `layout_s` (multilevel, both cores);
//! then `quality <file> np=<neighbourhood preservation> spread=<edge length
//! CV>` for each scored positions file (`name<TAB>x<TAB>y` lines) and for
//! tiegraph's own layout.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use petgraph::stable_graph::NodeIndex;
use tiegraph::graph::TieGraph;
use tiegraph::layout::{MultilevelParams, ViewGraph, lay_out_view, quality};
use tiegraph::model::Relation;
use tiegraph::query::paths::{PathMode, find_paths, shortest_path};
use tiegraph::query::{Filter, PathQuery, View};
use tiegraph::review::Reviews;

/// Nodes sampled for neighbourhood preservation (all, below this).
const QUALITY_SAMPLE: usize = 20_000;

struct Args {
    csv: PathBuf,
    pairs: PathBuf,
    layout_out: Option<PathBuf>,
    score: Vec<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut csv = None;
    let mut pairs = None;
    let mut layout_out = None;
    let mut score = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .map(PathBuf::from)
                .ok_or(format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--csv" => csv = Some(value()?),
            "--pairs" => pairs = Some(value()?),
            "--layout-out" => layout_out = Some(value()?),
            "--score" => score.push(value()?),
            // cargo bench passes --bench to harness-less benches.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        csv: csv.ok_or("--csv DIR is required")?,
        pairs: pairs.ok_or("--pairs FILE is required")?,
        layout_out,
        score,
    })
}

fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            // `cargo bench` with no arguments runs every bench: do nothing.
            if std::env::args().len() <= 2 {
                return;
            }
            eprintln!("peers: {message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = run(&args) {
        eprintln!("peers: {message}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    // Open: read, validate, build the graph and indices, no cache.
    let started = Instant::now();
    let loaded = tiegraph::load::load_csv_folder(&args.csv).map_err(|e| e.to_string())?;
    let graph = loaded.into_graph();
    println!("tiegraph\tload_s\t{:.3}", started.elapsed().as_secs_f64());
    memory_breakdown(&graph);
    // The graph is kept below; the two opens through a cache (in a folder
    // of its own) are timed and dropped without freeing (freeing millions
    // of allocations is not part of opening).
    {
        let dir = std::env::temp_dir().join(format!("tiegraph-peers-cache-{}", std::process::id()));
        let cache = tiegraph::load::cache::Cache {
            dir: dir.clone(),
            min_bytes: 0,
        };
        let start = Instant::now();
        let written = cache
            .load_csv_folder(&args.csv)
            .map_err(|e| e.to_string())?;
        std::mem::forget(written.loaded.into_graph());
        println!(
            "tiegraph\topen_and_write_cache_s\t{:.3}",
            start.elapsed().as_secs_f64()
        );
        let start = Instant::now();
        let read = cache
            .load_csv_folder(&args.csv)
            .map_err(|e| e.to_string())?;
        if !matches!(read.cache, tiegraph::load::cache::CacheUse::Read) {
            return Err(format!("the cache was not read: {:?}", read.cache));
        }
        std::mem::forget(read.loaded.into_graph());
        println!("tiegraph\treopen_s\t{:.3}", start.elapsed().as_secs_f64());
        let _ = std::fs::remove_dir_all(dir);
    }

    let filter = Filter {
        relations: vec![Relation::MET, Relation::VISITED, Relation::SUPPLIES],
        min_sources: 1,
        hide_isolated: true,
        ..Filter::default()
    };
    let mut each = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        black_box(filter.apply(&graph).map_err(|e| e.to_string())?);
        each.push(start.elapsed());
    }
    println!("tiegraph\tfilter_s\t{:.6}", median(&mut each).as_secs_f64());

    let pairs = read_pairs(&graph, &args.pairs)?;
    let query = PathQuery {
        // Peers search the plain graph: no hub pruning, no hop limit.
        allow_hubs: true,
        max_hops: usize::MAX,
        ..PathQuery::default()
    };
    let mut each = Vec::new();
    for _ in 0..4 {
        for &(from, to) in &pairs {
            let start = Instant::now();
            black_box(
                shortest_path(&graph, None, &Reviews::default(), from, to, &query)
                    .map_err(|e| e.to_string())?,
            );
            each.push(start.elapsed());
        }
    }
    println!(
        "tiegraph\tpath_median_us\t{:.1}",
        median(&mut each).as_secs_f64() * 1e6
    );
    // Ten shortest simple paths (Yen), mean over the first 32 pairs.
    let mut total = Duration::ZERO;
    let some = &pairs[..pairs.len().min(32)];
    for &(from, to) in some {
        let start = Instant::now();
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
            .map_err(|e| e.to_string())?,
        );
        total += start.elapsed();
    }
    println!(
        "tiegraph\tk10_mean_ms\t{:.2}",
        total.as_secs_f64() * 1e3 / some.len().max(1) as f64
    );
    // Fuzzy search over every name, as the window's search box does.
    let mut each = Vec::new();
    for query in [
        "person 4242",
        "organization 99",
        "orgnization 7",
        "alias 123456",
    ] {
        let start = Instant::now();
        black_box(tiegraph::query::search::fuzzy_find(&graph, query, None, 20));
        each.push(start.elapsed());
    }
    println!(
        "tiegraph\tsearch_ms\t{:.1}",
        median(&mut each).as_secs_f64() * 1e3
    );

    let view = View::all(&graph);
    // Link analysis (issue 16), on the same graph as igraph's.
    {
        use tiegraph::metrics::{
            Progress, SimpleGraph, Weighting, betweenness, communities, pagerank,
        };
        let simple = SimpleGraph::new(&graph, &view, Weighting::Unweighted);
        let progress = Progress::new();
        if simple.len() <= 10_000 {
            let start = Instant::now();
            black_box(betweenness::betweenness(&simple, None, 1, &progress));
            println!(
                "tiegraph\tbetweenness_s\t{:.3}",
                start.elapsed().as_secs_f64()
            );
        }
        let start = Instant::now();
        black_box(pagerank::pagerank(&simple, &progress));
        println!("tiegraph\tpagerank_s\t{:.3}", start.elapsed().as_secs_f64());
        let start = Instant::now();
        let partition = communities::communities(&simple, 1, &progress);
        println!(
            "tiegraph\tcommunities_s\t{:.3}",
            start.elapsed().as_secs_f64()
        );
        if let Some(partition) = partition {
            println!("tiegraph\tmodularity\t{:.4}", partition.modularity);
        }
    }
    let start = Instant::now();
    let placed = lay_out_view(&graph, &view, &[], &MultilevelParams::default());
    println!("tiegraph\tlayout_s\t{:.3}", start.elapsed().as_secs_f64());

    let shape = ViewGraph::of(&graph, &view);
    let mut own = vec![[f32::NAN; 2]; shape.nodes.len()];
    for (i, (_, position)) in placed.iter().enumerate() {
        own[i] = *position;
    }
    if let Some(path) = &args.layout_out {
        let mut text = String::new();
        for (node, [x, y]) in &placed {
            text.push_str(&format!("{}\t{x}\t{y}\n", graph.node(*node).id));
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    print_quality("tiegraph", &own, &shape);
    for path in &args.score {
        let positions = read_positions(&graph, &shape, path)?;
        print_quality(&path.display().to_string(), &positions, &shape);
    }
    Ok(())
}

/// Where the memory of the open graph goes, estimated from the sizes of
/// the structures and of every heap block (as glibc rounds them: 8 bytes of
/// header, 16-byte steps, 32 at least); shared strings counted once.
/// Prints `memory <part> <MB>` lines.
fn memory_breakdown(graph: &TieGraph) {
    use std::collections::HashSet;
    use std::mem::size_of;
    use tiegraph::model::{Claim, Evidence, Node, SharedStr};
    let block = |bytes: usize| {
        if bytes == 0 {
            0
        } else {
            (bytes + 8).div_ceil(16).max(2) * 16
        }
    };
    let string = |s: &String| block(s.capacity());
    let dataset = graph.dataset();
    let mut shared: HashSet<usize> = HashSet::new();
    let mut shared_bytes = 0usize;
    let mut share = |s: &SharedStr| {
        if shared.insert(s.address()) {
            shared_bytes += block(16 + s.len());
        }
    };
    let (mut claim_ids, mut evidence, mut attributes) = (0usize, 0usize, 0usize);
    for claim in &dataset.claims {
        claim_ids += string(&claim.id);
        evidence += block(claim.evidence.capacity() * size_of::<Evidence>());
        attributes += block(claim.attributes.len() * 32);
        share(&claim.from);
        share(&claim.to);
        for item in &claim.evidence {
            share(&item.document);
            share(&item.quote);
        }
    }
    let mut node_strings = 0usize;
    for node in &dataset.nodes {
        node_strings += string(&node.id) + string(&node.label);
        node_strings += block(node.aliases.capacity() * 24);
        node_strings += node.aliases.iter().map(string).sum::<usize>();
        attributes += block(node.attributes.len() * 32);
    }
    let texts: usize = dataset.documents.iter().map(|d| string(&d.text)).sum();
    // petgraph's stable graph: a weight and two links per node, a weight,
    // two ends and two links per edge; the undirected rows (node, edge)
    // per end; the id indices (4 bytes and a control byte a slot, 7/8
    // full); the name index (a String and an index per name).
    let (nodes, claims) = (graph.node_bound(), graph.edge_bound());
    let names = dataset
        .nodes
        .iter()
        .map(|n| 2 + n.aliases.len())
        .sum::<usize>();
    let indices = nodes * 16
        + claims * 24
        + 2 * claims * 8
        + nodes * 4
        + claims * 4
        + (nodes + claims) * 5 * 8 / 7
        + names * (24 + 4 + 1 + 32);
    let parts = [
        (
            "claims (the Claim structs)",
            dataset.claims.capacity() * size_of::<Claim>(),
        ),
        ("claim ids", claim_ids),
        ("evidence items", evidence),
        (
            "attributes (lists; keys and values are shared strings)",
            attributes,
        ),
        (
            "shared strings (ends, documents, quotes, attribute keys and values)",
            shared_bytes,
        ),
        (
            "entities (the Node structs)",
            dataset.nodes.capacity() * size_of::<Node>(),
        ),
        ("entity ids, labels, aliases", node_strings),
        ("document texts", texts),
        (
            "graph and indices (petgraph, adjacency, id and name indices, sources)",
            indices,
        ),
    ];
    for (part, bytes) in parts {
        println!("memory\t{part}\t{:.0}", bytes as f64 / 1e6);
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn print_quality(name: &str, positions: &[[f32; 2]], shape: &ViewGraph) {
    let np = quality::neighbourhood_preservation(
        positions,
        positions.len(),
        &shape.links,
        QUALITY_SAMPLE,
    );
    let spread = quality::edge_length_spread(positions, &shape.links);
    println!("quality\t{name}\tnp={np:.4e}\tspread={spread:.5}");
}

fn read_pairs(graph: &TieGraph, path: &PathBuf) -> Result<Vec<(NodeIndex, NodeIndex)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let node = |id: &str| {
        graph
            .node_index(id)
            .ok_or_else(|| format!("{}: no node {id}", path.display()))
    };
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut ids = line.split_whitespace();
            match (ids.next(), ids.next()) {
                (Some(a), Some(b)) => Ok((node(a)?, node(b)?)),
                _ => Err(format!("{}: bad pair line {line:?}", path.display())),
            }
        })
        .collect()
}

/// Positions by layout number; nodes the file lacks stay NaN (unscored).
fn read_positions(
    graph: &TieGraph,
    shape: &ViewGraph,
    path: &PathBuf,
) -> Result<Vec<[f32; 2]>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut positions = vec![[f32::NAN; 2]; shape.nodes.len()];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, x, y] = fields[..] else {
            return Err(format!("{}: bad line {line:?}", path.display()));
        };
        let (Ok(x), Ok(y)) = (x.trim().parse::<f32>(), y.trim().parse::<f32>()) else {
            return Err(format!("{}: bad numbers in {line:?}", path.display()));
        };
        if let Some(node) = graph.node_index(id.trim())
            && let Ok(i) = shape.nodes.binary_search(&node)
        {
            positions[i] = [x, y];
        }
    }
    Ok(positions)
}
