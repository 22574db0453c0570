//! Shapes and colours: each kind's outline, and the mesh primitives
//! (squares, polygons, feathered lines) the canvas batches its drawing into.

use eframe::egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2, vec2};

use crate::model::{NodeKind, Shape as KindShape, Vocabulary};
use crate::style::kind_style;

/// A kind's fill colour in a vocabulary.
pub(crate) fn kind_color(vocabulary: &Vocabulary, kind: NodeKind) -> Color32 {
    let [r, g, b] = kind_style(vocabulary, kind).rgb;
    Color32::from_rgb(r, g, b)
}

/// A kind's outline around `center`, radius `r`.
pub(crate) fn kind_shape(
    vocabulary: &Vocabulary,
    kind: NodeKind,
    center: Pos2,
    r: f32,
    (fill, stroke): (Color32, Stroke),
) -> Shape {
    match kind_style(vocabulary, kind).shape {
        KindShape::Ellipse | KindShape::Circle => {
            Shape::circle_filled(center, r, fill).with_stroke(stroke)
        }
        shape => Shape::convex_polygon(
            outline(shape).into_iter().map(|p| center + p * r).collect(),
            fill,
            stroke,
        ),
    }
}

/// Colour and outline of each kind, by its position in the vocabulary (the
/// per-entity kind the canvas keeps), for drawing thousands at a time.
pub(super) struct KindLooks {
    pub(super) colors: Vec<Color32>,
    pub(super) outlines: Vec<Vec<(Vec2, Vec2)>>,
    /// Whether the kind is round (drawn as an octagon when small).
    pub(super) round: Vec<bool>,
}

impl KindLooks {
    pub(super) fn new(vocabulary: &Vocabulary) -> Self {
        let styles: Vec<_> = vocabulary
            .kinds
            .iter()
            .map(|d| kind_style(vocabulary, d.kind))
            .collect();
        KindLooks {
            colors: styles
                .iter()
                .map(|s| Color32::from_rgb(s.rgb[0], s.rgb[1], s.rgb[2]))
                .collect(),
            outlines: styles
                .iter()
                .map(|s| polygon_outline(outline(s.shape)))
                .collect(),
            round: styles
                .iter()
                .map(|s| matches!(s.shape, KindShape::Ellipse | KindShape::Circle))
                .collect(),
        }
    }

    /// The colour of the kind at `position` (grey past the vocabulary).
    pub(super) fn color(&self, position: usize) -> Color32 {
        self.colors.get(position).copied().unwrap_or(Color32::GRAY)
    }
}

/// Where a kind stands in the vocabulary, as the canvas stores it per
/// entity (kinds past the 255th share the last slot).
pub(super) fn kind_slot(vocabulary: &Vocabulary, kind: NodeKind) -> u8 {
    vocabulary
        .kind_position(kind)
        .map_or(u8::MAX, |p| p.min(usize::from(u8::MAX)) as u8)
}

/// `sides` corners evenly on the unit circle, the first at `rotation`.
pub(super) fn regular(sides: usize, rotation: f32) -> Vec<Vec2> {
    (0..sides)
        .map(|i| {
            let angle = rotation + i as f32 * std::f32::consts::TAU / sides as f32;
            vec2(angle.cos(), angle.sin())
        })
        .collect()
}

/// The corners of a shape at radius 1, clockwise on screen (a 12-gon
/// stands for the circle and the ellipse), close to what Graphviz draws
/// for the same name so a drawing and its DOT export agree.
pub(super) fn outline(shape: KindShape) -> Vec<Vec2> {
    use std::f32::consts::{FRAC_PI_2, PI};
    let rect = |w: f32, h: f32| vec![vec2(-w, -h), vec2(w, -h), vec2(w, h), vec2(-w, h)];
    match shape {
        KindShape::Ellipse | KindShape::Circle => regular(12, 0.0),
        KindShape::Box => rect(1.3, 0.8),
        KindShape::Square | KindShape::Box3d => rect(1.0, 1.0),
        KindShape::Folder => rect(0.8, 1.1),
        KindShape::Diamond => regular(4, 0.0),
        KindShape::Triangle => regular(3, -FRAC_PI_2),
        KindShape::InvTriangle => regular(3, FRAC_PI_2),
        KindShape::Pentagon => regular(5, -FRAC_PI_2),
        KindShape::Hexagon => regular(6, 0.0),
        KindShape::Octagon => regular(8, 0.0),
        KindShape::DoubleOctagon => regular(8, PI / 8.0),
        KindShape::House => vec![
            vec2(0.0, -1.1),
            vec2(1.0, -0.2),
            vec2(1.0, 1.0),
            vec2(-1.0, 1.0),
            vec2(-1.0, -0.2),
        ],
        KindShape::InvHouse => vec![
            vec2(-1.0, -1.0),
            vec2(1.0, -1.0),
            vec2(1.0, 0.2),
            vec2(0.0, 1.1),
            vec2(-1.0, 0.2),
        ],
        KindShape::Cds => vec![
            vec2(-1.2, -0.8),
            vec2(0.7, -0.8),
            vec2(1.3, 0.0),
            vec2(0.7, 0.8),
            vec2(-1.2, 0.8),
        ],
        KindShape::Parallelogram => vec![
            vec2(-0.7, -0.8),
            vec2(1.3, -0.8),
            vec2(0.7, 0.8),
            vec2(-1.3, 0.8),
        ],
        KindShape::Trapezium => vec![
            vec2(-0.8, -0.8),
            vec2(0.8, -0.8),
            vec2(1.3, 0.8),
            vec2(-1.3, 0.8),
        ],
    }
}

