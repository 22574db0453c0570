#!/usr/bin/env python3
"""networkx's bidirectional BFS on the graph and endpoint pairs that
benches/queries.rs uses, for the README's ratio.

    cargo run --release -- synth 100000 500000 --format edges -o /tmp/g.edges
    python3 benches/peers_paths.py /tmp/g.edges
"""
import statistics
import sys
import time

import networkx as nx

path = sys.argv[1]
g = nx.Graph()
with open(path) as f:
    for line in f:
        a, b = line.split()
        g.add_edge(a, b)
n = 100_000 if len(sys.argv) < 3 else int(sys.argv[2])
for i in range(n):
    g.add_node(f"n{i}")
pairs = [(f"n{(i * 7919 + 13) % n}", f"n{(i * 104729 + n // 2) % n}") for i in range(256)]
times = []
for _ in range(4):
    for a, b in pairs:
        t = time.perf_counter()
        try:
            nx.bidirectional_shortest_path(g, a, b)
        except nx.NetworkXNoPath:
            pass
        times.append(time.perf_counter() - t)
print(f"networkx {nx.__version__} bidirectional_shortest_path: median {statistics.median(times) * 1e6:.1f} µs, "
      f"mean {statistics.mean(times) * 1e6:.1f} µs over {len(times)} queries")
