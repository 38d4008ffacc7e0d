//! The exporter plugin interface.
//!
//! An exporter turns a [`Dataset`] into the bytes of one or more files. It
//! never opens files itself: the caller hands it a writer per file and takes
//! care of temporary files, renames and output directories, so every
//! exporter gets atomic, contained output for free.
//!
//! Most exporters stream each of their files into a writer
//! ([`Target::Stream`]). An exporter whose output is a folder of pages
//! ([`Target::Folder`]) hands each file of the folder to a [`FolderSink`];
//! one whose library must own the file (a database, [`Target::Path`]) is
//! given the path of a temporary file. Either way the caller builds the
//! output beside the old one and swaps it in.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::{Dataset, DueItem};

/// What an exporter receives besides the writer.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ExportContext<'a> {
    /// The resolved corpus, sorted.
    pub data: &'a Dataset,
    /// Whether to include `similar_theme` links (many, and only wanted when
    /// comparing councils).
    pub similar_theme: bool,
    /// The date due items were judged as of, and where it came from; `None`
    /// when the caller computed no due items.
    pub as_of: Option<AsOf>,
    /// What is due, overdue or satisfied as of [`ExportContext::as_of`]
    /// (from `peertrail_graph::Graph::due`), by council, then review.
    pub due: &'a [DueItem],
}

/// The date an export judges due items by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AsOf {
    /// Given by the user (`--as-of DATE`).
    Given(NaiveDate),
    /// Not given: the first day of the newest document in the corpus, so
    /// that the same corpus always gives the same output.
    NewestDocument(NaiveDate),
}

impl AsOf {
    /// The date itself.
    pub fn date(self) -> NaiveDate {
        match self {
            AsOf::Given(d) | AsOf::NewestDocument(d) => d,
        }
    }

    /// Where the date came from, in words.
    pub fn origin(self) -> &'static str {
        match self {
            AsOf::Given(_) => "the date asked for",
            AsOf::NewestDocument(_) => "the date of the newest document in the corpus",
        }
    }
}

impl<'a> ExportContext<'a> {
    /// A context with the default options.
    pub fn new(data: &'a Dataset) -> Self {
        ExportContext {
            data,
            similar_theme: false,
            as_of: None,
            due: &[],
        }
    }

    /// The same context, with the due items judged as of `as_of`.
    pub fn with_due(self, as_of: AsOf, due: &'a [DueItem]) -> Self {
        ExportContext {
            as_of: Some(as_of),
            due,
            ..self
        }
    }

    /// The same context, with or without `similar_theme` links.
    pub fn with_similar_theme(self, similar_theme: bool) -> Self {
        ExportContext {
            similar_theme,
            ..self
        }
    }
}

