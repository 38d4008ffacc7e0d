//! People who served on peer teams.

use serde::{Deserialize, Serialize};

use crate::PersonId;

/// One person, possibly written differently across reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id (slug of the canonical name).
    pub id: PersonId,
    /// The canonical name, without honorifics.
    pub name: String,
    /// Every other written form seen, with honorifics, sorted.
    pub aliases: Vec<String>,
    /// Why written forms were merged into this person, one line per merge.
    pub merge_evidence: Vec<String>,
}
