//! Reading FtM JSON lines as a stream: each line parsed on its own (a bad
//! one located and reported, the rest read on), entities of schemata
//! tiegraph does not draw dropped as they pass (only counted), and the
//! fragments of one entity on several lines merged, as FtM merges them.

use std::collections::HashMap;
use std::io::BufRead;

use super::Reporter;
use crate::format::ftm::{FtmEntity, schema};
use crate::load::diagnostic::DiagnosticKind;

/// Longest line read: one entity with a long `bodyText`, never a file.
const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// An entity read, with the line it is (first) on.
pub(super) struct Read {
    pub(super) entity: FtmEntity,
    pub(super) line: usize,
}

/// Every entity of a schema tiegraph knows, fragments merged; what was
/// dropped is counted in `omitted`.
pub(super) fn read_lines(r: &mut Reporter, input: impl BufRead) -> Vec<Read> {
    let mut entities: Vec<Read> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut input = input;
    let mut buffer: Vec<u8> = Vec::new();
    let mut number = 0usize;
    loop {
        number += 1;
        buffer.clear();
        let read = std::io::Read::take(&mut input, MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buffer);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => {
                r.at(
                    (number, 1),
                    DiagnosticKind::Parse,
                    "",
                    format!("cannot read on: {error}"),
                );
                break;
            }
        }
        if buffer.len() > MAX_LINE_BYTES && !buffer.ends_with(b"\n") {
            r.at(
                (number, 1),
                DiagnosticKind::Parse,
                "",
                format!("a line longer than {} MiB", MAX_LINE_BYTES / 1024 / 1024),
            );
            // Skip the rest of the line.
            let mut rest = Vec::new();
            let _ = input.read_until(b'\n', &mut rest);
            continue;
        }
        let text = match std::str::from_utf8(&buffer) {
            Ok(text) => text,
            Err(error) => {
                r.at(
                    (number, error.valid_up_to() + 1),
                    DiagnosticKind::Parse,
                    "",
                    "not UTF-8 text".into(),
                );
                continue;
            }
        };
        let line = text.trim_start_matches('\u{feff}').trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(entity) = parse(r, number, line) {
            add(r, (&mut entities, &mut position), entity, number);
        }
    }
    entities
}

/// One line as an entity, or a located error.
fn parse(r: &mut Reporter, number: usize, line: &str) -> Option<FtmEntity> {
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
            return None;
        }
    };
    if entity.id.trim().is_empty() {
        r.at(
            (number, 1),
            DiagnosticKind::MissingField,
            "id",
            "an entity without an id".into(),
        );
        return None;
    }
    if schema(&entity.schema).is_none() {
        r.omit(format!(
            "{} entities (a schema tiegraph does not draw)",
            entity.schema
        ));
        return None;
    }
    Some(entity)
}

/// Adds an entity, or merges it into the earlier fragment of the same id:
/// the more specific of two related schemata wins (a `LegalEntity` and a
/// `Company` fragment make a Company); unrelated ones cannot be one entity,
/// and the later fragment is left out, said where.
fn add(
    r: &mut Reporter,
    (entities, position): (&mut Vec<Read>, &mut HashMap<String, usize>),
    entity: FtmEntity,
    number: usize,
) {
    let Some(&at) = position.get(&entity.id) else {
        position.insert(entity.id.clone(), entities.len());
        entities.push(Read {
            entity,
            line: number,
        });
        return;
    };
    let first = &mut entities[at];
    if first.entity.schema != entity.schema {
        let (Some(old), Some(new)) = (schema(&first.entity.schema), schema(&entity.schema)) else {
            return;
        };
        if new.is_a(old.name) {
            first.entity.schema = entity.schema.clone();
        } else if !old.is_a(new.name) {
            r.at(
                (number, 1),
                DiagnosticKind::NotImported,
                "schema",
                format!(
                    "`{}` is a {} here but a {} on line {}: this fragment is left out",
                    entity.id, entity.schema, first.entity.schema, first.line
                ),
            );
            return;
        }
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
