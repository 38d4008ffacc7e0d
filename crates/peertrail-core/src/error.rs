//! Errors raised when core values are built from untrusted strings.

/// A value that cannot become a core type.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum CoreError {
    /// A date or date span that is not a real calendar date.
    #[error("invalid date: {0}")]
    InvalidDate(String),
    /// A name that is empty once slugified, so it cannot form an id.
    #[error("cannot form an id from {0:?}: it has no letters or digits")]
    EmptyId(String),
}
