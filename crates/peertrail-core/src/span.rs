//! Where in a source text an extracted item came from.

use serde::{Deserialize, Serialize};

/// A byte range of the decoded source text, with the 1-based lines it covers,
/// so a person can open the report and check what was extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based line of the last byte.
    pub end_line: u32,
}

impl Span {
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            line: self.line.min(other.line),
            end_line: self.end_line.max(other.end_line),
        }
    }
}
