//! Paths and loaders shared by the test modules. Nothing depends on the
//! current directory: every path hangs off `CARGO_MANIFEST_DIR`.

use std::path::PathBuf;

use tiegraph::graph::TieGraph;
use tiegraph::load::{self, Loaded};

pub fn data(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

pub fn embedded() -> Loaded {
    match load::load_embedded() {
        Ok(loaded) => loaded,
        Err(error) => panic!("the embedded dataset must load:\n{error}"),
    }
}

pub fn embedded_graph() -> TieGraph {
    TieGraph::new(embedded().dataset)
}

pub fn minimal() -> Loaded {
    match load::load_path(&data("minimal.toml")) {
        Ok(loaded) => loaded,
        Err(error) => panic!("minimal.toml must load:\n{error}"),
    }
}

pub fn load(relative: &str) -> TieGraph {
    match load::load_any(&data(relative)) {
        Ok(loaded) => TieGraph::new(loaded.dataset),
        Err(error) => panic!("{relative} must load:\n{error}"),
    }
}

/// Node ids along a path, for readable assertions.
pub fn ids(graph: &TieGraph, path: &tiegraph::query::Path) -> Vec<String> {
    path.nodes
        .iter()
        .map(|&n| graph.node(n).id.clone())
        .collect()
}

/// Runs a Graphviz program (`dot`, `sfdp`, `neato`) with `args` on `input`.
/// Graphviz is required: `.ci/run` installs it, and a missing program fails
/// the test rather than skipping it.
pub fn graphviz(program: &str, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("Graphviz `{program}` is required (apt-get install graphviz): {e}")
        });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Runs the `tiegraph` binary from a temporary folder, with its data folder
/// there too (never the user's own reviews).
pub fn tiegraph(args: &[&str]) -> std::process::Output {
    let cwd = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_tiegraph"))
        .args(args)
        .current_dir(cwd.path())
        .env("XDG_DATA_HOME", cwd.path())
        .output()
        .unwrap()
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The Python with the third-party readers (`tests/clients/requirements.txt`:
/// networkx, followthemoney, FalkorDB): `TIEGRAPH_PYTHON`, which `.ci/run`
/// sets, else the venv it builds, else `python3`.
pub fn python() -> String {
    if let Ok(python) = std::env::var("TIEGRAPH_PYTHON") {
        return python;
    }
    let venv = std::env::var("HOME")
        .map(|home| format!("{home}/.cache/tiegraph-clients-venv/bin/python"))
        .unwrap_or_default();
    if std::path::Path::new(&venv).exists() {
        venv
    } else {
        "python3".into()
    }
}

/// Runs a reader from `tests/clients` (a `.py` with [`python`], a `.js`
/// with Node.js) on `args`; its JSON output, or a panic saying what failed.
/// The readers are required: `.ci/run` installs them, and a missing one
/// fails the test rather than skipping it.
pub fn client(script: &str, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(script);
    let program = if script.ends_with(".js") {
        "node".to_string()
    } else {
        python()
    };
    let output = std::process::Command::new(&program)
        .arg(&path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} {script} could not run ({e}); see tests/clients"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{script} failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stdout}"))
}

/// Checks a GEXF file against the GEXF 1.3 RelaxNG schema with xmllint
/// (required: `.ci/run` installs libxml2-utils).
pub fn assert_valid_gexf(path: &std::path::Path) {
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients/gexf-1.3/gexf.rng");
    let xmllint = std::process::Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(&schema)
        .arg(path)
        .output()
        .expect("xmllint (apt libxml2-utils) is required");
    assert!(
        xmllint.status.success(),
        "{}",
        String::from_utf8_lossy(&xmllint.stderr)
    );
}
