//! `cargo xtask ci`: what CI runs, runnable by anyone before pushing.

use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

use crate::root;

pub fn run(args: &[String]) -> Result<ExitCode> {
    if let Some(extra) = args.first() {
        bail!("ci takes no options (got `{extra}`)");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let steps: [(&str, &[&str]); 3] = [
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
        ("tests", &["test", "--workspace"]),
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
    eprintln!("xtask ci: all steps passed");
    Ok(ExitCode::SUCCESS)
}
