//! Problems found in the tables: each located at its row while the tables
//! are read, and at the cell of its column afterwards.

use rustc_hash::FxHashMap;

use super::position::{CellAt, cell_columns};
use super::table::TableInput;
use crate::load::diagnostic::{Diagnostic, DiagnosticKind};

/// Where a row is: its line (as an editor counts) and the byte offset the
/// csv reader gives for it, or only line 1 for the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct RowAt {
    pub(super) line: u64,
    pub(super) byte: Option<u64>,
}

impl RowAt {
    /// The file as a whole (its header, its size).
    pub(super) const FILE: RowAt = RowAt {
        line: 1,
        byte: None,
    };
}

/// Collects located problems across the three files.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) list: Vec<Diagnostic>,
    /// For each diagnostic, the row it is on, if it is on one.
    rows: Vec<Option<u64>>,
    /// Each table read, for finding the columns of cells afterwards.
    pub(super) tables: Vec<(String, TableInput, FxHashMap<String, usize>)>,
    /// Where the bytes read are counted, for a progress bar.
    pub(super) progress: Option<std::sync::Arc<crate::load::Progress>>,
}

impl Problems {
    pub(super) fn add(
        &mut self,
        kind: DiagnosticKind,
        (file, at): (&str, RowAt),
        field: &str,
        message: String,
        expected: Option<String>,
        found: Option<String>,
    ) {
        self.push(
            Diagnostic {
                kind,
                file: file.to_string(),
                line: at.line as usize,
                column: 1,
                span: 0..0,
                field: field.to_string(),
                message,
                expected,
                found,
                help: None,
            },
            at.byte,
        );
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic, row_byte: Option<u64>) {
        self.list.push(diagnostic);
        self.rows.push(row_byte);
    }

    /// Points each diagnostic on a row at the cell of its column: line,
    /// column and byte, found by reading each table once more (only those
    /// with diagnostics, and only up to the last of them).
    pub(super) fn locate_cells(&mut self) {
        for (file, input, columns) in &self.tables {
            let mut cells: Vec<(CellAt, usize)> = self
                .list
                .iter()
                .zip(&self.rows)
                .enumerate()
                .filter(|(_, (d, _))| d.file == *file)
                .filter_map(|(i, (d, row))| {
                    let field = *columns.get(d.field.as_str())?;
                    let cell = CellAt {
                        record_byte: (*row)?,
                        record_line: d.line as u64,
                        field,
                    };
                    Some((cell, i))
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            cells.sort_by_key(|(cell, _)| (cell.record_byte, cell.field));
            let Ok(reader) = input.reader() else {
                continue;
            };
            let wanted: Vec<CellAt> = cells.iter().map(|(cell, _)| *cell).collect();
            for (position, (_, i)) in cell_columns(reader, &wanted).into_iter().zip(&cells) {
                if let Some(position) = position {
                    let diagnostic = &mut self.list[*i];
                    diagnostic.line = position.line as usize;
                    diagnostic.column = position.column as usize;
                    let byte = position.byte as usize;
                    diagnostic.span = byte..byte;
                }
            }
        }
    }
}
