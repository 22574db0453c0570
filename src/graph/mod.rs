//! The dataset as a petgraph [`StableDiGraph`], with id and name indices.
//!
//! Node and edge weights are positions in the dataset's `nodes` and `claims`
//! vectors, so the graph is small and the dataset stays the one source of
//! truth. Parallel claims stay parallel edges.

mod names;
mod resolved;
mod view;

pub use resolved::Resolved;
pub use view::View;

use rustc_hash::FxHashMap as HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::index::IdIndex;
use crate::model::{Claim, Dataset, Document, Evidence, Node};
use crate::text::fold;

/// A validated dataset and its graph.
#[derive(Clone, Debug)]
pub struct TieGraph {
    dataset: Dataset,
    graph: StableDiGraph<usize, usize>,
    /// Node id → node index (nodes are added in dataset order).
    node_by_id: IdIndex,
    /// Claim id → edge index.
    claim_by_id: IdIndex,
    /// Folded id, label and every alias → the entities going by it.
    node_by_name: names::NameIndex,
    /// Undirected adjacency in compressed rows: the neighbours of node `i`
    /// are `adjacent[offsets[i]..offsets[i + 1]]`, sorted by (neighbour, edge).
    /// Path queries walk this instead of petgraph's linked lists: it is
    /// contiguous, so a BFS touches far fewer cache lines.
    offsets: Vec<u32>,
    adjacent: Vec<(NodeIndex, EdgeIndex)>,
    /// Independent sources per claim (by claim position): distinct publishers,
    /// where each document of unknown publisher counts on its own.
    sources: Vec<u32>,
    /// Document id → position in the dataset's documents.
    document_by_id: HashMap<String, usize>,
}

impl TieGraph {
    /// Builds the graph. The dataset is assumed validated (see [`crate::load`]);
    /// claims whose ends are unknown are skipped rather than panicking.
    pub fn new(dataset: Dataset) -> Self {
        Self::with_resolved(dataset, None)
    }

    /// Builds the graph, taking the claims' ends and the id indices from
    /// `resolved` when the loader (or the cache) already worked them out:
    /// at a million entities that saves every id lookup a second time.
    /// `resolved` is checked against the dataset (sizes, bounds) and
    /// ignored when it does not fit.
    pub fn with_resolved(dataset: Dataset, resolved: Option<Resolved>) -> Self {
        let resolved = resolved.filter(|r| r.fits(&dataset));
        // Without resolved ends the claim index is built with the edges;
        // with them (from the cache) it may still be missing.
        let claims_indexed = resolved.as_ref().is_none_or(|r| r.claim_ids.is_some());
        let edges = |dataset: &Dataset| match resolved {
            Some(resolved) => resolved.into_graph(dataset),
            None => {
                let (graph, node_by_id, claim_by_id) = edges_and_ids(dataset);
                (graph, node_by_id, Some(claim_by_id))
            }
        };
        // The name index folds every id, label and alias: the slowest part
        // for large imports, and independent of the rest, so it is built on
        // another core meanwhile, as is a missing claim index (small graphs
        // are not worth a thread).
        let (graph, node_by_id, claim_by_id, node_by_name) = if dataset.nodes.len() < 20_000 {
            let (graph, node_by_id, claim_by_id) = edges(&dataset);
            let claim_by_id = claim_by_id.unwrap_or_else(|| claim_positions(&dataset.claims));
            (
                graph,
                node_by_id,
                claim_by_id,
                names::NameIndex::new(&dataset.nodes),
            )
        } else {
            std::thread::scope(|scope| {
                let names = scope.spawn(|| names::NameIndex::new(&dataset.nodes));
                let claims =
                    (!claims_indexed).then(|| scope.spawn(|| claim_positions(&dataset.claims)));
                let (graph, node_by_id, claim_by_id) = edges(&dataset);
                // Neither can panic; if a thread failed anyway, name lookup
                // falls back to exact ids and the claim index is built here.
                let claim_by_id = claim_by_id
                    .or_else(|| claims.and_then(|claims| claims.join().ok()))
                    .unwrap_or_else(|| claim_positions(&dataset.claims));
                let node_by_name = names.join().unwrap_or_default();
                (graph, node_by_id, claim_by_id, node_by_name)
            })
        };
        let (offsets, adjacent) = undirected_rows(&graph);
        // Each source gets a number: a known publisher (folded), or the
        // document itself when its publisher is unknown. Counting distinct
        // numbers per claim then needs no string work per evidence item.
        let mut source_numbers: HashMap<String, u32> = HashMap::default();
        let mut number = |key: String| {
            let next = source_numbers.len() as u32;
            *source_numbers.entry(key).or_insert(next)
        };
        let document_source: HashMap<&str, u32> = dataset
            .documents
            .iter()
            .map(|document| {
                let key = if document.publisher_known() {
                    fold(&document.publisher)
                } else {
                    format!("\u{0}document:{}", document.id)
                };
                (document.id.as_str(), number(key))
            })
            .collect();
        let mut keys: Vec<u32> = Vec::new();
        let sources = dataset
            .claims
            .iter()
            .map(|claim| {
                keys.clear();
                for evidence in &claim.evidence {
                    let key = match &evidence.relayed_from {
                        // A relayed passage counts with the outlet it relays.
                        Some(outlet) => Some(number(fold(outlet))),
                        None => document_source.get(evidence.document.as_str()).copied(),
                    };
                    keys.extend(key);
                }
                keys.sort_unstable();
                keys.dedup();
                keys.len() as u32
            })
            .collect();
        let document_by_id = dataset
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        TieGraph {
            document_by_id,
            dataset,
            graph,
            node_by_id,
            claim_by_id,
            node_by_name,
            offsets,
            adjacent,
            sources,
        }
    }

