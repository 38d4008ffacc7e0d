//! Applying decisions to a linked data set, in file order, and the report
//! of what each one did: applied, not needed any more, orphaned (its target
//! is gone or its text changed: never applied, with the closest candidates)
//! or invalid for the item it names.

use std::collections::{BTreeMap, BTreeSet};

use peertrail_core::{
    CouncilId, Dataset, Evidence, Link, LinkKind, Membership, NodeId, PeerPosition, Person,
    PersonId, RecommendationId, Response, RevisedDue, Source, Span, StatusUpdate,
};

use crate::fingerprint::{excerpt, words, Fingerprints, What};
use crate::model::{Decision, Decisions, Field, LinkVerdict, PeerVerdict};
use crate::parse::{parse_date, recommendation_kind, review_kind};

/// How many candidates an orphan lists.
const MAX_CANDIDATES: usize = 3;

/// What became of one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OutcomeKind {
    /// It changed the data set.
    Applied,
    /// Nothing to do: a rejected link the rules no longer make.
    NotNeeded,
    /// Its target is gone or its text changed: not applied.
    Orphaned,
    /// It cannot apply to the item it names (a field that item lacks).
    Invalid,
}

impl OutcomeKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Applied => "applied",
            OutcomeKind::NotNeeded => "not_needed",
            OutcomeKind::Orphaned => "orphaned",
            OutcomeKind::Invalid => "invalid",
        }
    }
}

/// One decision's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The line of the decision in the file.
    pub line: u32,
    /// What the decision says.
    pub summary: String,
    /// What became of it.
    pub kind: OutcomeKind,
    /// Why, for anything but `Applied`.
    pub reason: Option<String>,
    /// For an orphan: the items it most likely meant now, best first, each
    /// with why (`id (same text)`, `id (70% of words shared: "…")`).
    pub candidates: Vec<String>,
}

/// What applying a decisions file did, decision by decision in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// One outcome per decision.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// How many decisions had this outcome.
    pub fn count(&self, kind: OutcomeKind) -> usize {
        self.outcomes.iter().filter(|o| o.kind == kind).count()
    }

    /// The outcomes a person should look at (orphaned or invalid).
    pub fn problems(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes
            .iter()
            .filter(|o| matches!(o.kind, OutcomeKind::Orphaned | OutcomeKind::Invalid))
    }
}

/// Applies `decisions` to `data` in file order and reports each one. The
/// caller re-rolls the latest status afterwards (`Graph::edit` does).
pub fn apply(data: &mut Dataset, decisions: &Decisions) -> Report {
    let fps = Fingerprints::of(data);
    let mut state = State {
        fps: &fps,
        removed: BTreeMap::new(),
    };
    let mut report = Report::default();
    for r in &decisions.decisions {
        let (kind, reason, candidates) = match state.one(data, &r.decision, r.line) {
            Ok(None) => (OutcomeKind::Applied, None, Vec::new()),
            Ok(Some(why)) => (OutcomeKind::NotNeeded, Some(why), Vec::new()),
            Err(Problem::Orphan(why, c)) => (OutcomeKind::Orphaned, Some(why), c),
            Err(Problem::Invalid(why)) => (OutcomeKind::Invalid, Some(why), Vec::new()),
        };
        report.outcomes.push(Outcome {
            line: r.line,
            summary: r.decision.summary(),
            kind,
            reason,
            candidates,
        });
    }
    data.sort();
    report
}

enum Problem {
    Orphan(String, Vec<String>),
    Invalid(String),
}

struct State<'a> {
    fps: &'a Fingerprints,
    /// Recommendations taken out by a decision, with its line.
    removed: BTreeMap<String, u32>,
}

fn what_name(w: What) -> &'static str {
    match w {
        What::Recommendation => "recommendation",
        What::Action => "action",
        What::Review => "review",
    }
}

