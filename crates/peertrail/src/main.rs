//! The `peertrail` command: read LGA peer review reports, link every
//! recommendation across reviews over time, export and query the result.
//!
//! Only this binary knows about arguments, terminals and exit codes.

mod cli;

/// mimalloc, set up in `main` (crates/peertrail-alloc says why).
#[global_allocator]
static GLOBAL: peertrail_alloc::Allocator = peertrail_alloc::Allocator;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use peertrail::manifest::{self, Manifest, Summary};
use peertrail::{Corpus, LoadOptions};
use peertrail_core::{ExportContext, Exporter};

use cli::decide::{self, DecideArgs, ImportArgs, RespondArgs, UpdateArgs};
use cli::links;
use cli::progress::Progress;
use cli::query::{self, DueArgs, PeopleArgs, TimelineArgs, TraceArgs};

/// Exit code when some input files were skipped but the rest was processed.
const EXIT_SOME_FAILED: u8 = 1;
/// Exit code for a fatal error (bad arguments, unknown ids, unwritable output).
const EXIT_FATAL: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "peertrail",
    version,
    about = "Turn LGA peer review reports into a linked record of every recommendation and what became of it.",
    long_about = "Turn LGA peer review reports into a linked record of every recommendation and what became of it.\n\n\
Reports are PDF, Word (.docx), saved web pages (.html, .htm), plain text or markdown (.txt, .md); \
PDF items cite their page. \
A folder given with --corpus is read recursively; a report that never names its council can \
take it from --council or from a sidecar file `<report>.meta.toml`.\n\n\
ingest and export turn reports into files; trace, timeline, due and people answer questions \
about the linked corpus, as text for people or as JSON with --json. \
export and the four questions read their corpus from --corpus DIR (repeatable).\n\n\
People's decisions live beside the reports in DIR/peertrail-decisions.toml: every command \
applies them after extraction and linking; decide, update, respond and import-updates \
record them.\n\n\
What each report gave is kept in DIR/.peertrail-cache, so the next command reads only the \
reports that changed (the output is the same; the folder is safe to delete; --no-cache turns it \
off), and export writes nothing when neither the corpus, its decisions, the options nor the \
outputs changed since the last export (recorded in OUT/.peertrail-export). On a terminal a long run shows its progress on stderr; --quiet turns that off.\n\n\
Run `peertrail <command> --help` for each command's options and examples.\n\n\
Exit status: 0 when every file was read, 1 when some files were skipped (the rest is still \
processed and written), 2 on a fatal error (bad arguments, an unknown id or council, \
unwritable output).",
    after_help = "Examples:\n  \
peertrail ingest report.pdf > report.json\n  \
peertrail export --corpus reports/ --out out/ --format csv,json,dot,html,xlsx,sqlite\n  \
peertrail trace 'marshfield/2019-11-05-cpc#r2' --corpus reports/\n  \
peertrail timeline marshfield --corpus reports/\n  \
peertrail due --as-of 2026-11-22 --corpus reports/\n  \
peertrail people holloway --corpus reports/\n  \
peertrail update 'marshfield/2019-11-05-cpc#r2' --status complete --date 2024-05-01 --corpus reports/\n  \
peertrail import-updates out/recommendations.csv --corpus reports/\n  \
peertrail import-updates out/peertrail.xlsx --corpus reports/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read report files and print the linked JSON document (peertrail/2) to stdout.
    Ingest(IngestArgs),
    /// Read a corpus and write every chosen format into an output folder.
    Export(ExportArgs),
    /// Show a recommendation and every later event touching it, in date order.
    #[command(after_help = query::TRACE_HELP)]
    Trace(TraceArgs),
    /// Show a council's reviews and documents in date order, with counts and statuses.
    #[command(after_help = query::TIMELINE_HELP)]
    Timeline(TimelineArgs),
    /// List next steps due and overdue as of a date (default: today).
    #[command(after_help = query::DUE_HELP)]
    Due(DueArgs),
    /// List peers, the reviews they served on and their roles over time.
    #[command(after_help = query::PEOPLE_HELP)]
    People(PeopleArgs),
    /// List links with their evidence, the two wordings side by side;
    /// `--suggested` for those a person should confirm.
    #[command(after_help = links::LINKS_HELP)]
    Links(links::LinksArgs),
    /// Record a decision about a link, an extracted field, a peer team
    /// member, an item that is not a recommendation, or an action's target date.
    #[command(after_help = decide::DECIDE_HELP)]
    Decide(DecideArgs),
    /// Record a recommendation's status between published reviews.
    #[command(after_help = decide::UPDATE_HELP)]
    Update(UpdateArgs),
    /// Record the council's response to a recommendation.
    #[command(after_help = decide::RESPOND_HELP)]
    Respond(RespondArgs),
    /// Turn the edited cells of a tracker (recommendations.csv or the workbook peertrail.xlsx) into decisions.
    #[command(after_help = decide::IMPORT_HELP)]
    ImportUpdates(ImportArgs),
}

