//! An index from string ids to positions that does not copy the ids.
//!
//! A `HashMap<String, _>` over half a million claims clones half a million
//! ids and frees them again; this table keeps only the positions and reads
//! the ids from the items themselves, so building it allocates one table.

use std::hash::BuildHasher;

use hashbrown::HashTable;

fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Positions (`u32`) of items, found by the id each item carries.
///
/// The caller passes `id_of` to every call so the index never owns or
/// borrows the items; it must be the same mapping each time.
///
/// ```
/// use tiegraph::index::IdIndex;
/// let ids = ["b", "a", "c"];
/// let mut index = IdIndex::with_capacity(ids.len());
/// for position in 0..ids.len() as u32 {
///     assert_eq!(index.insert(position, |p| ids[p as usize]), None);
/// }
/// assert_eq!(index.get("c", |p| ids[p as usize]), Some(2));
/// assert_eq!(index.get("z", |p| ids[p as usize]), None);
/// // A second item with the same id is refused, naming the first.
/// let ids = ["b", "a", "c", "a"];
/// assert_eq!(index.insert(3, |p| ids[p as usize]), Some(1));
/// ```
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
}

impl IdIndex {
    pub fn with_capacity(capacity: usize) -> Self {
        IdIndex {
            table: HashTable::with_capacity(capacity),
        }
    }

    /// The position of the item with this id. O(1) expected.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        self.table
            .find(hash(id), |&position| id_of(position) == id)
            .copied()
    }

    /// Adds the item at `position` under `id_of(position)`; if another item
    /// already has that id, nothing changes and its position is returned.
    pub fn insert<'a>(&mut self, position: u32, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let id = id_of(position);
        let hash_of_id = hash(id);
        if let Some(&existing) = self.table.find(hash_of_id, |&p| id_of(p) == id) {
            return Some(existing);
        }
        self.table
            .insert_unique(hash_of_id, position, |&p| hash(id_of(p)));
        None
    }

    /// Adds the item at `position`, which the caller has just found absent
    /// (with [`IdIndex::get`]): one probe instead of two.
    pub fn insert_new<'a>(&mut self, position: u32, id_of: impl Fn(u32) -> &'a str) {
        let id = id_of(position);
        debug_assert!(
            self.get(id, &id_of).is_none(),
            "insert_new of an id already there"
        );
        self.table
            .insert_unique(hash(id), position, |&p| hash(id_of(p)));
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}
