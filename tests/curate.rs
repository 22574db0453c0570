//! Curating a dataset file: copies, edits that touch only what they edit,
//! quotes exact by construction, merges that keep every claim id, and
//! refusals that write nothing and lose nothing.

use std::path::Path;

use proptest::prelude::*;
use tiegraph::curate::{
    ClaimFields, CurateError, DatasetFile, Edit, NewClaim, NewEntity, NewEvidence, copy, mentions,
};
use tiegraph::load;
use tiegraph::model::{Attributes, NodeKind, Relation};

use crate::support::{data, stderr, stdout, tiegraph};

/// The embedded dataset copied into a fresh folder, opened for editing.
pub fn editable_copy() -> (tempfile::TempDir, DatasetFile) {
    let folder = tempfile::tempdir().unwrap();
    let path = copy::embedded(folder.path()).unwrap();
    let file = DatasetFile::open(&path).unwrap();
    (folder, file)
}

/// The lines of `after` that are not in `before`, when `after` is `before`
/// with lines inserted; `None` when a line of `before` was changed or lost.
fn inserted_lines(before: &str, after: &str) -> Option<Vec<String>> {
    let old: Vec<&str> = before.lines().collect();
    let mut at = 0;
    let mut inserted = Vec::new();
    for line in after.lines() {
        if at < old.len() && old[at] == line {
            at += 1;
        } else {
            inserted.push(line.to_string());
        }
    }
    (at == old.len()).then_some(inserted)
}

fn text_of(file: &DatasetFile, document: &str) -> String {
    file.loaded()
        .dataset
        .documents
        .iter()
        .find(|d| d.id == document)
        .unwrap()
        .text
        .clone()
}

fn byte_range(text: &str, passage: &str) -> std::ops::Range<usize> {
    let start = text.find(passage).expect("the passage is in the text");
    start..start + passage.len()
}

fn new_claim(from: &str, relation: Relation, to: &str, evidence: NewEvidence) -> NewClaim {
    NewClaim {
        id: None,
        from: from.into(),
        relation,
        to: to.into(),
        date: None,
        attributes: Attributes::new(),
        note: None,
        evidence,
    }
}

#[test]
fn the_copy_of_the_embedded_dataset_is_byte_for_byte_and_loads_the_same() {
    let (folder, file) = editable_copy();
    assert_eq!(file.text(), load::EMBEDDED_TOML);
    let embedded = load::load_embedded().unwrap();
    assert_eq!(file.loaded().dataset.claims, embedded.dataset.claims);
    // A second copy into the same folder is refused, and changes nothing.
    let again = copy::embedded(folder.path()).unwrap_err();
    assert!(matches!(again, CurateError::Exists(_)), "{again}");
    assert_eq!(
        std::fs::read_to_string(file.path()).unwrap(),
        load::EMBEDDED_TOML
    );
}

#[test]
fn a_selection_becomes_a_claim_with_a_new_entity_its_quote_exact_and_only_lines_added() {
    let (_folder, mut file) = editable_copy();
    let before = file.text().to_string();
    let text = text_of(&file, "secret-delegation");
    let passage = "Rear Admiral Vladimir Ivanovich Zemskov";
    // The selection takes the blanks around the passage too.
    let range = byte_range(&text, passage);
    let selection = range.start - 1..range.end;
    let evidence = NewEvidence::from_selection("secret-delegation", &text, selection).unwrap();
    let mut entity = NewEntity::named(NodeKind::DELEGATION, "Curator's test delegation");
    entity.id = Some("curators-test-delegation".into());
    let applied = file
        .apply(&Edit::AddClaim {
            claim: new_claim(
                "vladimir-zemskov",
                Relation::MEMBER_OF,
                "curators-test-delegation",
                evidence,
            ),
            new_entities: vec![entity],
        })
        .unwrap();
    assert_eq!(
        applied.created,
        [
            "curators-test-delegation",
            "vladimir-zemskov--member_of--curators-test-delegation"
        ]
    );
    let inserted = inserted_lines(&before, file.text()).expect("only lines added");
    assert!(inserted.len() <= 16, "an entity and a claim: {inserted:#?}");
    assert!(inserted.contains(&"label = \"Curator's test delegation\"".to_string()));
    assert!(
        file.text().ends_with("]\n"),
        "the file still ends with a line break"
    );
    // Reloaded from disk: the same claim, its quote that text at those bytes.
    let reloaded = DatasetFile::open(file.path()).unwrap();
    let claim = reloaded
        .loaded()
        .dataset
        .claims
        .iter()
        .find(|c| c.id == "vladimir-zemskov--member_of--curators-test-delegation")
        .unwrap();
    assert_eq!(claim.evidence[0].quote, passage);
    assert_eq!(claim.evidence[0].start..claim.evidence[0].end, range);
    // Undo writes the earlier text back, byte for byte.
    file.write(applied.before).unwrap();
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), before);
}