impl State<'_> {
    /// Checks that `id` still names the item decided about.
    /// [`Self::resolve`] for a decision that must name a recommendation.
    fn resolve_recommendation(
        &self,
        id: &str,
        fingerprint: &Option<String>,
        text: &Option<String>,
    ) -> Result<What, Problem> {
        self.resolve(
            id,
            fingerprint.as_deref(),
            text.as_deref(),
            Some(What::Recommendation),
        )
    }

    fn resolve(
        &self,
        id: &str,
        fingerprint: Option<&str>,
        text: Option<&str>,
        want: Option<What>,
    ) -> Result<What, Problem> {
        if let Some(line) = self.removed.get(id) {
            return Err(Problem::Orphan(
                format!("`{id}` was marked not a recommendation (line {line})"),
                Vec::new(),
            ));
        }
        let what = want.map_or("item", what_name);
        let Some(item) = self
            .fps
            .get(id)
            .filter(|i| want.is_none_or(|w| i.what == w))
        else {
            return Err(Problem::Orphan(
                format!("no {what} `{id}` in the corpus now"),
                self.candidates(id, fingerprint, text, want),
            ));
        };
        if let Some(fp) = fingerprint {
            if fp != item.fingerprint {
                return Err(Problem::Orphan(
                    format!(
                        "the text of `{id}` is not what it was when decided (now: \"{}\")",
                        excerpt(&item.text)
                    ),
                    self.candidates(id, fingerprint, text, want),
                ));
            }
        }
        Ok(item.what)
    }

    /// Items of the same kind and council most like what the decision
    /// was about: the same text under another id first, then shared words.
    fn candidates(
        &self,
        id: &str,
        fingerprint: Option<&str>,
        text: Option<&str>,
        want: Option<What>,
    ) -> Vec<String> {
        let council = id.split('/').next().unwrap_or_default();
        let prefix = format!("{council}/");
        let wanted: BTreeSet<String> = text.map(words).unwrap_or_default().into_iter().collect();
        let mut ranked: Vec<(u32, String)> = Vec::new();
        for (cid, item) in self.fps.iter() {
            if !cid.starts_with(&prefix)
                || want.is_some_and(|w| item.what != w)
                || self.removed.contains_key(cid.as_str())
            {
                continue;
            }
            if fingerprint == Some(item.fingerprint.as_str()) && cid != id {
                ranked.push((1000, format!("{cid} (same text)")));
                continue;
            }
            let theirs: BTreeSet<String> = words(&item.text).into_iter().collect();
            let shared = wanted.intersection(&theirs).count();
            let union = wanted.union(&theirs).count();
            let score = (shared * 100)
                .checked_div(union)
                .and_then(|s| u32::try_from(s).ok())
                .unwrap_or(0);
            let same_id = cid == id;
            if score >= 20 || (same_id && wanted.is_empty()) {
                let why = if wanted.is_empty() {
                    "same id, text changed".to_string()
                } else {
                    format!("{score}% of words shared")
                };
                ranked.push((
                    score + u32::from(same_id),
                    format!("{cid} ({why}: \"{}\")", excerpt(&item.text)),
                ));
            }
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|r| r.1)
            .collect()
    }

    /// Applies one decision: `Ok(None)` applied, `Ok(Some(why))` not needed.
    fn one(
        &mut self,
        data: &mut Dataset,
        d: &Decision,
        line: u32,
    ) -> Result<Option<String>, Problem> {
        match d {
            Decision::Link {
                verdict,
                from,
                to,
                kind,
                from_fingerprint,
                to_fingerprint,
                note,
                ..
            } => {
                self.resolve(from, from_fingerprint.as_deref(), None, None)?;
                self.resolve(to, to_fingerprint.as_deref(), None, None)?;
                link(data, *verdict, from, to, *kind, note.as_deref(), line)
            }
            Decision::Peer {
                verdict,
                review,
                person,
                text,
                name,
                role,
                organisation,
                position,
                ..
            } => {
                self.resolve(review, None, None, Some(What::Review))?;
                let change = PeerChange {
                    name: name.as_deref(),
                    role: role.as_deref(),
                    organisation: organisation.as_deref(),
                    position: position.as_deref(),
                };
                peer(
                    data,
                    *verdict,
                    review,
                    person.as_deref(),
                    text.as_deref(),
                    &change,
                )
                .map(|()| None)
            }
            Decision::Correct {
                target,
                fingerprint,
                text,
                field,
                value,
                ..
            } => {
                let what = self.resolve(target, fingerprint.as_deref(), text.as_deref(), None)?;
                correct(data, what, target, *field, value).map(|()| None)
            }
            Decision::NotARecommendation {
                recommendation,
                fingerprint,
                text,
                ..
            } => {
                self.resolve_recommendation(recommendation, fingerprint, text)?;
                let id = recommendation.as_str();
                data.recommendations.retain(|r| r.id.as_str() != id);
                data.links.retain(|l| l.from != id && l.to != id);
                data.progress.retain(|p| p.recommendation.as_str() != id);
                data.updates.retain(|u| u.recommendation.as_str() != id);
                for a in &mut data.actions {
                    if a.recommendation.as_ref().is_some_and(|r| r.as_str() == id) {
                        a.recommendation = None;
                    }
                }
                self.removed.insert(recommendation.clone(), line);
                Ok(None)
            }
            Decision::StatusUpdate {
                recommendation,
                fingerprint,
                text,
                status,
                date,
                note,
                who,
            } => {
                self.resolve_recommendation(recommendation, fingerprint, text)?;
                let update = StatusUpdate {
                    recommendation: RecommendationId::from_raw(recommendation.as_str()),
                    status: *status,
                    date: *date,
                    note: note.clone(),
                    who: who.clone(),
                };
                // The same day recorded again: the later record is the one shown.
                data.updates
                    .retain(|u| !(u.recommendation == update.recommendation && u.date == *date));
                data.updates.push(update);
                Ok(None)
            }
            Decision::Response {
                recommendation,
                fingerprint,
                text,
                response,
                date,
                note,
                who,
            } => {
                self.resolve_recommendation(recommendation, fingerprint, text)?;
                if let Some(r) = data
                    .recommendations
                    .iter_mut()
                    .find(|r| r.id.as_str() == recommendation)
                {
                    r.response = Some(Box::new(Response {
                        response: *response,
                        date: *date,
                        note: note.clone(),
                        who: who.clone(),
                    }));
                }
                Ok(None)
            }
            Decision::ReviseDue {
                action,
                fingerprint,
                text,
                due,
                note,
                who,
            } => {
                self.resolve(
                    action,
                    fingerprint.as_deref(),
                    text.as_deref(),
                    Some(What::Action),
                )?;
                let due = parse_date(due).map_err(Problem::Invalid)?;
                if let Some(a) = data.actions.iter_mut().find(|a| a.id.as_str() == action) {
                    let slip_days = a
                        .timescale
                        .as_ref()
                        .and_then(|t| t.due)
                        .map(|o| (due.end - o.end).num_days());
                    a.revised = Some(Box::new(RevisedDue {
                        due,
                        slip_days,
                        source: Source::Decided,
                        note: note.clone(),
                        who: who.clone(),
                    }));
                }
                Ok(None)
            }
        }
    }
}

