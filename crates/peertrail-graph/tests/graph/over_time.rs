//! Councils over time: a council and the councils it replaced are one
//! trail, and a joint review stands on each of its councils' trails.

use peertrail_core::{CouncilId, LinkKind, ReviewKind::*, Status};

use crate::builder::*;
use crate::{build, lines};

#[test]
fn a_successor_reports_on_its_predecessors_recommendations() {
    let old = doc(
        "Westmere District Council",
        CorporatePeerChallenge,
        Some(days(2019, 3, 4, 7)),
    )
    .rec("Publish a clear plan for the market town centres")
    .rec("Build a reserve for the waste contract renewal")
    .build();
    // The new council's document names "the March 2019 CPC", which it never
    // held itself: its predecessor did.
    let new = doc(
        "Greater Westmere Council",
        ProgressReview,
        Some(day(2024, 5, 14)),
    )
    .predecessors(&["Westmere District Council"])
    .restates(
        CorporatePeerChallenge,
        Some(month(2019, 3)),
        None,
        "Publish a clear plan for the market town centres",
        Some(Status::Complete),
    )
    .build();
    let g = build(vec![new, old]);
    let data = g.dataset();
    assert!(
        lines(data, "link restates").iter().any(|l| l.starts_with(
            "link restates greater-westmere/2024-05-14-progress-review -> westmere/2019-03-04-cpc#r1"
        )),
        "{:#?}",
        lines(data, "link")
    );
    assert!(!data
        .reviews
        .iter()
        .any(|r| r.id.as_str().starts_with("greater-westmere/2019")));
    let rec = data
        .recommendations
        .iter()
        .find(|r| r.id.as_str() == "westmere/2019-03-04-cpc#r1")
        .unwrap();
    assert_eq!(
        rec.latest.as_deref().map(|l| l.status),
        Some(Status::Complete)
    );
    // Both sides of the reorganisation are recorded.
    let council = |id: &str| data.councils.iter().find(|c| c.id.as_str() == id).unwrap();
    assert_eq!(
        council("westmere").successors,
        [CouncilId::from_raw("greater-westmere")]
    );
    assert_eq!(
        council("greater-westmere").predecessors,
        [CouncilId::from_raw("westmere")]
    );
    // The successor's timeline carries the predecessor's reviews, marked.
    let t = g
        .timeline(&CouncilId::from_raw("greater-westmere"))
        .unwrap();
    let entries: Vec<(String, Option<String>)> = t
        .reviews
        .iter()
        .map(|e| {
            (
                e.review.id.to_string(),
                e.via.as_ref().map(|v| v.relation.clone()),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "westmere/2019-03-04-cpc".to_string(),
                Some("predecessor".to_string())
            ),
            (
                "greater-westmere/2024-05-14-progress-review".to_string(),
                None
            ),
        ]
    );
    // The predecessor's own timeline is unchanged.
    let t = g.timeline(&CouncilId::from_raw("westmere")).unwrap();
    assert_eq!(t.reviews.len(), 1);
}

#[test]
fn a_recommendation_recurs_across_a_reorganisation() {
    let old = doc(
        "Westmere District Council",
        CorporatePeerChallenge,
        Some(days(2017, 6, 5, 8)),
    )
    .rec("Agree a single housing delivery plan with the county and the districts")
    .build();
    let new = doc(
        "Greater Westmere Council",
        CorporatePeerChallenge,
        Some(days(2025, 6, 2, 5)),
    )
    .predecessors(&["Westmere District Council"])
    .rec("Agree a single housing delivery plan with partners across the county")
    .build();
    let g = build(vec![old, new]);
    let recurs: Vec<String> = lines(g.dataset(), "link recurs");
    assert!(
        recurs.iter().any(|l| l.starts_with(
            "link recurs greater-westmere/2025-06-02-cpc#r1 -> westmere/2017-06-05-cpc#r1"
        )),
        "{recurs:#?}"
    );
}

#[test]
fn a_joint_review_is_on_each_councils_trail() {
    let joint = doc(
        "Brenford District Council",
        CorporatePeerChallenge,
        Some(days(2022, 3, 14, 18)),
    )
    .joint(&["Ashmere District Council"])
    .rec("Set out one ambition for both districts")
    .build();
    let g = build(vec![joint]);
    let data = g.dataset();
    assert_eq!(data.councils.len(), 2);
    let t = g.timeline(&CouncilId::from_raw("ashmere")).unwrap();
    assert_eq!(t.reviews.len(), 1);
    let via = t.reviews[0].via.as_ref().unwrap();
    assert_eq!(
        (via.relation.as_str(), via.council.as_str()),
        ("joint", "brenford")
    );
    assert!(data.links.iter().all(|l| l.kind != LinkKind::Recurs));
}
