//! The timeline: dated claims over time; brushing sets the date filter.

use eframe::egui::{self, Sense, Stroke, pos2, vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::model::{Day, NodeKind, PartialDate};
use crate::query::Filter;
use crate::ui::{Selection, TiegraphApp};

/// Months since year 0, as a float axis.
pub(super) fn months(day: Day) -> f32 {
    let (year, month, dom) = day;
    year as f32 * 12.0 + (month as f32 - 1.0) + (dom as f32 - 1.0) / 31.0
}

pub(super) fn month_to_date(value: f32) -> PartialDate {
    let total = value.floor() as i32;
    PartialDate {
        year: total.div_euclid(12),
        month: Some((total.rem_euclid(12) + 1) as u8),
        day: None,
    }
}

pub(super) fn timeline_ui(app: &mut TiegraphApp, ui: &mut egui::Ui) {
    let (mut items, claims) = dated(app);
    let all = items
        .iter()
        .map(|i| (i.0, i.1))
        .chain(claims.iter().map(|c| (c.0, c.1)));
    let (mut low, mut high) = all.fold((f32::MAX, f32::MIN), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    if low > high {
        ui.weak("Nothing in the view is dated.");
        return;
    }
    low -= 1.0;
    high += 1.0;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} dated entities, {} dated claims. Drag across the axis to set the date filter.",
            items.len(),
            claims.len()
        ));
        if (app.session.filter.from.is_some() || app.session.filter.to.is_some())
            && ui.button("Clear dates").clicked()
        {
            let filter = Filter {
                from: None,
                to: None,
                ..app.session.filter.clone()
            };
            app.set_filter(filter);
        }
    });
    let (rect, response) = ui.allocate_exact_size(
        vec2(ui.available_width(), ui.available_height().max(120.0)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline"));
    let painter = ui.painter_at(rect);
    let x = |m: f32| rect.left() + (m - low) / (high - low) * rect.width();
    let to_month = |px: f32| low + (px - rect.left()) / rect.width() * (high - low);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    // Year ticks.
    let first_year = (low / 12.0).ceil() as i32;
    let last_year = (high / 12.0).floor() as i32;
    for year in first_year..=last_year {
        let px = x(year as f32 * 12.0);
        painter.line_segment(
            [pos2(px, rect.top()), pos2(px, rect.bottom())],
            Stroke::new(1.0, ui.visuals().weak_text_color()),
        );
        painter.text(
            pos2(px + 2.0, rect.bottom() - 2.0),
            egui::Align2::LEFT_BOTTOM,
            year.to_string(),
            egui::FontId::proportional(10.0),
            ui.visuals().text_color(),
        );
    }
    // Current window.
    if app.session.filter.from.is_some() || app.session.filter.to.is_some() {
        let a = app
            .session
            .filter
            .from
            .map_or(low, |d| months(d.first_day()));
        let b = app
            .session
            .filter
            .to
            .map_or(high, |d| months(d.last_day()) + 1.0 / 31.0);
        painter.rect_filled(
            egui::Rect::from_x_y_ranges(x(a)..=x(b), rect.y_range()),
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.3),
        );
    }
    // Entities as bars, one row each (wrapping), claims as ticks along the bottom.
    let row_height = 14.0;
    let rows = ((rect.height() - 30.0) / row_height).max(1.0) as usize;
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (index, (a, b, kind, label, node)) in items.iter().enumerate() {
        let y = rect.top() + 4.0 + (index % rows) as f32 * row_height;
        let bar = egui::Rect::from_min_max(
            pos2(x(*a), y),
            pos2(x(*b).max(x(*a) + 3.0), y + row_height - 3.0),
        );
        painter.rect_filled(bar, 2.0, crate::ui::canvas::kind_color(*kind));
        painter.text(
            pos2(bar.right() + 2.0, bar.center().y),
            egui::Align2::LEFT_CENTER,
            label,
            egui::FontId::proportional(9.0),
            ui.visuals().text_color(),
        );
        if let Some(pointer) = response.hover_pos()
            && bar.contains(pointer)
            && response.clicked()
            && let Some(node) = node
        {
            app.selection = Selection::Node(*node);
        }
    }
    for (a, _, _) in &claims {
        let px = x(*a);
        painter.line_segment(
            [
                pos2(px, rect.bottom() - 24.0),
                pos2(px, rect.bottom() - 14.0),
            ],
            Stroke::new(1.0, ui.visuals().text_color()),
        );
    }
    // Brushing sets the date filter.
    if response.drag_started()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let m = to_month(pointer.x);
        app.panels.brush = Some((m, m));
    }
    if let (Some((start, _)), Some(pointer)) = (app.panels.brush, response.interact_pointer_pos())
        && response.dragged()
    {
        app.panels.brush = Some((start, to_month(pointer.x)));
    }
    if let Some((a, b)) = app.panels.brush {
        painter.rect_filled(
            egui::Rect::from_x_y_ranges(x(a.min(b))..=x(a.max(b)), rect.y_range()),
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.5),
        );
        if response.drag_stopped() {
            app.panels.brush = None;
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
}

/// A dated entity on the timeline: first and last month, kind, label.
type DatedEntity = (f32, f32, NodeKind, String, Option<NodeIndex>);

/// The view's dated entities (visits, meetings, contracts, events…) and
/// dated claims, as month ranges.
fn dated(app: &TiegraphApp) -> (Vec<DatedEntity>, Vec<(f32, f32, EdgeIndex)>) {
    let mut items: Vec<DatedEntity> = Vec::new();
    for node in app.session.view.nodes() {
        let entity = app.session.graph.node(node);
        if let Some(date) = &entity.date {
            items.push((
                months(date.first_day()),
                months(date.last_day()) + 1.0 / 31.0,
                entity.kind,
                entity.label.clone(),
                Some(node),
            ));
        }
    }
    let mut claims: Vec<(f32, f32, EdgeIndex)> = Vec::new();
    for edge in app.session.view.edges() {
        if let Some(date) = &app.session.graph.claim(edge).date {
            claims.push((
                months(date.first_day()),
                months(date.last_day()) + 1.0 / 31.0,
                edge,
            ));
        }
    }
    (items, claims)
}
