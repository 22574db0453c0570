//! Path queries: the query type ([`PathQuery`], [`PathMode`]), the one
//! entry point ([`find_paths`]) that dispatches to the algorithms, and the
//! ranking of what they find.
//!
//! Paths ignore direction (a link is a link, whoever acted) but every hop's
//! explanation keeps it. A path is a sequence of entities; each hop carries
//! every claim between its two entities that meets the constraints, so
//! parallel claims never multiply paths.

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::hops::Hops;
use super::path::Path;
use super::{QueryError, all_shortest, shortest, simple_paths, time, yen};
use crate::graph::{TieGraph, View};
use crate::model::Relation;

/// Above this many claims a node is a hub (see [`PathQuery::allow_hubs`]).
pub const DEFAULT_HUB_DEGREE: usize = 40;

/// Constraints on paths, on top of the current view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PathQuery {
    /// Relations a hop may use; empty = all.
    pub relations: Vec<Relation>,
    /// Entities (ids) no path may pass through.
    pub avoid: Vec<String>,
    /// Let paths pass through hubs: countries, and nodes with more than
    /// `hub_degree` claims. Off by default, because "Russia" links
    /// everything and explains nothing. Endpoints may always be hubs.
    pub allow_hubs: bool,
    pub hub_degree: usize,
    /// Each hop's date must not be before the previous hop's. Undated,
    /// approximate and ranged dates count as possible, not as violations.
    pub time_respecting: bool,
    /// Minimum independent sources of the claim(s) making each hop.
    pub min_sources: usize,
    /// Longest path considered, in hops.
    pub max_hops: usize,
    /// Most paths returned by enumerations, so no query can run away.
    pub limit: usize,
    /// Review status each hop's claim needs, judged against the reviews
    /// every path search takes.
    pub review: super::ReviewRule,
    /// What kind of evidence each hop's claim needs (modality, grades).
    pub evidence: super::EvidenceRule,
}

impl Default for PathQuery {
    fn default() -> Self {
        PathQuery {
            relations: Vec::new(),
            avoid: Vec::new(),
            allow_hubs: false,
            hub_degree: DEFAULT_HUB_DEGREE,
            time_respecting: false,
            min_sources: 0,
            max_hops: 6,
            limit: 1000,
            review: super::ReviewRule::Any,
            evidence: super::EvidenceRule::default(),
        }
    }
}

/// Which paths to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathMode {
    /// Every shortest path (all equally short ones).
    AllShortest,
    /// The k shortest simple paths.
    KShortest(usize),
    /// Every simple path up to `max_hops`, bounded by `limit`.
    AllSimple,
}

/// Paths found, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathResults {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub paths: Vec<Path>,
    /// An enumeration stopped at `limit`: more paths exist.
    pub truncated: bool,
}

impl<'a> Hops<'a> {
    /// Resolves the query's avoided entities; errors on unknown names.
    /// `reviews` judge the query's review rule: there is no way to search
    /// without them, so no caller can forget them.
    pub fn new(
        graph: &'a TieGraph,
        view: Option<&'a View>,
        reviews: &'a crate::model::Reviews,
        query: &'a PathQuery,
        endpoints: &[NodeIndex],
    ) -> Result<Self, QueryError> {
        let avoid = query
            .avoid
            .iter()
            .map(|name| super::resolve(graph, name))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Hops {
            graph,
            view,
            relations: &query.relations,
            min_sources: query.min_sources,
            allow_hubs: query.allow_hubs,
            hub_degree: query.hub_degree,
            avoid,
            endpoints: endpoints.to_vec(),
            review: query.review,
            evidence: query.evidence,
            reviews,
        })
    }
}

/// Orders paths: fewer hops first, then the stronger weakest hop, then by
/// entity ids so that the order is deterministic.
pub fn rank(graph: &TieGraph, paths: &mut [Path]) {
    paths.sort_by_cached_key(|path| {
        (
            path.len(),
            std::cmp::Reverse(path.weakest_sources(graph)),
            path.nodes
                .iter()
                .map(|&n| graph.node(n).id.clone())
                .collect::<Vec<_>>(),
        )
    });
}

