//! Briefs: footnoted narrative, conflicts, sources, a drawing; the same
//! bytes for the same input; safe to open (no element or attribute from
//! the data); and read by a real browser, on screen and printed to PDF.

use proptest::prelude::*;
use quick_xml::events::Event;
use tiegraph::graph::{TieGraph, View};
use tiegraph::model::Reviews;
use tiegraph::query::{PathMode, PathQuery, find_paths};
use tiegraph::report::{self, Brief};

use crate::support::{embedded_graph, stderr, stdout, tiegraph};

fn basov_brief(graph: &TieGraph) -> Brief {
    let (a, b) = (
        graph.find("Alexander Basov").unwrap(),
        graph.find("Min Aung Hlaing").unwrap(),
    );
    let found = find_paths(
        graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllShortest,
        &PathQuery::default(),
    )
    .unwrap();
    report::path_brief(graph, &Reviews::default(), &found.paths, "2026-12-02")
}

/// Every element and attribute name of an XHTML text, and its text.
fn parse(html: &str) -> (Vec<String>, Vec<(String, String)>, String) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut elements = Vec::new();
    let mut attributes = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                elements.push(e.name().as_ref().to_string());
                for attribute in e.attributes() {
                    let attribute = attribute.expect("well-formed attributes");
                    attributes.push((
                        attribute.key.as_ref().to_string(),
                        attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("escaped")
                            .into_owned(),
                    ));
                }
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(reference)) => {
                let name = reference.into_inner().into_owned();
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("unexpected entity &{other};"),
                });
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("not well-formed at {}: {error}", reader.buffer_position()),
        }
    }
    (elements, attributes, text)
}

const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "p",
    "figure",
    "svg",
    "line",
    "circle",
    "polygon",
    "text",
    "figcaption",
    "span",
    "section",
    "sup",
    "a",
    "div",
    "strong",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "ol",
];

const ATTRIBUTES: &[&str] = &[
    "xmlns",
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "viewBox",
    "role",
    "aria-label",
    "x1",
    "y1",
    "x2",
    "y2",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "cx",
    "cy",
    "r",
    "fill",
    "points",
    "x",
    "y",
    "font-size",
    "width",
    "height",
    "href",
    "id",
];

