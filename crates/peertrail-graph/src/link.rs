//! Links between reviews, recommendations and actions, each with a kind, a
//! confidence in [0, 1] and its evidence.
//!
//! Blocking keeps linking near-linear: `follows`, `responds` and `recurs`
//! only ever compare items of one council, later against earlier; the only
//! cross-council links, `similar_theme`, come from an inverted index inside
//! each core-component bucket, never from all pairs. `restates` links are
//! made while placeholders are resolved (see `placeholders`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use peertrail_core::{
    Action, ActionId, Cosine, Detail, Evidence, Link, LinkKind, LinkRule, NodeId, Progress,
    Recommendation, RecommendationId, Review, ReviewId, ReviewKind,
};

use rayon::prelude::*;

use crate::placeholders::{start, Resolved};
use crate::text::{cosine, line_tokens, overlap, round3, token_line, tokens, TfIdf, Vector};
use crate::theme::{Classifier, CORE_COMPONENTS};
use crate::thresholds::{
    INFERRED_FOLLOWS_CONFIDENCE, INFER_FOLLOWS_MONTHS, RECURS_MAX_POSTINGS, RECURS_MIN,
    RESPONDS_NUMBER_CONFIDENCE, RESPONDS_NUMBER_INFERRED_CONFIDENCE, RESPONDS_TEXT_CONFIDENCE,
    RESPONDS_TEXT_MIN, SIMILAR_THEME_CANDIDATES, SIMILAR_THEME_CONFIDENCE,
    SIMILAR_THEME_MAX_POSTINGS, SIMILAR_THEME_MIN, SIMILAR_THEME_PER_REC, SUGGESTED_BELOW,
};
use crate::{LookupMap, LookupSet};

fn link(
    from: impl Into<NodeId>,
    to: impl Into<NodeId>,
    kind: LinkKind,
    confidence: f64,
    rule: LinkRule,
    score: Option<f64>,
    detail: impl Into<Detail>,
) -> Link {
    Link {
        from: from.into(),
        to: to.into(),
        kind,
        confidence: round3(confidence.clamp(0.0, 1.0)),
        evidence: Evidence {
            rule,
            score: score.map(round3),
            detail: detail.into(),
        },
        suggested: false,
        source: peertrail_core::Source::Extracted,
    }
}

/// Lookups shared by the linkers, built once per build: every linker reads
/// the same reviews and recommendations, and none changes them.
pub(crate) struct Index<'a> {
    /// Every review, in `Resolved` order.
    all_reviews: &'a [Review],
    /// Every recommendation, in `Resolved` order (the order of the TF-IDF
    /// vectors).
    recs: &'a [Recommendation],
    /// The content words of every recommendation, in the same order.
    words: &'a [Words],
    reviews: LookupMap<&'a str, &'a Review>,
    // Keyed by the ids' text: byte order is all a range needs, and much
    // cheaper than the ids' natural order.
    recs_by_review: BTreeMap<&'a str, Vec<usize>>,
    cpcs: BTreeMap<&'a str, Vec<(NaiveDate, &'a ReviewId)>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(
        reviews: &'a [Review],
        recs: &'a [Recommendation],
        words: &'a [Words],
    ) -> Index<'a> {
        let mut recs_by_review: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in recs.iter().enumerate() {
            recs_by_review.entry(r.review.as_str()).or_default().push(i);
        }
        let mut cpcs: BTreeMap<&str, Vec<(NaiveDate, &ReviewId)>> = BTreeMap::new();
        for r in reviews {
            if let (ReviewKind::CorporatePeerChallenge, Some(s)) = (r.kind, start(r)) {
                cpcs.entry(r.council.as_str()).or_default().push((s, &r.id));
            }
        }
        for list in cpcs.values_mut() {
            list.sort();
        }
        Index {
            all_reviews: reviews,
            recs,
            words,
            reviews: reviews.iter().map(|r| (r.id.as_str(), r)).collect(),
            recs_by_review,
            cpcs,
        }
    }

    fn date(&self, review: &str) -> Option<NaiveDate> {
        self.reviews.get(review).and_then(|r| start(r))
    }
}

