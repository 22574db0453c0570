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
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::csv_position::{CellAt, LineCounter, cell_columns};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::quote::{NormalizedText, locate, normalize_quote};
use super::{
    DocumentReadError, DocumentStore, FolderStore, LoadError, Loaded, MAX_FILE_BYTES,
    check_relative_path,
};
use crate::index::IdIndex;
use crate::model::{
    Attributes, Claim, Dataset, DateSpec, Document, Evidence, Node, NodeKind, Relation,
};
use rustc_hash::FxHashMap;

/// Where a row is: its line (as an editor counts) and the byte offset the
/// csv reader gives for it, or only line 1 for the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowAt {
    line: u64,
    byte: Option<u64>,
}

impl RowAt {
    /// The file as a whole (its header, its size).
    const FILE: RowAt = RowAt {
        line: 1,
        byte: None,
    };
}

/// Collects located problems across the three files.
#[derive(Default)]
struct Problems {
    list: Vec<Diagnostic>,
    /// For each diagnostic, the row it is on, if it is on one.
    rows: Vec<Option<u64>>,
    /// Each table read, for finding the columns of cells afterwards.
    tables: Vec<(String, TableInput, FxHashMap<String, usize>)>,
}

impl Problems {
    fn add(
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

    fn push(&mut self, diagnostic: Diagnostic, row_byte: Option<u64>) {
        self.list.push(diagnostic);
        self.rows.push(row_byte);
    }

    /// Points each diagnostic on a row at the cell of its column: line,
    /// column and byte, found by reading each table once more (only those
    /// with diagnostics, and only up to the last of them).
    fn locate_cells(&mut self) {
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

/// One CSV file, read a row at a time so that a large file is never held
/// in memory as rows. A reader thread splits the file into records while
/// the loader checks the rows already read: on two cores that hides most of
/// the parsing time.
struct Table {
    file: String,
    headers: Vec<String>,
    /// Column name → position, so a lookup per cell does not scan the header.
    index: FxHashMap<String, usize>,
    rows: RowStream,
    /// The current row; its buffers go back to the reader for reuse.
    record: csv::StringRecord,
}

/// What the reader thread found at one row.
enum RowRead {
    /// A row, its position holding the line as an editor counts it.
    Record(csv::StringRecord),
    /// A malformed row: where, whether it ends the file (I/O), and why.
    Bad {
        at: RowAt,
        fatal: bool,
        message: String,
    },
}

/// The csv reader over a table, counting lines as the bytes pass.
type CsvReader = csv::Reader<LineCounter<Box<dyn Read + Send>>>;

/// Rows read in batches, on another thread for large files (emptied
/// batches are sent back so their records' buffers are reused rather than
/// allocated per row), or in line for small ones, where a thread costs
/// more than it saves.
struct RowStream {
    source: RowSource,
    current: std::vec::IntoIter<RowRead>,
    spent: Vec<RowRead>,
}

enum RowSource {
    Thread {
        batches: std::sync::mpsc::Receiver<Vec<RowRead>>,
        recycle: std::sync::mpsc::Sender<Vec<RowRead>>,
    },
    Inline {
        reader: Box<CsvReader>,
        finished: bool,
    },
}

const ROWS_PER_BATCH: usize = 2048;
/// Batches read ahead of the loader: bounds the memory a fast reader takes.
const BATCHES_AHEAD: usize = 4;
/// Tables larger than this are read on their own thread.
const THREADED_FROM_BYTES: u64 = 1024 * 1024;

/// Refills `batch` (reusing the records it held) with up to a batch of
/// rows; returns whether the table is finished.
fn fill_batch(reader: &mut CsvReader, batch: &mut Vec<RowRead>) -> bool {
    let mut spare: Vec<csv::StringRecord> = batch
        .drain(..)
        .filter_map(|row| match row {
            RowRead::Record(record) => Some(record),
            RowRead::Bad { .. } => None,
        })
        .collect();
    while batch.len() < ROWS_PER_BATCH {
        let mut record = spare.pop().unwrap_or_default();
        match reader.read_record(&mut record) {
            Ok(false) => return true,
            Ok(true) => {
                // The csv crate's own line is one short after a CRLF line end.
                if let Some(position) = record.position() {
                    let mut counted = position.clone();
                    counted.set_line(reader.get_mut().line_at(position.byte()));
                    record.set_position(Some(counted));
                }
                batch.push(RowRead::Record(record));
            }
            Err(error) => {
                let fatal = matches!(error.kind(), csv::ErrorKind::Io(_));
                let at = match error.position() {
                    Some(position) => RowAt {
                        line: reader.get_mut().line_at(position.byte()),
                        byte: Some(position.byte()),
                    },
                    None => RowAt::FILE,
                };
                batch.push(RowRead::Bad {
                    at,
                    fatal,
                    message: row_error_message(&error),
                });
                if fatal {
                    return true;
                }
            }
        }
    }
    false
}

impl RowStream {
    fn inline(reader: CsvReader) -> Self {
        RowStream {
            source: RowSource::Inline {
                reader: Box::new(reader),
                finished: false,
            },
            current: Vec::new().into_iter(),
            spent: Vec::new(),
        }
    }

    fn spawn(mut reader: CsvReader) -> std::io::Result<Self> {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<RowRead>>(BATCHES_AHEAD);
        let (recycle, returned) = std::sync::mpsc::channel::<Vec<RowRead>>();
        std::thread::Builder::new()
            .name("csv reader".into())
            .spawn(move || {
                loop {
                    let mut batch = returned.try_recv().unwrap_or_default();
                    let finished = fill_batch(&mut reader, &mut batch);
                    // The loader stopped listening: stop reading.
                    if send.send(batch).is_err() || finished {
                        return;
                    }
                }
            })?;
        Ok(RowStream {
            source: RowSource::Thread { batches, recycle },
            current: Vec::new().into_iter(),
            spent: Vec::new(),
        })
    }

    fn next(&mut self) -> Option<RowRead> {
        loop {
            if let Some(row) = self.current.next() {
                return Some(row);
            }
            let mut spent = std::mem::take(&mut self.spent);
            spent.shrink_to(ROWS_PER_BATCH);
            match &mut self.source {
                RowSource::Thread { batches, recycle } => {
                    if !spent.is_empty() {
                        // The reader may have finished; then the batch is dropped.
                        let _ = recycle.send(spent);
                    }
                    self.current = batches.recv().ok()?.into_iter();
                }
                RowSource::Inline { reader, finished } => {
                    if *finished {
                        return None;
                    }
                    *finished = fill_batch(reader, &mut spent);
                    self.current = spent.into_iter();
                }
            }
        }
    }
}

fn row_error_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    }
}

impl Table {
    /// Moves to the next well-formed row (`self.record`) and returns where
    /// it is; malformed rows are reported and skipped, so every bad row of
    /// the file is listed.
    fn next_row(&mut self, problems: &mut Problems) -> Option<RowAt> {
        loop {
            match self.rows.next()? {
                RowRead::Record(mut record) => {
                    std::mem::swap(&mut self.record, &mut record);
                    self.rows.spent.push(RowRead::Record(record));
                    return Some(self.record.position().map_or(RowAt::FILE, |p| RowAt {
                        line: p.line(),
                        byte: Some(p.byte()),
                    }));
                }
                RowRead::Bad { at, fatal, message } => {
                    let kind = if fatal {
                        DiagnosticKind::DocumentUnreadable
                    } else {
                        DiagnosticKind::Parse
                    };
                    problems.add(kind, (&self.file, at), "", message, None, None);
                    if fatal {
                        return None;
                    }
                }
            }
        }
    }

