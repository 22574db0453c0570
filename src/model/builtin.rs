//! The built-in vocabulary: 11 node kinds and 32 relations, made for the
//! first corpus (Myanmar–Russia military ties). A dataset that declares no
//! vocabulary of its own uses these; one that declares its own may reuse
//! any of them by id and inherit the meaning and look given here.

use super::kinds::{NodeKind, Relation};
use super::vocabulary::Shape;

/// A built-in kind: its word, meaning, Graphviz shape and fill colour.
pub(super) struct BuiltinKind {
    pub kind: NodeKind,
    pub meaning: &'static str,
    pub shape: Shape,
    pub rgb: [u8; 3],
}

/// A built-in relation: its word, meaning and whether it is mutual.
pub(super) struct BuiltinRelation {
    pub relation: Relation,
    pub meaning: &'static str,
    pub mutual: bool,
}

macro_rules! builtin_kinds {
    ($( $constant:ident => $text:literal, $shape:ident, [$r:literal, $g:literal, $b:literal], $doc:literal; )+) => {
        impl NodeKind {
            $( #[doc = $doc] pub const $constant: NodeKind = NodeKind::builtin($text); )+
        }

        /// Colours are ColorBrewer Set3, distinguishable on screen and in
        /// print; shapes differ too, for colour-blind readers.
        pub(super) const KINDS: &[BuiltinKind] = &[
            $( BuiltinKind { kind: NodeKind::$constant, meaning: $doc, shape: Shape::$shape, rgb: [$r, $g, $b] }, )+
        ];
    };
}

macro_rules! builtin_relations {
    ($( $constant:ident => $text:literal, $mutual:literal, $doc:literal; )+) => {
        impl Relation {
            $( #[doc = $doc] pub const $constant: Relation = Relation::builtin($text); )+
        }

        pub(super) const RELATIONS: &[BuiltinRelation] = &[
            $( BuiltinRelation { relation: Relation::$constant, meaning: $doc, mutual: $mutual }, )+
        ];
    };
}

builtin_kinds! {
    PERSON => "person", Ellipse, [0x8d, 0xd3, 0xc7], "A named or described individual.";
    ORGANIZATION => "organization", Box, [0xff, 0xff, 0xb3], "Armed forces, ministries, companies, associations, NGOs, media outlets.";
    COUNTRY => "country", DoubleOctagon, [0xbe, 0xba, 0xda], "A state.";
    PLACE => "place", House, [0xfb, 0x80, 0x72], "A city, region, port, building or other location.";
    DELEGATION => "delegation", Pentagon, [0x80, 0xb1, 0xd3], "A group sent somewhere: has members, a leader, a destination and dates.";
    VISIT => "visit", Cds, [0xfd, 0xb4, 0x62], "A trip by a person or group to a place.";
    MEETING => "meeting", Hexagon, [0xb3, 0xde, 0x69], "Talks between parties.";
    CONTRACT => "contract", Diamond, [0xfc, 0xcd, 0xe5], "A contract, deal, agreement or sale.";
    EQUIPMENT => "equipment", Box3d, [0xd9, 0xd9, 0xd9], "A weapon system, aircraft, ship or other materiel.";
    EVENT => "event", InvTriangle, [0xbc, 0x80, 0xbd], "A conference, exhibition, forum, games, parade or other happening.";
    DOCUMENT => "document", Folder, [0xcc, 0xeb, 0xc5], "A resolution, report or website cited by the sources (not a corpus document).";
}

builtin_relations! {
    LED => "led", false, "from led to (a delegation, visit, meeting or organization).";
    MEMBER_OF => "member_of", false, "from was a member of to (a delegation or organization).";
    PART_OF => "part_of", false, "from is part of to (sub-group of a delegation, meeting within a visit, unit of a force).";
    ACCOMPANIED => "accompanied", false, "from accompanied to (a person or a visit).";
    VISITED => "visited", false, "from (person, delegation, ship) visited to (place, country, organization).";
    HOSTED => "hosted", false, "from hosted to (an event, visit or meeting).";
    MET => "met", true, "from met to; direction follows the text.";
    ATTENDED => "attended", false, "from attended to (an event or meeting).";
    SIGNED => "signed", false, "from signed to (a contract).";
    PARTY_TO => "party_to", false, "from is a party to to (a contract).";
    SUPPLIES => "supplies", false, "from supplies to (arms, training, support in kind).";
    ACQUIRES => "acquires", false, "from bought, ordered or imported to (equipment or a contract).";
    CONCERNS => "concerns", false, "from (contract, meeting, visit, event, document) is about to.";
    DOCKED_AT => "docked_at", false, "from (a ship) docked at to (a port or place).";
    HOLDS_ROLE => "holds_role", false, "from holds a role in to (role and rank in attributes).";
    LOCATED_IN => "located_in", false, "from is located in to.";
    REPORTED => "reported", false, "from (media, organization, person) reported to.";
    USES => "uses", false, "from (an armed force) uses to (equipment).";
    COOPERATES_WITH => "cooperates_with", false, "from cooperates, or holds talks on cooperation, with to.";
    SUPPORTS => "supports", false, "from backs to.";
    OPPOSES => "opposes", false, "from opposes to, armed or politically.";
    ATTACKED => "attacked", false, "from attacked to.";
    CRITICIZED => "criticized", false, "from criticized to.";
    COMMENTED_ON => "commented_on", false, "from (analyst, official) commented on to.";
    HONORED => "honored", false, "from (an institution) honoured to.";
    INTERVIEWED => "interviewed", false, "from (media) interviewed to.";
    VOTED_ON => "voted_on", false, "from (a country) voted on to (a resolution; the vote in attributes).";
    ADOPTED => "adopted", false, "from (a body) adopted to (a resolution or document).";
    ALLIED_WITH => "allied_with", false, "from is an ally of to.";
    SANCTIONED => "sanctioned", false, "from imposed sanctions on to.";
    EXPELLED => "expelled", false, "from expelled to.";
    INVADED => "invaded", false, "from invaded to.";
}

/// The built-in kind with this spelling.
pub(super) fn kind(kind: NodeKind) -> Option<&'static BuiltinKind> {
    KINDS.iter().find(|builtin| builtin.kind == kind)
}

/// The built-in relation with this spelling.
pub(super) fn relation(relation: Relation) -> Option<&'static BuiltinRelation> {
    RELATIONS
        .iter()
        .find(|builtin| builtin.relation == relation)
}

/// The built-in word spelled `text`, so that interning them stores nothing.
pub(super) fn word(text: &str) -> Option<&'static str> {
    KINDS
        .iter()
        .map(|builtin| builtin.kind.as_str())
        .chain(RELATIONS.iter().map(|builtin| builtin.relation.as_str()))
        .find(|word| *word == text)
}
