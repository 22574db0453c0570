//! Where a CSV row and cell are, in the lines and columns an editor shows.
//!
//! The csv crate counts lines itself, but a record after a CRLF line end
//! starts at that line's `\n`, which it has not counted yet, so every row of
//! a Windows-made file came out one line early. [`LineCounter`] counts line
//! ends as the bytes pass through it instead (`\n`, `\r\n` and a lone `\r`
//! each end one line, as they do in editors) and answers for a record's
//! byte offset. [`cell_columns`] then finds the column of each cell that a
//! diagnostic points at, by reading the table a second time: only when
//! there are diagnostics, and only up to the last one.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

/// A reader that notes where its lines end, so the line of any later byte
/// offset can be told. Offsets must be asked in increasing order (records
/// are); what lies before the last one asked is forgotten, so the memory
/// held is that of the csv reader's read-ahead, not of the file.
pub struct LineCounter<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Line-end bytes not yet passed: offset, and whether it ends a line
    /// (the `\r` of a `\r\n` does not; its `\n` does).
    ends: VecDeque<(u64, bool)>,
    /// A `\r` that was the last byte read: whether a `\n` follows is not
    /// known yet.
    pending_cr: Option<u64>,
    /// Lines ended before the first entry of `ends`.
    lines_before: u64,
}

impl<R: Read> LineCounter<R> {
    pub fn new(inner: R) -> Self {
        LineCounter {
            inner,
            read: 0,
            ends: VecDeque::new(),
            pending_cr: None,
            lines_before: 0,
        }
    }

    /// The 1-based line of the first byte at or after `offset` that is not
    /// a line end: a record's offset may point at the line ends before it
    /// (the `\n` of a `\r\n`, blank lines).
    pub fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = offset;
        while let Some(&(at, ends_line)) = self.ends.front() {
            if at > offset {
                break;
            }
            self.ends.pop_front();
            self.lines_before += u64::from(ends_line);
            if at == offset {
                // A line end at the start: the record begins after it.
                offset += 1;
            }
        }
        self.lines_before + 1
    }

    fn note(&mut self, chunk: &[u8]) {
        let base = self.read;
        if let Some(cr) = self.pending_cr.take() {
            let crlf = chunk.first() == Some(&b'\n');
            self.ends.push_back((cr, !crlf));
        }
        for at in memchr::memchr2_iter(b'\r', b'\n', chunk) {
            let offset = base + at as u64;
            if chunk[at] == b'\n' {
                self.ends.push_back((offset, true));
            } else if at + 1 == chunk.len() {
                self.pending_cr = Some(offset);
            } else {
                self.ends.push_back((offset, chunk[at + 1] != b'\n'));
            }
        }
        self.read += chunk.len() as u64;
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.ends.push_back((cr, true));
            }
        } else {
            self.note(&buf[..n]);
        }
        Ok(n)
    }
}

/// A cell a diagnostic points at: the byte offset and line of its record
/// (as the loader saw them) and the cell's position in the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellAt {
    pub record_byte: u64,
    pub record_line: u64,
    pub field: usize,
}

/// Where a cell starts: its line (a quoted cell before it may hold line
/// ends), its 1-based column in characters, and its byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellPosition {
    pub line: u64,
    pub column: u64,
    pub byte: u64,
}

/// Finds the position of each cell in `cells` (sorted by record offset,
/// then field) by reading the table once more, up to the last of them. A
/// cell that cannot be found (the file changed since, or its record is
/// short) gets `None`.
pub fn cell_columns(input: impl Read, cells: &[CellAt]) -> Vec<Option<CellPosition>> {
    let mut bytes = std::io::BufReader::with_capacity(64 * 1024, input);
    let mut at: u64 = 0;
    let mut found = Vec::with_capacity(cells.len());
    let mut rest = cells;
    while let Some(first) = rest.first() {
        // The cells of one record, found in one walk over it.
        let same = rest
            .iter()
            .take_while(|c| c.record_byte == first.record_byte)
            .count();
        let (record, later) = rest.split_at(same);
        rest = later;
        if first.record_byte < at || skip(&mut bytes, first.record_byte - at).is_err() {
            found.extend(std::iter::repeat_n(None, record.len()));
            at = u64::MAX;
            continue;
        }
        at = first.record_byte;
        let fields: Vec<usize> = record.iter().map(|c| c.field).collect();
        let mut scan = Scan {
            bytes: &mut bytes,
            at: &mut at,
        };
        found.extend(scan.cells(first.record_line, &fields));
    }
    found
}

