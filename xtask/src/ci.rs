//! `cargo xtask ci`: what CI runs, runnable by anyone before pushing.

use std::io::{BufRead, BufReader, Write};
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
    let (passed, failed, ignored) = tests(&cargo)?;
    // One plain closing line, whatever the test binaries printed before it.
    println!("tests: {passed} passed, {failed} failed, {ignored} skipped");
    if failed > 0 || passed == 0 {
        bail!("the tests step failed");
    }
    eprintln!("xtask ci: all steps passed");
    Ok(ExitCode::SUCCESS)
}

/// `cargo test --workspace`, its output passed through, its
/// "test result:" lines added up.
fn tests(cargo: &str) -> Result<(u64, u64, u64)> {
    eprintln!("xtask ci: tests: cargo test --workspace");
    let mut child = Command::new(cargo)
        .args(["test", "--workspace"])
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
