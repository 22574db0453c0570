//! Curating in the window, driven through egui_kittest: save a copy, add a
//! document, turn a selected passage into a claim with a new entity, undo
//! and redo it, merge, delete, and see what no claim quotes yet.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tiegraph::ui::{DatasetOrigin, Selection, TiegraphApp};

use crate::gui::{app as embedded_app, harness};

/// The embedded dataset, saved as a copy to edit through File → Save a
/// copy to edit… and the typed-path window; the copy is open.
fn edited_copy(folder: &std::path::Path) -> Harness<'static, TiegraphApp> {
    let mut harness = harness(embedded_app());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save a copy to edit…").click();
    harness.run();
    harness.get_by_label("Path:").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Path:")
        .type_text(folder.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save copy here").click();
    harness.run();
    harness
}

fn type_into(harness: &mut Harness<'static, TiegraphApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn dataset_text(harness: &Harness<'static, TiegraphApp>) -> String {
    let DatasetOrigin::File(path) = harness.state().origin().clone() else {
        panic!("a dataset file is open");
    };
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn from_a_new_document_to_a_claim_with_a_new_entity_then_undo_and_redo() {
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("copy");
    let mut harness = edited_copy(&copy);
    let path = copy.join("myanmar-russia.toml");
    assert_eq!(harness.state().origin(), &DatasetOrigin::File(path.clone()));
    assert!(
        harness
            .query_by_label_contains("Saved a copy to edit")
            .is_some()
    );

    // Edit → Add document…: a file copied unchanged, a title, a date.
    let note = folder.path().join("field-note.txt");
    std::fs::write(
        &note,
        "Field note\nAn envoy of the test ministry met Min Aung Hlaing in Naypyitaw. Russia was not named.\n",
    )
    .unwrap();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Add document…").click();
    harness.run();
    type_into(&mut harness, "Text file", note.to_str().unwrap());
    type_into(&mut harness, "Title", "Field note on an envoy");
    type_into(&mut harness, "Published", "2022-05");
    harness.get_by_label("Add document").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(copy.join("sources/field-note.txt")).unwrap(),
        std::fs::read_to_string(&note).unwrap()
    );
    assert_eq!(
        harness
            .state()
            .source_viewer()
            .map(|(doc, _)| doc.to_string()),
        Some("field-note-on-an-envoy".to_string()),
        "the new document is open in the source viewer"
    );
    // Names no quote covers yet are marked and counted.
    let mentions = harness.state().source_mentions().unwrap().clone();
    let names: Vec<&str> = mentions.mentions.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Min Aung Hlaing", "Naypyitaw", "Russia"]);
    assert_eq!((mentions.covered, mentions.sentences), (0, 3));
    assert!(
        harness
            .query_by_label("Mentions without claims (3)")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Coverage: 0 of 3 sentences carry a quote (0%)")
            .is_some()
    );

    // An empty selection cannot become a claim.
    harness.state_mut().claim_from_selection(false);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("the selection holds no text")
            .is_some()
    );

    // Select the passage, then New claim from selection.
    let before = dataset_text(&harness);
    let text = std::fs::read_to_string(&note).unwrap();
    let passage = "An envoy of the test ministry met Min Aung Hlaing in Naypyitaw.";
    let start = text.find(passage).unwrap();
    harness
        .state_mut()
        .select_source_text(start..start + passage.len());
    harness.run();
    harness.get_by_label("New claim from selection").click();
    harness.run();
    type_into(&mut harness, "From", "Test envoy");
    harness.get_by_label("From: new entity…").click();
    harness.run();
    harness.get_by_label("From kind").click();
    harness.run();
    // The legend says "person" too; the open list is drawn last.
    harness.get_all_by_label("person").last().unwrap().click();
    harness.run();
    harness.get_by_label("Relation").click();
    harness.run();
    harness.get_all_by_label("met").last().unwrap().click();
    harness.run();
    type_into(&mut harness, "To", "min aung");
    harness
        .get_by_label_contains("Min Aung Hlaing (person, min-aung-hlaing)")
        .click();
    harness.run();
    harness.get_by_label("Write claim").click();
    harness.run();

    let app = harness.state();
    let edge = app
        .graph()
        .claim_index("test-envoy--met--min-aung-hlaing")
        .expect("the claim is in the graph");
    assert_eq!(app.selection(), Selection::Claim(edge));
    let claim = app.graph().claim(edge);
    assert_eq!(claim.evidence[0].quote, passage);
    assert_eq!(claim.evidence[0].start, start);
    assert_eq!(
        app.source_viewer(),
        Some(("field-note-on-an-envoy", Some(passage)))
    );
    assert!(
        harness
            .query_by_label(&format!("Highlighted quote: {passage}"))
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(egui::Role::Button, "Test envoy")
            .is_some(),
        "the new entity is on the canvas"
    );
    // The quote covers its sentence now: two mentions left.
    assert!(
        harness
            .query_by_label("Mentions without claims (1)")
            .is_some()
    );
    let after = dataset_text(&harness);
    assert_ne!(after, before);

    // Ctrl+Z in a text field undoes the typing there, not the claim.
    harness.get_by_label("Search").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(dataset_text(&harness), after);
    harness.key_press(egui::Key::Escape);
    harness.run();

    // Undo writes the file back; redo writes the claim again.
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label("Undo add claim test-envoy met min-aung-hlaing (Ctrl+Z)")
        .click();
    harness.run();
    assert_eq!(dataset_text(&harness), before);
    assert!(harness.state().graph().find("Test envoy").is_none());
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(dataset_text(&harness), after);
    assert!(harness.state().graph().find("Test envoy").is_some());
}

