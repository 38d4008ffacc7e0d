//! The two collections that cross crate boundaries: one document's
//! `Extraction`, and the resolved, sorted `Dataset` that exporters receive.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    Action, Council, Link, Person, Progress, Recommendation, RecommendationId, Review, ReviewId,
    ReviewProgress, StatusUpdate,
};

/// The format tag of the JSON document (`"format"` key).
pub const FORMAT: &str = "peertrail/2";

/// A data problem found while reading a document: kept next to the result,
/// not raised as an error, so one odd paragraph never loses a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line, where the problem has one.
    pub line: Option<u32>,
    /// What is wrong, for a person.
    pub message: String,
}

/// Everything read from one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The council the report is about.
    pub council: Council,
    /// Further councils of a joint review.
    #[serde(default)]
    pub joint_councils: Vec<Council>,
    /// The review or document itself.
    pub review: Review,
    /// Reviews the report refers to, as placeholders (`in_corpus: false`),
    /// which own any recommendations the report restates.
    pub placeholders: Vec<Review>,
    /// The report's own recommendations, and those it restates from
    /// earlier reviews (whose `review` is then a placeholder).
    pub recommendations: Vec<Recommendation>,
    /// Proposed actions, for an action plan.
    pub actions: Vec<Action>,
    /// Statuses the report gives for recommendations.
    pub progress: Vec<Progress>,
    /// Statuses the report gives a whole review's recommendations together.
    #[serde(default)]
    pub review_progress: Vec<ReviewProgress>,
    /// Data problems worth a person's look.
    pub warnings: Vec<Warning>,
}

impl Extraction {
    /// Makes equal ids one shared text again: the review's id in its
    /// recommendations, actions and statuses, a placeholder's wherever it
    /// is named, a recommendation's in the actions and statuses about it,
    /// the council's in the placeholders; and the file the recommendations
    /// were read from and the words of their cues, one text for each run
    /// of equal ones. Ingest makes them so by cloning;
    /// an extraction decoded from JSON (the cache) has each one apart,
    /// which at 11,250 reports is about 40 MB more. Nothing compares
    /// differently afterwards.
    pub fn share_ids(&mut self) {
        let mut reviews: Vec<ReviewId> = std::iter::once(&self.review)
            .chain(&self.placeholders)
            .map(|r| r.id.clone())
            .collect();
        reviews.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        let mut recs: Vec<RecommendationId> =
            self.recommendations.iter().map(|r| r.id.clone()).collect();
        recs.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        let review = |id: &mut ReviewId| share(id, &reviews, ReviewId::as_str);
        let rec = |id: &mut RecommendationId| share(id, &recs, RecommendationId::as_str);
        let council = self.review.council.clone();
        for p in &mut self.placeholders {
            if p.council == council {
                p.council = council.clone();
            }
        }
        for r in std::iter::once(&mut self.review).chain(&mut self.placeholders) {
            r.follows.iter_mut().for_each(review);
            r.references.iter_mut().for_each(|x| review(&mut x.review));
        }
        let (mut file, mut words) = (None, None);
        for r in &mut self.recommendations {
            review(&mut r.review);
            if let Some(source) = &mut r.source {
                share_run(source, &mut file);
            }
            if let Some(cue) = &mut r.cue {
                share_run(&mut cue.words, &mut words);
            }
        }
        for a in &mut self.actions {
            review(&mut a.review);
            a.recommendation.iter_mut().for_each(rec);
        }
        for p in &mut self.progress {
            review(&mut p.review);
            rec(&mut p.recommendation);
        }
        for p in &mut self.review_progress {
            review(&mut p.review);
            p.about.iter_mut().for_each(review);
        }
    }

