//! How sure, on whose word: what kind of statement an evidence passage is
//! (its modality), how reliable its source is and how credible the item
//! (the Admiralty, or NATO, grading of intelligence analysis: reliability
//! A–F of a source, credibility 1–6 of an item of information).

use std::fmt;

/// What kind of statement a passage makes about its claim.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// The text asserts it.
    #[default]
    Stated,
    /// The text attributes it to someone (with `according_to`).
    Reported,
    /// Hedged: "appeared to be", "reportedly", "is believed to".
    Uncertain,
    /// Intended, promised, scheduled: "will", "plans to".
    Plan,
    /// Talks about a possibility: "discussed", "explored opportunities".
    Discussed,
    /// An analyst's or official's view.
    Opinion,
    /// The text reports it denied.
    Denied,
}

impl Modality {
    pub const ALL: [Modality; 7] = [
        Modality::Stated,
        Modality::Reported,
        Modality::Uncertain,
        Modality::Plan,
        Modality::Discussed,
        Modality::Opinion,
        Modality::Denied,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Modality::Stated => "stated",
            Modality::Reported => "reported",
            Modality::Uncertain => "uncertain",
            Modality::Plan => "plan",
            Modality::Discussed => "discussed",
            Modality::Opinion => "opinion",
            Modality::Denied => "denied",
        }
    }

    pub fn parse(text: &str) -> Option<Modality> {
        let text = text.trim().to_ascii_lowercase();
        Modality::ALL.into_iter().find(|m| m.name() == text)
    }

    /// What it means, in a line.
    pub fn meaning(self) -> &'static str {
        match self {
            Modality::Stated => "the text asserts it",
            Modality::Reported => "the text attributes it to someone (according_to)",
            Modality::Uncertain => "the text hedges it: \"appeared to\", \"reportedly\"",
            Modality::Plan => "intended, promised or scheduled: \"will\", \"plans to\"",
            Modality::Discussed => "talks about a possibility, not an established fact",
            Modality::Opinion => "someone's view, not a reported fact",
            Modality::Denied => "the text reports it denied",
        }
    }

    /// Whether it is the default (what the formats leave unwritten).
    pub fn is_stated(&self) -> bool {
        *self == Modality::Stated
    }

    /// Whether the passage reports the claim as a fact (stated or
    /// reported), rather than a view, a plan, talks, a hedge or a denial.
    pub fn is_factual(self) -> bool {
        matches!(self, Modality::Stated | Modality::Reported)
    }

    /// Rank for "weakest first": stated is strongest (0), denied weakest.
    pub fn weakness(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A source's reliability, A (completely reliable) to F (cannot be judged);
/// written as its letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reliability(u8);

impl serde::Serialize for Reliability {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.letter())
    }
}

impl<'de> serde::Deserialize<'de> for Reliability {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Reliability::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("reliability {text:?}: expected A to F"))
        })
    }
}

impl Reliability {
    pub fn parse(text: &str) -> Option<Reliability> {
        match text.trim().to_ascii_uppercase().as_str() {
            grade @ ("A" | "B" | "C" | "D" | "E" | "F") => {
                Some(Reliability(grade.as_bytes()[0] - b'A'))
            }
            _ => None,
        }
    }

    /// The letter.
    pub fn letter(self) -> char {
        char::from(b'A' + self.0)
    }

    /// Whether this is `other` or better (A is best).
    pub fn at_least(self, other: Reliability) -> bool {
        self.0 <= other.0
    }

    pub fn meaning(self) -> &'static str {
        [
            "completely reliable",
            "usually reliable",
            "fairly reliable",
            "not usually reliable",
            "unreliable",
            "reliability cannot be judged",
        ][usize::from(self.0)]
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// An item's credibility, 1 (confirmed by other sources) to 6 (truth
/// cannot be judged); written as its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Credibility(u8);

impl serde::Serialize for Credibility {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Credibility {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let grade = u8::deserialize(deserializer)?;
        Credibility::new(grade).ok_or_else(|| {
            serde::de::Error::custom(format!("credibility {grade}: expected 1 to 6"))
        })
    }
}

impl Credibility {
    pub fn new(grade: u8) -> Option<Credibility> {
        (1..=6).contains(&grade).then_some(Credibility(grade))
    }

    pub fn parse(text: &str) -> Option<Credibility> {
        text.trim().parse().ok().and_then(Credibility::new)
    }

    pub fn grade(self) -> u8 {
        self.0
    }

    /// Whether this is `other` or better (1 is best).
    pub fn at_least(self, other: Credibility) -> bool {
        self.0 <= other.0
    }

    pub fn meaning(self) -> &'static str {
        [
            "confirmed by other sources",
            "probably true",
            "possibly true",
            "doubtful",
            "improbable",
            "truth cannot be judged",
        ][usize::from(self.0 - 1)]
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_and_order() {
        assert_eq!(Modality::parse(" Plan "), Some(Modality::Plan));
        assert_eq!(Modality::parse("rumour"), None);
        let b = Reliability::parse("b").unwrap();
        assert_eq!(b.letter(), 'B');
        assert!(Reliability::parse("A").unwrap().at_least(b));
        assert!(!Reliability::parse("C").unwrap().at_least(b));
        assert_eq!(Reliability::parse("G"), None);
        assert!(
            Credibility::parse("2")
                .unwrap()
                .at_least(Credibility::new(3).unwrap())
        );
        assert_eq!(Credibility::parse("7"), None);
        assert_eq!(Credibility::parse("0"), None);
    }
}
