//! Link analysis on the visible graph: who matters and which groups, on
//! the claims the analyst trusts. Every measure runs on the current
//! [`View`] (filters, hidden entities and review rules apply), as an
//! undirected simple graph ([`SimpleGraph`]): parallel claims between two
//! entities count once, unless [`Weighting::Sources`] weighs each link by
//! its independent sources.
//!
//! One algorithm per file, like petgraph's `algo/`: `degree`,
//! `betweenness` (Brandes; exact on every core, sampled beyond a size),
//! `closeness` (closeness and harmonic), `pagerank`, `eigenvector`,
//! `components`, `cuts` (bridges and articulation points), `communities`
//! (Louvain with Leiden's refinement, and modularity). `paths` holds the
//! shortest-path search they share. Values match networkx's (the module
//! docs say which function and normalisation); a view without entities or
//! links gives defined values, never NaN.

pub mod betweenness;
pub mod closeness;
pub mod communities;
pub mod components;
pub mod cuts;
pub mod degree;
pub mod eigenvector;
pub mod pagerank;
mod paths;
mod simple;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use petgraph::stable_graph::NodeIndex;

pub use communities::Partition;
pub use simple::{SimpleGraph, Weighting};

use crate::graph::{TieGraph, View};

/// A measure of each entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    Degree,
    InDegree,
    OutDegree,
    WeightedDegree,
    Betweenness,
    Closeness,
    Harmonic,
    PageRank,
    Eigenvector,
    Component,
    Community,
    Articulation,
}

impl Measure {
    pub const ALL: [Measure; 12] = [
        Measure::Degree,
        Measure::InDegree,
        Measure::OutDegree,
        Measure::WeightedDegree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::PageRank,
        Measure::Eigenvector,
        Measure::Component,
        Measure::Community,
        Measure::Articulation,
    ];

    /// The name on the command line and in exports.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::InDegree => "in-degree",
            Measure::OutDegree => "out-degree",
            Measure::WeightedDegree => "weighted-degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Harmonic => "harmonic",
            Measure::PageRank => "pagerank",
            Measure::Eigenvector => "eigenvector",
            Measure::Component => "component",
            Measure::Community => "community",
            Measure::Articulation => "articulation",
        }
    }

    pub fn parse(text: &str) -> Option<Measure> {
        let text = text.trim().to_lowercase().replace('_', "-");
        Measure::ALL.into_iter().find(|m| m.name() == text)
    }

    /// What it says, in a line.
    pub fn meaning(self) -> &'static str {
        match self {
            Measure::Degree => "entities linked to it, either way",
            Measure::InDegree => "entities with a claim to it",
            Measure::OutDegree => "entities it has a claim to",
            Measure::WeightedDegree => {
                "sum of its links' weights (with --weighted: their independent sources)"
            }
            Measure::Betweenness => "share of shortest paths between others through it: the broker",
            Measure::Closeness => "how near it is to the entities it reaches",
            Measure::Harmonic => "sum of 1/distance to every other entity",
            Measure::PageRank => {
                "linked to by entities that are themselves well linked (random walk)"
            }
            Measure::Eigenvector => "linked to entities that matter",
            Measure::Component => "the separate piece of the network it is in (0 = largest)",
            Measure::Community => "its group: linked more inside than chance (0 = largest)",
            Measure::Articulation => "1 if removing it splits its piece of the network",
        }
    }

    /// Whether values are group numbers or flags rather than amounts.
    pub fn is_label(self) -> bool {
        matches!(
            self,
            Measure::Component | Measure::Community | Measure::Articulation
        )
    }
}

/// How far a long computation is, and a way to stop it (from another
/// thread: the window's Stop button).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    pub fn new() -> Self {
        Progress::default()
    }

    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub(crate) fn advance(&self, steps: usize) {
        self.done.fetch_add(steps, Ordering::Relaxed);
    }

    /// 0..=1 of the step running now.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0)
        }
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// How to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub weighting: Weighting,
    /// Betweenness sources sampled; `None`: exact up to
    /// [`betweenness::EXACT_UP_TO`] entities, then
    /// [`betweenness::DEFAULT_SAMPLES`].
    pub samples: Option<usize>,
    /// For sampling and for the order communities are searched in.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weighting: Weighting::Unweighted,
            samples: None,
            seed: 1,
        }
    }
}