    /// Gives back the room its lists hold beyond their items. A corpus
    /// holds every extraction until it is linked, and lists grown by
    /// pushing (ingest) or decoded from JSON (the cache) keep up to twice
    /// their room.
    pub fn shrink_to_fit(&mut self) {
        self.joint_councils.shrink_to_fit();
        self.recommendations.shrink_to_fit();
        self.actions.shrink_to_fit();
        self.progress.shrink_to_fit();
        self.review_progress.shrink_to_fit();
        self.warnings.shrink_to_fit();
        self.placeholders.shrink_to_fit();
        for r in std::iter::once(&mut self.review).chain(&mut self.placeholders) {
            r.peers.shrink_to_fit();
            r.attendees.shrink_to_fit();
            r.references.shrink_to_fit();
            r.next_steps.shrink_to_fit();
            r.contacts.shrink_to_fit();
            r.joint_councils.shrink_to_fit();
        }
        for r in &mut self.recommendations {
            r.themes.shrink_to_fit();
        }
    }

    /// Every span of the extraction, to be cited with its page
    /// ([`crate::Span::cite_page`]) once the page map of its source is known.
    pub fn spans_mut(&mut self) -> Vec<&mut crate::Span> {
        let mut spans: Vec<&mut crate::Span> = Vec::new();
        for review in std::iter::once(&mut self.review).chain(self.placeholders.iter_mut()) {
            spans.extend(review.peers.iter_mut().map(|p| &mut p.span));
            spans.extend(review.attendees.iter_mut().map(|a| &mut a.span));
            spans.extend(review.references.iter_mut().map(|r| &mut r.span));
            spans.extend(review.next_steps.iter_mut().map(|n| &mut n.span));
            spans.extend(review.contacts.iter_mut().map(|c| &mut c.span));
        }
        spans.extend(self.recommendations.iter_mut().map(|r| &mut r.span));
        spans.extend(self.actions.iter_mut().map(|a| &mut a.span));
        spans.extend(self.progress.iter_mut().map(|p| &mut p.span));
        spans
    }
}

/// Replaces `text` with `last` where they are equal, so both share one
/// allocation; otherwise `text` becomes `last` for the next.
fn share_run(text: &mut std::sync::Arc<str>, last: &mut Option<std::sync::Arc<str>>) {
    match last {
        Some(l) if **l == **text => *text = l.clone(),
        _ => *last = Some(text.clone()),
    }
}

/// Replaces `id` with the equal one of `pool` (sorted by text), so both
/// share one allocation.
fn share<T: Clone>(id: &mut T, pool: &[T], text: impl Fn(&T) -> &str) {
    if let Ok(i) = pool.binary_search_by(|x| text(x).cmp(text(id))) {
        if let Some(same) = pool.get(i) {
            *id = same.clone();
        }
    }
}

/// The resolved corpus: every list sorted by id, ready for any exporter.
/// This is the JSON document's shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Always [`FORMAT`].
    pub format: String,
    /// Councils, by id.
    pub councils: Vec<Council>,
    /// Reviews and documents, by id.
    pub reviews: Vec<Review>,
    /// Recommendations, by id.
    pub recommendations: Vec<Recommendation>,
    /// Actions, by id.
    pub actions: Vec<Action>,
    /// Progress entries, by recommendation, then reporting review.
    pub progress: Vec<Progress>,
    /// Statuses given to a whole review's recommendations, by reporting
    /// review, then position.
    #[serde(default)]
    pub review_progress: Vec<ReviewProgress>,
    /// People, by id.
    pub people: Vec<Person>,
    /// Links, by kind, then `from`, then `to`.
    pub links: Vec<Link>,
    /// Status updates people recorded between reviews, by recommendation,
    /// then date.
    #[serde(default)]
    pub updates: Vec<StatusUpdate>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            format: FORMAT.to_string(),
            councils: Vec::new(),
            reviews: Vec::new(),
            recommendations: Vec::new(),
            actions: Vec::new(),
            progress: Vec::new(),
            review_progress: Vec::new(),
            people: Vec::new(),
            links: Vec::new(),
            updates: Vec::new(),
        }
    }
}

