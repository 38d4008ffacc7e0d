//! `cargo xtask bench`, end to end: the release `peertrail export` run on
//! corpora on disk, as a user runs it, in every format but HTML: cold
//! (`--no-cache`), cached (the extraction cache filled, into an empty
//! output folder: every stage but reading runs) and up to date (a second
//! export into the same folder over the unchanged corpus, which writes
//! nothing); the figures come from the binary's own `--timings` (stages,
//! CPU time, peak memory) and from the wall clock around the process.
//!
//! Corpora: `cargo xtask corpus` output at each `--docs` size, and
//! `--copies` renamed copies of the sample corpus, written once under
//! `target/bench-corpus/` and reused (delete the folder to rebuild them).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::root;

/// The formats measured: all but HTML, whose one page per recommendation
/// is a different kind of cost (measured on its own by the in-memory
/// export table).
const FORMATS: &str = "csv,json,dot,xlsx,sqlite";
/// The seed of the generated corpora.
pub(crate) const SEED: u64 = 42;
/// The targets at 10,000 documents, cold: wall and CPU seconds.
const TARGET_10K: (f64, f64) = (2.0, 3.0);
/// The target at 100,000 generated documents, cold: wall seconds.
const TARGET_100K_WALL: f64 = 20.0;
/// Peak memory at 10,000 and 100,000 documents: at most this many times
/// the corpus's size on disk.
const MAX_MEMORY_TIMES: f64 = 3.0;
/// The renamed copies of the sample corpus the 10,000-document targets
/// were first measured on.
const BASELINE_COPIES: usize = 1_250;
/// A second run over an unchanged corpus takes at most this share of a
/// cold run.
const CACHED_SHARE: f64 = 0.2;
/// 10x the documents in at most 12x the time.
const MAX_SLOWDOWN: f64 = 1.2;

/// One run's figures, from `--timings` and the clock.
#[derive(Debug, Clone, Default)]
struct Run {
    /// Wall time around the process.
    wall: f64,
    /// CPU seconds of the process.
    cpu: f64,
    /// Peak resident memory, bytes.
    peak: f64,
    /// Stage name → wall seconds.
    stages: BTreeMap<String, f64>,
    /// Share of the machine's time the hypervisor gave to other guests
    /// while the run went on (`steal` of `/proc/stat`), 0 to 1; `None`
    /// where the system does not say.
    steal: Option<f64>,
}

/// A corpus measured.
#[derive(Debug)]
struct Measured {
    label: String,
    docs: usize,
    /// Whether the 10,000-document targets apply: the generated
    /// corpus of 10,000, and the 1,250 renamed copies of the sample
    /// corpus that were its first baseline (9 reports a copy today).
    ten_thousand: bool,
    bytes: u64,
    cold: Run,
    cached: Run,
    up_to_date: Run,
    /// What the linked data set alone holds, where the memory bound
    /// applies: the least any export of the corpus can hold at its peak
    /// while the data set is held as the model's structs.
    at_rest: Option<peertrail_alloc::Held>,
}

impl Measured {
    /// Whether the 100,000-document targets apply: the generated corpus
    /// of 100,000.
    fn hundred_thousand(&self) -> bool {
        self.label == "generated" && self.docs == 100_000
    }
}

/// How a run is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `--no-cache`, into an empty output folder.
    Cold,
    /// The extraction cache filled, into an empty output folder.
    Cached,
    /// The extraction cache filled, into the folder the previous export
    /// wrote: nothing changed, so nothing is written.
    UpToDate,
}

