//! Progress reported on recommendations, and the status vocabulary.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{RecommendationId, ReviewId, Source, Span};

/// How far a recommendation got, as a later document reported it.
///
/// Variants are ordered from most to least advanced, except `Superseded`
/// and `Unknown`, which say nothing about progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Done.
    Complete,
    /// "Significantly progressed", "almost completed".
    SignificantProgress,
    /// "Continues to progress", "ongoing".
    InProgress,
    /// "Begun to progress", "early stages".
    Begun,
    /// "Not yet started".
    NotStarted,
    /// Replaced by a later recommendation or decision.
    Superseded,
    /// Mentioned, but with no status the text states.
    Unknown,
}

impl Status {
    /// Every status, most advanced first.
    pub const ALL: [Status; 7] = [
        Status::Complete,
        Status::SignificantProgress,
        Status::InProgress,
        Status::Begun,
        Status::NotStarted,
        Status::Superseded,
        Status::Unknown,
    ];

    /// A label for people: "Significant progress".
    pub fn label(self) -> &'static str {
        match self {
            Status::Complete => "Complete",
            Status::SignificantProgress => "Significant progress",
            Status::InProgress => "In progress",
            Status::Begun => "Begun",
            Status::NotStarted => "Not started",
            Status::Superseded => "Superseded",
            Status::Unknown => "Unknown",
        }
    }

    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::SignificantProgress => "significant_progress",
            Status::InProgress => "in_progress",
            Status::Begun => "begun",
            Status::NotStarted => "not_started",
            Status::Superseded => "superseded",
            Status::Unknown => "unknown",
        }
    }
}

/// A later review reporting a status on a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The review or document reporting.
    pub review: ReviewId,
    /// The recommendation reported on.
    pub recommendation: RecommendationId,
    /// The status, normalised.
    pub status: Status,
    /// The words the status came from ("significantly progressed").
    pub wording: String,
    /// The commentary that follows, where there is one.
    pub commentary: Option<String>,
    /// Where it was read.
    pub span: Span,
}

/// A status a document gives a whole review's recommendations together
/// ("most of the recommendations are now complete", "45 of the 48
/// recommendations have been actioned", "84% of actions are on track"):
/// no link to any one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewProgress {
    /// The review or document reporting.
    pub review: ReviewId,
    /// The review whose recommendations it reports on, where known (the
    /// review the document follows).
    pub about: Option<ReviewId>,
    /// The status, normalised.
    pub status: Status,
    /// How many of the recommendations or actions it counts ("45" of "45
    /// of the 48"), where it counts.
    pub count: Option<u32>,
    /// Of how many ("48").
    pub of: Option<u32>,
    /// A share stated as a percentage ("84%").
    pub percent: Option<u32>,
    /// The sentence it came from.
    pub wording: String,
    /// Where it was read.
    pub span: Span,
}

/// The most recent status reported for a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestStatus {
    /// The status.
    pub status: Status,
    /// The review that reported it.
    pub review: ReviewId,
    /// When that review was held (its first day), where known; for a
    /// status update, the day the person recorded.
    pub reported: Option<NaiveDate>,
    /// `extracted` when a review reported it, `updated` when it is a status
    /// update a person recorded (then `review` is the recommendation's own
    /// review: no later review reported it).
    #[serde(default)]
    pub source: Source,
    /// The note of a status update.
    #[serde(default)]
    pub note: Option<String>,
    /// Who recorded a status update.
    #[serde(default)]
    pub who: Option<String>,
}
