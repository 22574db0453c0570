//! Filter → [`View`]: which nodes and claims are visible.
//!
//! A [`Filter`] is plain data (serde), so a saved view reproduces exactly.
//! Applying it never copies the graph: a [`View`] is two bitsets over the
//! graph's node and edge indices.
//!
//! The parts compose as follows:
//! 1. a node passes if its kind is chosen, its name or an alias contains the
//!    text (if any), and its own date (visits, events…) may fall in the window;
//! 2. a claim passes if its relation is chosen, its date may fall in the
//!    window (undated claims pass unless `drop_undated`), at least one of its
//!    evidence items comes from a chosen document or publisher (if any are
//!    chosen), it has at least `min_sources` independent sources, and both
//!    ends pass;
//! 3. with focus entities, only what lies within `hops` passing claims of
//!    them stays (the focus entities themselves always stay);
//! 4. `hide_isolated` then drops nodes left without a visible claim.

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::QueryError;
use crate::graph::{TieGraph, View};
use crate::model::{NodeKind, PartialDate, Relation};
use crate::text::fold;

/// What to show. Empty lists mean "no restriction".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filter {
    pub node_kinds: Vec<NodeKind>,
    pub relations: Vec<Relation>,
    /// Start of the date window (inclusive, partial dates allowed).
    pub from: Option<PartialDate>,
    /// End of the date window (inclusive).
    pub to: Option<PartialDate>,
    /// Hide claims without a date when a window is set.
    pub drop_undated: bool,
    /// Document ids: keep only claims that these documents back.
    pub documents: Vec<String>,
    /// Publishers: keep only claims that these publishers back.
    pub publishers: Vec<String>,
    /// Minimum independent sources (distinct publishers) per claim.
    pub min_sources: usize,
    /// Case- and diacritic-insensitive text to find in names and aliases.
    pub text: Option<String>,
    /// Entities (id, name or alias) whose neighbourhood to show.
    pub focus: Vec<String>,
    /// Radius of the neighbourhood around `focus`, in claims.
    pub hops: usize,
    pub hide_isolated: bool,
    /// Review status a claim needs (with [`Filter::apply_reviewed`]).
    pub review: super::ReviewRule,
    /// What kind of evidence counts (modality, grades): a claim needs one
    /// item that passes.
    pub evidence: super::EvidenceRule,
}

impl Filter {
    /// Whether the filter restricts nothing.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Applies the filter.
    ///
    /// Errors: a focus entity, document or publisher that the dataset does
    /// not have (with suggestions), or a window whose end precedes its start.
    ///
    /// Complexity: O(V + E) plus the neighbourhood search, itself O(V + E).
    ///
    /// ```
    /// use tiegraph::query::Filter;
    /// use tiegraph::model::Relation;
    /// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
    /// let filter = Filter { relations: vec![Relation::DOCKED_AT], hide_isolated: true, ..Filter::default() };
    /// let view = filter.apply(&graph).unwrap();
    /// assert!(view.edges().all(|e| graph.claim(e).relation == Relation::DOCKED_AT));
    /// ```
    pub fn apply(&self, graph: &TieGraph) -> Result<View, QueryError> {
        self.apply_reviewed(graph, None)
    }

