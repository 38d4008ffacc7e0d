//! Atomic, contained output: a failure half way leaves the previous outputs
//! byte-identical and no temporary files; unrelated files are untouched;
//! nothing is written outside the output folder whatever the data holds.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use peertrail::{write_exports, OutputError};
use peertrail_core::{Dataset, ExportContext, ExportError, Exporter, Target};
use peertrail_graph::Graph;

use crate::escaping::{poisoned, HOSTILE};
use crate::support::{snapshot_dir, Scratch};

/// How a test exporter behaves on its second file.
#[derive(Debug, Clone, Copy)]
enum Second {
    Write,
    Fail,
    Panic,
}

/// Writes `one.txt` and `two.txt`, each `<tag> <file>`, failing half way
/// through the second when told to.
#[derive(Debug)]
struct TestExporter {
    tag: &'static str,
    second: Second,
}

impl Exporter for TestExporter {
    fn name(&self) -> &'static str {
        "test"
    }
    fn description(&self) -> &'static str {
        "test files"
    }
    fn files(&self) -> &'static [&'static str] {
        &["one.txt", "two.txt"]
    }
    fn write(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        // Half a file first, so a partial write would show.
        write!(out, "{} ", self.tag)?;
        match (file, self.second) {
            ("two.txt", Second::Fail) => {
                Err(std::io::Error::other("disk full, injected by the test").into())
            }
            ("two.txt", Second::Panic) => panic!("injected panic"),
            _ => {
                writeln!(out, "{file}")?;
                Ok(())
            }
        }
    }
}

/// An exporter declaring a file name that leaves the folder.
#[derive(Debug)]
struct Escaper(&'static [&'static str]);

impl Exporter for Escaper {
    fn name(&self) -> &'static str {
        "escaper"
    }
    fn description(&self) -> &'static str {
        "tries to leave the output folder"
    }
    fn files(&self) -> &'static [&'static str] {
        self.0
    }
    fn write(
        &self,
        _: &str,
        _: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        out.write_all(b"escaped")?;
        Ok(())
    }
}

fn exporters(tag: &'static str, second: Second) -> Vec<Box<dyn Exporter>> {
    vec![Box::new(TestExporter { tag, second })]
}

/// The real exporters that write all their files today, then `extra`.
fn real_then(extra: Option<Box<dyn Exporter>>) -> Vec<Box<dyn Exporter>> {
    let empty = Dataset::default();
    let ctx = ExportContext::new(&empty);
    let mut all: Vec<Box<dyn Exporter>> = peertrail::exporters()
        .into_iter()
        .filter(|e| {
            e.target() != Target::Stream
                || e.files()
                    .iter()
                    .all(|f| e.write(f, &ctx, &mut std::io::sink()).is_ok())
        })
        .collect();
    all.extend(extra);
    all
}

fn sample() -> Dataset {
    let e = peertrail_ingest::ingest_str(crate::support::SAMPLE, &Default::default()).unwrap();
    Graph::build(vec![e]).dataset().clone()
}

