//! Due dates by era, stated next steps, satisfaction.

use peertrail_core::{CouncilId, NextStepKind};
use peertrail_graph::{DueRule, DueStatus};

use crate::builder::*;
use crate::{build, corpus};

fn rows(g: &peertrail_graph::Graph, as_of: chrono::NaiveDate, council: &str) -> Vec<String> {
    g.due(as_of, Some(&CouncilId::from_raw(council)))
        .into_iter()
        .map(|i| {
            format!(
                "{} {} {} {} {}",
                i.review,
                i.step.as_str(),
                i.due_by,
                i.status.as_str(),
                i.satisfied_by.map_or("-".into(), |r| r.to_string())
            )
        })
        .collect()
}

#[test]
fn stated_next_steps_override_the_era_and_a_missing_cpc_is_overdue() {
    let g = build(corpus::all());
    assert_eq!(
        rows(&g, d(2026, 11, 22), "ashby"),
        [
            "ashby/2018-09-04-cpc follow_up_visit 2020-09-04 satisfied ashby/2020-04-01-follow-up-visit",
            "ashby/2018-09-04-cpc next_peer_challenge 2023-08-31 overdue -",
        ]
    );
    let items = g.due(d(2026, 11, 22), None);
    let next = items
        .iter()
        .find(|i| i.step == NextStepKind::NextPeerChallenge && i.council.as_str() == "ashby")
        .unwrap();
    assert_eq!(next.rule, DueRule::Stated);
    assert!(next.rule_text.contains("before September 2023"));
}

#[test]
fn a_later_cpc_satisfies_the_next_cpc() {
    use peertrail_core::ReviewKind::*;
    let later = doc(
        "Ashby MBC",
        CorporatePeerChallenge,
        Some(days(2023, 6, 6, 9)),
    )
    .build();
    let g = build(vec![corpus::ashby_cpc(), corpus::ashby_follow_up(), later]);
    let r = rows(&g, d(2026, 11, 22), "ashby");
    assert!(
        r.contains(
            &"ashby/2018-09-04-cpc next_peer_challenge 2023-08-31 satisfied ashby/2023-06-06-cpc"
                .to_string()
        ),
        "{r:#?}"
    );
    // The 2023 CPC brings the 2023 era's steps.
    assert!(
        r.contains(
            &"ashby/2023-06-06-cpc report_publication 2023-09-06 satisfied ashby/2023-06-06-cpc"
                .to_string()
        ),
        "{r:#?}"
    );
    assert!(
        r.contains(&"ashby/2023-06-06-cpc action_plan 2023-11-06 overdue -".to_string()),
        "{r:#?}"
    );
    assert!(
        r.contains(&"ashby/2023-06-06-cpc progress_review 2024-06-06 overdue -".to_string()),
        "{r:#?}"
    );
    assert!(
        r.contains(&"ashby/2023-06-06-cpc next_peer_challenge 2028-06-06 due -".to_string()),
        "{r:#?}"
    );
}

#[test]
fn era_defaults() {
    use peertrail_core::ReviewKind::*;
    let old = doc(
        "Oldfield Council",
        CorporatePeerChallenge,
        Some(days(2016, 3, 1, 4)),
    )
    .build();
    let mid = doc(
        "Midfield Council",
        CorporatePeerChallenge,
        Some(days(2021, 10, 4, 7)),
    )
    .build();
    let plan = doc("Midfield Council", ActionPlan, Some(day(2022, 1, 15))).build();
    let g = build(vec![old, mid, plan]);
    assert_eq!(
        rows(&g, d(2022, 6, 1), "oldfield"),
        [
            "oldfield/2016-03-01-cpc follow_up_visit 2018-03-01 overdue -",
            "oldfield/2016-03-01-cpc next_peer_challenge 2021-03-01 overdue -",
        ]
    );
    assert_eq!(
        rows(&g, d(2022, 6, 1), "midfield"),
        [
            "midfield/2021-10-04-cpc progress_review 2022-07-15 due -",
            "midfield/2021-10-04-cpc next_peer_challenge 2026-10-04 due -",
        ]
    );
    let items = g.due(d(2022, 6, 1), Some(&CouncilId::from_raw("midfield")));
    assert_eq!(items[0].status, DueStatus::Due);
    assert_eq!(items[0].rule, DueRule::Era2021To2022);
}

#[test]
fn a_cpc_known_only_by_month_has_its_next_steps_but_one_known_by_year_has_none() {
    use peertrail_core::ReviewKind::*;
    let support = doc("Northby Council", RemotePeerSupport, Some(day(2021, 3, 17)))
        .restates(
            CorporatePeerChallenge,
            Some(month(2019, 1)),
            None,
            "Set a clear vision",
            None,
        )
        .restates(
            CorporatePeerChallenge,
            Some(year(2015)),
            None,
            "Fix the budget",
            None,
        )
        .build();
    let g = build(vec![support]);
    assert_eq!(
        rows(&g, d(2026, 11, 22), "northby"),
        [
            "northby/2019-01-cpc follow_up_visit 2021-01-01 overdue -",
            "northby/2019-01-cpc next_peer_challenge 2024-01-01 overdue -",
        ],
        "no report publication for a report not in the corpus, nothing for the 2015 CPC"
    );
}