fn link(
    data: &mut Dataset,
    verdict: LinkVerdict,
    from: &str,
    to: &str,
    kind: LinkKind,
    note: Option<&str>,
    line: u32,
) -> Result<Option<String>, Problem> {
    let same = |l: &Link| l.from == from && l.to == to && l.kind == kind;
    let found = data.links.iter().any(same);
    match verdict {
        LinkVerdict::Confirm | LinkVerdict::Add if found => {
            for l in data.links.iter_mut().filter(|l| same(l)) {
                l.suggested = false;
                l.source = Source::Decided;
            }
            Ok(None)
        }
        LinkVerdict::Confirm => {
            let mut near: Vec<String> = data
                .links
                .iter()
                .filter(|l| l.kind == kind && (l.from == from || l.to == to))
                .map(|l| format!("{} -> {}", l.from, l.to))
                .collect();
            near.truncate(MAX_CANDIDATES);
            Err(Problem::Orphan(
                format!(
                    "the rules no longer make a {} link {from} -> {to}",
                    kind.as_str()
                ),
                near,
            ))
        }
        LinkVerdict::Reject if !found => Ok(Some(format!(
            "the rules no longer make a {} link {from} -> {to}",
            kind.as_str()
        ))),
        LinkVerdict::Reject => {
            data.links.retain(|l| !same(l));
            if kind == LinkKind::ReportsProgress {
                data.progress
                    .retain(|p| !(p.review.as_str() == from && p.recommendation.as_str() == to));
            }
            Ok(None)
        }
        LinkVerdict::Add => {
            data.links.push(Link {
                from: NodeId::parse(from),
                to: NodeId::parse(to),
                kind,
                confidence: 1.0,
                evidence: Evidence {
                    rule: peertrail_core::LinkRule::Decision,
                    score: None,
                    detail: note
                        .map_or_else(
                            || format!("added by a person (decisions file, line {line})"),
                            str::to_string,
                        )
                        .into(),
                },
                suggested: false,
                source: Source::Decided,
            });
            if kind == LinkKind::Responds {
                if let Some(a) = data.actions.iter_mut().find(|a| a.id.as_str() == from) {
                    if a.recommendation.is_none() {
                        a.recommendation = Some(RecommendationId::from_raw(to));
                    }
                }
            }
            Ok(None)
        }
    }
}

