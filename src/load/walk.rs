//! First pass: TOML text → raw entries with spans, reporting every shape
//! error (parse, unknown field, missing field, wrong type, unknown kind or
//! relation, invalid date, invalid id) without stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{
    Attributes, DateSpec, KindDefinition, NodeKind, Relation, RelationDefinition, Shape,
    Vocabulary, complete_kind, complete_relation, parse_colour, valid_word,
};
use crate::text::LineIndex;

/// A value with its byte range in the dataset file.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    pub value: T,
    pub span: Range<usize>,
}

#[derive(Debug, Default)]
pub struct RawFile {
    pub dataset: Option<RawDatasetHeader>,
    /// Declared, or built in where the file declares none.
    pub vocabulary: Vocabulary,
    pub documents: Vec<RawDocument>,
    pub nodes: Vec<RawNode>,
    pub claims: Vec<RawClaim>,
    pub conflicts: Vec<RawConflict>,
}

#[derive(Debug)]
pub struct RawDatasetHeader {
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawDocument {
    pub field: String,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub title_note: Option<Sp<String>>,
    pub publisher: Option<Sp<String>>,
    pub publisher_note: Option<Sp<String>>,
    pub published: Option<Sp<DateSpec>>,
    pub path: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
    pub reliability: Option<crate::model::Reliability>,
}

#[derive(Debug)]
pub struct RawNode {
    pub field: String,
    pub id: Option<Sp<String>>,
    pub kind: Option<Sp<NodeKind>>,
    pub label: Option<Sp<String>>,
    pub aliases: Vec<Sp<String>>,
    pub date: Option<Sp<DateSpec>>,
    pub attributes: Attributes,
    pub note: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawClaim {
    pub field: String,
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub from: Option<Sp<String>>,
    pub relation: Option<Sp<Relation>>,
    pub to: Option<Sp<String>>,
    pub date: Option<Sp<DateSpec>>,
    pub attributes: Attributes,
    pub note: Option<Sp<String>>,
    pub conflict: Option<Sp<String>>,
    /// `None` when the key is absent.
    pub evidence: Option<Sp<Vec<RawEvidence>>>,
}

#[derive(Debug)]
pub struct RawEvidence {
    pub field: String,
    pub doc: Option<Sp<String>>,
    pub quote: Option<Sp<String>>,
    /// The byte offset of the quote in the document, when the curator (or
    /// the window, from a selection) pins it: a quote that occurs twice
    /// means the passage chosen, not the first.
    pub start: Option<Sp<usize>>,
    pub according_to: Option<Sp<String>>,
    pub relayed_from: Option<Sp<String>>,
    pub modality: crate::model::Modality,
    pub credibility: Option<crate::model::Credibility>,
}

#[derive(Debug)]
pub struct RawConflict {
    pub field: String,
    pub id: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

/// Collects diagnostics for one file.
pub struct Reporter<'t> {
    pub file: String,
    pub text: &'t str,
    pub diagnostics: Vec<Diagnostic>,
    /// Built at the first diagnostic, for every later one.
    lines: std::cell::OnceCell<LineIndex>,
}

/// The optional parts of a diagnostic.
#[derive(Default)]
pub struct Detail {
    pub expected: Option<String>,
    pub found: Option<String>,
    pub help: Option<String>,
}

impl<'t> Reporter<'t> {
    pub fn new(file: String, text: &'t str) -> Self {
        Reporter {
            file,
            text,
            diagnostics: Vec::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line and column of a byte offset of the text.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .line_column(self.text, offset)
    }

    pub fn report(
        &mut self,
        kind: DiagnosticKind,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
        detail: Detail,
    ) {
        let (line, column) = self.line_column(span.start);
        self.diagnostics.push(Diagnostic {
            kind,
            file: self.file.clone(),
            line,
            column,
            span,
            field: field.to_string(),
            message: message.into(),
            expected: detail.expected,
            found: detail.found,
            help: detail.help,
        });
    }
}

pub use crate::text::did_you_mean;

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a TOML datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Shows a found string briefly, quoted.
pub fn shown(text: &str) -> String {
    const LIMIT: usize = 120;
    if text.chars().count() > LIMIT {
        let cut: String = text.chars().take(LIMIT).collect();
        format!("{cut:?}…")
    } else {
        format!("{text:?}")
    }
}

/// Ids are lowercase ASCII letters, digits and hyphens, so they are stable
/// in URLs, file names, DOT and GraphML without escaping surprises.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// A claim id: an id that may also hold `_`.
pub fn valid_claim_id(id: &str) -> bool {
    valid_id(&id.replace('_', "-"))
}

/// Reads keys from one table, remembering which were asked for so that the
/// rest can be reported as unknown.
struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    field: String,
}

impl<'a, 'i> Table<'a, 'i> {
    fn new(table: &'a DeTable<'i>, span: Range<usize>, field: String) -> Self {
        Table { table, span, field }
    }