/// Measures every corpus; prints the table and the verdicts. False when
/// growth is worse than linear.
pub fn end_to_end(docs: &[usize], copies: usize, runs: usize) -> Result<bool> {
    let Some(binary) = peertrail_binary() else {
        println!(
            "end to end: skipped (no release peertrail binary beside this xtask; `cargo xtask bench` builds it)"
        );
        return Ok(true);
    };
    let base = root().join("target/bench-corpus");
    let mut corpora: Vec<(String, PathBuf, usize, bool)> = Vec::new();
    if copies > 0 {
        let dir = base.join(format!("copies-{copies}"));
        let n = ensure(&dir, |tmp| {
            let texts = crate::bench::renamed_copy_texts(copies)?;
            for (path, text) in &texts {
                let path = tmp.join(path);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, text)?;
            }
            Ok(texts.len())
        })?;
        corpora.push((
            format!("{copies} renamed sample copies"),
            dir,
            n,
            copies == BASELINE_COPIES,
        ));
    }
    for &n in docs {
        let dir = base.join(format!(
            "generated-{n}-seed{SEED}-v{}",
            crate::corpus::VERSION
        ));
        let written = ensure(&dir, |tmp| crate::corpus::write(tmp, n, SEED))?;
        corpora.push(("generated".to_string(), dir, written, n == 10_000));
    }
    println!(
        "end to end: peertrail export --format {FORMATS}, release, best of {runs} (wall around the process; stages from --timings)"
    );
    let mut measured = Vec::new();
    for (label, dir, n, ten_thousand) in corpora {
        let out = base.join("out");
        let bytes = corpus_bytes(&dir);
        let best = |mode: Mode| -> Result<Run> {
            let mut best: Option<Run> = None;
            for _ in 0..runs.max(1) {
                if mode != Mode::UpToDate {
                    let _ = fs::remove_dir_all(&out);
                }
                let run = export(&binary, &dir, &out, mode != Mode::Cold)?;
                if best.as_ref().is_none_or(|b| run.wall < b.wall) {
                    best = Some(run);
                }
            }
            best.context("no run")
        };
        let cold = best(Mode::Cold)?;
        let _ = fs::remove_dir_all(dir.join(".peertrail-cache"));
        let _ = fs::remove_dir_all(&out);
        export(&binary, &dir, &out, true)?; // fills the cache
        let cached = best(Mode::Cached)?;
        // The last cached run left its outputs and their record in `out`.
        let up_to_date = best(Mode::UpToDate)?;
        let _ = fs::remove_dir_all(&out);
        let mut m = Measured {
            label,
            docs: n,
            ten_thousand,
            bytes,
            cold,
            cached,
            up_to_date,
            at_rest: None,
        };
        if m.ten_thousand || m.hundred_thousand() {
            m.at_rest = Some(data_set_at_rest(&dir)?);
        }
        measured.push(m);
    }
    print_table(&measured);
    Ok(verdicts(&measured))
}

/// What the linked data set of the corpus at `dir` holds on the heap, with
/// nothing else held: read (no cache) and linked in this process the way
/// every command links a corpus (`peertrail::link_with`, without
/// `similar_theme` as `export` by default), then weighed by dropping it.
fn data_set_at_rest(dir: &Path) -> Result<peertrail_alloc::Held> {
    let inputs = [dir.to_path_buf()];
    let corpus = peertrail::corpus::load(&inputs, &peertrail::corpus::LoadOptions::default());
    let linked = peertrail::link_with(&inputs, corpus.extractions, false)
        .with_context(|| format!("cannot link {}", dir.display()))?;
    Ok(peertrail_alloc::held_by(linked.graph))
}

fn print_table(measured: &[Measured]) {
    let exporters: Vec<&str> = FORMATS.split(',').collect();
    print!(
        "{:<28} {:>7} {:>6} {:<10} {:>7} {:>7} {:>6} {:>8} {:>6} {:>7} {:>6} {:>6}",
        "corpus",
        "docs",
        "MB",
        "run",
        "wall s",
        "cpu s",
        "MB/s",
        "peak MB",
        "×size",
        "read",
        "link",
        "export"
    );
    for e in &exporters {
        print!(" {e:>6}");
    }
    println!(" {:>6}", "steal");
    for m in measured {
        let mb = m.bytes as f64 / 1e6;
        for (name, run) in [
            ("cold", &m.cold),
            ("cached", &m.cached),
            ("up to date", &m.up_to_date),
        ] {
            // A stage the run did not go through shows as 0.
            let stage = |s: &str| run.stages.get(s).copied().unwrap_or(0.0);
            print!(
                "{:<28} {:>7} {:>6.1} {:<10} {:>7.3} {:>7.3} {:>6.1} {:>8.1} {:>6.1} {:>7.3} {:>6.3} {:>6.3}",
                m.label,
                m.docs,
                mb,
                name,
                run.wall,
                run.cpu,
                mb / run.wall.max(1e-9),
                run.peak / 1e6,
                run.peak / (m.bytes.max(1) as f64),
                stage("read and extract"),
                stage("link and decide"),
                stage("export"),
            );
            for e in &exporters {
                print!(" {:>6.3}", stage(e));
            }
            match run.steal {
                Some(share) => println!(" {:>5.0}%", share * 100.0),
                None => println!(" {:>6}", "-"),
            }
        }
    }
    if measured
        .iter()
        .flat_map(|m| [&m.cold, &m.cached, &m.up_to_date])
        .any(|run| run.steal.is_some_and(|s| s >= NOISY_STEAL))
    {
        println!(
            "steal: during the runs whose steal reads {:.0}% or more the host gave that share of this machine's time to other guests; their wall times are longer than the code makes them (CPU seconds are less affected)",
            NOISY_STEAL * 100.0
        );
    }
}

