//! Zip archives read within a budget: every part is unpacked through a
//! counting reader, so a zip bomb stops at the limit whatever sizes the
//! archive's directory claims.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::ReadError;

/// An archive and what is left of its unpacking budget.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    limit: u64,
    format: &'static str,
}

impl std::fmt::Debug for Archive<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("budget", &self.budget)
            .finish()
    }
}

impl<'a> Archive<'a> {
    pub(crate) fn open(
        bytes: &'a [u8],
        limit: u64,
        format: &'static str,
    ) -> Result<Self, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
            format,
            message: format!("not a zip archive ({e})"),
        })?;
        Ok(Archive {
            zip,
            budget: limit,
            limit,
            format,
        })
    }

    /// A part's bytes, `None` when the archive has no such part.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let format = self.format;
        let file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(ReadError::Corrupt {
                    format,
                    message: format!("{name}: {e}"),
                })
            }
        };
        let mut out = Vec::new();
        // One byte past the budget tells a part that is too large.
        let read = file
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Corrupt {
                format,
                message: format!("{name}: {e}"),
            })?;
        let read = read as u64;
        if read > self.budget {
            return Err(ReadError::TooLargeUnpacked {
                part: name.to_string(),
                limit: self.limit,
            });
        }
        self.budget -= read;
        Ok(Some(out))
    }
}
