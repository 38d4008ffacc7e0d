//! Reviews known only by reference: one placeholder per council, kind and
//! month, merged into the real review once its document is in the corpus,
//! with the recommendations later documents restated from it.
//!
//! The steps, in order:
//!
//! 1. [`prepare`] puts extractions into a canonical order and gives a second
//!    document with an already used review id a `-2` suffix.
//! 2. [`split`] keeps of each what resolving reads document by document
//!    ([`Doc`]), and gathers the statuses and actions ([`Items`]) and the
//!    councils.
//! 3. [`resolve`] groups every placeholder by council, kind and month (year
//!    for a year-precision mention, id for an undated one), finds the real
//!    review it stands for, and maps each restated recommendation to its
//!    final id: a real recommendation matched by text (and number), or one
//!    recommendation per distinct restated text of the placeholder.
//!
//! Nothing is duplicated: every progress entry and action is rewritten to the
//! final ids, and each restatement becomes a `restates` link from the
//! restating document.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use peertrail_core::{
    Action, Council, CouncilId, Detail, Evidence, Extraction, Link, LinkKind, LinkRule, NodeId,
    Precision, Progress, Recommendation, RecommendationId, Review, ReviewId, ReviewKind,
    ReviewProgress, Warning,
};

use rayon::prelude::*;

use crate::text::{for_each_token, normalise, round3, sorted_overlap, sorted_union};
use crate::thresholds::{
    CLEAR_MARGIN, MAX_ROUNDS, NUMBER_AND_TEXT_CONFIDENCE, NUMBER_AND_TEXT_MATCH, POOL_MAX_POSTINGS,
    SAME_POSITION_BONUS, TEXT_MATCH, TEXT_MATCH_CONFIDENCE, TOPIC_MATCH, TOPIC_MAX_WORDS,
    TOPIC_TITLE_BONUS, UNMATCHED_RESTATEMENT_CONFIDENCE, WEAK_MATCH, WEAK_MATCH_CONFIDENCE,
};
use crate::{lookup_set, LookupMap, LookupSet};

/// The first day of a review, where known.
pub(crate) fn start(review: &Review) -> Option<NaiveDate> {
    review.held.map(|h| h.start)
}

/// Sorts extractions into a canonical order and makes review ids unique.
pub(crate) fn prepare(mut docs: Vec<Extraction>, warnings: &mut Vec<Warning>) -> Vec<Extraction> {
    // Unstable: no buffer to allocate, and two documents the last
    // comparison finds equal print alike, so their order cannot show.
    docs.sort_unstable_by(|a, b| {
        (
            &a.review.id,
            &a.review.source,
            &a.review.title,
            a.review.held,
        )
            .cmp(&(
                &b.review.id,
                &b.review.source,
                &b.review.title,
                b.review.held,
            ))
            .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
    });
    let taken: BTreeSet<ReviewId> = docs.iter().map(|d| d.review.id.clone()).collect();
    let mut used: BTreeSet<ReviewId> = BTreeSet::new();
    // The suffix to try first for each id given twice. `used` only grows,
    // so a suffix refused once is refused for good: starting past the last
    // one given keeps a corpus holding one document a thousand times from
    // trying every suffix again for each copy (quadratic; most of linking
    // at copies-1250).
    let mut next_suffix: BTreeMap<ReviewId, u32> = BTreeMap::new();
    for doc in &mut docs {
        let id = doc.review.id.clone();
        if used.insert(id.clone()) {
            continue;
        }
        let mut n = next_suffix.get(&id).copied().unwrap_or(2);
        let fresh = loop {
            let candidate = id.with_suffix(n);
            if !taken.contains(&candidate) && !used.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        next_suffix.insert(id.clone(), n.saturating_add(1));
        warnings.push(Warning {
            line: None,
            message: format!(
                "{} is the id of another document too; this one ({}) is {fresh}",
                id,
                doc.review.source.as_deref().unwrap_or("no source")
            ),
        });
        used.insert(fresh.clone());
        rename_review(doc, &fresh);
    }
    docs
}

fn with_prefix(id: &str, old: &ReviewId, new: &ReviewId) -> Option<String> {
    let rest = id.strip_prefix(old.as_str())?;
    rest.starts_with('#').then(|| format!("{new}{rest}"))
}

fn rename_review(doc: &mut Extraction, new: &ReviewId) {
    let old = doc.review.id.clone();
    doc.review.id = new.clone();
    for r in &mut doc.recommendations {
        if r.review == old {
            r.review = new.clone();
            if let Some(id) = with_prefix(r.id.as_str(), &old, new) {
                r.id = RecommendationId::from_raw(id);
            }
        }
    }
    for a in &mut doc.actions {
        if a.review == old {
            a.review = new.clone();
        }
        if let Some(id) = with_prefix(a.id.as_str(), &old, new) {
            a.id = peertrail_core::ActionId::from_raw(id);
        }
        if let Some(c) = &a.covered_by {
            if let Some(id) = with_prefix(c.as_str(), &old, new) {
                a.covered_by = Some(peertrail_core::ActionId::from_raw(id));
            }
        }
        if let Some(c) = &a.recommendation {
            if let Some(id) = with_prefix(c.as_str(), &old, new) {
                a.recommendation = Some(RecommendationId::from_raw(id));
            }
        }
    }
    for p in &mut doc.progress {
        if p.review == old {
            p.review = new.clone();
        }
        if let Some(id) = with_prefix(p.recommendation.as_str(), &old, new) {
            p.recommendation = RecommendationId::from_raw(id);
        }
    }
}

/// What placeholder resolution hands on to linking.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Real reviews and the placeholders still standing, ids final.
    pub reviews: Vec<Review>,
    pub recommendations: Vec<Recommendation>,
    pub actions: Vec<Action>,
    pub progress: Vec<Progress>,
    /// Statuses of whole reviews, their `about` rewritten to final ids.
    pub review_progress: Vec<peertrail_core::ReviewProgress>,
    /// `restates` links, one list per restated review, in the reviews'
    /// order: linking gathers them into its own list, which it makes
    /// anyway, so they are never copied into one here as well (that copy
    /// was resolving's peak).
    pub links: Vec<Vec<Link>>,
    /// Actions whose recommendation the document itself named.
    pub explicit_actions: LookupSet<peertrail_core::ActionId>,
}

/// The period a placeholder is grouped by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Period {
    Month(i32, u32),
    Year(i32),
    Undated(ReviewId),
}

fn period(review: &Review) -> Period {
    match review.held {
        Some(h) if h.precision == Precision::Year => Period::Year(h.start.year()),
        Some(h) => Period::Month(h.start.year(), h.start.month()),
        None => Period::Undated(review.id.clone()),
    }
}

fn precision_rank(review: &Review) -> u8 {
    match review.held.map(|h| h.precision) {
        Some(Precision::Day) => 0,
        Some(Precision::Month) => 1,
        Some(Precision::Year) => 2,
        _ => 3,
    }
}

type GroupKey = (peertrail_core::CouncilId, ReviewKind, Period);

