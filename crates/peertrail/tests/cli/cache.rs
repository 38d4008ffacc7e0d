//! The extraction cache (`DIR/.peertrail-cache/extractions.pack`): a second
//! run over an unchanged corpus reads its extractions from the cache and
//! writes the same bytes as a run without it; anything that changes a
//! report's extraction changes its key. And the export manifest
//! (`OUT/.peertrail-export`): an export over an unchanged corpus into
//! unchanged outputs writes nothing; any change makes a full run.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{arg, outcome, peertrail, scratch, Scratch};
use crate::tracker::corpus_copy;

/// The sample corpus copied into a scratch folder of its own, so its
/// cache is this test's alone: the folder (removed when dropped) and the
/// corpus in it.
fn own_corpus(name: &str) -> (Scratch, PathBuf) {
    let dir = scratch(name);
    let corpus = corpus_copy(&dir);
    (dir, corpus)
}

/// `export` of `corpus` into `out`; the exit code must be 0. Returns stderr.
fn export(corpus: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", "--corpus", arg(corpus), "--out", arg(out)];
    args.extend_from_slice(extra);
    let (code, _, stderr) = outcome(&peertrail(&args));
    assert_eq!(code, 0, "stderr: {stderr}");
    stderr
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The outputs under `a` and `b` are the same files with the same bytes
/// (the manifest, which records when they were written, aside).
fn assert_same_outputs(a: &Path, b: &Path) {
    let outputs = |dir: &Path| {
        let mut files = files(dir);
        files.remove(Path::new(".peertrail-export"));
        files
    };
    let (a, b) = (outputs(a), outputs(b));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs", path.display());
    }
}

fn pack(corpus: &Path) -> PathBuf {
    corpus.join(".peertrail-cache/extractions.pack")
}

