//! Reviews: persistence and its safety, the queue order, review rules in
//! filters and paths, corroboration and source impact on the curated graph.

use std::fs;

use tiegraph::query::{Filter, PathMode, PathQuery, ReviewRule, find_paths, resolve};
use tiegraph::review::impact::{SourceSelector, impact};
use tiegraph::review::queue::{QueueOrder, next_unreviewed, ordered_claims, progress};
use tiegraph::review::{InjectedFailure, ReviewError, ReviewStatus, ReviewStore, Reviews};

use crate::support::{data, embedded_graph, load};

fn store(folder: &tempfile::TempDir) -> ReviewStore {
    ReviewStore::open(folder.path().join("d.reviews.toml"), "Test")
}

#[test]
fn set_then_reload_gives_the_same_state() {
    let folder = tempfile::tempdir().unwrap();
    let mut first = store(&folder);
    first.reviews.set(
        "alice--met--bob",
        ReviewStatus::Confirmed,
        Some("checked \"twice\"".into()),
        Some("Ana".into()),
    );
    first.reviews.set(
        "bob--signed--grain-deal",
        ReviewStatus::Disputed,
        None,
        None,
    );
    first
        .reviews
        .set_checked("alice--met--bob", "one", "Alice Smith met Bob Jones", true);
    first.save().unwrap();
    let again = store(&folder);
    assert!(again.unparsed.is_none());
    assert_eq!(again.reviews, first.reviews);
    assert_eq!(
        again.reviews.status("alice--met--bob"),
        ReviewStatus::Confirmed
    );
    assert!(
        again
            .reviews
            .is_checked("alice--met--bob", "one", "Alice Smith met Bob Jones")
    );
    // Sorted, one block per claim, diff-friendly.
    let text = fs::read_to_string(&again.path).unwrap();
    let alice = text.find("[claims.\"alice--met--bob\"]").unwrap();
    let bob = text.find("[claims.\"bob--signed--grain-deal\"]").unwrap();
    assert!(alice < bob);
}

#[test]
fn a_save_interrupted_after_the_temporary_write_leaves_the_old_file() {
    let folder = tempfile::tempdir().unwrap();
    let mut reviews = store(&folder);
    reviews
        .reviews
        .set("x", ReviewStatus::Confirmed, None, None);
    reviews.save().unwrap();
    let before = fs::read(&reviews.path).unwrap();
    reviews.reviews.set(
        "x",
        ReviewStatus::Rejected,
        Some("changed my mind".into()),
        None,
    );
    let error = reviews
        .save_with(InjectedFailure::AfterTempWrite)
        .unwrap_err();
    assert!(matches!(error, ReviewError::Write { .. }));
    assert_eq!(
        fs::read(&reviews.path).unwrap(),
        before,
        "the old file is intact"
    );
    // No half-written or temporary file is left beside it (only the lock
    // file that every save of it takes).
    let names: Vec<String> = fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".d.reviews.toml.lock")
        .collect();
    assert_eq!(names, vec!["d.reviews.toml".to_string()]);
    // The change is still in memory and the next save writes it.
    reviews.save().unwrap();
    assert_eq!(store(&folder).reviews.status("x"), ReviewStatus::Rejected);
}

