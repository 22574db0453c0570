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
//! reported in one run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::quote::{NormalizedText, locate, normalize_quote};
use super::{LoadError, Loaded, MAX_FILE_BYTES, read_limited};
use crate::format::ftm::{
    ClaimMeta, DocumentMeta, FtmEntity, NodeMeta, Schema, read_meta, schema, snake_case,
    tiegraph_id,
};
use crate::model::{
    Attributes, Claim, Conflict, Dataset, DateSpec, Document, Evidence, EvidenceRecord, Node,
    NodeKind, Relation, Shape, Vocabulary, complete_kind, complete_relation, parse_colour,
    valid_word,
};

/// Properties that are an entity's names, not attributes.
const NAME_PROPERTIES: &[&str] = &[
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "title",
    "full",
];

/// Properties never copied into attributes (names, texts, tiegraph's own
/// account, and references to other entities, which are claims or nothing).
const SKIPPED_PROPERTIES: &[&str] = &[
    "indexText",
    "bodyText",
    "notes",
    "description",
    "summary",
    "proof",
    "addressEntity",
    "involved",
    "organizer",
];

/// Loads an FtM JSON-lines file.
pub fn load_ftm(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes = read_limited(path, MAX_FILE_BYTES, "").map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    load_ftm_text(&shown, &name, &text)
}

/// Whether a file's first line looks like an FtM entity (`id` and
/// `schema`), to tell FtM JSON lines from tiegraph's JSON export.
pub fn looks_like_ftm(first_line: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(first_line.trim())
        .ok()
        .and_then(|v| v.as_object().cloned())
        .is_some_and(|o| o.contains_key("schema") && o.contains_key("id"))
}

struct Reporter {
    file: String,
    list: Vec<Diagnostic>,
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
}

/// An entity read, with the line it is (first) on.
struct Read {
    entity: FtmEntity,
    line: usize,
}

