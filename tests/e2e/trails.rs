//! The sample corpus's trails, linked completely and correctly: every
//! restatement, answer and status the corpus key (`tests/corpus/README.md`)
//! lists, and nothing else.

use std::collections::BTreeSet;

use peertrail_core::{Dataset, LinkKind, Status};
use peertrail_tests::{corpus_dir, dataset};

fn links(data: &Dataset, kind: LinkKind) -> BTreeSet<(String, String)> {
    data.links
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| (l.from.to_string(), l.to.to_string()))
        .collect()
}

fn pairs(from: &str, to: &str, numbers: &[u32]) -> Vec<(String, String)> {
    numbers
        .iter()
        .map(|n| (from.to_string(), format!("{to}#r{n}")))
        .collect()
}

#[test]
fn every_restatement_reaches_the_recommendation_it_quotes() {
    let data = dataset(&[corpus_dir()]);
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    expected.extend(pairs(
        "ashby-vale/2023-03-14-progress-review",
        "ashby-vale/2022-07-12-cpc",
        &[2, 3, 4, 5, 6, 7],
    ));
    expected.extend(pairs(
        "corrington/2019-12-11-action-plan",
        "corrington/2019-09-17-cpc",
        &[1, 2, 3, 4, 5, 6, 7, 8],
    ));
    expected.extend(pairs(
        "corrington/2021-06-08-progress-review",
        "corrington/2019-09-17-cpc",
        &[1, 2, 3, 4, 5, 6, 7, 8],
    ));
    expected.extend(pairs(
        "marshfield/2021-03-16-remote-support",
        "marshfield/2018-09-11-cpc",
        &[1, 2, 3, 4, 5],
    ));
    // The panel's reflections are #r1, #r2, #r7 and #r8; its suggestions sit between.
    expected.extend(pairs(
        "marshfield/2021-03-16-remote-support",
        "marshfield/2020-09-22-panel",
        &[1, 2, 8],
    ));
    // North Vale took over from Ashby Vale: its session restates the
    // predecessor's recommendations, one trail over the reorganisation.
    expected.extend(pairs(
        "north-vale/2025-02-11-remote-support",
        "ashby-vale/2022-07-12-cpc",
        &[1, 2, 3],
    ));
    assert_eq!(links(&data, LinkKind::Restates), expected);
    // Placeholders were all resolved into the real reviews but the one CPC
    // of 2017 that the corpus only mentions.
    let placeholders: Vec<&str> = data
        .reviews
        .iter()
        .filter(|r| !r.in_corpus)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(placeholders, ["ashby-vale/2017-cpc"]);
}

#[test]
fn every_action_answers_its_recommendation() {
    let data = dataset(&[corpus_dir()]);
    let expected: BTreeSet<(String, String)> = (1..=8)
        .map(|n| {
            (
                format!("corrington/2019-12-11-action-plan#a{n}"),
                format!("corrington/2019-09-17-cpc#r{n}"),
            )
        })
        .collect();
    assert_eq!(links(&data, LinkKind::Responds), expected);
    let covered: BTreeSet<(String, String)> = links(&data, LinkKind::CoveredBy);
    let plan = "corrington/2019-12-11-action-plan";
    assert_eq!(
        covered,
        [
            (format!("{plan}#a2"), format!("{plan}#a1")),
            (format!("{plan}#a7"), format!("{plan}#a6"))
        ]
        .into_iter()
        .collect()
    );
}

#[test]
fn latest_statuses_and_silence() {
    let data = dataset(&[corpus_dir()]);
    let status = |id: &str| {
        data.recommendation(&peertrail_core::RecommendationId::from_raw(id))
            .unwrap_or_else(|| panic!("no {id}"))
            .latest
            .as_ref()
            .map(|l| (l.status, l.review.to_string()))
    };
    let remote = "marshfield/2021-03-16-remote-support".to_string();
    for n in [1, 2, 5] {
        assert_eq!(
            status(&format!("marshfield/2018-09-11-cpc#r{n}")),
            Some((Status::SignificantProgress, remote.clone()))
        );
    }
    for n in [3, 4] {
        assert_eq!(
            status(&format!("marshfield/2018-09-11-cpc#r{n}")),
            Some((Status::InProgress, remote.clone()))
        );
    }
    for n in [1, 2, 8] {
        assert_eq!(
            status(&format!("marshfield/2020-09-22-panel#r{n}")),
            Some((Status::Begun, remote.clone()))
        );
    }
    // The successor's report is the latest word on the predecessor's CPC.
    let north = "north-vale/2025-02-11-remote-support".to_string();
    for (n, s) in [
        (1, Status::SignificantProgress),
        (2, Status::SignificantProgress),
        (3, Status::InProgress),
    ] {
        assert_eq!(
            status(&format!("ashby-vale/2022-07-12-cpc#r{n}")),
            Some((s, north.clone()))
        );
    }
    let silent: BTreeSet<&str> = data
        .recommendations
        .iter()
        .filter(|r| r.silent)
        .map(|r| r.id.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "marshfield/2018-09-11-cpc#r6",
        "marshfield/2020-09-22-panel#r3",
        "marshfield/2020-09-22-panel#r4",
        "marshfield/2020-09-22-panel#r5",
        "marshfield/2020-09-22-panel#r6",
        "marshfield/2020-09-22-panel#r7",
    ]
    .into_iter()
    .collect();
    assert_eq!(silent, expected);
}

#[test]
fn one_person_however_written_and_namesakes_kept_apart() {
    let data = dataset(&[corpus_dir()]);
    let served = |person: &str| -> Vec<&str> {
        data.reviews
            .iter()
            .filter(|r| r.peers.iter().any(|m| m.person.as_str() == person))
            .map(|r| r.id.as_str())
            .collect()
    };
    assert_eq!(
        served("ralph-okoro"),
        [
            "ashby-vale/2023-03-14-progress-review",
            "marshfield/2018-09-11-cpc",
            "marshfield/2020-09-22-panel",
            "marshfield/2021-03-16-remote-support"
        ]
    );
    let people: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert!(
        people.contains(&"chris-whitaker") && people.contains(&"christina-whitaker"),
        "{people:?}"
    );
    let hales: Vec<&str> = people
        .iter()
        .copied()
        .filter(|p| p.ends_with("-hale"))
        .collect();
    assert_eq!(
        hales.len(),
        1,
        "Tom and Thomas Hale are one person: {hales:?}"
    );
}
