//! File dialogs that never block the window, with a typed-path fallback.
//!
//! rfd's dialog runs on its own thread and reports through a channel, so
//! the window keeps repainting and no click is lost. rfd returns `None` both
//! for "cancelled" and for "no portal or zenity to show a dialog", so after
//! a `None` the user is told so and offered a path field.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

pub use super::session::ExportWhat;
pub use crate::export::ExportFormat;

/// What a chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    Export(ExportWhat, ExportFormat),
    /// A PNG of the canvas, as drawn.
    ExportPng,
    /// A brief (HTML) of the view, the selection or the chosen path.
    ExportReport(ExportWhat),
    /// The reviews, to another file than their own.
    SaveReviews,
    SaveFilter,
    LoadFilter,
    /// Positions, pins, hidden entities, filter, path question, selection
    /// and camera.
    SaveWorkspace,
    OpenWorkspace,
    /// A folder for an editable copy of the dataset (TOML and sources).
    SaveCopy,
    /// A text file for the "Add a document" form.
    PickDocument,
}

impl FileAction {
    /// The file name offered for this action on the dataset `name`.
    pub fn default_name(self, name: &str) -> String {
        let stem: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        match self {
            FileAction::Open
            | FileAction::LoadFilter
            | FileAction::OpenWorkspace
            | FileAction::PickDocument => String::new(),
            FileAction::SaveCopy => stem.to_string(),
            FileAction::SaveWorkspace => format!("{stem}.workspace.json"),
            FileAction::ExportPng => format!("{stem}-canvas.png"),
            FileAction::ExportReport(what) => format!(
                "{stem}-{}-brief.html",
                match what {
                    ExportWhat::View => "view",
                    ExportWhat::Selection => "selection",
                    ExportWhat::Path => "path",
                }
            ),
            FileAction::SaveReviews => format!("{stem}.reviews.toml"),
            FileAction::SaveFilter => format!("{stem}-filter.json"),
            FileAction::Export(what, format) => {
                let what = match what {
                    ExportWhat::View => "view",
                    ExportWhat::Selection => "selection",
                    ExportWhat::Path => "path",
                };
                if format.is_folder() {
                    format!("{stem}-{what}-{}", format.name())
                } else {
                    format!("{stem}-{what}.{}", format.extension())
                }
            }
        }
    }

    /// Whether the file is written (a save dialog) or read.
    pub fn saves(self) -> bool {
        matches!(
            self,
            FileAction::Export(..)
                | FileAction::ExportPng
                | FileAction::ExportReport(_)
                | FileAction::SaveFilter
                | FileAction::SaveWorkspace
        )
    }

    pub fn title(self) -> String {
        match self {
            FileAction::Open => "Open dataset".into(),
            FileAction::Export(what, format) => {
                let what = match what {
                    ExportWhat::View => "view",
                    ExportWhat::Selection => "selection",
                    ExportWhat::Path => "path",
                };
                let into = if format.is_folder() {
                    " (choose a folder)"
                } else {
                    ""
                };
                format!("Export {what} as {}{into}", format.description())
            }
            FileAction::ExportPng => "Export canvas as PNG".into(),
            FileAction::ExportReport(what) => format!(
                "Export a brief of the {} (HTML)",
                match what {
                    ExportWhat::View => "view",
                    ExportWhat::Selection => "selection",
                    ExportWhat::Path => "path",
                }
            ),
            FileAction::SaveReviews => "Save reviews as".into(),
            FileAction::SaveFilter => "Save filter".into(),
            FileAction::LoadFilter => "Load filter".into(),
            FileAction::SaveWorkspace => "Save workspace".into(),
            FileAction::OpenWorkspace => "Open workspace".into(),
            FileAction::SaveCopy => "Save a copy to edit (choose a folder)".into(),
            FileAction::PickDocument => "Choose a document (.txt or .md)".into(),
        }
    }
}

/// A dialog running on its own thread.
pub struct PendingDialog {
    pub action: FileAction,
    pub default_name: String,
    receiver: Receiver<Option<PathBuf>>,
}

/// The outcome of polling a dialog.
pub enum DialogPoll {
    Waiting,
    Chosen(PathBuf),
    /// Cancelled, or no dialog could be shown: offer a typed path.
    NoneChosen,
}

impl PendingDialog {
    /// Opens the dialog on a thread; `ctx` is woken when it answers.
    pub fn spawn(
        action: FileAction,
        default_name: String,
        folder: Option<PathBuf>,
        ctx: egui::Context,
    ) -> Self {
        let (sender, receiver) = channel();
        let name = default_name.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(action.title());
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                dialog = match action {
                    FileAction::Open => dialog.add_filter(
                        "tiegraph dataset",
                        &["toml", "json", "csv", "jsonl", "ndjson", "ftm"],
                    ),
                    FileAction::LoadFilter | FileAction::SaveFilter => {
                        dialog.add_filter("tiegraph filter", &["json"])
                    }
                    FileAction::OpenWorkspace | FileAction::SaveWorkspace => {
                        dialog.add_filter("tiegraph workspace", &["json"])
                    }
                    FileAction::Export(_, format) if format.is_folder() => dialog,
                    FileAction::Export(_, format) => {
                        let extension = format.extension().rsplit('.').next().unwrap_or("");
                        dialog.add_filter(format.name(), &[extension])
                    }
                    FileAction::ExportPng => dialog.add_filter("png", &["png"]),
                    FileAction::ExportReport(_) => dialog.add_filter("HTML brief", &["html"]),
                    FileAction::SaveReviews => dialog.add_filter("tiegraph reviews", &["toml"]),
                    FileAction::SaveCopy => dialog,
                    FileAction::PickDocument => dialog.add_filter("text", &["txt", "md"]),
                };
                let folder_wanted = matches!(action, FileAction::Export(_, f) if f.is_folder())
                    || action == FileAction::SaveCopy;
                let chosen = if folder_wanted {
                    dialog.pick_folder()
                } else if action.saves() {
                    dialog.set_file_name(name).save_file()
                } else {
                    dialog.pick_file()
                };
                let _ = sender.send(chosen);
                ctx.request_repaint();
            });
        if spawned.is_err() {
            // No thread: behave as if no dialog could be shown.
            let (sender, fallback) = channel();
            let _ = sender.send(None);
            return PendingDialog {
                action,
                default_name,
                receiver: fallback,
            };
        }
        PendingDialog {
            action,
            default_name,
            receiver,
        }
    }

    pub fn poll(&self) -> DialogPoll {
        match self.receiver.try_recv() {
            Ok(Some(path)) => DialogPoll::Chosen(path),
            Ok(None) | Err(TryRecvError::Disconnected) => DialogPoll::NoneChosen,
            Err(TryRecvError::Empty) => DialogPoll::Waiting,
        }
    }
}

/// The typed-path fallback, shown when no dialog answered with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedPath {
    pub action: FileAction,
    pub text: String,
    /// Why the field is shown.
    pub reason: String,
    /// The path that the user was asked about replacing, once they pressed
    /// Save on an existing file; a different path asks again.
    pub confirming: Option<String>,
}
