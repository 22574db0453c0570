//! Importing FollowTheMoney entities (JSON lines, as OCCRP Aleph and
//! OpenSanctions publish them): documents (Document, Article, PlainText, …)
//! become documents with their `bodyText`; relationship schemata
//! (Membership, Directorship, Ownership, Associate, Family, UnknownLink, …)
//! become claims; every other known schema becomes an entity whose kind is
//! the schema (`PublicBody` → `public_body`). The kinds and relations found
//! are the dataset's vocabulary.
//!
//! Evidence is never invented. A relationship's `description` values that
//! its `proof` documents' text contains are quotes, located as for CSV;
//! a relationship with none is kept with a *record* (its dataset, record
//! id and source URL), counted and shown as unverified. Entities tiegraph
//! exported carry its own account in `indexText`, so they read back as
//! they were, every quote checked against its document.
//!
//! Real dumps hold what tiegraph does not draw (sanctions, identifications,
//! addresses referred to but not included): those are left out with one
//! warning per kind of omission, never an error. A line that is not an FtM
//! entity is an error located at its line and column, and all of them are
//! reported in one run. The file is read as a stream, a line at a time, so
//! its size is not limited; what is dropped is dropped as it passes.
//!
//! One job per file: `lines` (reading, merging fragments), `entities`
//! (documents and entities), `claims` (relationships), `evidence` (quotes
//! and records).

mod claims;
mod entities;
mod evidence;
mod lines;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::{LoadError, Loaded};
use crate::format::ftm::{DocumentMeta, NodeMeta, read_meta, schema};
use crate::model::{
    Dataset, Document, NodeKind, Shape, Vocabulary, complete_kind, complete_relation, parse_colour,
};

/// Loads an FtM JSON-lines file, read a line at a time.
pub fn load_ftm(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source: source.into(),
    })?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    load_ftm_reader(&shown, &name, std::io::BufReader::new(file))
}

/// Whether a file's first line looks like an FtM entity (`id` and
/// `schema`), to tell FtM JSON lines from tiegraph's JSON export. `prefix`
/// may be the start of a line too long to hold whole.
pub fn looks_like_ftm(prefix: &str) -> bool {
    let line = prefix.trim_start_matches('\u{feff}').trim();
    let complete = serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .is_some_and(|o| o.contains_key("schema") && o.contains_key("id"));
    // A cut line (a document with a long text): its keys show it.
    complete
        || (line.starts_with('{')
            && !prefix.contains('\n')
            && line.contains("\"schema\"")
            && line.contains("\"id\""))
}

/// Collects diagnostics, and counts of what is left out by kind.
struct Reporter {
    file: String,
    list: Vec<Diagnostic>,
    omitted: BTreeMap<String, usize>,
}

impl Reporter {
    fn at(
        &mut self,
        (line, column): (usize, usize),
        kind: DiagnosticKind,
        field: &str,
        message: String,
    ) {
        self.list.push(Diagnostic {
            kind,
            file: self.file.clone(),
            line,
            column,
            span: 0..0,
            field: field.to_string(),
            message,
            expected: None,
            found: None,
            help: None,
        });
    }

    /// Counts one thing left out.
    fn omit(&mut self, what: String) {
        self.omit_many(what, 1);
    }

    fn omit_many(&mut self, what: String, count: usize) {
        *self.omitted.entry(what).or_default() += count;
    }
}

