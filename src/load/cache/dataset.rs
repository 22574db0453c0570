//! A loaded dataset as cache bytes and back: every field of every document,
//! entity, claim, evidence item and warning. Strings a dataset repeats are
//! written once and referred to by position (a claim's ends are entity
//! positions, an evidence item's document and quote are positions in their
//! tables), so the file is small and reading it gives back the shared
//! strings and the [`Resolved`] ends the graph is built from.
//!
//! Decoding checks every reference, range, grade and date; anything wrong
//! is [`CacheError::Damaged`], and the caller loads the sources instead.

use rustc_hash::FxHashMap;

use super::CacheError;
use super::codec::{Reader, Writer};
use crate::graph::Resolved;
use crate::index::IdIndex;
use crate::load::{Diagnostic, DiagnosticKind, Loaded};
use crate::model::{
    Attributes, Claim, Conflict, Credibility, Dataset, DateSpec, Document, Evidence,
    EvidenceRecord, KindDefinition, Modality, Node, PartialDate, RelationDefinition, Reliability,
    Shape, SharedStr, Vocabulary,
};
use crate::model::{NodeKind, Relation};
use crate::text::Interner;

/// The bytes of `loaded`, or `None` when it holds something the cache
/// cannot say (a kind or relation outside its vocabulary, a claim whose
/// end is unknown): then it is simply not cached.
pub(super) fn encode(loaded: &Loaded) -> Option<Vec<u8>> {
    let dataset = &loaded.dataset;
    let mut w = Writer::default();
    w.str(&dataset.name);
    w.option_str(dataset.description.as_deref());
    vocabulary(&mut w, &dataset.vocabulary);
    w.usize(dataset.documents.len());
    for document in &dataset.documents {
        w.str(&document.id);
        w.str(&document.title);
        w.option_str(document.title_note.as_deref());
        w.str(&document.publisher);
        w.option_str(document.publisher_note.as_deref());
        option_date(&mut w, document.published.as_ref());
        w.str(&document.path);
        w.option_str(document.note.as_deref());
        w.str(&document.text);
        w.u8(document.reliability.map_or(0, |r| r.letter() as u8));
    }
    let kinds: FxHashMap<NodeKind, usize> =
        positions(dataset.vocabulary.kinds.iter().map(|k| k.kind));
    let relations: FxHashMap<Relation, usize> =
        positions(dataset.vocabulary.relations.iter().map(|r| r.relation));
    w.usize(dataset.nodes.len());
    for node in &dataset.nodes {
        w.str(&node.id);
        w.usize(*kinds.get(&node.kind)?);
        w.str(&node.label);
        w.usize(node.aliases.len());
        for alias in &node.aliases {
            w.str(alias);
        }
        option_date(&mut w, node.date.as_ref());
        attributes(&mut w, &node.attributes);
        w.option_str(node.note.as_deref());
    }
    // The claims' ends as entity positions: the loader's, when it resolved
    // them, else looked up.
    let ends: Vec<[usize; 2]> = match &loaded.resolved {
        Some(resolved) if resolved.fits(dataset) => resolved
            .ends
            .iter()
            .map(|&[from, to]| [from as usize, to as usize])
            .collect(),
        _ => {
            let nodes: FxHashMap<&str, usize> =
                positions(dataset.nodes.iter().map(|n| n.id.as_str()));
            let mut ends = Vec::with_capacity(dataset.claims.len());
            for claim in &dataset.claims {
                ends.push([
                    *nodes.get(claim.from.as_str())?,
                    *nodes.get(claim.to.as_str())?,
                ]);
            }
            ends
        }
    };
    // Documents and quotes by the address of their shared text (one hash
    // of a number per evidence item), then by text for the first of each.
    let documents: FxHashMap<&str, usize> =
        positions(dataset.documents.iter().map(|d| d.id.as_str()));
    let mut document_at: FxHashMap<usize, usize> = FxHashMap::default();
    let mut document_of = |evidence: &Evidence| -> Option<usize> {
        let address = evidence.document.address();
        if let Some(&position) = document_at.get(&address) {
            return Some(position);
        }
        let position = *documents.get(evidence.document.as_str())?;
        document_at.insert(address, position);
        Some(position)
    };
    // Each quote once (once per shared copy), in order of first use.
    let mut quotes: FxHashMap<usize, usize> = FxHashMap::default();
    let mut quote_list: Vec<&str> = Vec::new();
    for evidence in dataset.claims.iter().flat_map(|c| &c.evidence) {
        quotes.entry(evidence.quote.address()).or_insert_with(|| {
            quote_list.push(evidence.quote.as_str());
            quote_list.len() - 1
        });
    }
    w.usize(quote_list.len());
    for quote in &quote_list {
        w.str(quote);
    }
    // Claims in chunks, each with its length, so that reading decodes
    // them on every core.
    w.usize(dataset.claims.len());
    w.usize(dataset.claims.len().div_ceil(CLAIMS_PER_CHUNK));
    for (claims, ends) in dataset
        .claims
        .chunks(CLAIMS_PER_CHUNK)
        .zip(ends.chunks(CLAIMS_PER_CHUNK))
    {
        let mut c = Writer::default();
        for (claim, &[from, to]) in claims.iter().zip(ends) {
            c.str(&claim.id);
            c.usize(from);
            c.usize(*relations.get(&claim.relation)?);
            c.usize(to);
            option_date(&mut c, claim.date.as_ref());
            attributes(&mut c, &claim.attributes);
            c.option_str(claim.note.as_deref());
            c.option_str(claim.conflict.as_deref());
            c.usize(claim.evidence.len());
            for evidence in &claim.evidence {
                c.usize(document_of(evidence)?);
                c.usize(quotes[&evidence.quote.address()]);
                c.usize(evidence.start);
                c.usize(evidence.end);
                c.option_str(evidence.according_to.as_deref());
                c.option_str(evidence.relayed_from.as_deref());
                match &evidence.record {
                    None => c.u8(0),
                    Some(record) => {
                        c.u8(1);
                        c.option_str(record.dataset.as_deref());
                        c.option_str(record.record_id.as_deref());
                        c.option_str(record.source_url.as_deref());
                    }
                }
                c.u8(Modality::ALL.iter().position(|m| *m == evidence.modality)? as u8);
                c.u8(evidence.credibility.map_or(0, |c| c.grade()));
            }
        }
        w.usize(c.bytes.len());
        w.bytes.extend_from_slice(&c.bytes);
    }
    w.usize(dataset.conflicts.len());
    for conflict in &dataset.conflicts {
        w.str(&conflict.id);
        w.str(&conflict.description);
    }
    w.usize(loaded.warnings.len());
    for warning in &loaded.warnings {
        w.str(warning.kind.code());
        w.str(&warning.file);
        w.usize(warning.line);
        w.usize(warning.column);
        w.usize(warning.span.start);
        w.usize(warning.span.end);
        w.str(&warning.field);
        w.str(&warning.message);
        w.option_str(warning.expected.as_deref());
        w.option_str(warning.found.as_deref());
        w.option_str(warning.help.as_deref());
    }
    Some(w.bytes)
}

