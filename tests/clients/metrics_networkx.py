"""networkx's measures of a graph given as JSON {"n": N, "edges": [[a, b, w], ...]}
(undirected, simple): betweenness, closeness, harmonic (with distance 1/w when
weighted), PageRank and eigenvector centrality (weight w, tight tolerances),
components, bridges, articulation points, and the modularity of networkx's own
Louvain communities (seed 1). Prints JSON."""
import json
import sys

import networkx as nx

spec = json.load(open(sys.argv[1]))
# "paths": false leaves out the path measures (pure Python, slow at 10k).
weighted = spec["weighted"]
g = nx.Graph()
g.add_nodes_from(range(spec["n"]))
for a, b, w in spec["edges"]:
    g.add_edge(a, b, weight=w, distance=1.0 / w)
distance = "distance" if weighted else None
weight = "weight" if weighted else None
n = spec["n"]
out = {}
if spec.get("paths", True):
    out["betweenness"] = [v for _, v in sorted(nx.betweenness_centrality(g, weight=distance).items())]
    out["closeness"] = [v for _, v in sorted(nx.closeness_centrality(g, distance=distance).items())]
    out["harmonic"] = [v for _, v in sorted(nx.harmonic_centrality(g, distance=distance).items())]
if spec.get("spectral", True):
    # networkx's pure-Python PageRank (nx.pagerank itself needs SciPy).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    out["pagerank"] = [v for _, v in sorted(_pagerank_python(g, weight=weight, tol=1e-15, max_iter=100000).items())]
    if g.number_of_edges() > 0:
        out["eigenvector"] = [v for _, v in sorted(nx.eigenvector_centrality(g, weight=weight, tol=1e-15, max_iter=100000).items())]
component = [0] * n
for number, members in enumerate(nx.connected_components(g)):
    for m in members:
        component[m] = number
out["components"] = component
out["bridges"] = sorted([min(a, b), max(a, b)] for a, b in nx.bridges(g))
out["articulation"] = sorted(nx.articulation_points(g))
louvain = nx.community.louvain_communities(g, weight=weight, seed=1)
out["louvain_modularity"] = nx.community.modularity(g, louvain, weight=weight)
if "partition" in spec:
    groups = {}
    for node, c in enumerate(spec["partition"]):
        groups.setdefault(c, set()).add(node)
    out["our_modularity"] = nx.community.modularity(g, list(groups.values()), weight=weight)
print(json.dumps(out))
