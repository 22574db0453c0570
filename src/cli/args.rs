//! Arguments shared by several commands, and their conversion into the
//! library's types: the filter flags ([`FilterArgs`] → `Filter`), the path
//! constraints ([`ConstraintArgs`] → `PathQuery`), the review rule, and the
//! parsers of dates, statuses and export formats. Kinds and relations are
//! read against the dataset's own vocabulary once it is loaded.

use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::output::Failure;
use tiegraph::export::ExportFormat;
use tiegraph::graph::TieGraph;
use tiegraph::model::{Credibility, PartialDate, Reliability, ReviewStatus};
use tiegraph::query::{
    EvidenceRule, Filter, PathQuery, QueryError, ReviewRule, SavedFilter, find_kind, find_relation,
    resolve,
};

pub fn parse_status(text: &str) -> Result<ReviewStatus, String> {
    ReviewStatus::parse(text).ok_or_else(|| {
        format!(
            "unknown status `{text}`; expected one of unreviewed, confirmed, disputed, rejected"
        )
    })
}

fn parse_date(text: &str) -> Result<PartialDate, String> {
    text.parse()
        .map_err(|error| format!("invalid date `{text}`: {error}"))
}

/// `--format` of `export`: the library's formats, listed by name in
/// `--help`.
pub fn export_format() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::name))
        .map(|name| ExportFormat::parse(&name).unwrap_or(ExportFormat::Json))
}

/// The filter flags of `export`.
#[derive(Args, Default)]
pub struct FilterArgs {
    /// Node kinds to keep (comma-separated; `tiegraph vocabulary` lists
    /// the dataset's).
    #[arg(long, value_delimiter = ',')]
    node_kinds: Vec<String>,
    /// Relations to keep (comma-separated).
    #[arg(long, alias = "edge-kinds", value_delimiter = ',')]
    relations: Vec<String>,
    /// Start of the date window: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    from: Option<PartialDate>,
    /// End of the date window (inclusive).
    #[arg(long, value_parser = parse_date)]
    to: Option<PartialDate>,
    /// With a date window, drop undated claims too.
    #[arg(long)]
    drop_undated: bool,
    /// Keep only claims backed by this document (repeatable).
    #[arg(long = "doc")]
    documents: Vec<String>,
    /// Keep only claims backed by this publisher (repeatable).
    #[arg(long = "publisher")]
    publishers: Vec<String>,
    /// Minimum independent sources (distinct publishers) per claim.
    #[arg(long, default_value_t = 0)]
    min_sources: usize,
    /// Keep entities whose name or alias contains this text.
    #[arg(long)]
    text: Option<String>,
    /// Only the neighbourhood of this entity (repeatable).
    #[arg(long = "around")]
    around: Vec<String>,
    /// Radius of --around, in claims.
    #[arg(long, default_value_t = 1)]
    hops: usize,
    /// Drop entities left without a visible claim.
    #[arg(long)]
    hide_isolated: bool,
    /// Start from a saved filter; the flags above are added to it.
    #[arg(long = "filter")]
    pub filter_file: Option<PathBuf>,
    /// Save the resulting filter (with the dataset's hash) to this file.
    #[arg(long)]
    pub save_filter: Option<PathBuf>,
    #[command(flatten)]
    review: ReviewRuleArgs,
    #[command(flatten)]
    evidence: EvidenceRuleArgs,
}

impl FilterArgs {
    /// The filter these flags ask for: the saved filter's (if any) with the
    /// flags added to it.
    pub fn filter(&self, graph: &TieGraph) -> Result<Filter, Failure> {
        let mut chosen = match &self.filter_file {
            Some(path) => read_saved_filter(path, graph)?,
            None => Filter::default(),
        };
        for kind in &self.node_kinds {
            chosen.node_kinds.push(find_kind(graph, kind)?);
        }
        for relation in &self.relations {
            chosen.relations.push(find_relation(graph, relation)?);
        }
        chosen.from = self.from.or(chosen.from);
        chosen.to = self.to.or(chosen.to);
        chosen.drop_undated |= self.drop_undated;
        chosen.documents.extend(self.documents.iter().cloned());
        chosen.publishers.extend(self.publishers.iter().cloned());
        chosen.min_sources = chosen.min_sources.max(self.min_sources);
        if self.text.is_some() {
            chosen.text = self.text.clone();
        }
        if !self.around.is_empty() {
            chosen.focus.extend(self.around.iter().cloned());
            chosen.hops = self.hops;
        }
        chosen.hide_isolated |= self.hide_isolated;
        if self.review.rule() != ReviewRule::Any {
            chosen.review = self.review.rule();
        }
        if !self.evidence.rule().is_any() {
            chosen.evidence = self.evidence.rule();
        }
        Ok(chosen)
    }
}

