//! Atomic, contained output: every file an export writes goes to a
//! temporary file in the output directory first, and only when every file of
//! every format has been written in full are they renamed into place. A
//! failure half way leaves the previous outputs complete and untouched, and
//! files in the output directory that peertrail did not write are never
//! touched.
//!
//! A folder export (the HTML report) is built as a hidden folder beside the
//! old one; at commit the old folder is moved aside, the new one renamed in
//! and the old one removed, so a reader sees the old folder or the new one,
//! never a mix. A path export (the SQLite database) is given a temporary
//! file in the output directory and renamed like any other file.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use peertrail_core::{
    is_safe_relative_path, ExportContext, ExportError, Exporter, FolderSink, Target,
};

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The exporter that wrote it.
    pub format: &'static str,
    /// Where it now is.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// How long rendering and writing it took.
    pub took: Duration,
}

/// Why an export could not be written. Nothing is renamed into place when
/// this is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The output directory could not be created.
    #[error("cannot create output directory {path}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A temporary file could not be created, written or renamed.
    #[error("cannot write {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An exporter failed to render a file.
    #[error("the {format} exporter failed on {file}")]
    Export {
        /// The exporter's name.
        format: &'static str,
        /// The file it was writing.
        file: String,
        /// Why.
        #[source]
        source: ExportError,
    },
    /// An exporter declared a file name that would leave the output directory.
    #[error("the {format} exporter declared an unsafe file name {file:?}")]
    UnsafeName {
        /// The exporter's name.
        format: &'static str,
        /// The file name.
        file: String,
    },
}