/// A recommendation a restatement may be matched to.
#[derive(Debug)]
struct Candidate {
    id: RecommendationId,
    number: u32,
    text: String,
    /// The content words of the text and of the title, each a [`WordSet`].
    words: WordSet,
    title: WordSet,
    /// Where the recommendation is kept.
    slot: Slot,
}

/// Where a candidate's recommendation is kept.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// `Resolved::recommendations[_]`: a document's own recommendation.
    Own(usize),
    /// `Matched::fresh[_]` of the review being matched: one made from a
    /// restatement nothing matched.
    Fresh(usize),
    /// A restatement, kept nowhere.
    Restatement,
}

impl Candidate {
    fn new(rec: &Recommendation, slot: Slot) -> Candidate {
        // The council's own initials ("KVDC's vision") say no more than
        // "the council's vision", which is a stopword.
        let own = Initials::of(rec.review.council().as_str());
        let text = normalise(&rec.text);
        Candidate {
            id: rec.id.clone(),
            number: rec.number,
            words: word_set(&text, &own),
            title: rec
                .title
                .as_deref()
                .map(|t| word_set(&normalise(t), &own))
                .unwrap_or_default(),
            text,
            slot,
        }
    }
}

/// A set of content words as their [`fingerprint`]s, sorted, each once:
/// matching asks only which words two recommendations share, so a
/// candidate need not hold a string per word (a shared fingerprint of two
/// different words, about one chance in 10^19, would count them as one).
type WordSet = Vec<u64>;

/// The [`WordSet`] of a normalised text, without the council's own initials.
fn word_set(normal: &str, own: &Initials) -> WordSet {
    let mut set = Vec::new();
    for_each_token(normal, |w| {
        if !own.covers(w) {
            set.push(fingerprint(w));
        }
    });
    set.sort_unstable();
    set.dedup();
    set.shrink_to_fit();
    set
}

/// Which candidates of a pool a restatement can match: those with the same
/// normalised text, and those sharing a content word (every rule needs an
/// overlap of at least [`NUMBER_AND_TEXT_MATCH`], so a candidate sharing no
/// word can never match). A word shared by more than [`POOL_MAX_POSTINGS`]
/// candidates finds none: it is too common to tell them apart, and skipping
/// it keeps a hostile pool of a million restatements from being compared
/// pair by pair.
///
/// Keyed by a 64-bit fingerprint of the text or word rather than a copy of
/// it: a pool indexes every word of every candidate, and the copies were a
/// million allocations at 11,250 reports. Two texts sharing a fingerprint
/// (about one chance in 10^19 per pair) would only make each the other's
/// candidate, and [`match_score`] compares the texts themselves.
#[derive(Debug, Default)]
struct PoolIndex {
    by_text: LookupMap<u64, Vec<usize>>,
    by_word: LookupMap<u64, Vec<usize>>,
}

/// The fingerprint a [`PoolIndex`] keys on: the same for the same text in
/// every run (a fixed seed). Only which texts share one matters, never
/// its value (sets of them are compared, postings sorted by slot), so the
/// hash is foldhash's quality one, several times cheaper per word than
/// SipHash with as good a spread.
fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0).hash_one(text)
}

impl PoolIndex {
    fn add(&mut self, slot: usize, c: &Candidate) {
        self.by_text
            .entry(fingerprint(&c.text))
            .or_default()
            .push(slot);
        for w in sorted_union(&c.words, &c.title) {
            self.by_word.entry(w).or_default().push(slot);
        }
    }

