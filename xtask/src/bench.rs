//! `cargo xtask bench`: linking time on synthetic corpora.

use std::process::ExitCode;

use anyhow::{bail, Result};

pub fn run(_args: &[String]) -> Result<ExitCode> {
    bail!("bench is not available yet")
}