    fn path(&self, key: &str) -> String {
        if self.field.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.field)
        }
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn string(&self, r: &mut Reporter<'_>, key: &str, required: bool) -> Option<Sp<String>> {
        match self.get(key) {
            None => {
                if required {
                    r.report(
                        DiagnosticKind::MissingField,
                        self.span.clone(),
                        &self.field,
                        format!("missing required field `{key}`"),
                        Detail {
                            expected: Some(format!("a `{key}` key")),
                            found: Some("no such key".into()),
                            help: None,
                        },
                    );
                }
                None
            }
            Some(value) => expect_string(r, value, &self.path(key)),
        }
    }

    fn id(&self, r: &mut Reporter<'_>, key: &str, required: bool) -> Option<Sp<String>> {
        self.id_where(r, key, required, valid_id, "")
    }

    /// A claim's id: as an entity's, and `_` too, since a claim's default
    /// id `<from>--<relation>--<to>` holds a relation such as `docked_at`
    /// (and a claim re-pointed by a merge keeps that id, written out).
    fn claim_id(&self, r: &mut Reporter<'_>) -> Option<Sp<String>> {
        self.id_where(r, "id", false, valid_claim_id, " and '_'")
    }

    fn id_where(
        &self,
        r: &mut Reporter<'_>,
        key: &str,
        required: bool,
        valid: fn(&str) -> bool,
        also: &str,
    ) -> Option<Sp<String>> {
        let id = self.string(r, key, required)?;
        if valid(&id.value) {
            Some(id)
        } else {
            r.report(
                DiagnosticKind::InvalidId,
                id.span.clone(),
                &self.path(key),
                "invalid id",
                Detail {
                    expected: Some(format!(
                        "lowercase letters a–z, digits and '-'{also}, not starting or ending with '-'"
                    )),
                    found: Some(shown(&id.value)),
                    help: None,
                },
            );
            // Keep it, so that references to it do not cascade into more errors.
            Some(id)
        }
    }

    /// A value on a scale (a modality, a grade): a string, or for
    /// credibility an integer, that `parse` takes; anything else is
    /// reported with the scale.
    fn graded<T>(
        &self,
        r: &mut Reporter<'_>,
        key: &str,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let value = self.get(key)?;
        let text = match value.get_ref() {
            DeValue::String(text) => text.to_string(),
            DeValue::Integer(integer) => integer.as_str().to_string(),
            _ => {
                wrong_type(r, value, &self.path(key), expected);
                return None;
            }
        };
        let parsed = parse(&text);
        if parsed.is_none() {
            r.report(
                DiagnosticKind::InvalidGrade,
                value.span(),
                &self.path(key),
                format!("invalid {key} {}", shown(&text)),
                Detail {
                    expected: Some(expected.to_string()),
                    found: Some(shown(&text)),
                    help: None,
                },
            );
        }
        parsed
    }

