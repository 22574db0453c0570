//! One table, read a row at a time: the header checked, the rows split
//! into records (on a thread of their own for large files), lines counted
//! as an editor counts them, and the helpers that read cells.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::position::LineCounter;
use super::problems::{Problems, RowAt};
use crate::load::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{Attributes, DateSpec};
use crate::text::{Interner, SharedStr};

/// One CSV file, read a row at a time so that a large file is never held
/// in memory as rows. A reader thread splits the file into records while
/// the loader checks the rows already read: on two cores that hides most of
/// the parsing time.
pub(super) struct Table {
    pub(super) file: String,
    pub(super) headers: Vec<String>,
    /// Column name → position, so a lookup per cell does not scan the header.
    index: FxHashMap<String, usize>,
    rows: RowStream,
    /// The current row; its buffers go back to the reader for reuse.
    pub(super) record: csv::StringRecord,
    /// What the table's [`Annotate`] found in the current row.
    pub(super) note: RowNote,
}

/// What a table's reader works out from each row besides splitting it:
/// for `edges.csv`, the positions of its two ends (`u32::MAX`: no such
/// entity). Done on the reader's thread, where it overlaps the loader's work.
pub(super) type RowNote = [u32; 2];

/// Makes the function that annotates each row, once the header's columns
/// are known.
pub(super) type Annotate = Box<
    dyn FnOnce(&FxHashMap<String, usize>) -> Box<dyn FnMut(&csv::StringRecord) -> RowNote + Send>,
>;

/// The function annotating each row; none leaves every note empty.
type Annotator = Option<Box<dyn FnMut(&csv::StringRecord) -> RowNote + Send>>;

/// What the reader thread found at one row.
enum RowRead {
    /// A row, its position holding the line as an editor counts it.
    Record(csv::StringRecord, RowNote),
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
        annotate: Annotator,
        finished: bool,
    },
}

const ROWS_PER_BATCH: usize = 2048;
/// Batches read ahead of the loader: bounds the memory a fast reader takes.
const BATCHES_AHEAD: usize = 4;
/// Tables larger than this are read on their own thread.
pub(super) const THREADED_FROM_BYTES: u64 = 1024 * 1024;