#[test]
fn editing_a_label_changes_that_line_and_nothing_else() {
    let (_folder, mut file) = editable_copy();
    let before = file.text().to_string();
    let node = file
        .loaded()
        .dataset
        .nodes
        .iter()
        .find(|n| n.id == "vladimir-zemskov")
        .unwrap()
        .clone();
    file.apply(&Edit::UpdateEntity(tiegraph::model::Node {
        label: "Vladimir I. Zemskov".into(),
        ..node.clone()
    }))
    .unwrap();
    let old_line = format!("label = {:?}", node.label);
    assert!(before.contains(&old_line));
    assert_eq!(
        file.text(),
        before.replacen(&old_line, "label = \"Vladimir I. Zemskov\"", 1)
    );
}

#[test]
fn a_merge_repoints_every_claim_and_keeps_every_claim_id() {
    let (_folder, mut file) = editable_copy();
    let dataset = file.loaded().dataset.clone();
    let other = "vladimir-zemskov";
    let keep = "vladimir-kasatonov";
    let ids_before: Vec<String> = dataset.claims.iter().map(|c| c.id.clone()).collect();
    let moved: Vec<String> = dataset
        .claims
        .iter()
        .filter(|c| c.from == other || c.to == other)
        .map(|c| c.id.clone())
        .collect();
    assert!(!moved.is_empty());
    file.apply(&Edit::MergeEntities {
        keep: keep.into(),
        other: other.into(),
    })
    .unwrap();
    let merged = &file.loaded().dataset;
    assert!(merged.nodes.iter().all(|n| n.id != other));
    let kept = merged.nodes.iter().find(|n| n.id == keep).unwrap();
    let gone = dataset.nodes.iter().find(|n| n.id == other).unwrap();
    assert!(kept.aliases.contains(&gone.label), "{:?}", kept.aliases);
    // Reviews follow claim ids: every id is still there.
    let ids_after: Vec<String> = merged.claims.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids_after, ids_before);
    for id in moved {
        let claim = merged.claims.iter().find(|c| c.id == id).unwrap();
        assert!(claim.from == keep || claim.to == keep, "{id}");
    }
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let (_folder, mut file) = editable_copy();
    let before = file.text().to_string();
    let claims = file.loaded().dataset.claims.len();
    let into_itself = file
        .apply(&Edit::MergeEntities {
            keep: "myanmar".into(),
            other: "myanmar".into(),
        })
        .unwrap_err();
    assert!(
        into_itself
            .to_string()
            .contains("cannot merge `myanmar` into itself")
    );

    let taken = file
        .apply(&Edit::AddEntity(NewEntity::named(
            NodeKind::PERSON,
            "min aung hlaing",
        )))
        .unwrap_err();
    let message = taken.to_string();
    assert!(
        message.contains("already used by `min-aung-hlaing`"),
        "{message}"
    );

    let text = text_of(&file, "secret-delegation");
    let blank = text.find("  ").map_or(0..0, |at| at..at + 1);
    let empty = NewEvidence::from_selection("secret-delegation", &text, blank).unwrap_err();
    assert!(matches!(empty, CurateError::EmptySelection));

    let typo = file
        .apply(&Edit::AddClaim {
            claim: new_claim(
                "vladimir-zemskov",
                Relation::MET,
                "myanmar",
                NewEvidence {
                    document: "secret-delegation".into(),
                    quote: "Rear Admiral Vladimir Ivanovitch Zemskov".into(),
                    start: None,
                    according_to: None,
                    relayed_from: None,
                },
            ),
            new_entities: Vec::new(),
        })
        .unwrap_err();
    let message = typo.to_string();
    assert!(
        message.contains("the closest passage is: \"Rear Admiral Vladimir Ivanovich Zemskov"),
        "{message}"
    );

    let only = file
        .loaded()
        .dataset
        .claims
        .iter()
        .find(|c| c.evidence.len() == 1)
        .unwrap()
        .id
        .clone();
    let last = file
        .apply(&Edit::DeleteEvidence {
            claim: only,
            index: 0,
        })
        .unwrap_err();
    assert!(last.to_string().contains("delete the claim instead"));

    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), before);
    assert_eq!(file.loaded().dataset.claims.len(), claims);
}