    /// Candidate slots for `r`, ascending, each once.
    fn candidates(&self, r: &Candidate) -> Vec<usize> {
        // Among identical texts the first is the one kept, so a few suffice.
        let mut out: Vec<usize> = match self.by_text.get(&fingerprint(&r.text)) {
            Some(list) if !r.text.is_empty() => {
                list.iter().take(POOL_MAX_POSTINGS).copied().collect()
            }
            _ => Vec::new(),
        };
        for w in sorted_union(&r.words, &r.title) {
            if let Some(list) = self
                .by_word
                .get(&w)
                .filter(|l| l.len() <= POOL_MAX_POSTINGS)
            {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The rule, score and confidence of matching restatement `r` to `c`.
fn match_score(
    r: &Candidate,
    labelled: bool,
    weak: bool,
    c: &Candidate,
) -> Option<(LinkRule, f64, f64)> {
    if !r.text.is_empty() && r.text == c.text {
        return Some((LinkRule::ExactText, 1.0, 1.0));
    }
    let mut s = sorted_overlap(&r.words, &c.words);
    s = s.max(sorted_overlap(&r.words, &c.title));
    if !r.title.is_empty() && !c.title.is_empty() {
        s = s.max(sorted_overlap(&r.title, &c.title));
    }
    if !r.title.is_empty() {
        s = s.max(sorted_overlap(&r.title, &c.words));
    }
    let s = round3(s);
    if s >= TEXT_MATCH {
        Some((LinkRule::TextMatch, s, round3(TEXT_MATCH_CONFIDENCE.at(s))))
    } else if labelled && r.number == c.number && s >= NUMBER_AND_TEXT_MATCH {
        Some((
            LinkRule::NumberAndText,
            s,
            round3(NUMBER_AND_TEXT_CONFIDENCE.at(s)),
        ))
    } else if let Some(t) = topic_score(r, c) {
        Some((LinkRule::TopicMatch, t, round3(t)))
    } else if weak && s >= WEAK_MATCH {
        // Against the recommendations of a review whose report is in the
        // corpus, a restatement in other words may still be one of them:
        // offered at a confidence a person must confirm.
        Some((
            LinkRule::WeakTextMatch,
            s,
            round3(WEAK_MATCH_CONFIDENCE.at(s)),
        ))
    } else {
        None
    }
}

/// A topic-only restatement ("Vision", "Performance management") against a
/// recommendation that names the same words: all of them score
/// [`TOPIC_MATCH`] (a little more in its title), half of them half as much.
fn topic_score(r: &Candidate, c: &Candidate) -> Option<f64> {
    let topic: &WordSet = if r.title.is_empty() {
        &r.words
    } else {
        &r.title
    };
    if topic.is_empty() || topic.len() > TOPIC_MAX_WORDS {
        return None;
    }
    let has = |set: &WordSet, w: &u64| set.binary_search(w).is_ok();
    let in_title = topic.iter().filter(|w| has(&c.title, w)).count();
    let found = topic
        .iter()
        .filter(|w| has(&c.words, w) || has(&c.title, w))
        .count();
    let share = found as f64 / topic.len() as f64;
    if share >= 1.0 {
        let bonus = if in_title == topic.len() {
            TOPIC_TITLE_BONUS
        } else {
            0.0
        };
        Some(round3(TOPIC_MATCH + bonus))
    } else if share >= 0.5 {
        Some(round3(TOPIC_MATCH * share))
    } else {
        None
    }
}

/// A council's own initials: "kestrel-vale" gives `kv`, and the words
/// `kv`, `kvc`, `kvdc`, `kvbc`, `kvcc`, `kvmbc`, `kvulc` are its forms, each
/// also with the possessive `s` that normalising leaves ("KVDC's" →
/// `kvdcs`).
struct Initials(String);

/// What may follow the initials in one of their forms.
const INITIALS_SUFFIXES: [&str; 7] = ["", "c", "dc", "bc", "cc", "mbc", "ulc"];

impl Initials {
    fn of(council: &str) -> Initials {
        Initials(
            council
                .split('-')
                .filter(|p| !p.is_empty() && !matches!(*p, "and" | "of" | "upon" | "on" | "the"))
                .filter_map(|p| p.chars().next())
                .collect(),
        )
    }

    /// Whether `word` is one of the forms. Checked word by word rather than
    /// against a set of the forms: every candidate would build that set,
    /// and there are tens of thousands of candidates.
    fn covers(&self, word: &str) -> bool {
        // One letter is no one's initials.
        if self.0.len() < 2 {
            return false;
        }
        let Some(rest) = word.strip_prefix(self.0.as_str()) else {
            return false;
        };
        let bare = rest.strip_suffix('s').unwrap_or(rest);
        // No suffix ends in `s`, so the possessive is the only `s` to drop.
        INITIALS_SUFFIXES.contains(&bare)
    }
}

/// The councils a council replaced, and the ones they replaced, nearest
/// first; bounded, so a cycle in the data cannot loop.
fn trail_before(
    council: &CouncilId,
    predecessors: &BTreeMap<CouncilId, Vec<CouncilId>>,
) -> Vec<CouncilId> {
    let mut out: Vec<CouncilId> = Vec::new();
    let mut frontier = vec![council.clone()];
    for _ in 0..4 {
        let next: Vec<CouncilId> = frontier
            .iter()
            .filter_map(|c| predecessors.get(c))
            .flatten()
            .filter(|p| *p != council && !out.contains(p))
            .cloned()
            .collect();
        if next.is_empty() {
            break;
        }
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out
}

/// Every review mentioned and not in the corpus under that id, with the
/// documents (positions in `docs`) that mention it.
type Mentioned = BTreeMap<ReviewId, (Review, Vec<usize>)>;

/// A document's restated recommendation id → its final id: for each
/// document (by position), its (restated id, final id) pairs in the order
/// found, sized exactly, searched the few of one document at a time.
///
/// It holds the ids themselves (a shared text each), not borrows of the
/// restated recommendations, so that those can go once they are matched.
/// Lists by document rather than a hash map or one sorted list: the map
/// was 4 MB of the moment resolving's memory peaks at 10,000 generated
/// reports, and sorting one list took a buffer of half its size there.
struct RecMap(Vec<Vec<(RecommendationId, RecommendationId)>>);

/// One entry of [`RecMap`]: ((document, restated id), final id).
type RecMapEntry = ((usize, RecommendationId), RecommendationId);

impl RecMap {
    /// Room, for each of `docs` documents, for exactly the entries of
    /// `entries` that are its own.
    fn sized_for<'e>(docs: usize, entries: impl Iterator<Item = &'e RecMapEntry>) -> RecMap {
        let mut counts = vec![0usize; docs];
        for ((doc, _), _) in entries {
            if let Some(c) = counts.get_mut(*doc) {
                *c += 1;
            }
        }
        RecMap(counts.into_iter().map(Vec::with_capacity).collect())
    }

    /// Adds `entries`, after the ones added before.
    fn extend(&mut self, entries: Vec<RecMapEntry>) {
        for ((doc, restated), found) in entries {
            if let Some(pairs) = self.0.get_mut(doc) {
                pairs.push((restated, found));
            }
        }
    }

    /// The final id of restated recommendation `id` of document `doc`; of
    /// two entries for it, the later wins.
    fn get(&self, doc: usize, id: &str) -> Option<&RecommendationId> {
        self.0
            .get(doc)?
            .iter()
            .rev()
            .find(|(restated, _)| restated.as_str() == id)
            .map(|(_, found)| found)
    }
}

/// Restated recommendations by the (final) review they restate, with the
/// position of the restating document.
type Restated = BTreeMap<ReviewId, Restatements>;

/// One review's restated recommendations, with the position of the
/// restating document: owned, so that each review's go as soon as it is
/// matched.
type Restatements = Vec<(usize, Recommendation)>;

/// Every review id → the id it resolves to (itself for a real review or a
/// standing placeholder).
struct ReviewMap(LookupMap<ReviewId, ReviewId>);

impl ReviewMap {
    fn get(&self, id: &ReviewId) -> ReviewId {
        self.0.get(id).cloned().unwrap_or_else(|| id.clone())
    }
}

/// Resolves placeholders and restated recommendations; see the module docs.
///
/// Takes the documents by value: what is kept (reviews, a document's own
/// recommendations, statuses, actions) is moved into the result rather
/// than copied, so a corpus is not held twice while it is resolved (at
/// 10,000 generated reports the copies were the peak of the whole run).
pub(crate) fn resolve(
    mut docs: Vec<Doc>,
    items: Items,
    predecessors: &BTreeMap<CouncilId, Vec<CouncilId>>,
    warnings: &mut Vec<Warning>,
) -> Resolved {
    let real: LookupMap<ReviewId, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.review.id.clone(), i))
        .collect();
    let mentioned = mentioned_reviews(&docs, &real);
    let (review_map, standing) = place_placeholders(&docs, &real, &mentioned, predecessors);
    drop(mentioned);
    let mut out = Resolved::default();
    let items = items.into_result(&review_map, &mut out);
    let restated = take_recommendations(&mut docs, &review_map, &mut out.recommendations, warnings);
    // Each review's restatements go once it is matched: what one said is
    // in its link by then, and what it matched in `rec_map`.
    let rec_map = match_restatements(&docs, &real, restated, &mut out);
    rewrite_items(&docs, items, &rec_map, &review_map, &mut out, warnings);
    drop(rec_map);
    out.reviews = rewritten_reviews(docs, &review_map, standing);
    out
}

/// What resolving reads of a document: its review, the placeholders it
/// lists and its recommendations. The rest of its extraction is gone by
/// then ([`split`]): its councils merged, its statuses and actions gathered
/// into [`Items`]. Resolving's memory peaks while every document is held:
/// an extraction is 632 bytes, this 376.
pub(crate) struct Doc {
    pub review: Review,
    pub placeholders: Vec<Review>,
    pub recommendations: Vec<Recommendation>,
}

/// Every document's statuses and actions, in one list each, with the
/// position in `docs` of the document each came from. Gathered before
/// resolving starts: gathered later, the lists and the documents' own
/// would be held twice at resolving's peak.
pub(crate) struct Items {
    progress: Vec<Progress>,
    actions: Vec<Action>,
    review_progress: Vec<ReviewProgress>,
    docs: ItemDocs,
}

/// Which document each status and action of [`Items`] came from, item by
/// item.
struct ItemDocs {
    progress: Vec<u32>,
    actions: Vec<u32>,
}

/// Splits prepared extractions into the documents resolving reads, their
/// statuses and actions gathered, and their councils (for merging).
pub(crate) fn split(extractions: Vec<Extraction>) -> (Vec<Doc>, Items, Vec<Council>) {
    let count = |f: fn(&Extraction) -> usize| extractions.iter().map(f).sum::<usize>();
    let (progress, actions) = (count(|e| e.progress.len()), count(|e| e.actions.len()));
    let mut items = Items {
        progress: Vec::with_capacity(progress),
        actions: Vec::with_capacity(actions),
        review_progress: Vec::with_capacity(count(|e| e.review_progress.len())),
        docs: ItemDocs {
            progress: Vec::with_capacity(progress),
            actions: Vec::with_capacity(actions),
        },
    };
    let mut councils = Vec::with_capacity(count(|e| 1 + e.joint_councils.len()));
    let mut docs = Vec::with_capacity(extractions.len());
    let mut texts = SharedTexts::default();
    for (i, mut e) in extractions.into_iter().enumerate() {
        for m in e
            .review
            .peers
            .iter_mut()
            .chain(e.placeholders.iter_mut().flat_map(|p| p.peers.iter_mut()))
        {
            texts.share(m);
        }
        // A corpus of more than four billion documents is not read.
        let doc = u32::try_from(i).unwrap_or(u32::MAX);
        let from_doc = |n: usize| std::iter::repeat_n(doc, n);
        items.docs.progress.extend(from_doc(e.progress.len()));
        items.progress.extend(e.progress);
        items.docs.actions.extend(from_doc(e.actions.len()));
        items.actions.extend(e.actions);
        items.review_progress.extend(e.review_progress);
        councils.push(e.council);
        councils.extend(e.joint_councils);
        docs.push(Doc {
            review: e.review,
            placeholders: e.placeholders,
            recommendations: e.recommendations,
        });
    }
    (docs, items, councils)
}

/// One copy of each text that peers' entries repeat (names, roles,
/// organisations), shared by every entry that writes it: a peer serves on
/// many reviews, and each review's entry was read into its own copies
/// (10,000 generated reports: 28,000 entries, 400 names).
#[derive(Default)]
struct SharedTexts(LookupSet<Arc<str>>);

impl SharedTexts {
    fn share(&mut self, m: &mut peertrail_core::Membership) {
        self.one(&mut m.name);
        for text in [&mut m.role, &mut m.organisation].into_iter().flatten() {
            self.one(text);
        }
    }

    fn one(&mut self, text: &mut Arc<str>) {
        match self.0.get(&**text) {
            Some(kept) => *text = Arc::clone(kept),
            None => {
                self.0.insert(Arc::clone(text));
            }
        }
    }
}

impl Items {
    /// Moves the statuses and actions into `out` (whole-review statuses
    /// rewritten to final ids at once: they name no recommendation).
    fn into_result(self, map: &ReviewMap, out: &mut Resolved) -> ItemDocs {
        out.progress = self.progress;
        out.actions = self.actions;
        out.review_progress = self.review_progress;
        for p in &mut out.review_progress {
            p.about = p.about.as_ref().map(|id| map.get(id));
        }
        self.docs
    }
}

/// The reviews documents list as placeholders, or name (by restating their
/// recommendations, following or referring to them) without listing them.
fn mentioned_reviews(docs: &[Doc], real: &LookupMap<ReviewId, usize>) -> Mentioned {
    let mut mentioned: Mentioned = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let mut note = |review: Review| {
            if !real.contains_key(&review.id) {
                let entry = mentioned
                    .entry(review.id.clone())
                    .or_insert_with(|| (review, Vec::new()));
                if !entry.1.contains(&i) {
                    entry.1.push(i);
                }
            }
        };
        for p in &d.placeholders {
            note(p.clone());
        }
        let listed: BTreeSet<&ReviewId> = d.placeholders.iter().map(|p| &p.id).collect();
        let foreign: BTreeSet<ReviewId> = d
            .recommendations
            .iter()
            .map(|r| r.review.clone())
            .chain(d.review.follows.clone())
            .chain(d.review.references.iter().map(|r| r.review.clone()))
            .filter(|id| *id != d.review.id && !listed.contains(id))
            .collect();
        for id in foreign {
            let mention = d.review.references.iter().find(|r| r.review == id);
            note(Review::placeholder(
                id.clone(),
                id.council(),
                mention.map_or(ReviewKind::OtherPeerReview, |m| m.kind),
                mention.and_then(|m| m.held),
            ));
        }
    }
    mentioned
}

/// Maps every placeholder to the review it stands for: a real review, the
/// month placeholder a year mention joins, or its group's canonical
/// placeholder, which then stands (returned with the map).
fn place_placeholders(
    docs: &[Doc],
    real: &LookupMap<ReviewId, usize>,
    mentioned: &Mentioned,
    predecessors: &BTreeMap<CouncilId, Vec<CouncilId>>,
) -> (ReviewMap, Vec<Review>) {
    let mut groups: BTreeMap<GroupKey, Vec<ReviewId>> = BTreeMap::new();
    for (id, (review, _)) in mentioned {
        groups
            .entry((review.council.clone(), review.kind, period(review)))
            .or_default()
            .push(id.clone());
    }
    let finder = Finder {
        docs,
        mentioned,
        by_kind: dated_by_kind(docs),
        predecessors,
        groups: &groups,
    };
    // Looked up for every id of every document; never iterated where its
    // order could show.
    let mut review_map: LookupMap<ReviewId, ReviewId> =
        real.keys().map(|id| (id.clone(), id.clone())).collect();
    let mut standing: Vec<Review> = Vec::new();
    for (key, ids) in &groups {
        let canonical = ids
            .iter()
            .filter_map(|id| mentioned.get(id).map(|(r, _)| r))
            .min_by(|a, b| (precision_rank(a), &a.id).cmp(&(precision_rank(b), &b.id)));
        let Some(canonical) = canonical.cloned() else {
            continue;
        };
        match finder.target(key, ids, &canonical) {
            Some(target) => {
                // `target` may itself be a placeholder id of a month group; it
                // is resolved when that group's turn comes (or came).
                for id in ids {
                    review_map.insert(id.clone(), target.clone());
                }
            }
            None => {
                for id in ids {
                    review_map.insert(id.clone(), canonical.id.clone());
                }
                standing.push(canonical);
            }
        }
    }
    chase_chains(&mut review_map);
    standing.retain(|r| review_map.get(&r.id) == Some(&r.id));
    (ReviewMap(review_map), standing)
}

/// The documents' dated reviews by council and kind, in date order.
fn dated_by_kind(docs: &[Doc]) -> BTreeMap<(CouncilId, ReviewKind), Vec<(NaiveDate, ReviewId)>> {
    let mut by_kind: BTreeMap<(CouncilId, ReviewKind), Vec<(NaiveDate, ReviewId)>> =
        BTreeMap::new();
    for d in docs {
        if let Some(s) = start(&d.review) {
            by_kind
                .entry((d.review.council.clone(), d.review.kind))
                .or_default()
                .push((s, d.review.id.clone()));
        }
    }
    for list in by_kind.values_mut() {
        list.sort();
    }
    by_kind
}

/// What finding the review a placeholder group stands for needs.
struct Finder<'a> {
    docs: &'a [Doc],
    mentioned: &'a Mentioned,
    by_kind: BTreeMap<(CouncilId, ReviewKind), Vec<(NaiveDate, ReviewId)>>,
    predecessors: &'a BTreeMap<CouncilId, Vec<CouncilId>>,
    groups: &'a BTreeMap<GroupKey, Vec<ReviewId>>,
}

