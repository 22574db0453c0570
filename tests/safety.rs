//! No data loss: a process killed with SIGKILL in the middle of saving
//! never leaves a truncated or mixed file behind.
//!
//! The child is this test binary itself, running the ignored
//! `save_loop_child` test, which saves in a tight loop and prints a line
//! after each save. The parent reads a varying number of lines, then kills
//! it at once, so the kill lands at varying points of the next save.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use tiegraph::review::{ReviewStatus, ReviewStore};

/// Two export contents of different lengths: a torn write would show as
/// neither.
fn export_content(version: usize) -> Vec<u8> {
    let line = format!("digraph v{version} {{ a -> b [label=\"{version}\"]; }}\n");
    line.repeat(2_000 + version % 2 * 3_000).into_bytes()
}

#[test]
#[ignore = "the child process of killing_a_saving_process_never_leaves_a_truncated_file"]
fn save_loop_child() {
    let Some(folder) = std::env::var_os("TIEGRAPH_SAVE_LOOP") else {
        return;
    };
    let folder = Path::new(&folder);
    let mut reviews = ReviewStore::open(folder.join("reviews.toml"), "kill test");
    let mut out = std::io::stdout();
    for round in 0usize.. {
        tiegraph::fs::write_atomic(&folder.join("export.dot"), &export_content(round))
            .expect("export written");
        let status = if round % 2 == 0 {
            ReviewStatus::Confirmed
        } else {
            ReviewStatus::Disputed
        };
        // Many claims, so the file is large enough for a kill to land mid-write.
        for claim in 0..400 {
            reviews.reviews.set(
                &format!("claim-{claim}"),
                status,
                Some(format!("round {round}")),
                None,
            );
        }
        reviews.save().expect("reviews saved");
        if writeln!(out, "saved {round}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[test]
fn killing_a_saving_process_never_leaves_a_truncated_file() {
    let folder = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    for attempt in 0..30 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "safety::save_loop_child",
                "--ignored",
                "--nocapture",
            ])
            .env("TIEGRAPH_SAVE_LOOP", folder.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // 1..=4 saves complete, then the kill lands during a later one.
        let mut saved = 0;
        while saved < 1 + attempt % 4 {
            let line = lines.next().expect("the child saves").unwrap();
            if line.starts_with("saved ") {
                saved += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix: no cleanup runs.
        child.wait().unwrap();

        let export = std::fs::read(folder.path().join("export.dot")).unwrap();
        assert!(
            export == export_content(export_version(&export)),
            "attempt {attempt}: export.dot is torn ({} bytes)",
            export.len()
        );
        let store = ReviewStore::open(folder.path().join("reviews.toml"), "kill test");
        assert!(
            store.unparsed.is_none(),
            "attempt {attempt}: reviews file does not parse: {:?}",
            store.unparsed
        );
        // Every claim of one round: all 400 with one status and one note.
        assert_eq!(store.reviews.claims.len(), 400, "attempt {attempt}");
        let notes: std::collections::BTreeSet<_> = store
            .reviews
            .claims
            .values()
            .map(|review| review.note.clone())
            .collect();
        assert_eq!(notes.len(), 1, "attempt {attempt}: reviews of mixed rounds");
    }
    // A kill before the rename leaves a temporary file; the next save of
    // the same file clears it, and it was never taken for data.
    let mut store = ReviewStore::open(folder.path().join("reviews.toml"), "kill test");
    store
        .reviews
        .set("after", ReviewStatus::Confirmed, None, None);
    store.save().unwrap();
    let left: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".reviews.toml.") && name.ends_with(".tmp"))
        .collect();
    assert!(
        left.is_empty(),
        "temporary files left after a clean save: {left:?}"
    );
}

/// The round an export was written in, read from its first line.
fn export_version(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix("digraph v")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// Claims each concurrent child sets, one save each.
const CLAIMS_PER_CHILD: usize = 10;
const CHILDREN: usize = 4;

#[test]
#[ignore = "a child process of concurrent_review_saves_are_never_lost"]
fn review_saver_child() {
    let (Some(file), Some(child)) = (
        std::env::var_os("TIEGRAPH_REVIEWS_FILE"),
        std::env::var("TIEGRAPH_CHILD").ok(),
    ) else {
        return;
    };
    let file = Path::new(&file);
    // Start together: wait for the parent's word.
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).unwrap();
    let mut out = std::io::stdout().lock();
    // Child 0 keeps one store open and saves after every change, as the
    // window's autosave does; the others open, set and save once per
    // change, as `tiegraph review set` does.
    let mut long_lived = ReviewStore::open(file.to_path_buf(), "concurrency test");
    for i in 0..CLAIMS_PER_CHILD {
        let mut claims = vec![format!("child-{child}-claim-{i}")];
        if i == 3 || i == 7 {
            claims.push("shared".to_string());
        }
        for claim in claims {
            let note = format!("by child {child} at step {i}");
            let status = if i % 2 == 0 {
                ReviewStatus::Confirmed
            } else {
                ReviewStatus::Disputed
            };
            let mut fresh;
            let store = if child == "0" {
                &mut long_lived
            } else {
                fresh = ReviewStore::open(file.to_path_buf(), "concurrency test");
                &mut fresh
            };
            store.reviews.set(&claim, status, Some(note.clone()), None);
            match store.save() {
                Ok(()) => writeln!(out, "saved\t{claim}\t{status}\t{note}").unwrap(),
                Err(tiegraph::review::ReviewError::Conflict { claims, .. }) => {
                    writeln!(out, "refused\t{claim}\t{}", claims.join(",")).unwrap();
                    if child == "0" {
                        // Take the other side's version and go on, as a
                        // user would after reloading.
                        *store = ReviewStore::open(file.to_path_buf(), "concurrency test");
                    }
                }
                Err(error) => writeln!(out, "error\t{claim}\t{error}").unwrap(),
            }
        }
    }
}

/// Several processes setting reviews of one file at once, 20 rounds: every
/// save that reports success is in the file afterwards; saves of the same
/// claim are merged or refused with the claim named, never dropped silently.
#[test]
fn concurrent_review_saves_are_never_lost() {
    let exe = std::env::current_exe().unwrap();
    for round in 0..20 {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("d.reviews.toml");
        let mut children: Vec<_> = (0..CHILDREN)
            .map(|child| {
                Command::new(&exe)
                    .args([
                        "--exact",
                        "safety::review_saver_child",
                        "--ignored",
                        "--nocapture",
                    ])
                    .env("TIEGRAPH_REVIEWS_FILE", &file)
                    .env("TIEGRAPH_CHILD", child.to_string())
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in &mut children {
            child.stdin.take().unwrap().write_all(b"go\n").unwrap();
        }
        let mut saved = std::collections::BTreeMap::new();
        let mut shared_saved = Vec::new();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: a child failed");
            for line in String::from_utf8(output.stdout).unwrap().lines() {
                let fields: Vec<&str> = line.split('\t').collect();
                match fields.as_slice() {
                    ["saved", "shared", status, note] => {
                        shared_saved.push((status.to_string(), note.to_string()))
                    }
                    ["saved", claim, status, note] => {
                        saved.insert(claim.to_string(), (status.to_string(), note.to_string()));
                    }
                    ["refused", claim, named] => {
                        assert_eq!(
                            *claim, "shared",
                            "round {round}: only the shared claim conflicts"
                        );
                        assert_eq!(
                            *named, "shared",
                            "round {round}: the refusal names the claim"
                        );
                    }
                    _ if line.starts_with("running ")
                        || line.starts_with("test ")
                        || line.is_empty() => {}
                    _ if line.contains("test result") => {}
                    _ => panic!("round {round}: unexpected child output {line:?}"),
                }
            }
        }
        assert_eq!(
            saved.len(),
            CHILDREN * CLAIMS_PER_CHILD,
            "round {round}: every child saved"
        );
        let store = ReviewStore::open(file.clone(), "concurrency test");
        assert!(
            store.unparsed.is_none(),
            "round {round}: {:?}",
            store.unparsed
        );
        for (claim, (status, note)) in &saved {
            let review = store.reviews.get(claim).unwrap_or_else(|| {
                panic!("round {round}: the reported save of {claim} is not in the file")
            });
            assert_eq!(review.status.as_str(), status, "round {round}: {claim}");
            assert_eq!(
                review.note.as_deref(),
                Some(note.as_str()),
                "round {round}: {claim}"
            );
        }
        // The shared claim holds one of the saves that reported success.
        assert!(
            !shared_saved.is_empty(),
            "round {round}: the first shared save cannot conflict"
        );
        let shared = store
            .reviews
            .get("shared")
            .expect("the shared claim is in the file");
        let on_file = (
            shared.status.as_str().to_string(),
            shared.note.clone().unwrap_or_default(),
        );
        assert!(
            shared_saved.contains(&on_file),
            "round {round}: the shared claim holds {on_file:?}, which no save reported"
        );
        // Nothing but the file and its lock is left in the folder.
        let mut names: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".d.reviews.toml.lock", "d.reviews.toml"],
            "round {round}"
        );
    }
}
