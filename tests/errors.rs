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

/// Loads a dataset whose marked lines (`# expect: shared-name`) must each
/// carry exactly one warning of that code, and nothing else.
fn homonyms(name: &str) -> tiegraph::load::Loaded {
    let path = data(&format!("{name}.toml"));
    let marks = expected(&fs::read_to_string(&path).unwrap());
    let loaded = load::load_path(&path).unwrap_or_else(|e| panic!("{name} refused:\n{e}"));
    let warned: BTreeSet<(usize, String)> = loaded
        .warnings
        .iter()
        .filter(|d| d.kind == DiagnosticKind::SharedName)
        .map(|d| (d.line, d.kind.code().to_string()))
        .collect();
    assert_eq!(warned, marks);
    loaded
}

#[test]
fn a_shared_alias_is_a_warning_naming_both_entities() {
    let loaded = homonyms("warn_shared_alias");
    let warning = &loaded.warnings[0];
    assert!(
        warning.to_string().contains(": warning[shared-name]: "),
        "{warning}"
    );
    assert!(
        warning.message.contains("`bob`") && warning.message.contains("`alice`"),
        "{}",
        warning.message
    );
    // Both entities load, and a lookup by the shared name lists them.
    let graph = tiegraph::graph::TieGraph::new(loaded.dataset);
    let error = tiegraph::query::resolve(&graph, "smith")
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("2 entities are called \"smith\""),
        "{error}"
    );
    assert!(
        error.contains("alice (person: Alice Smith") && error.contains("bob (person: Bob Jones"),
        "{error}"
    );
    // The label still leads to its own entity.
    assert_eq!(
        graph
            .node(tiegraph::query::resolve(&graph, "Bob Jones").unwrap())
            .id,
        "bob"
    );
}

#[test]
fn a_declared_vocabulary_is_checked_and_enforced() {
    let error = check("bad_vocabulary");
    let kind = find(&error, DiagnosticKind::UnknownKind);
    assert_eq!(kind.expected.as_deref(), Some("one of person, company"));
    assert!(kind.help.as_deref().unwrap().contains("[[kinds]]"));
    assert!(
        find(&error, DiagnosticKind::DuplicateId)
            .message
            .contains("`person` is declared twice")
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
fn an_exact_id_wins_over_a_label_that_spells_it() {
    let loaded = homonyms("warn_label_is_id");
    assert!(loaded.warnings[0].message.contains("`alice`"));
    let graph = tiegraph::graph::TieGraph::new(loaded.dataset);
    // "bob" is both bob's id and alice's label: the id means bob.
    assert_eq!(
        graph
            .node(tiegraph::query::resolve(&graph, "bob").unwrap())
            .id,
        "bob"
    );
    // Folded differently, it is only a name, which both go by.
    assert_eq!(graph.find_all("BOB").len(), 2);
}

/// Runs `tiegraph check PATH` with its address space capped, so a loader
/// that held a hostile file many times over in memory would fail here.
fn check_with_memory_cap(path: &std::path::Path, cap_bytes: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tiegraph"));
    command.arg("check").arg(path);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: cap_bytes,
                rlim_max: cap_bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().unwrap()
}

/// 100 MB hostile files of every format: a clear, located refusal within a
/// bounded amount of memory (1 GiB of address space), never a crash.
#[test]
fn hostile_100_mb_files_are_refused_within_bounded_memory() {
    const HUNDRED_MB: u64 = 100 * 1024 * 1024;
    const CAP: u64 = 1024 * 1024 * 1024;
    let folder = tempfile::tempdir().unwrap();
    // Sparse files: 100 MB long, written in no time.
    let sparse = |path: &std::path::Path| {
        std::fs::File::create(path)
            .unwrap()
            .set_len(HUNDRED_MB)
            .unwrap();
    };

    let toml = folder.path().join("huge.toml");
    sparse(&toml);
    let output = check_with_memory_cap(&toml, CAP);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("larger than the 16 MiB limit"),
        "{message}"
    );
    assert!(message.contains("CSV import"), "{message}");

    let json = folder.path().join("huge.json");
    sparse(&json);
    let output = check_with_memory_cap(&json, CAP);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("huge.json:1:1"), "{message}");

    // A CSV folder whose nodes.csv is one 100 MB row: streamed, then refused
    // for its missing columns.
    let csv = folder.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    sparse(&csv.join("nodes.csv"));
    std::fs::write(csv.join("edges.csv"), "source,target,relation\n").unwrap();
    let output = check_with_memory_cap(&csv, CAP);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("nodes.csv:1"), "{message}");
    assert!(message.contains("missing column `id`"), "{message}");
}

/// Deep nesting is refused at a location, not followed into a stack
/// overflow, in every format that nests.
#[test]
fn deeply_nested_files_fail_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let cases = [
        (
            "deep.toml",
            format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "deep-tables.toml",
            format!("x = {}1{}\n", "{a=".repeat(depth), "}".repeat(depth)),
        ),
        (
            "deep.json",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
    ];
    for (name, text) in cases {
        let path = folder.path().join(name);
        std::fs::write(&path, text).unwrap();
        let output = check_with_memory_cap(&path, 1024 * 1024 * 1024);
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        assert!(message.contains(&format!("{name}:1:")), "{name}: {message}");
    }
}
