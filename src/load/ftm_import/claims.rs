//! Relationship entities as claims: one claim per pair of ends found in
//! the file (a relationship whose ends are missing is counted, never
//! guessed), the relation tiegraph's own or the schema's, the evidence
//! from `evidence`, ids unique.

use std::collections::{HashMap, HashSet};

use super::Reporter;
use super::entities::{attributes_of, interval_date};
use super::evidence::{Documents, foreign_evidence, own_evidence, record_evidence};
use super::lines::Read;
use crate::format::ftm::{ClaimMeta, Schema, read_meta, snake_case, tiegraph_id};
use crate::model::{Claim, Conflict, Node, Relation, valid_word};

/// What the claims of a file are made into, and what they need.
pub(super) struct Claims {
    pub(super) list: Vec<Claim>,
    pub(super) conflicts: Vec<Conflict>,
    /// Each relation, with tiegraph's account of it (if any) and its schema.
    pub(super) relations: Vec<(Relation, Option<ClaimMeta>, &'static str)>,
    /// Relationships kept with a record, for lack of a quote.
    pub(super) unverified: usize,
    ids: HashSet<String>,
}

impl Claims {
    pub(super) fn new() -> Self {
        Claims {
            list: Vec::new(),
            conflicts: Vec::new(),
            relations: Vec::new(),
            unverified: 0,
            ids: HashSet::new(),
        }
    }

    /// Reads one relationship entity into claims.
    pub(super) fn add(
        &mut self,
        r: &mut Reporter,
        (read, schema): (&Read, &'static Schema),
        (nodes, node_by_ftm): (&[Node], &HashMap<String, usize>),
        (documents, file_name): (&mut Documents, &str),
    ) {
        let entity = &read.entity;
        let Some((source, _, target, _)) = schema.edge else {
            return;
        };
        let ends = |property: &str| -> (Vec<usize>, usize) {
            let values = entity.values(property);
            let found: Vec<usize> = values
                .iter()
                .filter_map(|id| node_by_ftm.get(id).copied())
                .collect();
            let missing = values.len() - found.len();
            (found, missing)
        };
        let ((from, missing_from), (to, missing_to)) = (ends(source), ends(target));
        if from.is_empty() || to.is_empty() {
            r.omit(format!(
                "{} relationships whose ends are not in the file",
                schema.name
            ));
            return;
        }
        if missing_from + missing_to > 0 {
            r.omit(format!(
                "ends of {} relationships that are not in the file (the ends that are kept)",
                schema.name
            ));
        }
        let meta: Option<ClaimMeta> = read_meta(entity);
        let relation_text = meta
            .as_ref()
            .map(|m| m.relation.clone())
            .filter(|r| valid_word(r))
            .unwrap_or_else(|| snake_case(schema.name));
        let relation = Relation::new(&relation_text);
        if !self.relations.iter().any(|(r, _, _)| *r == relation) {
            self.relations.push((relation, meta.clone(), schema.name));
        }
        let evidence = match &meta {
            Some(meta) => match own_evidence(r, read, meta, documents) {
                Some(evidence) => evidence,
                None => return,
            },
            None => foreign_evidence(read, documents),
        };
        let evidence = if evidence.is_empty() {
            self.unverified += 1;
            vec![record_evidence(entity, file_name, documents)]
        } else {
            evidence
        };
        let date = match meta.as_ref().and_then(|m| m.date.as_ref()) {
            Some(date) => date.to_date().ok(),
            None => interval_date(r, entity),
        };
        let attributes = match &meta {
            Some(meta) => meta.attributes.clone(),
            None => attributes_of(entity),
        };
        if let Some(meta) = &meta
            && let Some(id) = &meta.conflict
            && !self.conflicts.iter().any(|c| &c.id == id)
        {
            self.conflicts.push(Conflict {
                id: id.clone(),
                description: meta.conflict_description.clone().unwrap_or_default(),
            });
        }
        let base = match &meta {
            Some(meta) => meta.id.clone(),
            None => tiegraph_id(&entity.id, 'c'),
        };
        for (&a, &b) in from.iter().flat_map(|a| to.iter().map(move |b| (a, b))) {
            let id = super::unique(&mut self.ids, base.clone());
            self.list.push(Claim {
                id,
                from: nodes[a].id.clone().into(),
                relation,
                to: nodes[b].id.clone().into(),
                date: date.clone(),
                attributes: attributes.clone(),
                note: meta.as_ref().and_then(|m| m.note.clone()),
                conflict: meta.as_ref().and_then(|m| m.conflict.clone()),
                evidence: evidence.clone(),
            });
        }
    }
}
