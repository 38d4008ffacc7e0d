//! Status roll-up: each recommendation's latest reported status, and the
//! recommendations no later document ever mentions again ("silent").

use chrono::NaiveDate;
use peertrail_core::{
    LatestStatus, Link, LinkKind, Progress, Recommendation, Review, ReviewId, Source, Status,
    StatusUpdate,
};

use crate::placeholders::start;
use crate::{lookup_map, lookup_set, LookupMap, LookupSet};

/// Fills `latest` and `silent` on every recommendation.
///
/// The latest status is the one reported by the most recent reporting
/// review (by its first day, undated last-but-ordered by id), preferring a
/// stated status over a bare mention (`unknown`). Status updates people
/// recorded between reviews compete on the same terms: the latest status
/// follows dates, whatever their source, and an update dated the same day
/// as a review wins (it was recorded knowing the report). A recommendation is silent
/// when no other review restates it, reports on it, or has an action that
/// answers it.
pub(crate) fn roll_up(
    recs: &mut [Recommendation],
    progress: &[Progress],
    updates: &[StatusUpdate],
    reviews: &[Review],
    links: &[Link],
) {
    // Keyed by the ids' text and only looked up, never iterated: hashed,
    // as no order can show.
    let dates: LookupMap<&str, Option<NaiveDate>> =
        reviews.iter().map(|r| (r.id.as_str(), start(r))).collect();
    // (stated, date, from an update, reporting review or update index, status)
    type Key<'a> = (
        bool,
        Option<NaiveDate>,
        bool,
        Result<&'a ReviewId, usize>,
        Status,
    );
    let mut latest: LookupMap<&str, Key<'_>> = lookup_map(recs.len());
    let candidates = progress
        .iter()
        .map(|p| {
            let date = dates.get(p.review.as_str()).copied().flatten();
            (
                p.recommendation.as_str(),
                (
                    p.status != Status::Unknown,
                    date,
                    false,
                    Ok(&p.review),
                    p.status,
                ),
            )
        })
        .chain(updates.iter().enumerate().map(|(i, u)| {
            (
                u.recommendation.as_str(),
                (
                    u.status != Status::Unknown,
                    Some(u.date),
                    true,
                    Err(i),
                    u.status,
                ),
            )
        }));
    for (rec, key) in candidates {
        let slot = latest.entry(rec).or_insert(key);
        if (key.0, key.1, key.2, key.3.ok(), key.3.err())
            > (slot.0, slot.1, slot.2, slot.3.ok(), slot.3.err())
        {
            *slot = key;
        }
    }
    let mut mentioned: LookupSet<&str> = lookup_set(recs.len());
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
            .and_then(|&(_, reported, _, from, status)| match from {
                Ok(review) => Some(LatestStatus {
                    status,
                    review: review.clone(),
                    reported,
                    source: Source::Extracted,
                    note: None,
                    who: None,
                }),
                Err(i) => updates.get(i).map(|u| LatestStatus {
                    status,
                    review: r.review.clone(),
                    reported,
                    source: Source::Updated,
                    note: u.note.clone(),
                    who: u.who.clone(),
                }),
            })
            .map(Box::new);
        r.silent = !mentioned.contains(r.id.as_str());
    }
}
