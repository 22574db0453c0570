//! The closed vocabularies: node kinds and relation kinds.
//!
//! Both are closed on purpose: an analyst filtering by "visited" must be able
//! to trust that no claim hides under "went_to". Each variant carries its TOML
//! spelling and a one-line description used by `--help`, the README and the UI.

use std::fmt;

/// A closed vocabulary, so loaders and UIs can treat kinds and relations alike.
pub trait Vocabulary: Copy + 'static {
    /// Every member, in documentation order.
    fn all() -> &'static [Self];
    /// The dataset spelling.
    fn name(self) -> &'static str;
    /// The member with this spelling.
    fn from_name(text: &str) -> Option<Self>;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $( $variant:ident => $text:literal, $doc:literal; )+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( #[doc = $doc] $variant, )+
        }

        impl $name {
            /// Every variant, in documentation order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The spelling used in datasets and exports.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }

            /// One line saying what the variant means (and its direction, for relations).
            pub fn description(self) -> &'static str {
                match self { $( $name::$variant => $doc, )+ }
            }

            /// Parses the dataset spelling; `None` for anything outside the vocabulary.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $( $text => Some($name::$variant), )+ _ => None }
            }
        }

        impl Vocabulary for $name {
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn from_name(text: &str) -> Option<Self> {
                $name::parse(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} `{}`, expected one of: {}",
                        stringify!($name),
                        text,
                        $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                })
            }
        }
    };
}

vocabulary! {
    /// What a node is.
    NodeKind {
        Person => "person", "A named or described individual.";
        Organization => "organization", "Armed forces, ministries, companies, associations, NGOs, media outlets.";
        Country => "country", "A state.";
        Place => "place", "A city, region, port, building or other location.";
        Delegation => "delegation", "A group sent somewhere: has members, a leader, a destination and dates.";
        Visit => "visit", "A trip by a person or group to a place.";
        Meeting => "meeting", "Talks between parties.";
        Contract => "contract", "A contract, deal, agreement or sale.";
        Equipment => "equipment", "A weapon system, aircraft, ship or other materiel.";
        Event => "event", "A conference, exhibition, forum, games, parade or other happening.";
        Document => "document", "A resolution, report or website cited by the sources (not a corpus document).";
    }
}

vocabulary! {
    /// What a claim (edge) asserts, read from `from` to `to`.
    Relation {
        Led => "led", "from led to (a delegation, visit, meeting or organization).";
        MemberOf => "member_of", "from was a member of to (a delegation or organization).";
        PartOf => "part_of", "from is part of to (sub-group of a delegation, meeting within a visit, unit of a force).";
        Accompanied => "accompanied", "from accompanied to (a person or a visit).";
        Visited => "visited", "from (person, delegation, ship) visited to (place, country, organization).";
        Hosted => "hosted", "from hosted to (an event, visit or meeting).";
        Met => "met", "from met to; mutual, direction follows the text.";
        Attended => "attended", "from attended to (an event or meeting).";
        Signed => "signed", "from signed to (a contract).";
        PartyTo => "party_to", "from is a party to to (a contract).";
        Supplies => "supplies", "from supplies to (arms, training, support in kind).";
        Acquires => "acquires", "from bought, ordered or imported to (equipment or a contract).";
        Concerns => "concerns", "from (contract, meeting, visit, event, document) is about to.";
        DockedAt => "docked_at", "from (a ship) docked at to (a port or place).";
        HoldsRole => "holds_role", "from holds a role in to (role and rank in attributes).";
        LocatedIn => "located_in", "from is located in to.";
        Reported => "reported", "from (media, organization, person) reported to.";
        Uses => "uses", "from (an armed force) uses to (equipment).";
        CooperatesWith => "cooperates_with", "from cooperates, or holds talks on cooperation, with to.";
        Supports => "supports", "from backs to.";
        Opposes => "opposes", "from opposes to, armed or politically.";
        Attacked => "attacked", "from attacked to.";
        Criticized => "criticized", "from criticized to.";
        CommentedOn => "commented_on", "from (analyst, official) commented on to.";
        Honored => "honored", "from (an institution) honoured to.";
        Interviewed => "interviewed", "from (media) interviewed to.";
        VotedOn => "voted_on", "from (a country) voted on to (a resolution; the vote in attributes).";
        Adopted => "adopted", "from (a body) adopted to (a resolution or document).";
        AlliedWith => "allied_with", "from is an ally of to.";
        Sanctioned => "sanctioned", "from imposed sanctions on to.";
        Expelled => "expelled", "from expelled to.";
        Invaded => "invaded", "from invaded to.";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::parse(kind.as_str()), Some(*kind));
        }
        for relation in Relation::ALL {
            assert_eq!(Relation::parse(relation.as_str()), Some(*relation));
        }
        assert_eq!(Relation::parse("Led"), None);
    }
}
