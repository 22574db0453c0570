//! The command line's output, byte for byte, for a fixed list of commands:
//! restructuring the code must not change what a user sees. Each case's
//! standard output, standard error, exit code and any file it writes are
//! kept in `tests/data/golden/<name>.txt`.
//!
//! After a deliberate change of output, rewrite the files with
//! `TIEGRAPH_BLESS=1 cargo test golden` and read the diff before committing.

use std::process::Command;

use crate::support::data;

/// A command: its name (the golden file), its arguments (`$DATA` is
/// `tests/data`, `$DIR` the case's scratch folder) and a file it writes.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    writes: Option<&'static str>,
}

const fn case(name: &'static str, args: &'static [&'static str]) -> Case {
    Case {
        name,
        args,
        writes: None,
    }
}

const CASES: &[Case] = &[
    case("check-embedded", &["check"]),
    case("check-minimal", &["check", "$DATA/minimal.toml"]),
    case("check-csv", &["check", "$DATA/csv"]),
    case("check-bad", &["check", "$DATA/bad/several.toml"]),
    case("check-csv-bad", &["check", "$DATA/csv-bad"]),
    case("stats-embedded", &["stats"]),
    case("stats-timeline", &["stats", "$DATA/timeline.toml"]),
    case("show-basov", &["show", "Alexander Basov"]),
    case("show-unknown", &["show", "Basow"]),
    case("vocabulary", &["vocabulary"]),
    case("path-text", &["path", "Alexander Basov", "Min Aung Hlaing"]),
    case(
        "path-k-json",
        &[
            "path",
            "Sergey Shoigu",
            "Min Aung Hlaing",
            "--k",
            "3",
            "--format",
            "json",
        ],
    ),
    case(
        "path-dot-constrained",
        &[
            "path",
            "Vladimir Kasatonov",
            "Min Aung Hlaing",
            "--all",
            "--max-hops",
            "3",
            "--min-sources",
            "1",
            "--format",
            "dot",
        ],
    ),
    case(
        "path-time-respecting",
        &[
            "path",
            "anna",
            "carl",
            "--time-respecting",
            "$DATA/timeline.toml",
        ],
    ),
    case(
        "path-avoid",
        &[
            "path",
            "Sergey Shoigu",
            "Russia",
            "--avoid",
            "Myanmar",
            "--max-hops",
            "2",
        ],
    ),
    case(
        "connect-text",
        &[
            "connect",
            "Alexander Basov",
            "Sergey Shoigu",
            "Min Aung Hlaing",
        ],
    ),
    case(
        "connect-dot",
        &[
            "connect",
            "Alexander Basov",
            "Min Aung Hlaing",
            "--format",
            "dot",
        ],
    ),
    case("neighbors-text", &["neighbors", "Rosoboronexport"]),
    case(
        "neighbors-json",
        &[
            "neighbors",
            "Rosoboronexport",
            "--hops",
            "2",
            "--format",
            "json",
        ],
    ),
    case(
        "export-dot-filtered",
        &[
            "export",
            "--format",
            "dot",
            "--node-kinds",
            "person,organization",
            "--from",
            "2021-06",
            "--to",
            "2021-12",
            "--hide-isolated",
        ],
    ),
    case(
        "export-graphml-around",
        &[
            "export",
            "--format",
            "graphml",
            "--around",
            "Min Aung Hlaing",
            "--hops",
            "1",
            "--edge-kinds",
            "met,visited,led",
        ],
    ),
    case(
        "export-json-publisher",
        &[
            "export",
            "--format",
            "json",
            "--publisher",
            "The Moscow Times",
            "--min-sources",
            "1",
        ],
    ),
    case("export-json-csv", &["export", "$DATA/csv"]),
    Case {
        name: "layout-dot",
        args: &[
            "layout",
            "$DATA/minimal.toml",
            "-o",
            "$DIR/layout.dot",
            "--threads",
            "1",
        ],
        writes: Some("layout.dot"),
    },
    Case {
        name: "layout-json",
        args: &["layout", "-o", "$DIR/layout.json", "--threads", "2"],
        writes: Some("layout.json"),
    },
    case(
        "review-list",
        &["review", "list", "--dataset", "$DIR/minimal.toml"],
    ),
    case(
        "review-list-rejected",
        &[
            "review",
            "list",
            "--status",
            "rejected",
            "--dataset",
            "$DIR/minimal.toml",
        ],
    ),
    case(
        "review-report-md",
        &["review", "report", "--dataset", "$DIR/minimal.toml"],
    ),
    case(
        "review-report-csv",
        &[
            "review",
            "report",
            "--format",
            "csv",
            "--dataset",
            "$DIR/minimal.toml",
        ],
    ),
    case(
        "path-confirmed-only",
        &[
            "path",
            "alice",
            "bob",
            "--confirmed-only",
            "$DIR/minimal.toml",
        ],
    ),
    case(
        "path-none-exclude-rejected",
        &[
            "path",
            "bob",
            "grain-deal",
            "--exclude-rejected",
            "$DIR/minimal.toml",
        ],
    ),
    case(
        "path-none-relations",
        &[
            "path",
            "anna",
            "carl",
            "--kinds",
            "sanctioned",
            "$DATA/timeline.toml",
        ],
    ),
    case(
        "export-exclude-rejected",
        &[
            "export",
            "--format",
            "dot",
            "--exclude-rejected",
            "$DIR/minimal.toml",
        ],
    ),
    case(
        "impact-doc",
        &[
            "impact",
            "--doc",
            "moscow-times-secret-visit",
            "--between",
            "Vladimir Zemskov",
            "Min Aung Hlaing",
            "--max-hops",
            "4",
        ],
    ),
    case("impact-publisher", &["impact", "--publisher", "Al Jazeera"]),
];

/// A scratch folder holding a copy of the minimal dataset with a fixed
/// reviews file beside it.
fn scratch() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("sources")).unwrap();
    std::fs::copy(
        data("sources/one.txt"),
        folder.path().join("sources/one.txt"),
    )
    .unwrap();
    std::fs::copy(data("minimal.toml"), folder.path().join("minimal.toml")).unwrap();
    std::fs::copy(
        data("golden/minimal.reviews.toml"),
        folder.path().join("minimal.reviews.toml"),
    )
    .unwrap();
    folder
}