    /// A byte offset: a non-negative integer.
    fn offset(&self, r: &mut Reporter<'_>, key: &str) -> Option<Sp<usize>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Integer(integer) => {
                match i64::from_str_radix(integer.as_str(), integer.radix())
                    .ok()
                    .and_then(|n| usize::try_from(n).ok())
                {
                    Some(offset) => Some(Sp {
                        value: offset,
                        span: value.span(),
                    }),
                    None => {
                        wrong_type(r, value, &self.path(key), "a byte offset (0 or more)");
                        None
                    }
                }
            }
            _ => {
                wrong_type(r, value, &self.path(key), "a byte offset (0 or more)");
                None
            }
        }
    }

    fn date(&self, r: &mut Reporter<'_>, key: &str) -> Option<Sp<DateSpec>> {
        let value = self.get(key)?;
        read_date(r, value, &self.path(key))
    }

    fn attributes(&self, r: &mut Reporter<'_>, key: &str) -> Attributes {
        let mut attributes = Attributes::new();
        let Some(value) = self.get(key) else {
            return attributes;
        };
        let field = self.path(key);
        let DeValue::Table(table) = value.get_ref() else {
            wrong_type(r, value, &field, "a table of strings");
            return attributes;
        };
        for (name, value) in table.iter() {
            if let Some(text) = expect_string(r, value, &format!("{field}.{}", name.get_ref())) {
                attributes.insert(name.get_ref().to_string(), text.value);
            }
        }
        attributes
    }

    fn strings(&self, r: &mut Reporter<'_>, key: &str) -> Vec<Sp<String>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let field = self.path(key);
        let DeValue::Array(items) = value.get_ref() else {
            wrong_type(r, value, &field, "an array of strings");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| expect_string(r, item, &format!("{field}[{index}]")))
            .collect()
    }

    /// Reports every key not in `allowed`.
    fn finish(&self, r: &mut Reporter<'_>, allowed: &[&str]) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let help = did_you_mean(name, allowed.iter().copied())
                .map(|suggestion| format!("did you mean `{suggestion}`?"));
            r.report(
                DiagnosticKind::UnknownField,
                key.span(),
                &self.path(name),
                format!("unknown field `{name}`"),
                Detail {
                    expected: Some(format!("one of {}", allowed.join(", "))),
                    found: Some(format!("`{name}`")),
                    help,
                },
            );
        }
    }
}

fn wrong_type(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>, field: &str, expected: &str) {
    r.report(
        DiagnosticKind::WrongType,
        value.span(),
        field,
        format!("expected {expected}"),
        Detail {
            expected: Some(expected.to_string()),
            found: Some(type_name(value.get_ref()).to_string()),
            help: None,
        },
    );
}

fn expect_string(
    r: &mut Reporter<'_>,
    value: &Spanned<DeValue<'_>>,
    field: &str,
) -> Option<Sp<String>> {
    match value.get_ref() {
        DeValue::String(text) => Some(Sp {
            value: text.to_string(),
            span: value.span(),
        }),
        _ => {
            wrong_type(r, value, field, "a string");
            None
        }
    }
}

fn expect_bool(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>, field: &str) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(flag) => Some(*flag),
        _ => {
            wrong_type(r, value, field, "true or false");
            None
        }
    }
}

fn parse_date_value(r: &mut Reporter<'_>, text: &Sp<String>, field: &str) -> Option<DateSpec> {
    match DateSpec::parse_value(&text.value) {
        Ok(date) => Some(date),
        Err(error) => {
            r.report(
                DiagnosticKind::InvalidDate,
                text.span.clone(),
                field,
                format!("invalid date: {error}"),
                Detail {
                    expected: Some(
                        "YYYY, YYYY-MM, YYYY-MM-DD, or a range START/END of those".into(),
                    ),
                    found: Some(shown(&text.value)),
                    help: None,
                },
            );
            None
        }
    }
}