/// Loads FtM JSON lines from text; `file` names it in diagnostics and
/// `name` becomes the dataset's name. What [`load_ftm`] does after reading
/// the file; the fuzz target calls it directly.
pub fn load_ftm_text(file: &str, name: &str, text: &str) -> Result<Loaded, LoadError> {
    let mut r = Reporter {
        file: file.to_string(),
        list: Vec::new(),
    };
    let entities = read_lines(&mut r, text);
    let mut omitted: BTreeMap<String, usize> = BTreeMap::new();

    let mut documents: Vec<Document> = Vec::new();
    let mut document_by_ftm: HashMap<String, usize> = HashMap::new();
    let mut node_by_ftm: HashMap<String, usize> = HashMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut kinds: Vec<(NodeKind, Option<NodeMeta>, &'static str)> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut edges: Vec<(&Read, &'static Schema)> = Vec::new();

    for read in &entities {
        let entity = &read.entity;
        let Some(schema) = schema(&entity.schema) else {
            *omitted
                .entry(format!(
                    "{} entities (a schema tiegraph does not draw)",
                    entity.schema
                ))
                .or_default() += 1;
            continue;
        };
        let node_meta: Option<NodeMeta> = read_meta(entity);
        if schema.edge.is_some() {
            edges.push((read, schema));
        } else if schema.is_document() && node_meta.is_none() {
            let meta: Option<DocumentMeta> = read_meta(entity);
            let id = unique(
                &mut taken,
                meta.as_ref()
                    .map_or_else(|| tiegraph_id(&entity.id, 'd'), |m| m.id.clone()),
            );
            let date = |property: &str| {
                entity
                    .first(property)
                    .and_then(|d| DateSpec::parse_value(d.get(..10).unwrap_or(d)).ok())
            };
            let published = meta
                .as_ref()
                .and_then(|m| m.published.as_ref())
                .and_then(|d| d.to_date().ok())
                .or_else(|| date("publishedAt"))
                .or_else(|| date("date"));
            let title = ["title", "name", "fileName"]
                .iter()
                .find_map(|p| entity.first(p))
                .unwrap_or(&entity.id)
                .to_string();
            document_by_ftm.insert(entity.id.clone(), documents.len());
            documents.push(Document {
                title,
                title_note: meta.as_ref().and_then(|m| m.title_note.clone()),
                publisher: entity.first("publisher").unwrap_or("unknown").to_string(),
                publisher_note: meta.as_ref().and_then(|m| m.publisher_note.clone()),
                published,
                path: meta.as_ref().map_or_else(
                    || entity.first("fileName").unwrap_or_default().to_string(),
                    |m| m.path.clone(),
                ),
                note: joined(entity.values("notes")),
                text: match &meta {
                    Some(meta) => format!(
                        "{}{}{}",
                        meta.text_before,
                        entity.values("bodyText").join("\n"),
                        meta.text_after
                    ),
                    None => entity.values("bodyText").join("\n"),
                },
                id,
            });
        } else {
            let meta = node_meta;
            let id = unique(
                &mut taken,
                meta.as_ref()
                    .map_or_else(|| tiegraph_id(&entity.id, 'n'), |m| m.id.clone()),
            );
            let kind_text = meta
                .as_ref()
                .map(|m| m.kind.clone())
                .filter(|k| valid_word(k))
                .unwrap_or_else(|| snake_case(schema.name));
            let kind = NodeKind::new(&kind_text);
            if !kinds.iter().any(|(k, _, _)| *k == kind) {
                kinds.push((kind, meta.clone(), schema.name));
            }
            let mut names = NAME_PROPERTIES
                .iter()
                .flat_map(|p| entity.values(p))
                .cloned()
                .collect::<Vec<_>>();
            let mut seen = HashSet::new();
            names.retain(|n| !n.trim().is_empty() && seen.insert(n.clone()));
            let mut label = if names.is_empty() {
                entity.id.clone()
            } else {
                names.remove(0)
            };
            if let Some(meta) = &meta {
                if let Some(exact) = &meta.label {
                    label = exact.clone();
                }
                if let Some(exact) = &meta.aliases {
                    names = exact.clone();
                }
            }
            let date = match meta.as_ref().and_then(|m| m.date.as_ref()) {
                Some(date) => date.to_date().ok(),
                None => interval_date(entity),
            };
            let attributes = match &meta {
                Some(meta) => meta.attributes.clone(),
                None => attributes_of(entity),
            };
            node_by_ftm.insert(entity.id.clone(), nodes.len());
            nodes.push(Node {
                id,
                kind,
                label,
                aliases: names,
                date,
                attributes,
                note: joined(entity.values("notes")),
            });
        }
    }

    let texts: HashMap<usize, NormalizedText> = documents
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.text.is_empty())
        .map(|(i, d)| (i, NormalizedText::new(&d.text)))
        .collect();
    let mut relations: Vec<(Relation, Option<ClaimMeta>, &'static str)> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_ids: HashSet<String> = HashSet::new();
    let mut unverified = 0usize;
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut record_sources: BTreeMap<String, usize> = BTreeMap::new();
    for (read, schema) in edges {
        let entity = &read.entity;
        let Some((source, _, target, _)) = schema.edge else {
            continue;
        };
        let ends = |property: &str| -> Vec<usize> {
            entity
                .values(property)
                .iter()
                .filter_map(|id| node_by_ftm.get(id).copied())
                .collect()
        };
        let (from, to) = (ends(source), ends(target));
        if from.is_empty() || to.is_empty() {
            *omitted
                .entry(format!(
                    "{} relationships whose ends are not in the file",
                    schema.name
                ))
                .or_default() += 1;
            continue;
        }
        let meta: Option<ClaimMeta> = read_meta(entity);
        let relation_text = meta
            .as_ref()
            .map(|m| m.relation.clone())
            .filter(|r| valid_word(r))
            .unwrap_or_else(|| snake_case(schema.name));
        let relation = Relation::new(&relation_text);
        if !relations.iter().any(|(r, _, _)| *r == relation) {
            relations.push((relation, meta.clone(), schema.name));
        }
        let evidence = match &meta {
            Some(meta) => own_evidence(&mut r, read, meta, (&documents, &document_by_ftm, &texts)),
            None => foreign_evidence(read, (&documents, &document_by_ftm, &texts)),
        };
        let evidence = match evidence {
            Some(evidence) if !evidence.is_empty() => evidence,
            Some(_) => {
                unverified += 1;
                vec![record_evidence(
                    entity,
                    name,
                    (&mut documents, &document_by_ftm, &mut taken),
                    &mut record_sources,
                )]
            }
            None => continue,
        };
        let date = match meta.as_ref().and_then(|m| m.date.as_ref()) {
            Some(date) => date.to_date().ok(),
            None => interval_date(entity),
        };
        let attributes = match &meta {
            Some(meta) => meta.attributes.clone(),
            None => attributes_of(entity),
        };
        if let Some(meta) = &meta
            && let Some(id) = &meta.conflict
            && !conflicts.iter().any(|c: &Conflict| &c.id == id)
        {
            conflicts.push(Conflict {
                id: id.clone(),
                description: meta.conflict_description.clone().unwrap_or_default(),
            });
        }
        for (n, (&a, &b)) in from
            .iter()
            .flat_map(|a| to.iter().map(move |b| (a, b)))
            .enumerate()
        {
            let base = match &meta {
                Some(meta) => meta.id.clone(),
                None => tiegraph_id(&entity.id, 'c'),
            };
            let id = if n == 0 {
                base
            } else {
                format!("{base}-{}", n + 1)
            };
            if !claim_ids.insert(id.clone()) {
                r.at(
                    (read.line, 1),
                    DiagnosticKind::DuplicateId,
                    "id",
                    format!("a second claim with the id `{id}`"),
                );
                continue;
            }
            claims.push(Claim {
                id,
                from: nodes[a].id.clone(),
                relation,
                to: nodes[b].id.clone(),
                date: date.clone(),
                attributes: attributes.clone(),
                note: meta.as_ref().and_then(|m| m.note.clone()),
                conflict: meta.as_ref().and_then(|m| m.conflict.clone()),
                evidence: evidence.clone(),
            });
        }
    }

    for (what, count) in &omitted {
        r.at(
            (1, 1),
            DiagnosticKind::NotImported,
            "",
            format!("left out: {what}: {count}"),
        );
    }
    if unverified > 0 {
        r.at(
            (1, 1),
            DiagnosticKind::UnverifiedEvidence,
            "",
            format!(
                "relationships with no quote their documents contain: {unverified}; each is kept with its record (dataset, record id, source URL) and shown as unverified"
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
        relations: relations
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
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.document.as_str()))
        .collect();
    let documents: Vec<Document> = documents
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
            claims,
            conflicts,
        },
        warnings: r.list,
    })
}

