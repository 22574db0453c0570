//! The name index: every folded id, label and alias → the entities that go
//! by it. Most names lead to one entity; homonyms (a shared label or alias)
//! lead to several, kept apart so the common case stores one index only.

use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use crate::model::Node;
use crate::text::fold;

#[derive(Clone, Debug, Default)]
pub(super) struct NameIndex {
    /// The first entity going by each name.
    first: HashMap<String, NodeIndex>,
    /// The further entities going by a shared name, in dataset order.
    more: HashMap<String, Vec<NodeIndex>>,
}

impl NameIndex {
    /// Indexes every id, label and alias. O(total names).
    pub(super) fn new(nodes: &[Node]) -> Self {
        let mut index = NameIndex {
            first: HashMap::with_capacity_and_hasher(nodes.len() * 2, Default::default()),
            more: HashMap::default(),
        };
        for (position, node) in nodes.iter().enumerate() {
            let entity = NodeIndex::new(position);
            for name in std::iter::once(&node.id)
                .chain(std::iter::once(&node.label))
                .chain(node.aliases.iter())
            {
                index.insert(fold(name), entity);
            }
        }
        index
    }

    fn insert(&mut self, name: String, entity: NodeIndex) {
        match self.first.get(&name) {
            None => {
                self.first.insert(name, entity);
            }
            Some(&first) if first == entity => {}
            Some(_) => {
                // Entities come in order, so one already listed is last.
                let more = self.more.entry(name).or_default();
                if more.last() != Some(&entity) {
                    more.push(entity);
                }
            }
        }
    }

    /// The entities going by a folded name, first declared first.
    pub(super) fn get(&self, folded: &str) -> Vec<NodeIndex> {
        let Some(&first) = self.first.get(folded) else {
            return Vec::new();
        };
        let mut found = vec![first];
        if let Some(more) = self.more.get(folded) {
            found.extend_from_slice(more);
        }
        found
    }

    /// How many names lead to more than one entity.
    pub(super) fn shared(&self) -> usize {
        self.more.len()
    }
}
