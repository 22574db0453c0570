//! `edges.csv`: both ends known, relations known, dates valid, and each
//! row's evidence (a document and a quote, found in the document's text
//! when there is one). Rows with the same claim id add evidence to it.

use super::documents::Documents;
use super::nodes::Nodes;
use super::problems::{Problems, RowAt};
use std::sync::Arc;

use super::table::{
    Annotate, ExtraColumns, Table, TableInput, cell, parse_date, read_table_annotated,
};
use crate::index::IdIndex;
use crate::load::diagnostic::DiagnosticKind;
use crate::load::quote::{locate, normalize_quote};
use crate::model::{Claim, Evidence, Vocabulary};
use crate::text::{Interner, SharedStr};

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

/// The claims of `edges.csv`, with their ends as entity positions and the
/// claim id index (positions in `claims`).
pub(super) struct Edges {
    pub(super) claims: Vec<Claim>,
    pub(super) ends: Vec<[u32; 2]>,
    pub(super) ids: IdIndex,
}

/// Reads `edges.csv` into claims.
pub(super) fn read_edges(
    table: Option<(String, TableInput)>,
    (nodes, vocabulary): (&Nodes, &Vocabulary),
    documents: &Documents,
    problems: &mut Problems,
    threaded: bool,
) -> Edges {
    // Looked up once per row: a table rather than a scan of the vocabulary.
    let relations: rustc_hash::FxHashMap<&str, crate::model::Relation> = vocabulary
        .relations
        .iter()
        .map(|d| (d.relation.as_str(), d.relation))
        .collect();
    let mut claims: Vec<Claim> = Vec::new();
    let mut ends: Vec<[u32; 2]> = Vec::new();
    // Claim id → position in `claims`, so rows with the same id add evidence.
    let mut claim_index = IdIndex::default();
    // Every claim on an entity shares its id, every evidence item its
    // document's id, and equal quotes one copy: at a million entities these
    // repetitions were most of the memory.
    let node_ids: Arc<Vec<SharedStr>> =
        Arc::new(nodes.nodes.iter().map(|n| SharedStr::from(&n.id)).collect());
    // Each row's ends are looked up on the reader's thread, meanwhile: at
    // a million entities each lookup is a few cache misses, and there are
    // two per row.
    let lookup = (Arc::new(nodes.ids.clone()), Arc::clone(&node_ids));
    let annotate: Annotate = Box::new(move |index| {
        let (source, target) = (index.get("source").copied(), index.get("target").copied());
        let (ids, node_ids) = lookup;
        Box::new(move |row| {
            let end = |column| {
                cell(row, column)
                    .and_then(|id| ids.get(id, |i| &node_ids[i as usize]))
                    .unwrap_or(u32::MAX)
            };
            [end(source), end(target)]
        })
    });
    let document_ids: Vec<SharedStr> = documents
        .documents
        .iter()
        .map(|d| SharedStr::from(&d.id))
        .collect();
    let mut quotes = Interner::default();
    if let Some((_, input)) = &table {
        // Room for the rows a file of this size can hold (a row of an edge
        // with evidence takes 60 bytes or more), so the id index is not
        // rebuilt as it grows; four bytes a row.
        claim_index = IdIndex::with_capacity((input.len() / 60) as usize);
    }
    if let Some((file, input)) = table
        && let Some(mut table) = read_table_annotated(
            (file, input, threaded),
            &["source", "target", "relation"],
            problems,
            Some(annotate),
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
        let mut extra = ExtraColumns::of(&table, KNOWN);
        let columns = EdgeColumns::of(&table);
        while let Some(line) = table.next_row(problems) {
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
            let mut row_ends = [None, None];
            for (slot, (end, column)) in [(source, "source"), (target, "target")]
                .into_iter()
                .enumerate()
            {
                row_ends[slot] = Some(table.note[slot]).filter(|&n| n != u32::MAX);
                if row_ends[slot].is_none() {
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
            let relation = relations.get(relation_text.trim()).copied();
            if relation.is_none() {
                let all = vocabulary.relation_names();
                problems.add(
                    DiagnosticKind::UnknownRelation,
                    (&table.file, line),
                    "relation",
                    format!("unknown relation `{relation_text}`"),
                    Some(format!("one of {}", all.join(", "))),
                    Some(format!("{relation_text:?}")),
                );
            }
            let date = parse_date(&table, (line, "date"), cell(row, columns.date), problems);
            let evidence = evidence_of(
                &table,
                &columns,
                line,
                (documents, &document_ids, &mut quotes),
                problems,
            );
            let (Some(relation), false, [Some(from), Some(to)]) = (relation, bad, row_ends) else {
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
                    // Most claims have one or two items: room for one more,
                    // not the four a doubling vector would take.
                    claim.evidence.reserve_exact(1);
                    claim.evidence.push(evidence);
                }
                None => {
                    claims.push(Claim {
                        id,
                        from: node_ids[from as usize].clone(),
                        relation,
                        to: node_ids[to as usize].clone(),
                        date,
                        attributes: extra.attributes(row),
                        note: cell(row, columns.note).map(str::to_string),
                        conflict: None,
                        evidence: vec![evidence],
                    });
                    ends.push([from, to]);
                    claim_index.insert_new(claims.len() as u32 - 1, |i| &claims[i as usize].id);
                }
            }
        }
    }
    // The vectors doubled as they grew: give back what is not used.
    claims.shrink_to_fit();
    ends.shrink_to_fit();
    Edges {
        claims,
        ends,
        ids: claim_index,
    }
}

/// The evidence of one edge row: a document and a quote, located in the
/// document's text when it is available.
fn evidence_of(
    table: &Table,
    columns: &EdgeColumns,
    line: RowAt,
    (documents, document_ids, quotes): (&Documents, &[SharedStr], &mut Interner),
    problems: &mut Problems,
) -> Option<Evidence> {
    let Documents {
        documents,
        texts,
        index: document_index,
    } = documents;
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
        document: document_ids[position].clone(),
        quote: quotes.intern(quote),
        start,
        end,
        according_to: cell(row, columns.according_to).map(str::to_string),
        relayed_from: cell(row, columns.relayed_from).map(str::to_string),
        record: None,
        modality: Default::default(),
        credibility: None,
    })
}