#[test]
fn a_corrupt_reviews_file_is_refused_and_left_byte_for_byte_unchanged() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("d.reviews.toml");
    let corrupt = b"version = 1\n\n[claims.\"x\"]\nstatus = \"maybe\"\n";
    fs::write(&path, corrupt).unwrap();
    let mut reviews = ReviewStore::open(path.clone(), "Test");
    let error = reviews.unparsed.clone().expect("refused");
    let text = error.to_string();
    assert!(text.contains("d.reviews.toml:4:"), "located: {text}");
    // Work done meanwhile stays in memory; the file is not overwritten.
    reviews
        .reviews
        .set("y", ReviewStatus::Confirmed, None, None);
    assert!(matches!(
        reviews.save(),
        Err(ReviewError::RefusedUnparsed { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), corrupt);
    // …and can be saved elsewhere.
    let elsewhere = folder.path().join("recovered.reviews.toml");
    reviews.save_as(elsewhere.clone()).unwrap();
    assert_eq!(
        ReviewStore::open(elsewhere, "Test").reviews.status("y"),
        ReviewStatus::Confirmed
    );
    assert_eq!(fs::read(&path).unwrap(), corrupt);
    // Binary garbage is refused the same way.
    fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    assert!(ReviewStore::open(path, "Test").unparsed.is_some());
}

#[test]
fn orphaned_reviews_survive_a_dataset_edit() {
    let folder = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("sources")).unwrap();
    fs::copy(
        data("sources/one.txt"),
        folder.path().join("sources/one.txt"),
    )
    .unwrap();
    let dataset = folder.path().join("d.toml");
    let original = fs::read_to_string(data("minimal.toml")).unwrap();
    fs::write(&dataset, &original).unwrap();
    let graph =
        tiegraph::graph::TieGraph::new(tiegraph::load::load_path(&dataset).unwrap().dataset);
    let path = tiegraph::review::reviews_path(Some(&dataset), "unused");
    assert_eq!(path, folder.path().join("d.reviews.toml"));
    let mut reviews = ReviewStore::open(path.clone(), "Minimal");
    reviews.reviews.set(
        "bob--signed--grain-deal",
        ReviewStatus::Confirmed,
        Some("seen".into()),
        None,
    );
    reviews.save().unwrap();
    assert!(reviews.reviews.orphans(&graph).is_empty());

    // The curator renames the claim: its review is now an orphan, kept.
    fs::write(
        &dataset,
        original.replace("relation = \"signed\"", "relation = \"party_to\""),
    )
    .unwrap();
    let edited =
        tiegraph::graph::TieGraph::new(tiegraph::load::load_path(&dataset).unwrap().dataset);
    let mut reopened = ReviewStore::open(path.clone(), "Minimal");
    assert_eq!(
        reopened.reviews.orphans(&edited),
        vec!["bob--signed--grain-deal"]
    );
    reopened.reviews.set(
        "bob--party_to--grain-deal",
        ReviewStatus::Disputed,
        None,
        None,
    );
    reopened.save().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("bob--signed--grain-deal"),
        "the orphan is still saved"
    );
    assert!(text.contains("note = \"seen\""));
}

#[test]
fn concurrent_changes_are_merged_or_refused_never_lost() {
    let folder = tempfile::tempdir().unwrap();
    let mut first = store(&folder);
    let mut second = store(&folder);
    first
        .reviews
        .set("a", ReviewStatus::Confirmed, None, Some("first".into()));
    first.save().unwrap();
    // The second process never saw "a"; its save merges rather than drops it.
    second
        .reviews
        .set("b", ReviewStatus::Rejected, None, Some("second".into()));
    second.save().unwrap();
    let merged = store(&folder).reviews;
    assert_eq!(merged.status("a"), ReviewStatus::Confirmed);
    assert_eq!(merged.status("b"), ReviewStatus::Rejected);

    // Both change the same claim differently: the later save is refused.
    let mut first = store(&folder);
    let mut second = store(&folder);
    first
        .reviews
        .set("a", ReviewStatus::Disputed, Some("doubt".into()), None);
    first.save().unwrap();
    let on_disk = fs::read(&first.path).unwrap();
    second
        .reviews
        .set("a", ReviewStatus::Rejected, Some("wrong".into()), None);
    match second.save() {
        Err(ReviewError::Conflict { claims, .. }) => assert_eq!(claims, vec!["a".to_string()]),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fs::read(&first.path).unwrap(),
        on_disk,
        "the other process's work stands"
    );
    assert_eq!(
        second.reviews.status("a"),
        ReviewStatus::Rejected,
        "ours is still in memory"
    );
}

#[test]
fn the_queue_order_and_progress() {
    let graph = load("timeline.toml");
    let mut reviews = Reviews::default();
    // By document: in the order of the passages.
    let order: Vec<String> = ordered_claims(&graph, QueueOrder::ByDocument)
        .into_iter()
        .map(|e| graph.claim(e).id.clone())
        .collect();
    assert_eq!(order.first().map(String::as_str), Some("anna--met--boris"));
    assert_eq!(order.last().map(String::as_str), Some("fay--met--carl"));
    // Next skips what is reviewed, each exactly once.
    let mut seen = Vec::new();
    let mut current = None;
    while let Some(edge) = next_unreviewed(&graph, &reviews, QueueOrder::WeakestFirst, current) {
        let id = graph.claim(edge).id.clone();
        assert!(!seen.contains(&id));
        seen.push(id.clone());
        reviews.set(&id, ReviewStatus::Confirmed, None, None);
        current = Some(edge);
    }
    assert_eq!(seen.len(), 7);
    let done = progress(&graph, &reviews);
    assert_eq!((done.reviewed, done.total), (7, 7));
    assert_eq!(done.per_document, vec![("t".to_string(), 7, 7)]);
}

