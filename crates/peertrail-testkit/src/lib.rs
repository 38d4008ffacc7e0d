//! Test fixtures written at test time from a report's text: a PDF (running
//! header, "Page N" footer, list numbers and Word-style bullets drawn apart
//! from the text with hanging indents, ligatures, tables), a Word file
//! (Word's automatic numbering, so the numbers are not in the text; tables)
//! and a saved web page (navigation, a header and a cookie footer around
//! the content). Nothing here reads files: tests pass the text in.
//!
//! The text is read into blocks the way the segmenter reads it (headings,
//! paragraphs, bullets, numbered items, table rows), so each form holds
//! the same blocks as the text.
//!
//! Also the data other crates' tests and benchmarks share: [`fixture`], a
//! small hand-built data set every exporter's tests render, and
//! [`synthetic_corpus`], synthetic extractions at any scale for
//! `cargo xtask bench` and the graph's scale tests, and [`shapes`], hostile
//! report texts at any size for the hostile tests and the benchmark's
//! scaling check. No shipped crate depends on this one.

#![warn(missing_docs)]

mod blocks;
mod docx;
pub mod fixture;
mod html;
mod pdf;
pub mod shapes;
mod synthetic;

pub use blocks::{blocks, Block, Run};
pub use docx::docx;
pub use html::html;
pub use pdf::{pdf, two_column_pdf, PdfOptions};
pub use synthetic::synthetic_corpus;