impl Finder<'_> {
    /// The review the group `key` (its placeholders `ids`, the most precise
    /// `canonical`) stands for, if any.
    fn target(&self, key: &GroupKey, ids: &[ReviewId], canonical: &Review) -> Option<ReviewId> {
        let (council, kind, per) = key;
        self.in_council(council, *kind, per, ids, canonical)
            .or_else(|| {
                // A council and the councils it replaced are one trail: a
                // review a successor's document mentions may be a
                // predecessor's, when exactly one predecessor held it.
                let mut found: Vec<ReviewId> = trail_before(council, self.predecessors)
                    .iter()
                    .filter_map(|c| self.in_council(c, *kind, per, ids, canonical))
                    .collect();
                found.dedup();
                match found.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                }
            })
            .or_else(|| self.month_of_year(key))
    }

    /// The real review of `council` and `kind` in the group's period: the
    /// closest to the placeholder's day in its month, the first of its
    /// year, or for an undated mention the latest held by the first
    /// mentioning document.
    fn in_council(
        &self,
        council: &CouncilId,
        kind: ReviewKind,
        per: &Period,
        ids: &[ReviewId],
        canonical: &Review,
    ) -> Option<ReviewId> {
        let candidates = self
            .by_kind
            .get(&(council.clone(), kind))
            .map(Vec::as_slice)
            .unwrap_or_default();
        match per {
            Period::Month(y, m) => {
                let target = start(canonical);
                candidates
                    .iter()
                    .filter(|(s, _)| s.year() == *y && s.month() == *m)
                    .min_by_key(|(s, id)| {
                        (target.map_or(0, |t| (*s - t).num_days().abs()), id.clone())
                    })
                    .map(|(_, id)| id.clone())
            }
            Period::Year(y) => candidates
                .iter()
                .find(|(s, _)| s.year() == *y)
                .map(|(_, id)| id.clone()),
            Period::Undated(_) => match self.mention_date(ids) {
                Some(date) => candidates
                    .iter()
                    .rev()
                    .find(|(s, _)| *s <= date)
                    .map(|(_, id)| id.clone()),
                None if candidates.len() == 1 => candidates.first().map(|(_, id)| id.clone()),
                None => None,
            },
        }
    }

    /// The first day of the earliest document mentioning any of `ids`.
    fn mention_date(&self, ids: &[ReviewId]) -> Option<NaiveDate> {
        ids.iter()
            .filter_map(|id| self.mentioned.get(id))
            .flat_map(|(_, docs)| docs.iter())
            .filter_map(|&i| self.docs.get(i).and_then(|d| start(&d.review)))
            .min()
    }

    /// A year-precision mention joins the only month placeholder of that year.
    fn month_of_year(&self, (council, kind, per): &GroupKey) -> Option<ReviewId> {
        let Period::Year(y) = per else { return None };
        // The year's month groups of the council and kind are one run of
        // the sorted keys: a range, not a scan of every group (which made
        // placing placeholders quadratic in the corpus).
        let first = (council.clone(), *kind, Period::Month(*y, u32::MIN));
        let last = (council.clone(), *kind, Period::Month(*y, u32::MAX));
        let months: Vec<&GroupKey> = self.groups.range(first..=last).map(|(k, _)| k).collect();
        let [month] = months.as_slice() else {
            return None;
        };
        self.groups.get(*month).and_then(|m| m.first().cloned())
    }
}