/// A failure while rendering an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The writer failed (the cause is the source, printed once by whoever
    /// prints the chain).
    #[error("write failed")]
    Io(#[from] std::io::Error),
    /// The caller asked for a file this exporter does not write.
    #[error("exporter `{exporter}` writes no file named `{file}`")]
    UnknownFile {
        /// The exporter's name.
        exporter: &'static str,
        /// The file asked for.
        file: String,
    },
    /// An exporter asked for a file outside its folder.
    #[error("unsafe path in a folder export: {0:?}")]
    UnsafePath(String),
    /// The format's own encoder failed.
    #[error("{exporter}: cannot encode the output")]
    Encode {
        /// The exporter's name.
        exporter: &'static str,
        /// The encoder's own error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl ExportError {
    /// `exporter` was asked for `file`, which it does not write.
    pub fn unknown_file(exporter: &'static str, file: &str) -> ExportError {
        ExportError::UnknownFile {
            exporter,
            file: file.to_string(),
        }
    }

    /// The format's encoder failed with `source` (an error, or a message).
    pub fn encode(
        exporter: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> ExportError {
        ExportError::Encode {
            exporter,
            source: source.into(),
        }
    }
}

/// How an exporter delivers each name of [`Exporter::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A file written into a writer ([`Exporter::write`]).
    Stream,
    /// A folder of files handed to a sink ([`Exporter::write_folder`]).
    Folder,
    /// A file the exporter's library writes itself, at a path it is given
    /// ([`Exporter::write_path`]).
    Path,
}

/// Receives the files of a folder export, one at a time.
pub trait FolderSink {
    /// Writes one file of the folder. `path` is relative to the folder and
    /// `/`-separated; a sink refuses any path that
    /// [`is_safe_relative_path`] refuses.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), ExportError>;
}

/// A folder held in memory, file by file (tests, snapshots).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryFolder {
    /// Every file, by relative path.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl FolderSink for MemoryFolder {
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), ExportError> {
        if !is_safe_relative_path(path) {
            return Err(ExportError::UnsafePath(path.to_string()));
        }
        self.files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// Whether a spreadsheet would evaluate `cell` as a formula if it were
/// written as text: it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return. The CSV and xlsx exporters put a `'` before such a cell, and
/// reading a tracker back takes it off again.
pub fn spreadsheet_would_evaluate(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether `path` stays inside the folder it is relative to: `/`-separated
/// parts, each a plain name (not empty, no leading dot, no backslash, NUL
/// or colon), at most 255 bytes each.
pub fn is_safe_relative_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part.len() <= 255
                && !part.contains(['\\', '\0', ':'])
        })
}

/// One output format. Object-safe: the binary keeps a `Vec<Box<dyn Exporter>>`.
/// `Send + Sync` so that formats can be written at the same time, each on
/// its own thread, from one shared [`ExportContext`].
pub trait Exporter: Send + Sync {
    /// The format's name, as given to `--format` (`csv`, `json`, `dot`).
    fn name(&self) -> &'static str;

    /// One line for `--help`.
    fn description(&self) -> &'static str;

    /// The file (or folder) names this exporter writes, relative to the
    /// output directory.
    fn files(&self) -> &'static [&'static str];

    /// How the names of [`Exporter::files`] are delivered.
    fn target(&self) -> Target {
        Target::Stream
    }

    /// A rough guess of the work of writing one of [`Exporter::files`],
    /// relative to the other formats (1: a small table). A caller writing
    /// formats at once starts the costliest first, so that the longest
    /// file is not begun last, when the other threads have nothing left to
    /// do. It changes no output.
    fn cost_hint(&self) -> u32 {
        1
    }

    /// Writes `file` (one of [`Exporter::files`], for a [`Target::Stream`]
    /// exporter) for `ctx` into `out`. A folder or path exporter leaves it
    /// to this default, which refuses every name.
    fn write(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        Err(ExportError::unknown_file(self.name(), file))
    }

    /// Writes the folder `folder` (one of [`Exporter::files`], for a
    /// [`Target::Folder`] exporter) file by file into `out`.
    fn write_folder(
        &self,
        folder: &str,
        _ctx: &ExportContext<'_>,
        _out: &mut dyn FolderSink,
    ) -> Result<(), ExportError> {
        Err(ExportError::unknown_file(self.name(), folder))
    }

    /// Writes `file` (one of [`Exporter::files`], for a [`Target::Path`]
    /// exporter) at `path`, a new file the caller renames into place.
    fn write_path(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        _path: &Path,
    ) -> Result<(), ExportError> {
        Err(ExportError::unknown_file(self.name(), file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_paths_stay_inside() {
        for ok in ["index.html", "councils/a-b.html", "r/x_2f.html"] {
            assert!(is_safe_relative_path(ok), "{ok}");
        }
        for bad in [
            "", "/abs", "a//b", "../x", "a/../b", ".hidden", "a/.", "a\\b", "c:x", "a\0b", "a/",
        ] {
            assert!(!is_safe_relative_path(bad), "{bad:?}");
        }
    }
}
