//! The windows over the canvas: recovered review work, a dataset's
//! diagnostics, and the typed-path field (which asks before replacing a
//! file).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::TiegraphApp;

impl TiegraphApp {
    pub(crate) fn windows_ui(&mut self, ctx: &egui::Context) {
        self.curation_windows_ui(ctx);
        if let Some((count, path)) = self.dialogs.recovery_offer.clone() {
            let mut choice = None;
            egui::Window::new("Recovered review work")
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(format!(
                        "An earlier session could not save its reviews of {count} claims; they were kept in {}.",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore them").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Discard them").clicked() {
                            choice = Some(false);
                        }
                        if ui.button("Decide later").clicked() {
                            self.dialogs.recovery_offer = None;
                        }
                    });
                });
            match choice {
                Some(true) => self.restore_recovery(),
                Some(false) => self.discard_recovery(),
                None => {}
            }
        }
        if let Some(window) = &self.dialogs.diagnostics {
            let mut open = true;
            egui::Window::new("Dataset errors")
                .open(&mut open)
                .default_width(640.0)
                .show(ctx, |ui| {
                    ui.label(&window.summary);
                    ui.label(format!("File: {}", window.file));
                    ui.separator();
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            for diagnostic in &window.diagnostics {
                                ui.monospace(diagnostic.to_string());
                                ui.add_space(4.0);
                            }
                        });
                });
            if !open {
                self.dialogs.diagnostics = None;
            }
        }
        if let Some(mut typed) = self.dialogs.typed_path.take() {
            let mut keep = true;
            let mut submit = false;
            egui::Window::new(typed.action.title())
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(&typed.reason);
                    ui.horizontal(|ui| {
                        let label = ui.label("Path:");
                        let response = ui
                            .add(egui::TextEdit::singleline(&mut typed.text).desired_width(360.0))
                            .labelled_by(label.id);
                        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            submit = true;
                        }
                    });
                    let text = typed.text.trim().to_string();
                    let exists = Path::new(&text).exists();
                    // Never replace a file without asking: Save on an existing
                    // file asks first, and Replace then confirms.
                    let asking = typed.action.saves()
                        && exists
                        && typed.confirming.as_deref() == Some(text.as_str());
                    if asking {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{text} exists. Replace it?"),
                        );
                    } else if typed.action.saves() && exists {
                        ui.colored_label(ui.visuals().warn_fg_color, "This file exists.");
                    }
                    ui.horizontal(|ui| {
                        let verb = if typed.action == super::FileAction::SaveCopy {
                            "Save copy here"
                        } else if asking {
                            "Replace"
                        } else if typed.action.saves() {
                            "Save"
                        } else {
                            "Open"
                        };
                        if ui.button(verb).clicked() {
                            if typed.action.saves() && exists && !asking {
                                typed.confirming = Some(text.clone());
                            } else {
                                submit = true;
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
            let text = typed.text.trim();
            let needs_asking = typed.action.saves()
                && Path::new(text).exists()
                && typed.confirming.as_deref() != Some(text);
            if submit && !text.is_empty() {
                if needs_asking {
                    // Enter on an existing file asks, as the button does.
                    typed.confirming = Some(text.to_string());
                } else {
                    let path = PathBuf::from(text);
                    self.complete_file(typed.action, &path);
                    keep = false;
                }
            }
            if keep {
                self.dialogs.typed_path = Some(typed);
            }
        }
    }
}
