//! The DOT exporter on a hand-built data set: the bytes pinned, hostile
//! text kept inside its quoted strings, and Graphviz rendering the result
//! without a warning.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use peertrail_core::{Dataset, ExportContext, ExportError, Exporter, RecommendationId};
use peertrail_export_dot::DotExporter;

fn render(data: &Dataset, similar_theme: bool) -> String {
    let ctx = ExportContext::new(data).with_similar_theme(similar_theme);
    let mut out = Vec::new();
    DotExporter.write("peertrail.dot", &ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The parts of a line outside double-quoted strings, or `None` when a
/// string is left open at the end of the line.
fn unquoted(line: &str) -> Option<String> {
    let mut outside = String::new();
    let mut in_string = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next()?;
            }
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => {
                in_string = true;
                outside.push_str("\"\"");
            }
            (false, c) => outside.push(c),
        }
    }
    (!in_string).then_some(outside)
}

/// Every line closes its strings and brackets, and nothing from the data
/// appears outside a string.
fn assert_balanced(dot: &str) {
    assert!(
        !dot.contains(|c: char| c.is_control() && c != '\n'),
        "{dot}"
    );
    let mut rankdirs = 0;
    for line in dot.lines() {
        let outside = unquoted(line).unwrap_or_else(|| panic!("open string: {line}"));
        rankdirs += outside.matches("rankdir").count();
        assert_eq!(
            outside.matches('[').count(),
            outside.matches(']').count(),
            "{line}"
        );
        assert!(
            !outside.contains("script") && !outside.contains("=TB"),
            "{line}"
        );
        let trimmed = outside.trim();
        assert!(
            trimmed.ends_with(';')
                || trimmed.ends_with('{')
                || trimmed == "}"
                || trimmed.is_empty(),
            "{line}"
        );
    }
    assert_eq!(rankdirs, 1, "{dot}");
}

/// Renders with `dot -Tsvg` where Graphviz is installed: exit 0, no stderr.
fn assert_renders(dot: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        println!("skipped: graphviz not installed");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot failed: {stderr}\n{dot}");
    assert!(stderr.is_empty(), "dot warned: {stderr}\n{dot}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn snapshot() {
    let dot = render(&common::dataset(), false);
    insta::assert_snapshot!("peertrail_dot", dot);
}

#[test]
fn hostile_text_stays_inside_its_label() {
    let mut data = common::dataset();
    // Also a label, title and council name of the same sort, and a string
    // that ends in a backslash.
    let hostile = RecommendationId::from_raw("corrington/2021-03-cpc#r2");
    let rec = data
        .recommendations
        .iter_mut()
        .find(|r| r.id == hostile)
        .unwrap();
    rec.label = Some("x\"] ; y [\\".to_string());
    rec.title = Some(format!("{}\\", common::HOSTILE));
    data.councils[0].name = "Corrington\"; rankdir=TB; \\".to_string();
    for similar_theme in [false, true] {
        let dot = render(&data, similar_theme);
        assert_balanced(&dot);
        assert!(dot.contains(r#"\"; rankdir=TB; x=\""#), "{dot}");
        assert!(
            dot.contains(r"C:\\temp\\new and \\N;\nthen <script>"),
            "{dot}"
        );
        if let Some(svg) = assert_renders(&dot) {
            assert!(svg.contains("&lt;script&gt;"), "{svg}");
        }
    }
}

#[test]
fn fixture_renders_and_is_balanced() {
    let data = common::dataset();
    for similar_theme in [false, true] {
        let dot = render(&data, similar_theme);
        assert_balanced(&dot);
        assert_eq!(dot.contains("similar_theme"), similar_theme);
        assert_renders(&dot);
    }
}

#[test]
fn structure() {
    let dot = render(&common::dataset(), true);
    assert!(dot.starts_with("digraph \"peertrail\" {\n  rankdir=LR;\n"));
    assert!(dot.ends_with("}\n"));
    assert_eq!(dot.matches("subgraph cluster_").count(), 2);
    assert!(dot.contains("subgraph cluster_0 {\n    label=\"Corrington Borough Council\";"));
    // The placeholder is dashed; undated reviews come last on the timeline.
    assert!(dot.contains("\"corrington/2021-03-cpc\" [shape=box, style=dashed,"));
    let timeline: Vec<&str> = dot.lines().filter(|l| l.contains("style=invis")).collect();
    assert_eq!(
        timeline,
        [
            "    \"corrington/2021-03-cpc\" -> \"corrington/2021-11-02-progress-review\" [style=invis, weight=10, minlen=2];",
            "    \"corrington/2021-11-02-progress-review\" -> \"corrington/undated-action-plan\" [style=invis, weight=10, minlen=2];",
        ]
    );
    // Long labels are cut with an ellipsis.
    assert!(
        dot.contains("Agree a shared vision with partners across the whole of…"),
        "{dot}"
    );
    // A link under the confidence a person should confirm is dashed and
    // says so.
    assert!(dot.contains("label=\"recurs (suggested)\", color=red, fontcolor=red, style=dashed"));
}

#[test]
fn empty_dataset_and_unknown_file() {
    let data = Dataset::default();
    let dot = render(&data, false);
    assert_eq!(
        dot,
        "digraph \"peertrail\" {\n  rankdir=LR;\n  node [fontsize=10];\n  edge [fontsize=8];\n}\n"
    );
    assert_renders(&dot);
    let mut out = Vec::new();
    let err = DotExporter
        .write("peertrail.svg", &ExportContext::new(&data), &mut out)
        .unwrap_err();
    assert!(matches!(err, ExportError::UnknownFile { .. }), "{err}");
    assert!(!DotExporter.description().contains('\n'));
}

#[test]
fn every_ascii_character_and_some_unicode_render_cleanly() {
    let mut data = common::dataset();
    let ascii: String = (0u8..128).map(char::from).collect();
    let unicode = "é ß ø Ł ‘’ “” – — … € £ \u{200b}\u{200d}\u{202e}rtl\u{202c} \u{85}\u{2028}\u{2029} 東京 😀";
    for (i, rec) in data.recommendations.iter_mut().enumerate() {
        rec.title = None;
        rec.label = Some(ascii.clone());
        rec.text = if i % 2 == 0 {
            format!("{ascii}{unicode}")
        } else {
            format!("{unicode}{ascii}")
        };
    }
    for action in &mut data.actions {
        action.owner = Some(ascii.chars().rev().collect());
    }
    data.councils[1].name = format!("{unicode}\\");
    for similar_theme in [false, true] {
        let dot = render(&data, similar_theme);
        assert_balanced(&dot);
        assert_renders(&dot);
    }
}
