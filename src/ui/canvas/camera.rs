//! The camera and how the user moves it, as in Gephi, Cytoscape and
//! Maltego: the mouse wheel zooms about the cursor in bounded steps, a drag
//! on empty canvas pans, a trackpad pinch zooms and a two-finger scroll
//! pans; a double-click on empty canvas (or `F`) fits the graph. Zoom is
//! clamped between half the fitted scale and a few screen points per layout
//! unit, and the camera never leaves the graph's bounds, so the graph
//! cannot be lost.

use eframe::egui::{self, Event, MouseWheelSource, MouseWheelUnit, Pos2, Rect, Vec2, emath};

/// Zoom factor of one wheel step (a notch of a mouse wheel).
pub(crate) const WHEEL_STEP: f32 = 1.2;
/// The closest zoom, in screen points per layout unit, unless fitting the
/// graph needs more.
pub(crate) const MAX_SCALE: f32 = 4.0;
/// The farthest zoom, as a share of the scale that fits the graph.
pub(crate) const MIN_SCALE_OF_FIT: f32 = 0.5;
/// Screen points kept free around a fitted graph, for its labels.
pub(crate) const FIT_MARGIN: f32 = 48.0;

/// Which point of the layout plane is at the canvas's centre, and how many
/// screen points one layout unit takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub center: Pos2,
    pub scale: f32,
}

impl Camera {
    /// The camera that shows `bounds` (layout units) whole in `canvas`
    /// (screen), with [`FIT_MARGIN`] around it.
    pub fn fitting(bounds: Rect, canvas: Rect) -> Self {
        Self::fitting_with(bounds, canvas, Vec2::splat(FIT_MARGIN))
    }

    /// [`Camera::fitting`] with `margin` (screen points, each side).
    pub fn fitting_with(bounds: Rect, canvas: Rect, margin: Vec2) -> Self {
        let room = (canvas.size() - 2.0 * margin).max(Vec2::splat(40.0));
        let size = bounds.size().max(Vec2::splat(1.0));
        Camera {
            center: bounds.center(),
            scale: (room.x / size.x).min(room.y / size.y),
        }
    }

    /// [`Camera::fitting`] into `area`, a part of `canvas` (the rest is
    /// covered, by the legend say): the graph is centred in `area`.
    pub fn fitting_in(bounds: Rect, canvas: Rect, area: Rect) -> Self {
        let fitted = Self::fitting(bounds, area);
        Camera {
            center: fitted.center - (area.center() - canvas.center()) / fitted.scale,
            scale: fitted.scale,
        }
    }

    /// Where a layout point is on screen.
    pub fn to_screen(self, canvas: Rect, point: Pos2) -> Pos2 {
        canvas.center() + (point - self.center) * self.scale
    }

    /// Which layout point is at a screen point.
    pub fn to_layout(self, canvas: Rect, point: Pos2) -> Pos2 {
        self.center + (point - canvas.center()) / self.scale
    }

    /// The layout plane's rect on screen.
    pub fn visible(self, canvas: Rect) -> Rect {
        Rect::from_min_max(
            self.to_layout(canvas, canvas.min),
            self.to_layout(canvas, canvas.max),
        )
    }

    /// The transform egui applies to the canvas's layer.
    pub fn transform(self, canvas: Rect) -> emath::TSTransform {
        emath::TSTransform::new(
            canvas.center().to_vec2() - self.center.to_vec2() * self.scale,
            self.scale,
        )
    }

    /// Zooms by `factor` keeping the layout point under `anchor` (screen)
    /// where it is.
    pub fn zoom_about(&mut self, canvas: Rect, anchor: Pos2, factor: f32) {
        let fixed = self.to_layout(canvas, anchor);
        self.scale *= factor;
        self.center = fixed - (anchor - canvas.center()) / self.scale;
    }

    /// Keeps the zoom within its bounds (relative to the scale that fits
    /// `bounds`) and the centre over the graph.
    pub fn clamp(&mut self, canvas: Rect, bounds: Rect) {
        let fit = Camera::fitting(bounds, canvas).scale;
        let (low, high) = (fit * MIN_SCALE_OF_FIT, MAX_SCALE.max(fit * 2.0));
        if self.scale.is_finite() && self.scale > 0.0 {
            let anchor = canvas.center();
            let wanted = self.scale.clamp(low, high);
            self.zoom_about(canvas, anchor, wanted / self.scale);
        } else {
            *self = Camera::fitting(bounds, canvas);
        }
        if bounds.is_finite() {
            self.center = self.center.clamp(bounds.min, bounds.max);
        }
    }
}

