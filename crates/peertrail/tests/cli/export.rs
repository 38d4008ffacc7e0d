//! `peertrail export`.

use std::fs;

use crate::support::{arg, corpus, cpc_report, outcome, peertrail, scratch};

#[test]
fn writes_every_format_and_leaves_other_files_alone() {
    let out = scratch("export-all");
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&corpus()),
        "--out",
        arg(&out),
    ]));
    assert_eq!(code, 0, "stderr: {stderr}");
    for exporter in peertrail::exporters() {
        for file in exporter.files() {
            let len = fs::metadata(out.join(file)).map(|m| m.len()).unwrap_or(0);
            assert!(len > 0, "{file} missing or empty");
        }
    }
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_name() != ".peertrail-export")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn only_the_chosen_formats() {
    let out = scratch("export-json");
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&corpus()),
        "--out",
        arg(&out),
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(out.join("peertrail.json").is_file());
    assert!(!out.join("recommendations.csv").exists());
    assert!(!out.join("peertrail.dot").exists());
}

/// The command runs on the reading pool's thread: with a pool of one
/// thread, nothing may wait for a second, and the files are the same.
#[test]
fn one_thread_writes_what_two_write() {
    let mut written = Vec::new();
    for threads in ["1", "2"] {
        let out = scratch(&format!("export-threads-{threads}"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_peertrail"))
            .env("RAYON_NUM_THREADS", threads)
            .args(["export", "--corpus", arg(&corpus()), "--out", arg(&out)])
            .args(["--format", "csv,json,dot,sqlite", "--no-cache", "-q"])
            .output()
            .unwrap();
        let (code, _, stderr) = outcome(&run);
        assert_eq!(code, 0, "{threads} thread(s): {stderr}");
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&out)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        assert!(files.len() > 5, "{threads} thread(s): {files:?}");
        written.push(files);
    }
    assert!(
        written[0] == written[1],
        "one thread and two wrote different files"
    );
}

#[test]
fn unknown_format_is_a_clear_error_and_writes_nothing() {
    let out = scratch("export-unknown");
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&corpus()),
        "--out",
        arg(&out),
        "--format",
        "csv,xlsv",
    ]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown format `xlsv`")
            && stderr.contains("csv,json,dot,html,xlsx,sqlite"),
        "{stderr}"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn formula_cells_are_neutralised() {
    let dir = scratch("export-formula");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::write(
        reports.join("fernleigh-2025-03-cpc.md"),
        cpc_report(
            "Fernleigh Borough Council",
            &[
                "=HYPERLINK(\"http://example.invalid\",\"click\") should never run.",
                "@SUM(A1) too.",
            ],
        ),
    )
    .unwrap();
    let out = dir.join("out");
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&reports),
        "--out",
        arg(&out),
        "--format",
        "csv",
    ]));
    assert_eq!(code, 0, "stderr: {stderr}");
    let csv = fs::read_to_string(out.join("recommendations.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "not neutralised: {csv}");
    assert!(
        !csv.contains(",=HYPERLINK(") && !csv.contains(",\"=HYPERLINK("),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
}

#[test]
fn a_failed_export_keeps_the_previous_outputs() {
    let dir = scratch("export-keep");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::write(
        reports.join("a.md"),
        cpc_report("Fernleigh Borough Council", &["***One.*** Two."]),
    )
    .unwrap();
    let out = dir.join("out");
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&reports),
        "--out",
        arg(&out),
    ]));
    assert_eq!(code, 0, "stderr: {stderr}");
    let before = fs::read(out.join("peertrail.json")).unwrap();
    // Strict mode with a bad file fails before anything is written.
    fs::write(reports.join("bad.txt"), b"\0binary").unwrap();
    fs::write(
        reports.join("b.md"),
        cpc_report("Ashby Vale District Council", &["***New.*** Text."]),
    )
    .unwrap();
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--strict",
        "--corpus",
        arg(&reports),
        "--out",
        arg(&out),
    ]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert_eq!(fs::read(out.join("peertrail.json")).unwrap(), before);
    // Without --strict the good files are exported and the exit says some failed.
    let (code, _, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&reports),
        "--out",
        arg(&out),
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("bad.txt") && stderr.contains("1 file(s) skipped"),
        "{stderr}"
    );
    let after = fs::read_to_string(out.join("peertrail.json")).unwrap();
    assert!(
        after.contains("ashby-vale"),
        "the good new file was exported"
    );
}

#[test]
fn quiet_prints_nothing_when_all_goes_well() {
    // Every format, so that no exporter (or a library under one) writes
    // to stderr behind the run's back.
    let out = scratch("export-quiet");
    let (code, stdout, stderr) = outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(&corpus()),
        "--out",
        arg(&out),
        "--quiet",
        "--no-cache",
    ]));
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!((stdout.as_str(), stderr.as_str()), ("", ""));
}
