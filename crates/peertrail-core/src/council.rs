//! Councils.

use serde::{Deserialize, Serialize};

use crate::CouncilId;

/// A council, with every name the corpus used for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// Stable id (the place, e.g. `sefton`).
    pub id: CouncilId,
    /// The fullest name seen ("Sefton Metropolitan Borough Council").
    pub name: String,
    /// Other names seen, sorted ("Sefton MBC").
    pub aliases: Vec<String>,
}