/// What linking reads and writes of a [`Resolved`]. The reviews are only
/// read, so others may read them while linking runs.
pub(crate) struct Linking<'r> {
    pub reviews: &'r [Review],
    recommendations: &'r mut [Recommendation],
    actions: &'r mut [Action],
    progress: &'r [Progress],
    explicit_actions: &'r LookupSet<ActionId>,
    /// The `restates` links placeholder resolution made, in lists.
    restates: Vec<Vec<Link>>,
}

impl Resolved {
    /// The parts of `self` linking reads and writes.
    pub(crate) fn linking(&mut self) -> Linking<'_> {
        Linking {
            reviews: &self.reviews,
            recommendations: &mut self.recommendations,
            actions: &mut self.actions,
            progress: &self.progress,
            explicit_actions: &self.explicit_actions,
            restates: std::mem::take(&mut self.links),
        }
    }
}

/// Every link of the corpus: the `restates` links placeholder resolution
/// made, then each linker's, deduplicated and marked `suggested`. Fills
/// `Action.recommendation` and the core-component themes on the way.
/// `trail` maps a predecessor council to its successor's trail;
/// `similar_themes` says whether to find `similar_theme` links.
pub(crate) fn all(
    res: Linking<'_>,
    trail: &BTreeMap<String, String>,
    similar_themes: bool,
) -> Vec<Link> {
    // The one list of links is made once, with room for every link: the
    // restatements, the links the rules make at most one of per reference,
    // review, action (and action covered by another) and progress entry,
    // and the recurrences and shared themes, which no count bounds and so
    // are found first, in a list of their own. Grown to take them, the
    // list was held twice while it moved (10,000 generated reports: 9 MB
    // and 11 MB at once).
    let bounded = res
        .reviews
        .iter()
        .map(|r| r.references.len())
        .sum::<usize>()
        + res.reviews.len()
        + res.actions.len()
        + res
            .actions
            .iter()
            .filter(|a| a.covered_by.is_some())
            .count()
        + res.progress.len();
    let words: Vec<Words> = res
        .recommendations
        .par_iter()
        .map(|r| Words {
            text: token_line(&r.text),
            title: r.title.as_deref().map(token_line).unwrap_or_default(),
        })
        .collect();
    let vecs = vectors(res.recommendations, &words);
    // Themes are the only thing linking writes to a recommendation, and no
    // linker reads them: labelling first lets one index serve every linker.
    let buckets = classify(res.recommendations, &words);
    let ix = Index::new(res.reviews, res.recommendations, &words);
    // Neither reads what the other rules find, nor what `responds` fills
    // in: found first, they keep their place at the end of the list.
    let mut unbounded = Vec::new();
    recurs(&ix, &vecs, trail, &mut unbounded);
    if similar_themes {
        similar_theme(&ix, &buckets, &vecs, &mut unbounded);
    }
    // Only those two read the vectors: gone before the one list is made,
    // which is where linking's memory peaks (10,000 generated reports:
    // 4 MB of vectors held beside it).
    drop(vecs);
    drop(buckets);
    let restated: usize = res.restates.iter().map(Vec::len).sum();
    let mut links = Vec::with_capacity(restated + bounded + unbounded.len());
    for list in res.restates {
        links.extend(list);
    }
    let follows = follows_and_references(&ix, &mut links);
    responds(&ix, res.actions, res.explicit_actions, &follows, &mut links);
    reports_progress(res.progress, &mut links);
    links.append(&mut unbounded);
    drop(unbounded);
    dedup(&mut links);
    mark_suggested(&mut links);
    links
}

/// The council part of a review or recommendation id.
fn council_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

/// What a review follows: the stated review, or an inferred one.
#[derive(Debug, Clone)]
pub(crate) struct Follows {
    pub target: ReviewId,
    pub stated: bool,
}

