//! The exporter plugin interface.
//!
//! An exporter turns a [`Dataset`] into the bytes of one or more files. It
//! never opens files itself: the caller hands it a writer per file and takes
//! care of temporary files, renames and output directories, so every
//! exporter gets atomic, contained output for free.

use std::io::Write;

use crate::Dataset;

/// What an exporter receives besides the writer.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ExportContext<'a> {
    /// The resolved corpus, sorted.
    pub data: &'a Dataset,
    /// Whether to include `similar_theme` links (many, and only wanted when
    /// comparing councils).
    pub similar_theme: bool,
}

impl<'a> ExportContext<'a> {
    /// A context with the default options.
    pub fn new(data: &'a Dataset) -> Self {
        ExportContext {
            data,
            similar_theme: false,
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
    /// The writer failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// The caller asked for a file this exporter does not write.
    #[error("exporter `{exporter}` writes no file named `{file}`")]
    UnknownFile {
        /// The exporter's name.
        exporter: &'static str,
        /// The file asked for.
        file: String,
    },
    /// The format's own encoder failed.
    #[error("{exporter}: {message}")]
    Encode {
        /// The exporter's name.
        exporter: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// One output format. Object-safe: the binary keeps a `Vec<Box<dyn Exporter>>`.
pub trait Exporter {
    /// The format's name, as given to `--format` (`csv`, `json`, `dot`).
    fn name(&self) -> &'static str;

    /// One line for `--help`.
    fn description(&self) -> &'static str;

    /// The file names this exporter writes, relative to the output directory.
    fn files(&self) -> &'static [&'static str];

    /// Writes `file` (one of [`Exporter::files`]) for `ctx` into `out`.
    fn write(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError>;
}
