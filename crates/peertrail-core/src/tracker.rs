//! What people record beside the extracted data: status updates between
//! reviews, the council's response to a recommendation, an action's target
//! date and its revisions, and where each shown value came from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DateSpan, RecommendationId, Status};

/// The tracker columns, in order: the latest status update recorded (by
/// date) and the council's response. `recommendations.csv` and the
/// workbook's Recommendations sheet end with them, under these names, and
/// they are the only columns `peertrail import-updates` reads back.
pub const TRACKER_COLUMNS: [&str; 7] = [
    "update_status",
    "update_date",
    "update_note",
    "update_who",
    "response",
    "response_date",
    "response_note",
];

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

/// Whether work due by the end of `due` is late, judged on `as_of`, or,
/// with no day given, on the day the recommendation's latest status was
/// reported (the last day the data speaks of it): late when that day is
/// after the due period and the recommendation was not complete by then;
/// work completed after the due period was late too. `None` when there is
/// nothing to judge by.
pub fn is_late(
    due: &DateSpan,
    latest: Option<&crate::LatestStatus>,
    as_of: Option<NaiveDate>,
) -> Option<bool> {
    let completed = latest
        .filter(|l| l.status == Status::Complete)
        .and_then(|l| l.reported)
        .filter(|&done| as_of.is_none_or(|a| done <= a));
    if let Some(done) = completed {
        return Some(done > due.end);
    }
    let judge = as_of.or_else(|| latest.and_then(|l| l.reported))?;
    Some(judge > due.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LatestStatus, ReviewId};

    fn latest(status: Status, y: i32, m: u32) -> LatestStatus {
        LatestStatus {
            status,
            review: ReviewId::from_raw("x/2020-cpc"),
            reported: NaiveDate::from_ymd_opt(y, m, 1),
            source: Source::Extracted,
            note: None,
            who: None,
        }
    }

    #[test]
    fn lateness_by_the_latest_status_or_a_day() {
        let due = DateSpan::month(2021, 3).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(is_late(&due, None, None), None);
        assert_eq!(is_late(&due, None, day(2021, 4, 1)), Some(true));
        assert_eq!(is_late(&due, None, day(2021, 3, 31)), Some(false));
        let open = latest(Status::InProgress, 2021, 6);
        assert_eq!(is_late(&due, Some(&open), None), Some(true));
        let done_early = latest(Status::Complete, 2021, 2);
        assert_eq!(
            is_late(&due, Some(&done_early), day(2022, 1, 1)),
            Some(false)
        );
        let done_late = latest(Status::Complete, 2021, 9);
        assert_eq!(is_late(&due, Some(&done_late), None), Some(true));
        assert_eq!(
            is_late(&due, Some(&done_late), day(2021, 3, 15)),
            Some(false)
        );
    }
}
