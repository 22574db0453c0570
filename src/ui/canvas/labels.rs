//! Labels in screen space: entity names and the relations along
//! emphasised claims, at a constant readable size whatever the zoom, placed
//! by priority so that no label covers another label or an entity.
//!
//! Priority: the selected entity, the chosen path, search hits, the
//! selection's neighbours, then the entities with most claims. Each label
//! tries four places around its entity (right, left, below, above) and
//! takes the first that is free; an occupancy grid of screen cells keeps
//! the test cheap. Long names are shortened with an ellipsis; the whole
//! name is in the entity's tooltip and the inspector.

use std::cell::RefCell;

use eframe::egui::{self, Color32, FontId, Pos2, Rect, Vec2, pos2, vec2};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use crate::ui::{Selection, TiegraphApp};

use super::*;

/// Label text size, in points (egui's zoom factor scales points to pixels).
pub(crate) const LABEL_SIZE: f32 = 12.0;
/// Names longer than this many characters are shortened with an ellipsis.
const LABEL_CHARS: usize = 28;
/// Screen points between an entity and its label.
const LABEL_GAP: f32 = 3.0;
/// How much further out each ring of places for an emphasised label is.
const RING_STEP: f32 = 10.0;
/// An emphasised name that finds no room is tried again this short, then
/// shorter.
const SHORT_CHARS: [usize; 3] = [20, 14, 10];
/// Side of the occupancy grid's cells, in screen points.
const GRID_CELL: f32 = 48.0;

/// A label drawn in the last frame: for tests and measurements.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlacedLabel {
    /// The entity it names; `None` for a relation label.
    pub(crate) node: Option<NodeIndex>,
    pub(crate) text: String,
    /// Where it is on screen (points), background included.
    pub(crate) rect: Rect,
    pub(crate) font_size: f32,
}

/// A relation label wanted along a claim bundle (layout units).
pub(super) struct RelationLabel {
    pub(super) at: Pos2,
    pub(super) text: String,
    pub(super) alpha: f32,
    pub(super) strong: bool,
}

/// What the frame's drawing leaves for the labels.
#[derive(Default)]
pub(super) struct LabelCandidates {
    /// Entities that may be named: priority, entity, position and radius
    /// (layout units).
    pub(super) entities: Vec<(u32, NodeIndex, Pos2, f32)>,
    /// Every entity drawn: position and radius (layout units). No label
    /// may cover one.
    pub(super) obstacles: Vec<(Pos2, f32)>,
    pub(super) relations: RefCell<Vec<RelationLabel>>,
}

pub(super) fn label_priority(frame: &Frame<'_>, node: NodeIndex) -> u32 {
    let emphasis = &frame.emphasis;
    if frame.app.selection == Selection::Node(node) {
        u32::MAX
    } else if emphasis.path_nodes.contains(&node) {
        u32::MAX - 1
    } else if frame.hits.contains(&node) {
        u32::MAX - 2
    } else if emphasis.strong_nodes.contains(&node) {
        u32::MAX - 3
    } else if let Some(priority) = frame.app.panels.statistics.priority(node) {
        // The Statistics panel's measure, once computed.
        priority
    } else {
        frame.app.session.graph.degree(node) as u32
    }
}

/// Labels of emphasised entities come before relation labels, which come
/// before the rest.
const EMPHASISED: u32 = u32::MAX - 3;

/// Screen rects already taken, by grid cell.
#[derive(Default)]
struct Occupied {
    cells: FxHashMap<(i32, i32), Vec<Rect>>,
}