#[derive(Debug, Args)]
struct IngestArgs {
    /// Report files (.pdf, .docx, .html, .txt, .md) or folders of them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Args)]
struct LoadArgs {
    /// Council name for reports that never name their council (a sidecar's wins).
    #[arg(long, value_name = "NAME", visible_alias = "default-council")]
    council: Option<String>,
    /// Refuse to produce any output when a file cannot be read.
    #[arg(long)]
    strict: bool,
    /// What reads PDFs: pdf-extract (built in) or pdftotext (poppler, where
    /// installed; reads two-column pages in column order).
    #[arg(long, value_name = "ENGINE", default_value = "pdf-extract", value_parser = parse_pdf_engine)]
    pdf_engine: peertrail_read::PdfEngine,
    /// Read every report afresh: neither use nor write the extraction
    /// cache kept in each corpus folder (DIR/.peertrail-cache, safe to
    /// delete). For export, also skip the up-to-date check: with the cache
    /// on, an export over an unchanged corpus into an output folder whose
    /// files still stand as it wrote them (recorded in OUT/.peertrail-export)
    /// writes nothing; with --no-cache every output is written again and
    /// that record is removed.
    #[arg(long)]
    no_cache: bool,
    /// No progress line and no summary on stderr; errors and warnings are
    /// still printed. (The progress line only ever shows on a terminal.)
    #[arg(long, short = 'q')]
    quiet: bool,
}

fn parse_pdf_engine(name: &str) -> Result<peertrail_read::PdfEngine, String> {
    peertrail_read::PdfEngine::parse(name)
        .ok_or_else(|| format!("unknown PDF engine `{name}` (pdf-extract, pdftotext)"))
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// A folder of reports (read recursively) or a report file; repeatable.
    #[arg(long = "corpus", value_name = "DIR", required = true)]
    corpus: Vec<PathBuf>,
    /// The output folder; created if missing. Only peertrail's own files in it are replaced.
    #[arg(long, value_name = "DIR", default_value = "peertrail-out")]
    out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "csv,json,dot,html,xlsx,sqlite"
    )]
    format: Vec<String>,
    /// Also export `similar_theme` links between councils (many; off by
    /// default, when they are not even looked for).
    #[arg(long)]
    similar_theme: bool,
    /// Print how long each stage took (reading, linking, each format), the
    /// CPU time and the peak memory, on stderr; a stage that raised the
    /// peak ends with `peak N MB`, so the last one set it.
    #[arg(long)]
    timings: bool,
    /// The day due and overdue items are judged by (YYYY-MM-DD); defaults to
    /// the date of the newest document in the corpus, so the same corpus
    /// always gives the same output.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = query::parse_date)]
    as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    load: LoadArgs,
}

/// The stack of the threads a command runs on: the main thread's usual
/// size, not the 2 MiB a spawned thread gets.
const STACK_BYTES: usize = 8 << 20;

