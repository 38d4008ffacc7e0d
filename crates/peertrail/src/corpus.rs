//! Reading a corpus from disk: report files and folders of them, with
//! optional `.meta.toml` sidecars. Every problem is tied to its file (and
//! line, where there is one); one bad file never stops the others.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use peertrail_core::Extraction;

use crate::cache::{self, Cache, KeyParts};
use peertrail_ingest::decode_owned;
use peertrail_ingest::{ingest_str, IngestOptions, Meta};
use peertrail_read::{Document, Format, PdfEngine, ReadOptions, MAX_DOCUMENT_BYTES};
use rayon::prelude::*;

use crate::sidecar;

/// The largest report read. Real reports are well under a megabyte; this
/// only stops a mistaken path (a disk image, a video) from eating memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// File name endings read when walking a folder. Files named on the command
/// line are read whatever their name (a PDF, Word file or web page is known
/// by its first bytes too).
const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "pdf", "docx", "html", "htm",
];

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Council name for reports that never name their council
    /// (`--council`); a sidecar's `council` wins over it.
    pub council: Option<String>,
    /// The engine that reads PDFs (`--pdf-engine`).
    pub pdf_engine: PdfEngine,
    /// Keep and reuse extractions in each corpus folder's cache
    /// ([`crate::cache`]); off unless asked for (the CLI asks unless
    /// `--no-cache`).
    pub cache: bool,
}

/// A problem with one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileProblem {
    /// The file, as given or as found under a corpus folder.
    pub path: PathBuf,
    /// 1-based line, where the problem has one.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// True when the file was skipped; false for a warning.
    pub skipped: bool,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let what = if self.skipped { "error" } else { "warning" };
        write!(f, ": {what}: {}", self.message)
    }
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Corpus {
    /// One extraction per report read, in path order.
    pub extractions: Vec<Extraction>,
    /// Every error and warning, in path order.
    pub problems: Vec<FileProblem>,
    /// How many report files were looked at.
    pub files_seen: usize,
    /// Their size in bytes, as read.
    pub bytes_seen: u64,
    /// How many extractions came from the cache.
    pub from_cache: usize,
    /// Why a cache could not be written, once per corpus folder.
    pub cache_notes: Vec<String>,
}

impl Corpus {
    /// The files that were skipped.
    pub fn skipped(&self) -> impl Iterator<Item = &FileProblem> {
        self.problems.iter().filter(|p| p.skipped)
    }

    /// Whether any file was skipped.
    pub fn any_skipped(&self) -> bool {
        self.skipped().next().is_some()
    }
}

/// What loading has got to, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadEvent {
    /// The folders were walked: this many report files will be read.
    Found(usize),
    /// One more file was read (or found unreadable).
    Read,
}

/// Loads every report under `inputs` (files, or folders walked recursively).
pub fn load(inputs: &[PathBuf], options: &LoadOptions) -> Corpus {
    load_observed(inputs, options, &|_| {})
}

/// [`load`], telling `observe` how far it has got; `observe` is called
/// from several threads at once.
pub fn load_observed(
    inputs: &[PathBuf],
    options: &LoadOptions,
    observe: &(dyn Fn(LoadEvent) + Sync),
) -> Corpus {
    scan(inputs, options, observe).load(observe)
}

/// The report files of a corpus and, with the cache on, every file's
/// cache key: what a run over the corpus depends on, known before anything
/// is extracted. [`Scan::load`] then extracts what the cache does not hold.
#[derive(Debug)]
pub struct Scan {
    options: LoadOptions,
    files: Vec<Found>,
    /// One cache per corpus folder; files named one by one are not cached.
    caches: Vec<Cache>,
    /// Folders and named paths that could not be read.
    problems: Vec<FileProblem>,
}

/// How many files are read in parallel before their results join the
/// corpus: enough that the threads rarely wait for one another at the end
/// of a batch, few enough that the results waiting to join are small.
const LOAD_BATCH: usize = 1024;

