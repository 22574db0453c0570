#!/usr/bin/env python3
"""Peers' side of benches/peers.sh: python-igraph and networkx on the graph
that `tiegraph synth N E --format edges` writes, plus small helpers for the
shell driver.

Every measurement is printed as one TSV line on stdout, `tool<TAB>measure<TAB>value`,
the same format benches/peers.rs prints for tiegraph:

    igraph    load_s          edges file -> graph with every node
    igraph    path_median_us  median of one shortest-path query (pairs file, 4 passes)
    igraph    layout_s        layout_fruchterman_reingold() with default parameters
    networkx  load_s / path_median_us (bidirectional_shortest_path) / layout_s (spring_layout, small graphs only)

Subcommands (run with the venv's python):

    peers.py pairs N OUT                  256 endpoint pairs, "nA<TAB>nB" per line
    peers.py dot EDGES N OUT              undirected DOT with all N nodes (for sfdp)
    peers.py plain2tsv PLAIN OUT          sfdp -Tplain output -> positions TSV
    peers.py run EDGES N PAIRS POSDIR     the measurements; writes POSDIR/pos-igraph-N.tsv
                                          (and pos-networkx-N.tsv when spring_layout runs)
    peers.py versions                     versions as TSV lines
    peers.py table RESULTS                Markdown tables from results.tsv (size-prefixed lines)

Positions files are `name<TAB>x<TAB>y`, one line per node, no header.

Environment: PEERS_NX_LAYOUT_MAX (default 1000) is the largest node count for
which networkx spring_layout runs (it is O(n^2) per iteration);
PEERS_IGRAPH_LAYOUT_MAX (default: no limit) does the same for igraph's FR.
"""
import importlib.util
import os
import random
import statistics
import sys
import time
import warnings

PAIRS = 256
PASSES = 4


def node_names(n):
    return [f"n{i}" for i in range(n)]


def pairs(n):
    """The endpoint pairs of benches/queries.rs."""
    return [(f"n{(i * 7919 + 13) % n}", f"n{(i * 104729 + n // 2) % n}") for i in range(PAIRS)]


def emit(tool, measure, value):
    print(f"{tool}\t{measure}\t{value}", flush=True)


def note(msg):
    print(f"peers.py: {msg}", file=sys.stderr, flush=True)


def read_pairs(path):
    with open(path) as f:
        return [tuple(line.split()) for line in f if line.strip()]


def write_positions(path, names, coords):
    with open(path, "w") as f:
        for name, (x, y) in zip(names, coords):
            f.write(f"{name}\t{x:.6g}\t{y:.6g}\n")


def median_us(query, endpoints):
    """Median wall time of query(a, b) over the pairs, PASSES times; also
    returns each pair's path length (None: no path) from the first pass."""
    times, lengths = [], []
    for p in range(PASSES):
        for a, b in endpoints:
            t = time.perf_counter()
            length = query(a, b)
            times.append(time.perf_counter() - t)
            if p == 0:
                lengths.append(length)
    return statistics.median(times) * 1e6, lengths


def run_igraph(edges, n, endpoints, posdir):
    import igraph as ig

    # The first Read_Ncol in a process pays ~0.1-0.2 s of one-off set-up;
    # pay it on a two-line file so that the timed load is the graph's own.
    warm = os.path.join(posdir, ".warmup.edges")
    with open(warm, "w") as f:
        f.write("a b\nb c\n")
    ig.Graph.Read_Ncol(warm, names=True, weights=False, directed=False)
    os.remove(warm)

    t = time.perf_counter()
    g = ig.Graph.Read_Ncol(edges, names=True, weights=False, directed=False)
    present = set(g.vs["name"])
    g.add_vertices([name for name in node_names(n) if name not in present])
    emit("igraph", "load_s", f"{time.perf_counter() - t:.4f}")
    assert g.vcount() == n, (g.vcount(), n)

    # Resolve names to vertex ids outside the timed part: the search is measured.
    index = {name: i for i, name in enumerate(g.vs["name"])}
    ids = [(index[a], index[b]) for a, b in endpoints]

    def query(a, b):
        path = g.get_shortest_path(a, b)  # BFS, stops once b is reached
        return len(path) - 1 if path else None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Couldn't reach some vertices"
        med, lengths = median_us(query, ids)
    emit("igraph", "path_median_us", f"{med:.1f}")
    emit("igraph", "paths_found", sum(x is not None for x in lengths))

    limit = int(os.environ.get("PEERS_IGRAPH_LAYOUT_MAX", "0") or 0)
    if limit and n > limit:
        note(f"igraph FR skipped at {n} nodes (PEERS_IGRAPH_LAYOUT_MAX={limit})")
    else:
        random.seed(42)  # igraph draws FR's start positions from Python's random
        t = time.perf_counter()
        layout = g.layout_fruchterman_reingold()
        emit("igraph", "layout_s", f"{time.perf_counter() - t:.3f}")
        write_positions(os.path.join(posdir, f"pos-igraph-{n}.tsv"), g.vs["name"], layout.coords)

    # Link analysis (issue 16): exact betweenness up to 10k nodes, PageRank
    # (PRPACK), Louvain communities (community_multilevel) and their modularity.
    simple = g.copy().simplify()
    if n <= 10000:
        t = time.perf_counter()
        simple.betweenness(directed=False)
        emit("igraph", "betweenness_s", f"{time.perf_counter() - t:.3f}")
    t = time.perf_counter()
    simple.pagerank(directed=False)
    emit("igraph", "pagerank_s", f"{time.perf_counter() - t:.3f}")
    t = time.perf_counter()
    parts = simple.community_multilevel()
    emit("igraph", "communities_s", f"{time.perf_counter() - t:.3f}")
    emit("igraph", "modularity", f"{parts.modularity:.4f}")
    return lengths