fn main() -> ExitCode {
    peertrail_alloc::return_freed_memory_at_once();
    let cli = Cli::parse();
    // The command runs on a thread of the pool that reads the reports, not
    // on the main thread. The allocator keeps each thread's freed memory
    // for that thread: linking on the main thread took fresh memory while
    // the pool's threads still held what reading had freed, and linking on
    // one of them reuses it: about 10 MB less at the peak of an export of
    // 10,000 reports (docs/ARCHITECTURE.md), in the same time.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_BYTES)
        .build();
    let result = match pool {
        Ok(pool) => pool.install(|| run(cli)),
        Err(_) => run(cli),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("peertrail: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest(args),
        Command::Export(args) => export(args),
        Command::Trace(args) => query::trace(args),
        Command::Timeline(args) => query::timeline(args),
        Command::Due(args) => query::due(args),
        Command::People(args) => query::people(args),
        Command::Links(args) => links::links(args),
        Command::Decide(args) => decide::decide(args),
        Command::Update(args) => decide::update(args),
        Command::Respond(args) => decide::respond(args),
        Command::ImportUpdates(args) => decide::import_updates(args),
    }
}

fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let (corpus, linked) = decide::linked(&args.files, &args.load)?;
    let graph = linked.graph;
    let json = peertrail::exporter("json").context("the json exporter is not registered")?;
    let ctx = ExportContext::new(graph.dataset());
    let file = json.files().first().copied().unwrap_or("peertrail.json");
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    json.write(file, &ctx, &mut out)
        .context("cannot write to stdout")?;
    out.flush().context("cannot write to stdout")?;
    Ok(finish(&corpus))
}

fn export(args: ExportArgs) -> Result<ExitCode> {
    let chosen = choose_exporters(&args.format)?;
    let mut timings = peertrail::timings::Timings::start();
    let mut progress = Progress::start(args.load.quiet);
    let names: Vec<&str> = chosen.iter().map(|e| e.name()).collect();
    progress.stage("reading");
    let start = std::time::Instant::now();
    let scan = peertrail::scan(&args.corpus, &load_options(&args.load), &|event| {
        progress.observe(event);
    });
    // Keyed right after hashing the inputs, before any extraction is
    // decoded or linked: an unchanged corpus costs no more than that.
    let run_key = manifest::run_key(&args.corpus, &scan, &export_settings(&args, &names));
    timings.record(
        "find and hash inputs",
        start.elapsed(),
        match run_key {
            Some(_) => format!(
                "{} files, {:.1} MB hashed",
                scan.files(),
                scan.bytes() as f64 / 1e6
            ),
            None => format!("{} files", scan.files()),
        },
    );
    if let Some(current) = run_key
        .as_deref()
        .and_then(|key| standing_manifest(&args.out, key, &mut timings))
    {
        progress.finish();
        return Ok(up_to_date(&args, &current, &timings));
    }
    let start = std::time::Instant::now();
    let corpus = load_scanned(scan, &args.load, &progress)?;
    // Exports leave `similar_theme` links out unless asked: then they are
    // not found at all.
    let (corpus, linked) = decide::link_loaded(
        &args.corpus,
        corpus,
        start.elapsed(),
        &mut timings,
        &progress,
        args.similar_theme,
    )?;
    let mut graph = linked.graph;
    let due = timings.time("due dates", || peertrail::due_as_of(&graph, args.as_of));
    // Exporters read the data set only: the index due dates built is freed
    // before they fill their buffers.
    graph.release_index();
    let mut ctx = ExportContext::new(graph.dataset()).with_similar_theme(args.similar_theme);
    if let Some((as_of, items)) = &due {
        ctx = ctx.with_due(*as_of, items);
    }
    progress.stage(&format!("writing {}", names.join(", ")));
    let start = std::time::Instant::now();
    // The old manifest must not vouch for outputs about to be replaced;
    // `--no-cache` leaves none behind (it never keys its run).
    if args.out.is_dir() {
        manifest::remove(&args.out).with_context(|| {
            format!(
                "cannot remove {}",
                args.out.join(manifest::MANIFEST_FILE).display()
            )
        })?;
    }
    let written = peertrail::write_exports(&args.out, &chosen, &ctx)
        .with_context(|| format!("nothing written to {}", args.out.display()))?;
    progress.finish();
    timings.record(
        "export",
        start.elapsed(),
        format!("{} files, every format at once", written.len()),
    );
    for exporter in &chosen {
        let files = written.iter().filter(|w| w.format == exporter.name());
        let (count, took) = files.fold((0, std::time::Duration::ZERO), |(n, t), w| {
            (n + 1, t + w.took)
        });
        timings.record(
            &format!("  {}", exporter.name()),
            took,
            format!("{count} file(s)"),
        );
    }
    let summary = summarise(&corpus, graph.dataset(), args.similar_theme);
    // The process ends with this command: the linked corpus is left to the
    // operating system instead of being freed an allocation at a time
    // (millions of them, a core's 0.4 s at 100,000 reports).
    std::mem::forget((graph, due));
    if !args.load.quiet {
        print_summary(&summary, &written, corpus.from_cache);
    }
    if let Some(key) = run_key {
        record_manifest(&args.out, key, &summary, progress.printed(), &written);
    }
    if args.timings {
        eprint!("{}", timings.render());
    }
    Ok(finish_skipped(summary.skipped))
}