/// `follows` (stated, then inferred) and `references` links; returns what
/// each review follows.
fn follows_and_references(ix: &Index<'_>, links: &mut Vec<Link>) -> BTreeMap<ReviewId, Follows> {
    let mut out = BTreeMap::new();
    for r in ix.all_reviews {
        for m in &r.references {
            if m.review != r.id {
                let wording: String = m.wording.chars().take(80).collect();
                links.push(link(
                    &r.id,
                    &m.review,
                    LinkKind::References,
                    1.0,
                    LinkRule::Mention,
                    None,
                    format!("line {}: {wording}", m.span.line),
                ));
            }
        }
        if let Some(f) = &r.follows {
            if *f != r.id {
                links.push(link(
                    &r.id,
                    f,
                    LinkKind::Follows,
                    1.0,
                    LinkRule::Stated,
                    None,
                    Detail::Fixed("the document names the review it follows"),
                ));
                out.insert(
                    r.id.clone(),
                    Follows {
                        target: f.clone(),
                        stated: true,
                    },
                );
            }
            continue;
        }
        if !matches!(
            r.kind,
            ReviewKind::ActionPlan | ReviewKind::ProgressReview | ReviewKind::FollowUpVisit
        ) {
            continue;
        }
        let cpcs = ix
            .cpcs
            .get(r.council.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let found = match start(r) {
            Some(s) => {
                let earliest = s
                    .checked_sub_months(chrono::Months::new(INFER_FOLLOWS_MONTHS))
                    .unwrap_or(s);
                cpcs.iter()
                    .rev()
                    .find(|(d, _)| *d <= s && *d >= earliest)
                    .map(|(_, id)| (*id).clone())
            }
            None if cpcs.len() == 1 => cpcs.first().map(|(_, id)| (*id).clone()),
            None => None,
        };
        if let Some(target) = found {
            let detail =
                format!("latest CPC of the council at most {INFER_FOLLOWS_MONTHS} months before");
            links.push(link(
                &r.id,
                &target,
                LinkKind::Follows,
                INFERRED_FOLLOWS_CONFIDENCE,
                LinkRule::NearestEarlierCpc,
                None,
                detail,
            ));
            out.insert(
                r.id.clone(),
                Follows {
                    target,
                    stated: false,
                },
            );
        }
    }
    out
}

/// `responds` (filling `Action.recommendation`) and `covered_by` links.
fn responds(
    ix: &Index<'_>,
    actions: &mut [Action],
    explicit_actions: &LookupSet<ActionId>,
    follows: &BTreeMap<ReviewId, Follows>,
    links: &mut Vec<Link>,
) {
    // Each action is answered on its own: in parallel, then recorded in
    // the actions' order.
    let mut found: Vec<Option<(RecommendationId, Link)>> = actions
        .par_iter()
        .map(|a| match a.recommendation {
            Some(_) => None,
            None => respond_one(a, follows.get(&a.review), ix),
        })
        .collect();
    let mut answers: Vec<(usize, RecommendationId)> = Vec::new();
    for (n, a) in actions.iter().enumerate() {
        if let Some(c) = &a.covered_by {
            links.push(link(
                &a.id,
                c,
                LinkKind::CoveredBy,
                1.0,
                LinkRule::Stated,
                None,
                Detail::Fixed("the plan says another action covers this one"),
            ));
        }
        if let Some(rec) = &a.recommendation {
            let rule = if explicit_actions.contains(&a.id) {
                LinkRule::Explicit
            } else {
                LinkRule::Stated
            };
            links.push(link(
                &a.id,
                rec,
                LinkKind::Responds,
                1.0,
                rule,
                None,
                Detail::PlanSetsAction(a.number),
            ));
            continue;
        }
        if let Some((rec, l)) = found.get_mut(n).and_then(Option::take) {
            links.push(l);
            answers.push((n, rec));
        }
    }
    for (n, rec) in answers {
        if let Some(a) = actions.get_mut(n) {
            a.recommendation = Some(rec);
        }
    }
}

fn respond_one<'a>(
    a: &Action,
    follows: Option<&Follows>,
    ix: &Index<'a>,
) -> Option<(RecommendationId, Link)> {
    if let Some(f) = follows {
        let recs = ix
            .recs_by_review
            .get(f.target.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(r) = recs
            .iter()
            .filter_map(|&i| ix.recs.get(i))
            .find(|r| r.number == a.number)
        {
            let (conf, how) = if f.stated {
                (RESPONDS_NUMBER_CONFIDENCE, "stated")
            } else {
                (RESPONDS_NUMBER_INFERRED_CONFIDENCE, "inferred")
            };
            let detail = format!(
                "action {} of the plan, recommendation {} of {} ({how} follows)",
                a.number, r.number, f.target
            );
            let l = link(
                &a.id,
                &r.id,
                LinkKind::Responds,
                conf,
                LinkRule::Number,
                None,
                detail,
            );
            return Some((r.id.clone(), l));
        }
    }
    // By text: recommendations of the followed review, else of the
    // council's reviews held before the plan.
    let action_words = tokens(&a.text);
    let words: BTreeSet<&str> = action_words.iter().map(String::as_str).collect();
    if words.is_empty() {
        return None;
    }
    let council = council_of(a.review.as_str());
    let plan_date = ix.date(a.review.as_str());
    let pool: Vec<usize> = match follows {
        Some(f) => ix
            .recs_by_review
            .get(f.target.as_str())
            .cloned()
            .unwrap_or_default(),
        // Review ids start with their council, so the council's reviews
        // are one range of the map, not a scan of the corpus.
        None => ix
            .recs_by_review
            .range::<str, _>((
                std::ops::Bound::Included(format!("{council}/").as_str()),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(rid, _)| council_of(rid) == council)
            .filter(|(rid, _)| **rid != a.review.as_str())
            .filter(|(rid, _)| match (plan_date, ix.date(rid)) {
                (Some(p), Some(d)) => d <= p,
                _ => true,
            })
            .flat_map(|(_, v)| v.iter().copied())
            .collect(),
    };
    let mut best: Option<(f64, &Recommendation)> = None;
    // The recommendations' words were tokenised once for every linker; a
    // set of them is all a comparison builds.
    let set = |line: &'a str| -> BTreeSet<&'a str> { line_tokens(line).collect() };
    for i in pool {
        let (Some(r), Some(w)) = (ix.recs.get(i), ix.words.get(i)) else {
            continue;
        };
        // No title, no words, no overlap: as before the title was optional.
        let s = overlap(&words, &set(&w.text)).max(overlap(&words, &set(&w.title)));
        if s >= RESPONDS_TEXT_MIN && best.is_none_or(|(b, br)| s > b || (s == b && r.id < br.id)) {
            best = Some((s, r));
        }
    }
    let (s, r) = best?;
    let detail = format!(
        "action text overlaps recommendation {} ({})",
        r.number, r.id
    );
    let l = link(
        &a.id,
        &r.id,
        LinkKind::Responds,
        RESPONDS_TEXT_CONFIDENCE.at(s),
        LinkRule::Text,
        Some(s),
        detail,
    );
    Some((r.id.clone(), l))
}

/// `reports_progress` links, one per stated status.
fn reports_progress(progress: &[Progress], links: &mut Vec<Link>) {
    for p in progress {
        let detail = format!("\"{}\" at line {}", p.wording, p.span.line);
        links.push(link(
            &p.review,
            &p.recommendation,
            LinkKind::ReportsProgress,
            1.0,
            LinkRule::StatedStatus(p.status),
            None,
            detail,
        ));
    }
}

/// The content words of one recommendation's text and title (none without
/// a title), tokenised once for every linker that reads them, each list as
/// a [`token_line`].
pub(crate) struct Words {
    text: String,
    title: String,
}

/// The TF-IDF vector (text and title) of every recommendation, in the
/// order of `recs`.
fn vectors(recs: &[Recommendation], words: &[Words]) -> Vec<Vector> {
    let model = TfIdf::fit(recs.iter().zip(words).map(tfidf_doc));
    recs.par_iter()
        .zip(words)
        .map(|pair| model.vector(tfidf_doc(pair)))
        .collect()
}

/// The tokens TF-IDF weighs for one recommendation: its text's, then its
/// title's unless the text already holds the title (its words would count
/// twice).
fn tfidf_doc<'a>((r, w): (&'a Recommendation, &'a Words)) -> impl Iterator<Item = &'a str> {
    let title_too = r
        .title
        .as_deref()
        .is_some_and(|title| !r.text.contains(title));
    let title = if title_too { w.title.as_str() } else { "" };
    line_tokens(&w.text).chain(line_tokens(title))
}

/// `recurs`: within one council, a recommendation of a later review whose
/// TF-IDF cosine with one of an earlier review is at least [`RECURS_MIN`].
///
/// Candidates come from an inverted index of the council's earlier
/// recommendations, filled date by date, so a council with thousands of
/// recommendations is not compared pair by pair: only recommendations
/// sharing a term are scored, and a term shared by more than
/// [`RECURS_MAX_POSTINGS`] earlier recommendations is too common to find
/// candidates with. The cosine of every candidate is then computed exactly.
///
/// A council and the councils it replaced are one trail: a successor's
/// recommendation may recur one of its predecessor's (`trail` maps a
/// predecessor with a single successor to that successor's trail).
fn recurs(
    ix: &Index<'_>,
    vecs: &[Vector],
    trail: &BTreeMap<String, String>,
    links: &mut Vec<Link>,
) {
    // Trails never link to one another: each is linked on its own, in
    // parallel, and the links gathered in the trails' order.
    let trails: Vec<Vec<(NaiveDate, usize)>> = recurs_trails(ix, trail).into_values().collect();
    let found: Vec<Vec<Link>> = trails
        .par_iter()
        .map(|list| {
            let mut out = Vec::new();
            recurs_within(ix, vecs, list, &mut out);
            out
        })
        .collect();
    room_for(links, found.iter().map(Vec::len).sum());
    links.extend(found.into_iter().flatten());
}

/// Room for `more` links: exactly that when the list must grow, or a
/// quarter more if that is larger, so that growing stays linear without
/// the list doubling past what the corpus needs at the moment linking's
/// memory peaks.
fn room_for(links: &mut Vec<Link>, more: usize) {
    if links.capacity() - links.len() < more {
        links.reserve_exact(more.max(links.len() / 4));
    }
}

/// Each trail's dated recommendations (date, position in `ix.recs`), by
/// date then id; undated reviews have no earlier or later to compare with.
fn recurs_trails<'a>(
    ix: &Index<'a>,
    trail: &'a BTreeMap<String, String>,
) -> BTreeMap<&'a str, Vec<(NaiveDate, usize)>> {
    let mut by_council: BTreeMap<&str, Vec<(NaiveDate, usize)>> = BTreeMap::new();
    for (i, r) in ix.recs.iter().enumerate() {
        if let Some(d) = ix.date(r.review.as_str()) {
            let council = council_of(r.review.as_str());
            let key = trail.get(council).map_or(council, String::as_str);
            by_council.entry(key).or_default().push((d, i));
        }
    }
    for list in by_council.values_mut() {
        list.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| ix.recs[a.1].id.cmp(&ix.recs[b.1].id))
        });
    }
    by_council
}