/// Every line parsed, fragments with the same id merged (FtM splits an
/// entity's properties over several lines); bad lines reported.
fn read_lines(r: &mut Reporter, text: &str) -> Vec<Read> {
    let mut entities: Vec<Read> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let entity: FtmEntity = match serde_json::from_str(line) {
            Ok(entity) => entity,
            Err(error) => {
                // serde says where on its one line; the line is ours.
                let message = error.to_string();
                let message = message
                    .rfind(" at line ")
                    .map_or(message.as_str(), |cut| &message[..cut]);
                r.at(
                    (number, error.column().max(1)),
                    DiagnosticKind::Parse,
                    "",
                    format!("not a FollowTheMoney entity: {message}"),
                );
                continue;
            }
        };
        if entity.id.trim().is_empty() {
            r.at(
                (number, 1),
                DiagnosticKind::MissingField,
                "id",
                "an entity without an id".into(),
            );
            continue;
        }
        match position.get(&entity.id) {
            Some(&at) => {
                let first = &mut entities[at];
                if first.entity.schema != entity.schema {
                    r.at(
                        (number, 1),
                        DiagnosticKind::DuplicateId,
                        "schema",
                        format!(
                            "`{}` is a {} here but a {} on line {}",
                            entity.id, entity.schema, first.entity.schema, first.line
                        ),
                    );
                    continue;
                }
                for (property, values) in entity.properties {
                    first.entity.add(&property, values);
                }
                for dataset in entity.datasets {
                    if !first.entity.datasets.contains(&dataset) {
                        first.entity.datasets.push(dataset);
                    }
                }
            }
            None => {
                position.insert(entity.id.clone(), entities.len());
                entities.push(Read {
                    entity,
                    line: number,
                });
            }
        }
    }
    entities
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

