//! CPU time of one GUI frame: building the UI and tessellating it with
//! egui's own tessellator, without a GPU. Measured as the CPU time of the
//! frame's thread (on Unix; wall time elsewhere), which leaves out time spent
//! waiting for a core, so figures taken while other builds load the machine
//! stay comparable.
//!
//! On the curated graph and on synthetic graphs of 10k and 100k entities,
//! each fitted to the window so that every entity is visible. The "pan"
//! variants scroll the camera every frame with the pointer over the canvas,
//! so that no cache kept between frames flatters the figures and hit-testing
//! under the pointer runs every frame. The "canvas only" variants hide the
//! side and bottom panels, to tell the canvas's share from theirs. Goals:
//! ≤ 16 ms at 10k visible entities, ≤ 33 ms at 100k and at a million
//! (`FRAME_MILLION=1`, which builds a 1M / 5M graph first: minutes).
//!
//! Run: `cargo bench --bench frame` (`cargo bench --bench frame -- 10k` for
//! one size: a graph is only built when one of its benchmarks runs).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;

use tiegraph::graph::TieGraph;
use tiegraph::ui::{DatasetOrigin, Preferences, TiegraphApp};

/// CPU time of the calling thread.
struct ThreadTime;

fn thread_time() -> Duration {
    #[cfg(unix)]
    {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `now` is a valid timespec for clock_gettime to write.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
        assert_eq!(status, 0, "the thread CPU clock is readable");
        Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
    }
    #[cfg(not(unix))]
    {
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }
}

impl Measurement for ThreadTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_time()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_time().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, shown as wall time is.
        WallTime.formatter()
    }
}

const SCREEN: egui::Vec2 = egui::vec2(1600.0, 1000.0);

/// A context and an app showing `graph`, settled and fitted.
struct Frames {
    ctx: egui::Context,
    app: TiegraphApp,
    frame: u64,
}

impl Frames {
    fn new(name: &str, graph: impl FnOnce() -> TieGraph, prefs: Preferences) -> Self {
        let start = Instant::now();
        let graph = graph();
        let built = start.elapsed();
        let ctx = egui::Context::default();
        tiegraph::ui::install_fonts(&ctx);
        let mut app = TiegraphApp::new(graph, DatasetOrigin::Embedded, prefs);
        app.settle_layout();
        let setup = start.elapsed() - built;
        let mut frames = Frames { ctx, app, frame: 0 };
        // Warm up: fonts, galleys, the first fit and the caches it fills
        // (their cost shows in the first frames' times).
        let first: Vec<String> = (0..3)
            .map(|_| {
                let start = thread_time();
                black_box(frames.run(Vec::new()));
                format!("{:.1}", (thread_time() - start).as_secs_f64() * 1e3)
            })
            .collect();
        eprintln!(
            "{name}: graph built in {:.1} s, app and layout in {:.1} s, first frames {} ms",
            built.as_secs_f32(),
            setup.as_secs_f32(),
            first.join(", ")
        );
        frames
    }

    /// One frame with `events`: build and tessellate.
    fn run(&mut self, events: Vec<egui::Event>) -> Vec<egui::ClippedPrimitive> {
        self.frame += 1;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
            time: Some(self.frame as f64 / 60.0),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        self.ctx.tessellate(output.shapes, output.pixels_per_point)
    }

    /// One frame that scrolls the canvas (back and forth, so the camera
    /// stays around the fitted view) with the pointer over it.
    fn pan(&mut self) -> Vec<egui::ClippedPrimitive> {
        let sign = if self.frame.is_multiple_of(2) {
            1.0
        } else {
            -1.0
        };
        // The middle of the canvas, between the side panels.
        let pointer = egui::pos2(SCREEN.x * 0.47, SCREEN.y * 0.4);
        self.run(vec![
            egui::Event::PointerMoved(pointer),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(40.0, 25.0) * sign,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            },
        ])
    }
}

fn frames(c: &mut Criterion<ThreadTime>, name: &str, graph: fn() -> TieGraph) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    let mut frames: Option<Frames> = None;
    group.bench_function(name, |b| {
        let frames = frames.get_or_insert_with(|| Frames::new(name, graph, Preferences::default()));
        b.iter(|| black_box(frames.run(Vec::new())))
    });
    group.bench_function(format!("{name}, pan"), |b| {
        let frames = frames.get_or_insert_with(|| Frames::new(name, graph, Preferences::default()));
        b.iter(|| black_box(frames.pan()))
    });
    drop(frames);
    let mut canvas_only: Option<Frames> = None;
    group.bench_function(format!("{name}, canvas only"), |b| {
        let frames = canvas_only.get_or_insert_with(|| {
            let prefs = Preferences {
                show_filters: false,
                show_inspector: false,
                show_bottom: false,
                ..Preferences::default()
            };
            Frames::new(name, graph, prefs)
        });
        b.iter(|| black_box(frames.run(Vec::new())))
    });
    group.finish();
}

fn benches(c: &mut Criterion<ThreadTime>) {
    frames(c, "curated graph (171 entities, 335 claims)", || {
        TieGraph::new(
            tiegraph::load::load_embedded()
                .expect("the embedded dataset loads")
                .dataset,
        )
    });
    frames(c, "synthetic 10k entities, 30k claims", || {
        TieGraph::new(tiegraph::synth::dataset(10_000, 30_000, 42))
    });
    frames(c, "synthetic 100k entities, 300k claims", || {
        TieGraph::new(tiegraph::synth::dataset(100_000, 300_000, 42))
    });
    // A leak-sized graph takes minutes to set up: only when asked.
    if std::env::var_os("FRAME_MILLION").is_some() {
        frames(c, "synthetic 1M entities, 5M claims", || {
            TieGraph::new(tiegraph::synth::dataset(1_000_000, 5_000_000, 42))
        });
    }
}

criterion_group! {
    name = frames_group;
    config = Criterion::default().with_measurement(ThreadTime);
    targets = benches
}
criterion_main!(frames_group);