/// One trail, date by date: each recommendation against the strictly
/// earlier ones only, so two of the same document never recur each other.
fn recurs_within(
    ix: &Index<'_>,
    vecs: &[Vector],
    list: &[(NaiveDate, usize)],
    links: &mut Vec<Link>,
) {
    let mut earlier = Postings::new(list.len());
    let mut group = 0;
    while group < list.len() {
        let date = list[group].0;
        let end = list[group..]
            .iter()
            .position(|&(d, _)| d != date)
            .map_or(list.len(), |k| group + k);
        for &(_, a) in &list[group..end] {
            let (candidates, unseen) = earlier.candidates(vector(vecs, a));
            // A candidate's cosine is what the index saw of it plus what
            // the skipped terms add, and they add at most `unseen`; one
            // that cannot reach the threshold is not scored exactly.
            // (The slack covers the index's single-precision sums.)
            let least = RECURS_MIN - unseen - RECURS_PRUNE_SLACK;
            for &(p, seen) in candidates {
                if f64::from(seen) < least {
                    continue;
                }
                let b = list[p as usize].1;
                links.extend(recurrence(ix, vecs, a, b));
            }
        }
        // The last date has nothing later to be found by: its
        // recommendations are not indexed (for a trail of one document,
        // nothing is).
        if end < list.len() {
            for (pos, &(_, a)) in list.iter().enumerate().take(end).skip(group) {
                earlier.add(pos, vector(vecs, a));
            }
        }
        group = end;
    }
}

