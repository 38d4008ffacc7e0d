//! Facts supplied from outside a report's text, by whoever calls ingest (a
//! person naming the council, a sidecar file beside the report). Each fact
//! given overrides what extraction found. Reading them from a file is the
//! caller's business: this crate only receives the values.

use peertrail_core::{DateSpan, ReviewKind};

/// Facts supplied from outside the text; each one set overrides extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Council name.
    pub council: Option<String>,
    /// Review kind.
    pub kind: Option<ReviewKind>,
    /// When the review was held.
    pub held: Option<DateSpan>,
    /// Where the report was published.
    pub url: Option<String>,
    /// Councils the report's council replaced in a reorganisation the
    /// gazetteer does not know (a new one, or councils outside it), by name.
    pub predecessors: Vec<String>,
}
