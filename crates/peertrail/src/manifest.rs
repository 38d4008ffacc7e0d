//! The export manifest, `OUT/.peertrail-export`: what the last `export`
//! into a folder was run over and what it wrote, so that the next export
//! over an unchanged corpus writes nothing.
//!
//! It records the run's key — a SHA-256 over this build of peertrail,
//! the inputs as given, every report file's cache key in corpus order
//! (its bytes, sidecar, recorded path, `--council`, PDF engine), the bytes
//! of every decisions file read, and each option that changes outputs —
//! the summary the run printed, its per-file problems and warnings, its
//! exit code, and the size and modification time of every file it wrote
//! (each file inside a folder output too). An export whose key is the same
//! and whose outputs all still stand as recorded has nothing to do.
//!
//! Any doubt is a full run: no manifest, one that cannot be read or is of
//! another format, another key, an output missing, added (inside a folder
//! output), resized or touched. The manifest is removed before outputs are
//! replaced and written after they all are, so it never vouches for
//! outputs it did not see written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::cache::{build_identity, Hasher};
use crate::decisions::decisions_paths;
use crate::{Scan, Written};

/// The manifest's file name in the output folder. It starts with a dot:
/// it is peertrail's bookkeeping, not an output.
pub const MANIFEST_FILE: &str = ".peertrail-export";

/// The manifest's format; a manifest of another is not trusted. Bump it
/// when the layout or what the run key covers changes.
const FORMAT: &str = "peertrail-export 1";

/// The key of an export run over `inputs` (as scanned in `scan`) with
/// `settings` (each option that changes outputs, by name): `None` when
/// the run cannot be keyed (the cache is off, this build cannot name
/// itself, or a decisions file cannot be read), and then it is never
/// found up to date.
pub fn run_key(inputs: &[PathBuf], scan: &Scan, settings: &[(&str, String)]) -> Option<String> {
    let mut hasher = Hasher::default();
    hasher.part(FORMAT.as_bytes());
    hasher.part(build_identity()?.as_bytes());
    // The inputs as given: problems and decisions are printed under them.
    for input in inputs {
        hasher.part(b"input");
        hasher.part(input.as_os_str().as_encoded_bytes());
    }
    for line in scan.identity()? {
        hasher.part(line.as_bytes());
    }
    // The same files `link` reads, named by the same function.
    for path in decisions_paths(inputs) {
        match fs::read(&path) {
            Ok(bytes) => {
                hasher.part(b"decisions");
                hasher.part(&bytes);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => hasher.part(b"no decisions"),
            Err(_) => return None,
        }
    }
    for (name, value) in settings {
        hasher.part(name.as_bytes());
        hasher.part(value.as_bytes());
    }
    Some(hasher.hex())
}

/// The numbers of an export's summary line, and the notes under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Report files read.
    pub files: usize,
    /// Of those, skipped.
    pub skipped: usize,
    /// Councils in the corpus.
    pub councils: usize,
    /// Reviews.
    pub reviews: usize,
    /// Recommendations.
    pub recommendations: usize,
    /// Links written.
    pub links: usize,
    /// Notes printed under the summary line.
    pub notes: Vec<String>,
}

/// One file an export wrote, as it stood once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time: seconds and nanoseconds since 1970.
    pub modified: (u64, u32),
}

/// What an export did, as recorded in [`MANIFEST_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    format: String,
    /// The run's key ([`run_key`]).
    pub run_key: String,
    /// The exit code it ended with.
    pub exit_code: u8,
    /// Its summary.
    pub summary: Summary,
    /// The problem and warning lines it printed, in order.
    pub printed: Vec<String>,
    /// Its outputs (files and folders), relative to the output folder.
    pub outputs: Vec<String>,
    /// Every file of those outputs, in order.
    pub files: Vec<OutputFile>,
}

impl Manifest {
    /// The manifest of an export that wrote `written` into `out`, taking
    /// every file's size and modification time as they stand now.
    pub fn new(
        run_key: String,
        exit_code: u8,
        summary: Summary,
        printed: Vec<String>,
        out: &Path,
        written: &[Written],
    ) -> io::Result<Manifest> {
        let outputs: Vec<String> = written
            .iter()
            .map(|w| {
                let rel = w.path.strip_prefix(out).unwrap_or(&w.path);
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        let files = stat_outputs(out, &outputs)?;
        Ok(Manifest {
            format: FORMAT.to_string(),
            run_key,
            exit_code,
            summary,
            printed,
            outputs,
            files,
        })
    }

    /// The manifest in `out`, when there is one of this format.
    pub fn read(out: &Path) -> Option<Manifest> {
        let bytes = fs::read(out.join(MANIFEST_FILE)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        (manifest.format == FORMAT).then_some(manifest)
    }

    /// Whether every output recorded still stands in `out` as written:
    /// the same files (none missing, none added inside a folder output),
    /// each of the same size and modification time.
    pub fn outputs_stand(&self, out: &Path) -> bool {
        stat_outputs(out, &self.outputs).is_ok_and(|files| files == self.files)
    }

    /// Writes the manifest into `out`, atomically.
    pub fn write(&self, out: &Path) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(self)?;
        let temp = out.join(format!("{MANIFEST_FILE}.{}.partial", std::process::id()));
        let written =
            fs::write(&temp, json).and_then(|()| fs::rename(&temp, out.join(MANIFEST_FILE)));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }
}

/// Removes the manifest in `out`, so that it vouches for nothing; one
/// already gone is fine.
pub fn remove(out: &Path) -> io::Result<()> {
    match fs::remove_file(out.join(MANIFEST_FILE)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Every file of `outputs` under `out` (a folder output walked in name
/// order), with its size and modification time.
fn stat_outputs(out: &Path, outputs: &[String]) -> io::Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for output in outputs {
        stat_tree(&out.join(output), output, &mut files)?;
    }
    Ok(files)
}

fn stat_tree(path: &Path, rel: &str, files: &mut Vec<OutputFile>) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_dir() {
        let mut names: Vec<String> = fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<io::Result<_>>()?;
        names.sort();
        for name in names {
            stat_tree(&path.join(&name), &format!("{rel}/{name}"), files)?;
        }
        return Ok(());
    }
    let modified = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_err(io::Error::other)?;
    files.push(OutputFile {
        path: rel.to_string(),
        size: meta.len(),
        modified: (modified.as_secs(), modified.subsec_nanos()),
    });
    Ok(())
}
