//! `nodes.csv`: ids unique, kinds in the vocabulary, dates valid, and a
//! warning for each name (id, label, alias) several entities share.

use super::problems::{Problems, RowAt};
use super::table::{ExtraColumns, TableInput, cell, parse_date, read_table};
use crate::index::IdIndex;
use crate::load::diagnostic::DiagnosticKind;
use crate::model::{Node, Vocabulary};

/// The entities read and where each is in `nodes`, by id.
pub(super) struct Nodes {
    pub(super) nodes: Vec<Node>,
    pub(super) ids: IdIndex,
}

/// Reads `nodes.csv`.
pub(super) fn read_nodes(
    table: Option<(String, TableInput)>,
    vocabulary: &Vocabulary,
    problems: &mut Problems,
    threaded: bool,
) -> Nodes {
    // Looked up once per row: a table rather than a scan of the vocabulary.
    let kinds: rustc_hash::FxHashMap<&str, crate::model::NodeKind> = vocabulary
        .kinds
        .iter()
        .map(|d| (d.kind.as_str(), d.kind))
        .collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_lines: Vec<RowAt> = Vec::new();
    // Node id → position in `nodes` (the ids are not copied).
    let mut node_ids = IdIndex::default();
    let mut nodes_file = String::from("nodes.csv");
    if let Some((file, input)) = table
        && let Some(mut table) = read_table((file, input, threaded), &["id", "kind"], problems)
    {
        nodes_file = table.file.clone();
        const KNOWN: [&str; 6] = ["id", "kind", "label", "aliases", "date", "note"];
        let mut extra = ExtraColumns::of(&table, &KNOWN);
        let [c_id, c_kind, c_label, c_aliases, c_date, c_note] = KNOWN.map(|k| table.column(k));
        while let Some(line) = table.next_row(problems) {
            let (line, row) = (&line, &table.record);
            let Some(id) = cell(row, c_id) else {
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
            if let Some(first) = node_ids.get(id, |i| &nodes[i as usize].id) {
                let first = node_lines[first as usize].line;
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
            let kind_text = cell(row, c_kind).unwrap_or_default();
            let Some(kind) = kinds.get(kind_text.trim()).copied() else {
                let all = vocabulary.kind_names();
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
            node_lines.push(*line);
            nodes.push(Node {
                id: id.to_string(),
                kind,
                label: cell(row, c_label).unwrap_or(id).to_string(),
                aliases: cell(row, c_aliases)
                    .map(|a| {
                        a.split(';')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                date: parse_date(&table, (*line, "date"), cell(row, c_date), problems),
                attributes: extra.attributes(row),
                note: cell(row, c_note).map(str::to_string),
            });
            node_ids.insert(nodes.len() as u32 - 1, |i| &nodes[i as usize].id);
        }
    }

    for shared in crate::load::shared_names(&nodes) {
        problems.add(
            DiagnosticKind::SharedName,
            (&nodes_file, node_lines[shared.position]),
            "aliases",
            shared.message(&nodes),
            Some("a name that leads to one entity".into()),
            Some(shared.owners_text()),
        );
    }
    Nodes {
        nodes,
        ids: node_ids,
    }
}