impl Occupied {
    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let cell = |v: f32| (v / GRID_CELL).floor() as i32;
        let (x0, x1) = (cell(rect.min.x), cell(rect.max.x));
        let (y0, y1) = (cell(rect.min.y), cell(rect.max.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, rect: Rect) {
        for cell in Self::cells_of(rect) {
            self.cells.entry(cell).or_default().push(rect);
        }
    }

    fn hits(&self, rect: Rect) -> bool {
        Self::cells_of(rect).any(|cell| {
            self.cells
                .get(&cell)
                .is_some_and(|rects| rects.iter().any(|r| r.intersects(rect)))
        })
    }
}

/// `text` shortened to [`LABEL_CHARS`] characters with an ellipsis.
pub(crate) fn shorten(text: &str) -> String {
    shorten_to(text, LABEL_CHARS)
}

fn shorten_to(text: &str, chars: usize) -> String {
    crate::text::shorten(text, chars)
}

/// Where a label of `size` may go around an entity at `center` with screen
/// radius `r`, in order of preference: right, left, below, above, then the
/// four corners; `ring` moves them further out (0 = next to the entity).
fn spots(center: Pos2, r: f32, size: Vec2, ring: u8) -> [Rect; 8] {
    let gap = r + LABEL_GAP + f32::from(ring) * RING_STEP;
    // Corners sit off the diagonal, clear of the entity's bounding box.
    let corner = r * std::f32::consts::FRAC_1_SQRT_2 + LABEL_GAP + f32::from(ring) * RING_STEP;
    let at = |x: f32, y: f32| Rect::from_min_size(pos2(x, y), size);
    [
        at(center.x + gap, center.y - size.y / 2.0),
        at(center.x - gap - size.x, center.y - size.y / 2.0),
        at(center.x - size.x / 2.0, center.y + gap),
        at(center.x - size.x / 2.0, center.y - gap - size.y),
        at(center.x + corner, center.y - corner - size.y),
        at(center.x + corner, center.y + corner),
        at(center.x - corner - size.x, center.y - corner - size.y),
        at(center.x - corner - size.x, center.y + corner),
    ]
}

/// Places labels one by one, each where nothing is yet.
struct Placer<'a> {
    painter: &'a egui::Painter,
    visuals: egui::Visuals,
    canvas: Rect,
    occupied: Occupied,
    placed: Vec<PlacedLabel>,
}

impl Placer<'_> {
    /// Draws a label in `rect` and marks it taken.
    fn draw(
        &mut self,
        rect: Rect,
        galley: std::sync::Arc<egui::Galley>,
        label: (Option<NodeIndex>, String, f32),
    ) {
        self.occupied.insert(rect);
        self.painter
            .rect_filled(rect, 3.0, self.visuals.panel_fill.gamma_multiply(0.8));
        self.painter
            .galley(rect.min + vec2(2.0, 1.0), galley, self.visuals.text_color());
        let (node, text, font_size) = label;
        self.placed.push(PlacedLabel {
            node,
            text,
            rect,
            font_size,
        });
    }

    /// Names an entity (screen centre and radius) at the first free spot
    /// around it; returns whether it found one. `rings` is how far out to
    /// look (1 for ordinary names, more for emphasised ones).
    fn entity(
        &mut self,
        node: NodeIndex,
        text: String,
        (center, r): (Pos2, f32),
        (color, rings): (Color32, u8),
    ) -> bool {
        // A quick estimate first: most candidates in a crowded view fail,
        // and need not be laid out.
        let guess = vec2(0.5 * LABEL_SIZE * text.chars().count() as f32, LABEL_SIZE);
        let blocked = |spot: &Rect| !self.canvas.contains_rect(*spot) || self.occupied.hits(*spot);
        if (0..rings).all(|ring| spots(center, r, guess * 0.8, ring).iter().all(blocked)) {
            return false;
        }
        let galley =
            self.painter
                .layout_no_wrap(text.clone(), FontId::proportional(LABEL_SIZE), color);
        let size = galley.size() + vec2(4.0, 2.0);
        let free = (0..rings).find_map(|ring| {
            spots(center, r, size, ring)
                .into_iter()
                .find(|spot| self.canvas.contains_rect(*spot) && !self.occupied.hits(*spot))
        });
        match free {
            Some(rect) => {
                self.draw(rect, galley, (Some(node), text, LABEL_SIZE));
                true
            }
            None => false,
        }
    }

    /// A relation label centred on its claim, if the place is free.
    fn relation(&mut self, center: Pos2, text: String, color: Color32) {
        let size = LABEL_SIZE - 1.0;
        let galley = self
            .painter
            .layout_no_wrap(text.clone(), FontId::proportional(size), color);
        let rect = Rect::from_center_size(center, galley.size() + vec2(4.0, 2.0));
        if self.canvas.contains_rect(rect) && !self.occupied.hits(rect) {
            self.draw(rect, galley, (None, text, size));
        }
    }
}

