//! Free-form string attributes of an entity or claim (titles, ranks, roles,
//! values), sorted by key.
//!
//! A sorted vector rather than a `BTreeMap`: entities and claims carry none
//! or a handful, and a map allocates a node of eleven slots for even one
//! entry — hundreds of megabytes over half a million imported claims.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::SharedStr;

/// Key → value pairs with unique keys, kept in key order. Keys and values
/// are [`SharedStr`]s: a large import repeats the same keys on every row and
/// often the same values, and its loader shares them.
///
/// ```
/// use tiegraph::model::Attributes;
/// let mut attributes = Attributes::new();
/// attributes.insert("rank", "Admiral");
/// attributes.insert("born", "1950");
/// attributes.insert("rank", "Vice Admiral");
/// assert_eq!(attributes.get("rank"), Some("Vice Admiral"));
/// let keys: Vec<&str> = attributes.keys().collect();
/// assert_eq!(keys, ["born", "rank"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Attributes {
    pairs: Vec<(SharedStr, SharedStr)>,
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
    pub fn insert(
        &mut self,
        key: impl Into<SharedStr>,
        value: impl Into<SharedStr>,
    ) -> Option<SharedStr> {
        let (key, value) = (key.into(), value.into());
        match self
            .pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(key.as_str()))
        {
            Ok(at) => Some(std::mem::replace(&mut self.pairs[at].1, value)),
            Err(at) => {
                self.pairs.insert(at, (key, value));
                None
            }
        }
    }

    /// The value of `key`. O(log n).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|at| self.pairs[at].1.as_str())
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
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl ExactSizeIterator<Item = &str> {
        self.pairs.iter().map(|(_, v)| v.as_str())
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (SharedStr, SharedStr)>,
        fn(&'a (SharedStr, SharedStr)) -> (&'a str, &'a str),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl FromIterator<(String, String)> for Attributes {
    /// Later pairs replace earlier ones with the same key.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut pairs: Vec<(String, String)> = iter.into_iter().collect();
        // Stable sort, then keep the last of each run of equal keys.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(SharedStr, SharedStr)> = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            match unique.last_mut() {
                Some(last) if last.0 == key => last.1 = value.into(),
                _ => unique.push((key.into(), value.into())),
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
            pairs: map.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        })
    }
}