#[test]
fn review_rules_work_as_filters_and_path_constraints() {
    let graph = load("timeline.toml");
    let mut reviews = Reviews::default();
    reviews.set("anna--met--fay", ReviewStatus::Confirmed, None, None);
    reviews.set("fay--met--carl", ReviewStatus::Confirmed, None, None);
    reviews.set("anna--met--boris", ReviewStatus::Rejected, None, None);
    let confirmed = Filter {
        review: ReviewRule::ConfirmedOnly,
        ..Filter::default()
    }
    .apply_reviewed(&graph, Some(&reviews))
    .unwrap();
    assert_eq!(confirmed.edge_count(), 2);
    let not_rejected = Filter {
        review: ReviewRule::ExcludeRejected,
        ..Filter::default()
    }
    .apply_reviewed(&graph, Some(&reviews))
    .unwrap();
    assert_eq!(not_rejected.edge_count(), 6);

    let (anna, carl) = (
        resolve(&graph, "anna").unwrap(),
        resolve(&graph, "carl").unwrap(),
    );
    let paths = |rule| {
        let query = PathQuery {
            review: rule,
            ..PathQuery::default()
        };
        find_paths(
            &graph,
            None,
            &reviews,
            anna,
            carl,
            PathMode::AllShortest,
            &query,
        )
        .unwrap()
        .paths
        .iter()
        .map(|p| crate::support::ids(&graph, p))
        .collect::<Vec<_>>()
    };
    assert_eq!(paths(ReviewRule::Any).len(), 2);
    assert_eq!(
        paths(ReviewRule::ExcludeRejected),
        vec![vec!["anna", "fay", "carl"]]
    );
    assert_eq!(
        paths(ReviewRule::ConfirmedOnly),
        vec![vec!["anna", "fay", "carl"]]
    );
}

/// Hand-checked on the texts: the June delegation's leadership is in 000
/// ("documents seen by Myanmar Now") and 003 ("Myanmar Now reported"), both
/// relaying Myanmar Now: one source. The Rosoboronexport visit is in an
/// unattributed article (000) and The Moscow Times' own words (003): two.
#[test]
fn corroboration_counts_distinct_publishers_and_relays_as_one() {
    let graph = embedded_graph();
    let sources = |id: &str| graph.sources(graph.claim_index(id).unwrap());
    assert_eq!(
        sources("vladimir-kasatonov--led--russian-naval-delegation-2021-06"),
        1
    );
    assert_eq!(sources("min-aung-hlaing--visited--rosoboronexport"), 2);
    assert_eq!(sources("alexander-basov--holds_role--rosoboronexport"), 1);
}

/// Hand-checked: only The Moscow Times (003) says Zemskov led the June
/// delegation and was the Navy's head of communications, so discrediting it
/// loses those claims; Kasatonov's leadership is also in 000 and survives,
/// weakened; Basov's role is only in 000 and is untouched. Zemskov stays
/// linked to Min Aung Hlaing through his membership of the delegation (000).
#[test]
fn source_impact_on_the_curated_graph() {
    let graph = embedded_graph();
    let id = |e| graph.claim(e).id.as_str();
    let zemskov = resolve(&graph, "Vladimir Zemskov").unwrap();
    let mah = resolve(&graph, "Min Aung Hlaing").unwrap();
    let result = impact(
        &graph,
        &SourceSelector::Document("moscow-times-secret-visit".into()),
        Some((zemskov, mah)),
        &Reviews::default(),
        &PathQuery {
            max_hops: 4,
            ..PathQuery::default()
        },
    )
    .unwrap();
    let lost: Vec<&str> = result.lost.iter().map(|&e| id(e)).collect();
    assert!(
        lost.contains(&"vladimir-zemskov--led--russian-naval-delegation-2021-06"),
        "{lost:?}"
    );
    assert!(
        lost.contains(&"vladimir-zemskov--holds_role--russian-navy"),
        "{lost:?}"
    );
    assert!(!lost.contains(&"alexander-basov--holds_role--rosoboronexport"));
    let weakened: Vec<&str> = result.weakened.iter().map(|&e| id(e)).collect();
    assert!(weakened.contains(&"vladimir-kasatonov--led--russian-naval-delegation-2021-06"));
    assert!(!result.broken_paths.is_empty());
    for path in &result.broken_paths {
        assert!(
            path.hops
                .iter()
                .any(|claims| claims.iter().all(|c| result.lost.contains(c)))
        );
    }
    let remaining = &result.remaining_paths[0];
    assert!(
        remaining
            .hops
            .iter()
            .flatten()
            .all(|c| !result.lost.contains(c))
    );
    // The publisher gives the same answer as its one document.
    let by_publisher = impact(
        &graph,
        &SourceSelector::Publisher("The Moscow Times".into()),
        None,
        &Reviews::default(),
        &PathQuery::default(),
    )
    .unwrap();
    assert_eq!(by_publisher.lost, result.lost);
    assert!(
        impact(
            &graph,
            &SourceSelector::Document("nope".into()),
            None,
            &Reviews::default(),
            &PathQuery::default()
        )
        .is_err()
    );
}

