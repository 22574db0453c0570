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
    /// A modality, reliability or credibility outside its scale.
    InvalidGrade,
    UnknownKind,
    UnknownRelation,
    InvalidVocabulary,
    DuplicateId,
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
    SharedName,
    NotImported,
    UnverifiedEvidence,
    AliasNotInSources,
    OrphanNode,
    UncitedDocument,
}

impl DiagnosticKind {
    /// Every kind, for reading codes back (the cache stores warnings by code).
    pub const ALL: [DiagnosticKind; 26] = [
        DiagnosticKind::Parse,
        DiagnosticKind::WrongSeparator,
        DiagnosticKind::UnknownField,
        DiagnosticKind::MissingField,
        DiagnosticKind::WrongType,
        DiagnosticKind::InvalidId,
        DiagnosticKind::InvalidGrade,
        DiagnosticKind::UnknownKind,
        DiagnosticKind::UnknownRelation,
        DiagnosticKind::InvalidVocabulary,
        DiagnosticKind::DuplicateId,
        DiagnosticKind::DanglingReference,
        DiagnosticKind::ClaimWithoutEvidence,
        DiagnosticKind::EmptyQuote,
        DiagnosticKind::QuoteNotFound,
        DiagnosticKind::DocumentMissing,
        DiagnosticKind::DocumentUnreadable,
        DiagnosticKind::DocumentOutsideFolder,
        DiagnosticKind::InvalidDate,
        DiagnosticKind::LoneConflict,
        DiagnosticKind::SharedName,
        DiagnosticKind::NotImported,
        DiagnosticKind::UnverifiedEvidence,
        DiagnosticKind::AliasNotInSources,
        DiagnosticKind::OrphanNode,
        DiagnosticKind::UncitedDocument,
    ];

    /// The stable code shown to users and matched by tests.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Parse => "parse",
            DiagnosticKind::WrongSeparator => "wrong-separator",
            DiagnosticKind::UnknownField => "unknown-field",
            DiagnosticKind::MissingField => "missing-field",
            DiagnosticKind::WrongType => "wrong-type",
            DiagnosticKind::InvalidId => "invalid-id",
            DiagnosticKind::InvalidGrade => "invalid-grade",
            DiagnosticKind::UnknownKind => "unknown-kind",
            DiagnosticKind::UnknownRelation => "unknown-relation",
            DiagnosticKind::DuplicateId => "duplicate-id",
            DiagnosticKind::InvalidVocabulary => "invalid-vocabulary",
            DiagnosticKind::SharedName => "shared-name",
            DiagnosticKind::NotImported => "not-imported",
            DiagnosticKind::UnverifiedEvidence => "unverified-evidence",
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
            DiagnosticKind::SharedName
            | DiagnosticKind::NotImported
            | DiagnosticKind::UnverifiedEvidence
            | DiagnosticKind::AliasNotInSources
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
