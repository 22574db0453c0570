//! A brief as Markdown with footnotes (`[^n]`), for wikis and notes: the
//! same narrative, conflicts, sources and passages as the HTML brief.

use std::fmt::Write;

use super::{Brief, Sentence};

/// `text` with Markdown's marks escaped, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn sentence_md(sentence: &Sentence) -> String {
    let mut out = escape(&sentence.text);
    for number in &sentence.notes {
        let _ = write!(out, "[^{number}]");
    }
    out
}

/// The brief as Markdown.
pub fn to_markdown(brief: &Brief) -> String {
    let mut out = format!(
        "# {}\n\n_{} · {} · {} entities, {} claims_\n",
        escape(&brief.title),
        escape(&brief.dataset),
        escape(&brief.date),
        brief.view.node_count(),
        brief.view.edge_count()
    );
    if let Some(empty) = &brief.empty {
        let _ = write!(out, "\n{}\n", escape(empty));
    }
    for section in &brief.sections {
        let _ = write!(out, "\n## {}\n\n", escape(&section.heading));
        for sentence in &section.sentences {
            let _ = writeln!(out, "- {}", sentence_md(sentence));
        }
    }
    if !brief.conflicts.is_empty() {
        out.push_str("\n## Where the sources disagree\n");
        for conflict in &brief.conflicts {
            let _ = write!(
                out,
                "\n**{}**: {}\n\n",
                escape(&conflict.id),
                escape(&conflict.description)
            );
            for side in &conflict.sides {
                let _ = writeln!(out, "- {}", sentence_md(side));
            }
        }
    }
    if !brief.sources.is_empty() {
        out.push_str("\n## Sources\n\n| Document | Title | Publisher | Published | Claims |\n|---|---|---|---|---:|\n");
        for row in &brief.sources {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                row.document.replace('`', "'"),
                escape(&row.title),
                escape(&row.publisher),
                escape(row.published.as_deref().unwrap_or("")),
                row.claims
            );
        }
        if !brief.single_source.is_empty() {
            out.push_str("\nResting on one source only:\n\n");
            for sentence in &brief.single_source {
                let _ = writeln!(out, "- {}", sentence_md(sentence));
            }
        }
    }
    if !brief.footnotes.is_empty() {
        out.push('\n');
        for note in &brief.footnotes {
            let quote = if note.unverified {
                format!("Unverified record: {}", escape(&note.quote))
            } else {
                format!("“{}”", escape(&note.quote))
            };
            let _ = write!(
                out,
                "[^{}]: {quote} — {}, {}{}; `{}` bytes {}–{}; review: {}",
                note.number,
                escape(&note.title),
                escape(&note.publisher),
                note.published
                    .as_ref()
                    .map(|p| format!(", {}", escape(p)))
                    .unwrap_or_default(),
                note.document.replace('`', "'"),
                note.start,
                note.end,
                note.review
            );
            if let Some(qualifier) = &note.qualifier {
                let _ = write!(out, "; {}", escape(qualifier));
            }
            out.push('\n');
        }
    }
    out
}
