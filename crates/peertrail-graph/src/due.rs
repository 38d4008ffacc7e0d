//! Due dates: what should follow each Corporate Peer Challenge, by the LGA
//! rules of its era, overridden by next steps the report itself states.
//!
//! Eras (by the CPC's first day) and their default next steps:
//!
//! | era | step | due |
//! | --- | --- | --- |
//! | before 2018 | follow-up visit | by 24 months after |
//! | 2018–2020 | follow-up visit | from 18, by 24 months after |
//! | 2021–2022 | progress review | 6 months after the action plan (plan date if the corpus has it, else assumed 3 months after the CPC) |
//! | 2023 on | report publication | by 3 months after |
//! | 2023 on | action plan | by 5 months after |
//! | 2023 on | progress review | from 10, report by 12 months after |
//! | every era | next CPC | by 5 years after |
//!
//! A stated next step replaces the era default of the same kind (a
//! progress review and a follow-up visit count as the same kind, the
//! revisit): "within 18 – 24 months" is due from 18 and by 24 months after
//! the CPC's first day, "before September 2023" by the day before 1
//! September 2023.
//!
//! An item is *satisfied* when the corpus (placeholders included: a review
//! later documents mention did take place) holds a review of the expected
//! kind held after the CPC and by the as-of date (a revisit or action plan
//! must also come before the council's next CPC, or say it follows this
//! one); otherwise it is *overdue* once its due date has passed, else *due*.

use chrono::{Datelike, Months, NaiveDate};
use peertrail_core::{CouncilId, NextStepKind, Review, ReviewId, ReviewKind};

/// The due items are core data, so that exporters receive them.
pub use peertrail_core::{DueItem, DueRule, DueStatus};

use crate::Graph;

/// A step before its status is known.
struct Step {
    step: NextStepKind,
    due_from: Option<NaiveDate>,
    due_by: NaiveDate,
    rule: DueRule,
    rule_text: String,
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

/// The revisit slot: a follow-up visit and a progress review stand in for
/// each other.
fn slot(k: NextStepKind) -> NextStepKind {
    match k {
        NextStepKind::FollowUpVisit => NextStepKind::ProgressReview,
        other => other,
    }
}

fn era_steps(start: NaiveDate, plan_date: Option<NaiveDate>) -> Vec<Step> {
    let y = start.year();
    let mut steps = Vec::new();
    let step = |step, from: Option<u32>, by: u32, rule: DueRule, text: &str| Step {
        step,
        due_from: from.map(|m| add_months(start, m)),
        due_by: add_months(start, by),
        rule,
        rule_text: text.to_string(),
    };
    if y < 2018 {
        steps.push(step(
            NextStepKind::FollowUpVisit,
            None,
            24,
            DueRule::EraBefore2018,
            "before 2018: follow-up visit about 2 years after the CPC",
        ));
    } else if y <= 2020 {
        steps.push(step(
            NextStepKind::FollowUpVisit,
            Some(18),
            24,
            DueRule::Era2018To2020,
            "2018–2020: follow-up visit within 18–24 months of the CPC",
        ));
    } else if y <= 2022 {
        let (base, text) = match plan_date {
            Some(p) => (p, "2021–2022: progress review about 6 months after the action plan"),
            None => (add_months(start, 3), "2021–2022: progress review about 6 months after the action plan (plan date unknown: taken as 3 months after the CPC)"),
        };
        steps.push(Step {
            step: NextStepKind::ProgressReview,
            due_from: None,
            due_by: add_months(base, 6),
            rule: DueRule::Era2021To2022,
            rule_text: text.into(),
        });
    } else {
        steps.push(step(
            NextStepKind::ReportPublication,
            None,
            3,
            DueRule::Era2023On,
            "2023 on: report published within 3 months of the CPC",
        ));
        steps.push(step(
            NextStepKind::ActionPlan,
            None,
            5,
            DueRule::Era2023On,
            "2023 on: action plan with the report, at the latest within 5 months",
        ));
        steps.push(step(
            NextStepKind::ProgressReview,
            Some(10),
            12,
            DueRule::Era2023On,
            "2023 on: progress review about 10 months after the CPC, its report within 12 months",
        ));
    }
    steps.push(step(
        NextStepKind::NextPeerChallenge,
        None,
        60,
        DueRule::EveryEra,
        "every era: next CPC within 5 years",
    ));
    steps
}

fn stated_steps(cpc: &Review, start: NaiveDate, defaults: &[Step]) -> Vec<Step> {
    let mut out = Vec::new();
    for n in &cpc.next_steps {
        let default = defaults.iter().find(|d| slot(d.step) == slot(n.kind));
        let due_by = match (n.before, n.within_months) {
            (Some(b), _) => b.start.pred_opt().unwrap_or(b.start),
            (None, Some((_, hi))) => add_months(start, hi),
            (None, None) => match default {
                Some(d) => d.due_by,
                None => continue,
            },
        };
        let due_from = match n.within_months {
            Some((lo, hi)) if lo < hi && n.before.is_none() => Some(add_months(start, lo)),
            _ => None,
        };
        out.push(Step {
            step: n.kind,
            due_from,
            due_by,
            rule: DueRule::Stated,
            rule_text: format!(
                "stated in the report (line {}): \"{}\"",
                n.span.line,
                n.wording.trim()
            ),
        });
    }
    out
}

/// The kinds of review that fulfil a step.
fn fulfils(step: NextStepKind, kind: ReviewKind, date: Option<NaiveDate>) -> bool {
    match step {
        NextStepKind::ReportPublication => false,
        NextStepKind::ActionPlan => kind == ReviewKind::ActionPlan,
        NextStepKind::ProgressReview | NextStepKind::FollowUpVisit => {
            matches!(kind, ReviewKind::ProgressReview | ReviewKind::FollowUpVisit)
        }
        NextStepKind::NextPeerChallenge => {
            kind == ReviewKind::CorporatePeerChallenge
                || (kind == ReviewKind::FinancePeerReview && date.is_some_and(|d| d.year() >= 2023))
        }
        _ => false,
    }
}

impl Graph {
    /// Every expected next step of every CPC (of `council`, if given) as
    /// of `as_of`, ordered by due date, then council, CPC and step. CPCs
    /// held after `as_of` are left out. A CPC known only from other
    /// documents counts when they date it to the month or day (its report
    /// publication is then not ours to judge); one dated only to a year
    /// does not, since its due dates could be a year out.
    pub fn due(&self, as_of: NaiveDate, council: Option<&CouncilId>) -> Vec<DueItem> {
        let mut items = Vec::new();
        for c in self.councils() {
            if council.is_some_and(|want| want != c.id()) {
                continue;
            }
            let reviews = c.reviews();
            let cpc_dates: Vec<NaiveDate> = reviews
                .iter()
                .filter(|r| r.data().kind == ReviewKind::CorporatePeerChallenge)
                .filter_map(|r| r.date())
                .collect();
            for cpc in &reviews {
                if let Some(cpc) = Cpc::judged(cpc, &reviews, &cpc_dates, as_of) {
                    items.extend(cpc.steps().into_iter().map(|s| cpc.item(s)));
                }
            }
        }
        items.sort_by(|a, b| {
            (a.due_by, &a.council, &a.review, a.step)
                .cmp(&(b.due_by, &b.council, &b.review, b.step))
        });
        items
    }
}

/// One CPC whose next steps are judged, with what judging them needs.
struct Cpc<'a, 'g> {
    data: &'g Review,
    start: NaiveDate,
    /// Every review of the council.
    reviews: &'a [crate::ReviewRef<'g>],
    /// The council's next CPC after this one.
    next_cpc: Option<NaiveDate>,
    as_of: NaiveDate,
}