fn run(case: &Case) -> String {
    let folder = scratch();
    let dir = folder.path().to_str().unwrap();
    let data_dir = data("");
    let data_dir = data_dir.to_str().unwrap().trim_end_matches('/');
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("$DATA", data_dir).replace("$DIR", dir))
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(&args)
        .current_dir(folder.path())
        .env("XDG_DATA_HOME", folder.path().join("xdg"))
        .output()
        .unwrap();
    let text = |bytes: &[u8]| {
        without_timings(
            &String::from_utf8_lossy(bytes)
                .replace(dir, "$DIR")
                .replace(data_dir, "$DATA"),
        )
    };
    let mut out = format!(
        "$ tiegraph {}\n-- exit {}\n-- stdout\n{}-- stderr\n{}",
        case.args.join(" "),
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string()),
        text(&output.stdout),
        text(&output.stderr),
    );
    if let Some(file) = case.writes {
        let written = std::fs::read(folder.path().join(file)).unwrap_or_default();
        out.push_str(&format!("-- {file}\n{}", text(&written)));
    }
    out
}

#[test]
fn command_line_output_is_unchanged() {
    let folder = data("golden");
    let bless = std::env::var_os("TIEGRAPH_BLESS").is_some();
    let mut changed = Vec::new();
    for case in CASES {
        let path = folder.join(format!("{}.txt", case.name));
        let actual = run(case);
        if bless {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no golden file {}", path.display()));
        if actual != expected {
            changed.push(first_difference(case.name, &expected, &actual));
        }
    }
    assert!(
        changed.is_empty(),
        "output changed:\n{}",
        changed.join("\n")
    );
}

/// Durations ("in 0.06 s") vary from run to run: shown as "in N s".
fn without_timings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" in ") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let number = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if number > 0 && rest[number..].starts_with(" s") {
            out.push('N');
            rest = &rest[number..];
        }
    }
    out.push_str(rest);
    out
}

/// The first line that differs, for a readable failure.
fn first_difference(name: &str, expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "{name}: line {}:\n  expected: {:?}\n  actual:   {:?}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}

#[test]
fn every_golden_file_has_a_case() {
    let names: Vec<String> = CASES.iter().map(|c| format!("{}.txt", c.name)).collect();
    for entry in std::fs::read_dir(data("golden")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            assert!(names.contains(&name), "{name} has no case");
        }
    }
}
