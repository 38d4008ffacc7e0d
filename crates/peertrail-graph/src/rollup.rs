//! Status roll-up: each recommendation's latest reported status, and the
//! recommendations no later document ever mentions again ("silent").

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use peertrail_core::{
    LatestStatus, Link, LinkKind, Progress, Recommendation, Review, ReviewId, Status,
};

use crate::placeholders::start;

/// Fills `latest` and `silent` on every recommendation.
///
/// The latest status is the one reported by the most recent reporting
/// review (by its first day, undated last-but-ordered by id), preferring a
/// stated status over a bare mention (`unknown`). A recommendation is silent
/// when no other review restates it, reports on it, or has an action that
/// answers it.
pub(crate) fn roll_up(
    recs: &mut [Recommendation],
    progress: &[Progress],
    reviews: &[Review],
    links: &[Link],
) {
    // Keyed by the ids' text: lookups need no natural order.
    let dates: BTreeMap<&str, Option<NaiveDate>> =
        reviews.iter().map(|r| (r.id.as_str(), start(r))).collect();
    let mut latest: BTreeMap<&str, (bool, Option<NaiveDate>, &ReviewId, Status)> = BTreeMap::new();
    for p in progress {
        let date = dates.get(p.review.as_str()).copied().flatten();
        let key = (p.status != Status::Unknown, date, &p.review, p.status);
        let slot = latest.entry(p.recommendation.as_str()).or_insert(key);
        if (key.0, key.1, key.2) > (slot.0, slot.1, slot.2) {
            *slot = key;
        }
    }
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    for l in links {
        if matches!(
            l.kind,
            LinkKind::Restates | LinkKind::ReportsProgress | LinkKind::Responds
        ) {
            mentioned.insert(l.to.as_str());
        }
    }
    for r in recs.iter_mut() {
        r.latest = latest
            .get(r.id.as_str())
            .map(|&(_, reported, review, status)| LatestStatus {
                status,
                review: review.clone(),
                reported,
            });
        r.silent = !mentioned.contains(r.id.as_str());
    }
}