#[test]
fn a_homonym_is_added_when_asked_for_with_the_shared_name_warned() {
    let (_folder, mut file) = editable_copy();
    let mut namesake = NewEntity::named(NodeKind::PERSON, "Min Aung Hlaing");
    namesake.homonym = true;
    let applied = file.apply(&Edit::AddEntity(namesake)).unwrap();
    assert_eq!(applied.created, ["min-aung-hlaing-2"]);
    assert!(
        applied.warnings.iter().any(|w| w.contains("shared by")),
        "{:?}",
        applied.warnings
    );
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten() {
    let (_folder, mut file) = editable_copy();
    let theirs = format!("{}\n# someone else's edit\n", file.text());
    std::fs::write(file.path(), &theirs).unwrap();
    let error = file
        .apply(&Edit::DeleteClaim {
            id: file.loaded().dataset.claims[0].id.clone(),
        })
        .unwrap_err();
    assert!(
        matches!(error, CurateError::ChangedOnDisk { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("reload it"));
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), theirs);
    // After a reload, the edit goes through and keeps their line.
    file.reload().unwrap();
    file.apply(&Edit::DeleteClaim {
        id: file.loaded().dataset.claims[0].id.clone(),
    })
    .unwrap();
    assert!(file.text().ends_with("# someone else's edit\n"));
}

#[test]
fn a_folder_that_cannot_be_written_refuses_the_edit_and_keeps_the_dataset() {
    let (_folder, mut file) = editable_copy();
    let before = file.text().to_string();
    // The lock file cannot be made (a folder stands where it goes): as a
    // read-only folder, and root alike.
    let lock = tiegraph::fs::lock::lock_path(file.path());
    std::fs::create_dir(&lock).unwrap();
    let error = file
        .apply(&Edit::DeleteClaim {
            id: file.loaded().dataset.claims[0].id.clone(),
        })
        .unwrap_err();
    assert!(matches!(error, CurateError::Fs(_)), "{error}");
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), before);
    assert_eq!(
        file.loaded().dataset.claims.len(),
        load::load_embedded().unwrap().dataset.claims.len()
    );
}

#[test]
fn a_copy_into_a_folder_that_cannot_be_made_says_so_and_writes_nothing() {
    // /proc takes no new folders, not even from root: a full or read-only
    // disk, as far as the copy can tell.
    let error = copy::embedded(Path::new("/proc/tiegraph-copy")).unwrap_err();
    let message = tiegraph::text::with_causes(&error);
    assert!(message.contains("/proc/tiegraph-copy"), "{message}");
    assert!(!Path::new("/proc/tiegraph-copy").exists());
}

#[test]
fn csv_and_json_datasets_are_saved_as_toml_before_editing() {
    let csv = data("sanctions-csv");
    let error = DatasetFile::open(&csv).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("save it as a TOML dataset first"),
        "{error}"
    );
    let loaded = load::load_any(&csv).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = copy::dataset(&loaded.dataset, folder.path(), "sanctions.toml").unwrap();
    let file = DatasetFile::open(&path).unwrap();
    assert_eq!(file.loaded().dataset.claims, loaded.dataset.claims);
    assert_eq!(file.loaded().dataset.nodes, loaded.dataset.nodes);
}

