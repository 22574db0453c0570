//! The timeline: dated entities in one lane per kind and dated claims as a
//! histogram, over a time axis that zooms (wheel, about the pointer) and
//! pans (Shift-drag, middle-drag or a sideways scroll). It opens on the
//! span that holds most dated items, not on the whole range: one claim
//! that covers 1999–2018 must not squeeze 2021–2022 into a few pixels.
//! Bars never overlap: each lane packs them into rows, and what does not
//! fit is counted instead ("+3"). Dragging across the axis sets the date
//! filter, which is drawn as a window.

use eframe::egui::{self, Align2, Color32, Event, FontId, Rect, Sense, Stroke, pos2, vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::model::{Day, NodeKind, PartialDate};
use crate::query::Filter;
use crate::ui::{Selection, TiegraphApp};

/// The timeline between frames: the months shown, and a brush in progress.
#[derive(Clone, Debug, Default)]
pub(crate) struct TimelineState {
    /// First and last month shown; `None` opens on the busiest span.
    pub(crate) shown: Option<(f32, f32)>,
    /// Dragging across the axis: (start, current) in months.
    pub(crate) brush: Option<(f32, f32)>,
}

/// A dated entity on the timeline.
struct Dated {
    start: f32,
    end: f32,
    kind: NodeKind,
    label: String,
    node: NodeIndex,
}

/// The fewest months the axis shows, and the wheel's zoom step.
const MIN_SPAN: f32 = 2.0;
const ZOOM_STEP: f32 = 1.25;
/// Share of the dated items the opening span holds.
const OPENING_SHARE: f32 = 0.8;
const ROW: f32 = 15.0;
const LANE_LABEL: f32 = 84.0;
const HISTOGRAM: f32 = 26.0;

/// Months since year 0, as a float axis.
fn months(day: Day) -> f32 {
    let (year, month, dom) = day;
    year as f32 * 12.0 + (month as f32 - 1.0) + (dom as f32 - 1.0) / 31.0
}

fn month_to_date(value: f32) -> PartialDate {
    let total = value.floor() as i32;
    PartialDate {
        year: total.div_euclid(12),
        month: Some((total.rem_euclid(12) + 1) as u8),
        day: None,
    }
}

/// The view's dated entities and dated claims, as month ranges.
fn dated(app: &TiegraphApp) -> (Vec<Dated>, Vec<(f32, f32, EdgeIndex)>) {
    let graph = &app.session.graph;
    let items = app
        .session
        .view
        .nodes()
        .filter_map(|node| {
            let entity = graph.node(node);
            let date = entity.date.as_ref()?;
            Some(Dated {
                start: months(date.first_day()),
                end: months(date.last_day()) + 1.0 / 31.0,
                kind: entity.kind,
                label: entity.label.clone(),
                node,
            })
        })
        .collect();
    let claims = app
        .session
        .view
        .edges()
        .filter_map(|edge| {
            let date = graph.claim(edge).date.as_ref()?;
            Some((
                months(date.first_day()),
                months(date.last_day()) + 1.0 / 31.0,
                edge,
            ))
        })
        .collect();
    (items, claims)
}

/// The shortest span holding [`OPENING_SHARE`] of the items' starts, with
/// a month's margin: where the timeline opens.
fn busiest_span(starts: &mut [f32]) -> Option<(f32, f32)> {
    starts.sort_by(f32::total_cmp);
    let n = starts.len();
    if n == 0 {
        return None;
    }
    let take = ((n as f32 * OPENING_SHARE).ceil() as usize).clamp(1, n);
    let (low, high) = (0..=n - take)
        .map(|i| (starts[i], starts[i + take - 1]))
        .min_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))?;
    Some((low - 1.0, high.max(low + MIN_SPAN) + 1.0))
}

