//! Opening a dataset on another thread: a leak-sized folder takes seconds
//! to read, check and lay out, and the window must not freeze meanwhile. The
//! graph on screen stays usable until the new one is ready; a window shows
//! the stage and a progress bar; a failure leaves the graph as it was.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use eframe::egui;

use super::app::TiegraphApp;
use super::session::Session;
use crate::load::{LoadError, Progress};

/// What the loading thread sends back.
type Opened = Result<(Session, usize), LoadError>;

/// A dataset being opened in the background.
pub(crate) struct Opening {
    pub(crate) path: PathBuf,
    progress: Arc<Progress>,
    result: Receiver<Opened>,
    started: Instant,
}

impl Opening {
    /// Starts opening `path` on a thread of its own. With `gate`, the thread
    /// waits for it first (tests hold it to see the progress window).
    pub(crate) fn start(path: &Path, gate: Option<Receiver<()>>, ctx: &egui::Context) -> Self {
        let progress = Arc::new(Progress::default());
        let (send, result) = std::sync::mpsc::channel();
        let (thread_path, thread_progress, ctx) =
            (path.to_path_buf(), progress.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("open dataset".into())
            .spawn(move || {
                if let Some(gate) = gate {
                    let _ = gate.recv();
                }
                let opened = Session::open_with(&thread_path, Some(thread_progress));
                let _ = send.send(opened);
                ctx.request_repaint();
            });
        let result = match spawned {
            Ok(_) => result,
            Err(error) => {
                // No thread to be had: say so as a load error would be said.
                let (send, failed) = std::sync::mpsc::channel();
                let _ = send.send(Err(failure(path, error)));
                failed
            }
        };
        Opening {
            path: path.to_path_buf(),
            progress,
            result,
            started: Instant::now(),
        }
    }

    /// The result, once the thread has finished.
    fn poll(&self) -> Option<Opened> {
        match self.result.try_recv() {
            Ok(opened) => Some(opened),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(stopped(&self.path))),
        }
    }

    /// Waits for the result (tests; the window polls instead).
    pub(crate) fn wait(self) -> Opened {
        self.result
            .recv()
            .unwrap_or_else(|_| Err(stopped(&self.path)))
    }
}

/// The error for an open that could not run to its end.
fn failure(path: &Path, error: std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.display().to_string(),
        source: crate::load::ReadError::Io(error),
    }
}

/// The error for a loading thread that stopped without an answer.
fn stopped(path: &Path) -> LoadError {
    failure(path, std::io::Error::other("the thread opening it stopped"))
}

impl TiegraphApp {
    /// Opens a dataset on another thread; the current graph stays until it
    /// is ready (see [`TiegraphApp::open_path`] for the same, at once).
    pub fn open_in_background(&mut self, path: &Path, ctx: &egui::Context) {
        self.dialogs.opening = Some(Opening::start(path, None, ctx));
    }

    /// [`TiegraphApp::open_in_background`] whose thread waits for `gate`.
    pub fn open_in_background_gated(
        &mut self,
        path: &Path,
        gate: Receiver<()>,
        ctx: &egui::Context,
    ) {
        self.dialogs.opening = Some(Opening::start(path, Some(gate), ctx));
    }

    /// Whether a dataset is being opened in the background.
    pub fn is_opening(&self) -> bool {
        self.dialogs.opening.is_some()
    }

    /// Blocks until the background open finishes and shows its result.
    pub fn finish_opening(&mut self) {
        if let Some(opening) = self.dialogs.opening.take() {
            let path = opening.path.clone();
            let opened = opening.wait();
            self.opened(&path, opened);
        }
    }

    /// Each frame: takes the result if it has come, else shows the progress.
    pub(crate) fn opening_ui(&mut self, ctx: &egui::Context) {
        let Some(opening) = &self.dialogs.opening else {
            return;
        };
        if let Some(opened) = opening.poll() {
            let path = opening.path.clone();
            self.dialogs.opening = None;
            self.opened(&path, opened);
            return;
        }
        let (stage, fraction) = opening.progress.snapshot();
        let seconds = opening.started.elapsed().as_secs();
        let name = opening.path.file_name().map_or_else(
            || opening.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        egui::Window::new("Opening")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(format!("Opening {name}"));
                ui.label(format!("{stage}… {seconds} s"));
                let bar = match fraction {
                    Some(fraction) => egui::ProgressBar::new(fraction).show_percentage(),
                    None => egui::ProgressBar::new(0.0).animate(true),
                };
                ui.add(bar.desired_width(360.0));
                ui.weak("The graph on screen stays until the new one is ready.");
            });
        // Redrawn while waiting, so the bar moves.
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}
