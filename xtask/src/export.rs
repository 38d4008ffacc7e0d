//! `cargo xtask export`: the whole pipeline, with a one-screen summary.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use peertrail::{LoadOptions, Written};
use peertrail_core::{ExportContext, LinkKind};

use crate::{root, value, USAGE};

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut corpus_dirs: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut formats: Option<String> = None;
    let mut similar_theme = false;
    let mut as_of: Option<chrono::NaiveDate> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--corpus" => corpus_dirs.push(value(args, i, "--corpus")?.into()),
            "--out" => out = Some(value(args, i, "--out")?.into()),
            "--format" => formats = Some(value(args, i, "--format")?),
            "--as-of" => {
                let v = value(args, i, "--as-of")?;
                as_of = Some(
                    chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                        .with_context(|| format!("--as-of: `{v}` is not YYYY-MM-DD"))?,
                );
            }
            "--similar-theme" => {
                similar_theme = true;
                i += 1;
                continue;
            }
            other => bail!("unknown option `{other}` for export\n\n{USAGE}"),
        }
        i += 2;
    }
    if corpus_dirs.is_empty() {
        corpus_dirs.push(root().join("tests/corpus"));
    }
    let out = out.unwrap_or_else(|| root().join("target/peertrail"));
    let chosen = match formats {
        None => peertrail::exporters(),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| {
                peertrail::exporter(n).with_context(|| {
                    format!("unknown format `{n}`; known: {}", peertrail::format_names())
                })
            })
            .collect::<Result<Vec<_>>>()?,
    };

    let mut corpus = peertrail::load(&corpus_dirs, &LoadOptions::default());
    for problem in &corpus.problems {
        eprintln!("{problem}");
    }
    if corpus.extractions.is_empty() {
        bail!("no report could be read from {}", show(&corpus_dirs));
    }
    let files_read = corpus.extractions.len();
    // Decisions beside the corpus apply here as in every command.
    let linked = peertrail::link(&corpus_dirs, std::mem::take(&mut corpus.extractions))
        .context("the decisions file cannot be used; nothing was written")?;
    for (path, report) in &linked.reports {
        for o in report.problems() {
            eprintln!(
                "{}:{}: {}: {}: {}",
                path.display(),
                o.line,
                o.kind.as_str(),
                o.summary,
                o.reason.as_deref().unwrap_or_default()
            );
        }
    }
    let graph = linked.graph;
    let due = peertrail::due_as_of(&graph, as_of);
    let mut ctx = ExportContext::new(graph.dataset()).with_similar_theme(similar_theme);
    if let Some((as_of, items)) = &due {
        ctx = ctx.with_due(*as_of, items);
    }
    let written = peertrail::write_exports(&out, &chosen, &ctx)
        .with_context(|| format!("nothing written to {}", out.display()))?;

    let data = graph.dataset();
    let placeholders = data.reviews.iter().filter(|r| !r.in_corpus).count();
    // Count what was written: similar_theme links only with --similar-theme.
    let mut link_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut held_back = 0;
    for link in &data.links {
        if link.kind == LinkKind::SimilarTheme && !similar_theme {
            held_back += 1;
            continue;
        }
        *link_kinds.entry(link.kind.as_str()).or_default() += 1;
    }
    println!("peertrail export of {}", show(&corpus_dirs));
    println!(
        "  files        {} read, {} skipped",
        files_read,
        corpus.skipped().count()
    );
    println!("  councils     {}", data.councils.len());
    if let Some(note) = peertrail::unknown_councils_note(data) {
        println!("               {note}");
    }
    println!(
        "  reviews      {} ({} in corpus, {} placeholders)",
        data.reviews.len(),
        data.reviews.len() - placeholders,
        placeholders
    );
    println!("  recommendations {}", data.recommendations.len());
    println!("  actions      {}", data.actions.len());
    println!("  progress     {}", data.progress.len());
    println!("  people       {}", data.people.len());
    let kinds: Vec<String> = link_kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let written_links: usize = link_kinds.values().sum();
    println!("  links        {written_links} ({})", kinds.join(", "));
    if held_back > 0 {
        println!("               and {held_back} similar_theme, written with --similar-theme");
    }
    println!("  written to   {}", out.display());
    for Written {
        format,
        path,
        bytes,
        ..
    } in &written
    {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("    {format:<5} {name:<24} {bytes:>9} bytes");
    }
    Ok(if corpus.any_skipped() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn show(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
