//! `cargo xtask bench`: linking time on synthetic corpora, and a check
//! that it grows about linearly with the corpus; the same check for the
//! whole pipeline on hostile report shapes (`peertrail_testkit::shapes`),
//! which the hostile tests read for correctness only.
//!
//! Timing a debug build says nothing about users' speed, so `bench` (in
//! whatever profile `cargo xtask` was built) hands over to the hidden task
//! `bench-run` of a release build of this same crate
//! (`cargo run --release --package xtask -- bench-run …`), which does the
//! measuring. A release build runs `bench-run` itself.
//!
//! Besides wall time it reads the process's CPU time, every thread's
//! (Linux: `/proc/self/task/*/schedstat`), which time spent waiting for a
//! core on a busy machine does not inflate; the scaling check uses CPU time
//! where it can be read, wall time elsewhere.

use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use peertrail_graph::Graph;
use peertrail_testkit::synthetic_corpus;

use crate::{root, value, USAGE};

/// Sizes measured when `--sizes` is not given.
const DEFAULT_SIZES: &[usize] = &[1_000, 10_000];
/// Runs per size when `--runs` is not given; the best is kept, since
/// interference from other work on the machine only ever adds time.
const DEFAULT_RUNS: usize = 3;
/// Copies of the sample corpus exported in every format (8 documents
/// each: 1,250 copies are 10,000 documents); `--copies 0` skips it.
const DEFAULT_COPIES: usize = 1_250;
/// The same corpus every time.
const SEED: u64 = 42;
/// How much worse than linear the largest size may scale: 10× the reviews
/// in at most 12× the time.
const MAX_SLOWDOWN: f64 = 1.2;
/// A hostile shape is timed at its size and this many times it.
const SHAPE_GROWTH: usize = 4;
/// How much worse than linear a hostile shape may scale: 4× the text in at
/// most 6× the time. Their inputs are small and their times short, so the
/// margin is wider than linking's; a quadratic step shows as 16×.
const SHAPE_MAX_SLOWDOWN: f64 = 1.5;

/// Generated corpora measured end to end when `--docs` is not given.
const DEFAULT_DOCS: &[usize] = &[1_000, 10_000, 100_000];

#[derive(Debug)]
struct Options {
    sizes: Vec<usize>,
    runs: usize,
    copies: usize,
    docs: Vec<usize>,
    /// Whether the hostile shapes are timed (`--shapes no` skips them).
    shapes: bool,
}

/// A comma-separated list of counts (`1000,10_000`); zeros dropped when
/// `zero_ok`, refused otherwise.
fn counts(flag: &str, list: &str, zero_ok: bool) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for s in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let n = s
            .replace('_', "")
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0 || zero_ok)
            .with_context(|| format!("{flag}: `{s}` is not a positive number"))?;
        if n > 0 {
            out.push(n);
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

fn parse(args: &[String]) -> Result<Options> {
    let mut sizes = DEFAULT_SIZES.to_vec();
    let mut runs = DEFAULT_RUNS;
    let mut copies = DEFAULT_COPIES;
    let mut docs = DEFAULT_DOCS.to_vec();
    let mut shapes = true;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--sizes" => sizes = counts("--sizes", &value(args, i, "--sizes")?, false)?,
            "--docs" => docs = counts("--docs", &value(args, i, "--docs")?, true)?,
            "--runs" => {
                let n = value(args, i, "--runs")?;
                runs = n
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .with_context(|| format!("--runs: `{n}` is not a positive number"))?;
            }
            "--copies" => {
                let n = value(args, i, "--copies")?;
                copies = n
                    .parse::<usize>()
                    .ok()
                    .with_context(|| format!("--copies: `{n}` is not a number"))?;
            }
            "--shapes" => {
                shapes = match value(args, i, "--shapes")?.as_str() {
                    "yes" => true,
                    "no" => false,
                    other => bail!("--shapes: `{other}` is not yes or no"),
                };
            }
            other => bail!("unknown option `{other}` for bench\n\n{USAGE}"),
        }
        i += 2;
    }
    if sizes.is_empty() {
        bail!("--sizes needs at least one size");
    }
    Ok(Options {
        sizes,
        runs,
        copies,
        docs,
        shapes,
    })
}