/// Places and draws the labels of this frame on `painter` (screen space);
/// returns what was placed.
pub(super) fn place_labels(
    app: &TiegraphApp,
    (painter, visuals): (&egui::Painter, egui::Visuals),
    (camera, canvas): (Camera, Rect),
    candidates: LabelCandidates,
) -> Vec<PlacedLabel> {
    let mut placer = Placer {
        painter,
        visuals,
        canvas,
        occupied: Occupied::default(),
        placed: Vec::new(),
    };
    let screen = |at: Pos2, r: f32| (camera.to_screen(canvas, at), (r * camera.scale).max(2.0));
    // What is drawn over the canvas (legend, buttons) is in the way too.
    for &rect in &app.canvas.overlay_rects {
        placer.occupied.insert(rect.expand(4.0));
    }
    for &(at, r) in &candidates.obstacles {
        let (center, r) = screen(at, r);
        placer
            .occupied
            .insert(Rect::from_center_size(center, Vec2::splat(2.0 * r)));
    }
    let mut entities = candidates.entities;
    let order = |a: &(u32, NodeIndex, Pos2, f32), b: &(u32, NodeIndex, Pos2, f32)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
    };
    if entities.len() > MAX_LABEL_TRIES {
        entities.select_nth_unstable_by(MAX_LABEL_TRIES, order);
        entities.truncate(MAX_LABEL_TRIES);
    }
    entities.sort_unstable_by(order);
    let emphasised = entities.partition_point(|e| e.0 >= EMPHASISED);
    let (strong, plain) = (
        placer.visuals.strong_text_color(),
        placer.visuals.text_color(),
    );
    let name = |node: NodeIndex| shorten(&app.session.graph.node(node).label);
    // Emphasised names look further out, then try a shorter form, before
    // giving up.
    for &(_, node, at, r) in &entities[..emphasised] {
        let label = &app.session.graph.node(node).label;
        let _named = placer.entity(node, name(node), screen(at, r), (strong, 4))
            || SHORT_CHARS.iter().any(|&chars| {
                placer.entity(node, shorten_to(label, chars), screen(at, r), (strong, 8))
            });
    }
    // Relations along emphasised claims, centred on the claim.
    for relation in candidates.relations.into_inner() {
        let color = if relation.strong {
            strong
        } else {
            plain.gamma_multiply(relation.alpha.max(0.5))
        };
        placer.relation(
            camera.to_screen(canvas, relation.at),
            shorten(&relation.text),
            color,
        );
    }
    for &(_, node, at, r) in &entities[emphasised..] {
        if placer.placed.len() >= MAX_LABELS {
            break;
        }
        placer.entity(node, name(node), screen(at, r), (plain, 1));
    }
    placer.placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(shorten("Min Aung Hlaing"), "Min Aung Hlaing");
        let long = "State Administration Council of the Republic of the Union of Myanmar";
        let short = shorten(long);
        assert!(short.ends_with('…'));
        assert!(short.chars().count() <= LABEL_CHARS);
        assert!(long.starts_with(short.trim_end_matches('…')));
    }

    #[test]
    fn the_occupancy_grid_finds_overlaps_across_cells() {
        let mut occupied = Occupied::default();
        occupied.insert(Rect::from_min_size(pos2(40.0, 40.0), vec2(20.0, 20.0)));
        assert!(occupied.hits(Rect::from_min_size(pos2(55.0, 55.0), vec2(100.0, 3.0))));
        assert!(!occupied.hits(Rect::from_min_size(pos2(61.0, 40.0), vec2(100.0, 3.0))));
    }
}