/// Follows chains (year placeholder → month placeholder → real review) to
/// their end; bounded, so a cycle in the data cannot loop.
fn chase_chains(review_map: &mut LookupMap<ReviewId, ReviewId>) {
    let snapshot = review_map.clone();
    for target in review_map.values_mut() {
        let mut hops = 0;
        while let Some(next) = snapshot.get(target) {
            if next == target || hops > 4 {
                break;
            }
            *target = next.clone();
            hops += 1;
        }
    }
}

/// The documents' reviews with what they follow and mention rewritten to
/// final ids, then the standing placeholders.
fn rewritten_reviews(docs: Vec<Doc>, map: &ReviewMap, standing: Vec<Review>) -> Vec<Review> {
    let mut reviews = Vec::with_capacity(docs.len() + standing.len());
    for d in docs {
        let mut review = d.review;
        review.follows = review.follows.as_ref().map(|id| map.get(id));
        for r in &mut review.references {
            r.review = map.get(&r.review);
        }
        reviews.push(review);
    }
    reviews.extend(standing);
    reviews
}

/// Moves every document's recommendations out of it: its own into
/// `recommendations` (a second one with an id already taken is dropped
/// with a warning), the ones it restates from other reviews into the list
/// of the (final) review they restate. Each document's list goes whole,
/// once its recommendations are moved.
fn take_recommendations(
    docs: &mut [Doc],
    map: &ReviewMap,
    recommendations: &mut Vec<Recommendation>,
    warnings: &mut Vec<Warning>,
) -> Restated {
    // Every list is made at its size (grown by doubling, the lists would
    // hold up to twice what they need at the moment linking's memory
    // peaks); a restated review's when its first restatement comes, so the
    // lists fill as the documents' empty.
    let mut own = 0;
    let mut counts: LookupMap<ReviewId, usize> = LookupMap::default();
    for d in docs.iter() {
        for r in &d.recommendations {
            if r.review == d.review.id {
                own += 1;
            } else {
                *counts.entry(map.get(&r.review)).or_default() += 1;
            }
        }
    }
    recommendations.reserve_exact(own);
    // Only asked whether an id is taken: hashed.
    let mut own_ids: LookupSet<RecommendationId> = lookup_set(own);
    let mut restated: Restated = BTreeMap::new();
    for (i, d) in docs.iter_mut().enumerate() {
        for r in std::mem::take(&mut d.recommendations) {
            if r.review != d.review.id {
                restated
                    .entry(map.get(&r.review))
                    .or_insert_with_key(|target| {
                        Vec::with_capacity(counts.get(target).copied().unwrap_or(1))
                    })
                    .push((i, r));
            } else if own_ids.insert(r.id.clone()) {
                recommendations.push(r);
            } else {
                warnings.push(Warning {
                    line: Some(r.span.line),
                    message: format!("{}: a second recommendation with this id was dropped", r.id),
                });
            }
        }
    }
    restated
}

/// The recommendations a restatement may match, with their word index; it
/// grows as documents add recommendations to a placeholder.
#[derive(Default)]
struct Pool {
    candidates: Vec<Candidate>,
    index: PoolIndex,
}

impl Pool {
    fn push(&mut self, c: Candidate) {
        self.index.add(self.candidates.len(), &c);
        self.candidates.push(c);
    }
}

/// One document's restatements of one review.
struct Restating<'a> {
    /// The document's position in `docs`.
    i: usize,
    doc: &'a Doc,
    recs: Vec<&'a Recommendation>,
    target: &'a ReviewId,
    target_is_real: bool,
}