    /// Every (neighbour, claim) of a node, both directions, parallel claims
    /// included, sorted by neighbour index then claim index.
    pub fn neighbours(&self, index: NodeIndex) -> &[(NodeIndex, EdgeIndex)] {
        let i = index.index();
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.adjacent[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Number of independent sources backing a claim: distinct publishers,
    /// where each document whose publisher is unknown counts on its own.
    pub fn sources(&self, index: EdgeIndex) -> usize {
        self.sources
            .get(self.graph[index])
            .map_or(0, |count| *count as usize)
    }

    /// Upper bound (exclusive) of node indices, for bitsets.
    pub fn node_bound(&self) -> usize {
        self.graph.node_bound()
    }

    /// Upper bound (exclusive) of edge indices, for bitsets.
    pub fn edge_bound(&self) -> usize {
        self.graph.edge_bound()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn graph(&self) -> &StableDiGraph<usize, usize> {
        &self.graph
    }

    /// The node at `index`. Panics only on an index from another graph.
    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.dataset.nodes[self.graph[index]]
    }

    /// The claim at `index`. Panics only on an index from another graph.
    pub fn claim(&self, index: EdgeIndex) -> &Claim {
        &self.dataset.claims[self.graph[index]]
    }

    /// The document with this id, in O(1) (the dataset's own lookup scans).
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.document_by_id
            .get(id)
            .map(|&i| &self.dataset.documents[i])
    }

    /// The text of an evidence item exactly as its document has it.
    pub fn evidence_text<'a>(&'a self, evidence: &'a Evidence) -> &'a str {
        self.document(&evidence.document)
            .and_then(|document| document.text.get(evidence.start..evidence.end))
            // Imported datasets may carry quotes without the document's text.
            .filter(|text| !text.is_empty())
            .unwrap_or(&evidence.quote)
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        let nodes = &self.dataset.nodes;
        self.node_by_id
            .get(id, |i| &nodes[i as usize].id)
            .map(|i| NodeIndex::new(i as usize))
    }

    pub fn claim_index(&self, id: &str) -> Option<EdgeIndex> {
        let (claims, graph) = (&self.dataset.claims, &self.graph);
        self.claim_by_id
            .get(id, |e| &claims[graph[EdgeIndex::new(e as usize)]].id)
            .map(|e| EdgeIndex::new(e as usize))
    }

    /// Finds an entity by id, label or any alias, ignoring case, diacritics
    /// and spacing.
    ///
    /// ```
    /// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
    /// let shoigu = graph.find("Sergey Shoigu").unwrap();
    /// assert_eq!(graph.find("sergei shoigu"), Some(shoigu));
    /// ```
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        match self.find_all(name).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Every entity `name` may mean: the one whose id it is exactly (an
    /// exact id always means its own entity, whatever others are called),
    /// else every entity going by it as id, label or alias, ignoring case,
    /// diacritics and spacing, in dataset order. Several for a homonym.
    ///
    /// O(length of the name) plus the entities found.
    pub fn find_all(&self, name: &str) -> Vec<NodeIndex> {
        match self.node_index(name) {
            Some(exact) => vec![exact],
            None => self.node_by_name.get(&self.dataset.nodes, &fold(name)),
        }
    }

    /// An entity's name as lists and explanations show it: its label, with
    /// its id after it when another entity goes by the same label (so two
    /// "Ansar al-Sharia" stay apart in a path).
    pub fn display_name(&self, index: NodeIndex) -> String {
        let node = self.node(index);
        if self
            .node_by_name
            .get(&self.dataset.nodes, &fold(&node.label))
            .len()
            > 1
        {
            format!("{} ({})", node.label, node.id)
        } else {
            node.label.clone()
        }
    }

    /// How many names (folded) lead to more than one entity.
    pub fn shared_names(&self) -> usize {
        self.node_by_name.shared()
    }

    /// Up to `limit` names close to `name`, best first, for "did you mean".
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<String> {
        let wanted = fold(name);
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for node in &self.dataset.nodes {
            let best = std::iter::once(&node.label)
                .chain(node.aliases.iter())
                .chain(std::iter::once(&node.id))
                .map(|candidate| {
                    let candidate = fold(candidate);
                    // A whole word of the name ("basov" in "alexander basov") is
                    // as good a hint as a near-spelling.
                    let words = || {
                        candidate
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                    };
                    let word_hit = words().any(|word| word == wanted);
                    let part_hit = wanted.len() >= 4 && candidate.contains(&wanted);
                    // Near-spellings of one word of the name ("kasatonoff").
                    let word_score = words()
                        .filter(|word| word.len() >= 4)
                        .map(|word| strsim::jaro_winkler(&wanted, word) * 0.98)
                        .fold(0.0, f64::max);
                    let score = strsim::jaro_winkler(&wanted, &candidate).max(word_score);
                    if word_hit {
                        score.max(0.95)
                    } else if part_hit {
                        score.max(0.85)
                    } else {
                        score
                    }
                })
                .fold(0.0, f64::max);
            if best >= 0.75 {
                scored.push((best, node.label.as_str()));
            }
        }
        // Best score first; among equals the shortest name, which is the
        // entity itself rather than an event named after it.
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.len().cmp(&b.1.len()))
                .then_with(|| a.1.cmp(b.1))
        });
        scored
            .into_iter()
            .take(limit)
            .map(|(_, label)| label.to_string())
            .collect()
    }

    /// Every claim touching a node, outgoing first, in dataset order.
    pub fn claims_of(&self, index: NodeIndex) -> Vec<EdgeIndex> {
        let mut outgoing: Vec<EdgeIndex> = self
            .graph
            .edges_directed(index, Direction::Outgoing)
            .map(|edge| edge.id())
            .collect();
        let mut incoming: Vec<EdgeIndex> = self
            .graph
            .edges_directed(index, Direction::Incoming)
            .map(|edge| edge.id())
            .collect();
        outgoing.sort_by_key(|edge| self.graph[*edge]);
        incoming.sort_by_key(|edge| self.graph[*edge]);
        outgoing.extend(incoming);
        outgoing
    }

    /// Number of claims touching a node, both directions.
    pub fn degree(&self, index: NodeIndex) -> usize {
        self.neighbours(index).len()
    }
}

