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
        tiegraph::export::write_atomic(&folder.join("export.dot"), &export_content(round))
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
}

/// The round an export was written in, read from its first line.
fn export_version(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix("digraph v")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}
