//! Importing spreadsheets: `nodes.csv`, `edges.csv` and (optionally)
//! `documents.csv` in one folder. Every bad row is reported with its file
//! and line, all together; nothing is loaded unless everything is valid.
//!
//! Columns (header row required, any order, extra columns become
//! attributes):
//! - `documents.csv`: `id`, `title`, `publisher`, `published`, `path`
//!   (the text file, inside the folder), `note`.
//! - `nodes.csv`: `id`, `kind`, `label`, `aliases` (`;`-separated), `date`,
//!   `note`.
//! - `edges.csv`: `source`, `target`, `relation`, `id`, `date`, `document`,
//!   `quote`, `start`, `end` (byte offsets of the quote in the document),
//!   `according_to`, `relayed_from`, `note`. Rows with the same `id` (or,
//!   without one, the same source, relation and target) are one claim with
//!   several evidence items.

use std::collections::HashMap;
use std::path::Path;

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::quote::{NormalizedText, locate, normalize_quote};
use super::{
    DocumentReadError, DocumentStore, FolderStore, LoadError, Loaded, MAX_FILE_BYTES,
    check_relative_path,
};
use crate::model::{
    Attributes, Claim, Dataset, DateSpec, Document, Evidence, Node, NodeKind, Relation,
};

/// Collects located problems across the three files.
struct Problems {
    list: Vec<Diagnostic>,
}

impl Problems {
    fn add(
        &mut self,
        kind: DiagnosticKind,
        (file, line): (&str, u64),
        field: &str,
        message: String,
        expected: Option<String>,
        found: Option<String>,
    ) {
        self.list.push(Diagnostic {
            kind,
            file: file.to_string(),
            line: line as usize,
            column: 1,
            span: 0..0,
            field: field.to_string(),
            message,
            expected,
            found,
            help: None,
        });
    }
}

/// One CSV file, read a row at a time so that a large file is never held
/// in memory as rows.
struct Table {
    file: String,
    headers: Vec<String>,
    /// Column name → position, so a lookup per cell does not scan the header.
    index: rustc_hash::FxHashMap<String, usize>,
    reader: csv::Reader<std::fs::File>,
    /// Reused for every row: one allocation per file, not per row.
    record: csv::StringRecord,
}

impl Table {
    /// Reads the next well-formed row into `self.record` and returns its
    /// line; malformed rows are reported and skipped, so every bad row of
    /// the file is listed.
    fn next_row(&mut self, problems: &mut Problems) -> Option<u64> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => return Some(self.record.position().map_or(0, |p| p.line())),
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line());
                    let message = match error.kind() {
                        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => {
                            format!("{len} fields where the header has {expected_len}")
                        }
                        csv::ErrorKind::Io(_) => {
                            let message = error.to_string();
                            problems.add(
                                DiagnosticKind::DocumentUnreadable,
                                (&self.file, line),
                                "",
                                message,
                                None,
                                None,
                            );
                            return None;
                        }
                        _ => error.to_string(),
                    };
                    problems.add(
                        DiagnosticKind::Parse,
                        (&self.file, line),
                        "",
                        message,
                        None,
                        None,
                    );
                }
            }
        }
    }

    fn value<'a>(&self, row: &'a csv::StringRecord, column: &str) -> Option<&'a str> {
        let index = *self.index.get(column)?;
        row.get(index).filter(|v| !v.trim().is_empty())
    }
}

fn read_table(path: &Path, required: &[&str], problems: &mut Problems) -> Option<Table> {
    let file = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            problems.add(
                DiagnosticKind::DocumentUnreadable,
                (&file, 1),
                "",
                format!("larger than the {} MiB limit", MAX_FILE_BYTES / 1024 / 1024),
                None,
                None,
            );
            return None;
        }
        Err(error) => {
            problems.add(
                DiagnosticKind::DocumentMissing,
                (&file, 1),
                "",
                format!("cannot read: {error}"),
                None,
                None,
            );
            return None;
        }
        Ok(_) => {}
    }
    let mut reader = match csv::ReaderBuilder::new().flexible(false).from_path(path) {
        Ok(reader) => reader,
        Err(error) => {
            problems.add(
                DiagnosticKind::Parse,
                (&file, 1),
                "",
                error.to_string(),
                None,
                None,
            );
            return None;
        }
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_string()).collect(),
        Err(error) => {
            problems.add(
                DiagnosticKind::Parse,
                (&file, 1),
                "",
                format!("unreadable header row: {error}"),
                None,
                None,
            );
            return None;
        }
    };
    let mut ok = true;
    for column in required {
        if !headers.iter().any(|h| h == column) {
            problems.add(
                DiagnosticKind::MissingField,
                (&file, 1),
                column,
                format!("missing column `{column}`"),
                Some(format!("a header row with {}", required.join(", "))),
                Some(headers.join(",")),
            );
            ok = false;
        }
    }
    let index = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.clone(), i))
        .collect();
    ok.then_some(Table {
        file,
        headers,
        index,
        reader,
        record: csv::StringRecord::new(),
    })
}

