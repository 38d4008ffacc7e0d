//! `cargo xtask formats`: the sample corpus (or any folder of texts) written
//! as PDF, Word and web pages, to try `peertrail export` on published
//! formats. The files are made from our own texts each time, never kept.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::root;

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut corpus = root().join("tests/corpus");
    let mut out = root().join("target/peertrail-formats");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => corpus = PathBuf::from(args.next().context("--corpus needs a folder")?),
            "--out" => out = PathBuf::from(args.next().context("--out needs a folder")?),
            other => bail!("unknown option `{other}`"),
        }
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .with_context(|| format!("cannot read {}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.starts_with("README") && (name.ends_with(".txt") || name.ends_with(".md"))
        })
        .collect();
    names.sort();
    for form in ["pdf", "docx", "html"] {
        std::fs::create_dir_all(out.join(form))
            .with_context(|| format!("cannot create {}", out.display()))?;
    }
    for path in &names {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pdf = peertrail_testkit::pdf(&text, &peertrail_testkit::PdfOptions::default());
        let docx = peertrail_testkit::docx(&text);
        let html = peertrail_testkit::html(&text, &stem, &format!("https://example.org/{stem}"));
        for (form, bytes) in [("pdf", pdf), ("docx", docx), ("html", html.into_bytes())] {
            let file = out.join(form).join(format!("{stem}.{form}"));
            std::fs::write(&file, bytes)
                .with_context(|| format!("cannot write {}", file.display()))?;
        }
    }
    eprintln!(
        "wrote {} reports as PDF, Word and web pages under {}",
        names.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
