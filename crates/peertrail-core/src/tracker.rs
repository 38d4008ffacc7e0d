//! What people record beside the extracted data: status updates between
//! reviews, the council's response to a recommendation, an action's target
//! date and its revisions, and where each shown value came from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DateSpan, RecommendationId, Status};

/// Where a shown value came from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// Read from a report (or linked by the graph's rules).
    #[default]
    Extracted,
    /// Set by a person's decision (a correction, a confirmed or added link,
    /// a revised date, a response).
    Decided,
    /// A status update a person recorded between published reviews.
    Updated,
}

impl Source {
    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Extracted => "extracted",
            Source::Decided => "decided",
            Source::Updated => "updated",
        }
    }
}

/// A status a person recorded for a recommendation between published
/// reviews (from the decisions file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusUpdate {
    /// The recommendation updated.
    pub recommendation: RecommendationId,
    /// The status.
    pub status: Status,
    /// The day the status held, as the person recorded it.
    pub date: NaiveDate,
    /// What the person wrote about it.
    pub note: Option<String>,
    /// Who recorded it, where they said.
    pub who: Option<String>,
}

/// How a council answered a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResponseKind {
    /// Accepted in full.
    Accepted,
    /// Accepted in part.
    PartlyAccepted,
    /// Not accepted.
    NotAccepted,
    /// Noted, neither accepted nor refused.
    Noted,
}

impl ResponseKind {
    /// Every response, in declaration order.
    pub const ALL: [ResponseKind; 4] = [
        ResponseKind::Accepted,
        ResponseKind::PartlyAccepted,
        ResponseKind::NotAccepted,
        ResponseKind::Noted,
    ];

    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Accepted => "accepted",
            ResponseKind::PartlyAccepted => "partly_accepted",
            ResponseKind::NotAccepted => "not_accepted",
            ResponseKind::Noted => "noted",
        }
    }
}

/// The council's response to a recommendation, as a person recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Accepted, partly accepted, not accepted or noted.
    pub response: ResponseKind,
    /// When the council responded.
    pub date: NaiveDate,
    /// What the person wrote about it.
    pub note: Option<String>,
    /// Who recorded it.
    pub who: Option<String>,
}

/// When an action plan says an action will be done ("by March 2025",
/// "Q3 2024/25", "ongoing").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timescale {
    /// The words it came from.
    pub wording: String,
    /// The period it is due in; the action is late after its `end`.
    /// `None` for an ongoing action or wording with no date.
    pub due: Option<DateSpan>,
    /// True for "ongoing", "continuous", "rolling" and the like.
    pub ongoing: bool,
}

/// A target date moved by a person's decision, kept beside the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisedDue {
    /// The new period it is due in.
    pub due: DateSpan,
    /// Days from the original due date's end to the revised one's (negative
    /// when brought forward); `None` when there was no original date.
    pub slip_days: Option<i64>,
    /// Where it came from (`decided`).
    pub source: Source,
    /// Why, as the person wrote it.
    pub note: Option<String>,
    /// Who recorded it.
    pub who: Option<String>,
}