/// The TF-IDF vector of the recommendation at `i`.
fn vector(vecs: &[Vector], i: usize) -> &[(u32, f32)] {
    vecs.get(i).map_or(&[], Vec::as_slice)
}

/// What a candidate's partial dot product, summed in single precision by
/// [`Postings`], may be short of the exact one by, and more: pruning with it
/// never drops a candidate whose exact cosine reaches [`RECURS_MIN`].
const RECURS_PRUNE_SLACK: f64 = 1e-4;

/// An inverted index of a trail's earlier recommendations: term →
/// (position in the trail's list, weight).
struct Postings {
    postings: BTreeMap<u32, Vec<(u32, f32)>>,
    // Reused across look-ups so a council of thousands allocates once.
    scratch: Vec<f32>,
    touched: Vec<u32>,
    found: Vec<(u32, f32)>,
}

impl Postings {
    fn new(len: usize) -> Postings {
        Postings {
            postings: BTreeMap::new(),
            scratch: vec![0f32; len],
            touched: Vec::new(),
            found: Vec::new(),
        }
    }

    fn add(&mut self, pos: usize, v: &[(u32, f32)]) {
        for &(t, w) in v {
            self.postings
                .entry(t)
                .or_default()
                .push((u32::try_from(pos).unwrap_or(u32::MAX), w));
        }
    }

