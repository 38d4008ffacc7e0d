//! `cargo xtask ci`: what CI runs, runnable by anyone before pushing.
//!
//! The tests step also finds stale snapshots, as `cargo insta test
//! --unreferenced=reject` would, without needing cargo-insta: the tests run
//! with `INSTA_SNAPSHOT_REFERENCES_FILE` set, insta appends to that file the
//! path of every snapshot file an assertion reads, and any `*.snap` in the
//! tree not listed there is stale. Left-over `*.snap.new` and
//! `*.pending-snap` files (a snapshot change not yet reviewed) fail too.
//!
//! This is sound only because every test that asserts a snapshot asserts it
//! whatever the machine has: the tests that skip without Graphviz,
//! Chromium or `../shared` assert no snapshot, and none of them is
//! `#[ignore]`d. A snapshot test that could skip would leave its snapshots
//! unreferenced, and this check would fail on it rather than pass silently.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context, Result};

use crate::root;

pub fn run(args: &[String]) -> Result<ExitCode> {
    if let Some(extra) = args.first() {
        bail!("ci takes no options (got `{extra}`)");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let steps: [(&str, &[&str]); 2] = [
        ("format", &["fmt", "--all", "--", "--check"]),
        (
            "clippy",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    ];
    for (name, step) in steps {
        eprintln!("xtask ci: {name}: cargo {}", step.join(" "));
        let status = Command::new(&cargo)
            .args(step)
            .current_dir(root())
            .status()
            .with_context(|| format!("cannot run cargo for the {name} step"))?;
        if !status.success() {
            bail!("the {name} step failed ({status})");
        }
    }
    // Extraction measured on the shared ground-truth set of real text: the
    // figures go into the log, and a field under its floor fails CI.
    eprintln!("xtask ci: score: cargo xtask score --check --quiet");
    let scored = crate::score::run(&["--check".to_string(), "--quiet".to_string()])
        .context("the score step could not run")?;
    if scored != ExitCode::SUCCESS {
        bail!("the score step failed: a field is under its floor");
    }
    eprintln!("xtask ci: trails: cargo xtask score --trails --check --quiet");
    let linked = crate::trails::run(None, true, true).context("the trails step could not run")?;
    if linked != ExitCode::SUCCESS {
        bail!("the trails step failed: a link kind is under its floor");
    }
    let references = references_file()?;
    let (passed, failed, ignored) = tests(&cargo, &references)?;
    // One plain closing line, whatever the test binaries printed before it.
    println!("tests: {passed} passed, {failed} failed, {ignored} skipped");
    if failed > 0 || passed == 0 {
        bail!("the tests step failed");
    }
    eprintln!("xtask ci: snapshots: every *.snap referenced by a test, none pending");
    let stale = stale_snapshots(&root(), &references)?;
    if !stale.is_empty() {
        for line in &stale {
            eprintln!("  {line}");
        }
        bail!(
            "the snapshots step failed: {} stale or pending snapshot file(s)",
            stale.len()
        );
    }
    eprintln!("xtask ci: all steps passed");
    Ok(ExitCode::SUCCESS)
}

/// Where the tests step has insta list the snapshot files it reads: an
/// absolute path (each test binary runs in its own crate's folder), emptied
/// before the run.
fn references_file() -> Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root().join("target"), |dir| root().join(dir));
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create {}", target.display()))?;
    let file = target.join("xtask-ci-snapshot-references.txt");
    match std::fs::remove_file(&file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", file.display()))
        }
        _ => Ok(file),
    }
}