/// One report file found.
#[derive(Debug)]
struct Found {
    path: PathBuf,
    /// The path it is recorded under.
    source: String,
    /// Its folder's cache, an index into [`Scan::caches`].
    cache: Option<usize>,
    /// Its sidecar, as far as known.
    sidecar: sidecar::Lookup,
    /// Its cache key (with the cache on, when it could be read).
    key: Option<String>,
    /// Its size as read while scanning.
    bytes: u64,
    /// Why it could not be read while scanning.
    failed: Option<FileProblem>,
}

/// A report found by walking a folder or named on its own, in the order
/// reports are sorted in.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Listed {
    path: PathBuf,
    /// The path it is recorded under.
    source: String,
    /// Its folder's cache, an index into [`Scan::caches`].
    cache: Option<usize>,
    /// The path with links resolved, where the walk knows it.
    real: Option<PathBuf>,
    /// Its sidecar, as far as its folder's listing tells.
    sidecar: sidecar::Lookup,
}

/// Finds every report under `inputs` and, with the cache on, reads each
/// once to compute its cache key (in parallel on rayon's pool). The bytes
/// are not kept: a file the cache misses is read again when it is
/// extracted (and keyed by those bytes, in case it changed in between),
/// so a scan never holds the whole corpus in memory.
pub fn scan(
    inputs: &[PathBuf],
    options: &LoadOptions,
    observe: &(dyn Fn(LoadEvent) + Sync),
) -> Scan {
    let mut problems = Vec::new();
    let mut files: Vec<Listed> = Vec::new();
    let mut caches: Vec<Cache> = Vec::new();
    // Shared by every input, so a folder given twice (or once through a
    // symlink) is read once.
    let mut visited = BTreeSet::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let cache = options.cache.then(|| {
                    caches.push(Cache::for_corpus(input));
                    caches.len() - 1
                });
                let mut found = Vec::new();
                walk(input, input, &mut visited, &mut found, &mut problems);
                files.extend(found.into_iter().map(|file| Listed { cache, ..file }));
            }
            Ok(_) => files.push(Listed {
                path: input.clone(),
                source: display_path(input),
                cache: None,
                real: None,
                sidecar: sidecar::Lookup::Ask,
            }),
            Err(e) => problems.push(FileProblem {
                path: input.clone(),
                line: None,
                message: format!("cannot read: {e}"),
                skipped: true,
            }),
        }
    }
    files.sort();
    // The same file reached twice (named twice, or through a symlink) is
    // read once, under the first of its paths. A file the walk listed in a
    // resolved folder, not a link itself, has its resolved path already;
    // any other is resolved here (a system call per component), on the pool.
    let real: Vec<PathBuf> = files
        .par_iter_mut()
        .map(|Listed { path, real, .. }| {
            real.take()
                .unwrap_or_else(|| fs::canonicalize(&*path).unwrap_or_else(|_| path.clone()))
        })
        .collect();
    // Kept as plain strings: only sameness matters here, and comparing
    // paths part by part cost more than the rest of the scan.
    let mut real_files = BTreeSet::new();
    let files: Vec<_> = files
        .into_iter()
        .zip(real)
        .filter_map(|(file, real)| real_files.insert(real.into_os_string()).then_some(file))
        .collect();
    observe(LoadEvent::Found(files.len()));
    let files = files
        .into_par_iter()
        .map(|file| {
            let Listed {
                path,
                source,
                cache,
                sidecar,
                ..
            } = file;
            let mut found = Found {
                path,
                source,
                cache,
                sidecar,
                key: None,
                bytes: 0,
                failed: None,
            };
            // Without the cache nothing needs the key: the file is read
            // once, when it is extracted.
            if options.cache {
                match read_report(&found.path) {
                    Ok(bytes) => {
                        found.bytes = bytes.len() as u64;
                        let sidecar = found.sidecar.resolve(&found.path);
                        found.key = file_key(&found.source, sidecar.as_deref(), &bytes, options);
                        // Settled once: extracting asks no more.
                        found.sidecar = sidecar::Lookup::Listed(sidecar);
                    }
                    Err(problem) => found.failed = Some(problem),
                }
            }
            found
        })
        .collect();
    Scan {
        options: options.clone(),
        files,
        caches,
        problems,
    }
}

