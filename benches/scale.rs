//! Load and layout speed at scale: the CSV import of 100k nodes / 500k
//! claims with the graph built, one interactive layout step at 10k
//! visible entities, and the whole multilevel layout at 10k and 100k.
//! (Filter and path queries are in `queries`, frames in `frame`.)
//!
//! Run: `cargo bench --bench scale`. Figures are in the README.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use tiegraph::graph::TieGraph;
use tiegraph::layout::{Layout, MultilevelParams, lay_out_view};
use tiegraph::query::View;

fn benches(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let csv = folder.path().join("g100k");
    tiegraph::synth::write_csv(&tiegraph::synth::dataset(100_000, 500_000, 42), &csv)
        .expect("the CSV folder is written");
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("CSV 100k nodes / 500k claims, graph built", |b| {
        b.iter(|| {
            let loaded = tiegraph::load::load_any(&csv).expect("loads");
            black_box(TieGraph::new(loaded.dataset))
        })
    });
    group.finish();

    let graph = TieGraph::new(tiegraph::synth::dataset(10_000, 50_000, 42));
    let view = View::all(&graph);
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    let mut layout = Layout::new(&graph, &view);
    group.bench_function("interactive step, 10k visible", |b| {
        b.iter(|| {
            layout.reheat();
            layout.step();
        })
    });
    group.bench_function("multilevel, 10k nodes / 50k claims", |b| {
        b.iter(|| {
            black_box(lay_out_view(
                &graph,
                &view,
                &[],
                &MultilevelParams::default(),
            ))
        })
    });
    let large = TieGraph::new(tiegraph::synth::dataset(100_000, 500_000, 42));
    let large_view = View::all(&large);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("multilevel, 100k nodes / 500k claims", |b| {
        b.iter(|| {
            black_box(lay_out_view(
                &large,
                &large_view,
                &[],
                &MultilevelParams::default(),
            ))
        })
    });
    group.finish();
}

criterion_group!(scale, benches);
criterion_main!(scale);
