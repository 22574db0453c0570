//! The edits a curator makes, as data: what the window's forms and the
//! `add` / `merge` commands build, and what [`super::DatasetFile`] applies
//! to the dataset's file.

use crate::model::{Attributes, DateSpec, Node, NodeKind, Relation};

/// A document to add: its text is copied unchanged into the dataset's
/// `sources/` folder under `file_name`.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDocument {
    /// `None`: made from the title.
    pub id: Option<String>,
    pub title: String,
    /// "unknown" unless the text names its publisher.
    pub publisher: String,
    pub published: Option<DateSpec>,
    /// The file's name in `sources/` (made unique there).
    pub file_name: String,
    pub text: String,
    pub note: Option<String>,
}

/// An entity to add.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntity {
    /// `None`: made from the label.
    pub id: Option<String>,
    pub kind: NodeKind,
    pub label: String,
    pub aliases: Vec<String>,
    pub date: Option<DateSpec>,
    pub attributes: Attributes,
    pub note: Option<String>,
    /// A different entity that goes by a name another entity already has
    /// (a homonym): without it, such a name is refused.
    pub homonym: bool,
}

impl NewEntity {
    /// An entity of `kind` called `label`, nothing else known yet.
    pub fn named(kind: NodeKind, label: &str) -> Self {
        NewEntity {
            id: None,
            kind,
            label: label.to_string(),
            aliases: Vec::new(),
            date: None,
            attributes: Attributes::new(),
            note: None,
            homonym: false,
        }
    }
}

/// A passage of a document, pinned to where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvidence {
    pub document: String,
    /// The document's own text at `start` (a selection is exact by
    /// construction; a typed quote is checked, and found if unpinned).
    pub quote: String,
    pub start: Option<usize>,
    pub according_to: Option<String>,
    pub relayed_from: Option<String>,
}

impl NewEvidence {
    /// The passage selected in `text` (the document `document`) between
    /// bytes `range`, without the blanks around it: the quote is the text
    /// itself, pinned where it starts, so it cannot be wrong.
    ///
    /// Fails when the range is outside the text or inside a character, or
    /// holds nothing but blanks.
    ///
    /// ```
    /// use tiegraph::curate::NewEvidence;
    /// let text = "The navy chief met the minister.";
    /// let evidence = NewEvidence::from_selection("doc", text, 3..19).unwrap();
    /// assert_eq!(evidence.quote, "navy chief met");
    /// assert_eq!(evidence.start, Some(4));
    /// assert!(NewEvidence::from_selection("doc", text, 3..4).is_err());
    /// ```
    pub fn from_selection(
        document: &str,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Result<Self, super::CurateError> {
        let Some(selected) = text.get(range.clone()) else {
            return Err(super::CurateError::SelectionOutside {
                document: document.to_string(),
                start: range.start,
                end: range.end,
                len: text.len(),
            });
        };
        let quote = selected.trim();
        if quote.is_empty() {
            return Err(super::CurateError::EmptySelection);
        }
        let start = range.start + (selected.len() - selected.trim_start().len());
        Ok(NewEvidence {
            document: document.to_string(),
            quote: quote.to_string(),
            start: Some(start),
            according_to: None,
            relayed_from: None,
        })
    }
}

/// A claim to add. Its ends are entity ids (a new entity of the same edit
/// included).
#[derive(Clone, Debug, PartialEq)]
pub struct NewClaim {
    /// `None`: `<from>--<relation>--<to>`, made unique.
    pub id: Option<String>,
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub date: Option<DateSpec>,
    pub attributes: Attributes,
    pub note: Option<String>,
    pub evidence: NewEvidence,
}

/// What a claim becomes (its ends and evidence stay).
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimFields {
    pub relation: Relation,
    pub date: Option<DateSpec>,
    pub attributes: Attributes,
    pub note: Option<String>,
}

/// One edit of a dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddDocument(NewDocument),
    AddEntity(NewEntity),
    /// A claim, with the entities it needs that do not exist yet.
    AddClaim {
        claim: NewClaim,
        new_entities: Vec<NewEntity>,
    },
    /// A passage as one more evidence item of a claim.
    AddEvidence {
        claim: String,
        evidence: NewEvidence,
    },
    /// The entity as it becomes, found by its id (which stays).
    UpdateEntity(Node),
    UpdateClaim {
        id: String,
        fields: ClaimFields,
    },
    /// An entity and every claim it takes part in.
    DeleteEntity {
        id: String,
    },
    DeleteClaim {
        id: String,
    },
    /// One evidence item (by position) of a claim with more than one.
    DeleteEvidence {
        claim: String,
        index: usize,
    },
    /// A conflict; its claims stay, no longer marked.
    DeleteConflict {
        id: String,
    },
    /// `other` becomes an alias of `keep`: its label and aliases are added
    /// to `keep`'s, every claim of `other` now refers to `keep` (keeping its
    /// id, so its reviews follow it), and `other` is gone.
    MergeEntities {
        keep: String,
        other: String,
    },
    /// Two or more claims that disagree, as one conflict (its id made from
    /// the description).
    MarkConflict {
        claims: Vec<String>,
        description: String,
    },
}

impl Edit {
    /// What the edit does, in a few words (for undo and messages).
    pub fn describe(&self) -> String {
        match self {
            Edit::AddDocument(d) => format!("add document “{}”", d.title),
            Edit::AddEntity(e) => format!("add entity “{}”", e.label),
            Edit::AddClaim { claim, .. } => {
                format!("add claim {} {} {}", claim.from, claim.relation, claim.to)
            }
            Edit::AddEvidence { claim, .. } => format!("add evidence to {claim}"),
            Edit::UpdateEntity(node) => format!("edit entity {}", node.id),
            Edit::UpdateClaim { id, .. } => format!("edit claim {id}"),
            Edit::DeleteEntity { id } => format!("delete entity {id}"),
            Edit::DeleteClaim { id } => format!("delete claim {id}"),
            Edit::DeleteEvidence { claim, index } => {
                format!("delete evidence {} of {claim}", index.saturating_add(1))
            }
            Edit::DeleteConflict { id } => format!("delete conflict {id}"),
            Edit::MergeEntities { keep, other } => format!("merge {other} into {keep}"),
            Edit::MarkConflict { claims, .. } => {
                format!("mark {} as a conflict", claims.join(", "))
            }
        }
    }
}
