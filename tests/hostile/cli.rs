//! A few runs of the real `peertrail` binary, where it has been built: a
//! corpus with bad files exports the good ones, lists every skipped file
//! and exits 1; `--strict` refuses and writes nothing.

use std::process::Command;

use crate::support::{binary, check_output, report, snapshot_dir, Scratch};

#[test]
fn export_with_bad_files_writes_the_good_ones_and_exits_1() {
    let Some(bin) = binary() else { return };
    let dir = Scratch::new("cli");
    let corpus = dir.path.join("corpus");
    dir.file(
        "corpus/good.txt",
        report("Fernleigh Borough Council", "Text.\n"),
    );
    dir.file("corpus/empty.txt", "");
    dir.file("corpus/nul.txt", "Holmewood Council\n\0\n");
    let out = dir.path.join("out");
    let run = Command::new(&bin)
        .args(["export", "--format", "json", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: error: the file is empty",
            corpus.join("empty.txt").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}:2: error: the file is not text (binary data at byte 18, line 2)",
            corpus.join("nul.txt").display()
        )),
        "{stderr}"
    );
    let files = snapshot_dir(&out);
    let json = &files[std::path::Path::new("peertrail.json")];
    check_output("peertrail.json", json, false);
    assert!(String::from_utf8_lossy(json).contains("fernleigh"));

    let strict_out = dir.path.join("strict-out");
    let strict = Command::new(&bin)
        .args(["export", "--strict", "--format", "json", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&strict_out)
        .output()
        .unwrap();
    assert_eq!(
        strict.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&strict.stderr)
    );
    assert!(!strict_out.exists() || snapshot_dir(&strict_out).is_empty());
}

#[test]
fn ingest_of_a_binary_file_names_it_and_exits_non_zero() {
    let Some(bin) = binary() else { return };
    let dir = Scratch::new("cli-ingest");
    let png = dir.file("picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let run = Command::new(&bin).arg("ingest").arg(&png).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_ne!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:1: error: the file is not text (binary data at byte 0, line 1)",
            png.display()
        )),
        "{stderr}"
    );
}