/// All the items' range, with a month's margin.
fn whole_span(items: &[Dated], claims: &[(f32, f32, EdgeIndex)]) -> Option<(f32, f32)> {
    let all = items
        .iter()
        .map(|i| (i.start, i.end))
        .chain(claims.iter().map(|c| (c.0, c.1)));
    let (low, high) = all.fold((f32::MAX, f32::MIN), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    (low <= high).then_some((low - 1.0, high + 1.0))
}

pub(super) fn timeline_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let (items, claims) = dated(app);
    let Some(whole) = whole_span(&items, &claims) else {
        ui.weak("Nothing in the view is dated.");
        return;
    };
    let mut starts: Vec<f32> = items
        .iter()
        .map(|i| i.start)
        .chain(claims.iter().map(|c| c.0))
        .collect();
    let opening = busiest_span(&mut starts).unwrap_or(whole);
    let mut shown = app.panels.timeline.shown.unwrap_or(opening);
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} dated entities, {} dated claims",
            items.len(),
            claims.len()
        ))
        .on_hover_text("Wheel: zoom · Shift-drag or middle-drag: pan · drag: set the date filter · click a bar: select");
        if ui.button("Busiest span").clicked() {
            shown = opening;
        }
        if ui.button("Whole range").clicked() {
            shown = whole;
        }
        let filter = &app.session.filter;
        if (filter.from.is_some() || filter.to.is_some()) && ui.button("Clear dates").clicked() {
            let filter = Filter {
                from: None,
                to: None,
                ..filter.clone()
            };
            app.set_filter(filter);
        }
    });
    let (rect, response) = ui.allocate_exact_size(
        vec2(ui.available_width(), ui.available_height().max(120.0)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline"));
    let axis = Rect::from_min_max(pos2(rect.left() + LANE_LABEL, rect.top()), rect.max);
    shown = navigate(ui, &response, axis, shown, whole);
    app.panels.timeline.shown = Some(shown);
    let scale = Scale { axis, shown };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    draw_axis(ui, &painter, &scale);
    draw_filter_window(app, ui, &painter, &scale);
    // Bars and the histogram stay on the axis; lane names and counts sit
    // left of it.
    let plot = (&painter, &ui.painter_at(axis));
    let vocabulary = &app.session.graph.dataset().vocabulary;
    let clicked = draw_lanes(ui, (plot.0, plot.1, vocabulary), &scale, &items, &response);
    draw_histogram(ui, plot, &scale, &claims);
    if let Some(node) = clicked {
        app.selection = Selection::Node(node);
    }
    brush(app, ui, &response, &painter, &scale);
}

/// The axis's mapping from months to screen x.
struct Scale {
    axis: Rect,
    shown: (f32, f32),
}

impl Scale {
    fn x(&self, month: f32) -> f32 {
        let (low, high) = self.shown;
        self.axis.left() + (month - low) / (high - low) * self.axis.width()
    }

    fn month(&self, x: f32) -> f32 {
        let (low, high) = self.shown;
        low + (x - self.axis.left()) / self.axis.width() * (high - low)
    }
}

/// Zoom about the pointer with the wheel, pan with Shift-drag, a middle
/// drag or a sideways scroll; the span stays within the whole range.
fn navigate(
    ui: &egui::Ui,
    response: &egui::Response,
    axis: Rect,
    (mut low, mut high): (f32, f32),
    whole: (f32, f32),
) -> (f32, f32) {
    let per_point = (high - low) / axis.width().max(1.0);
    let shift = ui.input(|i| i.modifiers.shift);
    if (response.dragged_by(egui::PointerButton::Primary) && shift)
        || response.dragged_by(egui::PointerButton::Middle)
    {
        let delta = -response.drag_delta().x * per_point;
        low += delta;
        high += delta;
    }
    if let Some(pointer) = response.hover_pos() {
        let anchor = low + (pointer.x - axis.left()).max(0.0) * per_point;
        ui.input(|input| {
            for event in &input.events {
                if let Event::MouseWheel { delta, .. } = event {
                    if delta.y != 0.0 {
                        let factor = ZOOM_STEP.powf(-delta.y.signum());
                        low = anchor - (anchor - low) * factor;
                        high = anchor + (high - anchor) * factor;
                    } else if delta.x != 0.0 {
                        let pan = -delta.x.signum() * (high - low) * 0.1;
                        low += pan;
                        high += pan;
                    }
                }
            }
        });
    }
    // Within the whole range (and a little more), never narrower than a
    // couple of months.
    let span = (high - low).clamp(MIN_SPAN, (whole.1 - whole.0).max(MIN_SPAN) + 2.0);
    let center = (low + high) / 2.0;
    let center = center.clamp(whole.0, whole.1);
    (center - span / 2.0, center + span / 2.0)
}

fn draw_axis(ui: &egui::Ui, painter: &egui::Painter, scale: &Scale) {
    let (low, high) = scale.shown;
    let tick_color = ui.visuals().weak_text_color();
    // Months when they are wide enough to read, years always.
    let month_width = scale.axis.width() / (high - low);
    for month in low.ceil() as i32..=high.floor() as i32 {
        let x = scale.x(month as f32);
        let january = month.rem_euclid(12) == 0;
        if january {
            painter.line_segment(
                [pos2(x, scale.axis.top()), pos2(x, scale.axis.bottom())],
                Stroke::new(1.0, tick_color),
            );
            painter.text(
                pos2(x + 2.0, scale.axis.bottom() - 2.0),
                Align2::LEFT_BOTTOM,
                month.div_euclid(12).to_string(),
                FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
        } else if month_width >= 28.0 {
            painter.line_segment(
                [
                    pos2(x, scale.axis.bottom() - 6.0),
                    pos2(x, scale.axis.bottom()),
                ],
                Stroke::new(1.0, tick_color),
            );
            let name = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][month.rem_euclid(12) as usize];
            painter.text(
                pos2(x + 2.0, scale.axis.bottom() - 2.0),
                Align2::LEFT_BOTTOM,
                name,
                FontId::proportional(10.0),
                tick_color,
            );
        }
    }
}

fn draw_filter_window(app: &TiegraphApp, ui: &egui::Ui, painter: &egui::Painter, scale: &Scale) {
    let filter = &app.session.filter;
    if filter.from.is_none() && filter.to.is_none() {
        return;
    }
    let a = filter.from.map_or(scale.shown.0, |d| months(d.first_day()));
    let b = filter
        .to
        .map_or(scale.shown.1, |d| months(d.last_day()) + 1.0 / 31.0);
    let window = Rect::from_x_y_ranges(
        scale.x(a).max(scale.axis.left())..=scale.x(b).min(scale.axis.right()),
        scale.axis.y_range(),
    );
    if window.width() > 0.0 {
        painter.rect_filled(
            window,
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.3),
        );
        painter.rect_stroke(
            window,
            0.0,
            Stroke::new(1.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
}

/// One lane per kind with dated entities; bars (with their labels) packed
/// into the lane's rows, the rest counted. Returns the entity clicked.
fn draw_lanes(
    ui: &egui::Ui,
    (painter, plot, vocabulary): (&egui::Painter, &egui::Painter, &crate::model::Vocabulary),
    scale: &Scale,
    items: &[Dated],
    response: &egui::Response,
) -> Option<NodeIndex> {
    // In vocabulary order, like the legend.
    let mut kinds: Vec<NodeKind> = items.iter().map(|i| i.kind).collect();
    kinds.sort_unstable_by_key(|kind| (vocabulary.kind_position(*kind), *kind));
    kinds.dedup();
    let room = scale.axis.height() - HISTOGRAM - 16.0;
    let lane_height = (room / kinds.len().max(1) as f32).max(ROW);
    let rows = ((lane_height - 2.0) / ROW).floor().max(1.0) as usize;
    let font = FontId::proportional(10.0);
    let mut clicked = None;
    let mut hovered: Option<&Dated> = None;
    let pointer = response.hover_pos();
    for (lane, kind) in kinds.iter().enumerate() {
        let top = scale.axis.top() + 2.0 + lane as f32 * lane_height;
        painter.text(
            pos2(scale.axis.left() - LANE_LABEL + 4.0, top + ROW / 2.0),
            Align2::LEFT_CENTER,
            kind.as_str(),
            FontId::proportional(11.0),
            ui.visuals().text_color(),
        );
        let mut lane_items: Vec<&Dated> = items
            .iter()
            .filter(|i| {
                i.kind == *kind
                    && scale.x(i.end) >= scale.axis.left()
                    && scale.x(i.start) <= scale.axis.right()
            })
            .collect();
        lane_items.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.node.cmp(&b.node)));
        // The right edge of what is drawn in each row so far.
        let mut row_ends = vec![f32::MIN; rows];
        let mut hidden = 0;
        let color = crate::ui::canvas::kind_color(vocabulary, *kind);
        for item in lane_items {
            let (a, b) = (
                scale.x(item.start),
                scale.x(item.end).max(scale.x(item.start) + 3.0),
            );
            let galley = painter.layout_no_wrap(
                crate::ui::canvas::shorten_label(&item.label),
                font.clone(),
                ui.visuals().text_color(),
            );
            let with_label = b + 3.0 + galley.size().x;
            // The first row free from the bar's start on (labels take room
            // in their row too); none: the bar is counted, not drawn.
            let Some(row) = row_ends.iter().position(|end| *end + 4.0 <= a) else {
                hidden += 1;
                continue;
            };
            let y = top + row as f32 * ROW;
            let bar = Rect::from_min_max(pos2(a, y + 2.0), pos2(b, y + ROW - 2.0));
            plot.rect_filled(bar, 2.0, color);
            // Labels that would run off the axis are left out.
            let label = with_label <= scale.axis.right();
            if label {
                painter.galley(
                    pos2(b + 3.0, y + (ROW - galley.size().y) / 2.0),
                    galley,
                    Color32::WHITE,
                );
            }
            row_ends[row] = if label { with_label } else { b };
            if pointer.is_some_and(|p| bar.expand(2.0).contains(p)) {
                hovered = Some(item);
                if response.clicked() {
                    clicked = Some(item.node);
                }
            }
        }
        if hidden > 0 {
            // What did not fit is counted beside the lane's name: zoom in
            // (or make the panel taller) to see it.
            painter.text(
                pos2(scale.axis.left() - 4.0, top + ROW / 2.0),
                Align2::RIGHT_CENTER,
                format!("+{hidden}"),
                FontId::proportional(10.0),
                ui.visuals().warn_fg_color,
            );
        }
    }
    if let Some(item) = hovered {
        response.clone().on_hover_text_at_pointer(format!(
            "{} ({}): {}",
            item.label,
            item.kind,
            month_to_date(item.start)
        ));
    }
    clicked
}

/// Dated claims as a histogram along the bottom: how many start in each
/// few-point-wide bin.
fn draw_histogram(
    ui: &egui::Ui,
    (painter, plot): (&egui::Painter, &egui::Painter),
    scale: &Scale,
    claims: &[(f32, f32, EdgeIndex)],
) {
    const BIN: f32 = 6.0;
    let bottom = scale.axis.bottom() - 16.0;
    let mut bins: std::collections::BTreeMap<i32, u32> = Default::default();
    for &(start, _, _) in claims {
        let x = scale.x(start);
        if x >= scale.axis.left() && x <= scale.axis.right() {
            *bins.entry((x / BIN).floor() as i32).or_default() += 1;
        }
    }
    let most = bins.values().copied().max().unwrap_or(1) as f32;
    for (bin, count) in &bins {
        let height = (HISTOGRAM - 4.0) * (*count as f32 / most).sqrt().max(0.15);
        let bar = Rect::from_min_max(
            pos2(*bin as f32 * BIN, bottom - height),
            pos2(*bin as f32 * BIN + BIN - 1.0, bottom),
        );
        plot.rect_filled(bar, 0.0, ui.visuals().text_color().gamma_multiply(0.6));
    }
    painter.text(
        pos2(
            scale.axis.left() - LANE_LABEL + 4.0,
            bottom - HISTOGRAM / 2.0,
        ),
        Align2::LEFT_CENTER,
        "claims",
        FontId::proportional(11.0),
        ui.visuals().text_color(),
    );
}

/// Dragging across the axis (without Shift) sets the date filter.
fn brush(
    app: &mut TiegraphApp,
    ui: &egui::Ui,
    response: &egui::Response,
    painter: &egui::Painter,
    scale: &Scale,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    let state = &mut app.panels.timeline;
    if response.drag_started_by(egui::PointerButton::Primary)
        && !shift
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let m = scale.month(pointer.x);
        state.brush = Some((m, m));
    }
    if let (Some((start, _)), Some(pointer)) = (state.brush, response.interact_pointer_pos())
        && response.dragged()
    {
        state.brush = Some((start, scale.month(pointer.x)));
    }
    let Some((a, b)) = state.brush else {
        return;
    };
    painter.rect_filled(
        Rect::from_x_y_ranges(scale.x(a.min(b))..=scale.x(a.max(b)), scale.axis.y_range()),
        0.0,
        ui.visuals().selection.bg_fill.gamma_multiply(0.5),
    );
    if response.drag_stopped() {
        state.brush = None;
        let (a, b) = (a.min(b), a.max(b));
        if b - a > 0.2 {
            let filter = Filter {
                from: Some(month_to_date(a)),
                to: Some(month_to_date(b)),
                ..app.session.filter.clone()
            };
            app.set_filter(filter);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opening_span_leaves_out_a_lone_long_claim() {
        // One claim from 1999, the rest in 2021–2022 (months since year 0).
        let mut starts: Vec<f32> = vec![1999.0 * 12.0];
        starts.extend((0..30).map(|i| 2021.0 * 12.0 + i as f32 * 0.7));
        let (low, high) = busiest_span(&mut starts).unwrap();
        assert!(low > 2020.0 * 12.0, "{}", low / 12.0);
        assert!(high < 2023.0 * 12.0, "{}", high / 12.0);
    }
}