/// What matching one review's restatements gives, gathered apart from
/// every other review's so that reviews can be matched in parallel and
/// then recorded in order.
#[derive(Default)]
struct Matched {
    /// (restating document, restated id) → final id, in the order found.
    rec_map: Vec<RecMapEntry>,
    /// What restatements add to a document's own recommendation, by slot.
    absorbed: Vec<(usize, Absorbed)>,
    /// New recommendations of the review, from restatements nothing
    /// matched, in the order made.
    fresh: Vec<Recommendation>,
    /// `restates` links, in the order made.
    links: Vec<Link>,
}

/// Restated recommendations, target by target, documents in time order;
/// returns the final id of each.
fn match_restatements(
    docs: &[Doc],
    real: &LookupMap<ReviewId, usize>,
    restated: Restated,
    out: &mut Resolved,
) -> RecMap {
    // Candidates only for reviews something restates, pooled in the
    // recommendations' order. Both maps are only asked about a review,
    // never walked: hashed.
    let targets_of: LookupSet<&ReviewId> = restated.keys().collect();
    let mut slots: LookupMap<&ReviewId, Vec<usize>> = LookupMap::default();
    for (slot, r) in out.recommendations.iter().enumerate() {
        if targets_of.contains(&r.review) {
            slots.entry(&r.review).or_default().push(slot);
        }
    }
    drop(targets_of);
    let recommendations = &out.recommendations;
    let targets: Vec<(ReviewId, Restatements, Vec<usize>)> = restated
        .into_iter()
        .map(|(target, list)| {
            let own = slots.remove(&target).unwrap_or_default();
            (target, list, own)
        })
        .collect();
    // Each review's restatements are matched against its own pool only:
    // the reviews are matched in parallel, and what each gives is recorded
    // in the reviews' order, as one after the other would have. A pool is
    // made (tokenising, the expensive part) inside its review's task and
    // dropped with it, so only the pools being matched are held at once,
    // not every review's; so are its restatements, so that matching's
    // memory falls as the links it makes come (10,000 generated reports:
    // 6.6 MB of restatements, and their texts, were held to the end).
    let matched: Vec<Matched> = targets
        .into_par_iter()
        .map(|(target, list, own)| {
            let mut pool = Pool::default();
            for slot in own {
                if let Some(r) = recommendations.get(slot) {
                    pool.push(Candidate::new(r, Slot::Own(slot)));
                }
            }
            let mut m = Matched::default();
            let refs = list.iter().map(|(i, r)| (*i, r)).collect();
            for (i, recs) in by_document(docs, refs) {
                let Some(doc) = docs.get(i) else { continue };
                let restating = Restating {
                    i,
                    doc,
                    recs,
                    target: &target,
                    target_is_real: real.contains_key(&target),
                };
                match_document(&restating, &mut pool, &mut m);
            }
            // Held until every review is matched: without the room pushing
            // left (a third more, on average).
            m.links.shrink_to_fit();
            m.rec_map.shrink_to_fit();
            m
        })
        .collect();
    out.recommendations
        .reserve_exact(matched.iter().map(|m| m.fresh.len()).sum());
    out.links.reserve_exact(matched.len());
    let mut rec_map = RecMap::sized_for(docs.len(), matched.iter().flat_map(|m| &m.rec_map));
    for m in matched {
        rec_map.extend(m.rec_map);
        for (slot, added) in m.absorbed {
            if let Some(kept) = out.recommendations.get_mut(slot) {
                absorb(kept, &added.themes, added.title.as_deref());
            }
        }
        out.recommendations.extend(m.fresh);
        out.links.push(m.links);
    }
    rec_map
}

/// One review's restatements by restating document: (the document's
/// position, its restatements).
type ByDocument<'a> = Vec<(usize, Vec<&'a Recommendation>)>;

/// Restatements grouped by document, documents by date then position
/// (they are already sorted by id), each document's by number then id.
fn by_document<'a>(docs: &[Doc], mut list: Vec<(usize, &'a Recommendation)>) -> ByDocument<'a> {
    list.sort_by(|(a, ra), (b, rb)| {
        let key = |i: usize| (docs.get(i).and_then(|d| start(&d.review)), i);
        key(*a)
            .cmp(&key(*b))
            .then_with(|| ra.number.cmp(&rb.number))
            .then_with(|| ra.id.cmp(&rb.id))
    });
    let mut by_doc: Vec<(usize, Vec<&Recommendation>)> = Vec::new();
    for (i, r) in list {
        match by_doc.last_mut() {
            Some((j, rs)) if *j == i => rs.push(r),
            _ => by_doc.push((i, vec![r])),
        }
    }
    by_doc
}

/// Matches one document's restatements one to one against the pool; the
/// rest become recommendations of the target, and join the pool for later
/// documents.
fn match_document(r: &Restating<'_>, pool: &mut Pool, out: &mut Matched) {
    let mine: Vec<Candidate> = r
        .recs
        .iter()
        .map(|x| Candidate::new(x, Slot::Restatement))
        .collect();
    let pairs = scored_pairs(r, &mine, pool);
    let chosen = assign(
        &pairs,
        mine.len(),
        |x, y| matches!((pool.candidates.get(x), pool.candidates.get(y)), (Some(p), Some(q)) if p.text == q.text),
    );
    let taken = take_matches(r, chosen, pool, out);
    add_unmatched(r, &taken, pool, out);
}

/// Every (restatement, candidate) pair a rule accepts.
fn scored_pairs(r: &Restating<'_>, mine: &[Candidate], pool: &Pool) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (a, m) in mine.iter().enumerate() {
        let labelled = r.recs.get(a).is_some_and(|x| x.label.is_some());
        for b in pool.index.candidates(m) {
            let Some(c) = pool.candidates.get(b) else {
                continue;
            };
            if let Some((rule, score, conf)) = match_score(m, labelled, r.target_is_real, c) {
                pairs.push((score, a, b, rule, conf, score));
            }
        }
    }
    // A list restated whole, in the review's order: the same position is
    // a little evidence of its own.
    if mine.len() == pool.candidates.len() {
        for p in &mut pairs {
            if pool
                .candidates
                .get(p.2)
                .is_some_and(|c| c.number as usize == p.1 + 1)
            {
                // Ranks higher; the evidence keeps the text's score.
                p.0 = round3(p.0 + SAME_POSITION_BONUS);
            }
        }
    }
    pairs
}

/// Records the chosen matches: each restatement folds into the
/// recommendation it matched and gives a `restates` link. Returns the
/// restatements taken.
fn take_matches(
    r: &Restating<'_>,
    chosen: Vec<Choice>,
    pool: &Pool,
    out: &mut Matched,
) -> BTreeSet<usize> {
    let mut taken = BTreeSet::new();
    for (a, b, score, rule, conf, runner_up) in chosen {
        taken.insert(a);
        let (Some(rec), Some(c)) = (r.recs.get(a), pool.candidates.get(b)) else {
            continue;
        };
        out.rec_map.push(((r.i, rec.id.clone()), c.id.clone()));
        match c.slot {
            Slot::Own(slot) => out.absorbed.push((
                slot,
                Absorbed {
                    themes: rec.themes.clone(),
                    title: rec.title.clone(),
                },
            )),
            Slot::Fresh(k) => {
                if let Some(kept) = out.fresh.get_mut(k) {
                    absorb(kept, &rec.themes, rec.title.as_deref());
                }
            }
            Slot::Restatement => {}
        }
        let runner_up = runner_up.and_then(|(ob, s)| pool.candidates.get(ob).map(|o| (&o.id, s)));
        let score = Score {
            score: Some(score),
            confidence: conf,
            runner_up,
        };
        out.links.push(restates(r.doc, rec, &c.id, rule, score));
    }
    taken
}