/// How many entries the corpus's pack holds, by its end line.
fn pack_entries(corpus: &Path) -> usize {
    let Ok(bytes) = fs::read(pack(corpus)) else {
        return 0;
    };
    let text = String::from_utf8_lossy(&bytes);
    let last = text.trim_end().rsplit('\n').next().unwrap_or_default();
    last.strip_prefix("end ").unwrap().parse().unwrap()
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// How many extractions the summary line says came from the cache.
fn from_cache(stderr: &str) -> usize {
    stderr
        .split_once(" from the cache)")
        .and_then(|(before, _)| before.rsplit_once('(').map(|(_, n)| n.to_string()))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_second_run_reads_the_cache_and_writes_the_same_bytes() {
    let (_dir, reports) = own_corpus("cache-second-run");
    let reports_total = fs::read_dir(&reports)
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            (name.ends_with(".txt") || name.ends_with(".md")) && !name.starts_with("README")
        })
        .count();
    let root = reports.parent().unwrap().to_path_buf();
    let cold = export(&reports, &root.join("cold"), &[]);
    assert_eq!(from_cache(&cold), 0, "{cold}");
    assert_eq!(pack_entries(&reports), reports_total);
    // Every entry hit and none went unused: the pack is not written again.
    let written = modified(&pack(&reports));
    let warm = export(&reports, &root.join("warm"), &[]);
    assert_eq!(from_cache(&warm), reports_total, "{warm}");
    assert_eq!(modified(&pack(&reports)), written);
    let fresh = export(&reports, &root.join("fresh"), &["--no-cache"]);
    assert_eq!(from_cache(&fresh), 0, "{fresh}");
    assert_same_outputs(&root.join("cold"), &root.join("warm"));
    assert_same_outputs(&root.join("cold"), &root.join("fresh"));
    // The queries read the same cache.
    let (code, _, stderr) = outcome(&peertrail(&[
        "timeline",
        "marshfield",
        "--corpus",
        arg(&reports),
    ]));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_changed_report_or_sidecar_is_read_again() {
    let (_dir, reports) = own_corpus("cache-changed");
    let root = reports.parent().unwrap().to_path_buf();
    export(&reports, &root.join("first"), &["--format", "json"]);
    let before = fs::read_to_string(root.join("first/peertrail.json")).unwrap();
    let total = pack_entries(&reports);

    // A recommendation is reworded: only that report is read again, and
    // the export shows the new wording.
    let report = reports.join("corrington-2019-09-cpc.txt");
    let text = fs::read_to_string(&report).unwrap();
    assert!(text.contains("digital strategy"));
    fs::write(&report, text.replace("digital strategy", "digital roadmap")).unwrap();
    let stderr = export(&reports, &root.join("second"), &["--format", "json"]);
    assert_eq!(from_cache(&stderr), total - 1, "{stderr}");
    let second = fs::read_to_string(root.join("second/peertrail.json")).unwrap();
    assert!(second.contains("digital roadmap"));
    // The old wording's entry is gone: the cache holds the last run's.
    assert_eq!(pack_entries(&reports), total);

    // A sidecar's council changes the extraction of its report.
    let sidecar = reports.join("north-vale-2025-02-remote-support.meta.toml");
    let side = fs::read_to_string(&sidecar).unwrap();
    fs::write(&sidecar, format!("{side}\n# edited\n")).unwrap();
    let stderr = export(&reports, &root.join("third"), &["--format", "json"]);
    assert_eq!(from_cache(&stderr), total - 1, "{stderr}");

    // `--council` is part of the key too.
    let stderr = export(
        &reports,
        &root.join("fourth"),
        &["--format", "json", "--council", "Elsewhere"],
    );
    assert_eq!(from_cache(&stderr), 0, "{stderr}");
    let after = fs::read_to_string(root.join("fourth/peertrail.json")).unwrap();
    assert_ne!(before, after);
}

#[test]
fn a_damaged_cache_is_read_again_and_mended() {
    let (_dir, reports) = own_corpus("cache-damaged");
    let root = reports.parent().unwrap().to_path_buf();
    export(&reports, &root.join("first"), &[]);
    let good = fs::read(pack(&reports)).unwrap();
    let json_at = good.iter().position(|&b| b == b'{').unwrap();
    let mut flipped = good.clone();
    // A digit in the first entry's JSON changes: still JSON, but not what
    // was written.
    let digit = json_at + good[json_at..].iter().position(u8::is_ascii_digit).unwrap();
    flipped[digit] = if flipped[digit] == b'1' { b'2' } else { b'1' };
    let damages: [(&str, Vec<u8>); 5] = [
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("one entry altered", flipped),
        (
            "another format",
            [
                b"peertrail-cache 1\n".as_slice(),
                &good[good.iter().position(|&b| b == b'\n').unwrap() + 1..],
            ]
            .concat(),
        ),
        ("not a pack", b"\x00\xff binary \x00".to_vec()),
    ];
    for (i, (what, damage)) in damages.into_iter().enumerate() {
        fs::write(pack(&reports), &damage).unwrap();
        let out = root.join(format!("damaged-{i}"));
        let stderr = export(&reports, &out, &[]);
        if what == "one entry altered" {
            // Only the altered entry is read again.
            assert!(from_cache(&stderr) > 0, "{what}: {stderr}");
        } else {
            assert_eq!(from_cache(&stderr), 0, "{what}: {stderr}");
        }
        assert_same_outputs(&root.join("first"), &out);
        // The pack is mended: whole again, every entry hits.
        assert_eq!(fs::read(pack(&reports)).unwrap(), good, "{what}");
    }

    // A temporary file a killed run left two hours ago goes; one a run
    // may be writing now stays. So does the per-report layout of an
    // older version.
    let cache = reports.join(".peertrail-cache");
    let old = cache.join(".extractions.pack.1.partial");
    let new = cache.join(".extractions.pack.2.partial");
    let fan = cache.join("ab");
    fs::create_dir_all(&fan).unwrap();
    fs::write(fan.join("cdef.json"), "peertrail-cache 1\n{}").unwrap();
    fs::write(&old, "half").unwrap();
    fs::write(&new, "half").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    // Another option: every entry is new, so the pack is written.
    export(&reports, &root.join("fourth"), &["--council", "Elsewhere"]);
    assert!(!old.exists(), "the killed run's file stays");
    assert!(new.exists(), "a file being written was removed");
    assert!(!fan.exists(), "the old layout stays");
}

#[test]
fn a_cache_that_cannot_be_written_is_one_warning() {
    let (_dir, reports) = own_corpus("cache-unwritable");
    let root = reports.parent().unwrap().to_path_buf();
    // A file where the cache folder goes: nothing can be kept (as in a
    // read-only corpus), and the run still answers.
    fs::write(reports.join(".peertrail-cache"), "not a folder").unwrap();
    let stderr = export(&reports, &root.join("out"), &[]);
    assert_eq!(
        stderr.matches("cannot write the cache").count(),
        1,
        "{stderr}"
    );
    export(&reports, &root.join("plain"), &["--no-cache"]);
    assert_same_outputs(&root.join("out"), &root.join("plain"));
}

#[test]
fn a_read_only_cache_folder_is_one_warning() {
    let (_dir, reports) = own_corpus("cache-read-only");
    let root = reports.parent().unwrap().to_path_buf();
    export(&reports, &root.join("first"), &[]);
    // A folder where the pack goes stops even a user the permissions do
    // not; the folder is made read-only too, for everyone else.
    let cache = reports.join(".peertrail-cache");
    fs::remove_file(pack(&reports)).unwrap();
    fs::create_dir(pack(&reports)).unwrap();
    let before = fs::metadata(&cache).unwrap().permissions();
    let mut read_only = before.clone();
    read_only.set_readonly(true);
    fs::set_permissions(&cache, read_only).unwrap();
    let stderr = export(&reports, &root.join("second"), &[]);
    fs::set_permissions(&cache, before).unwrap();
    assert_eq!(
        stderr.matches("cannot write the cache").count(),
        1,
        "{stderr}"
    );
    assert_same_outputs(&root.join("first"), &root.join("second"));
}

/// Every file under `dir` with its modification time.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, std::time::SystemTime> {
    files(dir)
        .into_keys()
        .map(|rel| {
            let time = modified(&dir.join(&rel));
            (rel, time)
        })
        .collect()
}

