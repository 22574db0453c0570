//! `tiegraph vocabulary`: the node kinds and relations, with their meaning.

use super::output::Failure;
use tiegraph::model::{NodeKind, Relation};

pub fn run() -> Result<(), Failure> {
    println!("Node kinds:");
    for kind in NodeKind::ALL {
        println!("  {:<16} {}", kind.as_str(), kind.description());
    }
    println!("\nRelations (from → to):");
    for relation in Relation::ALL {
        println!("  {:<16} {}", relation.as_str(), relation.description());
    }
    Ok(())
}
