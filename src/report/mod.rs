//! Briefs: what an analyst hands on. A path, an entity's neighbourhood or
//! a view told as sentences, each ending in footnotes that give the
//! verbatim passage, its document, publisher, date, byte range, review
//! status and what kind of statement it is; where sources disagree, side
//! by side; and a table of the sources. Rendered as one self-contained
//! HTML file (inline SVG drawing from tiegraph's own layout, print-ready,
//! no script, no external request) or as Markdown with footnotes. The same
//! input gives the same bytes.
//!
//! - [`Brief`] and its builders (here): what the report says;
//! - `html`, `markdown`: how it is written;
//! - `svg`: the drawing.

mod html;
mod markdown;
mod svg;

use std::collections::{BTreeMap, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

pub use html::to_html;
pub use markdown::to_markdown;

use crate::graph::{TieGraph, View};
use crate::model::{Claim, Reviews};
use crate::query::Path;
use crate::query::explain::explain_claim;

/// A sentence of the narrative and the footnotes that back it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub text: String,
    /// Footnote numbers (1-based), in the order of the claim's evidence.
    pub notes: Vec<usize>,
}

/// A part of the narrative: a path, a relation, an entity's claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub sentences: Vec<Sentence>,
}

/// One passage, as a footnote.
#[derive(Clone, Debug, PartialEq)]
pub struct Footnote {
    pub number: usize,
    /// The document's own text at the range.
    pub quote: String,
    pub document: String,
    pub title: String,
    pub publisher: String,
    pub published: Option<String>,
    pub start: usize,
    pub end: usize,
    /// The review status of the claim it backs (the first, if several).
    pub review: String,
    /// What kind of statement and how graded, in words, unless plainly
    /// stated ("opinion of Bertil Lintner").
    pub qualifier: Option<String>,
    /// A record with no text to check rather than a quote.
    pub unverified: bool,
}

/// Claims on which the sources disagree, side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictBlock {
    pub id: String,
    pub description: String,
    pub sides: Vec<Sentence>,
}

/// A document the brief cites.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRow {
    pub document: String,
    pub title: String,
    pub publisher: String,
    pub published: Option<String>,
    /// Claims of the brief it backs.
    pub claims: usize,
}

/// What a report says, before it is written as HTML or Markdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub title: String,
    pub dataset: String,
    /// The date the brief is dated (given, so that the same input gives
    /// the same bytes).
    pub date: String,
    /// What the brief covers: its entities and claims, for the drawing.
    pub view: View,
    /// Positions of the drawing (layout units), by entity.
    pub positions: Vec<(NodeIndex, [f32; 2])>,
    pub sections: Vec<Section>,
    pub footnotes: Vec<Footnote>,
    pub conflicts: Vec<ConflictBlock>,
    pub sources: Vec<SourceRow>,
    /// Claims of the brief with one independent source only.
    pub single_source: Vec<Sentence>,
    /// Said instead of a narrative when there is nothing to tell.
    pub empty: Option<String>,
}

/// Builds briefs, numbering footnotes as passages first appear.
struct Writer<'a> {
    graph: &'a TieGraph,
    reviews: &'a Reviews,
    footnotes: Vec<Footnote>,
    by_passage: HashMap<(String, usize, usize, String), usize>,
}

impl<'a> Writer<'a> {
    fn new(graph: &'a TieGraph, reviews: &'a Reviews) -> Self {
        Writer {
            graph,
            reviews,
            footnotes: Vec::new(),
            by_passage: HashMap::new(),
        }
    }

    /// A claim as a sentence with its footnotes.
    fn sentence(&mut self, edge: EdgeIndex) -> Sentence {
        let claim = self.graph.claim(edge);
        let explained = explain_claim(self.graph, claim, &claim.from);
        let name = |id: &str| {
            self.graph
                .node_index(id)
                .map_or_else(|| id.to_string(), |n| self.graph.node(n).label.clone())
        };
        let mut text = format!(
            "{} {} {}",
            name(&claim.from),
            claim.relation.as_str().replace('_', " "),
            name(&claim.to)
        );
        if let Some(date) = &explained.date {
            text.push_str(&format!(
                " ({date}{})",
                if explained.date_inferred {
                    ", year inferred"
                } else {
                    ""
                }
            ));
        }
        text.push('.');
        let notes = claim
            .evidence
            .iter()
            .zip(&explained.evidence)
            .map(|(evidence, shown)| {
                let key = (
                    evidence.document.to_string(),
                    evidence.start,
                    evidence.end,
                    shown.quote.clone(),
                );
                if let Some(&number) = self.by_passage.get(&key) {
                    return number;
                }
                let number = self.footnotes.len() + 1;
                self.footnotes.push(Footnote {
                    number,
                    quote: shown.quote.clone(),
                    document: evidence.document.to_string(),
                    title: shown.title.clone(),
                    publisher: shown.publisher.clone(),
                    published: shown.published.clone(),
                    start: evidence.start,
                    end: evidence.end,
                    review: self.reviews.status(&claim.id).to_string(),
                    qualifier: shown.in_words(),
                    unverified: evidence.record.is_some(),
                });
                self.by_passage.insert(key, number);
                number
            })
            .collect();
        Sentence { text, notes }
    }

