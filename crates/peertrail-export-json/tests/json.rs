//! The JSON exporter on a hand-built data set: the bytes pinned, and the
//! document read back into the core types.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use peertrail_core::{Dataset, ExportContext, ExportError, Exporter, LinkKind};
use peertrail_export_json::JsonExporter;

fn render(data: &Dataset, similar_theme: bool) -> String {
    let ctx = ExportContext::new(data).with_similar_theme(similar_theme);
    let mut out = Vec::new();
    JsonExporter
        .write("peertrail.json", &ctx, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn snapshot() {
    insta::assert_snapshot!("peertrail_json", render(&common::dataset(), false));
}

#[test]
fn reads_back_losslessly_with_similar_theme() {
    let data = common::dataset();
    assert!(data.links.iter().any(|l| l.kind == LinkKind::SimilarTheme));
    let json = render(&data, true);
    let back: Dataset = serde_json::from_str(&json).unwrap();
    assert_eq!(back, data);
    assert!(back
        .recommendations
        .iter()
        .any(|r| r.text == common::HOSTILE));
    // The borrowed document encodes exactly as the core type does.
    assert_eq!(json, serde_json::to_string_pretty(&data).unwrap() + "\n");
}

#[test]
fn reads_back_without_similar_theme_links_by_default() {
    let data = common::dataset();
    let back: Dataset = serde_json::from_str(&render(&data, false)).unwrap();
    let mut expected = data.clone();
    expected.links.retain(|l| l.kind != LinkKind::SimilarTheme);
    assert!(expected.links.len() < data.links.len());
    assert_eq!(back, expected);
}

#[test]
fn document_shape() {
    let json = render(&common::dataset(), false);
    assert!(json.starts_with("{\n  \"format\": \"peertrail/2\",\n  \"councils\": ["));
    assert!(json.ends_with("}\n") && !json.ends_with("\n\n"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "format",
        "councils",
        "reviews",
        "recommendations",
        "actions",
        "progress",
        "review_progress",
        "people",
        "links",
        "updates",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn empty_dataset_and_unknown_file() {
    let data = Dataset::default();
    let back: Dataset = serde_json::from_str(&render(&data, false)).unwrap();
    assert_eq!(back, data);
    let mut out = Vec::new();
    let err = JsonExporter
        .write("other.json", &ExportContext::new(&data), &mut out)
        .unwrap_err();
    assert!(matches!(err, ExportError::UnknownFile { .. }), "{err}");
    assert!(out.is_empty());
}

#[test]
fn names_itself() {
    assert_eq!(JsonExporter.name(), "json");
    assert_eq!(JsonExporter.files(), ["peertrail.json"]);
    assert!(!JsonExporter.description().contains('\n'));
}
