//! The extraction cache (`DIR/.peertrail-cache/extractions.pack`): a second
//! run over an unchanged corpus reads its extractions from the cache and
//! writes the same bytes as a run without it; anything that changes a
//! report's extraction changes its key.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{arg, outcome, peertrail, scratch};
use crate::tracker::corpus_copy;

/// The sample corpus copied into a scratch folder of its own, so its
/// cache is this test's alone.
fn own_corpus(name: &str) -> PathBuf {
    corpus_copy(&scratch(name))
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

fn assert_same_outputs(a: &Path, b: &Path) {
    let (a, b) = (files(a), files(b));
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
    let reports = own_corpus("cache-second-run");
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
    let reports = own_corpus("cache-changed");
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
    let reports = own_corpus("cache-damaged");
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
    let reports = own_corpus("cache-unwritable");
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
    let reports = own_corpus("cache-read-only");
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