/// A date is a string, or a table `{ value, approximate, inferred, note }`.
fn read_date(
    r: &mut Reporter<'_>,
    value: &Spanned<DeValue<'_>>,
    field: &str,
) -> Option<Sp<DateSpec>> {
    match value.get_ref() {
        DeValue::String(_) => {
            let text = expect_string(r, value, field)?;
            let date = parse_date_value(r, &text, field)?;
            Some(Sp {
                value: date,
                span: text.span,
            })
        }
        DeValue::Table(table) => {
            let reader = Table::new(table, value.span(), field.to_string());
            let text = reader.string(r, "value", true);
            let mut flag = |key: &str| {
                reader
                    .get(key)
                    .and_then(|v| expect_bool(r, v, &reader.path(key)))
                    .unwrap_or(false)
            };
            let approximate = flag("approximate");
            let inferred = flag("inferred");
            let note = reader.string(r, "note", false).map(|note| note.value);
            reader.finish(r, &["value", "approximate", "inferred", "note"]);
            let text = text?;
            let mut date = parse_date_value(r, &text, &reader.path("value"))?;
            date.approximate = approximate;
            date.inferred = inferred;
            date.note = note;
            Some(Sp {
                value: date,
                span: text.span,
            })
        }
        _ => {
            wrong_type(r, value, field, "a date string or a date table");
            None
        }
    }
}

/// Reads a kind or relation id and finds it in the dataset's vocabulary
/// (`find`), reporting one outside it with the vocabulary's words.
fn read_word<T>(
    r: &mut Reporter<'_>,
    reader: &Table<'_, '_>,
    key: &str,
    what: &str,
    kind: DiagnosticKind,
    (find, names): (impl Fn(&str) -> Option<T>, Vec<&str>),
) -> Option<Sp<T>> {
    let text = reader.string(r, key, true)?;
    match find(&text.value) {
        Some(value) => Some(Sp {
            value,
            span: text.span,
        }),
        None => {
            let help = did_you_mean(&text.value, names.iter().copied())
                .map(|suggestion| format!("did you mean `{suggestion}`?"))
                .or_else(|| {
                    valid_word(&text.value).then(|| {
                        format!(
                            "declare it in the dataset's vocabulary ([[{}]] with id = {:?})",
                            if kind == DiagnosticKind::UnknownKind {
                                "kinds"
                            } else {
                                "relations"
                            },
                            text.value
                        )
                    })
                });
            r.report(
                kind,
                text.span.clone(),
                &reader.path(key),
                format!("unknown {what} `{}`", text.value),
                Detail {
                    expected: Some(format!("one of {}", names.join(", "))),
                    found: Some(shown(&text.value)),
                    help,
                },
            );
            None
        }
    }
}

/// A declared vocabulary id: a plain word, reported otherwise.
fn read_vocabulary_id(r: &mut Reporter<'_>, reader: &Table<'_, '_>) -> Option<Sp<String>> {
    let id = reader.string(r, "id", true)?;
    if valid_word(&id.value) {
        return Some(id);
    }
    r.report(
        DiagnosticKind::InvalidVocabulary,
        id.span.clone(),
        &reader.path("id"),
        "invalid vocabulary id",
        Detail {
            expected: Some(
                "lowercase letters a–z, digits and '_', starting with a letter, at most 64".into(),
            ),
            found: Some(shown(&id.value)),
            help: None,
        },
    );
    None
}

/// Reports a vocabulary id declared twice; true for the first time.
fn first_declaration(
    r: &mut Reporter<'_>,
    seen: &mut Vec<(String, Range<usize>)>,
    id: &Sp<String>,
    field: &str,
) -> bool {
    if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == id.value) {
        let (line, column) = r.line_column(first.start);
        r.report(
            DiagnosticKind::DuplicateId,
            id.span.clone(),
            field,
            format!("`{}` is declared twice", id.value),
            Detail {
                expected: Some("each kind and relation declared once".into()),
                found: Some(format!("a second `{}`", id.value)),
                help: Some(format!("first declared at line {line}, column {column}")),
            },
        );
        return false;
    }
    seen.push((id.value.clone(), id.span.clone()));
    true
}