    /// [`Filter::apply`], with the review rule judged against `reviews`
    /// (no reviews: every claim counts as unreviewed).
    pub fn apply_reviewed(
        &self,
        graph: &TieGraph,
        reviews: Option<&crate::model::Reviews>,
    ) -> Result<View, QueryError> {
        let data = graph.dataset();
        if let (Some(from), Some(to)) = (&self.from, &self.to)
            && to.last_day() < from.first_day()
        {
            return Err(QueryError::ReversedWindow {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        for document in &self.documents {
            if data.document(document).is_none() {
                return Err(QueryError::UnknownDocument {
                    id: document.clone(),
                    known: data.documents.iter().map(|d| d.id.clone()).collect(),
                });
            }
        }
        let publishers: Vec<String> = self.publishers.iter().map(|p| fold(p)).collect();
        for (publisher, folded) in self.publishers.iter().zip(&publishers) {
            if !data.documents.iter().any(|d| fold(&d.publisher) == *folded) {
                let mut known: Vec<String> =
                    data.documents.iter().map(|d| d.publisher.clone()).collect();
                known.sort();
                known.dedup();
                return Err(QueryError::UnknownPublisher {
                    name: publisher.clone(),
                    known,
                });
            }
        }
        let focus = self
            .focus
            .iter()
            .map(|name| super::resolve(graph, name))
            .collect::<Result<Vec<_>, _>>()?;

        // Which documents count as "chosen sources", by document position.
        let source_filter = !self.documents.is_empty() || !self.publishers.is_empty();
        let chosen_document = |id: &str| {
            self.documents.iter().any(|d| d == id)
                || data
                    .document(id)
                    .is_some_and(|d| publishers.contains(&fold(&d.publisher)))
        };
        let chosen: Vec<bool> = data
            .documents
            .iter()
            .map(|d| chosen_document(&d.id))
            .collect();

        let text = self.text.as_deref().map(fold).filter(|t| !t.is_empty());
        let window = self.from.is_some() || self.to.is_some();

        let mut view = View::empty(graph);
        for index in graph.graph().node_indices() {
            let node = graph.node(index);
            let kind_ok = self.node_kinds.is_empty() || self.node_kinds.contains(&node.kind);
            let text_ok = text.as_ref().is_none_or(|text| {
                std::iter::once(&node.label)
                    .chain(&node.aliases)
                    .chain(std::iter::once(&node.id))
                    .any(|name| fold(name).contains(text.as_str()))
            });
            let date_ok = !window
                || node
                    .date
                    .as_ref()
                    .is_none_or(|d| d.overlaps(self.from.as_ref(), self.to.as_ref()));
            if (kind_ok && text_ok && date_ok) || focus.contains(&index) {
                view.insert_node(index);
            }
        }
        // Map document id → position once, so each claim costs O(evidence).
        let positions: std::collections::HashMap<&str, usize> = data
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        for index in graph.graph().edge_indices() {
            let claim = graph.claim(index);
            let Some((a, b)) = graph.graph().edge_endpoints(index) else {
                continue;
            };
            if !(view.contains_node(a) && view.contains_node(b)) {
                continue;
            }
            if !self.relations.is_empty() && !self.relations.contains(&claim.relation) {
                continue;
            }
            if window {
                let ok = match &claim.date {
                    Some(date) => date.overlaps(self.from.as_ref(), self.to.as_ref()),
                    None => !self.drop_undated,
                };
                if !ok {
                    continue;
                }
            }
            if source_filter
                && !claim.evidence.iter().any(|e| {
                    positions
                        .get(e.document.as_str())
                        .is_some_and(|&i| chosen[i])
                })
            {
                continue;
            }
            if graph.sources(index) < self.min_sources {
                continue;
            }
            if !self.evidence.admits(graph, reviews, claim) {
                continue;
            }
            if self.review != super::ReviewRule::Any {
                let status = reviews.map(|r| r.status(&claim.id)).unwrap_or_default();
                if !self.review.admits(status) {
                    continue;
                }
            }
            view.insert_edge(index);
        }

        if !focus.is_empty() {
            view = neighbourhood(graph, &view, &focus, self.hops);
        }
        if self.hide_isolated {
            view.drop_isolated(graph, &focus);
        }
        Ok(view)
    }
}

/// The part of `within` reachable from `focus` in at most `hops` visible
/// claims, ignoring direction. Breadth-first: O(V + E).
pub fn neighbourhood(graph: &TieGraph, within: &View, focus: &[NodeIndex], hops: usize) -> View {
    let mut view = View::empty(graph);
    let mut frontier: Vec<NodeIndex> = Vec::new();
    for &index in focus {
        if !view.contains_node(index) {
            view.insert_node(index);
            frontier.push(index);
        }
    }
    for _ in 0..hops {
        let mut next = Vec::new();
        for &node in &frontier {
            for &(neighbour, edge) in graph.neighbours(node) {
                if within.contains_edge(edge) && !view.contains_node(neighbour) {
                    view.insert_node(neighbour);
                    next.push(neighbour);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    for edge in within.edges() {
        if let Some((a, b)) = graph.graph().edge_endpoints(edge)
            && view.contains_node(a)
            && view.contains_node(b)
        {
            view.insert_edge(edge);
        }
    }
    view
}
