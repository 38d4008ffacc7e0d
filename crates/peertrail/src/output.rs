//! Atomic, contained output: every file an export writes goes to a
//! temporary file in the output directory first, and only when every file of
//! every format has been written in full are they renamed into place. A
//! failure half way leaves the previous outputs complete and untouched, and
//! files in the output directory that peertrail did not write are never
//! touched.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use peertrail_core::{ExportContext, ExportError, Exporter};

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The exporter that wrote it.
    pub format: &'static str,
    /// Where it now is.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
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
    for exporter in exporters {
        for &file in exporter.files() {
            if !is_plain_name(file) {
                return Err(OutputError::UnsafeName {
                    format: exporter.name(),
                    file: file.into(),
                });
            }
            let final_path = out_dir.join(file);
            let temp = out_dir.join(format!(".{file}.{}.partial", std::process::id()));
            staged
                .temps
                .push((temp.clone(), final_path.clone(), exporter.name()));
            let bytes = write_one(&temp, exporter.as_ref(), file, ctx)?;
            staged.sizes.push(bytes);
        }
    }
    staged.commit()
}

/// Temporary files written so far; removed on drop unless committed.
#[derive(Default)]
struct Staged {
    temps: Vec<(PathBuf, PathBuf, &'static str)>,
    sizes: Vec<u64>,
}

impl Staged {
    fn commit(mut self) -> Result<Vec<Written>, OutputError> {
        let mut written = Vec::with_capacity(self.temps.len());
        let temps = std::mem::take(&mut self.temps);
        for (i, (temp, path, format)) in temps.iter().enumerate() {
            if let Err(source) = fs::rename(temp, path) {
                // Leave nothing behind: the files not yet renamed are removed.
                self.temps = temps[i..].to_vec();
                return Err(OutputError::Io {
                    path: path.clone(),
                    source,
                });
            }
            written.push(Written {
                format,
                path: path.clone(),
                bytes: self.sizes.get(i).copied().unwrap_or_default(),
            });
        }
        Ok(written)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (temp, _, _) in &self.temps {
            // Best effort: a temp file that cannot be removed is harmless.
            let _ = fs::remove_file(temp);
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
