//! A dataset's vocabulary: the node kinds and relations it may use, with
//! their meaning, and for kinds an optional shape and colour.
//!
//! A dataset declares its own (`[[kinds]]` / `[[relations]]` in TOML,
//! `kinds.csv` / `relations.csv` beside a CSV import, `kinds` / `relations`
//! in the JSON export), or uses the built-in one. Kinds and relations are
//! declared independently: a dataset may declare its relations and keep the
//! built-in kinds. A declared entry whose id is built in inherits the
//! built-in meaning and look for whatever it leaves out.

use super::builtin;
use super::kinds::{NodeKind, Relation};

/// An entity's outline, by its Graphviz name. The window draws the same
/// outline, so a drawing and its DOT export agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    Ellipse,
    Circle,
    Box,
    Square,
    Box3d,
    Folder,
    Diamond,
    Triangle,
    InvTriangle,
    Pentagon,
    Hexagon,
    Octagon,
    DoubleOctagon,
    House,
    InvHouse,
    Cds,
    Parallelogram,
    Trapezium,
}

impl Shape {
    /// Every shape, in documentation order.
    pub const ALL: [Shape; 18] = [
        Shape::Ellipse,
        Shape::Circle,
        Shape::Box,
        Shape::Square,
        Shape::Box3d,
        Shape::Folder,
        Shape::Diamond,
        Shape::Triangle,
        Shape::InvTriangle,
        Shape::Pentagon,
        Shape::Hexagon,
        Shape::Octagon,
        Shape::DoubleOctagon,
        Shape::House,
        Shape::InvHouse,
        Shape::Cds,
        Shape::Parallelogram,
        Shape::Trapezium,
    ];

    /// The Graphviz name, which is also the dataset spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Ellipse => "ellipse",
            Shape::Circle => "circle",
            Shape::Box => "box",
            Shape::Square => "square",
            Shape::Box3d => "box3d",
            Shape::Folder => "folder",
            Shape::Diamond => "diamond",
            Shape::Triangle => "triangle",
            Shape::InvTriangle => "invtriangle",
            Shape::Pentagon => "pentagon",
            Shape::Hexagon => "hexagon",
            Shape::Octagon => "octagon",
            Shape::DoubleOctagon => "doubleoctagon",
            Shape::House => "house",
            Shape::InvHouse => "invhouse",
            Shape::Cds => "cds",
            Shape::Parallelogram => "parallelogram",
            Shape::Trapezium => "trapezium",
        }
    }

    /// The shape with this Graphviz name.
    pub fn parse(text: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.as_str() == text)
    }
}

/// Parses `#rrggbb` (the `#` optional, any case).
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').unwrap_or(text);
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// One node kind of a vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct KindDefinition {
    pub kind: NodeKind,
    /// What an entity of this kind is.
    pub meaning: String,
    /// `None`: the built-in shape, or one from the palette.
    pub shape: Option<Shape>,
    /// `None`: the built-in colour, or one from the palette.
    pub rgb: Option<[u8; 3]>,
}

/// One relation of a vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationDefinition {
    pub relation: Relation,
    /// What a claim with this relation asserts, from `from` to `to`.
    pub meaning: String,
    /// Whether `a REL b` says the same as `b REL a` (like `met`): drawn
    /// without an arrowhead, exported undirected where the format can say so.
    pub mutual: bool,
}

/// The kinds and relations a dataset may use, in the order it declares them.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocabulary {
    pub kinds: Vec<KindDefinition>,
    pub relations: Vec<RelationDefinition>,
    /// Whether the dataset declared its kinds (otherwise they are built in).
    pub declared_kinds: bool,
    /// Whether the dataset declared its relations.
    pub declared_relations: bool,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::builtin()
    }
}

impl Vocabulary {
    /// The built-in vocabulary.
    pub fn builtin() -> Vocabulary {
        Vocabulary {
            kinds: builtin_kinds(),
            relations: builtin_relations(),
            declared_kinds: false,
            declared_relations: false,
        }
    }

    /// The definition of a kind, if the vocabulary has it.
    pub fn kind(&self, kind: NodeKind) -> Option<&KindDefinition> {
        self.kinds.iter().find(|definition| definition.kind == kind)
    }

    /// The definition of a relation, if the vocabulary has it.
    pub fn relation(&self, relation: Relation) -> Option<&RelationDefinition> {
        self.relations
            .iter()
            .find(|definition| definition.relation == relation)
    }

    /// The kind spelled `text`, if the vocabulary has it.
    pub fn find_kind(&self, text: &str) -> Option<NodeKind> {
        self.kinds
            .iter()
            .map(|definition| definition.kind)
            .find(|kind| kind.as_str() == text)
    }

    /// The relation spelled `text`, if the vocabulary has it.
    pub fn find_relation(&self, text: &str) -> Option<Relation> {
        self.relations
            .iter()
            .map(|definition| definition.relation)
            .find(|relation| relation.as_str() == text)
    }