fn joined(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.join("\n"))
}

/// `startDate`/`endDate` or `date`, as far as they parse (FtM dates may
/// carry a time, which is dropped).
fn interval_date(entity: &FtmEntity) -> Option<DateSpec> {
    let day = |property: &str| entity.first(property).map(|d| d.get(..10).unwrap_or(d));
    let text = match (day("startDate"), day("endDate"), day("date")) {
        (Some(start), Some(end), _) => format!("{start}/{end}"),
        (Some(start), None, _) => start.to_string(),
        (None, _, Some(date)) => date.to_string(),
        _ => return None,
    };
    DateSpec::parse_value(&text).ok()
}

/// The plain properties of a foreign entity (country, role, status, …),
/// several values joined with "; ".
fn attributes_of(entity: &FtmEntity) -> Attributes {
    let mut attributes = Attributes::new();
    for (property, values) in &entity.properties {
        if NAME_PROPERTIES.contains(&property.as_str())
            || SKIPPED_PROPERTIES.contains(&property.as_str())
            || values.is_empty()
        {
            continue;
        }
        // Entity references (ends of relationships) are not attributes.
        if schema(&entity.schema)
            .and_then(|s| s.edge)
            .is_some_and(|(s, _, t, _)| property == s || property == t)
        {
            continue;
        }
        attributes.insert(property.clone(), values.join("; "));
    }
    if !entity.datasets.is_empty() {
        attributes.insert("datasets".into(), entity.datasets.join("; "));
    }
    attributes.insert("ftm_id".into(), entity.id.clone());
    attributes
}

type DocumentsRead<'a> = (
    &'a [Document],
    &'a HashMap<String, usize>,
    &'a HashMap<usize, NormalizedText>,
);

/// The evidence of a relationship tiegraph exported: each item's quote (a
/// `description` value, in order) checked against its document at the
/// recorded range, else found again; a quote the document does not hold
/// is an error, since tiegraph wrote it from that text.
fn own_evidence(
    r: &mut Reporter,
    read: &Read,
    meta: &ClaimMeta,
    (documents, by_ftm, _): DocumentsRead<'_>,
) -> Option<Vec<Evidence>> {
    let by_id: HashMap<&str, usize> = by_ftm
        .values()
        .map(|&i| (documents[i].id.as_str(), i))
        .collect();
    let descriptions = read.entity.values("description");
    let mut evidence = Vec::new();
    for item in &meta.evidence {
        if let Some(record) = &item.record {
            evidence.push(Evidence {
                document: item.document.clone(),
                quote: record.describe(),
                start: 0,
                end: 0,
                according_to: item.according_to.clone(),
                relayed_from: item.relayed_from.clone(),
                record: Some(Box::new(record.clone())),
            });
            continue;
        }
        let Some(&position) = by_id.get(item.document.as_str()) else {
            r.at(
                (read.line, 1),
                DiagnosticKind::DanglingReference,
                "proof",
                format!(
                    "claim `{}` cites document `{}`, which is not in the file",
                    meta.id, item.document
                ),
            );
            return None;
        };
        let document = &documents[position];
        // The quote is the document's own text at the range; it must also
        // be one of the relationship's descriptions, as tiegraph wrote it.
        let quote = document
            .text
            .get(item.start..item.end)
            .filter(|q| !q.trim().is_empty())
            .filter(|q| {
                let wanted = normalize_quote(q);
                descriptions.iter().any(|d| normalize_quote(d) == wanted)
            });
        let Some(quote) = quote else {
            r.at(
                (read.line, 1),
                DiagnosticKind::QuoteNotFound,
                "description",
                format!(
                    "claim `{}`: no description is the text of document `{}` at bytes {}–{}",
                    meta.id, item.document, item.start, item.end
                ),
            );
            return None;
        };
        evidence.push(Evidence {
            document: item.document.clone(),
            quote: quote.to_string(),
            start: item.start,
            end: item.end,
            according_to: item.according_to.clone(),
            relayed_from: item.relayed_from.clone(),
            record: None,
        });
    }
    Some(evidence)
}

