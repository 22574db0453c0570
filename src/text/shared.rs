//! [`SharedStr`]: an immutable string that copies share, and the
//! [`Interner`] that makes equal strings one.
//!
//! A leak-sized dataset repeats a few strings millions of times: every
//! claim names its two ends, every evidence item its document and often the
//! same quote. As `String`s each repetition is its own allocation (the ends
//! and documents alone were a gigabyte at a million entities); shared, each
//! is a pointer and a length into one allocation.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use hashbrown::HashTable;

/// An immutable string whose clones share one allocation. Reads like a
/// `&str` (it dereferences to one) and compares with `str` and `String`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where its text is: equal for all clones, so a key for tables of
    /// shared strings that need not read the text.
    pub fn address(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// Whether both are the same allocation (then they are equal without
    /// reading the text).
    pub fn same_allocation(&self, other: &SharedStr) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr(Arc::from(""))
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> Self {
        SharedStr(Arc::from(text))
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> Self {
        SharedStr(Arc::from(text))
    }
}

impl From<&String> for SharedStr {
    fn from(text: &String) -> Self {
        SharedStr(Arc::from(text.as_str()))
    }
}

impl From<SharedStr> for String {
    fn from(text: SharedStr) -> Self {
        text.0.to_string()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == &*other.0
    }
}

impl serde::Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SharedStr::from)
    }
}

/// Makes equal strings one [`SharedStr`]: the first time a text is seen it
/// is copied once; every later time the copy is shared.
///
/// ```
/// use tiegraph::text::Interner;
/// let mut interner = Interner::default();
/// let a = interner.intern("doc-1");
/// let b = interner.intern("doc-1");
/// assert!(a.same_allocation(&b));
/// assert_eq!(interner.len(), 1);
/// ```
#[derive(Default)]
pub struct Interner {
    table: HashTable<SharedStr>,
}

impl Interner {
    /// The shared copy of `text`. O(length of the text) expected.
    pub fn intern(&mut self, text: &str) -> SharedStr {
        let hash = hash(text);
        if let Some(found) = self.table.find(hash, |s| s.as_str() == text) {
            return found.clone();
        }
        let shared = SharedStr::from(text);
        self.table
            .insert_unique(hash, shared.clone(), |s| self::hash(s));
        shared
    }

    /// How many distinct strings it holds.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_and_reads_like_a_string() {
        let shared = SharedStr::from("Sergey Shoigu");
        assert_eq!(shared, "Sergey Shoigu");
        assert_eq!("Sergey Shoigu".to_string(), shared);
        assert_eq!(shared.len(), 13);
        assert_eq!(
            format!("{shared} / {shared:?}"),
            "Sergey Shoigu / \"Sergey Shoigu\""
        );
        let mut interner = Interner::default();
        let (a, b) = (interner.intern("x"), interner.intern("y"));
        assert!(!a.same_allocation(&b));
        assert_eq!(interner.len(), 2);
    }
}