def run_networkx(edges, n, endpoints, posdir):
    import networkx as nx

    nx.parse_edgelist(["a b", "b c"], nodetype=str)  # warm-up, as for igraph

    t = time.perf_counter()
    g = nx.read_edgelist(edges, nodetype=str)
    g.add_nodes_from(node_names(n))
    emit("networkx", "load_s", f"{time.perf_counter() - t:.4f}")
    assert g.number_of_nodes() == n, (g.number_of_nodes(), n)

    def query(a, b):
        try:
            return len(nx.bidirectional_shortest_path(g, a, b)) - 1
        except nx.NetworkXNoPath:
            return None

    med, lengths = median_us(query, endpoints)
    emit("networkx", "path_median_us", f"{med:.1f}")
    emit("networkx", "paths_found", sum(x is not None for x in lengths))

    limit = int(os.environ.get("PEERS_NX_LAYOUT_MAX", "1000") or 0)
    if n <= limit:
        if importlib.util.find_spec("scipy") is None:  # spring_layout needs it from 500 nodes on
            note("networkx spring_layout skipped: scipy is not installed")
        else:
            t = time.perf_counter()
            pos = nx.spring_layout(g, seed=42)
            emit("networkx", "layout_s", f"{time.perf_counter() - t:.3f}")
            names = list(g.nodes)
            write_positions(os.path.join(posdir, f"pos-networkx-{n}.tsv"), names, [pos[v] for v in names])
    return lengths


def cmd_run(edges, n, pairs_file, posdir, tool):
    """One tool per process, so that /usr/bin/time measures each one's memory.
    The path lengths each finds are kept, and once both have run, compared."""
    n = int(n)
    endpoints = read_pairs(pairs_file)
    run = {"igraph": run_igraph, "networkx": run_networkx}[tool]
    lengths = run(edges, n, endpoints, posdir)
    with open(os.path.join(posdir, f"lengths-{tool}-{n}.txt"), "w") as f:
        f.write("\n".join(str(x) for x in lengths))
    files = [os.path.join(posdir, f"lengths-{t}-{n}.txt") for t in ("igraph", "networkx")]
    if all(os.path.exists(f) for f in files):
        ig_lengths, nx_lengths = (open(f).read().split("\n") for f in files)
        # Both answer the same unweighted question: the hop counts must agree.
        bad = [i for i, (a, b) in enumerate(zip(ig_lengths, nx_lengths)) if a != b]
        if bad:
            note(f"WARNING: igraph and networkx disagree on {len(bad)} path lengths (first: pair {bad[0]})")


def cmd_pairs(n, out):
    with open(out, "w") as f:
        for a, b in pairs(int(n)):
            f.write(f"{a}\t{b}\n")


def cmd_dot(edges, n, out):
    with open(edges) as src, open(out, "w") as f:
        f.write("graph G {\n")
        for name in node_names(int(n)):  # isolated nodes too
            f.write(f"{name};\n")
        for line in src:
            a, b = line.split()
            f.write(f"{a} -- {b};\n")
        f.write("}\n")


def cmd_plain2tsv(plain, out):
    # plain format: `node name x y width height label style shape color fillcolor`
    with open(plain) as src, open(out, "w") as f:
        for line in src:
            if line.startswith("node "):
                _, name, x, y = line.split(maxsplit=4)[:4]
                f.write(f"{name.strip(chr(34))}\t{x}\t{y}\n")


def cmd_versions():
    import igraph as ig
    import networkx as nx

    emit("python", "version", sys.version.split()[0])
    emit("python-igraph", "version", ig.__version__)
    emit("networkx", "version", nx.__version__)
    try:
        import scipy

        emit("scipy", "version", scipy.__version__)
    except ImportError:
        pass


