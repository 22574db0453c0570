//! CSV files for `neo4j-admin database import full`, for graphs too large
//! for a Cypher script: `entities.csv`, `sources.csv` and `claims.csv` with
//! typed headers (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`,
//! `name:type`, `name:type[]`), and `IMPORT.txt` with the command.
//!
//! Array values are separated by U+001F (the unit separator; in the text
//! itself every control character becomes U+FFFD), so a quote holding `;`
//! or `,` stays one element; quotes may span lines, hence
//! `--multiline-fields=true`.

use super::facts::{ClaimFacts, cited_documents, day_interval};
use super::{ExportError, ExportOptions, clean_text};
use crate::graph::{TieGraph, View};

/// The array delimiter, as `neo4j-admin` is told it.
pub const ARRAY_DELIMITER: char = '\u{1f}';

/// The command that imports the folder into a new database `neo4j`.
pub const IMPORT_COMMAND: &str = "neo4j-admin database import full --nodes=Entity=entities.csv --nodes=Source=sources.csv --relationships=claims.csv --delimiter=, --array-delimiter=U+001F --multiline-fields=true neo4j";

fn array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| clean_text(item).into_owned())
        .collect::<Vec<_>>()
        .join(&ARRAY_DELIMITER.to_string())
}

/// A CSV table written a row at a time, the first being the header.
/// Cells of array columns (`name:type[]`) keep the delimiters [`array`]
/// put between the elements it cleaned; every other cell is cleaned whole,
/// delimiter included. Rows are written as they come (a million-entity
/// export never holds its rows as strings all at once).
struct Table {
    arrays: Vec<bool>,
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[String]) -> Result<Self, ExportError> {
        let mut table = Table {
            arrays: header.iter().map(|h| h.ends_with("[]")).collect(),
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new()),
        };
        table
            .writer
            .write_record(header.iter().map(|h| clean_text(h).into_owned()))
            .map_err(ExportError::Csv)?;
        Ok(table)
    }

    fn row(&mut self, row: Vec<String>) -> Result<(), ExportError> {
        let arrays = &self.arrays;
        let cells = row.iter().enumerate().map(|(column, cell)| {
            if arrays.get(column).copied().unwrap_or(false) {
                std::borrow::Cow::Borrowed(cell.as_str())
            } else {
                clean_text(cell)
            }
        });
        self.writer
            .write_record(cells.map(|c| c.into_owned()))
            .map_err(ExportError::Csv)
    }

    fn text(self) -> Result<String, ExportError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| ExportError::Csv(e.into_error().into()))?;
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

fn date_cells(date: Option<&crate::model::DateSpec>) -> [String; 3] {
    match date {
        Some(date) => {
            let (start, end) = day_interval(date);
            [date.to_string(), start, end]
        }
        None => Default::default(),
    }
}