#[test]
fn conflicts_include_marked_and_automatic_groups() {
    let graph = embedded_graph();
    let groups = tiegraph::review::conflicts::conflict_groups(&graph);
    let marked: Vec<&str> = groups
        .iter()
        .filter(|g| g.marked)
        .map(|g| g.id.as_str())
        .collect();
    assert!(marked.contains(&"zemskov-role"));
    assert!(groups.iter().all(|g| g.claims.len() >= 2));
    // In the minimal dataset, two "met" claims differ in date only.
    let minimal = load("minimal.toml");
    let groups = tiegraph::review::conflicts::conflict_groups(&minimal);
    assert_eq!(groups.len(), 1, "the marked group covers the automatic one");
}

#[test]
fn save_as_never_overwrites_an_unparsed_file_and_keeps_a_valid_ones_claims() {
    let folder = tempfile::tempdir().unwrap();
    let mut reviews = store(&folder);
    reviews
        .reviews
        .set("mine", ReviewStatus::Confirmed, None, None);
    let garbage = folder.path().join("garbage.toml");
    fs::write(&garbage, "not [ toml").unwrap();
    assert!(matches!(
        reviews.save_as(garbage.clone()),
        Err(ReviewError::RefusedUnparsed { .. })
    ));
    assert_eq!(fs::read_to_string(&garbage).unwrap(), "not [ toml");
    // A valid target keeps what it had.
    let other = folder.path().join("other.reviews.toml");
    let mut theirs = ReviewStore::open(other.clone(), "Test");
    theirs
        .reviews
        .set("theirs", ReviewStatus::Rejected, None, None);
    theirs.save().unwrap();
    reviews.save_as(other.clone()).unwrap();
    let merged = ReviewStore::open(other, "Test").reviews;
    assert_eq!(merged.status("mine"), ReviewStatus::Confirmed);
    assert_eq!(merged.status("theirs"), ReviewStatus::Rejected);
}

/// Two windows that cannot save the same reviews file both keep their work
/// in its recovery file: the second does not erase the first's.
#[test]
fn recovery_files_merge_the_unsaved_work_of_two_sessions() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("d.reviews.toml");
    fs::write(&path, "not [toml\n").unwrap();
    let mut first = ReviewStore::open(path.clone(), "Test");
    let mut second = ReviewStore::open(path.clone(), "Test");
    first.reviews.set("x", ReviewStatus::Confirmed, None, None);
    second.reviews.set("y", ReviewStatus::Rejected, None, None);
    assert!(first.save().is_err() && second.save().is_err());
    first.write_recovery().unwrap();
    second.write_recovery().unwrap();
    let pending = first.pending_recovery().expect("work to recover");
    assert_eq!(pending.status("x"), ReviewStatus::Confirmed);
    assert_eq!(pending.status("y"), ReviewStatus::Rejected);

    // The broken file is moved away; the next session restores both and
    // saves; the recovery file is then gone.
    fs::remove_file(&path).unwrap();
    let mut next = ReviewStore::open(path.clone(), "Test");
    assert_eq!(next.restore_recovery(), 2);
    next.save().unwrap();
    assert!(next.pending_recovery().is_none());
    assert!(!next.recovery_path().exists());
    let saved = ReviewStore::open(path, "Test");
    assert_eq!(saved.reviews.status("x"), ReviewStatus::Confirmed);
    assert_eq!(saved.reviews.status("y"), ReviewStatus::Rejected);
}
