//! The menu bar and the status bar.

use eframe::egui;

use super::files::{ExportFormat, FileAction, TypedPath};
use super::session::{BACKGROUND_LAYOUT_FROM, DatasetOrigin, ExportWhat};
use super::{TiegraphApp, steps_per_frame};

impl TiegraphApp {
    pub(crate) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open dataset… (Ctrl+O)").clicked() {
                    self.request_file(FileAction::Open, &ctx);
                    ui.close();
                }
                if ui.button("Open dataset by path…").clicked() {
                    self.dialogs.typed_path = Some(TypedPath {
                        action: FileAction::Open,
                        text: String::new(),
                        reason: "Type the path of a dataset TOML file.".into(),
                        confirming: None,
                    });
                    ui.close();
                }
                if ui.button("Open the embedded dataset").clicked() {
                    self.open_embedded();
                    ui.close();
                }
                ui.separator();
                // The embedded dataset, CSV and JSON are edited in a TOML copy.
                match &self.session.origin {
                    DatasetOrigin::Embedded => {
                        if ui
                            .button("Save a copy to edit…")
                            .on_hover_text("Writes the dataset (TOML and source texts) into a folder you choose and opens it for editing")
                            .clicked()
                        {
                            self.request_file(FileAction::SaveCopy, &ctx);
                            ui.close();
                        }
                    }
                    DatasetOrigin::File(_) if self.session.editable().is_err() => {
                        if ui
                            .button("Save as TOML dataset…")
                            .on_hover_text("This format is not edited in place: writes it as a curated TOML dataset with its source texts and opens that")
                            .clicked()
                        {
                            self.request_file(FileAction::SaveCopy, &ctx);
                            ui.close();
                        }
                    }
                    DatasetOrigin::File(_) => {}
                }
                ui.separator();
                for (what, label) in [
                    (ExportWhat::View, "Export view"),
                    (ExportWhat::Selection, "Export selection"),
                    (ExportWhat::Path, "Export path"),
                ] {
                    ui.menu_button(label, |ui| {
                        for format in ExportFormat::ALL {
                            let text = format!("{}…", format.description());
                            if ui.button(text).clicked() {
                                self.request_file(FileAction::Export(what, format), &ctx);
                                ui.close();
                            }
                        }
                    });
                }
                if ui.button("Export canvas as PNG…").clicked() {
                    self.request_file(FileAction::ExportPng, &ctx);
                    ui.close();
                }
                ui.menu_button("Export brief (HTML)", |ui| {
                    for (what, label) in [
                        (ExportWhat::View, "Of the view…"),
                        (ExportWhat::Selection, "Of the selection…"),
                        (ExportWhat::Path, "Of the chosen path…"),
                    ] {
                        if ui
                            .button(label)
                            .on_hover_text("A report an editor can read: every sentence footnoted to its passage, a drawing, the sources")
                            .clicked()
                        {
                            self.request_file(FileAction::ExportReport(what), &ctx);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                if ui.button("Save workspace as…").on_hover_text("Positions, pins, hidden entities, the filter, the path question, the selection and the camera, in one file").clicked() {
                    self.request_file(FileAction::SaveWorkspace, &ctx);
                    ui.close();
                }
                if ui.button("Open workspace…").clicked() {
                    self.request_file(FileAction::OpenWorkspace, &ctx);
                    ui.close();
                }
                ui.separator();
                if ui.button("Save filter…").clicked() {
                    self.request_file(FileAction::SaveFilter, &ctx);
                    ui.close();
                }
                if ui.button("Load filter…").clicked() {
                    self.request_file(FileAction::LoadFilter, &ctx);
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Fit to view").clicked() {
                    self.canvas.fit_pending = true;
                    ui.close();
                }
                if ui.button("Re-run layout").clicked() {
                    if self.session.view.node_count() > BACKGROUND_LAYOUT_FROM {
                        self.start_layout_job();
                    } else {
                        self.session.layout.reheat();
                    }
                    ui.close();
                }
                if ui
                    .button("Lay out whole view (multilevel)")
                    .on_hover_text(
                        "Barnes–Hut multilevel layout of every visible entity, in the background",
                    )
                    .clicked()
                {
                    self.start_layout_job();
                    ui.close();
                }
                if ui.button("Unpin all").clicked() {
                    self.session.record_edit();
                    for index in self.session.graph.graph().node_indices() {
                        self.session.layout.set_pinned(index, false);
                    }
                    ui.close();
                }
                if ui.button("Show hidden entities").clicked() {
                    self.session.record_edit();
                    self.session.hidden.clear();
                    self.session.refresh_view();
                    ui.close();
                }
                ui.separator();
                ui.checkbox(&mut self.prefs.show_filters, "Search and filters");
                ui.checkbox(&mut self.prefs.show_inspector, "Inspector and sources");
                ui.checkbox(&mut self.prefs.show_bottom, "Paths and timeline");
                ui.checkbox(&mut self.prefs.size_by_degree, "Size by number of claims");
            });
            ui.menu_button("Edit", |ui| {
                let undo = match self.session.history.next_undo() {
                    Some(edit) => format!("Undo {edit} (Ctrl+Z)"),
                    None => "Undo (Ctrl+Z)".into(),
                };
                if ui
                    .add_enabled(self.session.history.can_undo(), egui::Button::new(undo))
                    .clicked()
                {
                    self.undo();
                    ui.close();
                }
                let redo = match self.session.history.next_redo() {
                    Some(edit) => format!("Redo {edit} (Ctrl+Shift+Z)"),
                    None => "Redo (Ctrl+Shift+Z)".into(),
                };
                if ui
                    .add_enabled(self.session.history.can_redo(), egui::Button::new(redo))
                    .clicked()
                {
                    self.redo();
                    ui.close();
                }
                ui.separator();
                let editable = self.session.editable();
                let why = editable.as_ref().err().map(ToString::to_string);
                let add = ui.add_enabled(editable.is_ok(), egui::Button::new("Add document…"));
                let add = match &why {
                    Some(why) => add.on_disabled_hover_text(why),
                    None => add,
                };
                if add.clicked() {
                    self.add_document_form();
                    ui.close();
                }
            });
        });
    }

    pub(crate) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let origin = match &self.session.origin {
                DatasetOrigin::Embedded => "embedded dataset".to_string(),
                DatasetOrigin::File(path) => path.display().to_string(),
            };
            ui.label(format!(
                "{} — {} of {} entities, {} of {} claims shown",
                origin,
                self.session.view.node_count(),
                self.session.graph.dataset().nodes.len(),
                self.session.view.edge_count(),
                self.session.graph.dataset().claims.len()
            ));
            if let Some(job) = &self.session.layout_job {
                ui.separator();
                let stopping = job.is_stopping();
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(140.0)
                        .show_percentage()
                        .text(format!(
                            "{} {} entities",
                            if stopping { "stopping:" } else { "laying out" },
                            job.size
                        )),
                );
                if !stopping && ui.button("Stop layout").clicked() {
                    job.stop();
                }
            } else if self.session.layout.is_settling()
                && steps_per_frame(self.session.view.node_count()) > 0
            {
                ui.label("· laying out…");
            }
            if let Some(error) = &self.session.filter_error {
                ui.colored_label(ui.visuals().error_fg_color, format!("· filter: {error}"));
            }
            if let Some(message) = self.dialogs.message.clone() {
                ui.separator();
                ui.label(message);
                if self.dialogs.curation.reload_offer && ui.small_button("Reload").clicked() {
                    self.reload_dataset();
                }
                if ui.small_button("Dismiss").clicked() {
                    self.dialogs.message = None;
                }
            }
        });
    }
}