    fn value<'a>(&self, row: &'a csv::StringRecord, column: &str) -> Option<&'a str> {
        cell(row, self.column(column))
    }

    /// The position of a column, looked up once per file so that rows are
    /// read by position, not by name.
    fn column(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// A non-blank cell of `row` in `column`.
fn cell(row: &csv::StringRecord, column: Option<usize>) -> Option<&str> {
    row.get(column?).filter(|v| !is_blank(v))
}

/// Whether a cell holds only whitespace. Most cells start with a visible
/// ASCII character, which settles it without a Unicode trim.
fn is_blank(value: &str) -> bool {
    match value.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b => false,
        Some(_) => value.trim().is_empty(),
    }
}

/// The positions of the edge table's known columns.
struct EdgeColumns {
    id: Option<usize>,
    source: Option<usize>,
    target: Option<usize>,
    relation: Option<usize>,
    date: Option<usize>,
    document: Option<usize>,
    quote: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    according_to: Option<usize>,
    relayed_from: Option<usize>,
    note: Option<usize>,
}

impl EdgeColumns {
    fn of(table: &Table) -> Self {
        EdgeColumns {
            id: table.column("id"),
            source: table.column("source"),
            target: table.column("target"),
            relation: table.column("relation"),
            date: table.column("date"),
            document: table.column("document"),
            quote: table.column("quote"),
            start: table.column("start"),
            end: table.column("end"),
            according_to: table.column("according_to"),
            relayed_from: table.column("relayed_from"),
            note: table.column("note"),
        }
    }
}