/// `cargo test --workspace` with insta listing the snapshot files it reads
/// into `references`, its output passed through, its "test result:" lines
/// added up.
fn tests(cargo: &str, references: &Path) -> Result<(u64, u64, u64)> {
    eprintln!("xtask ci: tests: cargo test --workspace");
    let mut child = Command::new(cargo)
        .args(["test", "--workspace"])
        .env("INSTA_SNAPSHOT_REFERENCES_FILE", references)
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run cargo for the tests step")?;
    let (mut passed, mut failed, mut ignored) = (0, 0, 0);
    if let Some(out) = child.stdout.take() {
        let mut stdout = std::io::stdout().lock();
        for line in BufReader::new(out).lines() {
            let line = line.context("cannot read the test output")?;
            let _ = writeln!(stdout, "{line}");
            if let Some(rest) = line.trim().strip_prefix("test result: ") {
                let count = |word: &str| -> u64 {
                    rest.split(';')
                        .filter_map(|part| {
                            part.trim()
                                .trim_start_matches("ok. ")
                                .trim_start_matches("FAILED. ")
                                .split_once(' ')
                        })
                        .find(|(_, w)| *w == word)
                        .and_then(|(n, _)| n.parse().ok())
                        .unwrap_or(0)
                };
                passed += count("passed");
                failed += count("failed");
                ignored += count("ignored");
            }
        }
    }
    let status = child.wait().context("cannot wait for cargo test")?;
    if !status.success() && failed == 0 {
        bail!("the tests step failed ({status})");
    }
    Ok((passed, failed, ignored))
}

/// Every `*.snap` under `root` that no assertion read (as listed in the
/// `references` file), and every `*.snap.new` or `*.pending-snap`, as
/// lines naming the file and what is wrong, in path order. `target` and
/// `.git` folders are not looked into.
fn stale_snapshots(root: &Path, references: &Path) -> Result<Vec<String>> {
    let listed = match std::fs::read_to_string(references) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", references.display())),
    };
    // insta writes the path it joined (`crate/tests/../snapshots/x.snap`
    // is possible): compare canonical paths.
    let referenced: BTreeSet<PathBuf> = listed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| std::fs::canonicalize(l).unwrap_or_else(|_| PathBuf::from(l)))
        .collect();
    let mut found = Vec::new();
    snapshot_files(root, &mut found)?;
    found.sort();
    let mut stale = Vec::new();
    for path in found {
        let shown = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if name.ends_with(".snap.new") || name.ends_with(".pending-snap") {
            stale.push(format!(
                "{shown}: a snapshot change not reviewed (accept it into the .snap or delete it)"
            ));
        } else if !referenced
            .contains(&std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()))
        {
            stale.push(format!(
                "{shown}: no test asserts this snapshot (delete it)"
            ));
        }
    }
    Ok(stale)
}

/// Collects the snapshot files (`*.snap`, `*.snap.new`, `*.pending-snap`)
/// under `dir`, not following links, leaving out `target` and `.git`.
fn snapshot_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot stat {}", path.display()))?;
        if kind.is_dir() {
            if name != "target" && name != ".git" {
                snapshot_files(&path, out)?;
            }
        } else if kind.is_file()
            && (name.ends_with(".snap")
                || name.ends_with(".snap.new")
                || name.ends_with(".pending-snap"))
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreferenced_and_pending_snapshots_are_named() {
        let dir = std::env::temp_dir().join(format!("xtask-ci-snapshots-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let snaps = dir.join("crate/tests/snapshots");
        std::fs::create_dir_all(&snaps).unwrap();
        std::fs::create_dir_all(dir.join("target/x")).unwrap();
        for name in [
            "used.snap",
            "stale.snap",
            "used.snap.new",
            ".x.rs.pending-snap",
        ] {
            std::fs::write(snaps.join(name), "").unwrap();
        }
        std::fs::write(dir.join("target/x/ignored.snap"), "").unwrap();
        let references = dir.join("references.txt");
        // As insta may write it: joined, not normalised.
        let used = dir.join("crate/tests/../tests/snapshots/used.snap");
        std::fs::write(&references, format!("{}\n", used.display())).unwrap();
        let stale = stale_snapshots(&dir, &references).unwrap();
        let named: Vec<&str> = stale.iter().filter_map(|l| l.split(':').next()).collect();
        assert_eq!(
            named,
            [
                "crate/tests/snapshots/.x.rs.pending-snap",
                "crate/tests/snapshots/stale.snap",
                "crate/tests/snapshots/used.snap.new",
            ],
            "{stale:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