fn mark(decided: &mut Vec<String>, field: Field) {
    mark_str(decided, field.as_str());
}

/// What a peer decision sets; `None` leaves a field as it is.
struct PeerChange<'a> {
    name: Option<&'a str>,
    role: Option<&'a str>,
    organisation: Option<&'a str>,
    position: Option<&'a str>,
}

/// Corrects, removes or adds a member of `review`'s peer team, keeping
/// `Dataset.people` in step: a person no review names any more leaves it,
/// a person added joins it, a corrected name becomes the person's shown
/// name with the old one kept as an alias.
fn peer(
    data: &mut Dataset,
    verdict: PeerVerdict,
    review: &str,
    person: Option<&str>,
    extracted: Option<&str>,
    change: &PeerChange<'_>,
) -> Result<(), Problem> {
    let opt = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
    let position = match change.position.map(|p| PeerPosition::parse(p.trim())) {
        Some(None) => {
            return Err(Problem::Invalid(format!(
                "`{}` is not a position",
                change.position.unwrap_or_default()
            )))
        }
        Some(Some(p)) => Some(p),
        None => None,
    };
    let Some(r) = data.reviews.iter_mut().find(|r| r.id.as_str() == review) else {
        return Err(Problem::Orphan(
            format!("no review `{review}` in the corpus now"),
            Vec::new(),
        ));
    };
    let slot = person.map(|p| r.peers.iter().position(|m| m.person.as_str() == p.trim()));
    let found = match (verdict, slot) {
        (PeerVerdict::Add, _) => None,
        (_, Some(Some(i))) => Some(i),
        _ => {
            // Gone: the closest members by shared words with the name as
            // extracted, so the person can re-aim the decision.
            let wanted: BTreeSet<String> = extracted
                .map(words)
                .unwrap_or_default()
                .into_iter()
                .collect();
            let mut ranked: Vec<(usize, String)> = r
                .peers
                .iter()
                .map(|m| {
                    let shared = words(&m.name)
                        .iter()
                        .filter(|w| wanted.contains(*w))
                        .count();
                    (shared, format!("{} ({})", m.person, m.name))
                })
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            return Err(Problem::Orphan(
                format!(
                    "no member `{}` on the peer team of `{review}` now",
                    person.unwrap_or_default()
                ),
                ranked
                    .into_iter()
                    .take(MAX_CANDIDATES)
                    .map(|r| r.1)
                    .collect(),
            ));
        }
    };
    let mut old_name = None;
    let mut new_member = None;
    match (verdict, found) {
        (PeerVerdict::Remove, Some(i)) => {
            r.peers.remove(i);
        }
        (PeerVerdict::Correct, Some(i)) => {
            let m = &mut r.peers[i];
            if let Some(name) = change.name.and_then(opt) {
                old_name = Some(std::mem::replace(&mut m.name, name.into()).to_string());
                mark_str(&mut m.decided, "name");
            }
            if let Some(role) = change.role {
                m.role = opt(role).map(Into::into);
                mark_str(&mut m.decided, "role");
            }
            if let Some(org) = change.organisation {
                m.organisation = opt(org).map(Into::into);
                mark_str(&mut m.decided, "organisation");
            }
            if let Some(p) = position {
                m.position = p;
                mark_str(&mut m.decided, "position");
            }
        }
        _ => {
            let name = change
                .name
                .and_then(opt)
                .ok_or_else(|| Problem::Invalid("a peer to add needs a name".to_string()))?;
            let id = PersonId::from_name(&name)
                .map_err(|_| Problem::Invalid(format!("`{name}` cannot be a person's name")))?;
            if r.peers.iter().any(|m| m.person == id) {
                return Err(Problem::Invalid(format!(
                    "`{id}` is already on the peer team of `{review}`"
                )));
            }
            r.peers.push(Membership {
                person: id.clone(),
                name: name.as_str().into(),
                honorifics: Vec::new(),
                role: change.role.and_then(opt).map(Into::into),
                organisation: change.organisation.and_then(opt).map(Into::into),
                position: position.unwrap_or(PeerPosition::Unknown),
                // Read from no text: a decision's member has no place in
                // the report.
                span: Span {
                    start: 0,
                    end: 0,
                    line: 0,
                    end_line: 0,
                    page: None,
                },
                decided: ["name", "organisation", "position", "role"]
                    .map(str::to_string)
                    .to_vec(),
            });
            new_member = Some((id, name));
        }
    }
    sync_people(
        data,
        person,
        old_name,
        change.name.and_then(opt),
        new_member,
    );
    Ok(())
}

