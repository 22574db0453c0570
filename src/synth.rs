//! Deterministic synthetic datasets for benchmarks and scale tests.
//!
//! The same (nodes, edges, seed) always gives the same dataset, on any
//! machine, so benchmark figures are comparable between runs and peers.
//! Shape: every node kind and relation occurs; half the claims link nearby
//! nodes (local clusters, as in real networks), half link random ones
//! (short paths across); dates spread over 2000–2024; documents and
//! publishers are shared so source filters and counts behave as in real data.

use crate::model::{
    Attributes, Claim, Dataset, DateSpec, Document, Evidence, Node, NodeKind, PartialDate,
    Relation, Vocabulary,
};
use crate::rng::SplitMix64;

/// How the claims of a synthetic dataset link entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// Half the claims link entities within ±50 places of each other (a
    /// ring of local clusters), half link random ones. Short paths
    /// everywhere; little for a layout to recover.
    #[default]
    Ring,
    /// Entities sit on a hidden square grid; 90% of the claims link
    /// entities at most 3 cells apart, 10% random ones. A layout has real
    /// structure to recover, so layout quality measures mean something.
    Plane,
}

/// A synthetic dataset of `nodes` entities and `edges` claims ([`Shape::Ring`]).
///
/// ```
/// let small = tiegraph::synth::dataset(100, 400, 7);
/// assert_eq!((small.nodes.len(), small.claims.len()), (100, 400));
/// assert_eq!(small, tiegraph::synth::dataset(100, 400, 7));
/// ```
pub fn dataset(nodes: usize, edges: usize, seed: u64) -> Dataset {
    shaped(nodes, edges, seed, Shape::Ring)
}

/// A synthetic dataset of `nodes` entities and `edges` claims linked as
/// `shape` says.
///
/// ```
/// use tiegraph::synth::{Shape, shaped};
/// let plane = shaped(400, 1600, 7, Shape::Plane);
/// assert_eq!(plane.claims.len(), 1600);
/// assert_ne!(plane, shaped(400, 1600, 7, Shape::Ring));
/// ```
pub fn shaped(nodes: usize, edges: usize, seed: u64, shape: Shape) -> Dataset {
    let mut rng = SplitMix64(seed);
    let nodes = nodes.max(2);
    let document_count = (edges / 500).clamp(1, 2_000);
    const QUOTE: &str = "stated in this synthetic report";
    let documents: Vec<Document> = (0..document_count)
        .map(|i| Document {
            id: format!("doc-{i}"),
            title: format!("Synthetic report {i}"),
            title_note: None,
            publisher: if i % 7 == 0 {
                "unknown".to_string()
            } else {
                format!("Publisher {}", i % 40)
            },
            publisher_note: None,
            published: None,
            path: format!("sources/doc-{i}.txt"),
            note: None,
            reliability: None,
            text: format!("Report {i}: {QUOTE}."),
        })
        .collect();

    let vocabulary = Vocabulary::builtin();
    let kinds: Vec<NodeKind> = vocabulary.kinds.iter().map(|d| d.kind).collect();
    let entities: Vec<Node> = (0..nodes)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            Node {
                id: format!("n{i}"),
                kind,
                label: format!("{} {i}", kind.as_str()),
                aliases: if i % 5 == 0 {
                    vec![format!("alias {i}")]
                } else {
                    Vec::new()
                },
                date: None,
                attributes: Attributes::new(),
                note: None,
            }
        })
        .collect();

    let relations: Vec<Relation> = vocabulary.relations.iter().map(|d| d.relation).collect();
    let width = (nodes as f64).sqrt().ceil().max(1.0) as usize;
    let mut claims = Vec::with_capacity(edges);
    for i in 0..edges {
        let from = rng.below(nodes);
        let to = match shape {
            Shape::Ring if rng.below(2) == 0 => {
                // A neighbour within ±50 places: local structure.
                (from as i64 + rng.below(101) as i64 - 50).rem_euclid(nodes as i64) as usize
            }
            Shape::Plane if rng.below(10) != 0 => {
                // A grid neighbour at most 3 cells away in each direction.
                let (x, y) = ((from % width) as i64, (from / width) as i64);
                let dx = rng.below(7) as i64 - 3;
                let dy = rng.below(7) as i64 - 3;
                let (nx, ny) = ((x + dx).clamp(0, width as i64 - 1), (y + dy).max(0));
                let to = (ny * width as i64 + nx) as usize;
                if to < nodes { to } else { rng.below(nodes) }
            }
            _ => rng.below(nodes),
        };
        let date = if rng.below(4) == 0 {
            None
        } else {
            let year = 2000 + rng.below(25) as i32;
            let month = 1 + rng.below(12) as u8;
            Some(DateSpec {
                start: PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                },
                end: None,
                approximate: rng.below(10) == 0,
                inferred: false,
                note: None,
            })
        };
        let evidence_count = 1 + usize::from(rng.below(3) == 0);
        let evidence = (0..evidence_count)
            .map(|_| {
                let document = &documents[rng.below(document_count)];
                // The quote ends the text, before its full stop.
                let start = document.text.len() - QUOTE.len() - 1;
                Evidence {
                    document: document.id.clone().into(),
                    quote: QUOTE.into(),
                    start,
                    end: start + QUOTE.len(),
                    according_to: None,
                    relayed_from: None,
                    record: None,
                    modality: Default::default(),
                    credibility: None,
                }
            })
            .collect();
        let relation = relations[rng.below(relations.len())];
        claims.push(Claim {
            id: format!("c{i}"),
            from: format!("n{from}").into(),
            relation,
            to: format!("n{to}").into(),
            date,
            attributes: Attributes::new(),
            note: None,
            conflict: None,
            evidence,
        });
    }
    Dataset {
        name: format!("Synthetic {nodes} nodes / {edges} claims (seed {seed})"),
        description: None,
        vocabulary,
        documents,
        nodes: entities,
        claims,
        conflicts: Vec::new(),
    }
}

