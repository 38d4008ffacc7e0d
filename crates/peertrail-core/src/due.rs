//! What is expected after a Corporate Peer Challenge, and where it stands as
//! of a date: computed by the graph (`peertrail_graph::Graph::due`), handed
//! to exporters through the export context.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{CouncilId, NextStepKind, ReviewId};

/// Where a due item stands as of the date asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DueStatus {
    /// Not yet done, and its due date has not passed.
    Due,
    /// Not done, and its due date has passed.
    Overdue,
    /// The corpus holds the review or document that fulfils it.
    Satisfied,
}

impl DueStatus {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DueStatus::Due => "due",
            DueStatus::Overdue => "overdue",
            DueStatus::Satisfied => "satisfied",
        }
    }
}

/// One expected next step of one CPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    /// The council.
    pub council: CouncilId,
    /// The CPC the step follows.
    pub review: ReviewId,
    /// The CPC's first day.
    pub review_date: NaiveDate,
    /// What is expected.
    pub step: NextStepKind,
    /// The earliest it is expected, where the rule gives a window.
    pub due_from: Option<NaiveDate>,
    /// The last day it is due by.
    pub due_by: NaiveDate,
    /// The rule applied: `era_2018_2020`, …, or `stated`.
    pub rule: String,
    /// The rule in words (for a stated step, the report's own words).
    pub rule_text: String,
    /// Where it stands as of the date asked about.
    pub status: DueStatus,
    /// The review or document that satisfies it.
    pub satisfied_by: Option<ReviewId>,
}