fn positions<T: std::hash::Hash + Eq>(items: impl Iterator<Item = T>) -> FxHashMap<T, usize> {
    let mut map = FxHashMap::default();
    for (position, item) in items.enumerate() {
        map.entry(item).or_insert(position);
    }
    map
}

fn vocabulary(w: &mut Writer, vocabulary: &Vocabulary) {
    w.bool(vocabulary.declared_kinds);
    w.bool(vocabulary.declared_relations);
    w.usize(vocabulary.kinds.len());
    for kind in &vocabulary.kinds {
        w.str(kind.kind.as_str());
        w.str(&kind.meaning);
        w.u8(kind
            .shape
            .and_then(|s| Shape::ALL.iter().position(|a| *a == s))
            .map_or(0, |p| p as u8 + 1));
        match kind.rgb {
            None => w.u8(0),
            Some([r, g, b]) => {
                w.u8(1);
                w.u8(r);
                w.u8(g);
                w.u8(b);
            }
        }
    }
    w.usize(vocabulary.relations.len());
    for relation in &vocabulary.relations {
        w.str(relation.relation.as_str());
        w.str(&relation.meaning);
        w.bool(relation.mutual);
    }
}

fn partial_date(w: &mut Writer, date: &PartialDate) {
    w.i32(date.year);
    w.u8(date.month.unwrap_or(0));
    w.u8(date.day.unwrap_or(0));
}

fn option_date(w: &mut Writer, date: Option<&DateSpec>) {
    let Some(date) = date else {
        w.u8(0);
        return;
    };
    w.u8(1);
    partial_date(w, &date.start);
    match &date.end {
        None => w.u8(0),
        Some(end) => {
            w.u8(1);
            partial_date(w, end);
        }
    }
    w.bool(date.approximate);
    w.bool(date.inferred);
    w.option_str(date.note.as_deref());
}