#[test]
fn a_path_brief_footnotes_every_passage_and_is_the_same_every_time() {
    let graph = embedded_graph();
    let brief = basov_brief(&graph);
    let html = report::to_html(&graph, &brief);
    assert_eq!(
        html,
        report::to_html(&graph, &basov_brief(&graph)),
        "deterministic"
    );
    let (elements, attributes, text) = parse(&html);
    assert!(
        elements.iter().all(|e| ELEMENTS.contains(&e.as_str())),
        "{elements:?}"
    );
    assert!(
        attributes
            .iter()
            .all(|(a, _)| ATTRIBUTES.contains(&a.as_str()))
    );
    assert!(text.contains("How Alexander Basov links to Min Aung Hlaing"));
    // Every passage of every claim of the path is a footnote, once.
    let quotes: Vec<String> = brief
        .view
        .edges()
        .flat_map(|e| graph.claim(e).evidence.clone())
        .map(|e| graph.evidence_text(&e).to_string())
        .collect();
    assert_eq!(brief.footnotes.len(), quotes.len());
    for quote in &quotes {
        assert!(text.contains(&format!("“{quote}”")), "{quote}");
    }
    // Sentences link to their notes, notes carry the byte range and review.
    assert!(html.contains("<sup><a href=\"#note-2\">2</a>,<a href=\"#note-3\">3</a></sup>"));
    assert!(text.contains("secret-delegation bytes 878–926; review: unreviewed"));
    assert!(html.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
    let markdown = report::to_markdown(&brief);
    assert!(markdown.contains(
        "- Min Aung Hlaing visited Rosoboronexport (2021-06-22, year inferred).[^2][^3]"
    ));
    assert!(markdown.contains("[^1]: “Alexander Basov, the exporter’s representative”"));
}

#[test]
fn an_entity_brief_sets_disagreeing_sources_side_by_side_and_says_who_rests_on_one() {
    let graph = embedded_graph();
    let zemskov = graph.find("Vladimir Zemskov").unwrap();
    let brief = report::entity_brief(
        &graph,
        &Reviews::default(),
        &View::all(&graph),
        zemskov,
        1,
        "2026-12-02",
    );
    let html = report::to_html(&graph, &brief);
    let (_, _, text) = parse(&html);
    assert!(text.contains("Where the sources disagree"));
    assert!(text.contains("zemskov-role"));
    assert_eq!(brief.conflicts[0].sides.len(), 2);
    assert!(text.contains("Resting on one source only"));
    // A passage that is not a plain statement says what it is.
    assert!(
        text.contains("reported, according to Myanmar Now"),
        "{text}"
    );
}

#[test]
fn an_empty_view_gives_a_brief_that_says_so() {
    let graph = embedded_graph();
    let brief = report::view_brief(
        &graph,
        &Reviews::default(),
        &View::empty(&graph),
        "Empty",
        "2026-12-02",
    );
    let html = report::to_html(&graph, &brief);
    assert!(html.contains("Nothing to report: the view holds no claim."));
    assert!(!html.contains("<svg"));
}

fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("</style><img src=x onerror=alert(1)>".to_string()),
        Just("\" onmouseover=\"alert(1)".to_string()),
        Just("' autofocus onfocus='x".to_string()),
        Just("]]><!--".to_string()),
        Just("&amp; &lt; &#x3c;".to_string()),
        Just("မြန်မာ".to_string()),
        Just("Шойгу".to_string()),
        "[a-zA-Z ]{1,8}",
    ];
    proptest::collection::vec(pieces, 1..4).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Hostile names, quotes and titles never become an element or an
    /// attribute, and each reads back exactly as text.
    #[test]
    fn hostile_text_stays_text(label in hostile(), quote in hostile(), title in hostile()) {
        let toml = format!(
            "[dataset]\nname = {title:?}\n[[documents]]\nid = \"d\"\ntitle = {title:?}\npublisher = {label:?}\npath = \"d.txt\"\n\
             [[nodes]]\nid = \"a\"\nkind = \"person\"\nlabel = {label:?}\n[[nodes]]\nid = \"b\"\nkind = \"person\"\nlabel = \"B\"\n\
             [[claims]]\nfrom = \"a\"\nrelation = \"met\"\nto = \"b\"\nevidence = [{{ doc = \"d\", quote = {quote:?} }}]\n"
        );
        let store = tiegraph::load::MemoryStore { documents: vec![("d.txt".into(), quote.to_string())] };
        let loaded = tiegraph::load::load_str("h.toml", &toml, &store);
        let Ok(loaded) = loaded else { return Ok(()) };
        let graph = TieGraph::new(loaded.dataset);
        let brief = report::view_brief(&graph, &Reviews::default(), &View::all(&graph), &title, "2026-12-02");
        let html = report::to_html(&graph, &brief);
        let (elements, attributes, text) = parse(&html);
        prop_assert!(elements.iter().all(|e| ELEMENTS.contains(&e.as_str())), "{:?}", elements);
        prop_assert!(attributes.iter().all(|(a, _)| ATTRIBUTES.contains(&a.as_str())));
        for (_, value) in &attributes {
            prop_assert!(!value.contains("alert(1)"), "data in an attribute: {}", value);
        }
        let label_text = graph.node(graph.find("B").unwrap()).label.clone();
        prop_assert!(text.contains(&label_text));
        prop_assert!(text.contains(graph.dataset().nodes[0].label.trim()));
        let shown_quote = format!("“{}”", quote.trim());
        prop_assert!(text.contains(&shown_quote));
        prop_assert!(text.contains(title.trim()));
    }
}

