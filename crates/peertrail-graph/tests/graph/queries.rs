//! trace, timeline, people and due: the answers as data (their text
//! renderings belong to the CLI and are pinned by its snapshots).

use peertrail_core::{CouncilId, RecommendationId};
use peertrail_graph::query::EventKind;
use peertrail_graph::Direction;

use crate::builder::d;
use crate::{build, corpus};

#[test]
fn trace_lists_later_events_in_date_order() {
    let g = build(corpus::all());
    let t = g
        .trace(&RecommendationId::from_raw("ashby/2018-09-04-cpc#r3"))
        .unwrap();
    assert_eq!(t.events.len(), 1);
    assert_eq!(t.events[0].kind, EventKind::Recurred);
    assert_eq!(
        t.events[0].item.as_deref(),
        Some("ashby/2020-04-01-follow-up-visit#r1")
    );
    let t = g
        .trace(&RecommendationId::from_raw("holmewood/2019-09-10-cpc#r1"))
        .unwrap();
    let kinds: Vec<EventKind> = t.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Restated, EventKind::Answered]);
    assert!(!t.review.in_corpus, "the CPC is a placeholder");
    let t = g
        .trace(&RecommendationId::from_raw("marshfield/2019-01-22-cpc#r1"))
        .unwrap();
    let kinds: Vec<EventKind> = t.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Restated, EventKind::StatusReported]);
    assert!(g.trace(&RecommendationId::from_raw("nowhere#r1")).is_none());
    // JSON works.
    let json = serde_json::to_string(&t).unwrap();
    assert!(json.contains("\"status_reported\""));
}

#[test]
fn timeline_is_in_time_order_with_counts() {
    let g = build(corpus::all());
    let t = g.timeline(&CouncilId::from_raw("marshfield")).unwrap();
    let ids: Vec<&str> = t.reviews.iter().map(|e| e.review.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "marshfield/2019-01-22-cpc",
            "marshfield/2020-09-panel",
            "marshfield/2021-03-17-remote-support"
        ]
    );
    assert_eq!(t.reviews[0].recommendations, 4);
    assert_eq!(t.reviews[0].silent, 1);
    assert_eq!(t.reviews[2].statuses_reported, 4);
    assert_eq!(t.council.name, "Marshfield Borough Council");
    assert!(g.timeline(&CouncilId::from_raw("nowhere")).is_none());
}

#[test]
fn people_and_due() {
    let g = build(corpus::all());
    let people = g.people(Some("houghton"));
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Stephen Houghton");
    assert_eq!(people[0].reviews.len(), 3);
    let due = g.due(d(2026, 11, 22), None);
    assert!(due
        .iter()
        .any(|i| i.status == peertrail_graph::DueStatus::Overdue
            && i.review.as_str() == "ashby/2018-09-04-cpc"
            && i.step.as_str() == "next_peer_challenge"));
}

#[test]
fn a_released_index_is_built_again_by_the_next_query() {
    let mut g = build(corpus::all());
    let due = g.due(d(2026, 11, 22), None);
    let people = g.people(None).len();
    g.release_index();
    assert_eq!(g.due(d(2026, 11, 22), None), due);
    assert_eq!(g.people(None).len(), people);
    assert!(people > 0 && !due.is_empty());
}

#[test]
fn handles_walk_the_graph() {
    let g = build(corpus::all());
    let council = g.council(&CouncilId::from_raw("holmewood")).unwrap();
    let reviews = council.reviews();
    assert_eq!(reviews.len(), 2);
    let cpc = reviews[0];
    assert_eq!(cpc.recommendations().len(), 3);
    let rec = cpc.recommendations()[0];
    let incoming: Vec<&str> = rec
        .links(Direction::Incoming)
        .iter()
        .map(|l| l.kind().as_str())
        .collect();
    assert!(
        incoming.contains(&"responds") && incoming.contains(&"restates"),
        "{incoming:?}"
    );
    let plan = reviews[1];
    assert_eq!(plan.actions().len(), 3);
    assert_eq!(
        plan.actions()[0].recommendation().map(|r| r.id().clone()),
        Some(rec.id().clone())
    );
    let p = g
        .person(&peertrail_core::PersonId::from_raw("dan-archer"))
        .unwrap();
    assert_eq!(p.memberships().len(), 4);
}