/// The files of the export: (file name, contents), in the order the import
/// command names them, then `IMPORT.txt`.
///
/// ```
/// let graph = tiegraph::graph::TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset);
/// let view = tiegraph::graph::View::all(&graph);
/// let files = tiegraph::export::neo4j_csv::to_files(&graph, &view, &Default::default()).unwrap();
/// assert!(files[0].1.starts_with("id:ID(Entity),:LABEL,label,kind,aliases:string[]"));
/// ```
pub fn to_files(
    graph: &TieGraph,
    view: &View,
    options: &ExportOptions<'_>,
) -> Result<Vec<(&'static str, String)>, ExportError> {
    let claims = ClaimFacts::of_view(graph, view, options);
    let mut nodes: Vec<_> = view.nodes().collect();
    nodes.sort_by_key(|&n| graph.graph()[n]);

    let node_names =
        super::cypher::attribute_names(nodes.iter().map(|&n| &graph.node(n).attributes));
    let node_keys: Vec<String> = node_names.keys().cloned().collect();
    let mut header: Vec<String> = [
        "id:ID(Entity)",
        ":LABEL",
        "label",
        "kind",
        "aliases:string[]",
        "date_text",
        "start_date:date",
        "end_date:date",
        "note",
    ]
    .map(String::from)
    .to_vec();
    header.extend(node_names.values().cloned());
    let mut rows = Table::new(&header)?;
    for &index in &nodes {
        let node = graph.node(index);
        let [text, start, end] = date_cells(node.date.as_ref());
        let mut row = vec![
            node.id.clone(),
            super::cypher::kind_label(node.kind),
            node.label.clone(),
            node.kind.to_string(),
            array(node.aliases.iter().map(String::as_str)),
            text,
            start,
            end,
            node.note.clone().unwrap_or_default(),
        ];
        row.extend(
            node_keys
                .iter()
                .map(|key| node.attributes.get(key).unwrap_or_default().to_string()),
        );
        rows.row(row)?;
    }
    let entities = rows.text()?;

    let mut rows = Table::new(
        &[
            "id:ID(Source)",
            "title",
            "publisher",
            "path",
            "published:date",
            "published_text",
        ]
        .map(String::from),
    )?;
    for document in cited_documents(graph, &claims) {
        let (published, text) = match &document.published {
            Some(date) => (day_interval(date).0, date.to_string()),
            None => Default::default(),
        };
        rows.row(vec![
            document.id.clone(),
            document.title.clone(),
            document.publisher.clone(),
            document.path.clone(),
            published,
            text,
        ])?;
    }
    let sources = rows.text()?;

    let claim_names = super::cypher::attribute_names(claims.iter().map(|c| &c.claim.attributes));
    let claim_keys: Vec<String> = claim_names.keys().cloned().collect();
    let mut header: Vec<String> = [
        ":START_ID(Entity)",
        ":END_ID(Entity)",
        ":TYPE",
        "id",
        "relation",
        "mutual:boolean",
        "sources:int",
        "review",
        "date_text",
        "start_date:date",
        "end_date:date",
        "documents:string[]",
        "publishers:string[]",
        "quotes:string[]",
        "starts:long[]",
        "ends:long[]",
        "verified:boolean[]",
        "according_to:string[]",
        "relayed_from:string[]",
        "modalities:string[]",
        "credibility:string[]",
        "reliability:string[]",
        "conflict",
        "note",
    ]
    .map(String::from)
    .to_vec();
    header.extend(claim_names.values().cloned());
    let mut rows = Table::new(&header)?;
    for facts in &claims {
        let claim = facts.claim;
        let [text, start, end] = date_cells(claim.date.as_ref());
        let optional = |values: Vec<Option<&str>>| {
            if values.iter().any(Option::is_some) {
                array(values.into_iter().map(|v| v.unwrap_or("")))
            } else {
                String::new()
            }
        };
        let mut row = vec![
            claim.from.to_string(),
            claim.to.to_string(),
            super::cypher::relation_type(claim.relation),
            claim.id.clone(),
            claim.relation.to_string(),
            facts.mutual.to_string(),
            facts.sources.to_string(),
            facts.review.to_string(),
            text,
            start,
            end,
            array(facts.each(|e| e.document)),
            array(facts.each(|e| e.publisher)),
            array(facts.each(|e| e.quote)),
            facts
                .each(|e| e.start.to_string())
                .join(&ARRAY_DELIMITER.to_string()),
            facts
                .each(|e| e.end.to_string())
                .join(&ARRAY_DELIMITER.to_string()),
            facts
                .each(|e| e.verified.to_string())
                .join(&ARRAY_DELIMITER.to_string()),
            optional(facts.each(|e| e.according_to)),
            optional(facts.each(|e| e.relayed_from)),
            array(facts.each(|e| e.modality)),
            if facts.graded() {
                array(facts.evidence.iter().map(|e| e.credibility.as_str()))
            } else {
                String::new()
            },
            if facts.graded() {
                array(facts.evidence.iter().map(|e| e.reliability.as_str()))
            } else {
                String::new()
            },
            claim.conflict.clone().unwrap_or_default(),
            claim.note.clone().unwrap_or_default(),
        ];
        row.extend(
            claim_keys
                .iter()
                .map(|key| claim.attributes.get(key).unwrap_or_default().to_string()),
        );
        rows.row(row)?;
    }
    let claims_csv = rows.text()?;
    let import = format!(
        "Import into a new Neo4j 5 database called neo4j (stop it first), from this folder:\n\n{IMPORT_COMMAND}\n"
    );
    Ok(vec![
        ("entities.csv", entities),
        ("sources.csv", sources),
        ("claims.csv", claims_csv),
        ("IMPORT.txt", import),
    ])
}
