//! One frame of the window: the panels in their places, the canvas in the
//! middle, the keyboard, and the repaints a moving layout needs.

use eframe::egui;

use super::files::{ExportFormat, FileAction};
use super::session::ExportWhat;
use super::state::{BottomTab, Selection};
use super::{TiegraphApp, canvas, panels, steps_per_frame};

impl TiegraphApp {
    /// Draws the app into `ui` (the root of the window, or a test harness).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.dialogs.title_sent.as_deref() != Some(&self.title()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.dialogs.title_sent = Some(self.title());
        }
        if self.dialogs.ctx.is_none() {
            self.dialogs.ctx = Some(ctx.clone());
        }
        self.poll_dialog();
        self.opening_ui(&ctx);
        self.take_screenshot(&ctx);
        self.keyboard(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.prefs.show_filters {
            egui::Panel::left("left")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| panels::left_ui(self, ui));
        }
        if self.prefs.show_inspector {
            egui::Panel::right("right")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| panels::right_ui(self, ui));
        }
        if self.prefs.show_bottom {
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| panels::bottom_ui(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| canvas::canvas_ui(self, ui));

        self.windows_ui(&ctx);
        let settling = self.session.layout.is_settling()
            && steps_per_frame(self.session.view.node_count()) > 0;
        if settling || self.dialogs.dialog.is_some() {
            ctx.request_repaint();
        } else if self.session.layout_job.is_some() {
            // Progress ten times a second; the layout wants the cores.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    pub(crate) fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |modifiers, key| KeyboardShortcut::new(modifiers, key);
        // While a field has focus, Ctrl+Z undoes the typing, not an edit of
        // the view or of the dataset file.
        let typing = ctx.memory(|m| m.focused().is_some());
        let (find, open, export, redo, undo, escape, delete) = ctx.input_mut(|input| {
            // Redo first: a Ctrl+Z shortcut may also accept Ctrl+Shift+Z.
            let redo = !typing
                && input.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z));
            let undo = !typing && input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z));
            (
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)),
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)),
                input.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)),
                redo,
                undo,
                input.key_pressed(Key::Escape),
                input.key_pressed(Key::Delete),
            )
        });
        if find {
            self.prefs.show_filters = true;
            self.panels.focus_search = true;
        }
        if open {
            self.request_file(FileAction::Open, ctx);
        }
        if export {
            self.request_file(FileAction::Export(ExportWhat::View, ExportFormat::Dot), ctx);
        }
        if redo {
            self.redo();
        } else if undo {
            self.undo();
        }
        // F fits the graph to the window, as in Gephi and Cytoscape.
        if !typing && ctx.input(|i| i.key_pressed(Key::F) && i.modifiers.is_none()) {
            self.canvas.fit_pending = true;
        }
        if escape && !typing {
            self.selection = Selection::None;
            self.session.paths.chosen = None;
        }
        if delete
            && !typing
            && let Selection::Node(node) = self.selection
        {
            self.hide(&[node]);
        }
        // Review keys, while the review queue is open and no field has focus.
        if !typing && self.prefs.show_bottom && self.prefs.bottom_tab == BottomTab::Review {
            use crate::review::ReviewStatus;
            let pressed = |key| ctx.input(|i| i.key_pressed(key) && i.modifiers.is_none());
            if pressed(Key::C) {
                self.review_selected(ReviewStatus::Confirmed);
            } else if pressed(Key::D) {
                self.review_selected(ReviewStatus::Disputed);
            } else if pressed(Key::R) {
                self.review_selected(ReviewStatus::Rejected);
            } else if pressed(Key::N) {
                self.review_step(false);
            } else if pressed(Key::P) {
                self.review_step(true);
            }
        }
    }
}