fn attributes(w: &mut Writer, attributes: &Attributes) {
    w.usize(attributes.len());
    for (key, value) in attributes.iter() {
        w.str(key);
        w.str(value);
    }
}

// ── decoding ──

/// The dataset, warnings and resolved ends in `bytes`, every reference and
/// range checked.
pub(super) fn decode(bytes: &[u8]) -> Result<Loaded, CacheError> {
    let mut r = Reader::new(bytes);
    let name = r.string()?;
    let description = r.option_string()?;
    let vocabulary = read_vocabulary(&mut r)?;
    let mut words = Interner::default();
    let document_count = r.count(10)?;
    let mut documents = Vec::with_capacity(document_count);
    for _ in 0..document_count {
        documents.push(Document {
            id: r.string()?,
            title: r.string()?,
            title_note: r.option_string()?,
            publisher: r.string()?,
            publisher_note: r.option_string()?,
            published: read_date(&mut r)?,
            path: r.string()?,
            note: r.option_string()?,
            text: r.string()?,
            reliability: match r.u8()? {
                0 => None,
                letter => Some(
                    Reliability::parse(&char::from(letter).to_string())
                        .ok_or(CacheError::Damaged("a reliability outside A–F"))?,
                ),
            },
        });
    }
    let node_count = r.count(8)?;
    let mut nodes = Vec::with_capacity(node_count);
    for _ in 0..node_count {
        let id = r.string()?;
        let kind = vocabulary.kinds[r.index(vocabulary.kinds.len())?].kind;
        let label = r.string()?;
        let alias_count = r.count(1)?;
        let mut aliases = Vec::with_capacity(alias_count);
        for _ in 0..alias_count {
            aliases.push(r.string()?);
        }
        nodes.push(Node {
            id,
            kind,
            label,
            aliases,
            date: read_date(&mut r)?,
            attributes: read_attributes(&mut r, &mut words)?,
            note: r.option_string()?,
        });
    }
    let mut node_ids = IdIndex::with_capacity(nodes.len());
    for position in 0..nodes.len() as u32 {
        if node_ids
            .insert(position, |p| &nodes[p as usize].id)
            .is_some()
        {
            return Err(CacheError::Damaged("two entities with one id"));
        }
    }
    let shared_ids: Vec<SharedStr> = nodes.iter().map(|n| SharedStr::from(&n.id)).collect();

    let quote_count = r.count(1)?;
    let mut quotes = Vec::with_capacity(quote_count);
    for _ in 0..quote_count {
        quotes.push(r.str()?);
    }
    let claim_count = r.count(8)?;
    let chunk_count = r.count(1)?;
    if chunk_count != claim_count.div_ceil(CLAIMS_PER_CHUNK) {
        return Err(CacheError::Damaged("claims in the wrong number of chunks"));
    }
    let mut chunks = Vec::with_capacity(chunk_count);
    for _ in 0..chunk_count {
        let length = r.usize()?;
        chunks.push(r.bytes(length)?);
    }
    let context = ClaimContext {
        nodes: nodes.len(),
        vocabulary: &vocabulary,
        documents: &documents,
        quotes: &quotes,
        shared_ids: &shared_ids,
    };
    let (claims, ends) = decode_claims(&chunks, claim_count, &context)?;
    let conflict_count = r.count(2)?;
    let mut conflicts = Vec::with_capacity(conflict_count);
    for _ in 0..conflict_count {
        conflicts.push(Conflict {
            id: r.string()?,
            description: r.string()?,
        });
    }
    let warning_count = r.count(10)?;
    let mut warnings = Vec::with_capacity(warning_count);
    for _ in 0..warning_count {
        let code = r.str()?;
        let kind = DiagnosticKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or(CacheError::Damaged("an unknown diagnostic"))?;
        warnings.push(Diagnostic {
            kind,
            file: r.string()?,
            line: r.usize()?,
            column: r.usize()?,
            span: r.usize()?..r.usize()?,
            field: r.string()?,
            message: r.string()?,
            expected: r.option_string()?,
            found: r.option_string()?,
            help: r.option_string()?,
        });
    }
    if !r.finished() {
        return Err(CacheError::Damaged("bytes after the end"));
    }
    Ok(Loaded {
        dataset: Dataset {
            name,
            description,
            vocabulary,
            documents,
            nodes,
            claims,
            conflicts,
        },
        warnings,
        resolved: Some(Resolved {
            ends,
            node_ids,
            // Built with the graph, beside the name index.
            claim_ids: None,
        }),
    })
}

/// The claims of a chunk and their ends.
type Chunk = (Vec<Claim>, Vec<[u32; 2]>);