/// `export` with its exit code and stderr.
fn export_code(corpus: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["export", "--corpus", arg(corpus), "--out", arg(out)];
    args.extend_from_slice(extra);
    let (code, _, stderr) = outcome(&peertrail(&args));
    (code, stderr)
}

/// The lines of `stderr` that mention `needle`.
fn lines_with<'a>(stderr: &'a str, needle: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(needle)).collect()
}

fn up_to_date(stderr: &str) -> bool {
    stderr.contains("is up to date with the corpus")
}

#[test]
fn an_export_over_an_unchanged_corpus_writes_nothing() {
    let (_dir, reports) = own_corpus("uptodate-unchanged");
    let root = reports.parent().unwrap().to_path_buf();
    let out = root.join("out");
    // Every format, the HTML folder and the SQLite file among them.
    let first = export(&reports, &out, &["--as-of", "2026-01-01"]);
    assert!(!up_to_date(&first), "{first}");
    assert!(out.join(".peertrail-export").is_file());
    let (bytes, times) = (files(&out), stamps(&out));
    let second = export(&reports, &out, &["--as-of", "2026-01-01", "--timings"]);
    assert!(up_to_date(&second), "{second}");
    assert!(!second.contains("wrote "), "{second}");
    assert!(second.contains("check outputs"), "{second}");
    assert!(!second.contains("link and decide"), "{second}");
    assert!(files(&out) == bytes, "every output byte-identical");
    assert_eq!(stamps(&out), times, "no output touched");
    // The summary's numbers are the first run's.
    let numbers = |s: &str| {
        s.split_once(" councils")
            .and_then(|(before, _)| before.rsplit_once("; ").map(|(_, n)| n.to_string()))
    };
    assert_eq!(numbers(&first), numbers(&second), "{first}\n{second}");
}