/// Every `[[kinds]]` table: id, meaning, shape, colour.
fn read_kinds(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>) -> Vec<KindDefinition> {
    let mut kinds = Vec::new();
    let mut seen = Vec::new();
    for (field, span, table) in tables(r, value, "kinds") {
        let reader = Table::new(table, span, field.clone());
        let id = read_vocabulary_id(r, &reader);
        let meaning = reader.string(r, "meaning", false).map(|m| m.value);
        let shape = reader.string(r, "shape", false).and_then(|text| {
            let shape = Shape::parse(&text.value);
            if shape.is_none() {
                let names: Vec<&str> = Shape::ALL.iter().map(|s| s.as_str()).collect();
                r.report(
                    DiagnosticKind::InvalidVocabulary,
                    text.span.clone(),
                    &reader.path("shape"),
                    format!("unknown shape `{}`", text.value),
                    Detail {
                        expected: Some(format!("one of {}", names.join(", "))),
                        found: Some(shown(&text.value)),
                        help: did_you_mean(&text.value, names.iter().copied())
                            .map(|s| format!("did you mean `{s}`?")),
                    },
                );
            }
            shape
        });
        let colour = reader.string(r, "colour", false).and_then(|text| {
            let colour = parse_colour(&text.value);
            if colour.is_none() {
                r.report(
                    DiagnosticKind::InvalidVocabulary,
                    text.span.clone(),
                    &reader.path("colour"),
                    "invalid colour",
                    Detail {
                        expected: Some("#rrggbb, six hexadecimal digits".into()),
                        found: Some(shown(&text.value)),
                        help: None,
                    },
                );
            }
            colour
        });
        reader.finish(r, &["id", "meaning", "shape", "colour"]);
        if let Some(id) = id
            && first_declaration(r, &mut seen, &id, &reader.path("id"))
        {
            kinds.push(complete_kind(
                NodeKind::new(&id.value),
                meaning,
                shape,
                colour,
            ));
        }
    }
    kinds
}

/// Every `[[relations]]` table: id, meaning, mutual.
fn read_relations(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>) -> Vec<RelationDefinition> {
    let mut relations = Vec::new();
    let mut seen = Vec::new();
    for (field, span, table) in tables(r, value, "relations") {
        let reader = Table::new(table, span, field.clone());
        let id = read_vocabulary_id(r, &reader);
        let meaning = reader.string(r, "meaning", false).map(|m| m.value);
        let mutual = reader
            .get("mutual")
            .and_then(|v| expect_bool(r, v, &reader.path("mutual")));
        reader.finish(r, &["id", "meaning", "mutual"]);
        if let Some(id) = id
            && first_declaration(r, &mut seen, &id, &reader.path("id"))
        {
            relations.push(complete_relation(Relation::new(&id.value), meaning, mutual));
        }
    }
    relations
}

/// Iterates the tables of an array-of-tables key, reporting non-tables.
fn tables<'a, 'i>(
    r: &mut Reporter<'_>,
    value: &'a Spanned<DeValue<'i>>,
    name: &str,
) -> Vec<(String, Range<usize>, &'a DeTable<'i>)> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(r, value, name, "an array of tables");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let field = format!("{name}[{index}]");
        match item.get_ref() {
            DeValue::Table(table) => out.push((field, item.span(), table)),
            _ => wrong_type(r, item, &field, "a table"),
        }
    }
    out
}

const TOP_LEVEL: &[&str] = &[
    "dataset",
    "kinds",
    "relations",
    "documents",
    "nodes",
    "claims",
    "conflicts",
];

