//! How each node kind looks, shared by the DOT and GEXF exports and the GUI
//! so a drawing and its exports agree.
//!
//! A kind's look is what its vocabulary declares, else the built-in look of
//! a built-in kind, else one picked from a palette by a hash of the kind's
//! id: stable, so `sanctioned_entity` has the same colour and shape in every
//! dataset and every session.

use crate::model::{NodeKind, Shape, Vocabulary};

/// A node kind's look: shape and fill colour (sRGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindStyle {
    pub shape: Shape,
    pub rgb: [u8; 3],
}

impl KindStyle {
    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}

/// Light colours for kinds that declare none (ColorBrewer Set2 and
/// Pastel1, without the greys and the built-in kinds' colours): dark text
/// stays readable on each.
const PALETTE: [[u8; 3]; 14] = [
    [0x66, 0xc2, 0xa5],
    [0xfc, 0x8d, 0x62],
    [0x8d, 0xa0, 0xcb],
    [0xe7, 0x8a, 0xc3],
    [0xa6, 0xd8, 0x54],
    [0xff, 0xd9, 0x2f],
    [0xe5, 0xc4, 0x94],
    [0xfb, 0xb4, 0xae],
    [0xb3, 0xcd, 0xe3],
    [0xde, 0xcb, 0xe4],
    [0xfe, 0xd9, 0xa6],
    [0xff, 0xff, 0xcc],
    [0xe5, 0xd8, 0xbd],
    [0xfd, 0xda, 0xec],
];

/// Shapes for kinds that declare none: none of the built-in kinds' own.
const SHAPES: [Shape; 6] = [
    Shape::Trapezium,
    Shape::Parallelogram,
    Shape::InvHouse,
    Shape::Octagon,
    Shape::Triangle,
    Shape::Circle,
];

/// FNV-1a: a hash that is the same in every build and on every machine
/// (std's hasher is not promised to be).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The look of a node kind in a vocabulary.
///
/// ```
/// use tiegraph::model::{NodeKind, Shape, Vocabulary};
/// let builtin = Vocabulary::builtin();
/// assert_eq!(tiegraph::style::kind_style(&builtin, NodeKind::PERSON).shape, Shape::Ellipse);
/// let vessel = NodeKind::new("vessel");
/// assert_eq!(
///     tiegraph::style::kind_style(&builtin, vessel),
///     tiegraph::style::kind_style(&Vocabulary::builtin(), vessel),
/// );
/// ```
pub fn kind_style(vocabulary: &Vocabulary, kind: NodeKind) -> KindStyle {
    let declared = vocabulary.kind(kind);
    let hash = stable_hash(kind.as_str());
    KindStyle {
        shape: declared
            .and_then(|d| d.shape)
            .unwrap_or(SHAPES[(hash % SHAPES.len() as u64) as usize]),
        rgb: declared
            .and_then(|d| d.rgb)
            .unwrap_or(PALETTE[((hash >> 8) % PALETTE.len() as u64) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Vocabulary, complete_kind};

    #[test]
    fn declared_look_wins_then_palette() {
        let mut vocabulary = Vocabulary::builtin();
        vocabulary.kinds = vec![
            complete_kind(NodeKind::new("vessel"), None, Some(Shape::Cds), None),
            complete_kind(NodeKind::new("company"), None, None, Some([1, 2, 3])),
            complete_kind(NodeKind::new("person"), None, None, None),
        ];
        let vessel = kind_style(&vocabulary, NodeKind::new("vessel"));
        assert_eq!(vessel.shape, Shape::Cds);
        assert!(PALETTE.contains(&vessel.rgb));
        assert_eq!(
            kind_style(&vocabulary, NodeKind::new("company")).rgb,
            [1, 2, 3]
        );
        assert_eq!(
            kind_style(&vocabulary, NodeKind::PERSON).rgb,
            [0x8d, 0xd3, 0xc7]
        );
        // Different ids mostly look different.
        let looks: std::collections::HashSet<_> =
            ["owner", "director", "vessel", "company", "bank"]
                .iter()
                .map(|id| {
                    let style = kind_style(&vocabulary, NodeKind::new(id));
                    (style.shape, style.rgb)
                })
                .collect();
        assert!(looks.len() >= 4);
    }
}
