//! Queries for the command line and for programs: what happened to a
//! recommendation (`trace`), a council's trail (`timeline`) and who served
//! where (`people`); `due` lives in its own module. Every result type
//! serialises with serde, so `--json` prints it as is.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use peertrail_core::{
    Council, CouncilId, DateSpan, LinkKind, LinkRule, PeerPosition, Person, PersonId,
    Recommendation, RecommendationId, ReviewId, ReviewKind, Status,
};
use serde::{Deserialize, Serialize};

use crate::handle::{Direction, Endpoint, ReviewRef};
use crate::Graph;

/// A review in brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    /// Its id.
    pub id: ReviewId,
    /// Its kind.
    pub kind: ReviewKind,
    /// When it was held.
    pub held: Option<DateSpan>,
    /// False for a placeholder.
    pub in_corpus: bool,
    /// Its title, where it has one.
    pub title: Option<String>,
}

impl ReviewSummary {
    fn of(r: &peertrail_core::Review) -> ReviewSummary {
        ReviewSummary {
            id: r.id.clone(),
            kind: r.kind,
            held: r.held,
            in_corpus: r.in_corpus,
            title: r.title.clone(),
        }
    }
}

/// What happened to a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A later document quoted it.
    Restated,
    /// An action of a plan answers it.
    Answered,
    /// A later review reported a status on it.
    StatusReported,
    /// A later recommendation repeats it.
    Recurred,
}

impl EventKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Restated => "restated",
            EventKind::Answered => "answered",
            EventKind::StatusReported => "status_reported",
            EventKind::Recurred => "recurred",
        }
    }
}

/// One later event touching a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceEvent {
    /// When (the first day of the review or document it happened in).
    pub date: Option<NaiveDate>,
    /// What happened.
    pub kind: EventKind,
    /// The review or document it happened in.
    pub review: ReviewId,
    /// The item that did it (an action or a later recommendation), if not
    /// the review itself.
    pub item: Option<String>,
    /// The status reported, for a status report.
    pub status: Option<Status>,
    /// The words of the status, the action or the later recommendation.
    pub text: Option<String>,
    /// The link's confidence.
    pub confidence: f64,
    /// The rule that made the link.
    pub rule: LinkRule,
    /// The link's evidence in words.
    pub detail: String,
    /// Whether the link is only suggested (under the confidence a person
    /// should confirm).
    #[serde(default)]
    pub suggested: bool,
}

/// A recommendation and everything that happened to it afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// The recommendation (with its latest status and silent flag).
    pub recommendation: Recommendation,
    /// The review that made it.
    pub review: ReviewSummary,
    /// Earlier recommendations of the same council it repeats.
    pub repeats: Vec<RecommendationId>,
    /// Later events, by date (undated last), then kind, then review and item.
    pub events: Vec<TraceEvent>,
}

/// One review on a council's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The review.
    pub review: ReviewSummary,
    /// The review it follows, stated or inferred.
    pub follows: Option<ReviewId>,
    /// How many recommendations (reflections, suggestions) it made.
    pub recommendations: usize,
    /// How many actions it proposes (action plans).
    pub actions: usize,
    /// How many statuses it reports on earlier recommendations.
    pub statuses_reported: usize,
    /// How many of its recommendations were never mentioned again.
    pub silent: usize,
    /// Latest status of its recommendations: status name → count
    /// (`none` for those with no status yet).
    pub latest_statuses: BTreeMap<String, usize>,
    /// How many peers served on it.
    pub peers: usize,
    /// Why it is on this council's timeline when it is not simply the
    /// council's own review: `predecessor` (a review of a council this one
    /// replaced) or `joint` (a joint review led under another council's
    /// name); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
}

/// How a review reaches a council's timeline other than as its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Via {
    /// `predecessor` or `joint`.
    pub relation: String,
    /// The council whose review it is.
    pub council: CouncilId,
    /// That council's name.
    pub name: String,
}

