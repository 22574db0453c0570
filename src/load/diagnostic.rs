//! Located diagnostics: file:line:column, the field, what was expected and
//! what was found.

use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is. Errors refuse the dataset; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What went wrong. Each kind has a stable code shown as `error[code]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    Parse,
    WrongSeparator,
    UnknownField,
    MissingField,
    WrongType,
    InvalidId,
    UnknownKind,
    UnknownRelation,
    DuplicateId,
    DuplicateAlias,
    DanglingReference,
    ClaimWithoutEvidence,
    EmptyQuote,
    QuoteNotFound,
    DocumentMissing,
    DocumentUnreadable,
    DocumentOutsideFolder,
    InvalidDate,
    LoneConflict,
    // Warnings below: the dataset loads, but a curator should look.
    AliasNotInSources,
    OrphanNode,
    UncitedDocument,
}

impl DiagnosticKind {
    /// The stable code shown to users and matched by tests.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Parse => "parse",
            DiagnosticKind::WrongSeparator => "wrong-separator",
            DiagnosticKind::UnknownField => "unknown-field",
            DiagnosticKind::MissingField => "missing-field",
            DiagnosticKind::WrongType => "wrong-type",
            DiagnosticKind::InvalidId => "invalid-id",
            DiagnosticKind::UnknownKind => "unknown-kind",
            DiagnosticKind::UnknownRelation => "unknown-relation",
            DiagnosticKind::DuplicateId => "duplicate-id",
            DiagnosticKind::DuplicateAlias => "duplicate-alias",
            DiagnosticKind::DanglingReference => "dangling-reference",
            DiagnosticKind::ClaimWithoutEvidence => "claim-without-evidence",
            DiagnosticKind::EmptyQuote => "empty-quote",
            DiagnosticKind::QuoteNotFound => "quote-not-found",
            DiagnosticKind::DocumentMissing => "document-missing",
            DiagnosticKind::DocumentUnreadable => "document-unreadable",
            DiagnosticKind::DocumentOutsideFolder => "document-outside-folder",
            DiagnosticKind::InvalidDate => "invalid-date",
            DiagnosticKind::LoneConflict => "lone-conflict",
            DiagnosticKind::AliasNotInSources => "alias-not-in-sources",
            DiagnosticKind::OrphanNode => "orphan-node",
            DiagnosticKind::UncitedDocument => "uncited-document",
        }
    }

    /// Errors refuse the dataset; the rest are warnings.
    pub fn severity(self) -> Severity {
        match self {
            DiagnosticKind::AliasNotInSources
            | DiagnosticKind::OrphanNode
            | DiagnosticKind::UncitedDocument => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One located problem in a dataset file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// The file as the user named it (or `<embedded>/…`).
    pub file: String,
    /// 1-based line and column (in characters) of the offending text.
    pub line: usize,
    pub column: usize,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// Where in the dataset: `claims[3].relation`.
    pub field: String,
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}[{}]: ",
            self.file,
            self.line,
            self.column,
            self.kind.code()
        )?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(expected) = &self.expected {
            write!(f, "\n    expected: {expected}")?;
        }
        if let Some(found) = &self.found {
            write!(f, "\n    found:    {found}")?;
        }
        if let Some(help) = &self.help {
            for (index, line) in help.lines().enumerate() {
                let lead = if index == 0 { "help:    " } else { "         " };
                write!(f, "\n    {lead} {line}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset in `text`.
///
/// Offsets past the end or inside a character are clamped, so a bad span
/// can never panic.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

/// Where each line of a text starts, and how many characters precede each
/// 1 KiB block, so that many offsets are turned into lines and columns
/// without rescanning the text each time (a hostile file with a million
/// diagnostics, or a one-line JSON file, would otherwise take hours).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offsets of every `\n`.
    newlines: Vec<usize>,
    /// Characters in `text[..i * BLOCK]`, counted as bytes that do not
    /// continue a UTF-8 sequence (so any byte position works).
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 1024;

fn is_char_start(byte: u8) -> bool {
    byte & 0xc0 != 0x80
}

impl LineIndex {
    /// O(text length).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += block.iter().filter(|&&b| is_char_start(b)).count();
        }
        chars_before_block.push(chars);
        LineIndex {
            newlines: bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
            chars_before_block,
        }
    }

    /// Characters in `text[..offset]`. O(BLOCK).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.chars_before_block.get(block).copied().unwrap_or(0);
        let start = (block * BLOCK).min(offset);
        counted
            + text.as_bytes()[start..offset]
                .iter()
                .filter(|&&b| is_char_start(b))
                .count()
    }

    /// 1-based line and column (in characters) of a byte offset of `text`
    /// (the text this index was made from). O(log lines + BLOCK).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.newlines.partition_point(|&n| n < offset);
        let line_start = if line == 0 {
            0
        } else {
            self.newlines[line - 1] + 1
        };
        let column = self.chars_before(text, offset) - self.chars_before(text, line_start) + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
fn line_column_by_scan(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let long = "é".repeat(1500) + "x\n" + &"a€".repeat(700);
        for text in ["first\nsécond line\n\n  «fourth»\nlast", long.as_str()] {
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    line_column(text, offset),
                    line_column_by_scan(text, offset),
                    "offset {offset}"
                );
            }
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nnäme = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'ä' is two bytes but one column.
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 6));
        assert_eq!(line_column(text, 8), (2, 2));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
