//! Synthetic corpora for benchmarks and scale tests (`cargo xtask bench`).
//!
//! [`synthetic_corpus`] writes `reviews` extractions spread over
//! `reviews / 5` fictional councils, each with the same five-document
//! trail: a CPC, its action plan, a progress review restating and rating
//! the CPC's recommendations, a remote support session restating a panel
//! that is not in the corpus (a placeholder), and a second CPC five years
//! on, some of whose recommendations repeat the first. Peers come from a
//! shared pool, sometimes under a nickname. Same arguments, same corpus.

use chrono::{Datelike, Months, NaiveDate};
use peertrail_core::{
    Action, ActionId, Council, CouncilId, DateSpan, Extraction, Membership, NextStep, NextStepKind,
    PeerPosition, PersonId, Progress, Recommendation, RecommendationId, RecommendationKind, Review,
    ReviewId, ReviewKind, ReviewRef, Span, Status,
};

/// A small, fast, seedable generator (SplitMix64).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

const THEMES: &[&[&str]] = &[
    &[
        "medium term financial strategy",
        "budget savings plan",
        "reserves and income",
        "capital programme funding",
    ],
    &[
        "scrutiny arrangements",
        "member development and governance",
        "decision making culture",
        "audit and risk committee",
    ],
    &[
        "workforce capacity and skills",
        "transformation programme delivery",
        "digital technology change",
        "performance management",
    ],
    &[
        "partnership working with the NHS",
        "economic growth and regeneration",
        "regional stakeholder collaboration",
        "business investment",
    ],
    &[
        "community engagement and insight",
        "resident priorities and outcomes",
        "a shared vision for the place",
        "neighbourhood data and evidence",
    ],
];
const VERBS: &[&str] = &[
    "Develop",
    "Strengthen",
    "Review",
    "Refresh",
    "Embed",
    "Accelerate",
    "Clarify",
    "Prioritise",
];
const FIRST: &[&str] = &[
    "Stephen",
    "Daniel",
    "Christopher",
    "Michael",
    "Susan",
    "Margaret",
    "Andrew",
    "Joanne",
    "Mark",
    "Patricia",
    "Robert",
    "Elizabeth",
];
const SURNAMES: &[&str] = &[
    "Ashdown",
    "Brereton",
    "Calloway",
    "Dunmore",
    "Eversley",
    "Fairbank",
    "Garside",
    "Hollins",
    "Ingleby",
    "Jessop",
    "Kirkham",
    "Lindley",
    "Marchant",
    "Norcliffe",
    "Ormerod",
    "Pickles",
];
const ROLES: &[&str] = &[
    "Leader",
    "Chief Executive",
    "Director of Finance",
    "Deputy Leader",
    "Head of Policy",
];

fn nickname(first: &str) -> &str {
    match first {
        "Stephen" => "Steve",
        "Daniel" => "Dan",
        "Christopher" => "Chris",
        "Michael" => "Mike",
        "Susan" => "Sue",
        "Robert" => "Rob",
        "Elizabeth" => "Liz",
        other => other,
    }
}

