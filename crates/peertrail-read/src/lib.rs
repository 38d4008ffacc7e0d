//! Published report files (PDF, Word `.docx`, saved web pages) → the text
//! form `peertrail-ingest` reads, with a page map.
//!
//! Every reader turns bytes into a [`Document`]: markdown-ish text (`#`
//! headings, `- ` bullets, `1. ` numbered items with Word's automatic
//! numbers written out, `| a | b |` table rows, paragraphs separated by
//! blank lines) plus the byte offset where each page starts, so every
//! extraction rule works on every format and any span can name its page.
//!
//! Readers sit behind one small trait, [`Reader`]; [`read`] picks one for a
//! [`Format`] and calls it inside `catch_unwind`, so a panic inside a
//! third-party engine is an error for that file, never the end of a run.
//!
//! Architecture invariant: pure functions over bytes, except the optional
//! `pdftotext` engine, which runs poppler's program as a child process fed
//! through a pipe. No file is opened here; the caller reads the file (after
//! checking its size against [`MAX_DOCUMENT_BYTES`]).

#![warn(missing_docs)]

mod docx;
mod error;
mod html;
mod markdown;
mod pdf;
mod zipped;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use error::ReadError;
pub use pdf::clean::{clean_pages, PdfLine};

/// The largest PDF, Word or HTML file read, in bytes; checked against the
/// file's size before it is read. Published reports are a few megabytes;
/// the engines hold a parsed document several times a file's size.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The most bytes a `.docx` may unpack to, all parts read added up: a zip
/// bomb stops here, whatever sizes its directory claims.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// A file format read here. Plain text and markdown are not: they go to
/// ingest as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Portable Document Format.
    Pdf,
    /// Word (Office Open XML) document.
    Docx,
    /// A saved web page.
    Html,
}

impl Format {
    /// The format a file name's extension says (`.pdf`, `.docx`, `.html`,
    /// `.htm`, any case), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format the first bytes show, if they show one: `%PDF-`, a zip
    /// holding `word/document.xml`, or an HTML document type or `<html>`.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let head = &bytes[..bytes.len().min(1024)];
        if find(head, b"%PDF-").is_some() {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") && find(bytes, b"word/document.xml").is_some() {
            return Some(Format::Docx);
        }
        let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
        let text = lower.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&lower);
        let text = text.trim_ascii_start();
        if text.starts_with(b"<!doctype html") || text.starts_with(b"<html") {
            return Some(Format::Html);
        }
        None
    }

    /// What the format is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word document",
            Format::Html => "web page",
        }
    }
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Which PDF engine reads PDFs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfEngine {
    /// `pdf-extract` (built in, pure Rust): text in content order, which is
    /// reading order for single-column reports but interleaves the lines of
    /// a two-column page.
    #[default]
    PdfExtract,
    /// poppler's `pdftotext` program, where it is installed: reads
    /// multi-column pages in column order.
    Pdftotext,
}

impl PdfEngine {
    /// Parses `pdf-extract` or `pdftotext`.
    pub fn parse(name: &str) -> Option<PdfEngine> {
        match name {
            "pdf-extract" => Some(PdfEngine::PdfExtract),
            "pdftotext" | "poppler" => Some(PdfEngine::Pdftotext),
            _ => None,
        }
    }

    /// The engine's name, as [`PdfEngine::parse`] takes it.
    pub fn name(self) -> &'static str {
        match self {
            PdfEngine::PdfExtract => "pdf-extract",
            PdfEngine::Pdftotext => "pdftotext",
        }
    }
}

/// How to read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// The PDF engine.
    pub pdf_engine: PdfEngine,
    /// The most bytes a zipped format may unpack to.
    pub max_unpacked_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            pdf_engine: PdfEngine::default(),
            max_unpacked_bytes: MAX_UNPACKED_BYTES,
        }
    }
}

