//! The brief's drawing: the subgraph as inline SVG, from tiegraph's own
//! layout, entities shaped and coloured by kind as on the canvas, links
//! that no passage states or reports dashed, names beside entities, and a
//! legend of the kinds drawn. Every text is escaped; nothing in the
//! drawing comes from the data but text.

use std::fmt::Write;

use super::Brief;
use super::html::escape;
use crate::graph::TieGraph;
use crate::model::Shape;
use crate::style::kind_style;

const WIDTH: f32 = 760.0;
const HEIGHT: f32 = 460.0;
const MARGIN: f32 = 30.0;
/// Room on the right for the names, which are written to the right of
/// their entity.
const LABEL_ROOM: f32 = 170.0;

/// The drawing as an `<svg>` element (empty when there is nothing).
pub(super) fn drawing(graph: &TieGraph, brief: &Brief) -> String {
    if brief.positions.is_empty() {
        return String::new();
    }
    let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
    for (_, [x, y]) in &brief.positions {
        min = [min[0].min(*x), min[1].min(*y)];
        max = [max[0].max(*x), max[1].max(*y)];
    }
    let span = [(max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0)];
    let room = [WIDTH - 2.0 * MARGIN - LABEL_ROOM, HEIGHT - 2.0 * MARGIN];
    let scale = (room[0] / span[0]).min(room[1] / span[1]);
    // A flat drawing gets a low frame, not a tall empty one.
    let height = (span[1] * scale + 2.0 * MARGIN).clamp(140.0, HEIGHT);
    let room = [room[0], height - 2.0 * MARGIN];
    let at = |[x, y]: [f32; 2]| {
        [
            MARGIN + (x - min[0]) * scale + (room[0] - span[0] * scale) / 2.0,
            MARGIN + (y - min[1]) * scale + (room[1] - span[1] * scale) / 2.0,
        ]
    };
    let position = |node| {
        brief
            .positions
            .binary_search_by_key(&node, |(n, _)| *n)
            .ok()
            .map(|i| at(brief.positions[i].1))
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"drawing\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-label=\"Drawing of the entities and claims of this brief\">"
    );
    let mut edges: Vec<_> = brief.view.edges().collect();
    edges.sort_by_key(|&e| graph.graph()[e]);
    for edge in edges {
        let Some((a, b)) = graph.graph().edge_endpoints(edge) else {
            continue;
        };
        let (Some(p), Some(q)) = (position(a), position(b)) else {
            continue;
        };
        let factual = graph
            .claim(edge)
            .evidence
            .iter()
            .any(|e| e.modality.is_factual());
        let dash = if factual {
            ""
        } else {
            " stroke-dasharray=\"3 4\""
        };
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#888888\" stroke-width=\"1.2\"{dash} />",
            p[0], p[1], q[0], q[1]
        );
    }
    let vocabulary = &graph.dataset().vocabulary;
    for &(node, _) in &brief.positions {
        let Some([x, y]) = position(node) else {
            continue;
        };
        let entity = graph.node(node);
        let style = kind_style(vocabulary, entity.kind);
        out.push_str(&shape(style.shape, [x, y], 7.0, &style.hex()));
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            x + 9.0,
            y + 4.0,
            escape(&entity.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// The kinds drawn, as (kind, colour, shape as SVG in a 16×16 box).
pub(super) fn legend(graph: &TieGraph, brief: &Brief) -> Vec<(String, String)> {
    let vocabulary = &graph.dataset().vocabulary;
    let mut kinds: Vec<_> = brief
        .positions
        .iter()
        .map(|&(n, _)| graph.node(n).kind)
        .collect();
    kinds.sort_by_key(|k| vocabulary.kind_position(*k));
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| {
            let style = kind_style(vocabulary, kind);
            let swatch = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\">{}</svg>",
                shape(style.shape, [8.0, 8.0], 6.0, &style.hex())
            );
            (kind.as_str().to_string(), swatch)
        })
        .collect()
}

/// An entity's outline at `[x, y]` of radius `r`.
fn shape(shape: Shape, [x, y]: [f32; 2], r: f32, fill: &str) -> String {
    let polygon = |points: &[(f32, f32)]| {
        let points: Vec<String> = points
            .iter()
            .map(|(dx, dy)| format!("{:.1},{:.1}", x + dx * r, y + dy * r))
            .collect();
        format!(
            "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"#333333\" stroke-width=\"0.8\" />",
            points.join(" ")
        )
    };
    match shape {
        Shape::Ellipse | Shape::Circle => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"#333333\" stroke-width=\"0.8\" />"
        ),
        Shape::Box | Shape::Square | Shape::Box3d | Shape::Folder | Shape::Cds => {
            polygon(&[(-1.2, -0.8), (1.2, -0.8), (1.2, 0.8), (-1.2, 0.8)])
        }
        Shape::Diamond => polygon(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]),
        Shape::Triangle => polygon(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)]),
        Shape::InvTriangle => polygon(&[(0.0, 1.2), (1.1, -0.9), (-1.1, -0.9)]),
        Shape::House => polygon(&[
            (0.0, -1.2),
            (1.0, -0.3),
            (1.0, 1.0),
            (-1.0, 1.0),
            (-1.0, -0.3),
        ]),
        Shape::InvHouse => polygon(&[
            (0.0, 1.2),
            (1.0, 0.3),
            (1.0, -1.0),
            (-1.0, -1.0),
            (-1.0, 0.3),
        ]),
        Shape::Parallelogram => polygon(&[(-0.7, -0.8), (1.3, -0.8), (0.7, 0.8), (-1.3, 0.8)]),
        Shape::Trapezium => polygon(&[(-0.7, -0.8), (0.7, -0.8), (1.3, 0.8), (-1.3, 0.8)]),
        Shape::Pentagon => polygon(&[
            (0.0, -1.1),
            (1.05, -0.3),
            (0.65, 0.95),
            (-0.65, 0.95),
            (-1.05, -0.3),
        ]),
        Shape::Hexagon | Shape::Octagon | Shape::DoubleOctagon => polygon(&[
            (-1.1, 0.0),
            (-0.55, -0.95),
            (0.55, -0.95),
            (1.1, 0.0),
            (0.55, 0.95),
            (-0.55, 0.95),
        ]),
    }
}