/// Reads the whole file. Parse errors stop the walk (a half-parsed table
/// would only produce misleading follow-up errors); everything else is
/// collected.
pub fn walk(r: &mut Reporter<'_>) -> Option<RawFile> {
    let (root, errors) = DeTable::parse_recoverable(r.text);
    if !errors.is_empty() {
        report_syntax_errors(r, errors);
        return None;
    }
    let root_span = root.span();
    let root = root.get_ref();
    let mut file = RawFile::default();
    let top = Table::new(root, 0..0, String::new());

    match top.get("dataset") {
        None => r.report(
            DiagnosticKind::MissingField,
            root_span.start..root_span.start,
            "dataset",
            "missing the [dataset] table",
            Detail {
                expected: Some("[dataset] with a `name`".into()),
                found: Some("no [dataset] table".into()),
                help: None,
            },
        ),
        Some(value) => match value.get_ref() {
            DeValue::Table(table) => {
                let reader = Table::new(table, value.span(), "dataset".into());
                file.dataset = Some(RawDatasetHeader {
                    name: reader.string(r, "name", true),
                    description: reader.string(r, "description", false),
                });
                reader.finish(r, &["name", "description"]);
            }
            _ => wrong_type(r, value, "dataset", "a table"),
        },
    }

    // The vocabulary first: nodes and claims are checked against it,
    // wherever in the file it is declared.
    if let Some(value) = top.get("kinds") {
        file.vocabulary.kinds = read_kinds(r, value);
        file.vocabulary.declared_kinds = true;
    }
    if let Some(value) = top.get("relations") {
        file.vocabulary.relations = read_relations(r, value);
        file.vocabulary.declared_relations = true;
    }
    if let Some(value) = top.get("documents") {
        file.documents = read_documents(r, value);
    }
    if let Some(value) = top.get("nodes") {
        file.nodes = read_nodes(r, value, &file.vocabulary);
    }
    if let Some(value) = top.get("claims") {
        file.claims = read_claims(r, value, &file.vocabulary);
    }
    if let Some(value) = top.get("conflicts") {
        file.conflicts = read_conflicts(r, value);
    }

    top.finish(r, TOP_LEVEL);
    Some(file)
}

/// Reports each TOML syntax error, split into what and expected.
fn report_syntax_errors(r: &mut Reporter<'_>, errors: Vec<toml::de::Error>) {
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim();
        // toml says "what, expected X"; split it into our two slots.
        let (what, expected) = match message.split_once(", expected ") {
            Some((what, expected)) => (what, Some(expected.to_string())),
            None => (message, None),
        };
        let found = r
            .text
            .get(span.start..)
            .and_then(|rest| rest.lines().next())
            .map(|rest| {
                if rest.is_empty() {
                    "the end of the line".to_string()
                } else {
                    shown(&rest.chars().take(40).collect::<String>())
                }
            })
            .or_else(|| Some("the end of the file".to_string()));
        r.report(
            DiagnosticKind::Parse,
            span,
            "",
            format!("TOML syntax error: {what}"),
            Detail {
                expected,
                found,
                help: None,
            },
        );
    }
}

/// Every `[[documents]]` table, read.
fn read_documents(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>) -> Vec<RawDocument> {
    let mut items = Vec::new();
    for (field, span, table) in tables(r, value, "documents") {
        let reader = Table::new(table, span.clone(), field.clone());
        items.push(RawDocument {
            id: reader.id(r, "id", true),
            title: reader.string(r, "title", true),
            title_note: reader.string(r, "title_note", false),
            publisher: reader.string(r, "publisher", true),
            publisher_note: reader.string(r, "publisher_note", false),
            published: reader.date(r, "published"),
            path: reader.string(r, "path", true),
            note: reader.string(r, "note", false),
            reliability: reader.graded(
                r,
                "reliability",
                crate::model::Reliability::parse,
                "a reliability grade: A, B, C, D, E or F",
            ),
            field,
        });
        reader.finish(
            r,
            &[
                "id",
                "title",
                "title_note",
                "publisher",
                "publisher_note",
                "published",
                "path",
                "note",
                "reliability",
            ],
        );
    }
    items
}

