//! `peertrail ingest`.

use crate::support::{arg, cpc_report, outcome, peertrail, scratch};

#[test]
fn prints_the_json_document() {
    let dir = scratch("ingest-ok");
    let report = dir.join("fernleigh-2025-03-cpc.md");
    std::fs::write(
        &report,
        cpc_report(
            "Fernleigh Borough Council",
            &["***Publish a plan.*** Soon."],
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = outcome(&peertrail(&["ingest", arg(&report)]));
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(doc["format"], "peertrail/1");
    assert_eq!(doc["councils"][0]["id"], "fernleigh");
    assert_eq!(doc["reviews"][0]["council"], "fernleigh");
}

#[test]
fn a_bad_file_is_named_and_the_others_still_processed() {
    let dir = scratch("ingest-bad");
    let good = dir.join("good.md");
    std::fs::write(
        &good,
        cpc_report("Fernleigh Borough Council", &["***Do one thing.*** Now."]),
    )
    .unwrap();
    let binary = dir.join("picture.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n\n").unwrap();
    let (code, stdout, stderr) = outcome(&peertrail(&[
        "ingest",
        arg(&binary),
        arg(&good),
        arg(&empty),
    ]));
    assert_eq!(code, 1, "some files failed: exit 1");
    assert!(
        stderr.contains("picture.txt") && stderr.contains("not text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is still JSON");
    assert_eq!(doc["reviews"].as_array().map(Vec::len), Some(1));
}

#[test]
fn strict_refuses_to_print_anything() {
    let dir = scratch("ingest-strict");
    let good = dir.join("good.md");
    std::fs::write(
        &good,
        cpc_report("Fernleigh Borough Council", &["***Act.*** Now."]),
    )
    .unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"\0\0\0").unwrap();
    let (code, stdout, stderr) =
        outcome(&peertrail(&["ingest", "--strict", arg(&good), arg(&bad)]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("--strict"), "{stderr}");
}

#[test]
fn missing_file_and_no_arguments() {
    let (code, _, stderr) = outcome(&peertrail(&["ingest", "/nonexistent/report.txt"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("/nonexistent/report.txt"), "{stderr}");
    let (code, _, stderr) = outcome(&peertrail(&["ingest"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("FILE"), "{stderr}");
}

#[test]
fn help_teaches() {
    let (code, stdout, _) = outcome(&peertrail(&["--help"]));
    assert_eq!(code, 0);
    for word in ["ingest", "export", "Exit status", "meta.toml"] {
        assert!(stdout.contains(word), "--help lacks {word}: {stdout}");
    }
}