/// Reads a saved filter, warning when it was made on another version of
/// the dataset.
pub fn read_saved_filter(path: &std::path::Path, graph: &TieGraph) -> Result<Filter, Failure> {
    let saved = SavedFilter::read(path).map_err(anyhow::Error::from)?;
    if let Some(warning) = saved.mismatch_warning(path, graph.dataset()) {
        eprintln!("warning: {warning}");
    }
    Ok(saved.filter)
}

/// The path constraint flags shared by `path` and `connect`.
#[derive(Args)]
pub struct ConstraintArgs {
    /// Relations a hop may use (comma-separated).
    #[arg(long, alias = "kinds", value_delimiter = ',')]
    relations: Vec<String>,
    /// Entities no path may pass through (comma-separated).
    #[arg(long, value_delimiter = ',')]
    avoid: Vec<String>,
    /// Let paths pass through hubs (countries and highly connected nodes).
    #[arg(long)]
    allow_hubs: bool,
    /// Above this many claims a node counts as a hub.
    #[arg(long, default_value_t = tiegraph::query::paths::DEFAULT_HUB_DEGREE)]
    hub_degree: usize,
    /// Each hop's date must not be before the previous hop's.
    #[arg(long)]
    time_respecting: bool,
    /// Minimum independent sources per hop.
    #[arg(long, default_value_t = 0)]
    min_sources: usize,
    /// Most paths listed.
    #[arg(long, default_value_t = 1000)]
    limit: usize,
    #[command(flatten)]
    review: ReviewRuleArgs,
    #[command(flatten)]
    evidence: EvidenceRuleArgs,
}

impl ConstraintArgs {
    /// The path query these flags ask for. Names are resolved now, so that
    /// a typo is reported before any search.
    pub fn query(&self, graph: &TieGraph, max_hops: usize) -> Result<PathQuery, QueryError> {
        let avoid = self
            .avoid
            .iter()
            .map(|name| resolve(graph, name).map(|index| graph.node(index).id.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        let relations = self
            .relations
            .iter()
            .map(|relation| find_relation(graph, relation))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PathQuery {
            relations,
            avoid,
            allow_hubs: self.allow_hubs,
            hub_degree: self.hub_degree,
            time_respecting: self.time_respecting,
            min_sources: self.min_sources,
            max_hops,
            // A limit of 0 would hide every path; at least one is listed.
            limit: self.limit.max(1),
            review: self.review.rule(),
            evidence: self.evidence.rule(),
        })
    }
}

/// Review-status rules, read against the dataset's reviews file.
#[derive(Args, Default, Clone, Copy)]
pub struct ReviewRuleArgs {
    /// Use only claims a reviewer confirmed.
    #[arg(long, conflicts_with = "exclude_rejected")]
    confirmed_only: bool,
    /// Leave out claims a reviewer rejected.
    #[arg(long)]
    exclude_rejected: bool,
}

impl ReviewRuleArgs {
    pub fn rule(self) -> ReviewRule {
        if self.confirmed_only {
            ReviewRule::ConfirmedOnly
        } else if self.exclude_rejected {
            ReviewRule::ExcludeRejected
        } else {
            ReviewRule::Any
        }
    }
}

fn parse_reliability(text: &str) -> Result<Reliability, String> {
    Reliability::parse(text)
        .ok_or_else(|| format!("reliability `{text}`: expected A, B, C, D, E or F"))
}

fn parse_credibility(text: &str) -> Result<Credibility, String> {
    Credibility::parse(text).ok_or_else(|| format!("credibility `{text}`: expected 1 to 6"))
}

/// What kind of evidence a claim needs: modality and grades.
#[derive(Args, Default, Clone, Copy)]
pub struct EvidenceRuleArgs {
    /// Only claims with a passage that states or reports them as a fact
    /// (not an opinion, plan, talks, hedge or denial).
    #[arg(long)]
    factual_only: bool,
    /// Only evidence from documents graded this reliable or better (A–F).
    #[arg(long, value_parser = parse_reliability)]
    min_reliability: Option<Reliability>,
    /// Only evidence graded this credible or better (1–6).
    #[arg(long, value_parser = parse_credibility)]
    min_credibility: Option<Credibility>,
}

impl EvidenceRuleArgs {
    pub fn rule(self) -> EvidenceRule {
        EvidenceRule {
            factual_only: self.factual_only,
            min_reliability: self.min_reliability,
            min_credibility: self.min_credibility,
        }
    }
}