    /// The positions sharing a term with `v` (terms held by more than
    /// [`RECURS_MAX_POSTINGS`] skipped), ascending, each with the part of
    /// its dot product with `v` the terms looked at make; and the most the
    /// skipped terms can add to any position's: the length of `v` over
    /// them (Cauchy–Schwarz, every vector being of length one).
    fn candidates(&mut self, v: &[(u32, f32)]) -> (&[(u32, f32)], f64) {
        self.touched.clear();
        let mut skipped = 0.0f64;
        for &(t, w) in v {
            let Some(earlier) = self.postings.get(&t) else {
                continue;
            };
            if earlier.len() > RECURS_MAX_POSTINGS {
                skipped += f64::from(w) * f64::from(w);
                continue;
            }
            for &(p, wp) in earlier {
                let slot = &mut self.scratch[p as usize];
                if *slot == 0.0 {
                    self.touched.push(p);
                }
                *slot += w * wp;
            }
        }
        self.touched.sort_unstable();
        self.found.clear();
        for &p in &self.touched {
            let slot = &mut self.scratch[p as usize];
            self.found.push((p, *slot));
            *slot = 0.0;
        }
        (&self.found, skipped.sqrt())
    }
}

/// A `recurs` link from recommendation `a` to the earlier `b`, when their
/// cosine reaches [`RECURS_MIN`].
fn recurrence(ix: &Index<'_>, vecs: &[Vector], a: usize, b: usize) -> Option<Link> {
    let s = cosine(vector(vecs, a), vector(vecs, b));
    if s < RECURS_MIN {
        return None;
    }
    let (ra, rb) = (&ix.recs[a], &ix.recs[b]);
    let detail = Detail::Cosine(Box::new(Cosine {
        score: s,
        later: ra.id.clone(),
        earlier: rb.id.clone(),
    }));
    Some(link(
        &ra.id,
        &rb.id,
        LinkKind::Recurs,
        s,
        LinkRule::TfidfCosine,
        Some(s),
        detail,
    ))
}

/// Classifies every recommendation into a core component, recorded in its
/// themes; returns the recommendations of each component, by position.
fn classify(recs: &mut [Recommendation], words: &[Words]) -> Vec<Vec<usize>> {
    let classifier = Classifier::new();
    let labels: Vec<Option<usize>> = recs
        .par_iter_mut()
        .zip(words)
        .map(|(r, w)| classifier.label(r, &w.text, &w.title))
        .collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); CORE_COMPONENTS.len()];
    for (i, c) in labels.into_iter().enumerate() {
        if let Some(b) = c.and_then(|c| buckets.get_mut(c)) {
            b.push(i);
        }
    }
    buckets
}

/// One core component's recommendations, with an inverted index of their
/// terms.
struct Theme<'a> {
    /// Positions in `Index::recs`; a recommendation's slot is its place here.
    recs: &'a [usize],
    /// Term → (slot, weight).
    postings: BTreeMap<u32, Vec<(u32, f32)>>,
    /// The council of each slot, as a number (equal for equal councils):
    /// every posting looked at is checked against the slot's council, and
    /// comparing the names cost a tenth of linking one large council.
    councils: Vec<u32>,
}

