//! Precision and recall of the textual rules on a labelled, hand-built
//! corpus (fictional; written for this purpose, with paraphrases and
//! near-misses). The figures are printed and recorded in docs/linking.md;
//! the test fails if they fall below what the docs claim.

use std::collections::BTreeSet;

use peertrail_core::{Extraction, LinkKind, ReviewKind::*, Status};

use crate::build;
use crate::builder::*;

/// Ravensby: two CPCs five years apart (three recommendations repeat, with
/// rising paraphrase; three are new but share vocabulary with old ones),
/// and a progress review restating the first CPC loosely.
fn ravensby() -> Vec<Extraction> {
    let cpc1 = doc(
        "Ravensby Borough Council",
        CorporatePeerChallenge,
        Some(days(2017, 5, 8, 11)),
    )
    .rec(
        "Develop a medium term financial strategy that closes the budget gap and protects reserves",
    )
    .rec("Strengthen overview and scrutiny so that members challenge the cabinet on performance")
    .rec("Agree a shared vision for the town centre with businesses and residents")
    .rec("Invest in workforce planning, leadership development and succession for senior managers")
    .rec("Publish a single corporate plan with clear priorities and measures of success")
    .rec("Review the waste collection contract before its renewal in 2019")
    .build();
    let progress = doc(
        "Ravensby Borough Council",
        ProgressReview,
        Some(day(2018, 3, 14)),
    )
    .follows(CorporatePeerChallenge, Some(month(2017, 5)))
    // Loose restatements, unnumbered, in a different order.
    .restates(
        CorporatePeerChallenge,
        Some(month(2017, 5)),
        None,
        "Scrutiny: members to challenge cabinet on performance",
        Some(Status::InProgress),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2017, 5)),
        None,
        "A medium-term financial strategy closing the budget gap",
        Some(Status::SignificantProgress),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2017, 5)),
        None,
        "Publish a corporate plan with clear priorities",
        Some(Status::Complete),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2017, 5)),
        Some(6),
        "Waste contract review",
        Some(Status::Begun),
    )
    .build();
    let cpc2 = doc("Ravensby Borough Council", CorporatePeerChallenge, Some(days(2022, 6, 6, 9)))
        // Repeats, nearly verbatim.
        .rec("Develop a medium term financial strategy that closes the budget gap and rebuilds reserves")
        // Repeats, paraphrased.
        .rec("Members should use overview and scrutiny to challenge cabinet decisions and performance")
        // Repeats, loosely.
        .rec("Renew workforce planning and leadership development, with succession plans for senior managers")
        // New, sharing words with old ones.
        .rec("Develop a climate strategy with residents and businesses across the borough")
        .rec("Strengthen performance reporting to the cabinet with quarterly data")
        .rec("Agree a digital strategy for customer services")
        .build();
    vec![cpc1, progress, cpc2]
}

fn gold_recurs() -> BTreeSet<(String, String)> {
    [("r1", "r1"), ("r2", "r2"), ("r3", "r4")]
        .into_iter()
        .map(|(a, b)| {
            (
                format!("ravensby/2022-06-06-cpc#{a}"),
                format!("ravensby/2017-05-08-cpc#{b}"),
            )
        })
        .collect()
}

fn gold_restates() -> BTreeSet<(String, String)> {
    ["r2", "r1", "r5", "r6"]
        .into_iter()
        .map(|r| {
            (
                "ravensby/2018-03-14-progress-review".to_string(),
                format!("ravensby/2017-05-08-cpc#{r}"),
            )
        })
        .collect()
}

fn pr(found: &BTreeSet<(String, String)>, gold: &BTreeSet<(String, String)>) -> (f64, f64) {
    let hit = found.intersection(gold).count() as f64;
    let p = if found.is_empty() {
        1.0
    } else {
        hit / found.len() as f64
    };
    let r = if gold.is_empty() {
        1.0
    } else {
        hit / gold.len() as f64
    };
    (p, r)
}

#[test]
fn precision_and_recall_on_the_labelled_corpus() {
    let g = build(ravensby());
    let links = &g.dataset().links;
    let of = |k: LinkKind| -> BTreeSet<(String, String)> {
        links
            .iter()
            .filter(|l| l.kind == k)
            .map(|l| (l.from.to_string(), l.to.to_string()))
            .collect()
    };
    let (rp, rr) = pr(&of(LinkKind::Recurs), &gold_recurs());
    let (sp, sr) = pr(&of(LinkKind::Restates), &gold_restates());
    eprintln!(
        "recurs: precision {rp:.2} recall {rr:.2} ({:?})",
        of(LinkKind::Recurs)
    );
    eprintln!("restates: precision {sp:.2} recall {sr:.2}");
    // No placeholder left behind: every restatement found its recommendation.
    assert!(
        g.dataset().reviews.iter().all(|r| r.in_corpus),
        "{:#?}",
        g.dataset().reviews
    );
    assert_eq!((sp, sr), (1.0, 1.0));
    assert_eq!(rp, 1.0, "a false recurrence");
    assert!(rr >= 2.0 / 3.0, "recall {rr}");
}

#[test]
fn scores_of_the_labelled_links() {
    let g = build(ravensby());
    for l in &g.dataset().links {
        if matches!(l.kind, LinkKind::Recurs | LinkKind::Restates) {
            eprintln!(
                "{} {} -> {} {} {:?} {}",
                l.kind.as_str(),
                l.from,
                l.to,
                l.evidence.rule,
                l.evidence.score,
                l.confidence
            );
            assert!(
                l.evidence.score.is_some_and(|s| (0.5..=1.0).contains(&s)),
                "{l:?}"
            );
        }
    }
}
