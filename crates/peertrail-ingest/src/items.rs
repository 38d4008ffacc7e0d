//! Items: what a report recommends, what an action plan proposes, and what
//! a later document reports on earlier recommendations.

use peertrail_core::{Action, Progress, Recommendation, ReviewRef, Warning};

use crate::facts::DocFacts;
use crate::segment::Block;

/// Everything item extraction found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    /// Own and restated recommendations, reflections and suggestions.
    pub recommendations: Vec<Recommendation>,
    /// Proposed actions.
    pub actions: Vec<Action>,
    /// Reported statuses.
    pub progress: Vec<Progress>,
    /// Reviews found while reading items (e.g. a status group's "the
    /// recommendations of the September 2020 panel") that the facts did not
    /// already list.
    pub references: Vec<ReviewRef>,
}

/// Reads the items of a report.
pub fn read(_blocks: &[Block], _facts: &DocFacts, _warnings: &mut Vec<Warning>) -> Items {
    Items::default()
}
