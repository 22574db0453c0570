//! Every result explains itself: for each hop, the relation and its
//! direction, the date, and every evidence quote with its document title and
//! publisher.

use std::fmt;

use serde::Serialize;

use super::path::Path;
use crate::graph::TieGraph;
use crate::model::Claim;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityRef {
    pub id: String,
    pub label: String,
    pub kind: String,
    /// The label, with the id when another entity shares it (for text).
    #[serde(skip)]
    pub display: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceExplanation {
    pub document: String,
    pub title: String,
    pub publisher: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The document's own text.
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub according_to: Option<String>,
    /// For evidence with no text to check: the record it comes from
    /// (`quote` then says what the record is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<crate::model::EvidenceRecord>,
    /// What kind of statement the passage is.
    pub modality: crate::model::Modality,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credibility: Option<crate::model::Credibility>,
    /// The document's reliability.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<crate::model::Reliability>,
}

impl EvidenceExplanation {
    /// The quote on one line between `open` and `close` (`"` or `“` `”`),
    /// then, unless it is plainly stated, what kind of statement it is and
    /// its grades ("[opinion of Bertil Lintner]"); a record, which is not a
    /// quote, as "unverified [record …]".
    pub fn shown(&self, (open, close): (&str, &str)) -> String {
        let mut shown = if self.record.is_some() {
            format!("unverified {}", one_line(&self.quote))
        } else {
            format!("{open}{}{close}", one_line(&self.quote))
        };
        if let Some(words) = self.in_words() {
            shown.push_str(&format!(" [{words}]"));
        }
        shown
    }

    /// What kind of statement the passage is and how it is graded, in
    /// words; `None` for a plainly stated, ungraded passage.
    pub fn in_words(&self) -> Option<String> {
        use crate::model::Modality;
        let who = self.according_to.as_deref();
        let mut words = match (self.modality, who) {
            (Modality::Stated, _) => String::new(),
            (Modality::Reported, Some(who)) => format!("reported, according to {who}"),
            (Modality::Reported, None) => "reported".into(),
            (Modality::Opinion, Some(who)) => format!("opinion of {who}"),
            (Modality::Opinion, None) => "opinion".into(),
            (Modality::Plan, _) => "plan, not done".into(),
            (Modality::Discussed, _) => "discussed, not established".into(),
            (Modality::Uncertain, _) => "uncertain: the text hedges it".into(),
            (Modality::Denied, _) => "denied".into(),
        };
        let mut grades = Vec::new();
        if let Some(r) = self.reliability {
            grades.push(format!("reliability {r} ({})", r.meaning()));
        }
        if let Some(c) = self.credibility {
            grades.push(format!("credibility {c} ({})", c.meaning()));
        }
        if !grades.is_empty() {
            if !words.is_empty() {
                words.push_str("; ");
            }
            words.push_str(&grades.join(", "));
        }
        (!words.is_empty()).then_some(words)
    }
}

impl ClaimExplanation {
    /// How strong the claim is, derived, never stored: the strongest kind
    /// of statement among its passages, their best grades, and its
    /// independent sources ("reported; reliability B; 2 independent
    /// sources").
    pub fn strength(&self) -> String {
        let best = self.evidence.iter().min_by_key(|e| e.modality.weakness());
        let mut parts = vec![match best {
            Some(e) => match e.modality {
                crate::model::Modality::Stated => "stated".to_string(),
                other => format!("at best {other}"),
            },
            None => "no evidence".to_string(),
        }];
        if let Some(r) = self.evidence.iter().filter_map(|e| e.reliability).min() {
            parts.push(format!("reliability {r}"));
        }
        if let Some(c) = self.evidence.iter().filter_map(|e| e.credibility).min() {
            parts.push(format!("credibility {c}"));
        }
        parts.push(format!(
            "{} independent source{}",
            self.sources,
            if self.sources == 1 { "" } else { "s" }
        ));
        parts.join("; ")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimExplanation {
    pub id: String,
    pub relation: String,
    /// "forward" when the claim reads from this hop's start to its end.
    pub direction: &'static str,
    /// The claim as a sentence: "A —relation→ B".
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub date_inferred: bool,
    pub date_approximate: bool,
    pub sources: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub evidence: Vec<EvidenceExplanation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HopExplanation {
    pub from: EntityRef,
    pub to: EntityRef,
    pub claims: Vec<ClaimExplanation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathExplanation {
    pub length: usize,
    pub weakest_sources: usize,
    pub entities: Vec<EntityRef>,
    pub hops: Vec<HopExplanation>,
}

fn entity(graph: &TieGraph, index: petgraph::stable_graph::NodeIndex) -> EntityRef {
    let node = graph.node(index);
    EntityRef {
        id: node.id.clone(),
        label: node.label.clone(),
        kind: node.kind.to_string(),
        display: graph.display_name(index),
    }
}

fn label(graph: &TieGraph, id: &str) -> String {
    graph
        .node_index(id)
        .map_or_else(|| id.to_string(), |index| graph.display_name(index))
}

/// Explains one claim, read from the hop start `from_id`.
pub fn explain_claim(graph: &TieGraph, claim: &Claim, from_id: &str) -> ClaimExplanation {
    let data = graph.dataset();
    let sources = graph.claim_index(&claim.id).map_or(0, |e| graph.sources(e));
    ClaimExplanation {
        id: claim.id.clone(),
        relation: claim.relation.to_string(),
        direction: if claim.from == from_id {
            "forward"
        } else {
            "backward"
        },
        statement: format!(
            "{} —{}→ {}",
            label(graph, &claim.from),
            claim.relation,
            label(graph, &claim.to)
        ),
        date: claim.date.as_ref().map(ToString::to_string),
        date_inferred: claim.date.as_ref().is_some_and(|d| d.inferred),
        date_approximate: claim.date.as_ref().is_some_and(|d| d.approximate),
        sources,
        conflict: claim.conflict.clone(),
        note: claim.note.clone(),
        evidence: claim
            .evidence
            .iter()
            .map(|evidence| {
                let document = graph.document(&evidence.document);
                EvidenceExplanation {
                    document: evidence.document.to_string(),
                    title: document.map_or_else(String::new, |d| d.title.clone()),
                    publisher: document.map_or_else(|| "unknown".into(), |d| d.publisher.clone()),
                    published: document.and_then(|d| d.published.as_ref().map(ToString::to_string)),
                    quote: data
                        .evidence_text(evidence)
                        .unwrap_or(&evidence.quote)
                        .to_string(),
                    according_to: evidence.according_to.clone(),
                    record: evidence.record.as_deref().cloned(),
                    modality: evidence.modality,
                    credibility: evidence.credibility,
                    reliability: document.and_then(|d| d.reliability),
                }
            })
            .collect(),
    }
}

/// Explains a path hop by hop.
pub fn explain_path(graph: &TieGraph, path: &Path) -> PathExplanation {
    let hops = path
        .nodes
        .windows(2)
        .zip(&path.hops)
        .map(|(pair, claims)| {
            let from = entity(graph, pair[0]);
            HopExplanation {
                claims: claims
                    .iter()
                    .map(|&edge| explain_claim(graph, graph.claim(edge), &from.id))
                    .collect(),
                to: entity(graph, pair[1]),
                from,
            }
        })
        .collect();
    PathExplanation {
        length: path.len(),
        weakest_sources: path.weakest_sources(graph),
        entities: path.nodes.iter().map(|&n| entity(graph, n)).collect(),
        hops,
    }
}

/// Collapses runs of whitespace, so quotes print on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for PathExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.entities.iter().map(|e| e.display.as_str()).collect();
        writeln!(
            f,
            "{} ({} hop{}, weakest hop: {} source{})",
            names.join(" — "),
            self.length,
            if self.length == 1 { "" } else { "s" },
            self.weakest_sources,
            if self.weakest_sources == 1 { "" } else { "s" },
        )?;
        for (index, hop) in self.hops.iter().enumerate() {
            writeln!(
                f,
                "  hop {}: {} → {}",
                index + 1,
                hop.from.display,
                hop.to.display
            )?;
            for claim in &hop.claims {
                write!(f, "    {}", claim.statement)?;
                if let Some(date) = &claim.date {
                    let mut flags = Vec::new();
                    if claim.date_inferred {
                        flags.push("year inferred");
                    }
                    if claim.date_approximate {
                        flags.push("approximate");
                    }
                    if flags.is_empty() {
                        write!(f, " [{date}]")?;
                    } else {
                        write!(f, " [{date}, {}]", flags.join(", "))?;
                    }
                }
                writeln!(
                    f,
                    " ({} source{})",
                    claim.sources,
                    if claim.sources == 1 { "" } else { "s" }
                )?;
                for evidence in &claim.evidence {
                    write!(
                        f,
                        "      {} — {}, {}",
                        evidence.shown(("\"", "\"")),
                        evidence.title,
                        evidence.publisher
                    )?;
                    if let Some(published) = &evidence.published {
                        write!(f, ", {published}")?;
                    }
                    if let Some(according_to) = &evidence.according_to {
                        write!(f, "; according to {according_to}")?;
                    }
                    writeln!(f)?;
                }
                if let Some(conflict) = &claim.conflict {
                    writeln!(f, "      (disputed: see conflict {conflict})")?;
                }
            }
        }
        Ok(())
    }
}