/// Claims per chunk of the claims section.
const CLAIMS_PER_CHUNK: usize = 1 << 19;

/// What decoding a claim refers to.
struct ClaimContext<'a> {
    nodes: usize,
    vocabulary: &'a Vocabulary,
    documents: &'a [Document],
    /// The quote table's texts: each chunk makes its own shared copies, so
    /// that two threads never count references to one string (the cache
    /// line of its count would bounce between the cores millions of times).
    quotes: &'a [&'a str],
    shared_ids: &'a [SharedStr],
}

/// A chunk's own shared copies of the documents' ids and the quotes it
/// uses.
#[derive(Default)]
struct ChunkStrings {
    documents: FxHashMap<u32, SharedStr>,
    quotes: FxHashMap<u32, SharedStr>,
}

/// Every chunk's claims and their ends, chunks decoded on two threads.
fn decode_claims(
    chunks: &[&[u8]],
    claim_count: usize,
    context: &ClaimContext,
) -> Result<Chunk, CacheError> {
    // The number each chunk holds: full ones, then what is left.
    let expected = |chunk: usize| (claim_count - chunk * CLAIMS_PER_CHUNK).min(CLAIMS_PER_CHUNK);
    let decode = |chunk: usize| decode_chunk(chunks[chunk], expected(chunk), context);
    let decoded: Vec<Result<Chunk, CacheError>> = if chunks.len() < 2 {
        (0..chunks.len()).map(decode).collect()
    } else {
        std::thread::scope(|scope| {
            let odd = scope.spawn(|| (1..chunks.len()).step_by(2).map(decode).collect::<Vec<_>>());
            let even: Vec<_> = (0..chunks.len()).step_by(2).map(decode).collect();
            let odd = odd.join().unwrap_or_else(|_| {
                vec![Err(CacheError::Damaged(
                    "a chunk that could not be decoded",
                ))]
            });
            let mut all = Vec::with_capacity(chunks.len());
            let (mut even, mut odd) = (even.into_iter(), odd.into_iter());
            for chunk in 0..chunks.len() {
                let next = if chunk % 2 == 0 {
                    even.next()
                } else {
                    odd.next()
                };
                all.push(next.unwrap_or(Err(CacheError::Damaged("a chunk missing"))));
            }
            all
        })
    };
    let mut claims = Vec::with_capacity(claim_count);
    let mut ends = Vec::with_capacity(claim_count);
    for chunk in decoded {
        let (chunk_claims, chunk_ends) = chunk?;
        claims.extend(chunk_claims);
        ends.extend(chunk_ends);
    }
    Ok((claims, ends))
}

/// The `count` claims of one chunk, which must end where they do.
fn decode_chunk(bytes: &[u8], count: usize, context: &ClaimContext) -> Result<Chunk, CacheError> {
    let mut r = Reader::new(bytes);
    let mut words = Interner::default();
    let mut shared = ChunkStrings::default();
    let relations = &context.vocabulary.relations;
    let mut claims = Vec::with_capacity(count);
    let mut ends = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.string()?;
        let from = r.index(context.nodes)?;
        let relation = relations[r.index(relations.len())?].relation;
        let to = r.index(context.nodes)?;
        let date = read_date(&mut r)?;
        let attributes = read_attributes(&mut r, &mut words)?;
        let note = r.option_string()?;
        let conflict = r.option_string()?;
        let evidence_count = r.count(6)?;
        if evidence_count == 0 {
            return Err(CacheError::Damaged("a claim without evidence"));
        }
        let mut evidence = Vec::with_capacity(evidence_count);
        for _ in 0..evidence_count {
            evidence.push(read_evidence(&mut r, context, &mut shared)?);
        }
        ends.push([from as u32, to as u32]);
        claims.push(Claim {
            id,
            from: context.shared_ids[from].clone(),
            relation,
            to: context.shared_ids[to].clone(),
            date,
            attributes,
            note,
            conflict,
            evidence,
        });
    }
    if !r.finished() {
        return Err(CacheError::Damaged("a chunk longer than its claims"));
    }
    Ok((claims, ends))
}