impl Scan {
    /// How many report files were found.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// Their size in bytes, as read while scanning (0 without the cache).
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }

    /// What the corpus is, as far as a run's outputs depend on it: one line
    /// per report file (its cache key, or why it could not be read) and per
    /// path that could not be read, in order. `None` without the cache or
    /// when some file has no key (this build cannot name itself).
    pub fn identity(&self) -> Option<Vec<String>> {
        if !self.options.cache {
            return None;
        }
        let mut lines = Vec::with_capacity(self.files.len() + self.problems.len());
        for f in &self.files {
            lines.push(match (&f.key, &f.failed) {
                (_, Some(problem)) => format!("unread {problem}"),
                (Some(key), None) => format!("{key} {}", f.source),
                (None, None) => return None,
            });
        }
        lines.extend(self.problems.iter().map(|p| format!("problem {p}")));
        Some(lines)
    }

    /// Extracts every report found (in parallel on rayon's pool), from
    /// the cache where it holds the file's key; then writes each corpus
    /// folder's cache.
    pub fn load(self, observe: &(dyn Fn(LoadEvent) + Sync)) -> Corpus {
        let Scan {
            options,
            files,
            caches,
            problems,
        } = self;
        let mut corpus = Corpus {
            problems,
            ..Corpus::default()
        };
        // Room for one extraction per file: the list is handed to linking,
        // where memory peaks, and doubling would leave it up to twice the
        // size.
        corpus.extractions.reserve_exact(files.len());
        // Each file independently of the others, a batch at a time; the
        // results come back in the sorted order of `files`, so the corpus
        // is the same whatever the number of threads. Gathered all at
        // once, the results were a second list the size of the
        // extractions' at the end of reading (100,000 generated reports:
        // 66 MB).
        let mut files = files.into_iter();
        loop {
            let batch: Vec<Found> = files.by_ref().take(LOAD_BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let results: Vec<_> = batch
                .into_par_iter()
                .map(|found| {
                    let cache = found.cache.and_then(|i| caches.get(i));
                    let result = read_one(found, &options, cache);
                    observe(LoadEvent::Read);
                    result
                })
                .collect();
            for (result, bytes) in results {
                corpus.files_seen += 1;
                corpus.bytes_seen += bytes;
                match result {
                    Ok((extraction, warnings)) => {
                        corpus.problems.extend(warnings);
                        corpus.extractions.push(extraction);
                    }
                    Err(problem) => corpus.problems.push(problem),
                }
            }
        }
        corpus.problems.sort();
        for cache in &caches {
            cache.save();
            corpus.from_cache += cache.hits();
            corpus
                .cache_notes
                .extend(cache.write_error().map(str::to_string));
        }
        corpus
    }
}

