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

/// Finds an entity by id, name or alias; a miss suggests close names.
pub fn resolve(graph: &TieGraph, name: &str) -> Result<NodeIndex, QueryError> {
    graph.find(name).ok_or_else(|| QueryError::UnknownEntity {
        name: name.to_string(),
        suggestions: graph.suggest(name, 3),
    })
}
