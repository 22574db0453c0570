#!/usr/bin/env python3
"""Read a GEXF file with networkx.read_gexf and print what networkx made of it.

Usage: gexf_networkx.py FILE.gexf

Prints one JSON document on stdout:
  {"directed": bool, "multigraph": bool,
   "graph": {<G.graph>},
   "nodes": {"<node id>": {<node attributes>}},
   "edges": [{"source": ..., "target": ..., "key": ..., <edge attributes>}]}
"key" is the multigraph key when read_gexf returned a Multi(Di)Graph (the
GEXF edge id), null otherwise; edges are in G.edges order. An edge attribute
named source, target or key would collide with those fields: it is then
printed as "attr:source" (etc.).

Values keep their Python types as JSON types: str, int, float, bool and None
as themselves, tuples and lists as lists, dicts as objects (keys as str).
Non-finite floats, which JSON cannot hold, print as the strings "NaN",
"Infinity" and "-Infinity"; anything else prints as str(value).

Exit 0 when networkx read the file; 1 with a message on stderr when
read_gexf raised (networkx refuses, e.g., an undirected edge in a directed
graph, and crashes on attribute types it does not know such as "date").
"""

import json
import math
import sys

try:
    import networkx as nx
except ImportError as exc:  # pragma: no cover - environment problem
    print(f"gexf_networkx: cannot import networkx: {exc}", file=sys.stderr)
    sys.exit(2)

RESERVED = ("source", "target", "key")


def plain(value):
    """Turn a value into JSON-ready data without changing its JSON type."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def main(argv):
    if len(argv) != 2:
        print("usage: gexf_networkx.py FILE.gexf", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        G = nx.read_gexf(path)
    except Exception as exc:  # noqa: BLE001 - any failure means "could not read"
        print(f"gexf_networkx: read_gexf({path!r}) failed: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 1

    edges = []
    if G.is_multigraph():
        triples = G.edges(keys=True, data=True)
    else:
        triples = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in triples:
        edge = {"source": plain(u), "target": plain(v), "key": plain(k)}
        for name, value in d.items():
            edge[f"attr:{name}" if name in RESERVED else str(name)] = plain(value)
        edges.append(edge)

    out = {
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "graph": plain(G.graph),
        "nodes": {str(n): plain(d) for n, d in G.nodes(data=True)},
        "edges": edges,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
