//! Project automation, run as `cargo xtask <task>`:
//!
//! - `export`: the whole pipeline on the sample corpus (or `--corpus DIR`),
//!   every format into `target/peertrail/` (or `--out DIR`), with a summary;
//! - `score`: extraction measured against a ground-truth set of real text;
//! - `formats`: the sample corpus written as PDF, Word and web pages;
//! - `ci`: format check, clippy with `-D warnings`, the whole test suite,
//!   stale or unreviewed snapshots;
//! - `bench`: ingest throughput, the whole run end to end on corpora on
//!   disk (cold, cached and up to date), export and linking times and the scaling of
//!   hostile report shapes, measured by the hidden `bench-run` task of a
//!   release build.

/// The allocator the `peertrail` binary uses, set up the same way, so what
/// `bench` measures in process is what a user gets; able to count what a
/// value holds, which `bench` weighs the linked data set by.
#[global_allocator]
static GLOBAL: peertrail_alloc::CountingAllocator = peertrail_alloc::CountingAllocator;

mod bench;
mod bench_e2e;
mod ci;
mod corpus;
mod export;
mod formats;
mod score;
mod trails;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  export [--corpus DIR]... [--out DIR] [--format csv,json,dot,html,xlsx,sqlite] [--similar-theme] [--as-of YYYY-MM-DD]
         Read the corpus (default: tests/corpus), link it and write every format
         into --out (default: target/peertrail). Prints a one-screen summary.
  score  [--set DIR] [--check] [--quiet]
         Ingest every case of a ground-truth set (default:
         ../shared/realworld/cases) and print precision and recall per field
         (recommendations, peers, review dates, kind, council, statuses,
         references), over all items and as a mean per case, after listing
         what each case missed and what was extra (--quiet leaves that out).
         --check exits 1 when a floor is not met.
  score --trails [DIR] [--check] [--quiet]
         Link the trails corpus (default: tests/trails; each folder holds one
         council's documents and a links.key key) and print precision and
         recall per link kind, every missed and wrong link with its rule and
         confidence, and how often each confidence band is right.
  corpus --docs N --out DIR [--seed S]
         Write N report texts of our own (fictional councils, trails of 2-5
         documents: CPC, action plan, progress review, remote support, later
         CPC, some restatements in other words; each council's recommendations
         with its own place, partners, numbers and years), the same for the
         same seed.
  formats [--corpus DIR] [--out DIR]
         Write the sample corpus (or DIR's .txt/.md reports) as PDF, Word and
         web pages into --out (default: target/peertrail-formats/{pdf,docx,html}),
         running headers, page numbers and Word numbering included.
  ci     cargo fmt --check, cargo clippy --all-targets -D warnings, score --check
         (extraction floors on ../shared/realworld), score --trails --check (linking
         floors on tests/trails), cargo test --workspace, then fails on any
         *.snap no test asserted and any *.snap.new or *.pending-snap left.
  bench  [--docs 1000,10000,100000] [--copies 1250] [--sizes 1000,10000] [--runs 3] [--shapes yes|no]
         Measure a release build, best of --runs: ingest throughput (the seeds
         concatenated 200x, and 1,000 generated reports read one by one, as
         a corpus's short reports are); then end to end, `peertrail export
         --timings` in every format but HTML on corpora on disk (`corpus
         --docs N` for each --docs size, and --copies renamed copies of the
         sample corpus, kept in target/bench-corpus/), cold (--no-cache),
         with the extraction cache into an empty folder, and up to date (a
         second export into the same folder, which writes nothing): wall,
         CPU, MB/s, peak memory and its ratio to the corpus, and each stage
         and format; where the memory bound applies, the heap the linked data
         set alone occupies (read and linked in process, then weighed), the
         least an export's peak can be; then each format's export time in
         memory; then the hostile
         report shapes (unless --shapes no), each read, linked and exported at
         two sizes, 4x the text in at most 6x the CPU time; then Graph::build on
         synthetic corpora of --sizes reviews. Says of each target (time at
         10,000 and 100,000 documents, peak memory at most 3x the corpus, the
         second run, growth) whether it is met. Exits 1 when time grows more
         than 1.2x as fast as the corpus (10x the documents in more than 12x
         the time), end to end or in linking, or a hostile shape scales worse.
         `--docs 0` skips the end-to-end part; `--docs 1000,10000` is the quick
         form (100,000 documents take several minutes and about 1.2 GB of disk,
         their extraction cache included).
         Timing needs optimised code, so bench runs
         `cargo run --release --package xtask -- bench-run ...`.
";

fn main() -> ExitCode {
    peertrail_alloc::return_freed_memory_at_once();
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    // `cargo xtask bench --help` as well as `cargo xtask --help`.
    if task.is_some() && rest.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match task.as_deref() {
        Some("export") => export::run(&rest),
        Some("ci") => ci::run(&rest),
        Some("score") => score::run(&rest),
        Some("corpus") => corpus::run(&rest),
        Some("formats") => formats::run(&rest),
        Some("bench") => bench::run(&rest),
        Some("bench-run") => bench::measure(&rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown task `{other}`\n\n{USAGE}")),
        None => Err(anyhow::anyhow!("no task given\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// The workspace root (this crate's parent folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Takes the value of `--flag VALUE` at `args[i]`.
fn value(args: &[String], i: usize, flag: &str) -> anyhow::Result<String> {
    args.get(i + 1)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
}