/// Every restatement not taken becomes a recommendation of the target,
/// under its own number where that is free, else the next one.
fn add_unmatched(r: &Restating<'_>, taken: &BTreeSet<usize>, pool: &mut Pool, out: &mut Matched) {
    let mut used: BTreeSet<u32> = pool.candidates.iter().map(|c| c.number).collect();
    let mut fresh = Vec::new();
    for (a, restated) in r.recs.iter().enumerate() {
        if taken.contains(&a) {
            continue;
        }
        let number = if used.contains(&restated.number) || restated.number == 0 {
            used.last().map_or(1, |m| m.saturating_add(1))
        } else {
            restated.number
        };
        used.insert(number);
        let id = RecommendationId::new(r.target, number);
        let mut rec = (*restated).clone();
        rec.id = id.clone();
        rec.review = r.target.clone();
        rec.number = number;
        rec.latest = None;
        rec.silent = false;
        out.rec_map.push(((r.i, restated.id.clone()), id.clone()));
        let (rule, conf) = if r.target_is_real {
            (
                LinkRule::UnmatchedRestatement,
                UNMATCHED_RESTATEMENT_CONFIDENCE,
            )
        } else {
            (LinkRule::PlaceholderRestatement, 1.0)
        };
        out.links
            .push(restates(r.doc, restated, &id, rule, Score::unscored(conf)));
        fresh.push(Candidate::new(&rec, Slot::Fresh(out.fresh.len())));
        out.fresh.push(rec);
    }
    // Only later documents match these: one document's restatements are
    // never two of the same recommendation.
    for c in fresh {
        pool.push(c);
    }
}

/// Rewrites the statuses and actions [`split`] gathered to final
/// ids, in place; a status for a recommendation that does not exist is
/// dropped with a warning, as is a second action with an id already taken.
fn rewrite_items(
    docs: &[Doc],
    items: ItemDocs,
    rec_map: &RecMap,
    map: &ReviewMap,
    out: &mut Resolved,
    warnings: &mut Vec<Warning>,
) {
    // Asked only whether they hold an id: hashed, since an id's natural
    // order costs a walk over its digits at every step of a tree.
    let all_ids: LookupSet<&str> = out.recommendations.iter().map(|r| r.id.as_str()).collect();
    // A document's own recommendation keeps its id: it is not in
    // `rec_map`, which holds restatements only, and `all_ids` has it.
    let find = |i: usize, id: &RecommendationId| -> Option<RecommendationId> {
        if let Some(f) = rec_map.get(i, id.as_str()) {
            return Some(f.clone());
        }
        if all_ids.contains(id.as_str()) {
            return Some(id.clone());
        }
        // Same number under the review the placeholder resolved to.
        let number: u32 = id.as_str().rsplit_once("#r")?.1.parse().ok()?;
        let mapped = RecommendationId::new(&map.get(&id.review()), number);
        all_ids.contains(mapped.as_str()).then_some(mapped)
    };
    let review_of = |i: usize| docs.get(i).map(|d| d.review.id.as_str()).unwrap_or("");
    // `retain_mut` visits the items in order, so the n-th call is about
    // the n-th item.
    let mut doc = items.progress.iter().map(|&i| i as usize);
    out.progress.retain_mut(|p| {
        let i = doc.next().unwrap_or(usize::MAX);
        match find(i, &p.recommendation) {
            Some(rec) => {
                p.recommendation = rec;
                true
            }
            None => {
                warnings.push(Warning {
                    line: Some(p.span.line),
                    message: format!(
                        "{}: status for unknown recommendation {} dropped",
                        review_of(i),
                        p.recommendation
                    ),
                });
                false
            }
        }
    });
    let mut action_ids: LookupSet<peertrail_core::ActionId> = lookup_set(out.actions.len());
    let mut doc = items.actions.iter().map(|&i| i as usize);
    let explicit = &mut out.explicit_actions;
    out.actions.retain_mut(|a| {
        let i = doc.next().unwrap_or(usize::MAX);
        // Ids are what links and decisions point at: a second action
        // with an id already taken (a plan that numbers two actions
        // alike) is dropped with a warning, as a recommendation is.
        if !action_ids.insert(a.id.clone()) {
            warnings.push(Warning {
                line: Some(a.span.line),
                message: format!("{}: a second action with this id was dropped", a.id),
            });
            return false;
        }
        if let Some(r) = &a.recommendation {
            a.recommendation = find(i, r);
            if a.recommendation.is_some() {
                explicit.insert(a.id.clone());
            }
        }
        true
    });
}

/// Appends `text` with its runs of white space made one space, cut after
/// `max` characters with an ellipsis. Written straight into `out`: a corpus
/// makes one of these per restatement.
fn push_clipped(out: &mut String, text: &str, max: usize) {
    // Word by word, a whole word copied at once while it fits; only the
    // word that runs past `max` is cut, on a character boundary.
    let mut written = 0;
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            if written == max {
                out.push('…');
                return;
            }
            out.push(' ');
            written += 1;
        }
        let chars = word.chars().count();
        if written + chars <= max {
            out.push_str(word);
            written += chars;
            continue;
        }
        let keep = word
            .char_indices()
            .nth(max - written)
            .map_or(word.len(), |(at, _)| at);
        out.push_str(&word[..keep]);
        out.push('…');
        return;
    }
}

/// A scored pair: (rank, restatement, candidate, rule, confidence, score).
type Pair = (f64, usize, usize, LinkRule, f64, f64);

/// One restatement's choice: (restatement, candidate, score, rule,
/// confidence, runner-up candidate and its score).
type Choice = (usize, usize, f64, LinkRule, f64, Option<(usize, f64)>);

