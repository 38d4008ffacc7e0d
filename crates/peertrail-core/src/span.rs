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
    /// 1-based page of `start`, for a source with pages (a PDF); absent
    /// for text, Word documents and web pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Span {
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            line: self.line.min(other.line),
            end_line: self.end_line.max(other.end_line),
            page: match (self.page, other.page) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// Sets `page` from a page map: the byte offset where each page starts,
    /// page 1 first. An empty map leaves the span as it is.
    pub fn cite_page(&mut self, page_starts: &[usize]) {
        if page_starts.is_empty() {
            return;
        }
        let index = page_starts.partition_point(|&s| s <= self.start).max(1);
        self.page = u32::try_from(index).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_from_a_page_map() {
        let mut span = Span {
            start: 12,
            end: 20,
            line: 2,
            end_line: 2,
            page: None,
        };
        span.cite_page(&[]);
        assert_eq!(span.page, None);
        span.cite_page(&[0, 10, 30]);
        assert_eq!(span.page, Some(2));
        let other = Span {
            page: Some(1),
            ..span
        };
        assert_eq!(span.cover(other).page, Some(1));
    }
}