/// Walks `dir` in name order, never following a folder twice (symlink loops).
fn walk(
    root: &Path,
    dir: &Path,
    visited: &mut BTreeSet<PathBuf>,
    files: &mut Vec<Listed>,
    problems: &mut Vec<FileProblem>,
) {
    let problem = |path: &Path, message: String| FileProblem {
        path: path.to_path_buf(),
        line: None,
        message,
        skipped: true,
    };
    let real_dir = match fs::canonicalize(dir) {
        Ok(real) => {
            if !visited.insert(real.clone()) {
                return;
            }
            real
        }
        Err(e) => {
            problems.push(problem(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(problem(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    // The entry's own type comes with the listing on most file systems;
    // only a symbolic link needs a `stat` to see what it points at.
    let mut paths: Vec<(PathBuf, Option<fs::FileType>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.path(), e.file_type().ok().filter(|t| !t.is_symlink())))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    // The folder's sidecars, from the listing: a report's is looked up
    // among them. A sidecar's name on a link (whose target's type the
    // listing does not give) leaves the folder's reports to ask.
    let mut sidecars = BTreeSet::new();
    let mut ask = false;
    let named_as_sidecars = paths.iter().filter(|(path, _)| {
        path.file_name()
            .is_some_and(|n| sidecar::is_sidecar(&n.to_string_lossy()))
    });
    for (path, listed) in named_as_sidecars {
        match listed {
            Some(kind) if kind.is_file() => {
                sidecars.insert(path.clone());
            }
            Some(_) => {}
            None => ask = true,
        }
    }
    for (path, listed) in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with("README") {
            continue;
        }
        let is_dir = match listed {
            Some(kind) => Ok(kind.is_dir()),
            None => fs::metadata(&path).map(|meta| meta.is_dir()),
        };
        match is_dir {
            Ok(true) => walk(root, &path, visited, files, problems),
            Ok(false) if is_report_name(&name) => {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                // Not a link, in a resolved folder: resolved as it stands.
                let real = listed.and(path.file_name()).map(|file| real_dir.join(file));
                let sidecar = if ask {
                    sidecar::Lookup::Ask
                } else {
                    sidecar::Lookup::among(&path, &sidecars)
                };
                files.push(Listed {
                    path: path.clone(),
                    source: display_path(rel),
                    cache: None,
                    real,
                    sidecar,
                });
            }
            Ok(false) => {}
            Err(e) => problems.push(problem(&path, format!("cannot read: {e}"))),
        }
    }
}

fn is_report_name(name: &str) -> bool {
    !sidecar::is_sidecar(name)
        && Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A path as recorded in outputs: `/`-separated, so output is the same on
/// every machine.
fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        // The root is itself a separator: `/tmp/a.txt`, not `//tmp/a.txt`.
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        match c {
            std::path::Component::RootDir => out.push('/'),
            c => out.push_str(&c.as_os_str().to_string_lossy()),
        }
    }
    out
}

/// One file's extraction (or why there is none), and the bytes read.
type ReadOne = (Result<(Extraction, Vec<FileProblem>), FileProblem>, u64);

/// One file's extraction: from the cache when it holds the key the scan
/// found, else read and ingested (and then kept in the cache).
fn read_one(found: Found, options: &LoadOptions, cache: Option<&Cache>) -> ReadOne {
    let Found {
        path,
        source,
        sidecar,
        key,
        bytes,
        failed,
        ..
    } = found;
    if let Some(problem) = failed {
        return (Err(problem), bytes);
    }
    let sidecar = sidecar.resolve(&path);
    let hit = cache
        .zip(key.as_deref())
        .and_then(|(cache, key)| cache.get(key));
    let (result, bytes_read) = match hit {
        Some(extraction) => (Ok(extraction), bytes),
        None => match read_report(&path) {
            Ok(report) => {
                let bytes_read = report.len() as u64;
                // Keyed by the bytes read now: the file may have changed
                // since the scan.
                let key =
                    cache.and_then(|_| file_key(&source, sidecar.as_deref(), &report, options));
                let result = extract_one(&path, sidecar.as_deref(), source, report, options);
                if let (Ok(extraction), Some(cache), Some(key)) = (&result, cache, &key) {
                    cache.put(key, extraction);
                }
                (result, bytes_read)
            }
            Err(problem) => (Err(problem), 0),
        },
    };
    let result = result.map(|extraction| {
        let warnings = extraction
            .warnings
            .iter()
            .map(|w| FileProblem {
                path: path.clone(),
                line: w.line,
                message: w.message.clone(),
                skipped: false,
            })
            .collect();
        (extraction, warnings)
    });
    (result, bytes_read)
}

/// The cache key of a report whose bytes are `report`.
fn file_key(
    source: &str,
    sidecar: Option<&Path>,
    report: &[u8],
    options: &LoadOptions,
) -> Option<String> {
    // An unreadable sidecar is keyed as none: extracting then reports it,
    // and nothing is cached for a failed read.
    let sidecar = sidecar.and_then(|p| fs::read(p).ok());
    cache::key(&KeyParts {
        report,
        sidecar: sidecar.as_deref(),
        source,
        council: options.council.as_deref(),
        pdf_engine: options.pdf_engine.name(),
    })
}

fn skipped(path: &Path, line: Option<u32>, message: String) -> FileProblem {
    FileProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: true,
    }
}

/// A report's bytes, refused when it is larger than the limits.
fn read_report(path: &Path) -> Result<Vec<u8>, FileProblem> {
    let fail = |message: String| skipped(path, None, message);
    let size = fs::metadata(path)
        .map_err(|e| fail(format!("cannot read: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(fail(format!(
            "{size} bytes is larger than the {MAX_FILE_BYTES}-byte limit"
        )));
    }
    if path.to_str().and_then(Format::from_name).is_some() && size > MAX_DOCUMENT_BYTES {
        return Err(fail(format!(
            "{size} bytes is larger than the {MAX_DOCUMENT_BYTES}-byte limit for PDF, Word and web pages"
        )));
    }
    fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))
}