/// Refills `batch` (reusing the records it held) with up to a batch of
/// rows; returns whether the table is finished.
fn fill_batch(reader: &mut CsvReader, batch: &mut Vec<RowRead>, annotate: &mut Annotator) -> bool {
    let mut spare: Vec<csv::StringRecord> = batch
        .drain(..)
        .filter_map(|row| match row {
            RowRead::Record(record, _) => Some(record),
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
                let note = annotate.as_mut().map_or([u32::MAX; 2], |f| f(&record));
                batch.push(RowRead::Record(record, note));
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
    fn inline(reader: CsvReader, annotate: Annotator) -> Self {
        RowStream {
            source: RowSource::Inline {
                reader: Box::new(reader),
                annotate,
                finished: false,
            },
            current: Vec::new().into_iter(),
            spent: Vec::new(),
        }
    }

    fn spawn(mut reader: CsvReader, mut annotate: Annotator) -> std::io::Result<Self> {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<RowRead>>(BATCHES_AHEAD);
        let (recycle, returned) = std::sync::mpsc::channel::<Vec<RowRead>>();
        std::thread::Builder::new()
            .name("csv reader".into())
            .spawn(move || {
                loop {
                    let mut batch = returned.try_recv().unwrap_or_default();
                    let finished = fill_batch(&mut reader, &mut batch, &mut annotate);
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
                RowSource::Inline {
                    reader,
                    annotate,
                    finished,
                } => {
                    if *finished {
                        return None;
                    }
                    *finished = fill_batch(reader, &mut spent, annotate);
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
    pub(super) fn next_row(&mut self, problems: &mut Problems) -> Option<RowAt> {
        loop {
            match self.rows.next()? {
                RowRead::Record(mut record, note) => {
                    std::mem::swap(&mut self.record, &mut record);
                    self.note = note;
                    self.rows.spent.push(RowRead::Record(record, note));
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

    pub(super) fn value<'a>(&self, row: &'a csv::StringRecord, column: &str) -> Option<&'a str> {
        cell(row, self.column(column))
    }

    /// The position of a column, looked up once per file so that rows are
    /// read by position, not by name.
    pub(super) fn column(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// A non-blank cell of `row` in `column`.
pub(super) fn cell(row: &csv::StringRecord, column: Option<usize>) -> Option<&str> {
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

/// Where a table's rows come from: a file, or bytes in memory. Either can be
/// read a second time, to find the columns of the cells that diagnostics
/// point at.
#[derive(Clone, Debug)]
pub enum TableInput {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl TableInput {
    /// Its size in bytes (0 if it cannot be known).
    pub(super) fn len(&self) -> u64 {
        match self {
            TableInput::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            TableInput::Bytes(bytes) => bytes.len() as u64,
        }
    }

    /// A reader from the start of the table.
    pub(super) fn reader(&self) -> std::io::Result<Box<dyn Read + Send>> {
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

/// Names a table file, refusing one that is missing. (Tables are streamed,
/// so their size is not limited here; the folder's size is weighed against
/// the memory there is, see `memory`.)
pub(super) fn open_table(path: &Path, problems: &mut Problems) -> Option<(String, TableInput)> {
    let file = path.display().to_string();
    if let Err(error) = std::fs::metadata(path) {
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
    // Opened (and an unreadable file reported) when it is read.
    Some((file, TableInput::File(path.to_path_buf())))
}

/// Reads a table's header and starts reading its rows; `file` names it in
/// diagnostics.
pub(super) fn read_table(
    (file, input, threaded): (String, TableInput, bool),
    required: &[&str],
    problems: &mut Problems,
) -> Option<Table> {
    read_table_annotated((file, input, threaded), required, problems, None)
}

/// [`read_table`], with each row annotated by what `annotate` makes (on the
/// reader's thread when there is one).
pub(super) fn read_table_annotated(
    (file, input, threaded): (String, TableInput, bool),
    required: &[&str],
    problems: &mut Problems,
    annotate: Option<Annotate>,
) -> Option<Table> {
    let opened = match input.reader() {
        Ok(opened) => match &problems.progress {
            Some(progress) => Box::new(crate::load::progress::Counted {
                inner: opened,
                progress: progress.clone(),
            }),
            None => opened,
        },
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
    let annotator = annotate.map(|make| make(&index));
    let rows = match if threaded {
        RowStream::spawn(reader, annotator)
    } else {
        Ok(RowStream::inline(reader, annotator))
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
        note: [u32::MAX; 2],
    })
}

pub(super) fn parse_date(
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

/// The columns of a table that are not in `known`, which become
/// attributes, and the values they hold. Worked out once per file; each
/// row's attributes then share the column names and repeated values.
pub(super) struct ExtraColumns {
    columns: Vec<(usize, SharedStr)>,
    values: Interner,
}

impl ExtraColumns {
    pub(super) fn of(table: &Table, known: &[&str]) -> Self {
        ExtraColumns {
            columns: (0..table.headers.len())
                .filter(|&i| !known.contains(&table.headers[i].as_str()))
                .map(|i| (i, SharedStr::from(&table.headers[i])))
                .collect(),
            values: Interner::default(),
        }
    }

    /// The attributes of one row: its non-blank extra cells.
    pub(super) fn attributes(&mut self, row: &csv::StringRecord) -> Attributes {
        let filled = self
            .columns
            .iter()
            .filter(|(i, _)| cell(row, Some(*i)).is_some())
            .count();
        let mut attributes = Attributes::with_capacity(filled);
        for (i, key) in &self.columns {
            if let Some(value) = cell(row, Some(*i)) {
                attributes.insert(key.clone(), self.values.intern(value));
            }
        }
        attributes
    }
}