#[test]
fn conflicts_are_marked_and_deleted_with_their_claims_kept() {
    let (_folder, mut file) = editable_copy();
    let free: Vec<String> = file
        .loaded()
        .dataset
        .claims
        .iter()
        .filter(|c| c.conflict.is_none())
        .take(2)
        .map(|c| c.id.clone())
        .collect();
    let applied = file
        .apply(&Edit::MarkConflict {
            claims: free.clone(),
            description: "Test: the two texts disagree on the date.".into(),
        })
        .unwrap();
    let conflict = applied.created[0].clone();
    assert_eq!(conflict, "test-the-two-texts-disagree-on-the-date");
    let marked = |file: &DatasetFile| {
        file.loaded()
            .dataset
            .claims
            .iter()
            .filter(|c| c.conflict.as_deref() == Some(conflict.as_str()))
            .count()
    };
    assert_eq!(marked(&file), 2);
    let again = file
        .apply(&Edit::MarkConflict {
            claims: free.clone(),
            description: "again".into(),
        })
        .unwrap_err();
    assert!(again.to_string().contains("already part of conflict"));
    file.apply(&Edit::DeleteConflict {
        id: conflict.clone(),
    })
    .unwrap();
    assert_eq!(marked(&file), 0);
    assert!(
        free.iter()
            .all(|id| file.loaded().dataset.claims.iter().any(|c| &c.id == id))
    );
}

#[test]
fn a_relation_unusual_for_the_kinds_is_warned_not_refused() {
    let (_folder, mut file) = editable_copy();
    let claim = file
        .loaded()
        .dataset
        .claims
        .iter()
        .find(|c| c.from == "min-aung-hlaing" && c.evidence.len() == 1)
        .unwrap()
        .clone();
    let applied = file
        .apply(&Edit::UpdateClaim {
            id: claim.id.clone(),
            fields: ClaimFields {
                relation: Relation::DOCKED_AT,
                date: claim.date.clone(),
                attributes: claim.attributes.clone(),
                note: claim.note.clone(),
            },
        })
        .unwrap();
    assert!(
        applied
            .warnings
            .iter()
            .any(|w| w.contains("no other `docked_at` claim goes from a person")),
        "{:?}",
        applied.warnings
    );
    // Its id (a default one, now written out) is kept for its reviews.
    assert!(
        file.loaded()
            .dataset
            .claims
            .iter()
            .any(|c| c.id == claim.id)
    );
}

#[test]
fn unlinked_mentions_are_names_no_quote_covers() {
    let (_folder, file) = editable_copy();
    let dataset = &file.loaded().dataset;
    let all = mentions::of_dataset(dataset);
    assert_eq!(all.len(), dataset.documents.len());
    let mut total = 0;
    for report in &all {
        let text = &dataset
            .documents
            .iter()
            .find(|d| d.id == report.document)
            .unwrap()
            .text;
        for mention in &report.mentions {
            assert_eq!(
                tiegraph::text::fold(&text[mention.range.clone()]),
                tiegraph::text::fold(&mention.name)
            );
            let quoted = dataset.claims.iter().flat_map(|c| &c.evidence).any(|e| {
                e.document == report.document
                    && e.start < mention.range.end
                    && mention.range.start < e.end
            });
            assert!(!quoted, "{mention:?} is inside a quote");
        }
        total += report.mentions.len();
        assert!(report.covered <= report.sentences && report.covered > 0);
    }
    assert!(total > 0);
}

#[test]
fn mentions_and_coverage_of_a_small_text() {
    let dataset = tiegraph::load::load_str(
        "small.toml",
        r#"
[dataset]
name = "small"
[[documents]]
id = "d"
title = "D"
publisher = "unknown"
path = "d.txt"
[[nodes]]
id = "a"
kind = "person"
label = "Anna Example"
[[nodes]]
id = "b"
kind = "person"
label = "Bo"
aliases = ["Bo Example"]
[[claims]]
from = "a"
relation = "met"
to = "b"
evidence = [{ doc = "d", quote = "Anna Example met Bo." }]
"#,
        &tiegraph::load::MemoryStore {
            documents: vec![(
                "d.txt".into(),
                "Anna Example met Bo. Later, Bo Example left; Bobby stayed.".into(),
            )],
        },
    )
    .unwrap()
    .dataset;
    let report = mentions::of_document(&dataset, &dataset.documents[0]);
    let found: Vec<(&str, &str)> = report
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.name.as_str()))
        .collect();
    // The longer name wins; "Bobby" is not "Bo"; the quoted sentence is covered.
    assert_eq!(found, [("b", "Bo Example")]);
    assert_eq!(report.mentions[0].range, 28..38);
    assert_eq!((report.covered, report.sentences), (1, 2));
}