/// The evidence of a foreign relationship: each `description` value that
/// one of its `proof` documents contains, located there. Empty when none
/// is (the caller keeps a record instead).
fn foreign_evidence(
    read: &Read,
    (documents, by_ftm, texts): DocumentsRead<'_>,
) -> Option<Vec<Evidence>> {
    let proofs: Vec<usize> = read
        .entity
        .values("proof")
        .iter()
        .filter_map(|id| by_ftm.get(id).copied())
        .collect();
    let mut evidence = Vec::new();
    for quote in read.entity.values("description") {
        for &position in &proofs {
            if let Some(range) = texts.get(&position).and_then(|text| locate(text, quote)) {
                evidence.push(Evidence {
                    document: documents[position].id.clone(),
                    quote: quote.clone(),
                    start: range.start,
                    end: range.end,
                    according_to: None,
                    relayed_from: None,
                    record: None,
                });
                break;
            }
        }
    }
    Some(evidence)
}

/// A record standing in for a quote: the relationship's dataset, record id
/// and source URL, cited to its proof document or, without one, to a
/// document standing for the dataset (publisher as given, no text).
fn record_evidence(
    entity: &FtmEntity,
    file_name: &str,
    (documents, by_ftm, taken): (
        &mut Vec<Document>,
        &HashMap<String, usize>,
        &mut HashSet<String>,
    ),
    sources: &mut BTreeMap<String, usize>,
) -> Evidence {
    let dataset = entity
        .datasets
        .first()
        .cloned()
        .unwrap_or_else(|| file_name.to_string());
    let record = EvidenceRecord {
        dataset: Some(dataset.clone()),
        record_id: entity
            .first("recordId")
            .map(str::to_string)
            .or_else(|| Some(entity.id.clone())),
        source_url: entity.first("sourceUrl").map(str::to_string),
    };
    let proof = entity
        .values("proof")
        .iter()
        .find_map(|id| by_ftm.get(id).copied());
    let document = match proof {
        Some(position) => documents[position].id.clone(),
        None => {
            let publisher = entity.first("publisher").unwrap_or("unknown").to_string();
            let key = format!("{dataset}\u{0}{publisher}");
            match sources.get(&key) {
                Some(&position) => documents[position].id.clone(),
                None => {
                    let id = unique(taken, tiegraph_id(&format!("records-{dataset}"), 'd'));
                    sources.insert(key, documents.len());
                    documents.push(Document {
                        id: id.clone(),
                        title: format!("Records of {dataset}"),
                        title_note: Some("stands for the dataset's records; no text".into()),
                        publisher,
                        publisher_note: None,
                        published: None,
                        path: String::new(),
                        note: None,
                        text: String::new(),
                    });
                    id
                }
            }
        }
    };
    Evidence {
        document,
        quote: record.describe(),
        start: 0,
        end: 0,
        according_to: None,
        relayed_from: None,
        record: Some(Box::new(record)),
    }
}

/// Whether FtM reads the schema's ends in one direction (Associate, Family
/// and UnknownLink are not).
fn schema_is_directed(schema: &str) -> bool {
    !matches!(
        schema,
        "Associate" | "Family" | "UnknownLink" | "Documentation"
    )
}