    /// Where a kind stands in the vocabulary (for per-kind tables).
    pub fn kind_position(&self, kind: NodeKind) -> Option<usize> {
        self.kinds
            .iter()
            .position(|definition| definition.kind == kind)
    }

    /// What a kind means ("" if the vocabulary does not have it).
    pub fn kind_meaning(&self, kind: NodeKind) -> &str {
        self.kind(kind).map_or("", |d| d.meaning.as_str())
    }

    /// What a relation means ("" if the vocabulary does not have it).
    pub fn relation_meaning(&self, relation: Relation) -> &str {
        self.relation(relation).map_or("", |d| d.meaning.as_str())
    }

    /// Whether a relation is mutual (like `met`).
    pub fn is_mutual(&self, relation: Relation) -> bool {
        self.relation(relation).is_some_and(|d| d.mutual)
    }

    /// Whether nothing is declared: the built-in vocabulary as it is.
    pub fn is_builtin(&self) -> bool {
        !self.declared_kinds && !self.declared_relations
    }

    /// Every kind id, in vocabulary order.
    pub fn kind_names(&self) -> Vec<&'static str> {
        self.kinds.iter().map(|d| d.kind.as_str()).collect()
    }

    /// Every relation id, in vocabulary order.
    pub fn relation_names(&self) -> Vec<&'static str> {
        self.relations.iter().map(|d| d.relation.as_str()).collect()
    }
}

/// The built-in kinds as definitions.
pub fn builtin_kinds() -> Vec<KindDefinition> {
    builtin::KINDS
        .iter()
        .map(|builtin| KindDefinition {
            kind: builtin.kind,
            meaning: builtin.meaning.to_string(),
            shape: Some(builtin.shape),
            rgb: Some(builtin.rgb),
        })
        .collect()
}

/// The built-in relations as definitions.
pub fn builtin_relations() -> Vec<RelationDefinition> {
    builtin::RELATIONS
        .iter()
        .map(|builtin| RelationDefinition {
            relation: builtin.relation,
            meaning: builtin.meaning.to_string(),
            mutual: builtin.mutual,
        })
        .collect()
}

/// A declared kind with what it leaves out taken from the built-in kind of
/// the same id, if there is one.
pub fn complete_kind(
    kind: NodeKind,
    meaning: Option<String>,
    shape: Option<Shape>,
    rgb: Option<[u8; 3]>,
) -> KindDefinition {
    let builtin = builtin::kind(kind);
    KindDefinition {
        kind,
        meaning: meaning
            .or_else(|| builtin.map(|b| b.meaning.to_string()))
            .unwrap_or_default(),
        shape: shape.or(builtin.map(|b| b.shape)),
        rgb: rgb.or(builtin.map(|b| b.rgb)),
    }
}

/// A declared relation with what it leaves out taken from the built-in
/// relation of the same id, if there is one.
pub fn complete_relation(
    relation: Relation,
    meaning: Option<String>,
    mutual: Option<bool>,
) -> RelationDefinition {
    let builtin = builtin::relation(relation);
    RelationDefinition {
        relation,
        meaning: meaning
            .or_else(|| builtin.map(|b| b.meaning.to_string()))
            .unwrap_or_default(),
        mutual: mutual.or(builtin.map(|b| b.mutual)).unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary() {
        let vocabulary = Vocabulary::builtin();
        assert_eq!(vocabulary.kinds.len(), 11);
        assert_eq!(vocabulary.relations.len(), 32);
        assert!(vocabulary.is_mutual(Relation::MET));
        assert!(!vocabulary.is_mutual(Relation::SUPPLIES));
        assert_eq!(
            vocabulary.find_relation("docked_at"),
            Some(Relation::DOCKED_AT)
        );
        assert_eq!(vocabulary.find_relation("owns"), None);
    }

    #[test]
    fn declared_entries_inherit_from_builtin_ones() {
        let met = complete_relation(Relation::new("met"), None, None);
        assert!(met.mutual);
        assert!(met.meaning.starts_with("from met to"));
        let owns = complete_relation(Relation::new("owns"), Some("from owns to".into()), None);
        assert!(!owns.mutual);
        let person = complete_kind(NodeKind::new("person"), None, None, Some([1, 2, 3]));
        assert_eq!(person.shape, Some(Shape::Ellipse));
        assert_eq!(person.rgb, Some([1, 2, 3]));
    }

    #[test]
    fn shapes_and_colours_parse() {
        for shape in Shape::ALL {
            assert_eq!(Shape::parse(shape.as_str()), Some(shape));
        }
        assert_eq!(parse_colour("#8DD3c7"), Some([0x8d, 0xd3, 0xc7]));
        assert_eq!(parse_colour("8dd3c7"), Some([0x8d, 0xd3, 0xc7]));
        assert_eq!(parse_colour("#8dd3c"), None);
        assert_eq!(parse_colour("#8dd3cg"), None);
    }
}