/// Where a table's rows come from: a file, or bytes in memory. Either can be
/// read a second time, to find the columns of the cells that diagnostics
/// point at.
#[derive(Clone, Debug)]
pub enum TableInput {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl TableInput {
    /// A reader from the start of the table.
    fn reader(&self) -> std::io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            TableInput::File(path) => Box::new(std::fs::File::open(path)?),
            TableInput::Bytes(bytes) => Box::new(std::io::Cursor::new(Arc::clone(bytes))),
        })
    }
}

impl From<Vec<u8>> for TableInput {
    fn from(bytes: Vec<u8>) -> Self {
        TableInput::Bytes(bytes.into())
    }
}

impl From<String> for TableInput {
    fn from(text: String) -> Self {
        TableInput::Bytes(text.into_bytes().into())
    }
}

/// Names a table file, refusing one over the size limit or missing.
fn open_table(path: &Path, problems: &mut Problems) -> Option<(String, TableInput)> {
    let file = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            problems.add(
                DiagnosticKind::DocumentUnreadable,
                (&file, RowAt::FILE),
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
                (&file, RowAt::FILE),
                "",
                format!("cannot read: {error}"),
                None,
                None,
            );
            return None;
        }
        Ok(_) => {}
    }
    // Opened (and an unreadable file reported) when it is read.
    Some((file, TableInput::File(path.to_path_buf())))
}

/// Reads a table's header and starts reading its rows; `file` names it in
/// diagnostics.
fn read_table(
    (file, input, threaded): (String, TableInput, bool),
    required: &[&str],
    problems: &mut Problems,
) -> Option<Table> {
    let opened = match input.reader() {
        Ok(opened) => opened,
        Err(error) => {
            problems.add(
                DiagnosticKind::DocumentUnreadable,
                (&file, RowAt::FILE),
                "",
                format!("cannot read: {error}"),
                None,
                None,
            );
            return None;
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(LineCounter::new(opened));
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_string()).collect(),
        Err(error) => {
            problems.add(
                DiagnosticKind::Parse,
                (&file, RowAt::FILE),
                "",
                format!("unreadable header row: {error}"),
                None,
                None,
            );
            return None;
        }
    };
    let missing = required
        .iter()
        .filter(|column| !headers.iter().any(|h| h == *column))
        .count();
    if missing > 0
        && headers.len() == 1
        && let Some(separator) = [';', '\t', '|']
            .into_iter()
            .find(|&c| headers[0].contains(c))
    {
        // One error for the cause, not one per column it hides.
        let shown = if separator == '\t' {
            "tab".to_string()
        } else {
            format!("`{separator}`")
        };
        problems.push(
            Diagnostic {
                kind: DiagnosticKind::WrongSeparator,
                file: file.clone(),
                line: 1,
                column: 1,
                span: 0..0,
                field: String::new(),
                message: format!(
                    "the header looks {shown}-separated; tiegraph reads comma-separated files"
                ),
                expected: Some(format!("a header row with {}", required.join(","))),
                found: Some(headers[0].clone()),
                help: Some(
                    "save the table as CSV with commas (in a spreadsheet: \"CSV UTF-8 (comma delimited)\")".into(),
                ),
            },
            None,
        );
        return None;
    }
    let mut ok = true;
    for column in required {
        if !headers.iter().any(|h| h == column) {
            problems.add(
                DiagnosticKind::MissingField,
                (&file, RowAt::FILE),
                column,
                format!("missing column `{column}`"),
                Some(format!("a header row with {}", required.join(", "))),
                Some(headers.join(",")),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let index: FxHashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.clone(), i))
        .collect();
    problems.tables.push((file.clone(), input, index.clone()));
    let rows = match if threaded {
        RowStream::spawn(reader)
    } else {
        Ok(RowStream::inline(reader))
    } {
        Ok(rows) => rows,
        Err(error) => {
            problems.add(
                DiagnosticKind::DocumentUnreadable,
                (&file, RowAt::FILE),
                "",
                format!("cannot start reading: {error}"),
                None,
                None,
            );
            return None;
        }
    };
    Some(Table {
        file,
        headers,
        index,
        rows,
        record: csv::StringRecord::new(),
    })
}

fn parse_date(
    table: &Table,
    (line, column): (RowAt, &str),
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
                column,
                format!("invalid date: {error}"),
                Some("YYYY, YYYY-MM, YYYY-MM-DD, or START/END".into()),
                Some(format!("{text:?}")),
            );
            None
        }
    }
}