impl Theme<'_> {
    /// The recommendations of other councils most like the one at `slot`:
    /// the [`SIMILAR_THEME_CANDIDATES`] sharing the most weight with it,
    /// kept when their cosine reaches [`SIMILAR_THEME_MIN`], at most
    /// [`SIMILAR_THEME_PER_REC`], best first. `scratch` (one slot per
    /// recommendation, all zero) and `touched` (empty) are left as found.
    fn best(
        &self,
        ix: &Index<'_>,
        vecs: &[Vector],
        slot: usize,
        scratch: &mut [f32],
        touched: &mut Vec<u32>,
    ) -> Vec<(f64, usize)> {
        let (bucket, postings, councils) = (self.recs, &self.postings, &self.councils);
        let Some(&i) = bucket.get(slot) else {
            return Vec::new();
        };
        let v = vecs.get(i).map(Vec::as_slice).unwrap_or_default();
        for &(t, w) in v {
            let Some(list) = postings.get(&t) else {
                continue;
            };
            if list.len() > SIMILAR_THEME_MAX_POSTINGS {
                continue;
            }
            for &(o, wo) in list {
                let ou = o as usize;
                if ou == slot || councils[ou] == councils[slot] {
                    continue;
                }
                if scratch[ou] == 0.0 {
                    touched.push(o);
                }
                scratch[ou] += w * wo;
            }
        }
        let mut cands: Vec<(f32, u32)> =
            touched.iter().map(|&o| (scratch[o as usize], o)).collect();
        for &o in touched.iter() {
            scratch[o as usize] = 0.0;
        }
        touched.clear();
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        cands.truncate(SIMILAR_THEME_CANDIDATES);
        let mut scored: Vec<(f64, usize)> = cands
            .into_iter()
            .map(|(_, o)| bucket[o as usize])
            .map(|j| {
                (
                    cosine(v, vecs.get(j).map(Vec::as_slice).unwrap_or_default()),
                    j,
                )
            })
            .filter(|(s, _)| *s >= SIMILAR_THEME_MIN)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| ix.recs[a.1].id.cmp(&ix.recs[b.1].id))
        });
        scored.truncate(SIMILAR_THEME_PER_REC);
        scored
    }
}

/// Numbers equal texts alike: the first one seen 0, the next new one 1, and
/// so on.
fn council_numbers<'a>(councils: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut numbers: LookupMap<&str, u32> = LookupMap::default();
    councils
        .map(|c| {
            let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
            *numbers.entry(c).or_insert(next)
        })
        .collect()
}

/// Links recommendations of different councils in the same core component
/// (`buckets`, from [`classify`]) through an inverted index of their terms.
fn similar_theme(ix: &Index<'_>, buckets: &[Vec<usize>], vecs: &[Vector], links: &mut Vec<Link>) {
    let order_key = |i: usize| {
        let r = &ix.recs[i];
        (ix.date(r.review.as_str()), &r.id)
    };
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (c, bucket) in buckets.iter().enumerate() {
        let mut postings: BTreeMap<u32, Vec<(u32, f32)>> = BTreeMap::new();
        for (slot, &i) in bucket.iter().enumerate() {
            for &(t, w) in vecs.get(i).map(Vec::as_slice).unwrap_or_default() {
                postings.entry(t).or_default().push((slot as u32, w));
            }
        }
        let theme = Theme {
            recs: bucket,
            postings,
            councils: council_numbers(
                bucket
                    .iter()
                    .map(|&i| council_of(ix.recs[i].review.as_str())),
            ),
        };
        // Each recommendation's best matches are found on their own, in
        // parallel (each task with its own scratch); the links are then
        // made in the bucket's order, so `seen` decides as it always did.
        let best: Vec<Vec<(f64, usize)>> = (0..bucket.len())
            .into_par_iter()
            .map_init(
                || (vec![0f32; bucket.len()], Vec::new()),
                |(scratch, touched), slot| theme.best(ix, vecs, slot, scratch, touched),
            )
            .collect();
        room_for(links, best.iter().map(Vec::len).sum());
        for (slot, scored) in best.into_iter().enumerate() {
            let i = bucket[slot];
            for (s, j) in scored {
                let (later, earlier) = if order_key(i) >= order_key(j) {
                    (i, j)
                } else {
                    (j, i)
                };
                if !seen.insert((later, earlier)) {
                    continue;
                }
                let (rl, re) = (&ix.recs[later], &ix.recs[earlier]);
                let comp = CORE_COMPONENTS.get(c).map_or("", |k| k.key);
                let detail = format!("both classified {comp}; TF-IDF cosine {s:.3}");
                links.push(link(
                    &rl.id,
                    &re.id,
                    LinkKind::SimilarTheme,
                    SIMILAR_THEME_CONFIDENCE.at(s),
                    LinkRule::CoreComponentTfidfCosine,
                    Some(s),
                    detail,
                ));
            }
        }
    }
}

