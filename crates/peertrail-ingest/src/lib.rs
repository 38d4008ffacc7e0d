//! Report text → peertrail domain model.
//!
//! Pure functions over `&str` (and `&[u8]`, decoded first): no file system,
//! no global state. The pipeline is
//!
//! ```text
//! bytes ─decode→ text ─segment→ blocks ─facts→ DocFacts ─items→ Extraction
//! ```
//!
//! `facts` reads what the document says about itself (council, kind, dates,
//! peer team, attendees, contacts, references, next steps); `items` reads
//! what it recommends, proposes or reports, using those facts to attach
//! restated recommendations to the earlier reviews they came from.

#![warn(missing_docs)]

mod assemble;
mod council;
mod cues;
mod dates;
mod decode;
mod error;
mod facts;
mod held;
mod inline;
mod items;
mod kind;
mod mentions;
mod meta;
mod outline;
mod people;
mod roles;
mod segment;
mod team;
mod text;
mod vocab;

pub use decode::{decode, decode_owned, Decoded};
pub use error::IngestError;
pub use meta::Meta;

use peertrail_core::{Extraction, Warning};

/// Caller-supplied facts that override or complete extraction.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The path to record as the review's `source`.
    pub source: Option<String>,
    /// Facts stated by the caller (a council named by hand, a sidecar
    /// file's values); each one given overrides what extraction found.
    pub meta: Meta,
}

/// Reads one report from raw bytes (UTF-8, else Windows-1252 with a warning).
pub fn ingest_bytes(bytes: &[u8], options: &IngestOptions) -> Result<Extraction, IngestError> {
    let decoded = decode::decode(bytes)?;
    let mut extraction = ingest_str(&decoded.text, options)?;
    extraction.warnings.extend(decoded.warnings);
    extraction.warnings.sort();
    Ok(extraction)
}

/// `Source: https://…` or `# source: https://…` as the first line: the
/// address and the line's length in bytes (without its line break).
fn source_line(text: &str) -> Option<(String, usize)> {
    let first = text.lines().next()?;
    let t = first.trim_start_matches(['#', ' ', '\u{feff}']);
    let label = t.get(..7)?;
    if !label.eq_ignore_ascii_case("source:") {
        return None;
    }
    let url = t[7..].trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        .then(|| (url.to_string(), first.len()))
}

/// Reads one report from text.
pub fn ingest_str(text: &str, options: &IngestOptions) -> Result<Extraction, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    segment::check_size(text)?;
    // A first line giving the page's address ("Source: https://…", as a
    // saved web page or a user's note has it) is a fact about the page, not
    // part of the report: it is read, then blanked so that every offset
    // and line of the text stays as it was.
    let mut meta = options.meta.clone();
    let blanked;
    let text = match source_line(text) {
        Some((url, len)) => {
            if meta.url.is_none() {
                meta.url = Some(url);
            }
            blanked = format!("{}{}", " ".repeat(len), &text[len..]);
            blanked.as_str()
        }
        None => text,
    };
    let blocks = segment::segment(text);
    let mut warnings: Vec<Warning> = Vec::new();
    let facts = facts::read(&blocks, &meta, &mut warnings)?;
    let items = items::read(text, &blocks, &facts, &mut warnings);
    let mut extraction = assemble::assemble(facts, options.source.clone(), items);
    extraction.warnings.extend(warnings);
    extraction.warnings.sort();
    Ok(extraction)
}
