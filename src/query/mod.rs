//! Questions asked of the graph: which part to show ([`Filter`] → [`View`]),
//! and who links X to Y, through what, on whose word and when (paths).
//!
//! Paths are laid out like petgraph's `algo/`: what every algorithm shares
//! has its own file ([`hops`], the constrained graph; [`path`], the result;
//! [`walk`], the breadth-first distances and the depth-first walk), then one
//! algorithm per file, each using only those (and [`yen`] its spur search
//! in [`shortest`]): [`shortest`] (bidirectional BFS), [`all_shortest`],
//! [`yen`] (k shortest simple paths), [`simple_paths`] (bounded
//! enumeration), [`connect`](mod@connect) (connecting subgraph), [`time`]
//! (time-respecting check). [`paths`] holds the query type, the ranking and
//! the one entry point, [`find_paths`]; [`explain`] turns results into
//! evidence; [`filter`] makes views, [`search`] finds names, [`saved`]
//! reads and writes saved filters.

pub mod all_shortest;
pub mod connect;
pub mod evidence_rule;
pub mod explain;
pub mod filter;
pub mod hops;
pub mod path;
pub mod paths;
pub mod saved;
pub mod search;
pub mod shortest;
pub mod simple_paths;
pub mod time;
pub mod walk;
pub mod yen;

use petgraph::stable_graph::NodeIndex;

pub use crate::format::dataset_hash;
pub use crate::graph::View;
pub use connect::{Connection, connect};
pub use evidence_rule::EvidenceRule;
pub use explain::{PathExplanation, explain_path};
pub use filter::{Filter, neighbourhood};
pub use hops::Hops;
pub use path::{Path, view_of_paths};
pub use paths::{PathMode, PathQuery, PathResults, find_paths, review_rule_effect};
pub use saved::{SavedFilter, SavedFilterError};

use crate::graph::TieGraph;
use crate::model::ReviewStatus;

/// Which claims review status lets through, as a filter or a path constraint.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewRule {
    /// Every claim, whatever its review.
    #[default]
    Any,
    /// Every claim but the rejected ones.
    ExcludeRejected,
    /// Only claims a reviewer confirmed.
    ConfirmedOnly,
}

impl ReviewRule {
    pub fn admits(self, status: ReviewStatus) -> bool {
        match self {
            ReviewRule::Any => true,
            ReviewRule::ExcludeRejected => status != ReviewStatus::Rejected,
            ReviewRule::ConfirmedOnly => status == ReviewStatus::Confirmed,
        }
    }
}

/// Why a query could not be answered. Every variant says what the user can
/// do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("no entity is called {name:?}{}", suggest(.suggestions))]
    UnknownEntity {
        name: String,
        suggestions: Vec<String>,
    },
    #[error(
        "{} entities are called {name:?}; give one's id:\n{}",
        .candidates.len(),
        .candidates.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n")
    )]
    AmbiguousEntity {
        name: String,
        /// One line per entity: id, kind and what tells it apart.
        candidates: Vec<String>,
    },
    #[error(
        "unknown {what} `{word}`: not in the dataset's vocabulary{}; its {what}s: {}",
        suggest(.suggestion.as_slice()),
        .known.join(", ")
    )]
    UnknownWord {
        /// "node kind" or "relation".
        what: &'static str,
        word: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    #[error("no document has the id {id:?}; documents: {}", .known.join(", "))]
    UnknownDocument { id: String, known: Vec<String> },
    #[error("no document has the publisher {name:?}; publishers: {}", .known.join(", "))]
    UnknownPublisher { name: String, known: Vec<String> },
    #[error("the date window ends ({to}) before it starts ({from})")]
    ReversedWindow { from: String, to: String },
    #[error("{name:?} is hidden by the current filter")]
    Hidden { name: String },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", or "))
    }
}

/// The node kind spelled `text` in the dataset's vocabulary.
pub fn find_kind(graph: &TieGraph, text: &str) -> Result<crate::model::NodeKind, QueryError> {
    let vocabulary = &graph.dataset().vocabulary;
    vocabulary
        .find_kind(text.trim())
        .ok_or_else(|| unknown_word("node kind", text, vocabulary.kind_names()))
}

/// The relation spelled `text` in the dataset's vocabulary.
pub fn find_relation(graph: &TieGraph, text: &str) -> Result<crate::model::Relation, QueryError> {
    let vocabulary = &graph.dataset().vocabulary;
    vocabulary
        .find_relation(text.trim())
        .ok_or_else(|| unknown_word("relation", text, vocabulary.relation_names()))
}

fn unknown_word(what: &'static str, text: &str, known: Vec<&str>) -> QueryError {
    let suggestion =
        crate::text::did_you_mean(text, known.iter().copied()).map(|word| format!("`{word}`"));
    QueryError::UnknownWord {
        what,
        word: text.to_string(),
        suggestion,
        known: known.into_iter().map(str::to_string).collect(),
    }
}

/// Finds an entity by id, name or alias; a miss suggests close names, and
/// a name several entities share lists them (an exact id always wins).
pub fn resolve(graph: &TieGraph, name: &str) -> Result<NodeIndex, QueryError> {
    match graph.find_all(name).as_slice() {
        [one] => Ok(*one),
        [] => Err(QueryError::UnknownEntity {
            name: name.to_string(),
            suggestions: graph.suggest(name, 3),
        }),
        several => Err(QueryError::AmbiguousEntity {
            name: name.to_string(),
            candidates: several
                .iter()
                .map(|&node| describe_candidate(graph, node))
                .collect(),
        }),
    }
}

/// One entity among homonyms: `id (kind: label; what tells it apart)`,
/// where what tells it apart is its date, first attribute, another alias
/// or its note, whichever it has first.
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let basov = graph.find("Alexander Basov").unwrap();
/// assert!(tiegraph::query::describe_candidate(&graph, basov).starts_with("alexander-basov (person: Alexander Basov"));
/// ```
pub fn describe_candidate(graph: &TieGraph, node: NodeIndex) -> String {
    let entity = graph.node(node);
    let hint = entity
        .date
        .as_ref()
        .map(|date| date.to_string())
        .or_else(|| {
            entity
                .attributes
                .iter()
                .next()
                .map(|(key, value)| format!("{key}: {value}"))
        })
        .or_else(|| {
            entity
                .aliases
                .iter()
                .find(|alias| **alias != entity.label)
                .map(|alias| format!("also {alias}"))
        })
        .or_else(|| {
            entity
                .note
                .as_ref()
                .map(|note| crate::text::shorten(note, 60))
        });
    match hint {
        Some(hint) => format!("{} ({}: {}; {hint})", entity.id, entity.kind, entity.label),
        None => format!("{} ({}: {})", entity.id, entity.kind, entity.label),
    }
}
