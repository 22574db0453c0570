//! `tiegraph add document|entity|claim …`: what the window's curation
//! forms do, for scripts. Each writes the dataset file at once (validated,
//! atomically, under its lock); a quote must be found in its document, and
//! the closest passage is shown when it is not.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{Failure, applied, open_for_edit};
use tiegraph::curate::{Edit, NewClaim, NewDocument, NewEntity, NewEvidence};
use tiegraph::graph::TieGraph;
use tiegraph::model::{Attributes, DateSpec};
use tiegraph::query::{find_kind, find_relation, resolve};

#[derive(Subcommand)]
pub enum AddWhat {
    /// Copy a text file (.txt or .md) into the dataset's sources/ and add it
    /// as a document.
    Document(DocumentArgs),
    /// Add an entity.
    Entity(EntityArgs),
    /// Add a claim FROM RELATION TO, quoting the passage that states it.
    Claim(ClaimArgs),
}

/// A date and how sure it is, as flags.
#[derive(Args)]
pub struct DateArgs {
    /// YYYY, YYYY-MM, YYYY-MM-DD or START/END.
    #[arg(long, value_parser = parse_date)]
    date: Option<DateSpec>,
    /// The text is vague about the date.
    #[arg(long, requires = "date")]
    approximate: bool,
    /// The text implies part of the date without stating it.
    #[arg(long, requires = "date")]
    inferred: bool,
    /// Where the date comes from, or what is vague about it.
    #[arg(long, requires = "date")]
    date_note: Option<String>,
}

impl DateArgs {
    fn spec(&self) -> Option<DateSpec> {
        self.date.clone().map(|date| DateSpec {
            approximate: self.approximate,
            inferred: self.inferred,
            note: self.date_note.clone(),
            ..date
        })
    }
}

fn parse_date(text: &str) -> Result<DateSpec, String> {
    DateSpec::parse_value(text).map_err(|error| format!("invalid date `{text}`: {error}"))
}

fn parse_attribute(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("expected KEY=VALUE, found `{text}`")),
    }
}

#[derive(Args)]
pub struct DocumentArgs {
    /// The text file to copy (UTF-8), unchanged.
    file: PathBuf,
    /// The title as the text gives it.
    #[arg(long)]
    title: String,
    /// Only if the text names it.
    #[arg(long, default_value = "unknown")]
    publisher: String,
    /// Publication date: YYYY, YYYY-MM, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    published: Option<DateSpec>,
    /// The document's id (default: from the title).
    #[arg(long)]
    id: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// The dataset file to add to (a curated .toml).
    #[arg(long)]
    dataset: PathBuf,
}

#[derive(Args)]
pub struct EntityArgs {
    /// Display name.
    label: String,
    /// Its kind (`tiegraph vocabulary` lists the dataset's).
    #[arg(long)]
    kind: String,
    /// Another spelling the sources use (repeatable).
    #[arg(long = "alias")]
    aliases: Vec<String>,
    /// KEY=VALUE, e.g. rank=admiral (repeatable).
    #[arg(long = "attribute", value_parser = parse_attribute)]
    attributes: Vec<(String, String)>,
    #[command(flatten)]
    date: DateArgs,
    /// The entity's id (default: from the label).
    #[arg(long)]
    id: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// A different entity that has a name another entity already has.
    #[arg(long)]
    homonym: bool,
    /// The dataset file to add to (a curated .toml).
    #[arg(long)]
    dataset: PathBuf,
}

#[derive(Args)]
pub struct ClaimArgs {
    /// The entity the claim goes from (id, name or alias).
    from: String,
    /// The relation, read from → to.
    relation: String,
    /// The entity the claim goes to.
    to: String,
    /// The document that states it.
    #[arg(long = "doc")]
    document: String,
    /// The passage, verbatim (blanks and typographic quotes forgiven).
    #[arg(long)]
    quote: String,
    /// The byte offset where the quote begins, when it occurs more than once.
    #[arg(long)]
    start: Option<usize>,
    /// Who makes the claim, where the text says.
    #[arg(long)]
    according_to: Option<String>,
    /// The outlet whose report this passage only relays.
    #[arg(long)]
    relayed_from: Option<String>,
    /// KEY=VALUE (repeatable).
    #[arg(long = "attribute", value_parser = parse_attribute)]
    attributes: Vec<(String, String)>,
    #[command(flatten)]
    date: DateArgs,
    /// The claim's id (default: FROM--RELATION--TO).
    #[arg(long)]
    id: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// The dataset file to add to (a curated .toml).
    #[arg(long)]
    dataset: PathBuf,
}

pub fn run(what: AddWhat) -> Result<(), Failure> {
    match what {
        AddWhat::Document(args) => document(args),
        AddWhat::Entity(args) => entity(args),
        AddWhat::Claim(args) => claim(args),
    }
}

fn document(args: DocumentArgs) -> Result<(), Failure> {
    let mut file = open_for_edit(&args.dataset)?;
    let bytes = std::fs::read(&args.file)
        .map_err(|error| tiegraph::fs::FsError::io("read", &args.file, error))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid byte at offset {}); convert it first",
            args.file.display(),
            error.utf8_error().valid_up_to()
        )
    })?;
    let edit = Edit::AddDocument(NewDocument {
        id: args.id,
        title: args.title,
        publisher: args.publisher,
        published: args.published,
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        text,
        note: args.note,
    });
    applied(&mut file, &edit)
}

fn entity(args: EntityArgs) -> Result<(), Failure> {
    let mut file = open_for_edit(&args.dataset)?;
    let graph = TieGraph::new(file.loaded().dataset.clone());
    let edit = Edit::AddEntity(NewEntity {
        id: args.id,
        kind: find_kind(&graph, &args.kind)?,
        label: args.label,
        aliases: args.aliases,
        date: args.date.spec(),
        attributes: args.attributes.into_iter().collect::<Attributes>(),
        note: args.note,
        homonym: args.homonym,
    });
    applied(&mut file, &edit)
}

fn claim(args: ClaimArgs) -> Result<(), Failure> {
    let mut file = open_for_edit(&args.dataset)?;
    let graph = TieGraph::new(file.loaded().dataset.clone());
    let from = graph.node(resolve(&graph, &args.from)?).id.clone();
    let to = graph.node(resolve(&graph, &args.to)?).id.clone();
    let edit = Edit::AddClaim {
        claim: NewClaim {
            id: args.id,
            from,
            relation: find_relation(&graph, &args.relation)?,
            to,
            date: args.date.spec(),
            attributes: args.attributes.into_iter().collect(),
            note: args.note,
            evidence: NewEvidence {
                document: args.document,
                quote: args.quote,
                start: args.start,
                according_to: args.according_to,
                relayed_from: args.relayed_from,
            },
        },
        new_entities: Vec::new(),
    };
    applied(&mut file, &edit)
}