/// A run during which the host took at least this share of the machine's
/// time is flagged.
pub(crate) const NOISY_STEAL: f64 = 0.05;

/// The machine's time so far from the `cpu` line of `/proc/stat`: (stolen,
/// all), in clock ticks; `None` off Linux or when the line cannot be read.
pub(crate) fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    parse_cpu_ticks(stat.lines().next()?)
}

/// Reads `cpu  user nice system idle iowait irq softirq steal …`: steal
/// and the sum of the eight (guest time is already within user).
fn parse_cpu_ticks(line: &str) -> Option<(u64, u64)> {
    let mut fields = line.split_whitespace();
    if fields.next()? != "cpu" {
        return None;
    }
    let ticks: Vec<u64> = fields
        .take(8)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let steal = *ticks.get(7)?;
    Some((steal, ticks.iter().sum()))
}

/// The share of the machine's time stolen between two [`cpu_ticks`].
pub(crate) fn steal_share(before: Option<(u64, u64)>, after: Option<(u64, u64)>) -> Option<f64> {
    let ((s0, t0), (s1, t1)) = (before?, after?);
    let all = t1.checked_sub(t0).filter(|&t| t > 0)?;
    Some(s1.saturating_sub(s0) as f64 / all as f64)
}

/// Prints each target with met / not met; false only when growth is worse
/// than linear (the targets are goals, the growth is a guarantee).
fn verdicts(measured: &[Measured]) -> bool {
    let met = |ok: bool| if ok { "met" } else { "NOT MET" };
    for m in measured {
        let share = |run: &Run| run.wall / m.cold.wall.max(1e-9);
        println!(
            "{} ({} docs): a second run over the unchanged corpus (up to date) {:.0}% of the cold one (target at most {:.0}%): {}; with the extraction cache into an empty folder {:.0}%",
            m.label,
            m.docs,
            share(&m.up_to_date) * 100.0,
            CACHED_SHARE * 100.0,
            met(share(&m.up_to_date) <= CACHED_SHARE),
            share(&m.cached) * 100.0,
        );
        if m.ten_thousand {
            let (wall, cpu) = TARGET_10K;
            println!(
                "{} ({} docs): cold {:.2} s wall, {:.2} s CPU (target {wall} s, {cpu} s): {}",
                m.label,
                m.docs,
                m.cold.wall,
                m.cold.cpu,
                met(m.cold.wall <= wall && m.cold.cpu <= cpu)
            );
        }
        if m.hundred_thousand() {
            println!(
                "{} ({} docs): cold {:.2} s wall (target {TARGET_100K_WALL} s): {}",
                m.label,
                m.docs,
                m.cold.wall,
                met(m.cold.wall <= TARGET_100K_WALL)
            );
        }
        if m.ten_thousand || m.hundred_thousand() {
            let times = m.cold.peak / (m.bytes.max(1) as f64);
            println!(
                "{} ({} docs): cold peak memory {:.1} MB, {times:.1}x the corpus's {:.1} MB (target at most {MAX_MEMORY_TIMES}x): {}",
                m.label,
                m.docs,
                m.cold.peak / 1e6,
                m.bytes as f64 / 1e6,
                met(times <= MAX_MEMORY_TIMES)
            );
        }
        if let Some(held) = m.at_rest {
            let mb = |b: usize| b as f64 / 1e6;
            println!(
                "{} ({} docs): the linked data set alone, nothing else held, occupies {:.1} MB of heap, {:.1}x the corpus (its {} blocks ask for {:.1} MB): the least an export's peak can be while the data set is held as the model's structs",
                m.label,
                m.docs,
                mb(held.occupied),
                held.occupied as f64 / (m.bytes.max(1) as f64),
                held.blocks,
                mb(held.requested),
            );
        }
    }
    let generated: Vec<&Measured> = measured.iter().filter(|m| m.label == "generated").collect();
    let mut ok = true;
    for pair in generated.windows(2) {
        let (small, large) = (pair[0], pair[1]);
        let size = large.docs as f64 / small.docs.max(1) as f64;
        // CPU time: what a busy machine's waiting does not inflate.
        let time = large.cold.cpu / small.cold.cpu.max(1e-9);
        let limit = size * MAX_SLOWDOWN;
        let good = time <= limit;
        ok &= good;
        println!(
            "generated: {size:.0}x the documents ({} → {}) took {time:.2}x the CPU time (limit {limit:.1}x): {}",
            small.docs,
            large.docs,
            if good { "ok" } else { "TOO SLOW" }
        );
    }
    ok
}