fn skip(bytes: &mut impl BufRead, mut count: u64) -> std::io::Result<()> {
    while count > 0 {
        let available = bytes.fill_buf()?;
        if available.is_empty() {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let step = available
            .len()
            .min(usize::try_from(count).unwrap_or(usize::MAX));
        bytes.consume(step);
        count -= step as u64;
    }
    Ok(())
}

/// A walk over one record's bytes, keeping the line and column.
struct Scan<'a, R> {
    bytes: &'a mut R,
    at: &'a mut u64,
}

/// Line and characters since the start of the line, as a walk goes.
struct Cursor {
    line: u64,
    column: u64,
}

impl Cursor {
    /// Moves over `byte`; `next` tells a `\r\n` (one line end) from a lone `\r`.
    fn step(&mut self, byte: u8, next: Option<u8>) {
        if byte == b'\n' || (byte == b'\r' && next != Some(b'\n')) {
            self.line += 1;
            self.column = 0;
        } else if byte & 0xC0 != 0x80 && byte != b'\r' {
            // Continuation bytes of a UTF-8 character add no column.
            self.column += 1;
        }
    }
}

impl<R: BufRead> Scan<'_, R> {
    fn peek(&mut self) -> Option<u8> {
        self.bytes.fill_buf().ok()?.first().copied()
    }

    fn take(&mut self, cursor: &mut Cursor) -> Option<u8> {
        let byte = self.peek()?;
        self.bytes.consume(1);
        *self.at += 1;
        let following = self.peek();
        cursor.step(byte, following);
        Some(byte)
    }

    /// Walks from the record's start, noting where each of `fields`
    /// (ascending) starts.
    fn cells(&mut self, record_line: u64, fields: &[usize]) -> Vec<Option<CellPosition>> {
        let mut cursor = Cursor {
            line: record_line,
            column: 0,
        };
        // The record's offset may point at the line ends before it; the
        // record's line already counts them.
        while matches!(self.peek(), Some(b'\r' | b'\n')) {
            self.bytes.consume(1);
            *self.at += 1;
        }
        let mut found = Vec::with_capacity(fields.len());
        let mut field = 0;
        for &wanted in fields {
            while field < wanted {
                if self.skip_cell(&mut cursor).is_none() {
                    found.resize(fields.len(), None);
                    return found;
                }
                field += 1;
            }
            found.push(Some(CellPosition {
                line: cursor.line,
                column: cursor.column + 1,
                byte: *self.at,
            }));
        }
        found
    }

    /// Moves past one cell and the comma after it; `None` at the end of the
    /// record or the data.
    fn skip_cell(&mut self, cursor: &mut Cursor) -> Option<()> {
        if self.peek() == Some(b'"') {
            self.take(cursor);
            loop {
                if self.take(cursor)? == b'"' {
                    if self.peek() == Some(b'"') {
                        self.take(cursor);
                    } else {
                        break;
                    }
                }
            }
        }
        loop {
            match self.peek()? {
                b'\r' | b'\n' => return None,
                _ => {
                    if self.take(cursor)? == b',' {
                        return Some(());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of every record, as the csv crate reports offsets.
    fn record_lines(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(text.as_bytes()));
        let mut record = csv::StringRecord::new();
        let mut lines = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let byte = record.position().unwrap().byte();
            lines.push(reader.get_mut().line_at(byte));
        }
        lines
    }

    #[test]
    fn lines_are_counted_the_same_for_lf_crlf_and_lone_cr() {
        assert_eq!(record_lines("h\na\nb\n"), [1, 2, 3]);
        assert_eq!(record_lines("h\r\na\r\nb\r\n"), [1, 2, 3]);
        assert_eq!(record_lines("h\ra\rb"), [1, 2, 3]);
        assert_eq!(record_lines("h\r\n\r\na\n\nb"), [1, 3, 5]);
        assert_eq!(record_lines("h\r\n\"x\r\ny\",z\r\nb\r\n"), [1, 2, 4]);
        assert_eq!(record_lines("\u{feff}h\r\na"), [1, 2]);
    }

    #[test]
    fn a_cell_is_found_after_quoted_cells_and_multibyte_text() {
        let text = "h1,h2,h3\r\nÄä,\"a,\"\"b\"\"\",x\r\n\"multi\r\nline\",y,z\r\n";
        let second = text.find("Ää").unwrap() as u64;
        let third = text.find("\"multi").unwrap() as u64;
        let cells = [
            CellAt {
                record_byte: second,
                record_line: 2,
                field: 2,
            },
            CellAt {
                record_byte: third,
                record_line: 3,
                field: 1,
            },
        ];
        let found = cell_columns(text.as_bytes(), &cells);
        assert_eq!(found[0].map(|p| (p.line, p.column)), Some((2, 14)));
        assert_eq!(found[1].map(|p| (p.line, p.column)), Some((4, 7)));
    }
}
