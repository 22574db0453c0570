//! `kinds.csv` and `relations.csv`: the dataset's own vocabulary, each
//! optional (without one, the built-in kinds or relations apply).
//!
//! - `kinds.csv`: `id`, `meaning`, `shape` (a Graphviz shape name),
//!   `colour` (`#rrggbb`).
//! - `relations.csv`: `id`, `meaning`, `mutual` (`true`/`false`; empty: as
//!   the built-in relation of that id, else false).

use super::problems::{Problems, RowAt};
use super::table::{Table, TableInput, read_table};
use crate::load::diagnostic::DiagnosticKind;
use crate::model::{
    NodeKind, Relation, Shape, Vocabulary, complete_kind, complete_relation, parse_colour,
    valid_word,
};

/// Reads the two optional tables into the dataset's vocabulary.
pub(super) fn read_vocabulary(
    kinds: Option<(String, TableInput)>,
    relations: Option<(String, TableInput)>,
    problems: &mut Problems,
) -> Vocabulary {
    let mut vocabulary = Vocabulary::builtin();
    if let Some(input) = kinds
        && let Some(mut table) = read_table((input.0, input.1, false), &["id"], problems)
    {
        vocabulary.declared_kinds = true;
        vocabulary.kinds.clear();
        while let Some(at) = table.next_row(problems) {
            let Some(id) = word(&table, at, problems) else {
                continue;
            };
            let kind = NodeKind::new(&id);
            if vocabulary.kind(kind).is_some() {
                duplicate(&table, at, &id, problems);
                continue;
            }
            let row = &table.record;
            let meaning = table.value(row, "meaning").map(str::to_string);
            let shape = table.value(row, "shape").and_then(|text| {
                let shape = Shape::parse(text.trim());
                if shape.is_none() {
                    let names: Vec<&str> = Shape::ALL.iter().map(|s| s.as_str()).collect();
                    problems.add(
                        DiagnosticKind::InvalidVocabulary,
                        (&table.file, at),
                        "shape",
                        format!("unknown shape `{text}`"),
                        Some(format!("one of {}", names.join(", "))),
                        Some(format!("{text:?}")),
                    );
                }
                shape
            });
            let colour = table.value(row, "colour").and_then(|text| {
                let colour = parse_colour(text.trim());
                if colour.is_none() {
                    problems.add(
                        DiagnosticKind::InvalidVocabulary,
                        (&table.file, at),
                        "colour",
                        "invalid colour".into(),
                        Some("#rrggbb, six hexadecimal digits".into()),
                        Some(format!("{text:?}")),
                    );
                }
                colour
            });
            vocabulary
                .kinds
                .push(complete_kind(kind, meaning, shape, colour));
        }
    }
    if let Some(input) = relations
        && let Some(mut table) = read_table((input.0, input.1, false), &["id"], problems)
    {
        vocabulary.declared_relations = true;
        vocabulary.relations.clear();
        while let Some(at) = table.next_row(problems) {
            let Some(id) = word(&table, at, problems) else {
                continue;
            };
            let relation = Relation::new(&id);
            if vocabulary.relation(relation).is_some() {
                duplicate(&table, at, &id, problems);
                continue;
            }
            let row = &table.record;
            let meaning = table.value(row, "meaning").map(str::to_string);
            let mutual = match table.value(row, "mutual").map(str::trim) {
                None | Some("") => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(other) => {
                    problems.add(
                        DiagnosticKind::WrongType,
                        (&table.file, at),
                        "mutual",
                        format!("`mutual` is `{other}`"),
                        Some("true or false".into()),
                        Some(format!("{other:?}")),
                    );
                    None
                }
            };
            vocabulary
                .relations
                .push(complete_relation(relation, meaning, mutual));
        }
    }
    vocabulary
}

/// The row's `id`, if it is a plain word; reported otherwise.
fn word(table: &Table, at: RowAt, problems: &mut Problems) -> Option<String> {
    let id = table.value(&table.record, "id").unwrap_or_default().trim();
    if valid_word(id) {
        return Some(id.to_string());
    }
    problems.add(
        DiagnosticKind::InvalidVocabulary,
        (&table.file, at),
        "id",
        if id.is_empty() {
            "a vocabulary row without an id".into()
        } else {
            format!("invalid vocabulary id `{id}`")
        },
        Some("lowercase letters a–z, digits and '_', starting with a letter, at most 64".into()),
        Some(format!("{id:?}")),
    );
    None
}

fn duplicate(table: &Table, at: RowAt, id: &str, problems: &mut Problems) {
    problems.add(
        DiagnosticKind::DuplicateId,
        (&table.file, at),
        "id",
        format!("`{id}` is declared twice"),
        Some("each kind and relation declared once".into()),
        Some(format!("{id:?}")),
    );
}
