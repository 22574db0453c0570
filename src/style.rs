//! How each node kind looks, shared by the DOT export and the GUI so a
//! drawing and its export agree.

use crate::model::NodeKind;

/// A node kind's look: Graphviz shape and fill colour (sRGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindStyle {
    pub shape: &'static str,
    pub rgb: [u8; 3],
}

impl KindStyle {
    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}

/// The look of a node kind. Colours are ColorBrewer Set3, distinguishable
/// on screen and in print; shapes differ too, for colour-blind readers.
pub fn kind_style(kind: NodeKind) -> KindStyle {
    let (shape, rgb) = match kind {
        NodeKind::Person => ("ellipse", [0x8d, 0xd3, 0xc7]),
        NodeKind::Organization => ("box", [0xff, 0xff, 0xb3]),
        NodeKind::Country => ("doubleoctagon", [0xbe, 0xba, 0xda]),
        NodeKind::Place => ("house", [0xfb, 0x80, 0x72]),
        NodeKind::Delegation => ("tab", [0x80, 0xb1, 0xd3]),
        NodeKind::Visit => ("cds", [0xfd, 0xb4, 0x62]),
        NodeKind::Meeting => ("hexagon", [0xb3, 0xde, 0x69]),
        NodeKind::Contract => ("note", [0xfc, 0xcd, 0xe5]),
        NodeKind::Equipment => ("box3d", [0xd9, 0xd9, 0xd9]),
        NodeKind::Event => ("octagon", [0xbc, 0x80, 0xbd]),
        NodeKind::Document => ("folder", [0xcc, 0xeb, 0xc5]),
    };
    KindStyle { shape, rgb }
}
