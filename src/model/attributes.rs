//! Free-form string attributes of an entity or claim (titles, ranks, roles,
//! values), sorted by key.
//!
//! A sorted vector rather than a `BTreeMap`: entities and claims carry none
//! or a handful, and a map allocates a node of eleven slots for even one
//! entry — hundreds of megabytes over half a million imported claims.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Key → value pairs with unique keys, kept in key order.
///
/// ```
/// use tiegraph::model::Attributes;
/// let mut attributes = Attributes::new();
/// attributes.insert("rank".into(), "Admiral".into());
/// attributes.insert("born".into(), "1950".into());
/// attributes.insert("rank".into(), "Vice Admiral".into());
/// assert_eq!(attributes.get("rank").map(String::as_str), Some("Vice Admiral"));
/// let keys: Vec<&str> = attributes.keys().map(String::as_str).collect();
/// assert_eq!(keys, ["born", "rank"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Attributes {
    pairs: Vec<(String, String)>,
}

impl Attributes {
    pub fn new() -> Self {
        Attributes::default()
    }

    /// Room for `capacity` attributes without reallocating.
    pub fn with_capacity(capacity: usize) -> Self {
        Attributes {
            pairs: Vec::with_capacity(capacity),
        }
    }

    /// Sets `key` to `value`, returning the value it replaces. O(n) in the
    /// number of attributes.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.pairs.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(at) => Some(std::mem::replace(&mut self.pairs[at].1, value)),
            Err(at) => {
                self.pairs.insert(at, (key, value));
                None
            }
        }
    }

    /// The value of `key`. O(log n).
    pub fn get(&self, key: &str) -> Option<&String> {
        self.pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|at| &self.pairs[at].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// (key, value) pairs in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&String, &String)> {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &String> {
        self.pairs.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl ExactSizeIterator<Item = &String> {
        self.pairs.iter().map(|(_, v)| v)
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, String)> for Attributes {
    /// Later pairs replace earlier ones with the same key.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut pairs: Vec<(String, String)> = iter.into_iter().collect();
        // Stable sort, then keep the last of each run of equal keys.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(String, String)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match unique.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => unique.push(pair),
            }
        }
        Attributes { pairs: unique }
    }
}

impl<const N: usize> From<[(String, String); N]> for Attributes {
    fn from(pairs: [(String, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Attributes {
            pairs: map.into_iter().collect(),
        })
    }
}