fn read_vocabulary(r: &mut Reader) -> Result<Vocabulary, CacheError> {
    let declared_kinds = r.bool()?;
    let declared_relations = r.bool()?;
    let word = |r: &mut Reader| -> Result<String, CacheError> {
        let word = r.str()?;
        if crate::model::valid_word(word) {
            Ok(word.to_string())
        } else {
            Err(CacheError::Damaged("a kind or relation that is not a word"))
        }
    };
    let kind_count = r.count(4)?;
    let mut kinds = Vec::with_capacity(kind_count);
    for _ in 0..kind_count {
        let kind = NodeKind::new(&word(r)?);
        let meaning = r.string()?;
        let shape = match r.u8()? {
            0 => None,
            n => Some(
                *Shape::ALL
                    .get(usize::from(n) - 1)
                    .ok_or(CacheError::Damaged("an unknown shape"))?,
            ),
        };
        let rgb = match r.u8()? {
            0 => None,
            1 => Some([r.u8()?, r.u8()?, r.u8()?]),
            _ => return Err(CacheError::Damaged("a colour flag that is neither 0 nor 1")),
        };
        kinds.push(KindDefinition {
            kind,
            meaning,
            shape,
            rgb,
        });
    }
    let relation_count = r.count(3)?;
    let mut relations = Vec::with_capacity(relation_count);
    for _ in 0..relation_count {
        relations.push(RelationDefinition {
            relation: Relation::new(&word(r)?),
            meaning: r.string()?,
            mutual: r.bool()?,
        });
    }
    Ok(Vocabulary {
        kinds,
        relations,
        declared_kinds,
        declared_relations,
    })
}

fn read_partial_date(r: &mut Reader) -> Result<PartialDate, CacheError> {
    let year = r.i32()?;
    let (month, day) = (r.u8()?, r.u8()?);
    if month > 12 || day > 31 || (month == 0 && day != 0) {
        return Err(CacheError::Damaged("a date outside the calendar"));
    }
    Ok(PartialDate {
        year,
        month: (month > 0).then_some(month),
        day: (day > 0).then_some(day),
    })
}

fn read_date(r: &mut Reader) -> Result<Option<DateSpec>, CacheError> {
    match r.u8()? {
        0 => return Ok(None),
        1 => {}
        _ => return Err(CacheError::Damaged("a date flag that is neither 0 nor 1")),
    }
    let start = read_partial_date(r)?;
    let end = match r.u8()? {
        0 => None,
        1 => Some(read_partial_date(r)?),
        _ => return Err(CacheError::Damaged("a date flag that is neither 0 nor 1")),
    };
    Ok(Some(DateSpec {
        start,
        end,
        approximate: r.bool()?,
        inferred: r.bool()?,
        note: r.option_string()?,
    }))
}

/// An item's attributes; `words` shares the keys and values that repeat.
fn read_attributes(r: &mut Reader, words: &mut Interner) -> Result<Attributes, CacheError> {
    let count = r.count(2)?;
    let mut attributes = Attributes::with_capacity(count);
    for _ in 0..count {
        let key = words.intern(r.str()?);
        attributes.insert(key, words.intern(r.str()?));
    }
    Ok(attributes)
}

fn read_evidence(
    r: &mut Reader,
    context: &ClaimContext,
    shared: &mut ChunkStrings,
) -> Result<Evidence, CacheError> {
    let documents = context.documents;
    let document = r.index(documents.len())?;
    let quote = r.index(context.quotes.len())?;
    let quote = shared
        .quotes
        .entry(quote as u32)
        .or_insert_with(|| SharedStr::from(context.quotes[quote]))
        .clone();
    let (start, end) = (r.usize()?, r.usize()?);
    let text = &documents[document].text;
    // A range is where the quote is in its document: inside the text and
    // on character boundaries (or empty, for records and texts not kept).
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return Err(CacheError::Damaged("a quote's range outside its document"));
    }
    let according_to = r.option_string()?;
    let relayed_from = r.option_string()?;
    let record = match r.u8()? {
        0 => None,
        1 => Some(Box::new(EvidenceRecord {
            dataset: r.option_string()?,
            record_id: r.option_string()?,
            source_url: r.option_string()?,
        })),
        _ => return Err(CacheError::Damaged("a record flag that is neither 0 nor 1")),
    };
    let modality = *Modality::ALL
        .get(usize::from(r.u8()?))
        .ok_or(CacheError::Damaged("an unknown modality"))?;
    let credibility = match r.u8()? {
        0 => None,
        grade => {
            Some(Credibility::new(grade).ok_or(CacheError::Damaged("a credibility outside 1–6"))?)
        }
    };
    Ok(Evidence {
        document: shared
            .documents
            .entry(document as u32)
            .or_insert_with(|| SharedStr::from(&documents[document].id))
            .clone(),
        quote,
        start,
        end,
        according_to,
        relayed_from,
        record,
        modality,
        credibility,
    })
}