/// A council's reviews in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The council.
    pub council: Council,
    /// Its reviews, by date (undated last), then id.
    pub reviews: Vec<TimelineEntry>,
}

/// One review a person served on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// The review.
    pub review: ReviewId,
    /// The council reviewed.
    pub council: CouncilId,
    /// The review's kind.
    pub kind: ReviewKind,
    /// Its first day.
    pub date: Option<NaiveDate>,
    /// The name as that review wrote it, with honorifics.
    pub written_name: String,
    /// Their role then.
    pub role: Option<String>,
    /// Their organisation then.
    pub organisation: Option<String>,
    /// Their place on the team.
    pub position: PeerPosition,
}

/// A person and the reviews they served on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// Their id.
    pub id: PersonId,
    /// Their canonical name.
    pub name: String,
    /// Other written forms.
    pub aliases: Vec<String>,
    /// Why forms were merged.
    pub merge_evidence: Vec<String>,
    /// The reviews served on, by date then review id.
    pub reviews: Vec<Service>,
}

fn fold(s: &str) -> String {
    peertrail_core::slugify(s)
}

impl Graph {
    /// The recommendation, then every later event touching it.
    pub fn trace(&self, id: &RecommendationId) -> Option<Trace> {
        let rec = self.recommendation(id)?;
        let review = rec.review()?;
        let mut events = Vec::new();
        for l in rec.links(Direction::Incoming) {
            let data = l.data();
            let Some(from) = l.from() else { continue };
            let (kind, item, text, status) = match (data.kind, from) {
                (LinkKind::Restates, _) => (EventKind::Restated, None, None, None),
                (LinkKind::Responds, Endpoint::Action(a)) => {
                    let t = a.data().text.trim();
                    (
                        EventKind::Answered,
                        Some(a.id().to_string()),
                        (!t.is_empty()).then(|| t.to_string()),
                        None,
                    )
                }
                (LinkKind::ReportsProgress, Endpoint::Review(r)) => {
                    let p = rec.progress().iter().find(|p| &p.review == r.id());
                    (
                        EventKind::StatusReported,
                        None,
                        p.map(|p| p.wording.clone()),
                        p.map(|p| p.status),
                    )
                }
                (LinkKind::Recurs, Endpoint::Recommendation(r)) => (
                    EventKind::Recurred,
                    Some(r.id().to_string()),
                    Some(r.data().text.clone()),
                    None,
                ),
                _ => continue,
            };
            let Some(at) = from.review() else { continue };
            events.push(TraceEvent {
                date: at.date(),
                kind,
                review: at.id().clone(),
                item,
                status,
                text,
                confidence: data.confidence,
                rule: data.evidence.rule,
                detail: data.evidence.detail.to_string(),
                suggested: data.suggested,
            });
        }
        events.sort_by(|a, b| {
            (a.date.is_none(), a.date, a.kind, &a.review, &a.item).cmp(&(
                b.date.is_none(),
                b.date,
                b.kind,
                &b.review,
                &b.item,
            ))
        });
        let repeats = rec
            .links(Direction::Outgoing)
            .into_iter()
            .filter(|l| l.kind() == LinkKind::Recurs)
            .map(|l| RecommendationId::from_raw(l.data().to.as_str()))
            .collect();
        Some(Trace {
            recommendation: rec.data().clone(),
            review: ReviewSummary::of(review.data()),
            repeats,
            events,
        })
    }