/// Writes a dataset as a CSV folder (`nodes.csv`, `edges.csv`,
/// `documents.csv`) that [`crate::load::load_csv_folder`] reads back, for
/// import benchmarks. Document texts are not written (the quotes are kept as
/// given).
pub fn write_csv(dataset: &Dataset, folder: &std::path::Path) -> Result<(), csv::Error> {
    std::fs::create_dir_all(folder)?;
    let mut documents = csv::Writer::from_path(folder.join("documents.csv"))?;
    documents.write_record(["id", "title", "publisher"])?;
    for document in &dataset.documents {
        documents.write_record([&document.id, &document.title, &document.publisher])?;
    }
    documents.flush()?;
    let mut nodes = csv::Writer::from_path(folder.join("nodes.csv"))?;
    nodes.write_record(["id", "kind", "label", "aliases", "sector"])?;
    for (i, node) in dataset.nodes.iter().enumerate() {
        let sector = format!("sector {}", i % 17);
        nodes.write_record([
            node.id.as_str(),
            node.kind.as_str(),
            &node.label,
            &node.aliases.join(";"),
            &sector,
        ])?;
    }
    nodes.flush()?;
    let mut edges = csv::Writer::from_path(folder.join("edges.csv"))?;
    edges.write_record([
        "id", "source", "target", "relation", "date", "document", "quote", "weight",
    ])?;
    for claim in &dataset.claims {
        let date = claim
            .date
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        for evidence in &claim.evidence {
            let weight = (claim.id.len() % 5).to_string();
            edges.write_record([
                claim.id.as_str(),
                &claim.from,
                &claim.to,
                claim.relation.as_str(),
                &date,
                &evidence.document,
                &evidence.quote,
                &weight,
            ])?;
        }
    }
    edges.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_output_loads_back() {
        let data = super::dataset(40, 120, 9);
        let folder = tempfile::tempdir().unwrap();
        super::write_csv(&data, folder.path()).unwrap();
        let loaded = crate::load::load_csv_folder(folder.path()).unwrap().dataset;
        assert_eq!(loaded.nodes.len(), 40);
        assert_eq!(loaded.claims.len(), 120);
        assert_eq!(loaded.claims[7].id, data.claims[7].id);
        assert_eq!(
            loaded.claims[7].evidence.len(),
            data.claims[7].evidence.len()
        );
    }

    #[test]
    fn evidence_ranges_hold_the_quote() {
        let data = super::dataset(50, 300, 1);
        for claim in &data.claims {
            for evidence in &claim.evidence {
                assert_eq!(data.evidence_text(evidence), Some(evidence.quote.as_str()));
            }
        }
    }
}