/// The manifest in `out` when it vouches for this run (`key`) and every
/// output it lists still stands as written; the check is timed.
fn standing_manifest(
    out: &Path,
    key: &str,
    timings: &mut peertrail::timings::Timings,
) -> Option<Manifest> {
    let start = std::time::Instant::now();
    let current = Manifest::read(out).filter(|m| m.run_key == key && m.outputs_stand(out));
    timings.record("check outputs", start.elapsed(), "");
    current
}

/// Records what this export read and wrote, for the next one; failing to
/// is a warning (the next export then runs in full), never an error.
fn record_manifest(
    out: &Path,
    key: String,
    summary: &manifest::Summary,
    printed: Vec<String>,
    written: &[peertrail::Written],
) {
    let recorded = Manifest::new(
        key,
        exit_code(summary.skipped),
        summary.clone(),
        printed,
        out,
        written,
    )
    .and_then(|m| m.write(out));
    if let Err(e) = recorded {
        eprintln!(
            "peertrail: warning: cannot write {} ({e}); the next export will run in full",
            out.join(manifest::MANIFEST_FILE).display()
        );
    }
}

/// Every option of `export` that changes its outputs, for the run key
/// (`--council` and the PDF engine are in every file's key too).
fn export_settings(args: &ExportArgs, formats: &[&str]) -> Vec<(&'static str, String)> {
    vec![
        ("format", formats.join(",")),
        (
            "as-of",
            args.as_of.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("similar-theme", args.similar_theme.to_string()),
        ("strict", args.load.strict.to_string()),
        ("council", args.load.council.clone().unwrap_or_default()),
        ("pdf-engine", args.load.pdf_engine.name().to_string()),
    ]
}

/// An export found up to date: what the last run printed, said again,
/// and its exit code; nothing is written.
fn up_to_date(
    args: &ExportArgs,
    current: &Manifest,
    timings: &peertrail::timings::Timings,
) -> ExitCode {
    for line in &current.printed {
        eprintln!("{line}");
    }
    let s = &current.summary;
    if !args.load.quiet {
        eprintln!(
            "peertrail: {} is up to date with the corpus: nothing changed since the last export \
             ({} files, {} skipped; {} councils, {} reviews, {} recommendations, {} links)",
            args.out.display(),
            s.files,
            s.skipped,
            s.councils,
            s.reviews,
            s.recommendations,
            s.links,
        );
        for note in &s.notes {
            eprintln!("peertrail: {note}");
        }
    }
    if args.timings {
        eprint!("{}", timings.render());
    }
    say_skipped(s.skipped);
    ExitCode::from(current.exit_code)
}

/// The numbers `export` ends with.
fn summarise(corpus: &Corpus, data: &peertrail_core::Dataset, similar_theme: bool) -> Summary {
    let links = data
        .links
        .iter()
        .filter(|l| similar_theme || l.kind != peertrail_core::LinkKind::SimilarTheme)
        .count();
    Summary {
        files: corpus.files_seen,
        skipped: corpus.skipped().count(),
        councils: data.councils.len(),
        reviews: data.reviews.len(),
        recommendations: data.recommendations.len(),
        links,
        notes: peertrail::unknown_councils_note(data).into_iter().collect(),
    }
}

/// The lines `export` ends with: what was read (and how much of it came
/// from the cache), what the corpus holds and every file written.
fn print_summary(s: &Summary, written: &[peertrail::Written], from_cache: usize) {
    let from_cache = if from_cache > 0 {
        format!(" ({from_cache} from the cache)")
    } else {
        String::new()
    };
    eprintln!(
        "peertrail: {} files read{from_cache}, {} skipped; {} councils, {} reviews, {} recommendations, {} links written",
        s.files, s.skipped, s.councils, s.reviews, s.recommendations, s.links,
    );
    for note in &s.notes {
        eprintln!("peertrail: {note}");
    }
    for w in written {
        eprintln!("  wrote {} ({} bytes)", w.path.display(), w.bytes);
    }
}

/// How to load, from the command line.
fn load_options(args: &LoadArgs) -> LoadOptions {
    LoadOptions {
        council: args.council.clone(),
        pdf_engine: args.pdf_engine,
        cache: !args.no_cache,
    }
}

/// Loads, reports every problem on stderr, and applies `--strict`.
fn load(inputs: &[PathBuf], args: &LoadArgs, progress: &Progress) -> Result<Corpus> {
    progress.stage("reading");
    let scan = peertrail::scan(inputs, &load_options(args), &|event| {
        progress.observe(event)
    });
    load_scanned(scan, args, progress)
}

/// [`load`] of a corpus already scanned.
fn load_scanned(scan: peertrail::Scan, args: &LoadArgs, progress: &Progress) -> Result<Corpus> {
    let corpus = scan.load(&|event| progress.observe(event));
    for problem in &corpus.problems {
        progress.println(problem);
    }
    for note in &corpus.cache_notes {
        progress.note(&format_args!(
            "peertrail: warning: {note}; going on without it"
        ));
    }
    if args.strict && corpus.any_skipped() {
        bail!(
            "{} file(s) could not be read and --strict was given",
            corpus.skipped().count()
        );
    }
    if corpus.extractions.is_empty() && corpus.files_seen == 0 && !corpus.any_skipped() {
        bail!("no report files (.txt, .md) found in the given paths");
    }
    Ok(corpus)
}

/// Writes `text` to stdout; a closed pipe surfaces as an error that `main`
/// treats as success.
fn write_stdout(text: &str) -> Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to stdout")
}