fn documents_of(file: &DatasetFile) -> Vec<(String, String)> {
    file.loaded()
        .dataset
        .documents
        .iter()
        .map(|d| (d.id.clone(), d.text.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Any selection in any document becomes evidence whose quote is
    /// exactly that text at those bytes, and reloads as the same claim.
    #[test]
    fn any_selection_becomes_exact_evidence(
        document in 0usize..5,
        at in 0.0f64..1.0,
        length in 1usize..400,
    ) {
        let (_folder, mut file) = editable_copy();
        let (id, text) = documents_of(&file)[document].clone();
        let mut start = ((text.len() as f64) * at) as usize;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + length).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let evidence = match NewEvidence::from_selection(&id, &text, start..end) {
            Ok(evidence) => evidence,
            Err(CurateError::EmptySelection) => {
                prop_assert!(text[start..end].trim().is_empty());
                return Ok(());
            }
            Err(other) => panic!("{other}"),
        };
        let quote = evidence.quote.clone();
        let pinned = evidence.start.unwrap();
        prop_assert_eq!(&text[pinned..pinned + quote.len()], quote.as_str());
        let applied = file
            .apply(&Edit::AddClaim {
                claim: new_claim("myanmar", Relation::MET, "russia", evidence),
                new_entities: Vec::new(),
            })
            .unwrap();
        let claim_id = applied.created[0].clone();
        let reloaded = DatasetFile::open(file.path()).unwrap();
        let claim = reloaded
            .loaded()
            .dataset
            .claims
            .iter()
            .find(|c| c.id == claim_id)
            .unwrap()
            .clone();
        prop_assert_eq!(&claim.evidence[0].quote, &quote);
        prop_assert_eq!(claim.evidence[0].start, pinned);
        prop_assert_eq!(claim.evidence[0].end, pinned + quote.len());
    }
}

#[test]
fn deleting_a_claim_of_a_two_claim_conflict_takes_the_conflict_with_it() {
    let (_folder, mut file) = editable_copy();
    let dataset = file.loaded().dataset.clone();
    let (conflict, first) = dataset
        .conflicts
        .iter()
        .find_map(|conflict| {
            let members: Vec<&str> = dataset
                .claims
                .iter()
                .filter(|c| c.conflict.as_deref() == Some(conflict.id.as_str()))
                .map(|c| c.id.as_str())
                .collect();
            (members.len() == 2).then(|| (conflict.id.clone(), members[0].to_string()))
        })
        .expect("a conflict of two claims");
    let applied = file.apply(&Edit::DeleteClaim { id: first }).unwrap();
    assert!(
        applied
            .warnings
            .iter()
            .any(|w| w.contains(&format!("conflict `{conflict}` is gone too"))),
        "{:?}",
        applied.warnings
    );
    assert!(
        file.loaded()
            .dataset
            .conflicts
            .iter()
            .all(|c| c.id != conflict)
    );
}

#[test]
fn the_command_line_copies_adds_merges_and_lists_mentions() {
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("copy");
    let out = tiegraph(&["copy", "--to", to.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dataset = to.join("myanmar-russia.toml");
    let dataset = dataset.to_str().unwrap();
    // The embedded dataset itself cannot be edited: the message says how.
    let refused = tiegraph(&[
        "add",
        "entity",
        "X",
        "--kind",
        "person",
        "--dataset",
        "/nonexistent/x.csv",
    ]);
    assert!(
        stderr(&refused).contains("save it as a TOML dataset first"),
        "{}",
        stderr(&refused)
    );

    let note = folder.path().join("briefing.txt");
    std::fs::write(
        &note,
        "Briefing\nA test envoy met Min Aung Hlaing in Naypyitaw. Myanmar said little.\n",
    )
    .unwrap();
    let out = tiegraph(&[
        "add",
        "document",
        note.to_str().unwrap(),
        "--title",
        "Test briefing",
        "--published",
        "2022-03",
        "--dataset",
        dataset,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "test-briefing");
    assert_eq!(
        std::fs::read_to_string(to.join("sources/briefing.txt")).unwrap(),
        std::fs::read_to_string(&note).unwrap(),
        "copied unchanged"
    );
    let out = tiegraph(&[
        "add",
        "entity",
        "Test Envoy",
        "--kind",
        "person",
        "--alias",
        "test envoy",
        "--dataset",
        dataset,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "test-envoy");

    // A quote that is not in the document: refused, the closest passage shown.
    let out = tiegraph(&[
        "add",
        "claim",
        "test envoy",
        "met",
        "Min Aung Hlaing",
        "--doc",
        "test-briefing",
        "--quote",
        "A test envoy meets Min Aung Hlaing",
        "--dataset",
        dataset,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the closest passage is: \"A test envoy met Min Aung Hlaing"),
        "{}",
        stderr(&out)
    );
    let out = tiegraph(&[
        "add",
        "claim",
        "test envoy",
        "met",
        "Min Aung Hlaing",
        "--doc",
        "test-briefing",
        "--quote",
        "A test envoy met Min Aung Hlaing in Naypyitaw",
        "--date",
        "2022-03",
        "--inferred",
        "--dataset",
        dataset,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "test-envoy--met--min-aung-hlaing");

    // Mentions: "Myanmar" in the second sentence has no claim yet.
    let out = tiegraph(&["mentions", dataset, "--doc", "test-briefing"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(
        listed.starts_with(
            "test-briefing: 1 of 3 sentences carry a quote (33%); 1 mention without a claim"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("sources/briefing.txt:2:48 (bytes 56..63)  \"Myanmar\" → myanmar"),
        "{listed}"
    );

    // Merge into itself is refused; a real merge keeps the claim's id.
    let out = tiegraph(&[
        "merge",
        "test envoy",
        "--into",
        "test-envoy",
        "--dataset",
        dataset,
    ]);
    assert!(stderr(&out).contains("into itself"), "{}", stderr(&out));
    let out = tiegraph(&[
        "merge",
        "test envoy",
        "--into",
        "Soe Win",
        "--dataset",
        dataset,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let show = tiegraph(&["show", "Test Envoy", dataset]);
    assert!(stdout(&show).contains("Soe Win"), "{}", stdout(&show));
    let check = tiegraph(&["check", dataset]);
    assert!(check.status.success(), "{}", stderr(&check));
    let text = std::fs::read_to_string(dataset).unwrap();
    assert!(
        text.contains("id = \"test-envoy--met--min-aung-hlaing\"\nfrom = \"soe-win\""),
        "{text}"
    );
}

#[test]
fn a_merge_of_two_entities_a_claim_links_warns_of_the_claim_to_itself() {
    let (_folder, mut file) = editable_copy();
    let linking = file
        .loaded()
        .dataset
        .claims
        .iter()
        .find(|c| c.from == "vladimir-zemskov" && c.to == "russian-naval-delegation-2021-06")
        .expect("Zemskov was a member of the June delegation")
        .id
        .clone();
    let applied = file
        .apply(&Edit::MergeEntities {
            keep: "russian-naval-delegation-2021-06".into(),
            other: "vladimir-zemskov".into(),
        })
        .unwrap();
    assert!(
        applied
            .warnings
            .iter()
            .any(|w| w.contains(&format!("claim `{linking}` linked the two"))),
        "{:?}",
        applied.warnings
    );
}

/// A dataset of one document holding `text`, in a fresh folder, open for
/// editing.
fn small_dataset(text: &str) -> (tempfile::TempDir, DatasetFile) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("sources")).unwrap();
    std::fs::write(folder.path().join("sources/a.txt"), text).unwrap();
    let toml = r#"[dataset]
name = "Small"

[[documents]]
id = "a"
title = "A"
publisher = "unknown"
path = "sources/a.txt"

[[nodes]]
id = "crowd"
kind = "organization"
label = "The crowd"

[[nodes]]
id = "speaker"
kind = "person"
label = "The speaker"
"#;
    let path = folder.path().join("small.toml");
    std::fs::write(&path, toml).unwrap();
    let file = DatasetFile::open(&path).unwrap();
    (folder, file)
}

fn pinned(quote: &str, start: usize) -> NewEvidence {
    NewEvidence {
        document: "a".into(),
        quote: quote.into(),
        start: Some(start),
        according_to: None,
        relayed_from: None,
    }
}

#[test]
fn pinned_quotes_are_found_as_the_loader_finds_them() {
    let text = "The crowd laughed: ha ha ha — “the speaker” went on.";
    let (_folder, mut file) = small_dataset(text);
    let claim = |evidence| Edit::AddClaim {
        claim: new_claim("speaker", Relation::MET, "crowd", evidence),
        new_entities: Vec::new(),
    };
    // The second of two overlapping copies of a passage.
    let second = text.find("ha ha ha").unwrap() + 3;
    file.apply(&claim(pinned("ha ha", second))).unwrap();
    let evidence = &file.loaded().dataset.claims[0].evidence[0];
    assert_eq!(evidence.start, second);
    // Straight marks for typographic ones, as the loader forgives them.
    let dash = text.find('—').unwrap();
    file.apply(&Edit::AddEvidence {
        claim: file.loaded().dataset.claims[0].id.clone(),
        evidence: pinned("ha - \"the speaker\"", dash - 3),
    })
    .unwrap();
    // A wrong or absurd offset is refused, saying where the quote is.
    let error = file.apply(&claim(pinned("went on", 3))).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the quote is not at byte 3 of document `a` (it is at byte {})",
            text.find("went on").unwrap()
        )
    );
    let absurd = file.apply(&claim(pinned("x", usize::MAX))).unwrap_err();
    assert!(matches!(absurd, CurateError::QuoteNotAt { .. }), "{absurd}");
    let bad_id = file
        .apply(&Edit::AddEntity(NewEntity {
            id: Some("the_speaker".into()),
            ..NewEntity::named(NodeKind::PERSON, "Another speaker")
        }))
        .unwrap_err();
    assert!(matches!(bad_id, CurateError::InvalidId(_)), "{bad_id}");
}

#[test]
fn a_file_with_windows_line_ends_and_a_byte_order_mark_keeps_them() {
    let (_folder, file) = editable_copy();
    let path = file.path().to_path_buf();
    let windows = format!("\u{feff}{}", load::EMBEDDED_TOML.replace('\n', "\r\n"));
    std::fs::write(&path, &windows).unwrap();
    let mut file = DatasetFile::open(&path).unwrap();
    file.apply(&Edit::AddEntity(NewEntity::named(
        NodeKind::PERSON,
        "Test person",
    )))
    .unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(
        after.matches("\r\n").count(),
        after.matches('\n').count(),
        "every line ends in CRLF"
    );
    let inserted = inserted_lines(&windows, &after).expect("only lines added");
    assert_eq!(inserted.len(), 5, "{inserted:?}");
}

#[test]
fn a_merge_keeps_what_only_the_merged_entity_knew_and_says_what_differed() {
    let (_folder, mut file) = editable_copy();
    let dataset = file.loaded().dataset.clone();
    let node = |id: &str| dataset.nodes.iter().find(|n| n.id == id).unwrap().clone();
    let (keep, other) = (node("vladimir-kasatonov"), node("vladimir-zemskov"));
    assert!(!other.attributes.is_empty() && other.note.is_some());
    let applied = file
        .apply(&Edit::MergeEntities {
            keep: keep.id.clone(),
            other: other.id.clone(),
        })
        .unwrap();
    let merged = file
        .loaded()
        .dataset
        .nodes
        .iter()
        .find(|n| n.id == keep.id)
        .unwrap()
        .clone();
    for (key, text) in &other.attributes {
        let kept = merged
            .attributes
            .get(key)
            .expect("every attribute key kept");
        if keep.attributes.get(key).is_some_and(|mine| mine != text) {
            assert!(
                applied
                    .warnings
                    .iter()
                    .any(|w| w.contains(&format!("{key} = {text:?}"))),
                "{:?}",
                applied.warnings
            );
        } else {
            assert_eq!(kept, text);
        }
    }
    if let Some(note) = &other.note {
        assert!(merged.note.as_deref().unwrap_or("").contains(note.as_str()));
    }
}
