//! Importing tiegraph's own JSON export, so exports round-trip. Each node,
//! edge and document is parsed on its own from its place in the file, so
//! every bad item is reported, located at file:line:column, in one run.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::quote::{NormalizedText, locate, normalize_quote};
use super::{
    DocumentReadError, DocumentStore, FolderStore, LoadError, Loaded, MAX_JSON_BYTES,
    check_relative_path, read_limited,
};
use crate::format::json::{
    JsonConflict, JsonDate, JsonDocument, JsonEdge, JsonEvidence, JsonKind, JsonNode, JsonRelation,
};
use crate::model::{
    Claim, Conflict, Dataset, DateSpec, Document, Evidence, Node, NodeKind, Relation, Shape,
    Vocabulary, complete_kind, complete_relation, parse_colour, valid_word,
};
use crate::text::LineIndex;

#[derive(Deserialize)]
struct RawGraph<'a> {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, borrow)]
    kinds: Option<Vec<&'a RawValue>>,
    #[serde(default, borrow)]
    relations: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    documents: Vec<&'a RawValue>,
    #[serde(borrow)]
    nodes: Vec<&'a RawValue>,
    #[serde(borrow)]
    edges: Vec<&'a RawValue>,
    #[serde(default)]
    conflicts: Vec<JsonConflict>,
}

struct Reporter<'t> {
    file: String,
    text: &'t str,
    list: Vec<Diagnostic>,
    /// Built at the first diagnostic, for every later one.
    lines: std::cell::OnceCell<LineIndex>,
}

impl Reporter<'_> {
    fn at(
        &mut self,
        offset: usize,
        kind: DiagnosticKind,
        field: String,
        message: String,
        found: Option<String>,
    ) {
        let (line, column) = self
            .lines
            .get_or_init(|| LineIndex::new(self.text))
            .line_column(self.text, offset);
        self.list.push(Diagnostic {
            kind,
            file: self.file.clone(),
            line,
            column,
            span: offset..offset,
            field,
            message,
            expected: None,
            found,
            help: None,
        });
    }

    /// Byte offset of a raw item in the whole file.
    fn offset(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// Parses one item, reporting a located error.
    fn item<T: for<'de> Deserialize<'de>>(
        &mut self,
        raw: &RawValue,
        field: String,
    ) -> Option<(usize, T)> {
        let offset = self.offset(raw);
        match serde_json::from_str::<T>(raw.get()) {
            Ok(item) => Some((offset, item)),
            Err(error) => {
                // Position inside the item, moved to the whole file.
                let inner = raw
                    .get()
                    .lines()
                    .take(error.line().saturating_sub(1))
                    .map(|l| l.len() + 1)
                    .sum::<usize>()
                    + error.column().saturating_sub(1);
                self.at(
                    offset + inner,
                    DiagnosticKind::Parse,
                    field,
                    error.to_string(),
                    None,
                );
                None
            }
        }
    }

    fn date(
        &mut self,
        offset: usize,
        field: String,
        value: Option<&str>,
        detail: Option<&JsonDate>,
    ) -> Option<DateSpec> {
        let text = value.or(detail.map(|d| d.value.as_str()))?;
        match DateSpec::parse_value(text) {
            Ok(mut date) => {
                if let Some(detail) = detail {
                    date.approximate = detail.approximate;
                    date.inferred = detail.inferred;
                    date.note = detail.note.clone();
                }
                Some(date)
            }
            Err(error) => {
                self.at(
                    offset,
                    DiagnosticKind::InvalidDate,
                    field,
                    format!("invalid date: {error}"),
                    Some(format!("{text:?}")),
                );
                None
            }
        }
    }
}

