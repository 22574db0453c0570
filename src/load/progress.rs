//! [`Progress`]: how far a load has got, shared between the thread that
//! loads and the window that shows a progress bar.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// The stage a load is at (in words) and, where it can be measured, the
/// bytes done out of a total. Updated by the loader, read by anyone.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<String>,
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Starts a stage of `total` bytes (0: not measured).
    pub fn stage(&self, stage: &str, total: u64) {
        if let Ok(mut current) = self.stage.lock() {
            *current = stage.to_string();
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// `bytes` more of the stage done.
    pub fn advance(&self, bytes: u64) {
        self.done.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The stage, and the fraction done if it is measured.
    ///
    /// ```
    /// let progress = tiegraph::load::Progress::default();
    /// progress.stage("Reading the tables", 200);
    /// progress.advance(50);
    /// assert_eq!(progress.snapshot(), ("Reading the tables".to_string(), Some(0.25)));
    /// ```
    pub fn snapshot(&self) -> (String, Option<f32>) {
        let stage = self.stage.lock().map(|s| s.clone()).unwrap_or_default();
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        let fraction = (total > 0).then(|| (done as f64 / total as f64).min(1.0) as f32);
        (stage, fraction)
    }
}

/// A reader that counts the bytes it passes into a [`Progress`].
pub(crate) struct Counted<R> {
    pub(crate) inner: R,
    pub(crate) progress: std::sync::Arc<Progress>,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.progress.advance(read as u64);
        Ok(read)
    }
}