fn span(line: u32) -> Span {
    Span {
        start: 0,
        end: 0,
        line,
        end_line: line,
        page: None,
    }
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

fn review(
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
    r.source = in_corpus.then(|| format!("synthetic/{}.txt", council.as_str()));
    r
}

fn rec(review: &ReviewId, number: u32, text: String, labelled: bool) -> Recommendation {
    Recommendation {
        id: RecommendationId::new(review, number),
        review: review.clone(),
        number,
        label: labelled.then(|| number.to_string()),
        kind: RecommendationKind::Recommendation,
        title: None,
        text,
        themes: Vec::new(),
        span: span(number),
        cue: None,
        source: None,
        latest: None,
        silent: false,
        response: None,
        decided: Vec::new(),
    }
}

/// A recommendation text: a verb, a theme phrase, and words particular to
/// the council so that texts are not all alike across the corpus.
fn rec_text(rng: &mut Rng, council: usize, vocabulary: usize) -> String {
    let theme = THEMES
        .get(rng.below(THEMES.len()))
        .copied()
        .unwrap_or_default();
    let a = rng.below(vocabulary);
    let b = rng.below(vocabulary);
    format!(
        "{} the {} with a focus on {} plans, linked to the {} and {} programmes of the area {}",
        rng.pick(VERBS),
        rng.pick(theme),
        rng.pick(theme),
        token(a),
        token(b),
        token(council + 1_000_000)
    )
}

/// A made-up word for a number: "q", base-20 digits in letters a–t (at
/// least three), "x". Letters only, so it is never a stopword, and its end
/// is never a suffix the stemmer strips; distinct numbers give distinct words.
fn token(mut n: usize) -> String {
    let mut s = String::from("q");
    let mut digits = 0;
    while n > 0 || digits < 3 {
        s.push(char::from(b'a' + (n % 20) as u8));
        n /= 20;
        digits += 1;
    }
    s.push('x');
    s
}

fn peers(rng: &mut Rng, line: u32) -> Vec<Membership> {
    (0..4)
        .map(|k| {
            let first = rng.pick(FIRST);
            let surname = rng.pick(SURNAMES);
            let written_first = if rng.below(4) == 0 {
                nickname(first)
            } else {
                first
            };
            let name = format!("{written_first} {surname}");
            let org = format!("{surname}ton Council");
            Membership {
                person: PersonId::from_name(&name).unwrap_or_else(|_| PersonId::from_raw("peer")),
                name: name.into(),
                honorifics: if k == 0 {
                    vec!["Cllr".to_string()]
                } else {
                    Vec::new()
                },
                role: Some(rng.pick(ROLES).into()),
                organisation: Some(org.into()),
                position: if k == 0 {
                    PeerPosition::MemberPeer
                } else {
                    PeerPosition::OfficerPeer
                },
                span: span(line + k),
                decided: Vec::new(),
            }
        })
        .collect()
}

fn empty(council: &Council, review: Review) -> Extraction {
    Extraction {
        council: council.clone(),
        joint_councils: Vec::new(),
        review,
        placeholders: Vec::new(),
        recommendations: Vec::new(),
        actions: Vec::new(),
        progress: Vec::new(),
        review_progress: Vec::new(),
        warnings: Vec::new(),
    }
}

/// `reviews` synthetic extractions; see the module docs.
pub fn synthetic_corpus(reviews: usize, seed: u64) -> Vec<Extraction> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(reviews);
    let councils = reviews.div_ceil(5);
    // Local words grow with the corpus (each council brings its own), so a
    // recommendation meets about as many look-alikes at any corpus size.
    let vocabulary = 4000.max(councils * 20);
    let base = NaiveDate::from_ymd_opt(2012, 1, 10).unwrap_or_default();
    for c in 0..councils {
        let name = format!("Testshire {} District Council", token(c));
        let Ok(cid) = CouncilId::from_name(&name) else {
            continue;
        };
        let council = Council::named(cid.clone(), name);
        let cpc_day =
            add_months(base, (rng.below(72)) as u32) + chrono::Days::new(rng.below(20) as u64);
        let cpc_held = DateSpan::days(cpc_day, cpc_day + chrono::Days::new(3)).ok();
        let n_recs = 5 + rng.below(4) as u32;

        // 1. The CPC.
        let mut cpc = empty(
            &council,
            review(&cid, ReviewKind::CorporatePeerChallenge, cpc_held, true),
        );
        cpc.review.peers = peers(&mut rng, 10);
        cpc.review.next_steps.push(NextStep {
            kind: NextStepKind::NextPeerChallenge,
            within_months: None,
            before: DateSpan::month(cpc_day.year() + 5, cpc_day.month()).ok(),
            wording: "next Peer Challenge within five years".into(),
            span: span(90),
        });
        let cpc_id = cpc.review.id.clone();
        let texts: Vec<String> = (0..n_recs)
            .map(|_| rec_text(&mut rng, c, vocabulary))
            .collect();
        for (k, t) in texts.iter().enumerate() {
            cpc.recommendations
                .push(rec(&cpc_id, k as u32 + 1, t.clone(), true));
        }

        // 2. The action plan, by number.
        let plan_day = add_months(cpc_day, 3);
        let mut plan = empty(
            &council,
            review(
                &cid,
                ReviewKind::ActionPlan,
                Some(DateSpan::day(plan_day)),
                true,
            ),
        );
        plan.review.follows = Some(cpc_id.clone());
        let plan_id = plan.review.id.clone();
        for k in 1..=n_recs {
            plan.actions.push(Action {
                id: ActionId::new(&plan_id, k),
                review: plan_id.clone(),
                number: k,
                recommendation: None,
                text: format!(
                    "Officers will {} and report quarterly",
                    token(rng.below(4000))
                ),
                owner: Some("Chief Executive".into()),
                covered_by: None,
                span: span(k),
                timescale: None,
                revised: None,
                decided: Vec::new(),
            });
        }

        // 3. The progress review: restates (placeholder id = the real one) and rates.
        let pr_day = add_months(cpc_day, 10);
        let mut pr = empty(
            &council,
            review(
                &cid,
                ReviewKind::ProgressReview,
                Some(DateSpan::day(pr_day)),
                true,
            ),
        );
        pr.review.follows = Some(cpc_id.clone());
        pr.review.peers = cpc.review.peers.iter().take(2).cloned().collect();
        let pr_id = pr.review.id.clone();
        let mut cpc_ph = review(&cid, ReviewKind::CorporatePeerChallenge, cpc_held, false);
        cpc_ph.source = None;
        pr.placeholders.push(cpc_ph);
        for (k, t) in texts.iter().enumerate() {
            let mut r = rec(&cpc_id, k as u32 + 1, t.clone(), true);
            r.span = span(40 + k as u32);
            pr.recommendations.push(r.clone());
            let status = [
                Status::Complete,
                Status::SignificantProgress,
                Status::InProgress,
                Status::Begun,
            ]
            .get(rng.below(4))
            .copied()
            .unwrap_or(Status::Unknown);
            pr.progress.push(Progress {
                review: pr_id.clone(),
                recommendation: r.id,
                status,
                wording: status.as_str().replace('_', " "),
                commentary: None,
                span: span(40 + k as u32),
            });
        }

        // 4. Remote support restating a panel that is not in the corpus.
        let panel_month = add_months(cpc_day, 20);
        let rs_day = add_months(cpc_day, 26);
        let mut rs = empty(
            &council,
            review(
                &cid,
                ReviewKind::RemotePeerSupport,
                Some(DateSpan::day(rs_day)),
                true,
            ),
        );
        rs.review.peers = peers(&mut rng, 10);
        let rs_id = rs.review.id.clone();
        let panel = review(
            &cid,
            ReviewKind::RecoveryRenewalPanel,
            DateSpan::month(panel_month.year(), panel_month.month()).ok(),
            false,
        );
        let panel_id = panel.id.clone();
        rs.review.references.push(ReviewRef {
            review: panel_id.clone(),
            kind: ReviewKind::RecoveryRenewalPanel,
            held: panel.held,
            wording: "a Recovery and Renewal Panel".into(),
            span: span(5),
        });
        rs.placeholders.push(panel);
        for k in 1..=3u32 {
            let r = rec(&panel_id, k, rec_text(&mut rng, c, vocabulary), false);
            rs.progress.push(Progress {
                review: rs_id.clone(),
                recommendation: r.id.clone(),
                status: Status::Begun,
                wording: "begun to progress".into(),
                commentary: None,
                span: span(60 + k),
            });
            rs.recommendations.push(r);
        }

        // 5. The next CPC, repeating two earlier recommendations.
        let cpc2_day = add_months(cpc_day, 60);
        let cpc2_held = DateSpan::days(cpc2_day, cpc2_day + chrono::Days::new(3)).ok();
        let mut cpc2 = empty(
            &council,
            review(&cid, ReviewKind::CorporatePeerChallenge, cpc2_held, true),
        );
        cpc2.review.peers = peers(&mut rng, 10);
        let cpc2_id = cpc2.review.id.clone();
        for k in 1..=n_recs {
            let text = match texts.get(k as usize - 1) {
                Some(t) if k <= 2 => format!("{t} again"),
                _ => rec_text(&mut rng, c, vocabulary),
            };
            cpc2.recommendations.push(rec(&cpc2_id, k, text, true));
        }

        for e in [cpc, plan, pr, rs, cpc2] {
            if out.len() < reviews {
                out.push(e);
            }
        }
    }
    out
}
