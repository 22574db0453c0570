//! The library's layer order, kept: a module may use only the modules below
//! it (see `src/lib.rs`). This test reads `src/` and fails naming the file
//! and line of every use of a module from the same layer or above, and of
//! every use of the window's crates outside `ui` and `main`.

use std::path::{Path, PathBuf};

/// Layers from the bottom up; modules of one layer may not use each other.
const LAYERS: &[&[&str]] = &[
    &["text", "fs", "rng", "index"],
    &["model"],
    &["graph", "style", "stats"],
    &["format"],
    &["load", "export", "synth"],
    &["query", "metrics"],
    &["review", "curate"],
    &["layout", "workspace"],
    &["report"],
    &["ui", "cli"],
    &["main"],
];

/// Crates only the window may use.
const WINDOW_CRATES: &[&str] = &["egui", "eframe", "rfd", "rstar", "egui_kittest"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to: `src/query/paths.rs` →
/// `query`, `src/graph/mod.rs` → `graph`, `src/stats.rs` → `stats`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

fn rust_files(folder: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The modules a line names after `crate::` or `tiegraph::`, including
/// those of a `{…}` group on the same line.
fn named_modules(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for root in ["crate::", "tiegraph::"] {
        let mut rest = line;
        while let Some(at) = rest.find(root) {
            let before = rest[..at].chars().last();
            rest = &rest[at + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or_default();
                found.extend(group.split(',').filter_map(first_word));
            } else if let Some(word) = first_word(rest) {
                found.push(word);
            }
        }
    }
    found
}

fn first_word(text: &str) -> Option<String> {
    let word: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// Lines of code, without comments, up to the file's tests (tests may use
/// anything). A `crate::{` group spread over several lines is joined onto
/// its first line.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut open_group = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            break;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        let code = line.split(" // ").next().unwrap_or(line);
        match lines.last_mut() {
            Some((_, joined)) if open_group => joined.push_str(code.trim()),
            _ => lines.push((i + 1, code.to_string())),
        }
        let last = &lines.last().unwrap().1;
        open_group = (last.contains("crate::{") || last.contains("tiegraph::{"))
            && last.matches('{').count() > last.matches('}').count();
    }
    lines
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        let shown = file.strip_prefix(src.parent().unwrap()).unwrap().display();
        let Some(own) = layer_of(&module) else {
            wrong.push(format!(
                "{shown}: module `{module}` has no layer in tests/layers.rs"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in code_lines(&text) {
            for used in named_modules(&line) {
                if used == module {
                    continue;
                }
                match layer_of(&used) {
                    Some(layer) if layer < own => {}
                    Some(_) => wrong.push(format!(
                        "{shown}:{number}: `{module}` uses `{used}`, which is not below it"
                    )),
                    None => {}
                }
            }
            if module != "ui" && module != "main" {
                for krate in WINDOW_CRATES {
                    let used = line.contains(&format!("{krate}::"))
                        && !line.contains(&format!("_{krate}::"));
                    if used {
                        wrong.push(format!(
                            "{shown}:{number}: `{module}` uses `{krate}`; only `ui` and `main` may"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "layer order broken:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_checker_sees_grouped_and_plain_uses() {
    assert_eq!(
        named_modules("use crate::{graph::TieGraph, model::Node};"),
        ["graph", "model"]
    );
    assert_eq!(named_modules("let x = crate::query::find(a);"), ["query"]);
    assert_eq!(named_modules("use tiegraph::review::Reviews;"), ["review"]);
    assert!(named_modules("my_crate::query::x()").is_empty());
}

#[test]
fn groups_over_several_lines_are_joined() {
    let lines = code_lines("use crate::{\n    graph::TieGraph,\n    model::Node,\n};\nfn f() {}\n");
    assert_eq!(named_modules(&lines[0].1), ["graph", "model"]);
    assert_eq!(lines[1].1, "fn f() {}");
}