/// One measure of every entity of a view.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub measure: Measure,
    pub nodes: Vec<NodeIndex>,
    pub values: Vec<f64>,
    /// For communities: the modularity reached.
    pub modularity: Option<f64>,
    /// For sampled betweenness: every value is within this of the exact
    /// one, with probability 95 %.
    pub error_bound: Option<f64>,
}

impl Scores {
    /// For a group measure (component, community): how many groups.
    pub fn group_count(&self) -> usize {
        self.values
            .iter()
            .map(|&v| v as usize + 1)
            .max()
            .unwrap_or(0)
    }

    /// For a group measure: the members of each group, group 0 first,
    /// members by label then id. O(V log V).
    pub fn groups(&self, graph: &TieGraph) -> Vec<Vec<NodeIndex>> {
        let mut groups = vec![Vec::new(); self.group_count()];
        for (node, value) in self.ranked(graph) {
            if let Some(group) = groups.get_mut(value as usize) {
                group.push(node);
            }
        }
        groups
    }

    /// Entities by value, highest first (group numbers: lowest first),
    /// ties by label, then id.
    pub fn ranked(&self, graph: &TieGraph) -> Vec<(NodeIndex, f64)> {
        let mut ranked: Vec<(NodeIndex, f64)> = self
            .nodes
            .iter()
            .copied()
            .zip(self.values.iter().copied())
            .collect();
        let label = self.measure.is_label() && self.measure != Measure::Articulation;
        ranked.sort_by(|a, b| {
            let by_value = if label {
                a.1.total_cmp(&b.1)
            } else {
                b.1.total_cmp(&a.1)
            };
            by_value
                .then_with(|| graph.node(a.0).label.cmp(&graph.node(b.0).label))
                .then_with(|| graph.node(a.0).id.cmp(&graph.node(b.0).id))
        });
        ranked
    }
}

/// Computes `measure` for every entity of `view`; `None` when stopped
/// through `progress`.
pub fn compute(
    graph: &TieGraph,
    view: &View,
    measure: Measure,
    options: Options,
    progress: &Progress,
) -> Option<Scores> {
    let simple = SimpleGraph::new(graph, view, options.weighting);
    compute_on(&simple, measure, options, progress)
}

/// [`compute`] on a graph already built (several measures of one view).
pub fn compute_on(
    simple: &SimpleGraph,
    measure: Measure,
    options: Options,
    progress: &Progress,
) -> Option<Scores> {
    let n = simple.len();
    let mut modularity = None;
    let mut error_bound = None;
    let values = match measure {
        Measure::Degree => degree::degree(simple),
        Measure::InDegree => degree::in_degree(simple),
        Measure::OutDegree => degree::out_degree(simple),
        Measure::WeightedDegree => degree::weighted_degree(simple),
        Measure::Betweenness => {
            let samples = options
                .samples
                .or((n > betweenness::EXACT_UP_TO).then_some(betweenness::DEFAULT_SAMPLES));
            if let Some(k) = samples.filter(|&k| k < n) {
                error_bound = Some(betweenness::error_bound(n, k, 0.05));
            }
            betweenness::betweenness(simple, samples, options.seed, progress)?
        }
        Measure::Closeness => closeness::closeness(simple, progress)?,
        Measure::Harmonic => closeness::harmonic(simple, progress)?,
        Measure::PageRank => pagerank::pagerank(simple, progress)?,
        Measure::Eigenvector => eigenvector::eigenvector(simple, progress)?,
        Measure::Component => components::components(simple)
            .into_iter()
            .map(f64::from)
            .collect(),
        Measure::Community => {
            let partition = communities::communities(simple, options.seed, progress)?;
            modularity = Some(partition.modularity);
            partition.community.into_iter().map(f64::from).collect()
        }
        Measure::Articulation => cuts::cuts(simple)
            .1
            .into_iter()
            .map(|a| if a { 1.0 } else { 0.0 })
            .collect(),
    };
    Some(Scores {
        measure,
        nodes: simple.nodes.clone(),
        values,
        modularity,
        error_bound,
    })
}