/// One file read: its text in the form ingest reads, and its page map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Markdown-ish text: `#` headings, `- ` bullets, `N. ` numbered items,
    /// `| a | b |` table rows, paragraphs separated by blank lines.
    pub text: String,
    /// The byte offset in `text` where each page starts, in page order
    /// (page 1 first, at 0); empty for a format without pages.
    pub pages: Vec<usize>,
    /// The document's title (an HTML `<title>`, a PDF's or Word file's
    /// title property), where it has one.
    pub title: Option<String>,
    /// The address the document says it lives at (a web page's canonical
    /// link or `og:url`).
    pub url: Option<String>,
    /// The reader that read it (`pdf-extract`, `pdftotext`, `docx`, `html`).
    pub engine: &'static str,
    /// Things worth a person's look that did not stop the reading.
    pub warnings: Vec<String>,
}

impl Document {
    /// The 1-based page holding byte `offset` of `text`, for a paged format.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        page_at(&self.pages, offset)
    }
}

/// The 1-based page holding byte `offset`, given where each page starts.
pub fn page_at(pages: &[usize], offset: usize) -> Option<u32> {
    if pages.is_empty() {
        return None;
    }
    let index = pages.partition_point(|&start| start <= offset).max(1);
    u32::try_from(index).ok()
}

/// A reader of one format. Implementations must not panic on any input,
/// but [`read`] catches a panic all the same.
pub trait Reader: std::fmt::Debug {
    /// The reader's name, as [`Document::engine`] records it.
    fn name(&self) -> &'static str;
    /// Reads a whole file's bytes, which the reader may drop as soon as it
    /// no longer needs them (a PDF once its objects are parsed, a Word file
    /// once its parts are unpacked, a web page piece by piece as it is
    /// parsed) rather than hold them to the end.
    fn read_owned(&self, bytes: Vec<u8>, options: &ReadOptions) -> Result<Document, ReadError>;
    /// Reads a whole file's bytes from a slice (tests and fuzz targets): a
    /// copy handed to [`Reader::read_owned`], unless the reader needs none.
    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        self.read_owned(bytes.to_vec(), options)
    }
}

/// The reader for a format under these options.
pub fn reader(format: Format, options: &ReadOptions) -> &'static dyn Reader {
    match (format, options.pdf_engine) {
        (Format::Pdf, PdfEngine::PdfExtract) => &pdf::PdfExtract,
        (Format::Pdf, PdfEngine::Pdftotext) => &pdf::Pdftotext,
        (Format::Docx, _) => &docx::Docx,
        (Format::Html, _) => &html::Html,
    }
}

/// Reads a file of `format`, a panic in the reader becoming
/// [`ReadError::Panicked`]. This is the call the command line and the fuzz
/// targets make.
pub fn read(format: Format, bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let reader = reader(format, options);
    caught(reader, || reader.read(bytes, options))
}

/// [`read`], handing the reader the bytes to drop once it is done with
/// them: a PDF's, Word file's or web page's peak memory is then the parsed
/// file's, not the parsed file's and its bytes'.
pub fn read_owned(
    format: Format,
    bytes: Vec<u8>,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let reader = reader(format, options);
    caught(reader, || reader.read_owned(bytes, options))
}

/// Runs `read`, a panic in it becoming [`ReadError::Panicked`].
fn caught(
    reader: &dyn Reader,
    read: impl FnOnce() -> Result<Document, ReadError>,
) -> Result<Document, ReadError> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            Err(ReadError::Panicked {
                engine: reader.name(),
                message,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_by_content() {
        assert_eq!(Format::from_name("a/Report.PDF"), Some(Format::Pdf));
        assert_eq!(Format::from_name("plan.docx"), Some(Format::Docx));
        assert_eq!(Format::from_name("page.htm"), Some(Format::Html));
        assert_eq!(Format::from_name("notes.txt"), None);
        assert_eq!(Format::sniff(b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(
            Format::sniff(b"\n  <!DOCTYPE html><html>"),
            Some(Format::Html)
        );
        assert_eq!(Format::sniff(b"# A report"), None);
    }

    #[test]
    fn pages_by_offset() {
        let pages = [0, 10, 25];
        assert_eq!(page_at(&pages, 0), Some(1));
        assert_eq!(page_at(&pages, 9), Some(1));
        assert_eq!(page_at(&pages, 10), Some(2));
        assert_eq!(page_at(&pages, 1000), Some(3));
        assert_eq!(page_at(&[], 3), None);
    }
}
