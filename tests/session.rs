//! The window's session, without a window: the domain state and the
//! methods that change it, as the panels use them.

use tiegraph::model::{NodeKind, ReviewStatus};
use tiegraph::query::{Filter, PathMode, ReviewRule};
use tiegraph::ui::{ExportFormat, ExportWhat, Selection, Session, SessionError};

fn session() -> Session {
    let mut session = Session::embedded().expect("the embedded dataset loads");
    let folder = tempfile::tempdir().unwrap();
    session.use_reviews_file(folder.path().join("reviews.toml"));
    session
}

#[test]
fn filter_edits_and_hiding_are_undone_and_redone_in_order() {
    let mut session = session();
    let all = session.view.node_count();
    session.set_filter(Filter {
        node_kinds: vec![NodeKind::PERSON],
        ..Filter::default()
    });
    let people = session.view.node_count();
    assert!(people < all);
    let someone = session.view.nodes().next().unwrap();
    session.hide(&[someone]);
    assert_eq!(session.view.node_count(), people - 1);
    session.undo().unwrap();
    assert_eq!(session.view.node_count(), people);
    session.undo().unwrap();
    assert_eq!(session.view.node_count(), all);
    session.redo().unwrap();
    session.redo().unwrap();
    assert_eq!(session.view.node_count(), people - 1);
}

#[test]
fn an_invalid_filter_keeps_the_view_and_says_why() {
    let mut session = session();
    let before = session.view.clone();
    session.set_filter(Filter {
        documents: vec!["no-such-document".into()],
        ..Filter::default()
    });
    assert_eq!(session.view, before);
    let error = session.filter_error.as_ref().expect("an error").to_string();
    assert!(error.contains("no-such-document"), "{error}");
}

#[test]
fn a_path_search_honours_the_reviews_of_the_session() {
    let mut session = session();
    session.run_path_query(
        "Alexander Basov",
        "Min Aung Hlaing",
        "",
        PathMode::AllShortest,
    );
    let first = session.paths.chosen_path().expect("a path").clone();
    for &claim in &first.hops[0] {
        session
            .review(claim, ReviewStatus::Rejected, None, None)
            .expect("saved");
    }
    session.paths.query.review = ReviewRule::ExcludeRejected;
    session.run_path_query(
        "Alexander Basov",
        "Min Aung Hlaing",
        "",
        PathMode::AllShortest,
    );
    let found = session.paths.results.as_ref().unwrap().as_ref().unwrap();
    assert!(found.paths.iter().all(|p| p.nodes != first.nodes));
    // An unknown name is an error, not a panic, and chooses nothing.
    session.run_path_query(
        "Nobody At All",
        "Min Aung Hlaing",
        "",
        PathMode::AllShortest,
    );
    assert!(matches!(session.paths.results, Some(Err(_))));
    assert!(session.paths.chosen.is_none());
}

#[test]
fn exports_say_what_is_missing_instead_of_writing_an_empty_file() {
    let session = session();
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("selection.dot");
    let error = session
        .export_to(
            &target,
            ExportWhat::Selection,
            ExportFormat::Dot,
            Selection::None,
        )
        .unwrap_err();
    assert!(matches!(error, SessionError::NothingSelected));
    let error = session
        .export_to(
            &target,
            ExportWhat::Path,
            ExportFormat::Dot,
            Selection::None,
        )
        .unwrap_err();
    assert!(matches!(error, SessionError::NoPathChosen));
    assert!(!target.exists());
    session
        .export_to(
            &target,
            ExportWhat::View,
            ExportFormat::Dot,
            Selection::None,
        )
        .unwrap();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("digraph")
    );
}

#[test]
fn a_corrupt_saved_filter_changes_nothing_and_is_located() {
    let mut session = session();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("filter.json");
    std::fs::write(&path, "{\n  \"version\": 1,\n  oops\n}\n").unwrap();
    let before = session.filter.clone();
    let error = session.load_filter_from(&path).unwrap_err();
    let message = tiegraph::text::with_causes(&error);
    assert!(message.contains("filter.json:3:"), "{message}");
    assert_eq!(session.filter, before);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\n  \"version\": 1,\n  oops\n}\n"
    );
    // A filter saved and loaded back is the same filter, as one undoable edit.
    let people = Filter {
        node_kinds: vec![NodeKind::PERSON],
        ..Filter::default()
    };
    session.set_filter(people.clone());
    session.save_filter_to(&path).unwrap();
    session.set_filter(Filter::default());
    assert_eq!(session.load_filter_from(&path).unwrap(), None);
    assert_eq!(session.filter, people);
    session.undo().unwrap();
    assert_eq!(session.filter, Filter::default());
}

#[test]
fn reviews_that_cannot_be_saved_are_kept_for_recovery() {
    let mut session = session();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("broken.reviews.toml");
    std::fs::write(&file, "not [toml").unwrap();
    session.use_reviews_file(file.clone());
    let claim = session.graph.graph().edge_indices().next().unwrap();
    let failure = session
        .review(claim, ReviewStatus::Confirmed, None, None)
        .unwrap_err();
    let kept = failure.kept_in.expect("kept in the recovery file");
    assert!(kept.exists());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not [toml");
    session.reviews.discard_recovery();
}

#[test]
fn the_session_module_does_not_use_egui() {
    let text = include_str!("../src/ui/session.rs");
    for krate in ["egui", "eframe", "rfd"] {
        assert!(
            !text.contains(&format!("{krate}::")),
            "src/ui/session.rs uses {krate}"
        );
    }
}