/// Finds paths between two entities under `query`, within `view` if given,
/// with the query's review rule judged against `reviews` (pass
/// `&Reviews::default()` when nothing has been reviewed). The one entry
/// point for path search: the command line, the window and the impact
/// analysis all come through here.
///
/// Time-respecting queries enumerate simple paths up to `max_hops` and keep
/// those whose dates can be ordered (see [`time`]); the others use
/// bidirectional BFS ([`shortest`]), the shortest-path DAG
/// ([`all_shortest`]) or Yen's algorithm ([`yen`]).
///
/// ```
/// use tiegraph::query::{find_paths, PathMode, PathQuery, resolve};
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let from = resolve(&graph, "Vladimir Kasatonov").unwrap();
/// let to = resolve(&graph, "Min Aung Hlaing").unwrap();
/// let reviews = tiegraph::review::Reviews::default();
/// let found = find_paths(&graph, None, &reviews, from, to, PathMode::AllShortest, &PathQuery::default()).unwrap();
/// assert!(!found.paths.is_empty());
/// ```
pub fn find_paths(
    graph: &TieGraph,
    view: Option<&View>,
    reviews: &crate::model::Reviews,
    from: NodeIndex,
    to: NodeIndex,
    mode: PathMode,
    query: &PathQuery,
) -> Result<PathResults, QueryError> {
    if let Some(view) = view {
        for endpoint in [from, to] {
            if !view.contains_node(endpoint) {
                return Err(QueryError::Hidden {
                    name: graph.node(endpoint).label.clone(),
                });
            }
        }
    }
    let hops = Hops::new(graph, view, reviews, query, &[from, to])?;
    let mut truncated = false;
    let mut paths: Vec<Path> = if query.time_respecting {
        // Iterative deepening: enumerate paths up to 1, 2, … hops and keep
        // those whose dates can be ordered, stopping as soon as the shortest
        // (or k) feasible ones are found, so a bounded enumeration of long
        // paths can never hide a short one.
        let budget = query.limit.saturating_mul(100);
        let levels: Vec<usize> = match mode {
            PathMode::AllSimple => vec![query.max_hops],
            _ => (1..=query.max_hops).collect(),
        };
        let mut feasible: Vec<Path> = Vec::new();
        for level in levels {
            let found = simple_paths::simple_paths(&hops, from, to, level, budget);
            truncated = found.truncated;
            feasible = found
                .paths
                .into_iter()
                .map(|nodes| hops.path(nodes))
                .filter(|path| time::is_time_respecting(graph, path))
                .collect();
            let enough = match mode {
                PathMode::AllShortest => !feasible.is_empty(),
                PathMode::KShortest(k) => feasible.len() >= k,
                PathMode::AllSimple => true,
            };
            if enough {
                break;
            }
        }
        rank(graph, &mut feasible);
        match mode {
            PathMode::AllShortest => {
                let shortest = feasible.first().map_or(0, Path::len);
                feasible.retain(|path| path.len() == shortest);
            }
            PathMode::KShortest(k) => feasible.truncate(k),
            PathMode::AllSimple => {}
        }
        feasible
    } else {
        let sequences = match mode {
            PathMode::AllShortest => {
                let found =
                    all_shortest::all_shortest_paths(&hops, from, to, query.max_hops, query.limit);
                truncated = found.truncated;
                found.paths
            }
            PathMode::KShortest(k) => yen::k_shortest_paths(&hops, from, to, k, query.max_hops),
            PathMode::AllSimple => {
                let found =
                    simple_paths::simple_paths(&hops, from, to, query.max_hops, query.limit);
                truncated = found.truncated;
                found.paths
            }
        };
        sequences
            .into_iter()
            .map(|nodes| hops.path(nodes))
            .collect()
    };
    if paths.len() > query.limit {
        paths.truncate(query.limit);
        truncated = true;
    }
    rank(graph, &mut paths);
    Ok(PathResults {
        from,
        to,
        paths,
        truncated,
    })
}

/// What the query's review rule leaves out of a search, in words, so that an
/// empty answer says why: `None` when the rule lets every claim through.
pub fn review_rule_effect(
    graph: &TieGraph,
    view: Option<&View>,
    reviews: &crate::model::Reviews,
    rule: super::ReviewRule,
) -> Option<String> {
    use crate::model::ReviewStatus;
    if rule == super::ReviewRule::Any {
        return None;
    }
    let (mut total, mut confirmed, mut rejected) = (0usize, 0usize, 0usize);
    for edge in graph.graph().edge_indices() {
        if view.is_some_and(|view| !view.contains_edge(edge)) {
            continue;
        }
        total += 1;
        match reviews.status(&graph.claim(edge).id) {
            ReviewStatus::Confirmed => confirmed += 1,
            ReviewStatus::Rejected => rejected += 1,
            _ => {}
        }
    }
    let claims = |n: usize| format!("{n} claim{}", if n == 1 { "" } else { "s" });
    Some(match rule {
        super::ReviewRule::ConfirmedOnly if confirmed == 0 => format!(
            "Hops may use confirmed claims only, and none of the {} in view is confirmed yet.",
            claims(total)
        ),
        super::ReviewRule::ConfirmedOnly => format!(
            "Hops may use confirmed claims only: {} of {}.",
            confirmed,
            claims(total)
        ),
        _ => format!(
            "Hops may not use rejected claims: {} of {} left out.",
            rejected,
            claims(total)
        ),
    })
}

/// A single shortest path, fast: bidirectional BFS with no enumeration.
/// This is what the benchmarks measure.
pub fn shortest_path(
    graph: &TieGraph,
    view: Option<&View>,
    reviews: &crate::model::Reviews,
    from: NodeIndex,
    to: NodeIndex,
    query: &PathQuery,
) -> Result<Option<Path>, QueryError> {
    let hops = Hops::new(graph, view, reviews, query, &[from, to])?;
    Ok(shortest::shortest_path(
        &hops,
        from,
        to,
        &shortest::Blocked::default(),
        query.max_hops,
    )
    .map(|nodes| hops.path(nodes)))
}
