//! Why a report could not be read at all.

/// A report that cannot be read. Problems that leave the rest of a report
/// usable come back as warnings instead.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum IngestError {
    /// The file is empty or holds only white space.
    #[error("the file is empty")]
    Empty,
    /// The file is not text.
    #[error("the file is not text (binary data at byte {offset}, line {line})")]
    Binary {
        /// Offset of the first byte that marks it as binary.
        offset: usize,
        /// 1-based line of that byte.
        line: u32,
    },
    /// The text is longer than ingest keeps offsets for (4 GiB; far past
    /// the readers' file size limit).
    #[error("the text is too large to read ({bytes} bytes; at most 4 GiB)")]
    TooLarge {
        /// The text's length in bytes.
        bytes: usize,
    },
    /// Nothing in the text names the council, and no override was given.
    #[error("cannot tell which council the report is about")]
    NoCouncil,
}