fn finish(corpus: &Corpus) -> ExitCode {
    finish_skipped(corpus.skipped().count())
}

/// The exit code of a run that skipped `skipped` files.
fn exit_code(skipped: usize) -> u8 {
    if skipped > 0 {
        EXIT_SOME_FAILED
    } else {
        0
    }
}

/// Says how many files were skipped, if any, and returns the exit code.
fn finish_skipped(skipped: usize) -> ExitCode {
    say_skipped(skipped);
    ExitCode::from(exit_code(skipped))
}

fn say_skipped(skipped: usize) {
    if skipped > 0 {
        eprintln!("peertrail: {skipped} file(s) skipped; see the errors above");
    }
}

fn choose_exporters(names: &[String]) -> Result<Vec<Box<dyn Exporter>>> {
    let mut chosen: Vec<Box<dyn Exporter>> = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || chosen.iter().any(|e| e.name() == name) {
            continue;
        }
        match peertrail::exporter(name) {
            Some(e) => chosen.push(e),
            None => bail!(
                "unknown format `{name}`; known formats: {}",
                peertrail::format_names()
            ),
        }
    }
    if chosen.is_empty() {
        bail!(
            "no format chosen; known formats: {}",
            peertrail::format_names()
        );
    }
    Ok(chosen)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<peertrail_core::ExportError>()
                .is_some_and(|e| matches!(e, peertrail_core::ExportError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_argument_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
