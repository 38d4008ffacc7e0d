//! Peak memory for one large report in each format councils publish: the
//! `peertrail` binary reading it and writing its JSON stays under three
//! times the file's size above the process's own baseline (a one-page
//! report), as docs/robustness.md states. Read from the peak `--timings`
//! prints; skipped where the system does not report one.
//!
//! A debug build is slow enough that the allocator gives freed memory back
//! between stages whatever its settings, so this guards the readers and
//! ingest against holding more, not the allocator's timing (measured in a
//! release build in docs/robustness.md).

use std::path::Path;
use std::process::Command;

use peertrail_testkit::{docx, html};

use crate::support::{binary, Scratch};

/// How large the report is made: large enough that the baseline's drift
/// (a megabyte or so) is small beside three times it.
const TEXT_BYTES: usize = 3 << 20;

/// The peak memory `peertrail export --timings` reports for `corpus`, in MB.
fn peak_mb(bin: &Path, corpus: &Path, out: &Path) -> Option<f64> {
    let run = Command::new(bin)
        .args([
            "export",
            "--format",
            "json",
            "--no-cache",
            "--quiet",
            "--timings",
        ])
        .arg("--corpus")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{}: {stderr}", corpus.display());
    let (_, after) = stderr.split_once("peak memory ")?;
    after.split_once(" MB")?.0.parse().ok()
}

#[test]
fn one_large_report_takes_under_three_times_its_size() {
    let Some(bin) = binary() else { return };
    let page = std::fs::read_to_string(
        peertrail_tests::root().join("tests/corpus/marshfield-2018-09-cpc.md"),
    )
    .unwrap();
    let mut text = String::with_capacity(TEXT_BYTES + page.len());
    while text.len() < TEXT_BYTES {
        text.push_str(&page);
        text.push('\n');
    }
    let dir = Scratch::new("memory");
    dir.file("one-page/report.md", &page);
    let Some(baseline) = peak_mb(&bin, &dir.path.join("one-page"), &dir.path.join("out")) else {
        eprintln!("skipped: no peak memory reported on this system");
        return;
    };
    let forms: [(&str, Vec<u8>); 3] = [
        ("report.md", text.clone().into_bytes()),
        (
            "report.html",
            html(&text, "Peer challenge", "https://marshfield.example/peer").into_bytes(),
        ),
        ("report.docx", docx(&text)),
    ];
    for (name, bytes) in forms {
        let sub = name.replace('.', "-");
        dir.file(&format!("{sub}/{name}"), &bytes);
        let folder = dir.path.join(&sub);
        let peak = peak_mb(&bin, &folder, &dir.path.join("out")).unwrap();
        let ratio = (peak - baseline) / (bytes.len() as f64 / 1e6);
        eprintln!("{name}: {:.1} MB file, peak {peak:.1} MB over a baseline of {baseline:.1} MB: {ratio:.2}x", bytes.len() as f64 / 1e6);
        assert!(ratio <= 3.0, "{name}: {ratio:.2} times the file");
    }
}