impl Dataset {
    /// Puts every list into its canonical order, so that output never depends
    /// on input order. Producers call this last.
    pub fn sort(&mut self) {
        self.councils.sort_by(|a, b| a.id.cmp(&b.id));
        self.reviews.sort_by(|a, b| a.id.cmp(&b.id));
        self.recommendations.sort_by(|a, b| a.id.cmp(&b.id));
        self.actions.sort_by(|a, b| a.id.cmp(&b.id));
        self.progress.sort_by(|a, b| {
            (&a.recommendation, &a.review, a.span).cmp(&(&b.recommendation, &b.review, b.span))
        });
        self.review_progress
            .sort_by(|a, b| (&a.review, a.span, a.status).cmp(&(&b.review, b.span, b.status)));
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
        self.updates.sort_by(|a, b| {
            (&a.recommendation, a.date, a.status, &a.note, &a.who).cmp(&(
                &b.recommendation,
                b.date,
                b.status,
                &b.note,
                &b.who,
            ))
        });
        self.links.sort_by(|a, b| {
            (a.kind, &a.from, &a.to)
                .cmp(&(b.kind, &b.from, &b.to))
                .then_with(|| a.confidence.total_cmp(&b.confidence))
        });
    }

    /// The review with this id (binary search: the list is sorted).
    pub fn review(&self, id: &ReviewId) -> Option<&Review> {
        self.reviews
            .binary_search_by(|r| r.id.cmp(id))
            .ok()
            .and_then(|i| self.reviews.get(i))
    }

    /// The recommendation with this id (binary search: the list is sorted).
    pub fn recommendation(&self, id: &RecommendationId) -> Option<&Recommendation> {
        self.recommendations
            .binary_search_by(|r| r.id.cmp(id))
            .ok()
            .and_then(|i| self.recommendations.get(i))
    }

    /// The latest status update recorded for a recommendation (by date;
    /// of two on the same day, the later in `updates`): what a tracker
    /// shows in its update columns.
    ///
    /// One scan of every update; to look up many recommendations, build
    /// [`Dataset::latest_updates`] once instead.
    pub fn latest_update(&self, id: &RecommendationId) -> Option<&StatusUpdate> {
        self.updates
            .iter()
            .filter(|u| u.recommendation == *id)
            .max_by_key(|u| u.date)
    }

    /// The latest status update of every recommendation that has one, by
    /// the same rule as [`Dataset::latest_update`], in one pass over the
    /// updates: a tracker's rows look theirs up without rescanning.
    pub fn latest_updates(&self) -> BTreeMap<&RecommendationId, &StatusUpdate> {
        let mut latest: BTreeMap<&RecommendationId, &StatusUpdate> = BTreeMap::new();
        for u in &self.updates {
            latest
                .entry(&u.recommendation)
                .and_modify(|kept| {
                    // The later of two on the same day wins, as with
                    // `max_by_key`.
                    if u.date >= kept.date {
                        *kept = u;
                    }
                })
                .or_insert(u);
        }
        latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    #[test]
    fn the_latest_updates_are_each_recommendations_latest_update() {
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap_or_default();
        let update = |rec: &str, d: u32, note: &str| StatusUpdate {
            recommendation: RecommendationId::from_raw(rec),
            status: Status::InProgress,
            date: day(d),
            note: Some(note.to_string()),
            who: None,
        };
        let data = Dataset {
            updates: vec![
                update("a/r1", 5, "first"),
                update("b/r2", 1, "only"),
                update("a/r1", 9, "latest"),
                update("a/r1", 2, "older"),
                update("c/r3", 4, "same day, earlier"),
                update("c/r3", 4, "same day, later"),
            ],
            ..Dataset::default()
        };
        let latest = data.latest_updates();
        assert_eq!(latest.len(), 3);
        for (id, u) in &latest {
            assert_eq!(data.latest_update(id), Some(*u));
        }
        let note = |id: &str| {
            latest
                .get(&RecommendationId::from_raw(id))
                .and_then(|u| u.note.as_deref())
        };
        assert_eq!(note("a/r1"), Some("latest"));
        assert_eq!(note("c/r3"), Some("same day, later"));
    }
}
