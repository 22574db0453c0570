//! Node kinds and relations: the words a dataset's vocabulary is made of.
//!
//! Each dataset declares its vocabulary (see [`super::Vocabulary`]), or uses
//! the built-in one, and the loader refuses any kind or relation outside it:
//! an analyst filtering by "visited" must be able to trust that no claim hides
//! under "went_to". A [`NodeKind`] or [`Relation`] is only the word; what it
//! means, and how it looks, is in the vocabulary.
//!
//! Both are `Copy` handles to an interned string: every node and claim holds
//! one, filters and layouts compare them in loops, and a dataset has a few
//! dozen distinct words, so each distinct word is stored once for the life of
//! the process.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// The one `'static` copy of `text`: a built-in word, or one stored the
/// first time it is seen.
fn intern(text: &str) -> &'static str {
    if let Some(builtin) = super::builtin::word(text) {
        return builtin;
    }
    static WORDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut words = WORDS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(word) = words.get(text) {
        return word;
    }
    let word: &'static str = Box::leak(text.to_owned().into_boxed_str());
    words.insert(word);
    word
}

/// Whether `text` may be a kind or relation id: lowercase ASCII letters,
/// digits and `_`, starting with a letter, at most 64 bytes. They become
/// Graphviz attributes, Neo4j labels and relationship types, GEXF values and
/// CSV cells, so they are kept plain.
pub fn valid_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
}

macro_rules! word_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(&'static str);

        impl $name {
            /// The word for `id` (any text: whether the dataset's vocabulary
            /// has it is for the loader to check).
            pub fn new(id: &str) -> Self {
                $name(intern(id))
            }

            /// The spelling used in datasets and exports.
            pub fn as_str(self) -> &'static str {
                self.0
            }

            pub(super) const fn builtin(id: &'static str) -> Self {
                $name(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                if valid_word(&text) {
                    Ok($name::new(&text))
                } else {
                    Err(serde::de::Error::custom(format!(
                        "invalid {} `{}`: expected lowercase letters, digits and `_`, starting with a letter",
                        $what, text
                    )))
                }
            }
        }
    };
}

word_type! {
    /// What an entity is: `person`, `organization`, or a kind the dataset
    /// declares.
    NodeKind, "node kind"
}

word_type! {
    /// What a claim (edge) asserts, read from `from` to `to`: `met`,
    /// `supplies`, or a relation the dataset declares.
    Relation, "relation"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_by_spelling() {
        assert_eq!(NodeKind::new("person"), NodeKind::PERSON);
        let owns = Relation::new("owns");
        assert_eq!(owns, Relation::new(&String::from("owns")));
        assert_eq!(owns.as_str(), "owns");
        assert_ne!(Relation::new("Met"), Relation::MET);
    }

    #[test]
    fn valid_words() {
        assert!(valid_word("director_of"));
        assert!(valid_word("a1"));
        for bad in ["", "Met", "1a", "_a", "a-b", "a b", "é"] {
            assert!(!valid_word(bad), "{bad}");
        }
        assert!(!valid_word(&"a".repeat(65)));
    }
}
