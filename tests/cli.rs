//! The `tiegraph` binary, run from a folder unrelated to the project.

use std::process::{Command, Output};

use crate::support::{data, stderr, stdout, tiegraph};

#[test]
fn check_accepts_the_embedded_dataset_from_any_folder() {
    let output = tiegraph(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("ok: Myanmar–Russia"));
    assert!(stdout(&output).contains("0 warnings"));
}

#[test]
fn check_rejects_a_bad_dataset_with_located_errors() {
    let path = data("bad/several.toml");
    let output = tiegraph(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("several.toml:12:6: error[invalid-id]"),
        "{err}"
    );
    assert!(
        err.contains("several.toml:13:8: error[unknown-kind]"),
        "{err}"
    );
    assert!(err.contains("expected:"), "{err}");
    assert!(err.contains("found:"), "{err}");
    assert!(err.contains("errors,"), "{err}");
}

#[test]
fn check_accepts_a_dataset_on_disk() {
    let path = data("minimal.toml");
    let output = tiegraph(&["check", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("3 claims, 3 quotes verified"));
}

#[test]
fn stats_counts_kinds_relations_documents_and_inferred_dates() {
    let output = tiegraph(&["stats"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for heading in [
        "Nodes by kind:",
        "Claims by relation:",
        "Per document:",
        "Conflicts:",
        "Inferred dates:",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    assert!(text.contains("secret-delegation"));
    assert!(text.contains("Al Jazeera"));
}

#[test]
fn export_json_writes_a_file_atomically() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("graph.json");
    let output = tiegraph(&["export", "--format", "json", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(value["edges"].as_array().unwrap().len() >= 150);
    // Only the target is left in the folder: no stray temporary files.
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
}

#[test]
fn export_to_stdout_matches_the_file() {
    let output = tiegraph(&["export", "--format", "json"]);
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn show_finds_an_entity_by_alias_and_quotes_its_sources() {
    let output = tiegraph(&["show", "Maung Maung Aye"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Maung Aye"));
    assert!(text.contains('"'), "quotes are shown:\n{text}");
}

#[test]
fn show_suggests_on_a_misspelling() {
    let output = tiegraph(&["show", "Min Aung Hlang"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("did you mean"), "{err}");
    assert!(err.contains("Min Aung Hlaing"), "{err}");
}

#[test]
fn help_lists_the_commands() {
    let output = tiegraph(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for command in [
        "open",
        "check",
        "stats",
        "export",
        "path",
        "connect",
        "neighbors",
        "show",
    ] {
        assert!(text.contains(command), "{command} missing from:\n{text}");
    }
}

// ── queries and exports ──

fn run_dot(dot: &str) -> Output {
    crate::support::graphviz("dot", &["-Tcanon"], dot)
}

#[test]
fn path_prints_each_hop_with_quotes_and_sources() {
    let output = tiegraph(&["path", "Alexander Basov", "Min Aung Hlaing"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Alexander Basov — Rosoboronexport — Min Aung Hlaing (2 hops"),
        "{text}"
    );
    assert!(
        text.contains("\"Rosoboronexport — which Min Aung Hlaing visited on June 22\" — Russian Military Delegation Secretly Visited Myanmar Ahead of Junta Leader’s Moscow Visit – Reports, The Moscow Times"),
        "{text}"
    );
    assert!(
        text.contains("Min Aung Hlaing —visited→ Rosoboronexport [2021-06-22, year inferred]"),
        "{text}"
    );
}

#[test]
fn path_constraints_and_formats() {
    let output = tiegraph(&[
        "path",
        "Alexander Basov",
        "Min Aung Hlaing",
        "--avoid",
        "Rosoboronexport",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    for path in value["paths"].as_array().unwrap() {
        assert_eq!(path["length"], 3);
        assert!(
            path["entities"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["id"] != "rosoboronexport")
        );
    }
    let output = tiegraph(&[
        "path",
        "Alexander Basov",
        "Min Aung Hlaing",
        "--k",
        "4",
        "--format",
        "dot",
    ]);
    assert!(output.status.success());
    let dot = run_dot(&stdout(&output));
    assert!(
        dot.status.success(),
        "{}",
        String::from_utf8_lossy(&dot.stderr)
    );
}

#[test]
fn path_through_a_hub_suggests_allow_hubs() {
    let output = tiegraph(&["path", "Ukraine", "Min Aung Hlaing"]);
    assert!(output.status.success());
    assert!(
        stdout(&output).contains("try --allow-hubs"),
        "{}",
        stdout(&output)
    );
    let output = tiegraph(&["path", "Ukraine", "Min Aung Hlaing", "--allow-hubs"]);
    assert!(
        stdout(&output).contains("Ukraine — Russia —"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_entities_dates_and_kinds_fail_clearly() {
    let output = tiegraph(&["path", "Kasatonof", "Min Aung Hlaing"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("did you mean Vladimir Kasatonov"),
        "{}",
        stderr(&output)
    );

    let output = tiegraph(&["export", "--format", "dot", "--from", "2021-13"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("month 13"), "{}", stderr(&output));

    let output = tiegraph(&["export", "--node-kinds", "persn"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown node kind `persn`"),
        "{}",
        stderr(&output)
    );

    let output = tiegraph(&["path", "a", "b", "--kinds", "meets"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown relation `meets`"));

    let output = tiegraph(&["export", "--around", "Nobody Atall"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no entity is called"));
}

#[test]
fn filtered_exports_in_every_format() {
    let folder = tempfile::tempdir().unwrap();
    let dot = folder.path().join("june.dot");
    let output = tiegraph(&[
        "export",
        "--format",
        "dot",
        "--from",
        "2021-06",
        "--to",
        "2021-06",
        "--drop-undated",
        "--hide-isolated",
        "-o",
        dot.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(text.contains("\"n:min-aung-hlaing\""));
    assert!(
        !text.contains("\"n:ukraine\""),
        "undated and other-month claims are gone"
    );
    assert!(run_dot(&text).status.success());

    let graphml = folder.path().join("around.graphml");
    let output = tiegraph(&[
        "export",
        "--format",
        "graphml",
        "--around",
        "Rosoboronexport",
        "--hops",
        "1",
        "-o",
        graphml.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let xml = std::fs::read_to_string(&graphml).unwrap();
    assert!(xml.contains("<node id=\"rosoboronexport\">"));
    assert!(xml.contains("<node id=\"alexander-basov\">"));
    assert!(!xml.contains("<node id=\"ukraine\">"));

    let output = tiegraph(&[
        "export",
        "--format",
        "json",
        "--doc",
        "moscow-times-secret-visit",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // Only documents that the exported claims cite are listed.
    let cited: std::collections::BTreeSet<&str> = value["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["document"].as_str().unwrap())
        })
        .collect();
    let listed: std::collections::BTreeSet<&str> = value["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(cited, listed);
    for edge in value["edges"].as_array().unwrap() {
        assert!(
            edge["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["document"] == "moscow-times-secret-visit")
        );
    }
}

#[test]
fn a_saved_filter_reproduces_the_export() {
    let folder = tempfile::tempdir().unwrap();
    let filter = folder.path().join("view.json");
    let first = tiegraph(&[
        "export",
        "--format",
        "dot",
        "--edge-kinds",
        "met,visited",
        "--around",
        "Min Aung Hlaing",
        "--hops",
        "2",
        "--save-filter",
        filter.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&filter).unwrap()).unwrap();
    assert_eq!(
        saved["filter"]["relations"],
        serde_json::json!(["met", "visited"])
    );
    assert_eq!(saved["dataset_hash"].as_str().unwrap().len(), 16);
    let second = tiegraph(&[
        "export",
        "--format",
        "dot",
        "--filter",
        filter.to_str().unwrap(),
    ]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(first.stdout, second.stdout, "byte-identical");
}

#[test]
fn connect_and_neighbors() {
    let output = tiegraph(&[
        "connect",
        "Alexander Basov",
        "Nikolai Yevmenov",
        "Rustam Minnikhanov",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("minimum spanning tree"), "{text}");
    assert!(text.contains("Rustam"));
    let output = tiegraph(&[
        "connect",
        "Alexander Basov",
        "Nikolai Yevmenov",
        "--format",
        "dot",
    ]);
    assert!(run_dot(&stdout(&output)).status.success());

    let output = tiegraph(&["neighbors", "Gremyashiy", "--hops", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Thilawa"), "{text}");
    assert!(text.contains("docked_at"), "{text}");
}

// ── reviews and impact ──

/// A copy of the minimal dataset in a fresh folder, so its sidecar reviews
/// file is the test's own.
fn dataset_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("sources")).unwrap();
    std::fs::copy(
        data("sources/one.txt"),
        folder.path().join("sources/one.txt"),
    )
    .unwrap();
    let dataset = folder.path().join("minimal.toml");
    std::fs::copy(data("minimal.toml"), &dataset).unwrap();
    (folder, dataset)
}

#[test]
fn review_set_list_and_report() {
    let (folder, dataset) = dataset_copy();
    let dataset = dataset.to_str().unwrap();
    let output = tiegraph(&[
        "review",
        "set",
        "alice--met--bob",
        "confirmed",
        "--note",
        "matches the text",
        "--reviewer",
        "Ana",
        "--dataset",
        dataset,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = tiegraph(&[
        "review",
        "set",
        "bob--signed--grain-deal",
        "rejected",
        "--dataset",
        dataset,
    ]);
    assert!(output.status.success());
    assert!(
        folder.path().join("minimal.reviews.toml").exists(),
        "sidecar next to the dataset"
    );

    let listed = stdout(&tiegraph(&["review", "list", "--dataset", dataset]));
    assert!(
        listed.contains("alice--met--bob\tconfirmed\tmatches the text"),
        "{listed}"
    );
    assert!(
        listed.contains("bob--signed--grain-deal\trejected"),
        "{listed}"
    );
    let unreviewed = stdout(&tiegraph(&[
        "review",
        "list",
        "--status",
        "unreviewed",
        "--dataset",
        dataset,
    ]));
    assert_eq!(unreviewed.trim(), "alice-met-bob-again\tunreviewed");

    let report = stdout(&tiegraph(&["review", "report", "--dataset", dataset]));
    assert!(report.contains("Reviewed 2 of 3 claims."), "{report}");
    assert!(
        report.contains("| one | unknown | 3 | 2 | 1 | 0 | 1 |"),
        "{report}"
    );
    assert!(report.contains("## Rejected claims"));
    assert!(report.contains("## Single-source claims (3)"));
    assert!(report.contains("### where (marked in the dataset)"));
    let csv = stdout(&tiegraph(&[
        "review",
        "report",
        "--format",
        "csv",
        "--dataset",
        dataset,
    ]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .any(|r| &r[0] == "alice--met--bob" && &r[5] == "confirmed" && &r[10] == "Ana")
    );

    // Unknown claim and status: clear errors, non-zero exits.
    let output = tiegraph(&[
        "review",
        "set",
        "alice--met--bobb",
        "confirmed",
        "--dataset",
        dataset,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("did you mean alice--met--bob"),
        "{}",
        stderr(&output)
    );
    let output = tiegraph(&[
        "review",
        "set",
        "alice--met--bob",
        "maybe",
        "--dataset",
        dataset,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown status `maybe`"));

    // Review rules on the command line: the rejected claim is left out.
    let output = tiegraph(&["export", "--format", "json", "--exclude-rejected", dataset]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ids: Vec<&str> = value["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["alice--met--bob", "alice-met-bob-again"]);
    let output = tiegraph(&[
        "path",
        "alice",
        "grain-deal",
        "--confirmed-only",
        "--format",
        "json",
        dataset,
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(value["paths"].as_array().unwrap().is_empty());
}

#[test]
fn a_corrupt_reviews_file_is_reported_and_not_overwritten() {
    let (folder, dataset) = dataset_copy();
    let sidecar = folder.path().join("minimal.reviews.toml");
    std::fs::write(&sidecar, "version = 1\n[claims.x\nstatus = ").unwrap();
    let before = std::fs::read(&sidecar).unwrap();
    let output = tiegraph(&[
        "review",
        "set",
        "alice--met--bob",
        "confirmed",
        "--dataset",
        dataset.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("minimal.reviews.toml:2:"), "{err}");
    assert!(err.contains("not overwritten"), "{err}");
    assert_eq!(std::fs::read(&sidecar).unwrap(), before);
}

/// A save that finds another tiegraph holding the reviews file's lock says
/// so, waits its bounded time, then fails naming the file, writing nothing.
#[test]
fn a_review_save_blocked_by_another_tiegraph_fails_clearly_and_writes_nothing() {
    let (folder, dataset) = dataset_copy();
    let sidecar = folder.path().join("minimal.reviews.toml");
    let held = tiegraph::fs::FileLock::acquire(&sidecar, tiegraph::fs::LOCK_WAIT).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(["review", "set", "alice--met--bob", "confirmed", "--dataset"])
        .arg(&dataset)
        .env("XDG_DATA_HOME", folder.path())
        .env("TIEGRAPH_LOCK_WAIT", "0")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("another tiegraph is saving") && err.contains("retrying"),
        "{err}"
    );
    assert!(err.contains("minimal.reviews.toml"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!sidecar.exists(), "nothing written while the lock was held");
    drop(held);
    let output = tiegraph(&[
        "review",
        "set",
        "alice--met--bob",
        "confirmed",
        "--dataset",
        dataset.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(sidecar.exists());
}

/// Two command lines setting different claims of one dataset at once, as
/// two shells would: every save they report is in the file.
#[test]
fn two_command_lines_setting_reviews_at_once_lose_nothing() {
    let (folder, dataset) = dataset_copy();
    let claims = [
        "alice--met--bob",
        "bob--signed--grain-deal",
        "alice-met-bob-again",
    ];
    let statuses = ["confirmed", "disputed", "rejected"];
    let shells: Vec<_> = (0..2)
        .map(|shell| {
            let dataset = dataset.clone();
            let xdg = folder.path().to_path_buf();
            std::thread::spawn(move || {
                let mut reported = Vec::new();
                for (i, claim) in claims.iter().enumerate() {
                    let note = format!("shell {shell}, step {i}");
                    // Each shell writes its own notes on the claims; the
                    // reviewer field tells the shells apart.
                    let output = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
                        .args(["review", "set", claim, statuses[(i + shell) % 3]])
                        .args(["--note", &note, "--reviewer", &format!("shell {shell}")])
                        .arg("--dataset")
                        .arg(&dataset)
                        .env("XDG_DATA_HOME", &xdg)
                        .output()
                        .unwrap();
                    reported.push((claim.to_string(), note, output));
                }
                reported
            })
        })
        .collect();
    let mut successes = std::collections::BTreeMap::<String, Vec<String>>::new();
    for shell in shells {
        for (claim, note, output) in shell.join().unwrap() {
            if output.status.success() {
                successes.entry(claim).or_default().push(note);
            } else {
                // The only allowed failure: both changed the same claim.
                let err = stderr(&output);
                assert!(
                    err.contains("reviewed differently") && err.contains(&claim),
                    "{err}"
                );
            }
        }
    }
    let reviews =
        tiegraph::review::ReviewStore::open(folder.path().join("minimal.reviews.toml"), "minimal");
    for (claim, notes) in &successes {
        let note = reviews.reviews.get(claim).and_then(|r| r.note.clone());
        assert!(
            note.as_ref().is_some_and(|n| notes.contains(n)),
            "{claim}: the file holds {note:?}, not one of the saves {notes:?}"
        );
    }
}

#[test]
fn impact_lists_lost_claims_and_broken_paths() {
    let output = tiegraph(&[
        "impact",
        "--doc",
        "moscow-times-secret-visit",
        "--between",
        "Vladimir Zemskov",
        "Min Aung Hlaing",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("lost: Vladimir Zemskov —led→ Russian naval delegation"),
        "{text}"
    );
    assert!(text.contains("would break"), "{text}");
    assert!(
        text.contains("Shortest remaining path: Vladimir Zemskov —"),
        "{text}"
    );
    let output = tiegraph(&["impact", "--publisher", "Nobody Press"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Al Jazeera"),
        "lists the publishers: {}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn exports_keep_the_permissions_of_the_file_they_replace() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("graph.json");
    assert!(
        tiegraph(&["export", "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o644
    );
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        tiegraph(&["export", "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn headless_layout_writes_positions_neato_can_draw() {
    let folder = tempfile::tempdir().unwrap();
    let dot = folder.path().join("layout.dot");
    let output = tiegraph(&["layout", "-o", dot.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&dot).unwrap();
    assert_eq!(
        text.matches("pos=\"").count(),
        171 + 11,
        "every entity and legend entry is placed"
    );
    let drawn = crate::support::graphviz("neato", &["-n2", "-Tcanon"], &text);
    assert!(
        drawn.status.success(),
        "{}",
        String::from_utf8_lossy(&drawn.stderr)
    );
    // Deterministic: the same layout twice.
    let again = stdout(&tiegraph(&["layout"]));
    assert_eq!(again, text);
    let json = folder.path().join("layout.json");
    assert!(
        tiegraph(&["layout", "-o", json.to_str().unwrap()])
            .status
            .success()
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let positions = value["positions"].as_object().unwrap();
    assert_eq!(positions.len(), 171);
    assert!(
        positions["min-aung-hlaing"][0]
            .as_f64()
            .unwrap()
            .is_finite()
    );
}

#[test]
fn a_corrupt_saved_filter_is_refused_with_its_location() {
    let folder = tempfile::tempdir().unwrap();
    let filter = folder.path().join("view.json");
    std::fs::write(
        &filter,
        "{\n  \"version\": 1,\n  \"filter\": {\"hopz\": 2}\n}\n",
    )
    .unwrap();
    let before = std::fs::read(&filter).unwrap();
    let output = tiegraph(&["export", "--filter", filter.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("view.json:3:"), "{err}");
    assert!(err.contains("not a tiegraph filter"), "{err}");
    assert_eq!(std::fs::read(&filter).unwrap(), before, "left as it was");
}

/// A reader that goes away (`tiegraph … | head`) stops tiegraph quietly:
/// killed by SIGPIPE as command-line tools are, no panic message.
#[test]
fn output_into_a_closed_pipe_stops_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(["export", "--format", "json"])
        .current_dir(cwd.path())
        .env("XDG_DATA_HOME", cwd.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first bytes, then hang up: the export is far larger than a
    // pipe's buffer, so tiegraph is still writing.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.signal(), Some(libc::SIGPIPE));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}

/// `layout --workspace` keeps the positions a workspace gives and lays out
/// only the entities it lacks; a corrupt workspace is refused at its place.
#[test]
fn layout_keeps_the_positions_of_a_workspace() {
    let folder = tempfile::tempdir().unwrap();
    let dataset = data("minimal.toml");
    let graph =
        tiegraph::graph::TieGraph::new(tiegraph::load::load_path(&dataset).unwrap().dataset);
    let mut workspace = tiegraph::workspace::Workspace::new(graph.dataset());
    workspace.positions.insert("alice".into(), [100.0, 200.0]);
    workspace.positions.insert("bob".into(), [-50.0, 25.0]);
    workspace.positions.insert("gone".into(), [0.0, 0.0]);
    let file = folder.path().join("w.workspace.json");
    workspace.write(&file).unwrap();
    let out = folder.path().join("layout.json");
    let output = tiegraph(&[
        "layout",
        dataset.to_str().unwrap(),
        "--workspace",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 position"),
        "{}",
        stderr(&output)
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let positions = &value["positions"];
    // Graphviz's y grows upwards: the written y is the workspace's, negated.
    assert_eq!(positions["alice"], serde_json::json!([100.0, -200.0]));
    assert_eq!(positions["bob"], serde_json::json!([-50.0, -25.0]));
    assert!(positions["grain-deal"].is_array(), "the rest is laid out");

    std::fs::write(&file, "{\"version\": 1,\n  \"positions\": 3 }").unwrap();
    let output = tiegraph(&["layout", "--workspace", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("w.workspace.json:2:"),
        "{}",
        stderr(&output)
    );
}
