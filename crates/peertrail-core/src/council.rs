//! Councils.

use serde::{Deserialize, Serialize};

use crate::CouncilId;

/// A council, with every name the corpus used for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Council {
    /// Stable id (the place, e.g. `sefton`).
    pub id: CouncilId,
    /// The fullest name seen ("Sefton Metropolitan Borough Council").
    pub name: String,
    /// Other names seen, sorted ("Sefton MBC").
    pub aliases: Vec<String>,
    /// Its ONS (GSS) code where the gazetteer knows the council
    /// ("E08000014"); `LGA` for the Local Government Association.
    #[serde(default)]
    pub code: Option<String>,
    /// The councils it replaced in a reorganisation, by id, sorted.
    #[serde(default)]
    pub predecessors: Vec<CouncilId>,
    /// The councils that replaced it, by id, sorted; empty while it exists.
    #[serde(default)]
    pub successors: Vec<CouncilId>,
}

impl Council {
    /// A council known only by its name (no code, no reorganisation).
    pub fn named(id: CouncilId, name: impl Into<String>) -> Council {
        Council {
            id,
            name: name.into(),
            aliases: Vec::new(),
            code: None,
            predecessors: Vec::new(),
            successors: Vec::new(),
        }
    }
}