    /// The conflicts of the claims in `edges`, every side of each (even
    /// one outside the brief, since the disagreement is the point).
    fn conflicts(&mut self, edges: &[EdgeIndex]) -> Vec<ConflictBlock> {
        let data = self.graph.dataset();
        let mut ids: Vec<&str> = edges
            .iter()
            .filter_map(|&e| self.graph.claim(e).conflict.as_deref())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| {
                let conflict = data.conflicts.iter().find(|c| c.id == id)?;
                let sides: Vec<EdgeIndex> = data
                    .conflict_claims(id)
                    .filter_map(|c: &Claim| self.graph.claim_index(&c.id))
                    .collect();
                Some(ConflictBlock {
                    id: id.to_string(),
                    description: conflict.description.clone(),
                    sides: sides.into_iter().map(|e| self.sentence(e)).collect(),
                })
            })
            .collect()
    }

    fn finish(
        mut self,
        (title, date): (String, &str),
        view: View,
        sections: Vec<Section>,
        edges: &[EdgeIndex],
    ) -> Brief {
        let conflicts = self.conflicts(edges);
        let single: Vec<EdgeIndex> = edges
            .iter()
            .copied()
            .filter(|&e| self.graph.sources(e) == 1)
            .collect();
        let single_source = single.into_iter().map(|e| self.sentence(e)).collect();
        let data = self.graph.dataset();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &edge in edges {
            let mut cited: Vec<&str> = self
                .graph
                .claim(edge)
                .evidence
                .iter()
                .map(|e| e.document.as_str())
                .collect();
            cited.sort_unstable();
            cited.dedup();
            for document in cited {
                *counts.entry(document).or_default() += 1;
            }
        }
        let sources = data
            .documents
            .iter()
            .filter_map(|d| {
                Some(SourceRow {
                    claims: *counts.get(d.id.as_str())?,
                    document: d.id.clone(),
                    title: d.title.clone(),
                    publisher: d.publisher.clone(),
                    published: d.published.as_ref().map(ToString::to_string),
                })
            })
            .collect();
        let positions = if view.node_count() == 0 {
            Vec::new()
        } else {
            let mut placed = crate::layout::lay_out_view(
                self.graph,
                &view,
                &[],
                &crate::layout::MultilevelParams::default(),
            );
            placed.sort_by_key(|(n, _)| *n);
            placed
        };
        let empty = sections
            .iter()
            .all(|s| s.sentences.is_empty())
            .then(|| "Nothing to report: the view holds no claim.".to_string());
        Brief {
            title,
            dataset: data.name.clone(),
            date: date.to_string(),
            view,
            positions,
            sections,
            footnotes: self.footnotes,
            conflicts,
            sources,
            single_source,
            empty,
        }
    }
}

/// A brief of paths between two entities, hop by hop.
pub fn path_brief(graph: &TieGraph, reviews: &Reviews, paths: &[Path], date: &str) -> Brief {
    let mut writer = Writer::new(graph, reviews);
    let mut sections = Vec::new();
    let mut edges = Vec::new();
    for (number, path) in paths.iter().enumerate() {
        let names: Vec<&str> = path
            .nodes
            .iter()
            .map(|&n| graph.node(n).label.as_str())
            .collect();
        let mut sentences = Vec::new();
        for hop in &path.hops {
            for &edge in hop {
                sentences.push(writer.sentence(edge));
                edges.push(edge);
            }
        }
        sections.push(Section {
            heading: format!("Path {}: {}", number + 1, names.join(" — ")),
            sentences,
        });
    }
    edges.sort_unstable();
    edges.dedup();
    let title = match paths.first() {
        Some(path) => {
            let (a, b) = (path.nodes[0], path.nodes[path.nodes.len() - 1]);
            format!(
                "How {} links to {}",
                graph.node(a).label,
                graph.node(b).label
            )
        }
        None => "No path".to_string(),
    };
    let view = crate::query::view_of_paths(graph, paths.iter());
    writer.finish((title, date), view, sections, &edges)
}

/// A brief of an entity and what lies within `hops` claims of it in
/// `within`, claim by claim, grouped by relation.
pub fn entity_brief(
    graph: &TieGraph,
    reviews: &Reviews,
    within: &View,
    entity: NodeIndex,
    hops: usize,
    date: &str,
) -> Brief {
    let view = crate::query::neighbourhood(graph, within, &[entity], hops);
    let title = format!(
        "{}: who and what within {hops} claim(s)",
        graph.node(entity).label
    );
    claims_brief(graph, reviews, view, title, date)
}

/// A brief of a view, claim by claim, grouped by relation.
pub fn view_brief(
    graph: &TieGraph,
    reviews: &Reviews,
    view: &View,
    title: &str,
    date: &str,
) -> Brief {
    claims_brief(graph, reviews, view.clone(), title.to_string(), date)
}

fn claims_brief(
    graph: &TieGraph,
    reviews: &Reviews,
    view: View,
    title: String,
    date: &str,
) -> Brief {
    let mut writer = Writer::new(graph, reviews);
    let mut edges: Vec<EdgeIndex> = view.edges_with_both_ends(graph).collect();
    edges.sort_by_key(|&e| graph.graph()[e]);
    let mut by_relation: BTreeMap<String, Vec<EdgeIndex>> = BTreeMap::new();
    for &edge in &edges {
        by_relation
            .entry(graph.claim(edge).relation.as_str().replace('_', " "))
            .or_default()
            .push(edge);
    }
    let sections = by_relation
        .into_iter()
        .map(|(relation, claims)| Section {
            heading: relation,
            sentences: claims.into_iter().map(|e| writer.sentence(e)).collect(),
        })
        .collect();
    writer.finish((title, date), view, sections, &edges)
}
