//! Every error kind, produced by a small bad dataset under `tests/data/bad`.
//!
//! Each bad file marks its offending lines with `# expect: <code>`; the test
//! asserts that the errors reported are exactly those codes on exactly those
//! lines, all from one run.

use std::collections::BTreeSet;
use std::fs;

use tiegraph::load::{self, DiagnosticKind, LoadError};

use crate::support::data;

/// (line, code) pairs marked in a file.
fn expected(text: &str) -> BTreeSet<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let (_, marker) = line.split_once("# expect: ")?;
            Some((index + 1, marker.trim().to_string()))
        })
        .collect()
}

fn reported(error: &LoadError) -> BTreeSet<(usize, String)> {
    error
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.kind.code().to_string()))
        .collect()
}

fn check(name: &str) -> LoadError {
    let path = data(&format!("bad/{name}.toml"));
    let text = fs::read_to_string(&path).unwrap();
    let marks = expected(&text);
    assert!(!marks.is_empty(), "{name}.toml marks no expected error");
    let error = match load::load_path(&path) {
        Ok(_) => panic!("{name}.toml loaded, but it is bad"),
        Err(error) => error,
    };
    assert_eq!(reported(&error), marks, "{name}.toml:\n{error}");
    // Every diagnostic names the file and a column.
    for diagnostic in error.diagnostics() {
        assert!(diagnostic.file.ends_with(&format!("{name}.toml")));
        assert!(diagnostic.column >= 1);
        assert!(diagnostic.to_string().contains(&format!(
            "{name}.toml:{}:{}:",
            diagnostic.line, diagnostic.column
        )));
    }
    error
}

fn find(error: &LoadError, kind: DiagnosticKind) -> &tiegraph::load::Diagnostic {
    error
        .diagnostics()
        .iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in\n{error}"))
}

#[test]
fn parse_error_is_located() {
    let error = check("parse");
    assert_eq!(find(&error, DiagnosticKind::Parse).column, 8);
}

#[test]
fn unknown_fields_are_all_reported_with_a_suggestion() {
    let error = check("unknown_field");
    let lable = error
        .diagnostics()
        .iter()
        .find(|d| d.field == "nodes[0].lable")
        .expect("the misspelt key is named");
    assert_eq!(lable.help.as_deref(), Some("did you mean `label`?"));
    assert_eq!(lable.found.as_deref(), Some("`lable`"));
}

#[test]
fn unknown_kind_lists_the_vocabulary() {
    let error = check("unknown_kind");
    let diagnostic = find(&error, DiagnosticKind::UnknownKind);
    assert_eq!(diagnostic.found.as_deref(), Some("\"persn\""));
    assert!(diagnostic.expected.as_deref().unwrap().contains("person"));
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `person`?"));
}

#[test]
fn unknown_relation_suggests_the_closest() {
    let error = check("unknown_relation");
    assert_eq!(
        find(&error, DiagnosticKind::UnknownRelation)
            .help
            .as_deref(),
        Some("did you mean `met`?")
    );
}

#[test]
fn duplicate_ids_point_at_the_first_definition() {
    let error = check("duplicate_id");
    let node = find(&error, DiagnosticKind::DuplicateId);
    assert!(
        node.help
            .as_deref()
            .unwrap()
            .contains("duplicate_id.toml:11:")
    );
    let parallel = error
        .diagnostics()
        .iter()
        .find(|d| d.message.contains("alice--met--bob"))
        .expect("parallel claims without ids collide on the default id");
    assert!(parallel.help.as_deref().unwrap().contains("distinct `id`"));
}

#[test]
fn alias_claimed_by_two_entities() {
    let error = check("duplicate_alias");
    assert!(
        find(&error, DiagnosticKind::DuplicateAlias)
            .found
            .as_deref()
            .unwrap()
            .contains("alice")
    );
}

#[test]
fn dangling_references_suggest_existing_ids() {
    let error = check("dangling");
    let to = error
        .diagnostics()
        .iter()
        .find(|d| d.field == "claims[0].to")
        .unwrap();
    assert_eq!(to.help.as_deref(), Some("did you mean `bob`?"));
}

