//! The desktop explorer (egui/eframe). The only module besides `main` that
//! imports egui, eframe or rfd; it draws what the library computes and never
//! reimplements a query or an export.
//!
//! [`TiegraphApp`] is public so that `tests/` can drive the real app with
//! egui_kittest, without a window or a GPU; its [`Session`] holds the
//! domain state without egui and is tested without a window at all.
//!
//! Files: `app` (the app's state and what it does), `session`, `frame`
//! (one frame), `menu`, `windows`, `files` (dialogs), `png`, `curate`
//! (the curation forms and edits of the dataset file),
//! `canvas/`, `panels` and `review` (the side and bottom panels),
//! `spatial` (hit-testing and aggregation), `state` (selection,
//! history, preferences).

mod app;
mod canvas;
mod curate;
mod files;
mod frame;
mod menu;
mod opening;
mod panels;
mod png;
mod session;
mod spatial;
mod state;
mod statistics;
mod windows;
mod workspace;

use std::path::PathBuf;

use eframe::egui;

pub use app::TiegraphApp;
pub use files::{ExportFormat, FileAction};
pub use panels::install_fonts;
pub use session::{
    DatasetOrigin, ExportWhat, LayoutOutcome, PathSearch, ReviewsNotSaved, Session, SessionError,
};
pub use state::{BottomTab, Preferences, Selection};

/// Interactive layout steps per frame: enough to settle in about a second,
/// few enough to keep the frame short. Views too large for a step per
/// frame are laid out by the multilevel layout in the background instead.
fn steps_per_frame(visible: usize) -> usize {
    match visible {
        0..=500 => 6,
        501..=session::BACKGROUND_LAYOUT_FROM => 2,
        _ => 0,
    }
}

const PREFERENCES_KEY: &str = "tiegraph.preferences";

impl eframe::App for TiegraphApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        // Start-up measurement (`TIEGRAPH_STARTUP_PROBE=1`): report when the
        // first frame has been built, and close once it has been shown.
        if let Some(start) = STARTUP_PROBE.get() {
            let ctx = ui.ctx().clone();
            match ctx.cumulative_frame_nr() {
                0 => eprintln!(
                    "startup: first frame built {:.0} ms after start",
                    start.elapsed().as_secs_f64() * 1000.0
                ),
                _ => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.prefs);
        self.keep_workspace();
        if self.session.reviews.is_dirty() {
            self.save_reviews();
        }
    }
}

/// Set when `TIEGRAPH_STARTUP_PROBE` asks for a start-up measurement: when
/// the window started to open.
static STARTUP_PROBE: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Opens the window on `path`, or the last or embedded dataset; with
/// `question`, a path query between two entities is answered on opening.
pub fn run(path: Option<PathBuf>, question: Option<(String, String)>) -> eframe::Result {
    if std::env::var_os("TIEGRAPH_STARTUP_PROBE").is_some() {
        let _ = STARTUP_PROBE.set(std::time::Instant::now());
    }
    let title = match &path {
        Some(path) => format!("tiegraph — {}", path.display()),
        None => "tiegraph".to_string(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("tiegraph")
            .with_inner_size([1400.0, 900.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "tiegraph",
        options,
        Box::new(move |cc| {
            panels::install_fonts(&cc.egui_ctx);
            let mut app = TiegraphApp::from_creation(cc, path);
            if let Some((from, to)) = &question {
                app.preload_path(from, to);
            }
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_survive_eframe_storage() {
        struct Memory(std::collections::HashMap<String, String>);
        impl eframe::Storage for Memory {
            fn get_string(&self, key: &str) -> Option<String> {
                self.0.get(key).cloned()
            }
            fn set_string(&mut self, key: &str, value: String) {
                self.0.insert(key.to_string(), value);
            }
            fn remove_string(&mut self, key: &str) {
                self.0.remove(key);
            }
            fn flush(&mut self) {}
        }
        let mut app = TiegraphApp::embedded().unwrap();
        app.prefs.show_bottom = false;
        app.prefs.last_dataset = Some(PathBuf::from("/data/leak.toml"));
        let mut storage = Memory(Default::default());
        eframe::App::save(&mut app, &mut storage);
        let back: Preferences = eframe::get_value(&storage, PREFERENCES_KEY).unwrap();
        assert_eq!(back, app.prefs);
        // Only preferences are stored, never the graph.
        let stored: String = storage.0.values().cloned().collect();
        assert!(!stored.contains("Rosoboronexport"));
    }
}