/// Marks the links a person should confirm ([`SUGGESTED_BELOW`]).
fn mark_suggested(links: &mut [Link]) {
    for l in links {
        l.suggested = matches!(
            l.kind,
            LinkKind::Restates
                | LinkKind::Responds
                | LinkKind::ReportsProgress
                | LinkKind::Recurs
                | LinkKind::SimilarTheme
                | LinkKind::Follows
        ) && l.confidence < SUGGESTED_BELOW;
    }
}

/// Orders scores, none first.
fn score_cmp(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Keeps one link per kind, `from` and `to`: the most confident (then the
/// first rule by [`LinkRule::rank`]); sorts the rest the `Dataset` way.
fn dedup(links: &mut Vec<Link>) {
    // Every field takes part in the order, so two links compare equal only
    // when they are the same link: an unstable sort then gives the one
    // order a stable sort would, needs no buffer the size of the links (the
    // largest allocation of linking) and runs in parallel.
    links.par_sort_unstable_by(|a, b| {
        (a.kind, &a.from, &a.to)
            .cmp(&(b.kind, &b.from, &b.to))
            .then_with(|| b.confidence.total_cmp(&a.confidence))
            .then_with(|| a.evidence.rule.cmp(&b.evidence.rule))
            .then_with(|| a.evidence.detail.cmp(&b.evidence.detail))
            .then_with(|| score_cmp(a.evidence.score, b.evidence.score))
            .then_with(|| (a.suggested, a.source).cmp(&(b.suggested, b.source)))
    });
    links.dedup_by(|b, a| a.kind == b.kind && a.from == b.from && a.to == b.to);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vector of length one over `terms` (term, raw weight).
    fn unit(terms: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let norm = terms.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
        terms.iter().map(|&(t, w)| (t, w / norm)).collect()
    }

    #[test]
    fn a_pruned_candidate_could_never_have_reached_the_threshold() {
        // Term 1 is in more earlier recommendations than the index looks
        // at; term 2 in one. The later recommendation leans on term 1, so
        // what the index sees of it is small, and `unseen` must make up
        // the difference for every candidate.
        let common = 1u32;
        let mut earlier: Vec<Vec<(u32, f32)>> = (0..=RECURS_MAX_POSTINGS as u32)
            .map(|k| unit(&[(common, 3.0), (100 + k, 1.0)]))
            .collect();
        earlier.push(unit(&[(common, 2.0), (2, 2.0)]));
        let later = unit(&[(common, 3.0), (2, 1.0)]);
        let mut index = Postings::new(earlier.len());
        for (pos, v) in earlier.iter().enumerate() {
            index.add(pos, v);
        }
        let (found, unseen) = index.candidates(&later);
        let found = found.to_vec();
        assert_eq!(found.len(), 1, "only the rarer term finds candidates");
        for (p, seen) in found {
            let exact = cosine(&later, &earlier[p as usize]);
            assert!(
                exact <= f64::from(seen) + unseen + RECURS_PRUNE_SLACK,
                "{exact} above {seen} + {unseen}"
            );
            // The candidate does reach the threshold, though most of its
            // cosine comes through the skipped term: it is kept.
            assert!(exact >= RECURS_MIN);
            assert!(f64::from(seen) >= RECURS_MIN - unseen - RECURS_PRUNE_SLACK);
        }
    }

    #[test]
    fn equal_councils_get_equal_numbers_in_order_of_first_sight() {
        let names = [
            "kestrel-vale",
            "ambridge",
            "kestrel-vale",
            "brook",
            "ambridge",
        ];
        assert_eq!(council_numbers(names.into_iter()), vec![0, 1, 0, 2, 1]);
    }
}
