//! The `tiegraph` binary, run from a folder unrelated to the project.

use std::process::{Command, Output};

use crate::support::data;

fn tiegraph(args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(args)
        .current_dir(cwd.path())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

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
fn no_subcommand_prints_help() {
    let output = tiegraph(&[]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("Usage"));
}