/// One-to-one assignment of restatements to candidates. Pairs are taken
/// best first, but a restatement whose best free candidate is not clearly
/// better than its next ([`CLEAR_MARGIN`]) waits: clear choices go first,
/// and may free the tie ("Development" fits two recommendations until
/// "Town centre" takes one of them). What is still tied after that is left
/// unmatched rather than guessed. Linear in the number of pairs: each
/// restatement's pairs are sorted once and walked with a cursor.
fn assign(pairs: &[Pair], n: usize, same_text: impl Fn(usize, usize) -> bool) -> Vec<Choice> {
    // Per restatement: (rank, candidate, rule, confidence, score).
    type Offer = (f64, usize, LinkRule, f64, f64);
    let mut per: Vec<Vec<Offer>> = vec![Vec::new(); n];
    for &(rank, a, b, rule, conf, score) in pairs {
        if let Some(list) = per.get_mut(a) {
            list.push((rank, b, rule, conf, score));
        }
    }
    for list in &mut per {
        list.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    }
    let mut taken_c: BTreeSet<usize> = BTreeSet::new();
    let mut done = vec![false; n];
    let mut out = Vec::new();
    // Each round takes every restatement whose choice is clear, best
    // first; a round that takes nothing ends the assignment. Rounds are
    // bounded, so the work stays linear in the pairs whatever the input.
    for _ in 0..MAX_ROUNDS {
        // The restatements whose choice is clear, with the rank it won by.
        let mut clear: Vec<(Choice, f64)> = Vec::new();
        for (a, list) in per.iter().enumerate() {
            if done[a] {
                continue;
            }
            let mut free = list.iter().filter(|x| !taken_c.contains(&x.1));
            let Some(&(rank, b, rule, conf, score)) = free.next() else {
                continue;
            };
            // A candidate with the very same text is no rival.
            let next = free.find(|x| !same_text(b, x.1));
            let margin = next.map_or(f64::INFINITY, |x| rank - x.0);
            if margin >= CLEAR_MARGIN - 1e-9 {
                let runner_up = next.map(|x| (x.1, x.4));
                clear.push(((a, b, score, rule, conf, runner_up), rank));
            }
        }
        if clear.is_empty() {
            break;
        }
        clear
            .sort_by(|(x, xr), (y, yr)| yr.total_cmp(xr).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
        let mut took = false;
        for (c, _) in clear {
            if done[c.0] || taken_c.contains(&c.1) {
                continue;
            }
            done[c.0] = true;
            taken_c.insert(c.1);
            out.push(c);
            took = true;
        }
        if !took {
            break;
        }
    }
    out
}

/// What a restatement adds to the recommendation it matched, kept apart
/// from the restatement (which goes once its review is matched).
struct Absorbed {
    themes: Vec<peertrail_core::Theme>,
    title: Option<String>,
}

/// Folds what a restatement adds into the recommendation it matched:
/// heading themes, and a title where the original had none.
fn absorb(kept: &mut Recommendation, themes: &[peertrail_core::Theme], title: Option<&str>) {
    let before = kept.themes.len();
    for t in themes {
        if !kept.themes.contains(t) {
            kept.themes.push(t.clone());
        }
    }
    if kept.themes.len() > before {
        // Kept for the corpus's life: grown by pushing, a list of two
        // themes would hold room for four.
        kept.themes.shrink_to_fit();
    }
    kept.themes.sort();
    if kept.title.is_none() {
        kept.title = title.map(str::to_string);
    }
}

/// How sure a `restates` link is: the matching rule's score (none for an
/// unmatched restatement), the link's confidence, and the candidate that
/// came closest after the one taken, with its score.
struct Score<'a> {
    score: Option<f64>,
    confidence: f64,
    runner_up: Option<(&'a RecommendationId, f64)>,
}

impl Score<'_> {
    fn unscored(confidence: f64) -> Self {
        Score {
            score: None,
            confidence,
            runner_up: None,
        }
    }
}

/// `restated at line 12 of plan.md: "Set out the vision…"` (then `;
/// runner-up ID (0.42)` where a runner-up is named), kept as its parts:
/// the file's name is the one the restatement holds (shared by every
/// recommendation of its document), the runner-up the id the data set
/// holds, and only the words said are a text of their own.
fn restated_at(
    place: Arc<str>,
    r: &Recommendation,
    runner_up: Option<(&RecommendationId, f64)>,
) -> Detail {
    const WORDS: usize = 160;
    let text = r.title.as_deref().unwrap_or(&r.text);
    let mut said = String::with_capacity(text.len().min(4 * WORDS) + 4);
    push_clipped(&mut said, text, WORDS);
    Detail::Restated(Box::new(peertrail_core::Restated {
        line: r.span.line,
        place,
        said: said.into_boxed_str(),
        runner_up: runner_up.map(|(id, score)| (id.clone(), score)),
    }))
}

fn restates(
    doc: &Doc,
    r: &Recommendation,
    to: &RecommendationId,
    rule: LinkRule,
    score: Score<'_>,
) -> Link {
    let place = doc
        .review
        .source
        .as_deref()
        .unwrap_or(doc.review.id.as_str());
    // The restatement names its document's file in a text shared with the
    // document's other recommendations; the review's own name for it is
    // a copy.
    let place = match &r.source {
        Some(shared) if &**shared == place => Arc::clone(shared),
        _ => Arc::from(place),
    };
    Link {
        from: NodeId::from(&doc.review.id),
        to: NodeId::from(to),
        kind: LinkKind::Restates,
        confidence: score.confidence,
        evidence: Evidence {
            rule,
            score: score.score,
            detail: restated_at(place, r, score.runner_up),
        },
        suggested: false,
        source: peertrail_core::Source::Extracted,
    }
}

#[cfg(test)]
mod tests {
    use super::{push_clipped, RecMap};
    use peertrail_core::RecommendationId;

    #[test]
    fn a_restated_id_is_found_by_its_document_and_the_later_of_two_entries_wins() {
        let id = |s: &str| RecommendationId::from_raw(format!("kv/2019-{s}"));
        let lists: Vec<Vec<_>> = vec![
            vec![((2, id("r1")), id("f1")), ((1, id("r2")), id("f4"))],
            vec![((1, id("r1")), id("f1")), ((1, id("r2")), id("f2"))],
        ];
        let mut map = RecMap::sized_for(3, lists.iter().flatten());
        for list in lists {
            map.extend(list);
        }
        let get = |doc, s: &str| map.get(doc, id(s).as_str()).map(|f| f.as_str().to_string());
        let found = |s: &str| Some(id(s).as_str().to_string());
        assert_eq!(get(1, "r1"), found("f1"));
        assert_eq!(get(1, "r2"), found("f2"));
        assert_eq!(get(2, "r1"), found("f1"));
        // Another document's restatement, and an id no one restated.
        assert_eq!(get(2, "r2"), None);
        assert_eq!(get(0, "r1"), None);
        assert_eq!(get(3, "r1"), None);
    }

    fn clipped(text: &str, max: usize) -> String {
        let mut out = String::new();
        push_clipped(&mut out, text, max);
        out
    }

    #[test]
    fn a_clipped_text_keeps_single_spaces_and_ends_with_an_ellipsis_only_when_cut() {
        assert_eq!(
            clipped("  Set out\n the   vision ", 20),
            "Set out the vision"
        );
        assert_eq!(clipped("Set out the vision", 18), "Set out the vision");
        assert_eq!(clipped("Set out the vision", 17), "Set out the visio…");
        assert_eq!(clipped("Set out the vision", 7), "Set out…");
        assert_eq!(clipped("Café ügyelet", 4), "Café…");
        assert_eq!(clipped("", 4), "");
        assert_eq!(clipped("word", 0), "…");
        // The same as taking the first characters of the one-spaced text,
        // with an ellipsis when any is left over.
        let reference = |text: &str, max: usize| {
            let one_spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut out: String = one_spaced.chars().take(max).collect();
            if one_spaced.chars().count() > max {
                out.push('…');
            }
            out
        };
        for text in ["a b", " ab  cd\tef ", "é ü\u{3000}x", "long-word short", ""] {
            for repeat in [1, 3, 40] {
                let text = text.repeat(repeat);
                for max in 0..30 {
                    assert_eq!(clipped(&text, max), reference(&text, max), "{text:?} {max}");
                }
            }
        }
    }
}
