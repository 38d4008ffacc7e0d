//! The decisions people record about a corpus, kept beside it in
//! `peertrail-decisions.toml` and applied after extraction and linking:
//! links confirmed, rejected or added, extracted fields corrected, items
//! that are not recommendations, peer team members corrected, removed or
//! added, status updates between reviews, the council's responses and
//! revised target dates.
//!
//! The file is history: decisions are appended, never rewritten, and
//! applied in file order, so a later decision about the same thing wins
//! the shown value while the earlier one stays on record. Every decision
//! names its target by id and by a fingerprint of the target's extracted
//! text; when a later run no longer finds that target (the text changed,
//! extraction improved) the decision is reported as orphaned with the
//! closest candidates and never applied to anything else.
//!
//! Architecture invariant: pure functions over text and the core model;
//! no file system (the `peertrail` crate reads, locks and writes the file).
//! The spreadsheet round trip goes through [`TrackerRow`]: the CSV tracker
//! and the workbook's `Recommendations` sheet are read into the same rows,
//! and [`import`] never sees the format.

#![warn(missing_docs)]

mod apply;
mod fingerprint;
mod import;
mod model;
mod parse;
mod render;
mod rows;
mod workbook;

pub use apply::{apply, Outcome, OutcomeKind, Report};
pub use fingerprint::{fingerprint, Fingerprints};
pub use import::{import, Change, ImportResult, Refused, TRACKER_COLUMNS};
pub use model::{Decision, Decisions, Field, LinkVerdict, PeerVerdict, Recorded};
pub use parse::{check_peer, check_value, parse, parse_date, DecisionsError};
pub use render::{header, render};
pub use rows::{rows_from_csv, Place, TrackerFormat, TrackerRow, MAX_TRACKER_BYTES};
pub use workbook::{rows_from_xlsx, SHEET};

/// The decisions file's name, in the corpus folder.
pub const FILE_NAME: &str = "peertrail-decisions.toml";

/// The format this version reads and writes (the file's `format` key).
pub const FORMAT: &str = "peertrail-decisions/1";

/// The format's version number.
pub const FORMAT_VERSION: u32 = 1;