#[test]
fn any_change_makes_a_full_run() {
    let (_dir, reports) = own_corpus("uptodate-changes");
    let root = reports.parent().unwrap().to_path_buf();
    let out = root.join("out");
    let base = ["--format", "csv,json,html,sqlite", "--as-of", "2026-01-01"];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        export(&reports, &out, &args)
    };
    let settle = |what: &str| {
        let stderr = run(&[]);
        assert!(!up_to_date(&stderr), "{what}: {stderr}");
        let stderr = run(&[]);
        assert!(up_to_date(&stderr), "{what}, then nothing: {stderr}");
    };
    settle("the first export");

    // A report changes.
    let report = reports.join("corrington-2019-09-cpc.txt");
    let text = fs::read_to_string(&report).unwrap();
    fs::write(&report, text.replace("digital strategy", "digital roadmap")).unwrap();
    settle("a report changed");
    assert!(fs::read_to_string(out.join("peertrail.json"))
        .unwrap()
        .contains("digital roadmap"));

    // A decisions file appears; what it prints is printed again when the
    // export is up to date.
    let decisions = "format = \"peertrail-decisions/1\"\n\n[[decision]]\ndecision = \"status_update\"\nrecommendation = \"nowhere/2020-01-01-cpc#r1\"\nstatus = \"complete\"\ndate = \"2024-01-01\"\n";
    fs::write(reports.join("peertrail-decisions.toml"), decisions).unwrap();
    let stderr = run(&[]);
    assert!(!up_to_date(&stderr), "{stderr}");
    assert!(stderr.contains("orphaned"), "{stderr}");
    let again = run(&[]);
    assert!(up_to_date(&again), "{again}");
    assert_eq!(
        lines_with(&stderr, "orphaned"),
        lines_with(&again, "orphaned")
    );

    // Other options, each then set back.
    for other in [
        ["--format", "csv,json", "--as-of", "2026-01-01"],
        ["--format", "csv,json,html,sqlite", "--as-of", "2025-01-01"],
    ] {
        let stderr = export(&reports, &out, &other);
        assert!(!up_to_date(&stderr), "{other:?}: {stderr}");
        settle("an option set back");
    }

    // An output deleted, or changed behind peertrail's back: written again.
    fs::remove_file(out.join("recommendations.csv")).unwrap();
    settle("an output deleted");
    assert!(out.join("recommendations.csv").is_file());
    let json = out.join("peertrail.json");
    let bytes = fs::read(&json).unwrap();
    fs::write(&json, b"{}").unwrap();
    settle("an output changed");
    assert_eq!(fs::read(&json).unwrap(), bytes);
    // The same size, only touched.
    fs::File::options()
        .write(true)
        .open(&json)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
        .unwrap();
    settle("an output touched");
    // A file added inside the HTML folder.
    assert!(out.join("report/index.html").is_file());
    fs::write(out.join("report/stray.html"), "stray").unwrap();
    settle("a file added to the HTML folder");
    assert!(!out.join("report/stray.html").exists());
    // The manifest damaged.
    fs::write(out.join(".peertrail-export"), "{\"format\": tru").unwrap();
    settle("the manifest damaged");

    // --no-cache always runs in full and leaves no manifest.
    let stderr = run(&["--no-cache"]);
    assert!(!up_to_date(&stderr), "{stderr}");
    assert!(!out.join(".peertrail-export").exists());
    settle("after --no-cache");
}

#[test]
fn an_up_to_date_export_says_again_what_was_skipped() {
    let (_dir, reports) = own_corpus("uptodate-skipped");
    let root = reports.parent().unwrap().to_path_buf();
    let out = root.join("out");
    fs::write(
        reports.join("broken.txt"),
        b"\x00\x01\x02 not a report \x00",
    )
    .unwrap();
    let (code, first) = export_code(&reports, &out, &["--format", "json"]);
    assert_eq!(code, 1, "{first}");
    let (code, second) = export_code(&reports, &out, &["--format", "json"]);
    assert_eq!(code, 1, "{second}");
    assert!(up_to_date(&second), "{second}");
    assert!(!lines_with(&first, "broken.txt").is_empty(), "{first}");
    assert_eq!(
        lines_with(&first, "broken.txt"),
        lines_with(&second, "broken.txt")
    );
    assert!(second.contains("1 file(s) skipped"), "{second}");
}
