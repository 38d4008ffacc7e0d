//! Status updates people recorded between reviews: the latest status
//! follows dates, whatever their source.

use chrono::NaiveDate;
use peertrail_core::{RecommendationId, ReviewKind::*, Source, Status, StatusUpdate};

use crate::build;
use crate::builder::*;

fn update(rec: &str, status: Status, y: i32, m: u32, d: u32) -> StatusUpdate {
    StatusUpdate {
        recommendation: RecommendationId::from_raw(rec),
        status,
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        note: Some("board report".into()),
        who: None,
    }
}

#[test]
fn the_latest_status_follows_dates_whatever_their_source() {
    let cpc = doc(
        "Westmere District Council",
        CorporatePeerChallenge,
        Some(days(2019, 3, 4, 7)),
    )
    .rec("Publish a clear plan for the market town centres")
    .build();
    let later = doc(
        "Westmere District Council",
        ProgressReview,
        Some(day(2020, 6, 1)),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2019, 3)),
        None,
        "Publish a clear plan for the market town centres",
        Some(Status::Begun),
    )
    .build();
    let rec = "westmere/2019-03-04-cpc#r1";
    let mut g = build(vec![cpc, later]);
    let latest = |g: &peertrail_graph::Graph| {
        let l = g.dataset().recommendations[0].latest.clone().unwrap();
        (l.status, l.source, l.reported)
    };
    assert_eq!(latest(&g).0, Status::Begun);
    // An update before the review: the review's status still stands.
    g.edit(|d| d.updates.push(update(rec, Status::NotStarted, 2019, 9, 1)));
    assert_eq!(latest(&g).0, Status::Begun);
    assert_eq!(latest(&g).1, Source::Extracted);
    // One after it wins, and says where it came from.
    g.edit(|d| d.updates.push(update(rec, Status::Complete, 2021, 1, 31)));
    assert_eq!(
        latest(&g),
        (
            Status::Complete,
            Source::Updated,
            NaiveDate::from_ymd_opt(2021, 1, 31)
        )
    );
    let l = g.dataset().recommendations[0].latest.clone().unwrap();
    assert_eq!(l.note.as_deref(), Some("board report"));
    assert_eq!(l.review.as_str(), "westmere/2019-03-04-cpc");
}