/// A report's bytes as ingest will take them: a document a reader made of
/// a PDF, Word file or web page (the reader was handed the bytes and
/// dropped them when done), or a text's bytes as they stand.
enum Input {
    Read(Document),
    Text(Vec<u8>),
}

/// The extraction of one report whose bytes are `bytes`.
fn extract_one(
    path: &Path,
    sidecar: Option<&Path>,
    source: String,
    bytes: Vec<u8>,
    options: &LoadOptions,
) -> Result<Extraction, FileProblem> {
    let fail = |line: Option<u32>, message: String| skipped(path, line, message);
    let size = bytes.len();
    let by_name = path.to_str().and_then(Format::from_name);
    // A PDF, Word file or web page becomes text first; its page map and
    // address come along.
    let format = by_name.or_else(|| Format::sniff(&bytes));
    let input = match format {
        Some(format) => {
            if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
                return Err(fail(
                    None,
                    format!("{size} bytes is larger than the {MAX_DOCUMENT_BYTES}-byte limit for PDF, Word and web pages"),
                ));
            }
            let read_options = ReadOptions {
                pdf_engine: options.pdf_engine,
                ..ReadOptions::default()
            };
            let document = peertrail_read::read_owned(format, bytes, &read_options)
                .map_err(|e| fail(None, e.to_string()))?;
            Input::Read(document)
        }
        None => Input::Text(bytes),
    };
    // `--council` only fills in for a report that names no council; a
    // sidecar's facts override what the text says.
    let mut meta = Meta::default();
    if let Some(file) = sidecar {
        let text = fs::read_to_string(file).map_err(|e| FileProblem {
            path: file.to_path_buf(),
            line: None,
            message: format!("cannot read sidecar: {e}"),
            skipped: true,
        })?;
        meta = sidecar::parse(&text).map_err(|e| FileProblem {
            path: file.to_path_buf(),
            line: Some(e.line),
            message: format!("invalid sidecar: {}", e.message),
            skipped: true,
        })?;
    }
    if let Input::Read(Document { url: Some(url), .. }) = &input {
        // The page's own address, unless a sidecar says otherwise.
        meta.url.get_or_insert_with(|| url.clone());
    }
    let mut ingest_options = IngestOptions {
        source: Some(source),
        meta,
    };
    let decoded = match input {
        Input::Read(document) => {
            let warnings = document
                .warnings
                .into_iter()
                .map(|message| peertrail_core::Warning {
                    line: None,
                    message,
                })
                .collect();
            Ok((
                peertrail_ingest::Decoded {
                    text: document.text,
                    warnings,
                },
                document.pages,
                document.title,
            ))
        }
        // Decoded once, keeping the bytes' buffer as the text where it can.
        Input::Text(bytes) => decode_owned(bytes).map(|decoded| (decoded, Vec::new(), None)),
    };
    let result = decoded.and_then(|(decoded, pages, title)| {
        let mut result = ingest_str(&decoded.text, &ingest_options);
        if let (Err(peertrail_ingest::IngestError::NoCouncil), Some(council)) =
            (&result, &options.council)
        {
            ingest_options.meta.council = Some(council.clone());
            result = ingest_str(&decoded.text, &ingest_options);
        }
        result.map(|mut e| {
            e.warnings.extend(decoded.warnings);
            e.warnings.sort();
            for span in e.spans_mut() {
                span.cite_page(&pages);
            }
            // A web page's <title> where the text has no title line.
            if e.review.title.is_none() {
                e.review.title = title;
            }
            e
        })
    });
    result.map_err(|e| {
        let line = match &e {
            peertrail_ingest::IngestError::Binary { line, .. } => Some(*line),
            _ => None,
        };
        // The library says what is wrong; how to fix it from the command
        // line is this crate's to say.
        let message = match &e {
            peertrail_ingest::IngestError::NoCouncil => {
                format!("{e}; pass --council NAME or add a .meta.toml sidecar")
            }
            _ => e.to_string(),
        };
        fail(line, message)
    })
}