/// `cargo xtask bench`: checks the options, then measures in a release build.
pub fn run(args: &[String]) -> Result<ExitCode> {
    parse(args)?;
    if !cfg!(debug_assertions) {
        return measure(args);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    eprintln!("xtask bench: building the release peertrail and xtask, then measuring");
    // The end-to-end figures run the release binary, beside release xtask.
    let built = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "peertrail",
            "--bin",
            "peertrail",
        ])
        .current_dir(root())
        .status()
        .context("cannot run cargo to build the release peertrail")?;
    if !built.success() {
        bail!("the release build of peertrail failed ({built})");
    }
    let status = Command::new(&cargo)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .arg("bench-run")
        .args(args)
        .current_dir(root())
        .status()
        .context("cannot run cargo for the release build")?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => bail!("the release build of xtask was stopped ({status})"),
    })
}

/// `cargo xtask bench-run` (hidden): the measuring itself.
pub fn measure(args: &[String]) -> Result<ExitCode> {
    let options = parse(args)?;
    if cfg!(debug_assertions) {
        eprintln!("xtask bench: warning: a debug build; times are not representative");
    }
    ingest_throughput(options.runs)?;
    short_reports_ingest(options.runs)?;
    let end_to_end_ok = crate::bench_e2e::end_to_end(&options.docs, options.copies, options.runs)?;
    export_formats(options.copies)?;
    let shapes_ok = !options.shapes || hostile_shapes_scaling(options.runs)?;
    let one_council_ok = one_council_scaling(options.runs);
    println!(
        "Graph::build on synthetic_corpus(n, {SEED}), best of {} run(s)",
        options.runs
    );
    println!(
        "{:>9} {:>16} {:>9} {:>10} {:>10} {:>12}",
        "reviews", "recommendations", "links", "wall (s)", "cpu (s)", "per review"
    );
    // Runs are interleaved across sizes, so that a burst of other work on
    // the machine slows one run of each size rather than every run of one.
    let corpora: Vec<_> = options
        .sizes
        .iter()
        .map(|&size| synthetic_corpus(size, SEED))
        .collect();
    let mut best: Vec<Best> = vec![Best::default(); corpora.len()];
    for _ in 0..options.runs {
        for (corpus, best) in corpora.iter().zip(best.iter_mut()) {
            // Copying the input is not part of linking.
            let input = corpus.clone();
            let cpu_start = process_cpu();
            let start = Instant::now();
            let graph = Graph::build(input);
            let wall = start.elapsed();
            let cpu = match (cpu_start, process_cpu()) {
                (Some(a), Some(b)) => b.checked_sub(a),
                _ => None,
            };
            let data = graph.dataset();
            best.counts = (data.recommendations.len(), data.links.len());
            best.wall = Some(best.wall.map_or(wall, |b| b.min(wall)));
            best.cpu = cpu.map(|c| best.cpu.map_or(c, |b| b.min(c)));
            drop(graph);
        }
    }
    let judged_by_cpu = best.iter().all(|b| b.cpu.is_some());
    let mut rows: Vec<(usize, Duration)> = Vec::new();
    for (corpus, best) in corpora.iter().zip(&best) {
        let reviews = corpus.len();
        let wall = best.wall.unwrap_or_default();
        let cpu = best
            .cpu
            .map_or_else(|| "-".to_string(), |c| format!("{:.3}", c.as_secs_f64()));
        let judged = if judged_by_cpu {
            best.cpu.unwrap_or_default()
        } else {
            wall
        };
        println!(
            "{reviews:>9} {:>16} {:>9} {:>10.3} {cpu:>10} {:>10.1}µs",
            best.counts.0,
            best.counts.1,
            wall.as_secs_f64(),
            judged.as_secs_f64() * 1e6 / reviews.max(1) as f64
        );
        rows.push((reviews, judged));
    }
    println!(
        "(scaling judged by {} time)",
        if judged_by_cpu { "CPU" } else { "wall" }
    );
    let others_ok = one_council_ok && shapes_ok && end_to_end_ok;
    let verdict_of_others = if others_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let (Some(&(small_n, small_t)), Some(&(large_n, large_t))) = (rows.first(), rows.last()) else {
        return Ok(verdict_of_others);
    };
    if rows.len() < 2 || small_t.is_zero() {
        println!("one size only: no scaling to check");
        return Ok(verdict_of_others);
    }
    let size_ratio = large_n as f64 / small_n.max(1) as f64;
    let time_ratio = large_t.as_secs_f64() / small_t.as_secs_f64();
    let limit = size_ratio * MAX_SLOWDOWN;
    let verdict = if time_ratio <= limit {
        "ok"
    } else {
        "TOO SLOW"
    };
    println!(
        "{size_ratio:.1}x the reviews took {time_ratio:.2}x the time (limit {limit:.1}x): {verdict}"
    );
    Ok(if time_ratio <= limit && others_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Hostile shapes scale linearly: each shape of `peertrail_testkit::shapes`
/// read, linked and rendered in every format (in memory, see
/// [`export_in_memory`]) at its size and [`SHAPE_GROWTH`] times it, best CPU time (wall time
/// where CPU time cannot be read) of `runs` runs. Printed with a verdict
/// per shape; false when one is too slow.
fn hostile_shapes_scaling(runs: usize) -> Result<bool> {
    let out = root().join("target/bench-hostile");
    let limit = SHAPE_GROWTH as f64 * SHAPE_MAX_SLOWDOWN;
    println!(
        "hostile shapes scale linearly: ingest, link and every format (in memory) at n and {SHAPE_GROWTH}n, best of {} run(s), {SHAPE_GROWTH}x the text in at most {limit:.1}x the time",
        runs.max(1)
    );
    let mut all_ok = true;
    for shape in peertrail_testkit::shapes::SHAPES {
        let sizes = [shape.size, shape.size * SHAPE_GROWTH];
        let texts = sizes.map(|n| (shape.text)(n));
        let mut best = [Duration::MAX; 2];
        // Interleaved, like the linking runs: a burst of other work slows
        // one run of each size.
        for _ in 0..runs.max(1) {
            for (text, best) in texts.iter().zip(best.iter_mut()) {
                *best = (*best).min(shape_time(text, shape.council, &out)?);
            }
        }
        let ratio = best[1].as_secs_f64() / best[0].as_secs_f64().max(1e-9);
        let ok = ratio <= limit;
        all_ok &= ok;
        println!(
            "  {:<36} {:>7} {:>9.2} ms {:>8} {:>9.2} ms {ratio:>6.2}x  {}",
            shape.name,
            sizes[0],
            best[0].as_secs_f64() * 1e3,
            sizes[1],
            best[1].as_secs_f64() * 1e3,
            if ok { "ok" } else { "TOO SLOW" }
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok(all_ok)
}

/// The time to read, link and render in every format one hostile text.
fn shape_time(text: &str, council: Option<&str>, out: &std::path::Path) -> Result<Duration> {
    let options = peertrail_ingest::IngestOptions {
        meta: peertrail_ingest::Meta {
            council: council.map(str::to_string),
            ..Default::default()
        },
        ..Default::default()
    };
    let cpu = process_cpu();
    let wall = Instant::now();
    let e = peertrail_ingest::ingest_str(text, &options)
        .map_err(|e| anyhow::anyhow!("a hostile shape does not read: {e}"))?;
    let graph = Graph::build(vec![e]);
    let ctx = peertrail_core::ExportContext::new(graph.dataset());
    export_in_memory(&ctx, out)?;
    Ok(cpu
        .zip(process_cpu())
        .and_then(|(a, b)| b.checked_sub(a))
        .unwrap_or_else(|| wall.elapsed()))
}

/// Every file of every format for `ctx`, thrown away as it is made: the
/// exporters' work without the file system's, which for a folder of
/// thousands of pages grows faster than the pages do and is not ours to
/// time. A path export (SQLite) needs a real file: it goes into `scratch`.
fn export_in_memory(
    ctx: &peertrail_core::ExportContext<'_>,
    scratch: &std::path::Path,
) -> Result<()> {
    use peertrail_core::Target;
    std::fs::create_dir_all(scratch)
        .with_context(|| format!("cannot create {}", scratch.display()))?;
    for exporter in peertrail::exporters() {
        for &file in exporter.files() {
            let written = match exporter.target() {
                Target::Folder => {
                    exporter.write_folder(file, ctx, &mut peertrail_core::MemoryFolder::default())
                }
                Target::Path => {
                    let path = scratch.join(file);
                    let _ = std::fs::remove_file(&path);
                    exporter.write_path(file, ctx, &path)
                }
                _ => exporter.write(file, ctx, &mut std::io::sink()),
            };
            written.with_context(|| {
                format!(
                    "{}/{file}: a hostile shape's export failed",
                    exporter.name()
                )
            })?;
        }
    }
    Ok(())
}

/// Linking inside one council must not grow faster than its documents:
/// `Graph::build` on one council with 10 and with 100 documents (the
/// synthetic trails of many councils, all moved into one), 10x the
/// documents in at most 12x the time. Printed; false when too slow.
fn one_council_scaling(runs: usize) -> bool {
    const SIZES: [usize; 2] = [10, 100];
    // Small corpora time too fast to measure once: each run links the
    // corpus this many times.
    const REPEAT: usize = 200;
    let corpora: Vec<Vec<peertrail_core::Extraction>> = SIZES
        .iter()
        .map(|&n| one_council(synthetic_corpus(n, SEED)))
        .collect();
    let mut best = [Duration::MAX; 2];
    for _ in 0..runs.max(1) {
        for (i, corpus) in corpora.iter().enumerate() {
            let inputs: Vec<_> = (0..REPEAT).map(|_| corpus.clone()).collect();
            let start = process_cpu().unwrap_or_default();
            let wall = Instant::now();
            for input in inputs {
                drop(Graph::build(input));
            }
            let took = process_cpu()
                .and_then(|end| end.checked_sub(start))
                .unwrap_or_else(|| wall.elapsed());
            best[i] = best[i].min(took);
        }
    }
    let ratio = best[1].as_secs_f64() / best[0].as_secs_f64().max(1e-9);
    let ok = ratio <= 10.0 * MAX_SLOWDOWN;
    println!(
        "one council: {} documents {:.2} ms, {} documents {:.2} ms per build: {ratio:.2}x the time for 10x the documents (limit {:.1}x): {}",
        SIZES[0],
        best[0].as_secs_f64() * 1e3 / REPEAT as f64,
        SIZES[1],
        best[1].as_secs_f64() * 1e3 / REPEAT as f64,
        10.0 * MAX_SLOWDOWN,
        if ok { "ok" } else { "TOO SLOW" }
    );
    ok
}

/// Every extraction moved into one council (`onecouncil`), ids and all, so
/// that one council holds many trails.
fn one_council(mut docs: Vec<peertrail_core::Extraction>) -> Vec<peertrail_core::Extraction> {
    use peertrail_core::{ActionId, CouncilId, RecommendationId, ReviewId};
    fn moved(id: &str) -> String {
        match id.split_once('/') {
            Some((_, rest)) => format!("onecouncil/{rest}"),
            None => id.to_string(),
        }
    }
    let review = |id: &ReviewId| ReviewId::from_raw(moved(id.as_str()));
    let rec = |id: &RecommendationId| RecommendationId::from_raw(moved(id.as_str()));
    let council = CouncilId::from_raw("onecouncil");
    for d in &mut docs {
        d.council.id = council.clone();
        d.council.name = "Onecouncil District Council".to_string();
        for r in std::iter::once(&mut d.review).chain(d.placeholders.iter_mut()) {
            r.id = review(&r.id);
            r.council = council.clone();
            r.follows = r.follows.as_ref().map(review);
            for x in &mut r.references {
                x.review = review(&x.review);
            }
        }
        for r in &mut d.recommendations {
            r.id = rec(&r.id);
            r.review = review(&r.review);
        }
        for a in &mut d.actions {
            a.id = ActionId::from_raw(moved(a.id.as_str()));
            a.review = review(&a.review);
            a.recommendation = a.recommendation.as_ref().map(rec);
            a.covered_by = a
                .covered_by
                .as_ref()
                .map(|c| ActionId::from_raw(moved(c.as_str())));
        }
        for p in &mut d.progress {
            p.review = review(&p.review);
            p.recommendation = rec(&p.recommendation);
        }
    }
    docs
}

/// How often the reports are repeated for the ingest measurement.
const INGEST_REPEAT: usize = 200;

/// Ingest throughput on a large input: the real reports in
/// `../shared/seeds/` (else the sample corpus) concatenated
/// [`INGEST_REPEAT`] times into one text, read by `ingest_str`.
fn ingest_throughput(runs: usize) -> Result<()> {
    let seeds = root().join("../shared/seeds");
    let dir = if seeds.is_dir() {
        seeds
    } else {
        root().join("tests/corpus")
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("README"))
        })
        .collect();
    paths.sort();
    let mut one = String::new();
    for p in &paths {
        one.push_str(
            &std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        );
        one.push_str("\n\n");
    }
    let text = one.repeat(INGEST_REPEAT);
    let mut items = 0;
    let timed = best_ingest(runs, std::slice::from_ref(&text), |e| {
        items = e.recommendations.len();
    })
    .context("the concatenated reports do not read")?;
    let (mb, secs) = (text.len() as f64 / 1e6, timed.secs);
    println!(
        "ingest: {} reports of {} repeated {INGEST_REPEAT}x = {mb:.1} MB, {items} items, best {secs:.3} s = {:.1} MB/s{}",
        paths.len(),
        dir.display(),
        per_second(mb, secs),
        timed.steal_note()
    );
    Ok(())
}

/// The best of `runs` times to ingest every text of `texts` in turn on one
/// core, each extraction handed to `seen`.
fn best_ingest(
    runs: usize,
    texts: &[String],
    mut seen: impl FnMut(peertrail_core::Extraction),
) -> Result<Timed> {
    let options = peertrail_ingest::IngestOptions::default();
    let mut best: Option<(Duration, Option<f64>)> = None;
    for _ in 0..runs.max(1) {
        let ticks = crate::bench_e2e::cpu_ticks();
        let start = Instant::now();
        for text in texts {
            seen(peertrail_ingest::ingest_str(text, &options)?);
        }
        let took = start.elapsed();
        let steal = crate::bench_e2e::steal_share(ticks, crate::bench_e2e::cpu_ticks());
        if best.is_none_or(|(b, _)| took < b) {
            best = Some((took, steal));
        }
    }
    let (took, steal) = best.unwrap_or_default();
    Ok(Timed {
        secs: took.as_secs_f64(),
        steal,
    })
}

/// A best time and the share of the machine's time the host stole
/// during it (see [`crate::bench_e2e::steal_share`]).
#[derive(Debug, Clone, Copy)]
struct Timed {
    secs: f64,
    steal: Option<f64>,
}

impl Timed {
    /// ", host steal N%" when the host took a noticeable share, else "".
    fn steal_note(&self) -> String {
        match self.steal {
            Some(s) if s >= crate::bench_e2e::NOISY_STEAL => {
                format!(
                    ", host steal {:.0}% (slower than the code makes it)",
                    s * 100.0
                )
            }
            _ => String::new(),
        }
    }
}

/// `amount` a second over `secs` (0 for no time at all).
fn per_second(amount: f64, secs: f64) -> f64 {
    if secs > 0.0 {
        amount / secs
    } else {
        0.0
    }
}

/// How many generated reports [`short_reports_ingest`] reads.
const SHORT_REPORTS: usize = 1_000;

/// Ingest report by report on one core: the first [`SHORT_REPORTS`]
/// reports of `cargo xtask corpus` (a few kilobytes each, as most real
/// reports are). On a short report every rule reads the whole text, so
/// this rate, not the one of one long text, is what a corpus run gets.
fn short_reports_ingest(runs: usize) -> Result<()> {
    let texts: Vec<String> = crate::corpus::documents(SHORT_REPORTS, crate::bench_e2e::SEED)
        .map(|(_, text)| text)
        .collect();
    let timed = best_ingest(runs, &texts, drop).context("a generated report does not read")?;
    let (mb, secs) = (
        texts.iter().map(String::len).sum::<usize>() as f64 / 1e6,
        timed.secs,
    );
    println!(
        "ingest, report by report: {} generated reports = {mb:.1} MB, best {secs:.3} s = {:.1} MB/s, {:.0} µs a report{}",
        texts.len(),
        per_second(mb, secs),
        secs * 1e6 / texts.len().max(1) as f64,
        timed.steal_note()
    );
    Ok(())
}

/// The councils of the sample corpus, as written and as slugs.
const SAMPLE_COUNCILS: [&str; 3] = ["Corrington", "Ashby Vale", "Marshfield"];

/// A distinct made-up word for copy `n` (`ab`, `ac`, …), so every copy's
/// councils get names and ids of their own.
fn copy_suffix(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    format!("x{s}")
}

/// The sample corpus `copies` times, its councils renamed in each copy
/// ("Corrington" → "Corringtonxab"): each report as its path
/// (`copy-N/file`) and text.
pub fn renamed_copy_texts(copies: usize) -> Result<Vec<(String, String)>> {
    let dir = root().join("tests/corpus");
    let mut texts: Vec<(String, String)> = Vec::new();
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
    {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("README") || !(name.ends_with(".txt") || name.ends_with(".md")) {
            continue;
        }
        texts.push((name, std::fs::read_to_string(&path)?));
    }
    texts.sort();
    let mut out = Vec::with_capacity(texts.len() * copies);
    for n in 0..copies {
        let suffix = copy_suffix(n);
        for (name, text) in &texts {
            let mut text = text.clone();
            let mut file = name.clone();
            for council in SAMPLE_COUNCILS {
                let slug = council.to_lowercase().replace(' ', "-");
                text = text.replace(council, &format!("{council}{suffix}"));
                text = text.replace(&slug, &format!("{slug}{suffix}"));
                file = file.replace(&slug, &format!("{slug}{suffix}"));
            }
            out.push((format!("copy-{n}/{file}"), text));
        }
    }
    Ok(out)
}

/// [`renamed_copy_texts`], read in memory: nothing is written.
fn renamed_copies(copies: usize) -> Result<Vec<peertrail_core::Extraction>> {
    let options = peertrail_ingest::IngestOptions::default();
    renamed_copy_texts(copies)?
        .into_iter()
        .map(|(path, text)| {
            let mut e = peertrail_ingest::ingest_str(&text, &options)
                .map_err(|e| anyhow::anyhow!("{path} does not read: {e}"))?;
            e.review.source = Some(path);
            Ok(e)
        })
        .collect()
}

/// Every format written for `copies` renamed copies of the sample corpus,
/// one at a time, into `target/bench-export/`: the time and size of each.
fn export_formats(copies: usize) -> Result<()> {
    if copies == 0 {
        return Ok(());
    }
    let start = Instant::now();
    let docs = renamed_copies(copies)?;
    let documents = docs.len();
    let graph = Graph::build(docs);
    let data = graph.dataset();
    let due = peertrail::due_as_of(&graph, None);
    let mut ctx = peertrail_core::ExportContext::new(data);
    if let Some((as_of, items)) = &due {
        ctx = ctx.with_due(*as_of, items);
    }
    println!(
        "export: {copies} renamed copies of tests/corpus = {documents} documents, {} councils, {} recommendations, {} links (read and linked in {:.2} s)",
        data.councils.len(),
        data.recommendations.len(),
        data.links.len(),
        start.elapsed().as_secs_f64()
    );
    println!(
        "{:>8} {:>10} {:>14} {:>8}",
        "format", "wall (s)", "bytes", "files"
    );
    let out = root().join("target/bench-export");
    let _ = std::fs::remove_dir_all(&out);
    for exporter in peertrail::exporters() {
        let name = exporter.name();
        let start = Instant::now();
        let written = peertrail::write_exports(&out, &[exporter], &ctx)
            .with_context(|| format!("the {name} export failed"))?;
        let wall = start.elapsed();
        let bytes: u64 = written.iter().map(|w| w.bytes).sum();
        let files = if name == "html" {
            count_files(&out.join("report"))
        } else {
            written.len()
        };
        println!(
            "{name:>8} {:>10.3} {bytes:>14} {files:>8}",
            wall.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok(())
}

fn count_files(dir: &std::path::Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                n += 1;
            }
        }
    }
    n
}

/// The best of the runs of one size.
#[derive(Debug, Clone, Default)]
struct Best {
    wall: Option<Duration>,
    cpu: Option<Duration>,
    counts: (usize, usize),
}

/// CPU time this process's threads have used so far, in nanoseconds,
/// where the system tells (Linux): linking and exporting run on rayon's
/// pool, so the calling thread's time alone would miss most of the work.
/// The pool's threads live as long as the process, so none of the time
/// measured goes missing with an exited thread.
fn process_cpu() -> Option<Duration> {
    let mut nanos: u64 = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let text = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        nanos += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn options_default_and_parse() {
        let o = parse(&[]).unwrap();
        assert_eq!(o.sizes, DEFAULT_SIZES);
        assert_eq!(o.runs, DEFAULT_RUNS);
        let o = parse(&args(&["--sizes", "10_000, 1000", "--runs", "5"])).unwrap();
        assert_eq!(o.sizes, [1000, 10_000]);
        assert_eq!(o.runs, 5);
        assert!(parse(&args(&["--sizes", "0"])).is_err());
        assert!(parse(&args(&["--runs", "many"])).is_err());
        assert!(parse(&args(&["--sizes"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
        assert_eq!(parse(&[]).unwrap().docs, DEFAULT_DOCS);
        assert!(parse(&args(&["--docs", "0"])).unwrap().docs.is_empty());
        assert_eq!(
            parse(&args(&["--docs", "100_000,1000"])).unwrap().docs,
            [1000, 100_000]
        );
        assert!(!parse(&args(&["--shapes", "no"])).unwrap().shapes);
        assert!(parse(&args(&["--shapes", "maybe"])).is_err());
    }

    #[test]
    fn a_tiny_bench_runs() {
        // Too small to judge scaling reliably; it only has to run.
        measure(&args(&[
            "--sizes", "10,20", "--runs", "1", "--copies", "2", "--docs", "0", "--shapes", "no",
        ]))
        .unwrap();
    }

    #[test]
    fn every_hostile_shape_is_timed() {
        let out = root().join(format!("target/bench-hostile-test-{}", std::process::id()));
        for shape in peertrail_testkit::shapes::SHAPES {
            shape_time(&(shape.text)(10), shape.council, &out).unwrap();
        }
        std::fs::remove_dir_all(&out).unwrap();
    }
}