pub(super) trait WithStroke {
    fn with_stroke(self, stroke: Stroke) -> Shape;
}

impl WithStroke for Shape {
    fn with_stroke(self, stroke: Stroke) -> Shape {
        match self {
            Shape::Circle(mut circle) => {
                circle.stroke = stroke;
                Shape::Circle(circle)
            }
            other => other,
        }
    }
}

pub(super) fn faded(color: Color32, alpha: f32) -> Color32 {
    color.gamma_multiply(alpha)
}

/// An axis-aligned filled square, without anti-aliasing (it tiles).
pub(super) fn square(mesh: &mut Mesh, rect: Rect, color: Color32) {
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(rect.left_top(), color);
    mesh.colored_vertex(rect.right_top(), color);
    mesh.colored_vertex(rect.right_bottom(), color);
    mesh.colored_vertex(rect.left_bottom(), color);
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

/// A kind's outline for [`polygon`]: corners at radius 1, each with the
/// outward direction its rim fades along.
pub(super) fn polygon_outline(corners: Vec<Vec2>) -> Vec<(Vec2, Vec2)> {
    corners
        .into_iter()
        .map(|corner| (corner, unit(corner).unwrap_or(Vec2::X)))
        .collect()
}

/// A convex polygon (`outline` from [`polygon_outline`], scaled by `r`)
/// filled with `fill`, fading through `edge` to transparent over two
/// `feather`s at its rim: a shape with an anti-aliased outline, appended to
/// a mesh.
pub(super) fn polygon(
    mesh: &mut Mesh,
    center: Pos2,
    outline: &[(Vec2, Vec2)],
    r: f32,
    fill: Color32,
    edge: Color32,
    feather: f32,
) {
    let n = outline.len() as u32;
    if n < 3 {
        return;
    }
    let base = mesh.vertices.len() as u32;
    let half = feather * 0.5;
    for &(corner, out) in outline {
        let p = center + corner * r;
        mesh.colored_vertex(p - out * half, fill);
        mesh.colored_vertex(p + out * half, edge);
        mesh.colored_vertex(p + out * (3.0 * half), Color32::TRANSPARENT);
    }
    for i in 1..n - 1 {
        mesh.add_triangle(base, base + 3 * i, base + 3 * (i + 1));
    }
    for i in 0..n {
        let (a, b) = (base + 3 * i, base + 3 * ((i + 1) % n));
        for ring in 0..2 {
            mesh.add_triangle(a + ring, a + ring + 1, b + ring);
            mesh.add_triangle(a + ring + 1, b + ring + 1, b + ring);
        }
    }
}

/// A straight line `width` wide with feathered edges (`feather`: one
/// screen point), appended to a mesh: much cheaper than a shape each.
pub(super) fn line(mesh: &mut Mesh, [a, b]: [Pos2; 2], width: f32, color: Color32, feather: f32) {
    let Some(direction) = unit(b - a) else {
        return;
    };
    let normal = vec2(-direction.y, direction.x);
    let i = mesh.vertices.len() as u32;
    if width <= feather {
        // Thinner than a pixel: a faded centre between transparent edges.
        let color = color.gamma_multiply(width / feather);
        for p in [a, b] {
            mesh.colored_vertex(p + normal * feather, Color32::TRANSPARENT);
            mesh.colored_vertex(p, color);
            mesh.colored_vertex(p - normal * feather, Color32::TRANSPARENT);
        }
        for k in 0..2 {
            mesh.add_triangle(i + k, i + k + 1, i + 3 + k);
            mesh.add_triangle(i + k + 1, i + 3 + k, i + 4 + k);
        }
    } else {
        let (inner, outer) = ((width - feather) * 0.5, (width + feather) * 0.5);
        for p in [a, b] {
            mesh.colored_vertex(p + normal * outer, Color32::TRANSPARENT);
            mesh.colored_vertex(p + normal * inner, color);
            mesh.colored_vertex(p - normal * inner, color);
            mesh.colored_vertex(p - normal * outer, Color32::TRANSPARENT);
        }
        for k in 0..3 {
            mesh.add_triangle(i + k, i + k + 1, i + 4 + k);
            mesh.add_triangle(i + k + 1, i + 4 + k, i + 5 + k);
        }
    }
}

/// `v` scaled to length 1 (`None` for a zero or non-finite vector); plain
/// `sqrt`, cheaper than `Vec2::normalized`'s `hypot` in loops over every
/// claim on screen.
pub(super) fn unit(v: Vec2) -> Option<Vec2> {
    let length = (v.x * v.x + v.y * v.y).sqrt();
    let u = v / length;
    (length > 0.0 && u.is_finite()).then_some(u)
}

/// `count` against the largest count, on a log scale, in 0..=1.
pub(super) fn log_share(count: u32, max: u32) -> f32 {
    if max <= 1 {
        1.0
    } else {
        ((1.0 + count as f32).ln() / (1.0 + max as f32).ln()).clamp(0.0, 1.0)
    }
}