# ---------------------------------------------------------------- table

TOOLS = ["tiegraph", "igraph", "networkx", "sfdp"]
PEERS = TOOLS[1:]
# (row label, measure, unit)
ROWS = [
    ("Load (tiegraph: CSV read, checked, graph built; no cache)", "load_s", "s"),
    ("Open writing the cache (first open)", "open_and_write_cache_s", "s"),
    ("Reopen from the cache", "reopen_s", "s"),
    ("Peak memory (RSS) of the whole run", "rss_gb", "GB"),
    ("`tiegraph stats`, no cache: time", "cli_open_s", "s"),
    ("`tiegraph stats`, no cache: peak memory", "cli_open_rss_gb", "GB"),
    ("`tiegraph stats`, first open, writing the cache: time", "cli_write_s", "s"),
    ("`tiegraph stats`, reopen from the cache: time", "cli_reopen_s", "s"),
    ("`tiegraph stats`, reopen from the cache: peak memory", "cli_reopen_rss_gb", "GB"),
    ("10 shortest simple paths, mean", "k10_mean_ms", "ms"),
    ("Fuzzy search over every name", "search_ms", "ms"),
    ("Filter update", "filter_s", "s"),
    ("Shortest path, median", "path_median_us", "µs"),
    ("Layout", "layout_s", "s"),
    ("Layout quality: neighbourhood preservation (higher is better)", "np", ""),
    ("Layout quality: edge-length CV (lower is better)", "spread", ""),
    ("Betweenness, exact (up to 10k nodes)", "betweenness_s", "s"),
    ("PageRank", "pagerank_s", "s"),
    ("Communities (Louvain)", "communities_s", "s"),
    ("Communities: modularity (higher is better)", "modularity", ""),
]


def fmt(v):
    if v >= 100:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.3g}" if v < 10 else f"{v:.1f}"
    return f"{v:.3g}"


def parse_value(text):
    """-> (number, bound) where bound is '>' for a timeout, '' otherwise;
    None when the value is not a number (failed, skipped)."""
    text = text.strip()
    bound = ""
    if text.startswith(">"):
        bound, text = ">", text[1:].strip().rstrip("s").strip()
    try:
        return float(text), bound
    except ValueError:
        return None


def cmd_table(results):
    data = {}  # size -> {(tool, measure): (value, bound)}
    for line in open(results):
        if not line.strip() or line.startswith("#"):
            continue
        size, tool, measure, *rest = line.rstrip("\n").split("\t")
        cell = data.setdefault(size, {})
        if tool == "quality":
            # quality <file> np=.. spread=..: the file's name says whose layout it is
            # (peers.rs names its own layout `tiegraph` instead of a file)
            base = os.path.basename(measure)
            owner = next((t for t in TOOLS if base in (t, f"pos-{t}-{size}.tsv")), base)
            for kv in rest:
                k, _, v = kv.partition("=")
                parsed = parse_value(v)
                if parsed:
                    cell[(owner, k)] = parsed
        elif rest:
            parsed = parse_value(rest[0])
            if parsed:
                cell[(tool, measure)] = parsed

    for size in sorted(data, key=int):
        cell = data[size]
        n = int(size)
        print(f"\n**{n:,} nodes, {5 * n:,} edges**\n")
        head = TOOLS + [f"tiegraph ÷ {p}" for p in PEERS]
        print("| measure | " + " | ".join(head) + " |")
        print("|---|" + "---:|" * len(head))
        for label, measure, unit in ROWS:
            if not any((t, measure) in cell for t in TOOLS):
                continue
            cols = []
            for t in TOOLS:
                if (t, measure) in cell:
                    v, bound = cell[(t, measure)]
                    cols.append(f"> {fmt(v)}" if bound else fmt(v))
                else:
                    cols.append("—")
            for p in PEERS:
                if (("tiegraph", measure) in cell and (p, measure) in cell
                        and cell[(p, measure)][0] > 0):
                    tv, tb = cell[("tiegraph", measure)]
                    pv, pb = cell[(p, measure)]
                    r = tv / pv
                    # tiegraph ÷ (more than pv) is less than r
                    cols.append(("< " if pb == ">" and not tb else "") + f"{r:.2g}")
                else:
                    cols.append("—")
            name = f"{label} ({unit})" if unit else label
            print(f"| {name} | " + " | ".join(cols) + " |")


def main(argv):
    commands = {
        "pairs": (cmd_pairs, 2),
        "dot": (cmd_dot, 3),
        "plain2tsv": (cmd_plain2tsv, 2),
        "run": (cmd_run, 5),
        "versions": (cmd_versions, 0),
        "table": (cmd_table, 1),
    }
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.exit(__doc__)
    fn, _ = commands[argv[1]]
    fn(*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