#[test]
fn a_failure_half_way_leaves_the_previous_outputs_untouched() {
    let dir = Scratch::new("atomic");
    let out = dir.path.join("out");
    let data = sample();
    let ctx = ExportContext::new(&data);
    let written = write_exports(&out, &exporters("v1", Second::Write), &ctx).unwrap();
    assert_eq!(written.len(), 2);
    // Files peertrail did not write, which must survive everything.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::create_dir(out.join("keep")).unwrap();
    std::fs::write(out.join("keep/x.csv"), "mine too").unwrap();
    std::fs::write(out.join(".one.txt.1.partial"), "another process's").unwrap();
    let before = snapshot_dir(&out);
    assert_eq!(before[std::path::Path::new("one.txt")], b"v1 one.txt\n");

    let err = write_exports(&out, &exporters("v2", Second::Fail), &ctx).unwrap_err();
    assert!(
        matches!(&err, OutputError::Export { format: "test", file, .. } if file == "two.txt"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the test exporter failed on two.txt",
        "the error names the format and file"
    );
    assert_eq!(
        snapshot_dir(&out),
        before,
        "a failed export changed the folder"
    );

    let caught = catch_unwind(AssertUnwindSafe(|| {
        write_exports(&out, &exporters("v3", Second::Panic), &ctx)
    }));
    assert!(caught.is_err());
    assert_eq!(
        snapshot_dir(&out),
        before,
        "a panicking exporter changed the folder"
    );

    write_exports(&out, &exporters("v4", Second::Write), &ctx).unwrap();
    let after = snapshot_dir(&out);
    assert_eq!(after[std::path::Path::new("one.txt")], b"v4 one.txt\n");
    assert_eq!(after[std::path::Path::new("notes.txt")], b"mine");
    assert_eq!(after[std::path::Path::new("keep/x.csv")], b"mine too");
    assert_eq!(after.len(), before.len());
}

#[test]
fn a_failing_format_after_the_real_ones_changes_none_of_them() {
    let dir = Scratch::new("atomic-real");
    let out = dir.path.join("out");
    let data = sample();
    let ctx = ExportContext::new(&data);
    write_exports(&out, &real_then(None), &ctx).unwrap();
    let before = snapshot_dir(&out);
    assert!(!before.is_empty());

    // A different data set, so a partial write would differ.
    let other = Graph::build(vec![poisoned("changed")]).dataset().clone();
    let ctx2 = ExportContext::new(&other);
    let failing: Box<dyn Exporter> = Box::new(TestExporter {
        tag: "x",
        second: Second::Fail,
    });
    assert!(write_exports(&out, &real_then(Some(failing)), &ctx2).is_err());
    assert_eq!(snapshot_dir(&out), before);
}

#[test]
fn file_names_that_leave_the_folder_are_refused() {
    let dir = Scratch::new("escape-names");
    let out = dir.path.join("out");
    let data = Dataset::default();
    let ctx = ExportContext::new(&data);
    let bad: &[&[&'static str]] = &[
        &["../evil.txt"],
        &["/tmp/evil.txt"],
        &["sub/evil.txt"],
        &["nul\0.txt"],
        &[".hidden"],
        &[""],
        &[".."],
        &["back\\slash"],
    ];
    for files in bad {
        let err = write_exports(&out, &[Box::new(Escaper(files)) as Box<dyn Exporter>], &ctx)
            .unwrap_err();
        assert!(
            matches!(
                err,
                OutputError::UnsafeName {
                    format: "escaper",
                    ..
                }
            ),
            "{files:?}: {err:?}"
        );
    }
    assert!(
        snapshot_dir(&dir.path).is_empty(),
        "{:?}",
        snapshot_dir(&dir.path)
    );
}

#[test]
fn hostile_ids_and_names_write_only_the_declared_files() {
    let dir = Scratch::new("contained");
    let out = dir.path.join("out");
    let docs = HOSTILE.iter().map(|h| poisoned(h)).collect();
    let data = Graph::build(docs).dataset().clone();
    let ctx = ExportContext::new(&data);
    let chosen = real_then(None);
    write_exports(&out, &chosen, &ctx).unwrap();
    let mut expected: Vec<String> = chosen
        .iter()
        .filter(|e| e.target() != Target::Folder)
        .flat_map(|e| e.files().iter().map(|f| format!("out/{f}")))
        .collect();
    expected.sort();
    expected.dedup();
    let folders: Vec<String> = chosen
        .iter()
        .filter(|e| e.target() == Target::Folder)
        .flat_map(|e| e.files().iter().map(|f| format!("out/{f}/")))
        .collect();
    assert!(!folders.is_empty(), "the html report is among the formats");
    let got: Vec<String> = snapshot_dir(&dir.path)
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let (in_folders, files): (Vec<String>, Vec<String>) = got
        .into_iter()
        .partition(|p| folders.iter().any(|f| p.starts_with(f.as_str())));
    assert_eq!(files, expected);
    assert!(in_folders.len() > 3, "{in_folders:?}");
}

#[test]
fn a_report_folder_is_swapped_whole() {
    let dir = Scratch::new("swap");
    let out = dir.path.join("out");
    let html: Vec<Box<dyn Exporter>> = peertrail::exporters()
        .into_iter()
        .filter(|e| e.target() == Target::Folder)
        .collect();
    let hostile = Graph::build(HOSTILE.iter().map(|h| poisoned(h)).collect())
        .dataset()
        .clone();
    write_exports(&out, &html, &ExportContext::new(&hostile)).unwrap();
    let big = snapshot_dir(&out);
    // A smaller data set: pages of the first run must not linger.
    let data = sample();
    write_exports(&out, &html, &ExportContext::new(&data)).unwrap();
    let small = snapshot_dir(&out);
    assert!(small.len() < big.len(), "{} !< {}", small.len(), big.len());
    let mut fresh = Scratch::new("swap-fresh").path.join("out");
    write_exports(&fresh, &html, &ExportContext::new(&data)).unwrap();
    assert_eq!(
        snapshot_dir(&fresh),
        small,
        "the folder holds exactly the new report"
    );
    fresh.pop();
    // A failure after the report leaves the swapped-in report as it was.
    let mut failing = peertrail::exporters()
        .into_iter()
        .filter(|e| e.target() == Target::Folder)
        .collect::<Vec<_>>();
    failing.push(Box::new(TestExporter {
        tag: "x",
        second: Second::Fail,
    }));
    assert!(write_exports(&out, &failing, &ExportContext::new(&hostile)).is_err());
    assert_eq!(snapshot_dir(&out), small);
}

#[test]
fn an_output_folder_that_cannot_be_created_is_an_error() {
    let dir = Scratch::new("no-out");
    let blocker = dir.file("file", "a file where the folder should be");
    let data = Dataset::default();
    let err = write_exports(
        &blocker.join("out"),
        &exporters("v1", Second::Write),
        &ExportContext::new(&data),
    )
    .unwrap_err();
    assert!(matches!(err, OutputError::CreateDir { .. }), "{err:?}");
    assert_eq!(
        std::fs::read(&blocker).unwrap(),
        b"a file where the folder should be"
    );
}