/// Every `[[nodes]]` table, read.
fn read_nodes(
    r: &mut Reporter<'_>,
    value: &Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
) -> Vec<RawNode> {
    let kinds = vocabulary.kind_names();
    let mut items = Vec::new();
    for (field, span, table) in tables(r, value, "nodes") {
        let reader = Table::new(table, span.clone(), field.clone());
        let id = reader.id(r, "id", true);
        let kind = read_word(
            r,
            &reader,
            "kind",
            "node kind",
            DiagnosticKind::UnknownKind,
            (|text: &str| vocabulary.find_kind(text), kinds.clone()),
        );
        items.push(RawNode {
            id,
            kind,
            label: reader.string(r, "label", true),
            aliases: reader.strings(r, "aliases"),
            date: reader.date(r, "date"),
            attributes: reader.attributes(r, "attributes"),
            note: reader.string(r, "note", false),
            field,
        });
        reader.finish(
            r,
            &[
                "id",
                "kind",
                "label",
                "aliases",
                "date",
                "attributes",
                "note",
            ],
        );
    }
    items
}

/// Every `[[claims]]` table, read.
fn read_claims(
    r: &mut Reporter<'_>,
    value: &Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
) -> Vec<RawClaim> {
    let relations = vocabulary.relation_names();
    let mut items = Vec::new();
    for (field, span, table) in tables(r, value, "claims") {
        let reader = Table::new(table, span.clone(), field.clone());
        let id = reader.claim_id(r);
        let from = reader.string(r, "from", true);
        let relation = read_word(
            r,
            &reader,
            "relation",
            "relation",
            DiagnosticKind::UnknownRelation,
            (
                |text: &str| vocabulary.find_relation(text),
                relations.clone(),
            ),
        );
        let to = reader.string(r, "to", true);
        let evidence = reader
            .get("evidence")
            .map(|value| read_evidence(r, value, &reader.path("evidence")));
        items.push(RawClaim {
            id,
            from,
            relation,
            to,
            date: reader.date(r, "date"),
            attributes: reader.attributes(r, "attributes"),
            note: reader.string(r, "note", false),
            conflict: reader.string(r, "conflict", false),
            evidence,
            field,
            span,
        });
        reader.finish(
            r,
            &[
                "id",
                "from",
                "relation",
                "to",
                "date",
                "attributes",
                "note",
                "conflict",
                "evidence",
            ],
        );
    }
    items
}

/// Every `[[conflicts]]` table, read.
fn read_conflicts(r: &mut Reporter<'_>, value: &Spanned<DeValue<'_>>) -> Vec<RawConflict> {
    let mut items = Vec::new();
    for (field, span, table) in tables(r, value, "conflicts") {
        let reader = Table::new(table, span.clone(), field.clone());
        items.push(RawConflict {
            id: reader.id(r, "id", true),
            description: reader.string(r, "description", true),
            field,
        });
        reader.finish(r, &["id", "description"]);
    }
    items
}

fn read_evidence(
    r: &mut Reporter<'_>,
    value: &Spanned<DeValue<'_>>,
    field: &str,
) -> Sp<Vec<RawEvidence>> {
    let mut items = Vec::new();
    for (item_field, span, table) in tables(r, value, field) {
        let reader = Table::new(table, span.clone(), item_field.clone());
        items.push(RawEvidence {
            doc: reader.string(r, "doc", true),
            quote: reader.string(r, "quote", true),
            start: reader.offset(r, "start"),
            according_to: reader.string(r, "according_to", false),
            relayed_from: reader.string(r, "relayed_from", false),
            modality: reader
                .graded(
                    r,
                    "modality",
                    crate::model::Modality::parse,
                    "stated, reported, uncertain, plan, discussed, opinion or denied",
                )
                .unwrap_or_default(),
            credibility: reader.graded(
                r,
                "credibility",
                crate::model::Credibility::parse,
                "a credibility grade: 1, 2, 3, 4, 5 or 6",
            ),
            field: item_field,
        });
        reader.finish(
            r,
            &[
                "doc",
                "quote",
                "start",
                "according_to",
                "relayed_from",
                "modality",
                "credibility",
            ],
        );
    }
    Sp {
        value: items,
        span: value.span(),
    }
}