/// The columns of a table that are not in `known`: they become attributes.
/// Worked out once per file, not per row.
fn extra_columns(table: &Table, known: &[&str]) -> Vec<usize> {
    (0..table.headers.len())
        .filter(|&i| !known.contains(&table.headers[i].as_str()))
        .collect()
}

fn extra_attributes(table: &Table, row: &csv::StringRecord, extra: &[usize]) -> Attributes {
    let filled = extra
        .iter()
        .filter(|&&i| cell(row, Some(i)).is_some())
        .count();
    let mut attributes = Attributes::with_capacity(filled);
    for &i in extra {
        if let Some(value) = cell(row, Some(i)) {
            attributes.insert(table.headers[i].clone(), value.to_string());
        }
    }
    attributes
}

/// Loads a folder holding `nodes.csv`, `edges.csv` and optionally
/// `documents.csv`.
pub fn load_csv_folder(folder: &Path) -> Result<Loaded, LoadError> {
    let mut problems = Problems::default();
    let store = FolderStore::new(folder);
    let documents_path = folder.join("documents.csv");
    let documents = if documents_path.exists() {
        open_table(&documents_path, &mut problems)
    } else {
        None
    };
    let nodes = open_table(&folder.join("nodes.csv"), &mut problems);
    let edges = open_table(&folder.join("edges.csv"), &mut problems);
    let name = folder.file_name().map_or_else(
        || "CSV dataset".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let size = ["documents.csv", "nodes.csv", "edges.csv"]
        .iter()
        .filter_map(|file| std::fs::metadata(folder.join(file)).ok())
        .map(|meta| meta.len())
        .sum::<u64>();
    let tables = CsvTables {
        documents,
        nodes,
        edges,
    };
    load_tables(&name, tables, &store, problems, size > THREADED_FROM_BYTES)
}

/// The three tables of a CSV dataset, each named (for diagnostics) and
/// readable; `documents` is optional, and a missing `nodes` or `edges` has
/// already been reported.
pub struct CsvTables {
    pub documents: Option<(String, TableInput)>,
    pub nodes: Option<(String, TableInput)>,
    pub edges: Option<(String, TableInput)>,
}

/// Loads a CSV dataset from tables in memory (or anywhere readable);
/// document texts come from `store`. What [`load_csv_folder`] does after
/// opening the files; the fuzz targets call it directly.
pub fn load_csv_tables(
    name: &str,
    tables: CsvTables,
    store: &dyn DocumentStore,
) -> Result<Loaded, LoadError> {
    load_tables(name, tables, store, Problems::default(), false)
}

/// `threaded`: read each table on its own thread (worth it for large files).
fn load_tables(
    name: &str,
    tables: CsvTables,
    store: &dyn DocumentStore,
    mut problems: Problems,
    threaded: bool,
) -> Result<Loaded, LoadError> {
    // ── documents ──
    let mut documents: Vec<Document> = Vec::new();
    let mut texts: HashMap<String, NormalizedText> = HashMap::new();
    let mut document_ids = IdIndex::default();
    if let Some((file, input)) = tables.documents
        && let Some(mut table) = read_table((file, input, threaded), &["id"], &mut problems)
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
            if document_ids
                .get(id, |i| &documents[i as usize].id)
                .is_some()
            {
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
                published: parse_date(
                    &table,
                    (*line, "published"),
                    table.value(row, "published"),
                    &mut problems,
                ),
                path: table.value(row, "path").unwrap_or_default().to_string(),
                note: table.value(row, "note").map(str::to_string),
                text,
            });
            document_ids.insert(documents.len() as u32 - 1, |i| &documents[i as usize].id);
        }
    }
    let document_index: HashMap<String, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();

    // ── nodes ──
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_lines: Vec<RowAt> = Vec::new();
    // Node id → position in `nodes` (the ids are not copied).
    let mut node_ids = IdIndex::default();
    let mut nodes_file = String::from("nodes.csv");
    if let Some((file, input)) = tables.nodes
        && let Some(mut table) = read_table((file, input, threaded), &["id", "kind"], &mut problems)
    {
        nodes_file = table.file.clone();
        const KNOWN: [&str; 6] = ["id", "kind", "label", "aliases", "date", "note"];
        let extra = extra_columns(&table, &KNOWN);
        let [c_id, c_kind, c_label, c_aliases, c_date, c_note] = KNOWN.map(|k| table.column(k));
        while let Some(line) = table.next_row(&mut problems) {
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
                date: parse_date(&table, (*line, "date"), cell(row, c_date), &mut problems),
                attributes: extra_attributes(&table, row, &extra),
                note: cell(row, c_note).map(str::to_string),
            });
            node_ids.insert(nodes.len() as u32 - 1, |i| &nodes[i as usize].id);
        }
    }

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
    // Claim id → position in `claims`, so rows with the same id add evidence.
    let mut claim_index = IdIndex::default();
    if let Some((file, input)) = tables.edges
        && let Some(mut table) = read_table(
            (file, input, threaded),
            &["source", "target", "relation"],
            &mut problems,
        )
    {
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
        let extra = extra_columns(&table, KNOWN);
        let columns = EdgeColumns::of(&table);
        while let Some(line) = table.next_row(&mut problems) {
            let (line, row) = (&line, &table.record);
            let line = *line;
            let (Some(source), Some(target)) =
                (cell(row, columns.source), cell(row, columns.target))
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
                if node_ids.get(end, |i| &nodes[i as usize].id).is_none() {
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
            let relation_text = cell(row, columns.relation).unwrap_or_default();
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
            let date = parse_date(
                &table,
                (line, "date"),
                cell(row, columns.date),
                &mut problems,
            );
            let evidence = evidence_of(
                &table,
                &columns,
                line,
                &document_index,
                &documents,
                &texts,
                &mut problems,
            );
            let (Some(relation), false) = (relation, bad) else {
                continue;
            };
            let Some(evidence) = evidence else { continue };
            let id = cell(row, columns.id)
                .map(str::to_string)
                .unwrap_or_else(|| Claim::default_id(source, relation, target));
            match claim_index.get(&id, |i| &claims[i as usize].id) {
                Some(existing) => {
                    let claim = &mut claims[existing as usize];
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
                    claims.push(Claim {
                        id,
                        from: source.to_string(),
                        relation,
                        to: target.to_string(),
                        date,
                        attributes: extra_attributes(&table, row, &extra),
                        note: cell(row, columns.note).map(str::to_string),
                        conflict: None,
                        evidence: vec![evidence],
                    });
                    claim_index.insert(claims.len() as u32 - 1, |i| &claims[i as usize].id);
                }
            }
        }
    }

    if !problems.list.is_empty() {
        problems.locate_cells();
        problems.list.sort_by(|a, b| {
            (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
        });
        return Err(LoadError::Invalid {
            diagnostics: problems.list,
        });
    }
    let name = name.to_string();
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
    columns: &EdgeColumns,
    line: RowAt,
    document_index: &HashMap<String, usize>,
    documents: &[Document],
    texts: &HashMap<String, NormalizedText>,
    problems: &mut Problems,
) -> Option<Evidence> {
    let row = &table.record;
    let (Some(document), Some(quote)) = (cell(row, columns.document), cell(row, columns.quote))
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
    let offset =
        |column: Option<usize>| cell(row, column).and_then(|v| v.trim().parse::<usize>().ok());
    let (mut start, mut end) = (
        offset(columns.start).unwrap_or(0),
        offset(columns.end).unwrap_or(0),
    );
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
        according_to: cell(row, columns.according_to).map(str::to_string),
        relayed_from: cell(row, columns.relayed_from).map(str::to_string),
    })
}
