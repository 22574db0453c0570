//! CPU time of one GUI frame: building the UI and tessellating it with
//! egui's own tessellator, without a GPU. On the curated graph and on a
//! synthetic 10k-entity graph. Run: `cargo bench --bench frame`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;

use tiegraph::graph::TieGraph;
use tiegraph::ui::{DatasetOrigin, Preferences, TiegraphApp};

fn frame(c: &mut Criterion, name: &str, graph: TieGraph) {
    let ctx = egui::Context::default();
    tiegraph::ui::install_fonts(&ctx);
    let mut app = TiegraphApp::new(graph, DatasetOrigin::Embedded, Preferences::default());
    app.settle_layout();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    // Warm up: fonts, galleys and the first fit.
    for _ in 0..3 {
        let output = ctx.run_ui(input(), |ui| app.show(ui));
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    }
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    group.bench_function(name, |b| {
        b.iter(|| {
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let curated = tiegraph::load::load_embedded()
        .expect("the embedded dataset loads")
        .dataset;
    frame(
        c,
        "curated graph (171 entities, 335 claims)",
        TieGraph::new(curated),
    );
    frame(
        c,
        "synthetic 10k entities, 30k claims",
        TieGraph::new(tiegraph::synth::dataset(10_000, 30_000, 42)),
    );
}

criterion_group!(frames, benches);
criterion_main!(frames);