#[test]
fn the_command_line_writes_briefs_and_fails_like_path() {
    let folder = tempfile::tempdir().unwrap();
    let out_path = folder.path().join("brief.md");
    let out = tiegraph(&[
        "report",
        "path",
        "Alexander Basov",
        "Min Aung Hlaing",
        "--format",
        "md",
        "--date",
        "2026-12-02",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(&out_path).unwrap();
    assert!(md.starts_with("# How Alexander Basov links to Min Aung Hlaing"));
    let unknown = tiegraph(&["report", "path", "Alexandr Basov", "Min Aung Hlaing"]);
    let path = tiegraph(&["path", "Alexandr Basov", "Min Aung Hlaing"]);
    assert_eq!(unknown.status.code(), path.status.code());
    assert_eq!(stderr(&unknown), stderr(&path));
    // No path: the same words and exit code as `tiegraph path`, no brief.
    let graded = crate::support::data("graded/graded.toml");
    let graded = graded.to_str().unwrap();
    let none = tiegraph(&["report", "path", "Ann", "Dan", "--factual-only", graded]);
    let path = tiegraph(&["path", "Ann", "Dan", "--factual-only", graded]);
    assert_eq!(none.status.code(), path.status.code());
    assert_eq!(stdout(&none), stdout(&path));
    assert!(stdout(&none).contains("no path within 6 hops"));
    let unwritable = tiegraph(&["report", "view", "-o", "/proc/brief.html"]);
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(
        stderr(&unwritable).contains("/proc/") && stderr(&unwritable).contains("brief.html"),
        "{}",
        stderr(&unwritable)
    );
    // An empty view: a brief that says it is empty.
    let view = tiegraph(&[
        "report",
        "view",
        "--text",
        "no such name",
        "--hide-isolated",
        "--format",
        "md",
        "--date",
        "2026-12-02",
    ]);
    assert!(view.status.success(), "{}", stderr(&view));
    assert!(
        stdout(&view).contains("Nothing to report: the view holds no claim."),
        "{}",
        stdout(&view)
    );
}

/// Runs Debian's chromium headless (required: `.ci/run` installs it).
fn chromium(args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium is required (apt-get install chromium)")
}

#[test]
fn a_real_browser_shows_and_prints_every_quote_and_entity() {
    let graph = embedded_graph();
    let folder = tempfile::tempdir().unwrap();
    for (name, brief) in [
        ("path", basov_brief(&graph)),
        (
            "entity",
            report::entity_brief(
                &graph,
                &Reviews::default(),
                &View::all(&graph),
                graph.find("Vladimir Zemskov").unwrap(),
                1,
                "2026-12-02",
            ),
        ),
    ] {
        let html_path = folder.path().join(format!("{name}.html"));
        std::fs::write(&html_path, report::to_html(&graph, &brief)).unwrap();
        let url = format!("file://{}", html_path.display());
        let dom = chromium(&["--dump-dom", &url]);
        let dom = String::from_utf8_lossy(&dom.stdout);
        for node in brief.view.nodes() {
            assert!(
                dom.contains(&graph.node(node).label),
                "{name}: {}",
                graph.node(node).label
            );
        }
        for note in &brief.footnotes {
            let shown = note
                .quote
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(dom.contains(&shown), "{name}: {}", note.quote);
        }
        let png = folder.path().join(format!("{name}.png"));
        chromium(&[
            "--window-size=1000,1400",
            &format!("--screenshot={}", png.display()),
            &url,
        ]);
        let colours = std::process::Command::new("identify")
            .args(["-format", "%k"])
            .arg(&png)
            .output()
            .expect("ImageMagick's identify is required");
        let colours: u32 = String::from_utf8_lossy(&colours.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        assert!(
            colours > 50,
            "{name}: a blank screenshot ({colours} colours)"
        );
        let pdf = folder.path().join(format!("{name}.pdf"));
        chromium(&[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ]);
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is required");
        let text = String::from_utf8_lossy(&text.stdout);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for note in &brief.footnotes {
            let wanted: String = note.quote.split_whitespace().collect::<Vec<_>>().join(" ");
            let start: String = wanted.chars().take(30).collect();
            assert!(flat.contains(&start), "{name}: the PDF lacks {start:?}");
        }
    }
}
