//! A brief as one self-contained HTML file: no script, no external request
//! (a Content-Security-Policy that allows inline styles and `data:` images
//! only), every text escaped, a print stylesheet so that the browser's
//! *Print to PDF* gives clean pages with page numbers. Written as XHTML
//! (every element closed, every attribute quoted), so an XML parser reads
//! it too.

use std::fmt::Write;

use super::{Brief, Footnote, Sentence, svg};
use crate::graph::TieGraph;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for text and attribute
/// values alike; control characters XML cannot hold become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::export::clean_text(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
.meta { color: #555; margin-top: 0; }
figure { margin: 1rem 0; border: 1px solid #ddd; padding: 0.5rem; break-inside: avoid; }
figure svg.drawing { width: 100%; height: auto; }
.legend { font-size: 0.85rem; color: #444; }
.legend span { margin-right: 1rem; white-space: nowrap; }
.legend svg { width: 16px; height: 16px; vertical-align: middle; margin-right: 0.2rem; }
sup a { text-decoration: none; }
.conflict { border-left: 3px solid #c0392b; padding-left: 0.8rem; margin: 0.8rem 0; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
ol.notes li { margin-bottom: 0.4rem; break-inside: avoid; }
.quote { font-style: italic; }
.kind { color: #8a4b00; }
@page { margin: 18mm 16mm; @bottom-right { content: counter(page) \" / \" counter(pages); font-size: 9pt; } }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } h2 { break-after: avoid; } }
";

fn sentence_html(sentence: &Sentence) -> String {
    let mut out = escape(&sentence.text);
    let links: Vec<String> = sentence
        .notes
        .iter()
        .map(|number| format!("<a href=\"#note-{number}\">{number}</a>"))
        .collect();
    if !links.is_empty() {
        let _ = write!(out, "<sup>{}</sup>", links.join(","));
    }
    out
}

fn footnote_html(note: &Footnote) -> String {
    let mut out = format!("<li id=\"note-{}\">", note.number);
    if note.unverified {
        let _ = write!(out, "Unverified record: {}", escape(&note.quote));
    } else {
        let _ = write!(
            out,
            "<span class=\"quote\">“{}”</span>",
            escape(&note.quote)
        );
    }
    let _ = write!(
        out,
        " — {}, {}{}; <code>{}</code> bytes {}–{}; review: {}",
        escape(&note.title),
        escape(&note.publisher),
        note.published
            .as_ref()
            .map(|p| format!(", {}", escape(p)))
            .unwrap_or_default(),
        escape(&note.document),
        note.start,
        note.end,
        escape(&note.review)
    );
    if let Some(qualifier) = &note.qualifier {
        let _ = write!(out, "; <span class=\"kind\">{}</span>", escape(qualifier));
    }
    out.push_str("</li>");
    out
}

/// The brief as HTML.
pub fn to_html(graph: &TieGraph, brief: &Brief) -> String {
    let mut out = String::new();
    out.push_str(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n",
    );
    out.push_str("<meta charset=\"utf-8\" />\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\" />\n");
    out.push_str("<meta name=\"generator\" content=\"tiegraph\" />\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&brief.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">{} · {} · {} entities, {} claims</p></header>",
        escape(&brief.title),
        escape(&brief.dataset),
        escape(&brief.date),
        brief.view.node_count(),
        brief.view.edge_count()
    );
    let drawing = svg::drawing(graph, brief);
    if !drawing.is_empty() {
        out.push_str("<figure>");
        out.push_str(&drawing);
        out.push_str("<figcaption class=\"legend\">");
        for (kind, swatch) in svg::legend(graph, brief) {
            let _ = write!(out, "<span>{swatch}{}</span>", escape(&kind));
        }
        out.push_str(
            "<span>dashed: no passage states or reports it</span></figcaption></figure>\n",
        );
    }
    if let Some(empty) = &brief.empty {
        let _ = writeln!(out, "<p>{}</p>", escape(empty));
    }
    for section in &brief.sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&section.heading));
        for sentence in &section.sentences {
            let _ = writeln!(out, "<p>{}</p>", sentence_html(sentence));
        }
        out.push_str("</section>\n");
    }
    if !brief.conflicts.is_empty() {
        out.push_str("<section id=\"conflicts\">\n<h2>Where the sources disagree</h2>\n");
        for conflict in &brief.conflicts {
            let _ = write!(
                out,
                "<div class=\"conflict\"><p><strong>{}</strong>: {}</p><ul>",
                escape(&conflict.id),
                escape(&conflict.description)
            );
            for side in &conflict.sides {
                let _ = write!(out, "<li>{}</li>", sentence_html(side));
            }
            out.push_str("</ul></div>\n");
        }
        out.push_str("</section>\n");
    }
    if !brief.sources.is_empty() {
        out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n<table><thead><tr><th>Document</th><th>Title</th><th>Publisher</th><th>Published</th><th>Claims</th></tr></thead><tbody>");
        for row in &brief.sources {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&row.document),
                escape(&row.title),
                escape(&row.publisher),
                escape(row.published.as_deref().unwrap_or("")),
                row.claims
            );
        }
        out.push_str("</tbody></table>\n");
        if !brief.single_source.is_empty() {
            out.push_str("<p>Resting on one source only:</p><ul>");
            for sentence in &brief.single_source {
                let _ = write!(out, "<li>{}</li>", sentence_html(sentence));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    if !brief.footnotes.is_empty() {
        out.push_str("<section id=\"notes\">\n<h2>Passages</h2>\n<ol class=\"notes\">\n");
        for note in &brief.footnotes {
            out.push_str(&footnote_html(note));
            out.push('\n');
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
