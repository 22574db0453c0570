//! `tiegraph vocabulary [DATASET]`: the node kinds and relations a dataset
//! may use (its own, or the built-in ones), with their meaning, look and use.

use std::path::PathBuf;

use clap::Args;

use super::output::{Failure, load_or_report};
use tiegraph::style::kind_style;

#[derive(Args)]
pub struct VocabularyArgs {
    /// Dataset whose vocabulary to list (default: the embedded dataset).
    dataset: Option<PathBuf>,
}

pub fn run(args: VocabularyArgs) -> Result<(), Failure> {
    let loaded = load_or_report(args.dataset.as_deref())?;
    let dataset = &loaded.dataset;
    let vocabulary = &dataset.vocabulary;
    let origin = |declared: bool| {
        if declared {
            "declared by the dataset"
        } else {
            "built in"
        }
    };
    println!(
        "Node kinds ({}): id, entities, shape and colour, meaning",
        origin(vocabulary.declared_kinds)
    );
    for definition in &vocabulary.kinds {
        let count = dataset
            .nodes
            .iter()
            .filter(|n| n.kind == definition.kind)
            .count();
        let style = kind_style(vocabulary, definition.kind);
        println!(
            "  {:<16} {count:>6}  {:<13} {}  {}",
            definition.kind.as_str(),
            style.shape.as_str(),
            style.hex(),
            definition.meaning
        );
    }
    println!(
        "\nRelations, read from → to ({}): id, claims, meaning",
        origin(vocabulary.declared_relations)
    );
    for definition in &vocabulary.relations {
        let count = dataset
            .claims
            .iter()
            .filter(|c| c.relation == definition.relation)
            .count();
        let mutual = if definition.mutual { " (mutual)" } else { "" };
        println!(
            "  {:<16} {count:>6}  {}{mutual}",
            definition.relation.as_str(),
            definition.meaning
        );
    }
    std::mem::forget(loaded);
    Ok(())
}