/// Loads a JSON export. Document texts are read from their `path` when it
/// lies inside the file's folder; then every quote is checked against its
/// offsets (or found again). Without the texts the quotes are kept as given.
pub fn load_json(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes = read_limited(path, MAX_JSON_BYTES, "").map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|error| LoadError::Invalid {
        diagnostics: vec![Diagnostic {
            kind: DiagnosticKind::Parse,
            file: shown.clone(),
            line: 1,
            column: 1,
            span: 0..0,
            field: String::new(),
            message: format!(
                "not UTF-8 text (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            ),
            expected: Some("UTF-8 JSON".into()),
            found: None,
            help: None,
        }],
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    load_json_text(&shown, &text, &FolderStore::new(folder))
}

/// Loads a JSON export from text; `file` names it in diagnostics and
/// document texts come from `store`. What [`load_json`] does after reading
/// the file; the fuzz targets call it directly.
pub fn load_json_text(
    file: &str,
    text: &str,
    store: &dyn DocumentStore,
) -> Result<Loaded, LoadError> {
    let shown = file.to_string();
    let mut r = Reporter {
        file: shown.clone(),
        text,
        list: Vec::new(),
        lines: std::cell::OnceCell::new(),
    };
    let graph: RawGraph<'_> = match serde_json::from_str(text) {
        Ok(graph) => graph,
        Err(error) => {
            r.list.push(Diagnostic {
                kind: DiagnosticKind::Parse,
                file: shown,
                line: error.line().max(1),
                column: error.column().max(1),
                span: 0..0,
                field: String::new(),
                message: format!("not a tiegraph JSON export: {error}"),
                expected: Some("{\"name\", \"documents\", \"nodes\", \"edges\"}".into()),
                found: None,
                help: None,
            });
            return Err(LoadError::Invalid {
                diagnostics: r.list,
            });
        }
    };
    let vocabulary = read_vocabulary(&mut r, &graph);
    let documents = read_documents(&mut r, &graph.documents, store);
    let (nodes, node_ids) = read_nodes(&mut r, &graph.nodes, &vocabulary);
    let claims = read_edges(&mut r, &graph, (&node_ids, &vocabulary), &documents);
    r.list.sort_by_key(|d| d.span.start);
    if r.list.iter().any(|d| d.is_error()) {
        return Err(LoadError::Invalid {
            diagnostics: r.list,
        });
    }
    Ok(Loaded {
        dataset: Dataset {
            name: graph.name,
            description: graph.description,
            vocabulary,
            documents: documents.documents,
            nodes,
            claims,
            conflicts: graph
                .conflicts
                .iter()
                .map(|c| Conflict {
                    id: c.id.clone(),
                    description: c.description.clone(),
                })
                .collect(),
        },
        warnings: r.list,
        resolved: None,
    })
}

/// The export's own vocabulary, if it declares one; the built-in one for
/// what it does not.
fn read_vocabulary(r: &mut Reporter<'_>, graph: &RawGraph<'_>) -> Vocabulary {
    let mut vocabulary = Vocabulary::builtin();
    if let Some(kinds) = &graph.kinds {
        vocabulary.declared_kinds = true;
        vocabulary.kinds.clear();
        for (i, raw) in kinds.iter().enumerate() {
            let field = format!("kinds[{i}]");
            let Some((offset, k)) = r.item::<JsonKind>(raw, field.clone()) else {
                continue;
            };
            if !declared_word(r, offset, &field, &k.id) {
                continue;
            }
            let kind = NodeKind::new(&k.id);
            if vocabulary.kind(kind).is_some() {
                r.at(
                    offset,
                    DiagnosticKind::DuplicateId,
                    format!("{field}.id"),
                    format!("`{}` is declared twice", k.id),
                    None,
                );
                continue;
            }
            let shape = k.shape.as_deref().and_then(|text| {
                let shape = Shape::parse(text);
                if shape.is_none() {
                    r.at(
                        offset,
                        DiagnosticKind::InvalidVocabulary,
                        format!("{field}.shape"),
                        format!("unknown shape `{text}`"),
                        Some(text.to_string()),
                    );
                }
                shape
            });
            let colour = k.colour.as_deref().and_then(|text| {
                let colour = parse_colour(text);
                if colour.is_none() {
                    r.at(
                        offset,
                        DiagnosticKind::InvalidVocabulary,
                        format!("{field}.colour"),
                        "invalid colour: expected #rrggbb".into(),
                        Some(text.to_string()),
                    );
                }
                colour
            });
            let meaning = (!k.meaning.is_empty()).then_some(k.meaning);
            vocabulary
                .kinds
                .push(complete_kind(kind, meaning, shape, colour));
        }
    }
    if let Some(relations) = &graph.relations {
        vocabulary.declared_relations = true;
        vocabulary.relations.clear();
        for (i, raw) in relations.iter().enumerate() {
            let field = format!("relations[{i}]");
            let Some((offset, d)) = r.item::<JsonRelation>(raw, field.clone()) else {
                continue;
            };
            if !declared_word(r, offset, &field, &d.id) {
                continue;
            }
            let relation = Relation::new(&d.id);
            if vocabulary.relation(relation).is_some() {
                r.at(
                    offset,
                    DiagnosticKind::DuplicateId,
                    format!("{field}.id"),
                    format!("`{}` is declared twice", d.id),
                    None,
                );
                continue;
            }
            let meaning = (!d.meaning.is_empty()).then_some(d.meaning);
            vocabulary
                .relations
                .push(complete_relation(relation, meaning, d.mutual));
        }
    }
    vocabulary
}

/// Whether a declared id is a plain word; reported otherwise.
fn declared_word(r: &mut Reporter<'_>, offset: usize, field: &str, id: &str) -> bool {
    if valid_word(id) {
        return true;
    }
    r.at(
        offset,
        DiagnosticKind::InvalidVocabulary,
        format!("{field}.id"),
        format!("invalid vocabulary id {id:?}: expected lowercase letters, digits and `_`, starting with a letter"),
        Some(id.to_string()),
    );
    false
}

/// The documents read, where each is by id, and their texts (normalized,
/// for finding quotes).
struct Documents {
    documents: Vec<Document>,
    index: HashMap<String, usize>,
    texts: HashMap<String, NormalizedText>,
}

/// Reads the export's documents, with their texts when the files can be
/// read from inside the folder.
fn read_documents(
    r: &mut Reporter<'_>,
    raw_documents: &[&RawValue],
    store: &dyn DocumentStore,
) -> Documents {
    let mut documents: Vec<Document> = Vec::new();
    // Document id → position, so neither duplicates nor evidence scan.
    let mut document_index: HashMap<String, usize> = HashMap::new();
    let mut texts: HashMap<String, NormalizedText> = HashMap::new();
    for (i, raw) in raw_documents.iter().enumerate() {
        let Some((offset, d)) = r.item::<JsonDocument>(raw, format!("documents[{i}]")) else {
            continue;
        };
        if document_index.contains_key(&d.id) {
            r.at(
                offset,
                DiagnosticKind::DuplicateId,
                format!("documents[{i}].id"),
                format!("duplicate document id `{}`", d.id),
                None,
            );
            continue;
        }
        // The text, if it can be read from inside the folder; otherwise none.
        let content = check_relative_path(&d.path)
            .map_err(DocumentReadError::Outside)
            .and_then(|()| store.read(&d.path))
            .unwrap_or_default();
        if !content.is_empty() {
            texts.insert(d.id.clone(), NormalizedText::new(&content));
        }
        let published = r.date(
            offset,
            format!("documents[{i}].published"),
            d.published.as_deref(),
            d.published_detail.as_ref(),
        );
        document_index.insert(d.id.clone(), documents.len());
        documents.push(Document {
            id: d.id,
            title: d.title,
            title_note: d.title_note,
            publisher: d.publisher,
            publisher_note: d.publisher_note,
            published,
            path: d.path,
            note: d.note,
            reliability: d.reliability,
            text: content,
        });
    }
    Documents {
        documents,
        index: document_index,
        texts,
    }
}

/// Reads the export's nodes; returns them and their ids.
fn read_nodes(
    r: &mut Reporter<'_>,
    raw_nodes: &[&RawValue],
    vocabulary: &Vocabulary,
) -> (Vec<Node>, HashSet<String>) {
    let mut nodes = Vec::new();
    let mut node_offsets: Vec<usize> = Vec::new();
    let mut node_ids: HashSet<String> = HashSet::new();
    for (i, raw) in raw_nodes.iter().enumerate() {
        let Some((offset, n)) = r.item::<JsonNode>(raw, format!("nodes[{i}]")) else {
            continue;
        };
        let Some(kind) = vocabulary.find_kind(&n.kind) else {
            r.at(
                offset,
                DiagnosticKind::UnknownKind,
                format!("nodes[{i}].kind"),
                format!(
                    "unknown node kind `{}`; the vocabulary has {}",
                    n.kind,
                    vocabulary.kind_names().join(", ")
                ),
                Some(n.kind.clone()),
            );
            continue;
        };
        if !node_ids.insert(n.id.clone()) {
            r.at(
                offset,
                DiagnosticKind::DuplicateId,
                format!("nodes[{i}].id"),
                format!("duplicate node id `{}`", n.id),
                None,
            );
            continue;
        }
        let date = r.date(
            offset,
            format!("nodes[{i}].date"),
            n.date.as_deref(),
            n.date_detail.as_ref(),
        );
        node_offsets.push(offset);
        nodes.push(Node {
            id: n.id,
            kind,
            label: n.label,
            aliases: n.aliases,
            date,
            attributes: n.attributes,
            note: n.note,
        });
    }

    for shared in super::shared_names(&nodes) {
        r.at(
            node_offsets[shared.position],
            DiagnosticKind::SharedName,
            format!("nodes[{}]", shared.position),
            shared.message(&nodes),
            Some(shared.owners_text()),
        );
    }
    (nodes, node_ids)
}

/// Reads the export's edges into claims.
fn read_edges(
    r: &mut Reporter<'_>,
    graph: &RawGraph<'_>,
    (node_ids, vocabulary): (&HashSet<String>, &Vocabulary),
    documents: &Documents,
) -> Vec<Claim> {
    let conflict_of: HashMap<&str, &str> = graph
        .conflicts
        .iter()
        .flat_map(|c| {
            c.claims
                .iter()
                .map(move |claim| (claim.as_str(), c.id.as_str()))
        })
        .collect();
    let mut claims = Vec::new();
    let mut claim_ids: HashSet<String> = HashSet::new();
    for (i, raw) in graph.edges.iter().enumerate() {
        let Some((offset, e)) = r.item::<JsonEdge>(raw, format!("edges[{i}]")) else {
            continue;
        };
        let mut bad = false;
        for (end, key) in [(&e.source, "source"), (&e.target, "target")] {
            if !node_ids.contains(end) {
                r.at(
                    offset,
                    DiagnosticKind::DanglingReference,
                    format!("edges[{i}].{key}"),
                    format!("no node has the id `{end}`"),
                    None,
                );
                bad = true;
            }
        }
        let relation = vocabulary.find_relation(&e.kind);
        if relation.is_none() {
            r.at(
                offset,
                DiagnosticKind::UnknownRelation,
                format!("edges[{i}].kind"),
                format!(
                    "unknown relation `{}`; the vocabulary has {}",
                    e.kind,
                    vocabulary.relation_names().join(", ")
                ),
                Some(e.kind.clone()),
            );
        }
        if !claim_ids.insert(e.id.clone()) {
            r.at(
                offset,
                DiagnosticKind::DuplicateId,
                format!("edges[{i}].id"),
                format!("duplicate edge id `{}`", e.id),
                None,
            );
            bad = true;
        }
        if e.evidence.is_empty() {
            r.at(
                offset,
                DiagnosticKind::ClaimWithoutEvidence,
                format!("edges[{i}].evidence"),
                "edge without evidence".into(),
                None,
            );
            bad = true;
        }
        let date = r.date(
            offset,
            format!("edges[{i}].date"),
            e.date.as_deref(),
            e.date_detail.as_ref(),
        );
        let evidence = evidence_of(r, (offset, i), &e.evidence, documents, &mut bad);
        let (Some(relation), false) = (relation, bad) else {
            continue;
        };
        claims.push(Claim {
            conflict: e
                .conflict
                .clone()
                .or_else(|| conflict_of.get(e.id.as_str()).map(|c| c.to_string())),
            id: e.id,
            from: e.source.into(),
            relation,
            to: e.target.into(),
            date,
            attributes: e.attributes,
            note: e.note,
            evidence,
        });
    }
    claims
}

/// The evidence of edge `i` (at `offset`): each item's document known, its
/// quote not empty and found in the document's text when there is one.
/// Sets `bad` when an item is refused.
fn evidence_of(
    r: &mut Reporter<'_>,
    (offset, i): (usize, usize),
    items: &[JsonEvidence],
    documents: &Documents,
    bad: &mut bool,
) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for (j, item) in items.iter().enumerate() {
        let field = format!("edges[{i}].evidence[{j}]");
        let Some(document) = documents
            .index
            .get(&item.document)
            .map(|&position| &documents.documents[position])
        else {
            r.at(
                offset,
                DiagnosticKind::DanglingReference,
                field,
                format!("no document has the id `{}`", item.document),
                None,
            );
            *bad = true;
            continue;
        };
        if let Some(record) = &item.record {
            // Nothing to check: kept as the record it is, unverified.
            evidence.push(Evidence::from_record(
                item.document.clone().into(),
                record.clone(),
                (item.according_to.clone(), item.relayed_from.clone()),
            ));
            continue;
        }
        if item.quote.trim().is_empty() {
            r.at(
                offset,
                DiagnosticKind::EmptyQuote,
                field,
                "empty quote".into(),
                None,
            );
            *bad = true;
            continue;
        }
        let (mut start, mut end) = (item.start, item.end);
        if let Some(normalized) = documents.texts.get(&item.document) {
            let holds = document
                .text
                .get(start..end)
                .is_some_and(|slice| normalize_quote(slice) == normalize_quote(&item.quote));
            if !holds {
                match locate(normalized, &item.quote) {
                    Some(range) => (start, end) = (range.start, range.end),
                    None => {
                        r.at(
                            offset,
                            DiagnosticKind::QuoteNotFound,
                            field,
                            format!("quote not found in document `{}`", item.document),
                            Some(item.quote.clone()),
                        );
                        *bad = true;
                        continue;
                    }
                }
            }
        } else {
            (start, end) = (0, 0);
        }
        evidence.push(Evidence {
            document: item.document.clone().into(),
            quote: item.quote.clone().into(),
            start,
            end,
            according_to: item.according_to.clone(),
            relayed_from: item.relayed_from.clone(),
            record: None,
            modality: item.modality,
            credibility: item.credibility,
        });
    }
    evidence
}
