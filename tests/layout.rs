//! The multilevel layout as the GUI and `tiegraph layout` use it: every
//! visible entity placed, pins kept, deterministic, and stoppable.

use tiegraph::graph::TieGraph;
use tiegraph::layout::{self, LayoutJob, MultilevelParams, ViewGraph};
use tiegraph::query::{Filter, View};

fn curated() -> TieGraph {
    TieGraph::new(tiegraph::load::load_embedded().unwrap().dataset)
}

#[test]
fn every_visible_entity_is_placed_apart_and_the_same_way_each_run() {
    let graph = curated();
    let view = View::all(&graph);
    let params = MultilevelParams::default();
    let first = layout::lay_out_view(&graph, &view, &[], &params);
    assert_eq!(first.len(), view.node_count());
    assert!(
        first
            .iter()
            .all(|(_, [x, y])| x.is_finite() && y.is_finite())
    );
    // No two entities on the same spot (they would hide each other).
    let mut spots: Vec<(i64, i64)> = first
        .iter()
        .map(|(_, [x, y])| ((x * 10.0) as i64, (y * 10.0) as i64))
        .collect();
    spots.sort_unstable();
    spots.dedup();
    assert_eq!(spots.len(), first.len());
    assert_eq!(layout::lay_out_view(&graph, &view, &[], &params), first);
}

#[test]
fn a_filtered_view_lays_out_only_what_it_shows_and_keeps_pins() {
    let graph = curated();
    let filter = Filter {
        node_kinds: [tiegraph::model::NodeKind::PERSON].into(),
        ..Filter::default()
    };
    let view = filter.apply(&graph).unwrap();
    let shape = ViewGraph::of(&graph, &view);
    assert_eq!(shape.nodes.len(), view.node_count());
    assert!(shape.links.iter().all(|(a, b)| a < b));
    let shoigu = graph.find("Sergey Shoigu").unwrap();
    let pin = [1234.0, -567.0];
    let placed = layout::lay_out_view(
        &graph,
        &view,
        &[(shoigu, pin)],
        &MultilevelParams::default(),
    );
    assert_eq!(placed.len(), view.node_count());
    assert!(placed.iter().all(|(node, _)| view.contains_node(*node)));
    assert_eq!(
        placed.iter().find(|(node, _)| *node == shoigu).map(|p| p.1),
        Some(pin)
    );
}

#[test]
fn a_stopped_background_layout_still_places_every_entity() {
    // Large enough that the stop lands mid-run on any machine.
    let graph = TieGraph::new(tiegraph::synth::dataset(50_000, 150_000, 3));
    let view = View::all(&graph);
    let job = LayoutJob::start(&graph, &view, Vec::new());
    job.stop();
    assert!(job.is_stopping());
    let placed = job.finish().expect("the layout thread returns");
    assert_eq!(placed.len(), 50_000);
    assert!(
        placed
            .iter()
            .all(|(_, [x, y])| x.is_finite() && y.is_finite())
    );
}