    /// Every review and document of a council in time order, with counts
    /// and statuses.
    pub fn timeline(&self, council: &CouncilId) -> Option<Timeline> {
        let c = self.council(council)?;
        let mut reviews = Vec::new();
        // Its own reviews (joint ones included), then those of the councils
        // it replaced, nearest first: one trail over the reorganisation.
        let mut trail: Vec<(ReviewRef<'_>, Option<Via>)> = Vec::new();
        for r in c.reviews() {
            let via = (r.data().council != *council).then(|| {
                let other = self.council(&r.data().council);
                Via {
                    relation: "joint".to_string(),
                    council: r.data().council.clone(),
                    name: other.map_or_else(String::new, |o| o.data().name.clone()),
                }
            });
            trail.push((r, via));
        }
        let predecessors = crate::identity::predecessors(&self.data.councils);
        let mut seen: BTreeSet<CouncilId> = BTreeSet::from([council.clone()]);
        let mut frontier = vec![council.clone()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for id in &frontier {
                for p in predecessors.get(id).map(Vec::as_slice).unwrap_or_default() {
                    if !seen.insert(p.clone()) {
                        continue;
                    }
                    if let Some(pc) = self.council(p) {
                        for r in pc.reviews() {
                            if r.data().council == *p {
                                trail.push((
                                    r,
                                    Some(Via {
                                        relation: "predecessor".to_string(),
                                        council: p.clone(),
                                        name: pc.data().name.clone(),
                                    }),
                                ));
                            }
                        }
                    }
                    next.push(p.clone());
                }
            }
            frontier = next;
        }
        trail.sort_by(|(a, _), (b, _)| (a.time(), &a.data().id).cmp(&(b.time(), &b.data().id)));
        for (r, via) in trail {
            let recs = r.recommendations();
            let mut latest: BTreeMap<String, usize> = BTreeMap::new();
            for rec in &recs {
                let name = rec
                    .data()
                    .latest
                    .as_ref()
                    .map_or("none", |l| l.status.as_str());
                *latest.entry(name.to_string()).or_insert(0) += 1;
            }
            let outgoing = r.links(Direction::Outgoing);
            let follows = r.data().follows.clone().or_else(|| {
                outgoing
                    .iter()
                    .find(|l| l.kind() == LinkKind::Follows)
                    .map(|l| ReviewId::from_raw(l.data().to.as_str()))
            });
            reviews.push(TimelineEntry {
                review: ReviewSummary::of(r.data()),
                follows,
                recommendations: recs.len(),
                actions: r.actions().len(),
                statuses_reported: outgoing
                    .iter()
                    .filter(|l| l.kind() == LinkKind::ReportsProgress)
                    .count(),
                silent: recs.iter().filter(|x| x.data().silent).count(),
                latest_statuses: latest,
                peers: r.data().peers.len(),
                via,
            });
        }
        Some(Timeline {
            council: c.data().clone(),
            reviews,
        })
    }

    /// People whose name or any written form contains `name_filter`
    /// (ignoring case, punctuation and honorifics' spacing), by id; every
    /// person when `None`.
    pub fn people(&self, name_filter: Option<&str>) -> Vec<PersonSummary> {
        let want = name_filter.map(fold).filter(|w| !w.is_empty());
        self.people_iter()
            .filter(|p| {
                let Some(w) = &want else { return true };
                let d: &Person = p.data();
                std::iter::once(&d.name)
                    .chain(&d.aliases)
                    .any(|n| fold(n).contains(w.as_str()))
                    || d.id.as_str().contains(w.as_str())
            })
            .map(|p| {
                let d = p.data();
                let reviews = p
                    .memberships()
                    .into_iter()
                    .map(|(r, m)| {
                        let mut written = m.honorifics.join(" ");
                        if !written.is_empty() {
                            written.push(' ');
                        }
                        written.push_str(&m.name);
                        Service {
                            review: r.id().clone(),
                            council: r.data().council.clone(),
                            kind: r.data().kind,
                            date: r.date(),
                            written_name: written,
                            role: m.role.as_deref().map(str::to_string),
                            organisation: m.organisation.as_deref().map(str::to_string),
                            position: m.position,
                        }
                    })
                    .collect();
                PersonSummary {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    aliases: d.aliases.clone(),
                    merge_evidence: d.merge_evidence.clone(),
                    reviews,
                }
            })
            .collect()
    }
}