fn parse_date(
    table: &Table,
    line: u64,
    text: Option<&str>,
    problems: &mut Problems,
) -> Option<DateSpec> {
    let text = text?;
    match DateSpec::parse_value(text.trim()) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.add(
                DiagnosticKind::InvalidDate,
                (&table.file, line),
                "date",
                format!("invalid date: {error}"),
                Some("YYYY, YYYY-MM, YYYY-MM-DD, or START/END".into()),
                Some(format!("{text:?}")),
            );
            None
        }
    }
}

fn extra_attributes(table: &Table, row: &csv::StringRecord, known: &[&str]) -> Attributes {
    table
        .headers
        .iter()
        .zip(row)
        .filter(|(header, value)| !known.contains(&header.as_str()) && !value.trim().is_empty())
        .map(|(header, value)| (header.clone(), value.to_string()))
        .collect()
}

/// Loads a folder holding `nodes.csv`, `edges.csv` and optionally
/// `documents.csv`.
pub fn load_csv_folder(folder: &Path) -> Result<Loaded, LoadError> {
    let mut problems = Problems { list: Vec::new() };
    let store = FolderStore::new(folder);

    // ── documents ──
    let mut documents: Vec<Document> = Vec::new();
    let mut texts: HashMap<String, NormalizedText> = HashMap::new();
    let documents_path = folder.join("documents.csv");
    if documents_path.exists()
        && let Some(mut table) = read_table(&documents_path, &["id"], &mut problems)
    {
        while let Some(line) = table.next_row(&mut problems) {
            let (line, row) = (&line, &table.record);
            let Some(id) = table.value(row, "id") else {
                problems.add(
                    DiagnosticKind::MissingField,
                    (&table.file, *line),
                    "id",
                    "a document without an id".into(),
                    None,
                    None,
                );
                continue;
            };
            if documents.iter().any(|d| d.id == id) {
                problems.add(
                    DiagnosticKind::DuplicateId,
                    (&table.file, *line),
                    "id",
                    format!("duplicate document id `{id}`"),
                    None,
                    None,
                );
                continue;
            }
            let mut text = String::new();
            if let Some(path) = table.value(row, "path") {
                let read = check_relative_path(path)
                    .map_err(DocumentReadError::Outside)
                    .and_then(|()| store.read(path));
                match read {
                    Ok(content) => text = content,
                    Err(DocumentReadError::Outside(reason)) => problems.add(
                        DiagnosticKind::DocumentOutsideFolder,
                        (&table.file, *line),
                        "path",
                        format!("document path `{path}` leaves the folder"),
                        Some("a relative path inside the folder".into()),
                        Some(reason),
                    ),
                    Err(DocumentReadError::Missing(where_looked)) => problems.add(
                        DiagnosticKind::DocumentMissing,
                        (&table.file, *line),
                        "path",
                        format!("document file `{path}` does not exist"),
                        None,
                        Some(where_looked),
                    ),
                    Err(DocumentReadError::Unreadable(reason)) => problems.add(
                        DiagnosticKind::DocumentUnreadable,
                        (&table.file, *line),
                        "path",
                        format!("document file `{path}` cannot be read"),
                        None,
                        Some(reason),
                    ),
                }
            }
            if !text.is_empty() {
                texts.insert(id.to_string(), NormalizedText::new(&text));
            }
            documents.push(Document {
                id: id.to_string(),
                title: table.value(row, "title").unwrap_or(id).to_string(),
                title_note: None,
                publisher: table
                    .value(row, "publisher")
                    .unwrap_or("unknown")
                    .to_string(),
                publisher_note: None,
                published: parse_date(&table, *line, table.value(row, "published"), &mut problems),
                path: table.value(row, "path").unwrap_or_default().to_string(),
                note: table.value(row, "note").map(str::to_string),
                text,
            });
        }
    }
    let document_index: HashMap<String, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();

    // ── nodes ──
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_lines: Vec<u64> = Vec::new();
    let mut node_ids: rustc_hash::FxHashMap<String, u64> = Default::default();
    if let Some(mut table) = read_table(&folder.join("nodes.csv"), &["id", "kind"], &mut problems) {
        const KNOWN: &[&str] = &["id", "kind", "label", "aliases", "date", "note"];
        while let Some(line) = table.next_row(&mut problems) {
            let (line, row) = (&line, &table.record);
            let Some(id) = table.value(row, "id") else {
                problems.add(
                    DiagnosticKind::MissingField,
                    (&table.file, *line),
                    "id",
                    "a node without an id".into(),
                    None,
                    None,
                );
                continue;
            };
            if let Some(first) = node_ids.get(id) {
                problems.add(
                    DiagnosticKind::DuplicateId,
                    (&table.file, *line),
                    "id",
                    format!("duplicate node id `{id}` (first on line {first})"),
                    None,
                    None,
                );
                continue;
            }
            let kind_text = table.value(row, "kind").unwrap_or_default();
            let Some(kind) = NodeKind::parse(kind_text.trim()) else {
                let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
                problems.add(
                    DiagnosticKind::UnknownKind,
                    (&table.file, *line),
                    "kind",
                    format!("unknown node kind `{kind_text}`"),
                    Some(format!("one of {}", all.join(", "))),
                    Some(format!("{kind_text:?}")),
                );
                continue;
            };
            node_ids.insert(id.to_string(), *line);
            node_lines.push(*line);
            nodes.push(Node {
                id: id.to_string(),
                kind,
                label: table.value(row, "label").unwrap_or(id).to_string(),
                aliases: table
                    .value(row, "aliases")
                    .map(|a| {
                        a.split(';')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                date: parse_date(&table, *line, table.value(row, "date"), &mut problems),
                attributes: extra_attributes(&table, row, KNOWN),
                note: table.value(row, "note").map(str::to_string),
            });
        }
    }

    let nodes_file = folder.join("nodes.csv").display().to_string();
    for (position, name, owner) in super::name_clashes(&nodes) {
        problems.add(
            DiagnosticKind::DuplicateAlias,
            (&nodes_file, node_lines[position]),
            "aliases",
            format!("the name {name:?} is claimed by two entities"),
            Some("each id, label and alias to identify one entity".into()),
            Some(format!("also a name of `{owner}`")),
        );
    }

    // ── edges ──
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_index: rustc_hash::FxHashMap<String, usize> = Default::default();
    if let Some(mut table) = read_table(
        &folder.join("edges.csv"),
        &["source", "target", "relation"],
        &mut problems,
    ) {
        const KNOWN: &[&str] = &[
            "source",
            "target",
            "relation",
            "id",
            "date",
            "document",
            "quote",
            "start",
            "end",
            "according_to",
            "relayed_from",
            "note",
        ];
        while let Some(line) = table.next_row(&mut problems) {
            let (line, row) = (&line, &table.record);
            let line = *line;
            let (Some(source), Some(target)) =
                (table.value(row, "source"), table.value(row, "target"))
            else {
                problems.add(
                    DiagnosticKind::MissingField,
                    (&table.file, line),
                    "source",
                    "an edge needs a source and a target".into(),
                    None,
                    None,
                );
                continue;
            };
            let mut bad = false;
            for (end, column) in [(source, "source"), (target, "target")] {
                if !node_ids.contains_key(end) {
                    problems.add(
                        DiagnosticKind::DanglingReference,
                        (&table.file, line),
                        column,
                        format!("no node has the id `{end}`"),
                        Some("an id from nodes.csv".into()),
                        Some(format!("{end:?}")),
                    );
                    bad = true;
                }
            }
            let relation_text = table.value(row, "relation").unwrap_or_default();
            let relation = Relation::parse(relation_text.trim());
            if relation.is_none() {
                let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                problems.add(
                    DiagnosticKind::UnknownRelation,
                    (&table.file, line),
                    "relation",
                    format!("unknown relation `{relation_text}`"),
                    Some(format!("one of {}", all.join(", "))),
                    Some(format!("{relation_text:?}")),
                );
            }
            let date = parse_date(&table, line, table.value(row, "date"), &mut problems);
            let evidence = evidence_of(
                &table,
                line,
                row,
                &document_index,
                &documents,
                &texts,
                &mut problems,
            );
            let (Some(relation), false) = (relation, bad) else {
                continue;
            };
            let Some(evidence) = evidence else { continue };
            let id = table
                .value(row, "id")
                .map(str::to_string)
                .unwrap_or_else(|| Claim::default_id(source, relation, target));
            match claim_index.get(&id) {
                Some(&existing) => {
                    let claim = &mut claims[existing];
                    if claim.from != source || claim.to != target || claim.relation != relation {
                        problems.add(DiagnosticKind::DuplicateId, (&table.file, line),
                            "id",
                            format!("edge id `{id}` is already used for another source, relation or target"),
                            None,
                            None,
                        );
                        continue;
                    }
                    claim.evidence.push(evidence);
                }
                None => {
                    claim_index.insert(id.clone(), claims.len());
                    claims.push(Claim {
                        id,
                        from: source.to_string(),
                        relation,
                        to: target.to_string(),
                        date,
                        attributes: extra_attributes(&table, row, KNOWN),
                        note: table.value(row, "note").map(str::to_string),
                        conflict: None,
                        evidence: vec![evidence],
                    });
                }
            }
        }
    }

    if !problems.list.is_empty() {
        problems
            .list
            .sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
        return Err(LoadError::Invalid {
            diagnostics: problems.list,
        });
    }
    let name = folder.file_name().map_or_else(
        || "CSV dataset".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Loaded {
        dataset: Dataset {
            name,
            description: None,
            documents,
            nodes,
            claims,
            conflicts: Vec::new(),
        },
        warnings: Vec::new(),
    })
}

/// The evidence of one edge row: a document and a quote, located in the
/// document's text when it is available.
fn evidence_of(
    table: &Table,
    line: u64,
    row: &csv::StringRecord,
    document_index: &HashMap<String, usize>,
    documents: &[Document],
    texts: &HashMap<String, NormalizedText>,
    problems: &mut Problems,
) -> Option<Evidence> {
    let (Some(document), Some(quote)) = (table.value(row, "document"), table.value(row, "quote"))
    else {
        problems.add(
            DiagnosticKind::ClaimWithoutEvidence,
            (&table.file, line),
            "quote",
            "edge without evidence".into(),
            Some("a `document` id and a verbatim `quote`".into()),
            None,
        );
        return None;
    };
    let Some(&position) = document_index.get(document) else {
        problems.add(
            DiagnosticKind::DanglingReference,
            (&table.file, line),
            "document",
            format!("no document has the id `{document}`"),
            Some("an id from documents.csv".into()),
            Some(format!("{document:?}")),
        );
        return None;
    };
    let offset = |column: &str| {
        table
            .value(row, column)
            .and_then(|v| v.trim().parse::<usize>().ok())
    };
    let (mut start, mut end) = (offset("start").unwrap_or(0), offset("end").unwrap_or(0));
    if let Some(text) = texts.get(document) {
        let original = &documents[position].text;
        let given = original
            .get(start..end)
            .filter(|slice| !slice.is_empty() && normalize_quote(slice) == normalize_quote(quote));
        if given.is_none() {
            match locate(text, quote) {
                Some(range) => (start, end) = (range.start, range.end),
                None => {
                    problems.add(
                        DiagnosticKind::QuoteNotFound,
                        (&table.file, line),
                        "quote",
                        format!("quote not found in document `{document}`"),
                        Some("the document's exact words".into()),
                        Some(format!("{quote:?}")),
                    );
                    return None;
                }
            }
        }
    } else {
        // No text to check against: keep the quote as given.
        (start, end) = (0, 0);
    }
    Some(Evidence {
        document: document.to_string(),
        quote: quote.to_string(),
        start,
        end,
        according_to: table.value(row, "according_to").map(str::to_string),
        relayed_from: table.value(row, "relayed_from").map(str::to_string),
    })
}
