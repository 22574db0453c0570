//! The name index: every folded id, label and alias → the entities that go
//! by it. Most names lead to one entity; homonyms (a shared label or alias)
//! lead to several, kept apart so the common case stores one entry only.
//!
//! The folded names are not stored: an entry is the entity and which of its
//! names it is, found by the hash of the folded name and checked by folding
//! that name again. At a million entities that saves three million strings
//! (a second of allocation and 150 MB).

use std::hash::BuildHasher;

use hashbrown::HashTable;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use crate::model::Node;
use crate::text::fold_into;

/// An entity's name: its position and which name (0 the id, 1 the label,
/// 2 and on its aliases).
type NameAt = (u32, u32);

#[derive(Clone, Debug, Default)]
pub(super) struct NameIndex {
    /// The first entity going by each folded name.
    first: HashTable<NameAt>,
    /// The further entities going by a shared name, in dataset order, under
    /// the first one's entry.
    more: HashMap<NameAt, Vec<NodeIndex>>,
}

fn hash(folded: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(folded)
}

/// The name at `at`, if the entity has it.
fn name(nodes: &[Node], (node, slot): NameAt) -> Option<&str> {
    let node = nodes.get(node as usize)?;
    match slot {
        0 => Some(&node.id),
        1 => Some(&node.label),
        n => node.aliases.get(n as usize - 2).map(String::as_str),
    }
}

/// Whether the name at `at` folds to `folded` (`scratch` is reused).
fn folds_to(nodes: &[Node], at: NameAt, folded: &str, scratch: &mut String) -> bool {
    match name(nodes, at) {
        Some(text) => {
            fold_into(text, scratch);
            scratch == folded
        }
        None => false,
    }
}

impl NameIndex {
    /// Indexes every id, label and alias. O(total names).
    pub(super) fn new(nodes: &[Node]) -> Self {
        // Room for every name, so the table never grows (growing folds
        // every name again to rehash it).
        let names: usize = nodes.iter().map(|n| 2 + n.aliases.len()).sum();
        let mut index = NameIndex {
            first: HashTable::with_capacity(names),
            more: HashMap::default(),
        };
        let (mut folded, mut scratch) = (String::new(), String::new());
        for (position, node) in nodes.iter().enumerate() {
            let entity = NodeIndex::new(position);
            let names = std::iter::once(&node.id)
                .chain(std::iter::once(&node.label))
                .chain(node.aliases.iter());
            for (slot, text) in names.enumerate() {
                fold_into(text, &mut folded);
                let at = (position as u32, slot as u32);
                let hash = hash(&folded);
                let found = index
                    .first
                    .find(hash, |&other| folds_to(nodes, other, &folded, &mut scratch))
                    .copied();
                match found {
                    None => {
                        index.first.insert_unique(hash, at, |&other| {
                            let mut again = String::new();
                            fold_into(name(nodes, other).unwrap_or_default(), &mut again);
                            self::hash(&again)
                        });
                    }
                    Some((first, _)) if first as usize == position => {}
                    Some(first) => {
                        // Entities come in order, so one already listed is last.
                        let more = index.more.entry(first).or_default();
                        if more.last() != Some(&entity) {
                            more.push(entity);
                        }
                    }
                }
            }
        }
        index
    }

    /// The entities going by a folded name, first declared first.
    pub(super) fn get(&self, nodes: &[Node], folded: &str) -> Vec<NodeIndex> {
        let mut scratch = String::new();
        let Some(&first) = self.first.find(hash(folded), |&at| {
            folds_to(nodes, at, folded, &mut scratch)
        }) else {
            return Vec::new();
        };
        let mut found = vec![NodeIndex::new(first.0 as usize)];
        if let Some(more) = self.more.get(&first) {
            found.extend_from_slice(more);
        }
        found
    }

    /// How many names lead to more than one entity.
    pub(super) fn shared(&self) -> usize {
        self.more.len()
    }
}