/// Runs `peertrail export` once and reads its `--timings`.
fn export(binary: &Path, corpus: &Path, out: &Path, cache: bool) -> Result<Run> {
    let mut cmd = Command::new(binary);
    cmd.args([
        "export",
        "--quiet",
        "--timings",
        "--format",
        FORMATS,
        "--corpus",
    ])
    .arg(corpus)
    .arg("--out")
    .arg(out);
    if !cache {
        cmd.arg("--no-cache");
    }
    let ticks = cpu_ticks();
    let start = Instant::now();
    let output = cmd
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let wall = start.elapsed().as_secs_f64();
    let steal = steal_share(ticks, cpu_ticks());
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("peertrail export failed on {}:\n{stderr}", corpus.display());
    }
    let mut run = parse_timings(&stderr)
        .with_context(|| format!("no --timings table in peertrail's output:\n{stderr}"))?;
    run.wall = wall;
    run.steal = steal;
    Ok(run)
}

/// Reads the `--timings` table: `  name   seconds  note` lines, the last
/// (`total`) with `cpu N s, peak memory N MB`.
fn parse_timings(stderr: &str) -> Option<Run> {
    let table = stderr.split_once("peertrail: timings")?.1;
    let mut run = Run::default();
    for line in table.lines().skip(1) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| w.parse::<f64>().is_ok()) else {
            continue;
        };
        let name = words[..at].join(" ");
        let seconds: f64 = words[at].parse().ok()?;
        if name == "total" {
            let note = words[at + 1..].join(" ");
            let number_after = |label: &str| -> Option<f64> {
                note.split_once(label)?
                    .1
                    .split_whitespace()
                    .next()?
                    .parse()
                    .ok()
            };
            run.cpu = number_after("cpu ")?;
            run.peak = number_after("peak memory ")? * 1e6;
        }
        run.stages.insert(name, seconds);
    }
    run.stages.contains_key("total").then_some(run)
}

/// The corpus at `dir`, made by `make` into a temporary folder and renamed
/// into place when missing; returns how many documents it holds.
fn ensure(dir: &Path, make: impl FnOnce(&Path) -> Result<usize>) -> Result<usize> {
    if !dir.is_dir() {
        let tmp = dir.with_extension("partial");
        let _ = fs::remove_dir_all(&tmp);
        make(&tmp)?;
        fs::rename(&tmp, dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(report_files(dir).len())
}

fn report_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn corpus_bytes(dir: &Path) -> u64 {
    report_files(dir)
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// The release `peertrail` binary beside this (release) xtask.
fn peertrail_binary() -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let binary = exe
        .parent()?
        .join(format!("peertrail{}", std::env::consts::EXE_SUFFIX));
    binary.is_file().then_some(binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stolen_time_is_read_from_the_cpu_line() {
        let before = parse_cpu_ticks("cpu  100 0 50 800 10 0 5 35 0 0").unwrap();
        assert_eq!(before, (35, 1000));
        let after = parse_cpu_ticks("cpu  150 0 60 900 10 0 5 75 0 0").unwrap();
        let share = steal_share(Some(before), Some(after)).unwrap();
        assert!((share - 40.0 / 200.0).abs() < 1e-9, "{share}");
        // Not the summary line, or too short: nothing to say.
        assert_eq!(parse_cpu_ticks("cpu0 1 2 3 4 5 6 7 8"), None);
        assert_eq!(parse_cpu_ticks("cpu  1 2 3"), None);
        assert_eq!(steal_share(None, Some(after)), None);
        assert_eq!(steal_share(Some(after), Some(after)), None);
    }

    #[test]
    fn the_timings_table_is_read_back() {
        let stderr = "peertrail: 3 files read\npeertrail: timings (wall seconds)\n  read and extract    0.400  10 files, 1.0 MB\n  link and decide     1.132  \n  export              3.702  16 files\n    csv               0.603  12 file(s)\n  total               5.242  cpu 4.750 s, peak memory 660.2 MB\n";
        let run = parse_timings(stderr).unwrap();
        assert_eq!(run.stages["read and extract"], 0.4);
        assert_eq!(run.stages["csv"], 0.603);
        assert_eq!(run.stages["total"], 5.242);
        assert_eq!(run.cpu, 4.75);
        assert_eq!(run.peak, 660.2e6);
        assert!(parse_timings("peertrail: 3 files read\n").is_none());
    }
}
