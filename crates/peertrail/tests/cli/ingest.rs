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
    assert_eq!(doc["format"], "peertrail/2");
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

#[test]
fn council_option_fills_in_only_where_the_report_names_none() {
    let dir = scratch("ingest-council");
    let named = dir.join("named.md");
    std::fs::write(
        &named,
        cpc_report("Fernleigh Borough Council", &["***Act.*** Now."]),
    )
    .unwrap();
    let unnamed = dir.join("unnamed.md");
    std::fs::write(
        &unnamed,
        "# Corporate Peer Challenge\n\n3rd – 6th March 2025\n\n## Key recommendations\n\n1. ***Plan.*** Soon.\n",
    )
    .unwrap();
    let (code, _, stderr) = outcome(&peertrail(&["ingest", arg(&unnamed)]));
    assert_eq!(
        code, 1,
        "a report naming no council is skipped without --council"
    );
    assert!(
        stderr.contains("unnamed.md") && stderr.contains("--council"),
        "{stderr}"
    );
    let (code, stdout, stderr) = outcome(&peertrail(&[
        "ingest",
        "--council",
        "Ashby Vale District Council",
        arg(&named),
        arg(&unnamed),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = doc["councils"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["ashby-vale", "fernleigh"],
        "the named report keeps its own council"
    );
}

#[test]
fn a_bad_sidecar_names_its_file_and_line() {
    let dir = scratch("ingest-sidecar");
    let report = dir.join("report.md");
    std::fs::write(
        &report,
        cpc_report("Fernleigh Borough Council", &["***Act.*** Now."]),
    )
    .unwrap();
    std::fs::write(
        dir.join("report.meta.toml"),
        "council = \"Fernleigh\"\nkind = \"cpc\"\n",
    )
    .unwrap();
    let (code, _, stderr) = outcome(&peertrail(&["ingest", arg(&report)]));
    assert_eq!(code, 1);
    assert!(stderr.contains("report.meta.toml:2:"), "{stderr}");
    assert!(
        stderr.contains("corporate_peer_challenge"),
        "the error lists the known kinds: {stderr}"
    );
    std::fs::write(
        dir.join("report.meta.toml"),
        "council = \"Holmewood Borough Council\"\nheld = \"2025-03-03..2025-03-06\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = outcome(&peertrail(&["ingest", arg(&report)]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("\"holmewood/2025-03-03-cpc\""),
        "the sidecar wins: {stdout}"
    );
}

#[test]
fn a_folder_s_sidecars_are_found_in_either_name_and_through_a_link() {
    let dir = scratch("ingest-folder-sidecars");
    let elsewhere = scratch("ingest-folder-sidecars-elsewhere");
    let write = |name: &str| {
        std::fs::write(
            dir.join(name),
            cpc_report("Fernleigh Borough Council", &["***Act.*** Now."]),
        )
        .unwrap();
    };
    // `a.md` → `a.meta.toml`; `b.md` → `b.md.meta.toml`; `c.md` has none.
    write("a.md");
    std::fs::write(
        dir.join("a.meta.toml"),
        "council = \"Ashby Vale District Council\"\n",
    )
    .unwrap();
    write("b.md");
    std::fs::write(
        dir.join("b.md.meta.toml"),
        "council = \"Holmewood Borough Council\"\n",
    )
    .unwrap();
    write("c.md");
    let mut expected = vec!["ashby-vale", "fernleigh", "holmewood"];
    // A sidecar that is a link to a file elsewhere counts as well.
    #[cfg(unix)]
    {
        write("d.md");
        let target = elsewhere.join("shared.toml");
        std::fs::write(&target, "council = \"Kestrel Vale District Council\"\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("d.meta.toml")).unwrap();
        expected.push("kestrel-vale");
    }
    let (code, stdout, stderr) = outcome(&peertrail(&["ingest", arg(&dir)]));
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut ids: Vec<&str> = doc["councils"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, expected, "each report's sidecar names its council");
}