#[test]
fn claim_without_evidence() {
    check("no_evidence");
}

#[test]
fn empty_quote() {
    check("empty_quote");
}

#[test]
fn quote_not_found_shows_the_closest_passage() {
    let error = check("quote_not_found");
    let help = find(&error, DiagnosticKind::QuoteNotFound)
        .help
        .clone()
        .unwrap();
    assert!(help.contains("line 1, column 1"), "{help}");
    assert!(
        help.contains("\"Alice Smith met Bob Jones in Paris on 3 May 2020.\""),
        "{help}"
    );
}

#[test]
fn missing_document_file() {
    check("missing_document");
}

#[test]
fn documents_outside_the_folder_are_refused_and_not_read() {
    let error = check("outside_folder");
    // Nothing of the outside file may be echoed.
    assert!(!error.to_string().contains("root:"));
    assert!(!error.to_string().contains("Minimal"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let secret = tempfile::NamedTempFile::new().unwrap();
    fs::write(secret.path(), "Alice Smith met Bob Jones. SECRET").unwrap();
    std::os::unix::fs::symlink(secret.path(), folder.path().join("link.txt")).unwrap();
    let dataset = folder.path().join("d.toml");
    fs::write(
        &dataset,
        "[dataset]\nname = \"x\"\n\n[[documents]]\nid = \"one\"\ntitle = \"t\"\npublisher = \"unknown\"\npath = \"link.txt\"\n",
    )
    .unwrap();
    let error = load::load_path(&dataset).unwrap_err();
    let diagnostic = find(&error, DiagnosticKind::DocumentOutsideFolder);
    assert_eq!(diagnostic.line, 8);
    assert!(!error.to_string().contains("SECRET"));
}

#[test]
fn invalid_dates_say_what_was_expected() {
    let error = check("invalid_date");
    let month = find(&error, DiagnosticKind::InvalidDate);
    assert!(month.message.contains("month 13"), "{}", month.message);
    assert!(month.expected.as_deref().unwrap().contains("YYYY-MM-DD"));
}

#[test]
fn several_errors_come_in_one_run() {
    let error = check("several");
    assert!(error.diagnostics().iter().filter(|d| d.is_error()).count() >= 7);
}

#[test]
fn non_utf8_and_unreadable_files_fail_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("latin1.toml");
    fs::write(&path, b"[dataset]\nname = \"caf\xe9\"\n").unwrap();
    let error = load::load_path(&path).unwrap_err();
    let diagnostic = &error.diagnostics()[0];
    assert_eq!((diagnostic.line, diagnostic.column), (2, 12));
    assert!(diagnostic.found.as_deref().unwrap().contains("0xe9"));

    let missing = load::load_path(&folder.path().join("nope.toml")).unwrap_err();
    assert!(matches!(missing, LoadError::Io { .. }));
    assert!(missing.to_string().contains("nope.toml"));
}

/// Truncating or deleting any character of a valid dataset must give
/// diagnostics (or a valid dataset), never a panic.
#[test]
fn mangled_datasets_never_panic() {
    let text = fs::read_to_string(data("minimal.toml")).unwrap();
    let store = load::FolderStore::new(data(""));
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut refused = 0;
    for (n, &cut) in boundaries.iter().enumerate() {
        let truncated = &text[..cut];
        if load::load_str("t.toml", truncated, &store).is_err() {
            refused += 1;
        }
        let next = boundaries.get(n + 1).copied().unwrap_or(text.len());
        let deleted = format!("{}{}", &text[..cut], &text[next..]);
        if let Err(error) = load::load_str("d.toml", &deleted, &store) {
            // A refusal always says where.
            assert!(!error.diagnostics().is_empty());
            assert!(error.diagnostics().iter().all(|d| d.line >= 1));
        }
    }
    assert!(
        refused > boundaries.len() / 2,
        "most truncations are refused"
    );
}

#[test]
fn a_name_may_not_be_another_entitys_id() {
    let error = check("id_clash");
    assert!(
        find(&error, DiagnosticKind::DuplicateAlias)
            .found
            .as_deref()
            .unwrap()
            .contains("bob")
    );
}