/// Writes every file of every exporter into `out_dir`, atomically.
pub fn write_exports(
    out_dir: &Path,
    exporters: &[Box<dyn Exporter>],
    ctx: &ExportContext<'_>,
) -> Result<Vec<Written>, OutputError> {
    fs::create_dir_all(out_dir).map_err(|source| OutputError::CreateDir {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut staged = Staged::default();
    let mut jobs: Vec<(&dyn Exporter, &'static str)> = Vec::new();
    for exporter in exporters {
        for &file in exporter.files() {
            if !is_plain_name(file) {
                return Err(OutputError::UnsafeName {
                    format: exporter.name(),
                    file: file.into(),
                });
            }
            staged.temps.push(Temp {
                temp: out_dir.join(format!(".{file}.{}.partial", std::process::id())),
                path: out_dir.join(file),
                format: exporter.name(),
                folder: exporter.target() == Target::Folder,
            });
            jobs.push((exporter.as_ref(), file));
        }
    }
    // Every file is rendered from the same read-only context into its own
    // temporary file, so the files are written at the same time (rayon's
    // current pool); the results are gathered in declaration order, and the
    // first failure in that order is the one reported.
    //
    // The costliest files are started first and each thread that comes free
    // takes the costliest file not yet begun (longest first, a FIFO scope):
    // begun last, one large file keeps a thread busy long after the others
    // have run out of work. A parallel iterator over the same order would
    // halve the list between the threads instead (docs/ARCHITECTURE.md).
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs.get(i).map_or(0, |j| j.0.cost_hint())));
    let slots: Vec<OnceLock<FileResult>> = jobs.iter().map(|_| OnceLock::new()).collect();
    rayon::scope_fifo(|scope| {
        for &i in &order {
            let (Some(&(exporter, file)), Some(temp), Some(slot)) =
                (jobs.get(i), staged.temps.get(i), slots.get(i))
            else {
                continue;
            };
            scope.spawn_fifo(move |_| {
                let start = Instant::now();
                let bytes = match exporter.target() {
                    Target::Folder => write_folder(&temp.temp, exporter, file, ctx),
                    Target::Path => write_path(&temp.temp, exporter, file, ctx),
                    _ => write_one(&temp.temp, exporter, file, ctx),
                };
                // Each slot is filled by its own job only.
                let _ = slot.set(bytes.map(|bytes| (bytes, start.elapsed())));
            });
        }
    });
    for (slot, temp) in slots.into_iter().zip(&staged.temps) {
        // A job that did not finish panicked, and the panic has already
        // been passed on by the scope; this is for completeness.
        let result = slot.into_inner().unwrap_or_else(|| {
            Err(OutputError::Io {
                path: temp.temp.clone(),
                source: std::io::Error::other("the file was not written"),
            })
        });
        staged.sizes.push(result?);
    }
    staged.commit()
}

/// One file's size and how long it took, or why it failed.
type FileResult = Result<(u64, Duration), OutputError>;

/// One staged output: a temporary file or folder and where it goes.
#[derive(Clone)]
struct Temp {
    temp: PathBuf,
    path: PathBuf,
    format: &'static str,
    folder: bool,
}

/// Temporary files written so far; removed on drop unless committed.
#[derive(Default)]
struct Staged {
    temps: Vec<Temp>,
    /// Bytes written and time taken, per file of `temps`.
    sizes: Vec<(u64, Duration)>,
}

impl Staged {
    fn commit(mut self) -> Result<Vec<Written>, OutputError> {
        let mut written = Vec::with_capacity(self.temps.len());
        let temps = std::mem::take(&mut self.temps);
        for (i, t) in temps.iter().enumerate() {
            let Temp {
                temp,
                path,
                format,
                folder,
            } = t;
            let renamed = if *folder {
                swap_folder(temp, path)
            } else {
                fs::rename(temp, path)
            };
            if let Err(source) = renamed {
                // Leave nothing behind: the files not yet renamed are removed.
                self.temps = temps[i..].to_vec();
                return Err(OutputError::Io {
                    path: path.clone(),
                    source,
                });
            }
            let (bytes, took) = self.sizes.get(i).copied().unwrap_or_default();
            written.push(Written {
                format,
                path: path.clone(),
                bytes,
                took,
            });
        }
        Ok(written)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for t in &self.temps {
            // Best effort: a temp file that cannot be removed is harmless.
            if t.folder {
                let _ = fs::remove_dir_all(&t.temp);
            } else {
                let _ = fs::remove_file(&t.temp);
            }
        }
    }
}

fn write_one(
    temp: &Path,
    exporter: &dyn Exporter,
    file: &str,
    ctx: &ExportContext<'_>,
) -> Result<u64, OutputError> {
    let io_err = |source| OutputError::Io {
        path: temp.to_path_buf(),
        source,
    };
    let handle = File::create(temp).map_err(io_err)?;
    let mut out = CountingWriter {
        inner: BufWriter::new(handle),
        count: 0,
    };
    exporter
        .write(file, ctx, &mut out)
        .map_err(|source| OutputError::Export {
            format: exporter.name(),
            file: file.into(),
            source,
        })?;
    out.flush().map_err(io_err)?;
    let handle = out.inner.into_inner().map_err(|e| io_err(e.into_error()))?;
    handle.sync_all().map_err(io_err)?;
    Ok(out.count)
}

/// Moves the old folder at `path` aside, renames `temp` into its place and
/// removes the old one; puts the old one back if the new one cannot go in.
fn swap_folder(temp: &Path, path: &Path) -> std::io::Result<()> {
    let old = path.with_file_name(format!(
        ".{}.{}.old",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let had_old = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            fs::rename(path, &old)?;
            true
        }
        Ok(_) => {
            return Err(std::io::Error::other(
                "a file that is not a folder stands where the folder goes",
            ))
        }
        Err(_) => false,
    };
    if let Err(e) = fs::rename(temp, path) {
        if had_old {
            let _ = fs::rename(&old, path);
        }
        return Err(e);
    }
    if had_old {
        // Best effort: a leftover hidden folder does no harm.
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Writes a folder export into the new folder `temp`.
fn write_folder(
    temp: &Path,
    exporter: &dyn Exporter,
    folder: &str,
    ctx: &ExportContext<'_>,
) -> Result<u64, OutputError> {
    // A folder left by a run that was killed half way.
    let _ = fs::remove_dir_all(temp);
    fs::create_dir(temp).map_err(|source| OutputError::Io {
        path: temp.to_path_buf(),
        source,
    })?;
    let mut sink = DiskFolder {
        root: temp.to_path_buf(),
        bytes: 0,
        made: BTreeSet::new(),
    };
    exporter
        .write_folder(folder, ctx, &mut sink)
        .map_err(|source| OutputError::Export {
            format: exporter.name(),
            file: folder.into(),
            source,
        })?;
    Ok(sink.bytes)
}

/// A [`FolderSink`] writing under one folder, refusing paths that leave it.
struct DiskFolder {
    root: PathBuf,
    bytes: u64,
    /// Folders already made: a report of thousands of pages in a few
    /// folders makes each once, not once a page.
    made: BTreeSet<PathBuf>,
}

impl FolderSink for DiskFolder {
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), ExportError> {
        if !is_safe_relative_path(path) {
            return Err(ExportError::UnsafePath(path.to_string()));
        }
        let full = self.root.join(path);
        if let Some(parent) = full.parent() {
            if !self.made.contains(parent) {
                fs::create_dir_all(parent)?;
                self.made.insert(parent.to_path_buf());
            }
        }
        fs::write(&full, bytes)?;
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Lets a path exporter write the temporary file `temp`.
fn write_path(
    temp: &Path,
    exporter: &dyn Exporter,
    file: &str,
    ctx: &ExportContext<'_>,
) -> Result<u64, OutputError> {
    // A file left by a run that was killed half way.
    let _ = fs::remove_file(temp);
    exporter
        .write_path(file, ctx, temp)
        .map_err(|source| OutputError::Export {
            format: exporter.name(),
            file: file.into(),
            source,
        })?;
    let io_err = |source| OutputError::Io {
        path: temp.to_path_buf(),
        source,
    };
    let handle = File::open(temp).map_err(io_err)?;
    handle.sync_all().map_err(io_err)?;
    Ok(handle.metadata().map_err(io_err)?.len())
}

fn is_plain_name(file: &str) -> bool {
    !file.is_empty()
        && !file.starts_with('.')
        && !file.contains(['/', '\\', '\0'])
        && Path::new(file).components().count() == 1
}

struct CountingWriter<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use peertrail_core::Dataset;

    use super::*;

    /// Writes one file and notes, in a log shared by the test, when it began.
    struct Logged {
        name: &'static str,
        files: &'static [&'static str],
        cost: u32,
        log: &'static Mutex<Vec<&'static str>>,
    }

    impl Exporter for Logged {
        fn name(&self) -> &'static str {
            self.name
        }
        fn description(&self) -> &'static str {
            "notes when each of its files is begun"
        }
        fn files(&self) -> &'static [&'static str] {
            self.files
        }
        fn cost_hint(&self) -> u32 {
            self.cost
        }
        fn write(
            &self,
            file: &str,
            _: &ExportContext<'_>,
            out: &mut dyn Write,
        ) -> Result<(), ExportError> {
            if let Some(&known) = self.files.iter().find(|f| **f == file) {
                self.log
                    .lock()
                    .map_err(|_| std::io::Error::other("log"))?
                    .push(known);
            }
            writeln!(out, "{file}")?;
            Ok(())
        }
    }

    #[test]
    fn files_are_begun_costliest_first_and_reported_in_declaration_order() {
        static LOG: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
        let exporters: Vec<Box<dyn Exporter>> = vec![
            Box::new(Logged {
                name: "cheap",
                files: &["a.csv", "b.csv"],
                cost: 1,
                log: &LOG,
            }),
            Box::new(Logged {
                name: "dear",
                files: &["big.json"],
                cost: 3,
                log: &LOG,
            }),
            Box::new(Logged {
                name: "middling",
                files: &["mid.dot"],
                cost: 2,
                log: &LOG,
            }),
        ];
        let dir = std::env::temp_dir().join(format!("peertrail-order-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let empty = Dataset::default();
        let ctx = ExportContext::new(&empty);
        // One thread: the order the files are begun in is the queue's order.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let written = pool
            .install(|| write_exports(&dir, &exporters, &ctx))
            .unwrap();
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(
            *LOG.lock().unwrap(),
            ["big.json", "mid.dot", "a.csv", "b.csv"],
            "costliest first, ties in declaration order"
        );
        let names: Vec<_> = written
            .iter()
            .filter_map(|w| w.path.file_name()?.to_str().map(String::from))
            .collect();
        assert_eq!(names, ["a.csv", "b.csv", "big.json", "mid.dot"]);
    }
}