/// Builds the compressed undirected adjacency (see [`TieGraph::neighbours`]).
/// A self-loop appears once.
/// The graph, with node and claim id indices. Claims whose ends are unknown
/// are skipped (the loader has already reported them).
fn edges_and_ids(dataset: &Dataset) -> (StableDiGraph<usize, usize>, IdIndex, IdIndex) {
    let (nodes, claims) = (&dataset.nodes, &dataset.claims);
    let mut graph = StableDiGraph::with_capacity(nodes.len(), claims.len());
    let mut node_by_id = IdIndex::with_capacity(nodes.len());
    for position in 0..nodes.len() {
        let index = graph.add_node(position);
        // A repeated id (only in unvalidated data) keeps its first node.
        node_by_id.insert(index.index() as u32, |i| &nodes[i as usize].id);
    }
    let node = |id: &str| {
        node_by_id
            .get(id, |i| &nodes[i as usize].id)
            .map(|i| NodeIndex::new(i as usize))
    };
    let mut claim_by_id = IdIndex::with_capacity(claims.len());
    for (position, claim) in claims.iter().enumerate() {
        let (Some(from), Some(to)) = (node(&claim.from), node(&claim.to)) else {
            continue;
        };
        let edge = graph.add_edge(from, to, position);
        let graph = &graph;
        claim_by_id.insert(edge.index() as u32, |e| {
            &claims[graph[EdgeIndex::new(e as usize)]].id
        });
    }
    (graph, node_by_id, claim_by_id)
}

/// Claim id → position (which is the edge index when every claim is an
/// edge); a repeated id keeps its first claim.
fn claim_positions(claims: &[Claim]) -> IdIndex {
    let mut index = IdIndex::with_capacity(claims.len());
    for position in 0..claims.len() as u32 {
        index.insert(position, |p| &claims[p as usize].id);
    }
    index
}

/// Folded id, label and every alias → node; the first node to use a name
/// keeps it.
fn undirected_rows(graph: &StableDiGraph<usize, usize>) -> (Vec<u32>, Vec<(NodeIndex, EdgeIndex)>) {
    let bound = graph.node_bound();
    let mut counts = vec![0u32; bound + 1];
    for edge in graph.edge_references() {
        counts[edge.source().index()] += 1;
        if edge.source() != edge.target() {
            counts[edge.target().index()] += 1;
        }
    }
    let mut offsets = Vec::with_capacity(bound + 1);
    let mut total = 0u32;
    for count in &counts[..bound] {
        offsets.push(total);
        total += count;
    }
    offsets.push(total);
    let mut fill: Vec<u32> = offsets.clone();
    let mut adjacent = vec![(NodeIndex::new(0), EdgeIndex::new(0)); total as usize];
    for edge in graph.edge_references() {
        let (a, b) = (edge.source(), edge.target());
        adjacent[fill[a.index()] as usize] = (b, edge.id());
        fill[a.index()] += 1;
        if a != b {
            adjacent[fill[b.index()] as usize] = (a, edge.id());
            fill[b.index()] += 1;
        }
    }
    for node in 0..bound {
        adjacent[offsets[node] as usize..offsets[node + 1] as usize].sort_unstable();
    }
    (offsets, adjacent)
}