#[test]
fn merging_and_deleting_from_the_inspector() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = edited_copy(folder.path());
    let zemskov = harness.state().graph().find("Vladimir Zemskov").unwrap();
    let claims_before = harness.state().graph().dataset().claims.len();
    harness.state_mut().select_node(zemskov);
    harness.run();
    harness.get_by_label("Edit or merge entity…").click();
    harness.run();
    // Into itself: refused, said in the window, nothing written.
    type_into(&mut harness, "Merge into", "Vladimir Zemskov");
    harness.get_by_label("Merge").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("cannot merge `vladimir-zemskov` into itself")
            .next()
            .is_some()
    );
    harness.get_by_label("Merge into").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Merge into")
        .type_text("Vladimir Kasatonov");
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let app = harness.state();
    let kasatonov = app.graph().find("Vladimir Kasatonov").unwrap();
    assert_eq!(app.selection(), Selection::Node(kasatonov));
    assert_eq!(
        app.graph().find("Vladimir Zemskov"),
        Some(kasatonov),
        "the merged name is an alias now"
    );
    assert_eq!(app.graph().dataset().claims.len(), claims_before);

    // Delete one of its claims from the inspector.
    let edge = app.graph().claims_of(kasatonov)[0];
    let id = app.graph().claim(edge).id.clone();
    harness.state_mut().select_claim(edge);
    harness.run();
    harness.get_by_label("Delete claim").click();
    harness.run();
    assert!(harness.state().graph().claim_index(&id).is_none());
    assert_eq!(
        harness.state().graph().dataset().claims.len(),
        claims_before - 1
    );
    assert!(!dataset_text(&harness).contains(&format!("id = \"{id}\"")));
}

#[test]
fn a_dataset_changed_on_disk_is_not_overwritten_and_can_be_reloaded() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = edited_copy(folder.path());
    let path = folder.path().join("myanmar-russia.toml");
    let theirs = format!("{}# their edit\n", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &theirs).unwrap();
    let edge = harness
        .state()
        .graph()
        .claim_index("vladimir-zemskov--member_of--russian-naval-delegation-2021-06");
    let edge = edge.unwrap_or_else(|| {
        harness
            .state()
            .graph()
            .claims_of(harness.state().graph().find("Vladimir Zemskov").unwrap())[0]
    });
    harness.state_mut().select_claim(edge);
    harness.run();
    harness.get_by_label("Delete claim").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("changed on disk since it was read")
            .is_some()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    // The graph in the window is as it was; Reload reads their version.
    assert_eq!(harness.state().selection(), Selection::Claim(edge));
    harness.get_by_label("Reload").click();
    harness.run();
    harness.get_by_label("Delete claim").click();
    harness.run();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("# their edit\n")
    );
}

#[test]
fn the_embedded_dataset_offers_a_copy_instead_of_editing() {
    let mut harness = harness(embedded_app());
    let shoigu = harness.state().graph().find("Sergey Shoigu").unwrap();
    harness.state_mut().select_node(shoigu);
    harness.run();
    harness.get_by_label("Edit or merge entity…").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("the embedded dataset is read-only: save a copy to edit")
            .is_some()
    );
    assert!(harness.query_by_label_contains("Edit entity").is_none());
}