/// What the user asked of the camera this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Navigation {
    /// Zoom factor and the screen point to zoom about.
    pub zoom: Option<(f32, Pos2)>,
    /// Screen points to move the content by.
    pub pan: Vec2,
    pub fit: bool,
}

/// Reads this frame's navigation input over the canvas: `background` is
/// the response of the empty canvas (drags and double-clicks on it).
pub(crate) fn navigation(ui: &egui::Ui, canvas: Rect, background: &egui::Response) -> Navigation {
    let mut navigation = Navigation::default();
    if background.dragged_by(egui::PointerButton::Primary)
        || background.dragged_by(egui::PointerButton::Middle)
    {
        navigation.pan += background.drag_delta();
    }
    if background.double_clicked() {
        navigation.fit = true;
    }
    // Only when the pointer is over the canvas itself, not over a panel,
    // a window or an overlay drawn above it.
    let Some(pointer) = ui.input(|i| i.pointer.hover_pos()) else {
        return navigation;
    };
    if !canvas.contains(pointer) || !ui.rect_contains_pointer(canvas) {
        return navigation;
    }
    let mut factor = 1.0;
    ui.input(|input| {
        for event in &input.events {
            let Event::MouseWheel {
                unit,
                delta,
                source,
                modifiers,
                ..
            } = event
            else {
                continue;
            };
            if modifiers.ctrl || modifiers.command {
                // egui turns Ctrl+wheel into a zoom delta, read below.
                continue;
            }
            let wheel = match source {
                MouseWheelSource::Wheel => true,
                MouseWheelSource::Unknown => *unit != MouseWheelUnit::Point,
                _ => false,
            };
            if wheel {
                // One bounded step per notch, whatever the platform's
                // line size: up zooms in.
                let notches = delta.y.signum()
                    + if delta.y == 0.0 {
                        delta.x.signum()
                    } else {
                        0.0
                    };
                factor *= WHEEL_STEP.powf(notches);
            } else {
                // Two fingers on a trackpad pan, as everywhere else.
                navigation.pan += *delta;
            }
        }
        // Pinch, or Ctrl+wheel: at most a wheel step's worth per frame.
        factor *= input.zoom_delta().clamp(1.0 / WHEEL_STEP, WHEEL_STEP);
    });
    if factor != 1.0 {
        navigation.zoom = Some((factor, pointer));
    }
    navigation
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn zooming_keeps_the_point_under_the_cursor_still() {
        let canvas = Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0));
        let mut camera = Camera {
            center: pos2(10.0, -20.0),
            scale: 0.8,
        };
        let anchor = pos2(300.0, 500.0);
        let under = camera.to_layout(canvas, anchor);
        camera.zoom_about(canvas, anchor, WHEEL_STEP);
        let after = camera.to_screen(canvas, under);
        assert!((after - anchor).length() < 1e-3, "{after:?}");
        assert!((camera.scale - 0.96).abs() < 1e-5);
    }

    #[test]
    fn the_zoom_and_the_centre_stay_within_bounds() {
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let bounds = Rect::from_min_max(pos2(-400.0, -300.0), pos2(400.0, 300.0));
        let fit = Camera::fitting(bounds, canvas);
        let mut far = Camera {
            center: pos2(5_000.0, 0.0),
            scale: fit.scale / 100.0,
        };
        far.clamp(canvas, bounds);
        assert!((far.scale - fit.scale * MIN_SCALE_OF_FIT).abs() < 1e-4);
        assert!(bounds.contains(far.center));
        let mut near = Camera {
            center: Pos2::ZERO,
            scale: 1_000.0,
        };
        near.clamp(canvas, bounds);
        assert!((near.scale - MAX_SCALE).abs() < 1e-4);
        let mut broken = Camera {
            center: Pos2::ZERO,
            scale: f32::NAN,
        };
        broken.clamp(canvas, bounds);
        assert_eq!(broken, fit);
    }
}