/// `id`, or `id-2`, `id-3`… if it is taken.
fn unique(taken: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// Loads FtM JSON lines from text; `file` names it in diagnostics and
/// `name` becomes the dataset's name. The fuzz target calls it directly.
pub fn load_ftm_text(file: &str, name: &str, text: &str) -> Result<Loaded, LoadError> {
    load_ftm_reader(file, name, text.as_bytes())
}

/// Loads FtM JSON lines from any reader, a line at a time.
pub fn load_ftm_reader(file: &str, name: &str, input: impl BufRead) -> Result<Loaded, LoadError> {
    let mut r = Reporter {
        file: file.to_string(),
        list: Vec::new(),
        omitted: BTreeMap::new(),
    };
    let entities = lines::read_lines(&mut r, input);

    // Documents and entities first: relationships refer to them.
    let mut documents: Vec<Document> = Vec::new();
    let mut document_by_ftm: HashMap<String, usize> = HashMap::new();
    let mut document_ids: HashSet<String> = HashSet::new();
    let mut nodes = Vec::new();
    let mut node_by_ftm: HashMap<String, usize> = HashMap::new();
    let mut node_ids: HashSet<String> = HashSet::new();
    let mut kinds: Vec<(NodeKind, Option<NodeMeta>, &'static str)> = Vec::new();
    let mut edges = Vec::new();
    for read in &entities {
        let entity = &read.entity;
        let Some(schema) = schema(&entity.schema) else {
            continue;
        };
        let node_meta: Option<NodeMeta> = read_meta(entity);
        if schema.edge.is_some() {
            edges.push((read, schema));
        } else if schema.is_document() && node_meta.is_none() {
            let meta: Option<DocumentMeta> = read_meta(entity);
            let id = unique(
                &mut document_ids,
                entities::document_id(entity, meta.as_ref()),
            );
            document_by_ftm.insert(entity.id.clone(), documents.len());
            documents.push(entities::document_of(entity, meta.as_ref(), id));
        } else {
            let id = unique(&mut node_ids, entities::node_id(entity, node_meta.as_ref()));
            let node = entities::node_of(&mut r, entity, (schema, node_meta.as_ref()), id);
            if !kinds.iter().any(|(k, _, _)| *k == node.kind) {
                kinds.push((node.kind, node_meta, schema.name));
            }
            node_by_ftm.insert(entity.id.clone(), nodes.len());
            nodes.push(node);
        }
    }

    let mut documents = evidence::Documents::new(documents, document_by_ftm, document_ids);
    let mut claims = claims::Claims::new();
    for edge in edges {
        claims.add(&mut r, edge, (&nodes, &node_by_ftm), (&mut documents, name));
    }

    let omitted = std::mem::take(&mut r.omitted);
    for (what, count) in omitted {
        r.at(
            (1, 1),
            DiagnosticKind::NotImported,
            "",
            format!("left out: {what}: {count}"),
        );
    }
    if claims.unverified > 0 {
        r.at(
            (1, 1),
            DiagnosticKind::UnverifiedEvidence,
            "",
            format!(
                "relationships with no quote their documents contain: {}; each is kept with its record (dataset, record id, source URL) and shown as unverified",
                claims.unverified
            ),
        );
    }
    for shared in super::shared_names(&nodes) {
        r.at(
            (1, 1),
            DiagnosticKind::SharedName,
            "name",
            shared.message(&nodes),
        );
    }

    let vocabulary = Vocabulary {
        kinds: kinds
            .into_iter()
            .map(|(kind, meta, schema)| match meta {
                Some(meta) => complete_kind(
                    kind,
                    (!meta.kind_meaning.is_empty()).then_some(meta.kind_meaning),
                    meta.shape.as_deref().and_then(Shape::parse),
                    meta.colour.as_deref().and_then(parse_colour),
                ),
                None => complete_kind(kind, Some(format!("FollowTheMoney {schema}")), None, None),
            })
            .collect(),
        relations: std::mem::take(&mut claims.relations)
            .into_iter()
            .map(|(relation, meta, schema)| match meta {
                Some(meta) => complete_relation(
                    relation,
                    (!meta.relation_meaning.is_empty()).then_some(meta.relation_meaning),
                    Some(meta.mutual),
                ),
                None => complete_relation(
                    relation,
                    Some(format!("FollowTheMoney {schema}")),
                    Some(!schema_is_directed(schema)),
                ),
            })
            .collect(),
        declared_kinds: true,
        declared_relations: true,
    };
    // Only documents that some claim cites, as in every tiegraph dataset.
    let cited: HashSet<&str> = claims
        .list
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.document.as_str()))
        .collect();
    let documents: Vec<Document> = documents
        .list
        .into_iter()
        .filter(|d| cited.contains(d.id.as_str()))
        .collect();
    if r.list.iter().any(|d| d.is_error()) {
        r.list.sort_by_key(|d| (d.line, d.column));
        return Err(LoadError::Invalid {
            diagnostics: r.list,
        });
    }
    Ok(Loaded {
        dataset: Dataset {
            name: name.to_string(),
            description: Some(format!("Imported from FollowTheMoney entities in {name}")),
            vocabulary,
            documents,
            nodes,
            claims: claims.list,
            conflicts: claims.conflicts,
        },
        warnings: r.list,
        resolved: None,
    })
}

/// Whether FtM reads the schema's ends in one direction (Associate, Family
/// and UnknownLink are not).
fn schema_is_directed(schema: &str) -> bool {
    !matches!(schema, "Associate" | "Family" | "UnknownLink")
}
