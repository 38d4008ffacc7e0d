//! Why a file could not be read.

use thiserror::Error;

/// A file that could not be read. Each message is written for the person
/// who gave the file, and says what to do where there is something to do.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The PDF is encrypted with a password.
    #[error("the PDF is encrypted; save a copy without a password and read that")]
    Encrypted,
    /// Pages, but no text on them (a scan).
    #[error("no text layer: run OCR first (the PDF's {pages} page(s) hold no text, only images)")]
    NoTextLayer {
        /// How many pages the file has.
        pages: usize,
    },
    /// The file is damaged or is not the format its name says.
    #[error("not a readable {format}: {message}")]
    Corrupt {
        /// The format expected.
        format: &'static str,
        /// What the parser said.
        message: String,
    },
    /// A zipped file unpacks to more than the limit (a zip bomb).
    #[error("{part} unpacks to more than {limit} bytes; refused as a possible zip bomb")]
    TooLargeUnpacked {
        /// The part being unpacked.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A panic inside a reader.
    #[error("the {engine} reader failed on this file ({message}); try --pdf-engine pdftotext, or convert the file to text")]
    Panicked {
        /// The reader.
        engine: &'static str,
        /// The panic's message.
        message: String,
    },
    /// An external engine is missing or failed.
    #[error("cannot run {engine}: {message}")]
    Engine {
        /// The engine.
        engine: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Read, but nothing to read in it.
    #[error("the {format} holds no text")]
    Empty {
        /// The format.
        format: &'static str,
    },
}