/// `Dataset.people` after a peer decision (see [`peer`]).
fn sync_people(
    data: &mut Dataset,
    person: Option<&str>,
    old_name: Option<String>,
    new_name: Option<String>,
    added: Option<(PersonId, String)>,
) {
    if let Some((id, name)) = added {
        if !data.people.iter().any(|p| p.id == id) {
            data.people.push(Person {
                id,
                name,
                aliases: Vec::new(),
                merge_evidence: vec!["added to a peer team by a decision".to_string()],
            });
        }
    }
    if let (Some(id), Some(new)) = (person, new_name) {
        if let Some(p) = data.people.iter_mut().find(|p| p.id.as_str() == id) {
            let shown = std::mem::replace(&mut p.name, new.clone());
            for old in [Some(shown), old_name].into_iter().flatten() {
                if old != new && !p.aliases.contains(&old) {
                    p.aliases.push(old);
                }
            }
            p.aliases.sort();
        }
    }
    // A person no team names any more leaves the people list.
    let named: BTreeSet<&str> = data
        .reviews
        .iter()
        .flat_map(|r| r.peers.iter().map(|m| m.person.as_str()))
        .collect();
    data.people.retain(|p| named.contains(p.id.as_str()));
}

fn mark_str(decided: &mut Vec<String>, field: &str) {
    if !decided.iter().any(|f| f == field) {
        decided.push(field.to_string());
        decided.sort();
    }
}

fn correct(
    data: &mut Dataset,
    what: What,
    id: &str,
    field: Field,
    value: &str,
) -> Result<(), Problem> {
    let cannot = || {
        Problem::Invalid(format!(
            "a {} has no `{}` to correct",
            what_name(what),
            field.as_str()
        ))
    };
    let opt = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
    match what {
        What::Recommendation => {
            let r = data
                .recommendations
                .iter_mut()
                .find(|r| r.id.as_str() == id)
                .ok_or_else(cannot)?;
            match field {
                Field::Title => r.title = opt(value),
                Field::Text => r.text = value.trim().to_string(),
                Field::Number => {
                    r.number = value
                        .trim()
                        .parse()
                        .map_err(|_| Problem::Invalid(format!("`{value}` is not a number")))?;
                }
                Field::Kind => {
                    r.kind = recommendation_kind(value).ok_or_else(|| {
                        Problem::Invalid(format!(
                            "`{value}` is not a recommendation kind (recommendation, reflection, suggestion)"
                        ))
                    })?;
                }
                _ => return Err(cannot()),
            }
            mark(&mut r.decided, field);
        }
        What::Action => {
            let a = data
                .actions
                .iter_mut()
                .find(|a| a.id.as_str() == id)
                .ok_or_else(cannot)?;
            match field {
                Field::Text => a.text = value.trim().to_string(),
                Field::Owner => a.owner = opt(value),
                _ => return Err(cannot()),
            }
            mark(&mut a.decided, field);
        }
        What::Review => {
            let known: BTreeSet<String> = data.councils.iter().map(|c| c.id.to_string()).collect();
            let r = data
                .reviews
                .iter_mut()
                .find(|r| r.id.as_str() == id)
                .ok_or_else(cannot)?;
            match field {
                Field::Title => r.title = opt(value),
                Field::Date => r.held = Some(parse_date(value).map_err(Problem::Invalid)?),
                Field::Kind => {
                    r.kind = review_kind(value).ok_or_else(|| {
                        Problem::Invalid(format!("`{value}` is not a review kind"))
                    })?;
                }
                Field::Council => {
                    let c = value.trim();
                    if !known.contains(c) {
                        return Err(Problem::Invalid(format!("no council `{c}` in the corpus")));
                    }
                    r.council = CouncilId::from_raw(c);
                }
                _ => return Err(cannot()),
            }
            mark(&mut r.decided, field);
        }
    }
    Ok(())
}
