//! Hand-built extractions, shaped like ingest's output, for graph tests.

use chrono::NaiveDate;
use peertrail_core::{
    Action, ActionId, Council, CouncilId, DateSpan, Extraction, Membership, NextStep, NextStepKind,
    PeerPosition, PersonId, Progress, Recommendation, RecommendationId, RecommendationKind, Review,
    ReviewId, ReviewKind, ReviewRef, Span, Status, Theme,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn day(y: i32, m: u32, dd: u32) -> DateSpan {
    DateSpan::day(d(y, m, dd))
}

pub fn days(y: i32, m: u32, d1: u32, d2: u32) -> DateSpan {
    DateSpan::days(d(y, m, d1), d(y, m, d2)).unwrap()
}

pub fn month(y: i32, m: u32) -> DateSpan {
    DateSpan::month(y, m).unwrap()
}

pub fn year(y: i32) -> DateSpan {
    DateSpan::year(y).unwrap()
}

fn span(line: u32) -> Span {
    Span {
        start: line as usize * 10,
        end: line as usize * 10 + 5,
        line,
        end_line: line,
        page: None,
    }
}

fn blank_review(
    council: &CouncilId,
    kind: ReviewKind,
    held: Option<DateSpan>,
    in_corpus: bool,
) -> Review {
    let mut r = Review::placeholder(
        ReviewId::new(council, kind, held.as_ref()),
        council.clone(),
        kind,
        held,
    );
    r.in_corpus = in_corpus;
    r
}

/// One document under construction.
pub struct Doc {
    e: Extraction,
    line: u32,
}

/// A document about `council_name` of `kind`, held `held`.
pub fn doc(council_name: &str, kind: ReviewKind, held: Option<DateSpan>) -> Doc {
    let id = CouncilId::from_name(council_name).unwrap();
    let council = Council::named(id.clone(), council_name);
    let mut review = blank_review(&id, kind, held, true);
    review.source = Some(format!("{}.txt", review.id.as_str().replace('/', "_")));
    Doc {
        e: Extraction {
            council,
            joint_councils: vec![],
            review,
            placeholders: vec![],
            recommendations: vec![],
            actions: vec![],
            progress: vec![],
            review_progress: vec![],
            warnings: vec![],
        },
        line: 1,
    }
}

impl Doc {
    fn next_line(&mut self) -> u32 {
        self.line += 1;
        self.line
    }

    pub fn id(&self) -> ReviewId {
        self.e.review.id.clone()
    }

    /// A peer: `name` without honorifics.
    pub fn peer(
        mut self,
        honorifics: &[&str],
        name: &str,
        role: Option<&str>,
        org: Option<&str>,
    ) -> Doc {
        let line = self.next_line();
        self.e.review.peers.push(Membership {
            person: PersonId::from_name(name).unwrap(),
            name: name.into(),
            honorifics: honorifics.iter().map(|h| h.to_string()).collect(),
            role: role.map(Into::into),
            organisation: org.map(Into::into),
            position: PeerPosition::Unknown,
            span: span(line),
            decided: Vec::new(),
        });
        self
    }

    fn push_rec(
        &mut self,
        review: &ReviewId,
        number: u32,
        label: bool,
        title: Option<&str>,
        text: &str,
    ) -> RecommendationId {
        let line = self.next_line();
        let id = RecommendationId::new(review, number);
        self.e.recommendations.push(Recommendation {
            id: id.clone(),
            review: review.clone(),
            number,
            label: label.then(|| number.to_string()),
            kind: RecommendationKind::Recommendation,
            title: title.map(str::to_string),
            text: text.to_string(),
            themes: vec![],
            span: span(line),
            cue: None,
            source: self.e.review.source.as_deref().map(Into::into),
            latest: None,
            silent: false,
            response: None,
            decided: Vec::new(),
        });
        id
    }

    /// The document's own numbered recommendation.
    pub fn rec(mut self, text: &str) -> Doc {
        let own = self.id();
        let n = self
            .e
            .recommendations
            .iter()
            .filter(|r| r.review == own)
            .count() as u32
            + 1;
        self.push_rec(&own, n, true, None, text);
        self
    }

    /// The document's own recommendation with a bold title.
    pub fn rec_titled(mut self, title: &str, text: &str) -> Doc {
        let own = self.id();
        let n = self
            .e
            .recommendations
            .iter()
            .filter(|r| r.review == own)
            .count() as u32
            + 1;
        self.push_rec(&own, n, true, Some(title), text);
        self
    }

    fn placeholder(&mut self, kind: ReviewKind, held: Option<DateSpan>) -> ReviewId {
        let p = blank_review(&self.e.council.id, kind, held, false);
        let id = p.id.clone();
        if !self.e.placeholders.iter().any(|x| x.id == id) {
            let line = self.next_line();
            self.e.review.references.push(ReviewRef {
                review: id.clone(),
                kind,
                held,
                wording: format!(
                    "the {} of {}",
                    kind.label(),
                    held.map_or("?".into(), |h| h.to_string())
                ),
                span: span(line),
            });
            self.e.placeholders.push(p);
        }
        id
    }

    /// Restates a recommendation of an earlier review (a placeholder), with
    /// a printed number if `label` is given, and a status if `status` is.
    pub fn restates(
        mut self,
        kind: ReviewKind,
        held: Option<DateSpan>,
        label: Option<u32>,
        text: &str,
        status: Option<Status>,
    ) -> Doc {
        let target = self.placeholder(kind, held);
        let n = label.unwrap_or_else(|| {
            self.e
                .recommendations
                .iter()
                .filter(|r| r.review == target)
                .count() as u32
                + 1
        });
        let id = self.push_rec(&target, n, label.is_some(), None, text);
        if let Some(status) = status {
            let line = self.line;
            self.e.progress.push(Progress {
                review: self.id(),
                recommendation: id,
                status,
                wording: status.as_str().replace('_', " "),
                commentary: None,
                span: span(line),
            });
        }
        self
    }

    /// Adds a heading theme to the last recommendation.
    pub fn theme(mut self, t: &str) -> Doc {
        if let Some(r) = self.e.recommendations.last_mut() {
            r.themes.push(Theme::parse(t));
        }
        self
    }

    /// The council replaced these councils (a reorganisation).
    pub fn predecessors(mut self, names: &[&str]) -> Doc {
        self.e.council.predecessors = names
            .iter()
            .map(|n| CouncilId::from_name(n).unwrap())
            .collect();
        self
    }

    /// A joint review: also the review of these councils.
    pub fn joint(mut self, names: &[&str]) -> Doc {
        for n in names {
            let id = CouncilId::from_name(n).unwrap();
            self.e.review.joint_councils.push(id.clone());
            self.e.joint_councils.push(Council::named(id, *n));
        }
        self
    }

    /// Says which review the document follows.
    pub fn follows(mut self, kind: ReviewKind, held: Option<DateSpan>) -> Doc {
        let id = self.placeholder(kind, held);
        self.e.review.follows = Some(id);
        self
    }

    /// An action numbered like the recommendation it sits under.
    pub fn action(mut self, number: u32, text: &str, covered_by: Option<u32>) -> Doc {
        let line = self.next_line();
        let plan = self.id();
        self.e.actions.push(Action {
            id: ActionId::new(&plan, number),
            review: plan.clone(),
            number,
            recommendation: None,
            text: text.to_string(),
            owner: None,
            covered_by: covered_by.map(|n| ActionId::new(&plan, n)),
            span: span(line),
            timescale: None,
            revised: None,
            decided: Vec::new(),
        });
        self
    }

    /// A stated next step.
    pub fn next_step(
        mut self,
        kind: NextStepKind,
        within: Option<(u32, u32)>,
        before: Option<DateSpan>,
        wording: &str,
    ) -> Doc {
        let line = self.next_line();
        self.e.review.next_steps.push(NextStep {
            kind,
            within_months: within,
            before,
            wording: wording.to_string(),
            span: span(line),
        });
        self
    }

    pub fn build(self) -> Extraction {
        self.e
    }
}