impl<'a, 'g> Cpc<'a, 'g> {
    /// `review`, when it is a CPC held by `as_of` and dated closely enough
    /// to judge.
    fn judged(
        review: &crate::ReviewRef<'g>,
        reviews: &'a [crate::ReviewRef<'g>],
        cpc_dates: &[NaiveDate],
        as_of: NaiveDate,
    ) -> Option<Cpc<'a, 'g>> {
        let data = review.data();
        let dated = data.in_corpus
            || data
                .held
                .is_some_and(|h| h.precision != peertrail_core::Precision::Year);
        let (ReviewKind::CorporatePeerChallenge, true, Some(start)) =
            (data.kind, dated, review.date())
        else {
            return None;
        };
        if start > as_of {
            return None;
        }
        Some(Cpc {
            data,
            start,
            reviews,
            next_cpc: cpc_dates.iter().copied().find(|d| *d > start),
            as_of,
        })
    }

    /// Whether `r` answers this CPC: it says so, or it comes after it and
    /// before the next one.
    fn answers(&self, r: &crate::ReviewRef<'_>) -> bool {
        if r.data().follows.as_ref() == Some(&self.data.id) {
            return true;
        }
        match r.date() {
            Some(d) => d > self.start && self.next_cpc.is_none_or(|n| d < n),
            None => false,
        }
    }

    /// The era's steps, with those the report states in their place.
    fn steps(&self) -> Vec<Step> {
        let plan_date = self
            .reviews
            .iter()
            .filter(|r| r.data().kind == ReviewKind::ActionPlan && self.answers(r))
            .filter_map(|r| r.date())
            .min();
        let defaults = era_steps(self.start, plan_date);
        let stated = stated_steps(self.data, self.start, &defaults);
        let mut steps: Vec<Step> = defaults
            .into_iter()
            .filter(|d| !stated.iter().any(|s| slot(s.step) == slot(d.step)))
            .collect();
        steps.extend(stated);
        // The report is not in the corpus: its publication is not ours to judge.
        if !self.data.in_corpus {
            steps.retain(|s| s.step != NextStepKind::ReportPublication);
        }
        steps
    }

    /// The review that fulfils `step`, held by the as-of date.
    fn satisfied_by(&self, step: NextStepKind) -> Option<ReviewId> {
        if step == NextStepKind::ReportPublication {
            return Some(self.data.id.clone());
        }
        self.reviews
            .iter()
            .filter(|r| r.id() != &self.data.id && fulfils(step, r.data().kind, r.date()))
            .filter(|r| r.date().is_none_or(|d| d <= self.as_of))
            .find(|r| {
                if step == NextStepKind::NextPeerChallenge {
                    r.date().is_some_and(|d| d > self.start)
                } else {
                    self.answers(r)
                }
            })
            .map(|r| r.id().clone())
    }

    fn item(&self, s: Step) -> DueItem {
        let satisfied_by = self.satisfied_by(s.step);
        let status = match (&satisfied_by, self.as_of > s.due_by) {
            (Some(_), _) => DueStatus::Satisfied,
            (None, true) => DueStatus::Overdue,
            (None, false) => DueStatus::Due,
        };
        DueItem {
            council: self.data.council.clone(),
            review: self.data.id.clone(),
            review_date: self.start,
            step: s.step,
            due_from: s.due_from,
            due_by: s.due_by,
            rule: s.rule,
            rule_text: s.rule_text,
            status,
            satisfied_by,
        }
    }
}
