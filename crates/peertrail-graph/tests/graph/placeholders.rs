//! Placeholders: referenced reviews, merged once their document is added.

use crate::{build, corpus, lines, summary};

#[test]
fn restated_recommendations_hang_under_placeholders_with_statuses() {
    let g = build(vec![corpus::marshfield_support()]);
    let s = summary(g.dataset());
    assert_eq!(
        lines(g.dataset(), "review"),
        [
            "review marshfield/2019-01-cpc corporate_peer_challenge placeholder",
            "review marshfield/2020-09-panel recovery_renewal_panel placeholder",
            "review marshfield/2021-03-17-remote-support remote_peer_support",
        ],
        "{s}"
    );
    assert_eq!(
        lines(g.dataset(), "rec"),
        [
            "rec marshfield/2019-01-cpc#r1 latest=significant_progress@marshfield/2021-03-17-remote-support",
            "rec marshfield/2019-01-cpc#r2 latest=in_progress@marshfield/2021-03-17-remote-support",
            "rec marshfield/2019-01-cpc#r3 latest=begun@marshfield/2021-03-17-remote-support",
            "rec marshfield/2020-09-panel#r1 latest=in_progress@marshfield/2021-03-17-remote-support",
        ]
    );
    assert!(s.contains("link restates marshfield/2021-03-17-remote-support -> marshfield/2019-01-cpc#r1 (placeholder_restatement 1)"), "{s}");
}

#[test]
fn placeholder_merges_into_the_real_review_when_its_document_is_added() {
    let before = build(vec![corpus::marshfield_support()]);
    let after = build(vec![corpus::marshfield_support(), corpus::marshfield_cpc()]);
    let s = summary(after.dataset());
    assert_eq!(
        lines(after.dataset(), "review"),
        [
            "review marshfield/2019-01-22-cpc corporate_peer_challenge",
            "review marshfield/2020-09-panel recovery_renewal_panel placeholder",
            "review marshfield/2021-03-17-remote-support remote_peer_support",
        ],
        "{s}"
    );
    assert_eq!(
        lines(after.dataset(), "rec"),
        [
            "rec marshfield/2019-01-22-cpc#r1 latest=significant_progress@marshfield/2021-03-17-remote-support",
            "rec marshfield/2019-01-22-cpc#r2 latest=in_progress@marshfield/2021-03-17-remote-support",
            "rec marshfield/2019-01-22-cpc#r3 latest=begun@marshfield/2021-03-17-remote-support",
            "rec marshfield/2019-01-22-cpc#r4 latest=- silent",
            "rec marshfield/2020-09-panel#r1 latest=in_progress@marshfield/2021-03-17-remote-support",
        ]
    );
    // Nothing duplicated: as many progress entries as before, re-pointed.
    assert_eq!(
        after.dataset().progress.len(),
        before.dataset().progress.len()
    );
    assert!(after
        .dataset()
        .progress
        .iter()
        .all(|p| after.dataset().recommendation(&p.recommendation).is_some()));
    let restates = lines(after.dataset(), "link restates");
    assert_eq!(restates.len(), 4, "{s}");
    assert!(restates[0].starts_with("link restates marshfield/2021-03-17-remote-support -> marshfield/2019-01-22-cpc#r1 (text_match"), "{s}");
    // The mention is re-pointed too.
    assert!(
        s.contains(
            "link references marshfield/2021-03-17-remote-support -> marshfield/2019-01-22-cpc"
        ),
        "{s}"
    );
}

#[test]
fn a_progress_review_quoting_a_placeholder_cpc_merges_with_it() {
    let g = build(vec![corpus::corrington_progress()]);
    assert_eq!(
        lines(g.dataset(), "rec"),
        [
            "rec corrington/2022-07-cpc#r1 latest=in_progress@corrington/2023-03-22-progress-review",
            "rec corrington/2022-07-cpc#r2 latest=begun@corrington/2023-03-22-progress-review",
        ]
    );
    let g = build(vec![
        corpus::corrington_cpc(),
        corpus::corrington_progress(),
    ]);
    let s = summary(g.dataset());
    assert_eq!(
        lines(g.dataset(), "rec"),
        [
            "rec corrington/2022-07-05-cpc#r1 latest=in_progress@corrington/2023-03-22-progress-review",
            "rec corrington/2022-07-05-cpc#r2 latest=begun@corrington/2023-03-22-progress-review",
            "rec corrington/2022-07-05-cpc#r3 latest=- silent",
        ],
        "{s}"
    );
    assert!(s.contains("link follows corrington/2023-03-22-progress-review -> corrington/2022-07-05-cpc (stated 1)"), "{s}");
    // The progress review's theme headings are kept on the real recommendation.
    let r1 = g
        .dataset()
        .recommendations
        .iter()
        .find(|r| r.id.as_str().ends_with("cpc#r1"))
        .unwrap();
    assert!(
        r1.themes.iter().any(|t| t.name() == "Community engagement"),
        "{:?}",
        r1.themes
    );
}

#[test]
fn duplicate_placeholders_from_several_documents_become_one() {
    use crate::builder::*;
    use peertrail_core::{ReviewKind::*, Status};
    let a = doc(
        "Corrington Council",
        RemotePeerSupport,
        Some(day(2022, 11, 1)),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2022, 7)),
        None,
        "Agree with NHS partners a joint plan for health and social care integration",
        Some(Status::Begun),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2022, 7)),
        None,
        "Publish a plan for the town centre",
        None,
    )
    .build();
    // A year-precision mention of the same CPC joins the month placeholder.
    let b = doc("Corrington Council", OtherPeerReview, Some(day(2023, 1, 9)))
        .restates(
            CorporatePeerChallenge,
            Some(year(2022)),
            None,
            "Agree with NHS partners a joint plan for health & social care integration.",
            None,
        )
        .build();
    let g = build(vec![corpus::corrington_progress(), a, b]);
    let s = summary(g.dataset());
    let reviews = lines(g.dataset(), "review");
    assert_eq!(
        reviews.iter().filter(|r| r.contains("placeholder")).count(),
        1,
        "{s}"
    );
    assert_eq!(
        lines(g.dataset(), "rec"),
        [
            "rec corrington/2022-07-cpc#r1 latest=begun@corrington/2023-03-22-progress-review",
            "rec corrington/2022-07-cpc#r2 latest=-",
            "rec corrington/2022-07-cpc#r3 latest=in_progress@corrington/2023-03-22-progress-review",
        ],
        "{s}"
    );
    assert_eq!(lines(g.dataset(), "link restates").len(), 5, "{s}");
}

#[test]
fn an_undated_mention_resolves_to_the_latest_earlier_review() {
    use crate::builder::*;
    use peertrail_core::{ReviewKind::*, Status};
    let later = doc("Marshfield Council", ProgressReview, Some(day(2019, 11, 5)))
        .restates(
            CorporatePeerChallenge,
            None,
            Some(2),
            "Strengthen the medium term financial strategy",
            Some(Status::Begun),
        )
        .build();
    let g = build(vec![corpus::marshfield_cpc(), later]);
    let s = summary(g.dataset());
    assert!(
        s.contains(
            "rec marshfield/2019-01-22-cpc#r2 latest=begun@marshfield/2019-11-05-progress-review"
        ),
        "{s}"
    );
    assert_eq!(lines(g.dataset(), "review").len(), 2, "{s}");
}

#[test]
fn a_second_document_with_the_same_id_is_suffixed() {
    use crate::builder::*;
    use peertrail_core::ReviewKind::*;
    let a = doc("Marshfield Council", OtherPeerReview, Some(day(2020, 2, 3)))
        .rec("Publish the culture review")
        .build();
    let b = doc("Marshfield Council", OtherPeerReview, Some(day(2020, 2, 3)))
        .rec("Agree a members' code")
        .build();
    let g = build(vec![b, a]);
    assert_eq!(
        lines(g.dataset(), "rec"),
        [
            "rec marshfield/2020-02-03-peer-review#r1 latest=- silent",
            "rec marshfield/2020-02-03-peer-review-2#r1 latest=- silent"
        ]
    );
    assert_eq!(g.warnings().len(), 1);
}

#[test]
fn many_documents_with_one_id_take_the_next_free_suffixes() {
    use crate::builder::*;
    use peertrail_core::ReviewKind::*;
    let copy = |text: &str| {
        doc("Marshfield Council", OtherPeerReview, Some(day(2020, 2, 3)))
            .rec(text)
            .build()
    };
    // A document whose own id is the first suffix: the copies skip it.
    let mut taken = copy("Review the constitution");
    let suffixed = taken.review.id.with_suffix(2);
    taken.review.id = suffixed.clone();
    for r in &mut taken.recommendations {
        r.review = suffixed.clone();
        r.id = peertrail_core::RecommendationId::new(&suffixed, r.number);
    }
    let docs = vec![
        copy("Publish the culture review"),
        copy("Agree a members' code"),
        taken,
        copy("Refresh the workforce plan"),
        copy("Set up a scrutiny panel"),
    ];
    let g = build(docs);
    let reviews: Vec<String> = lines(g.dataset(), "rec");
    assert_eq!(
        reviews,
        [
            "rec marshfield/2020-02-03-peer-review#r1 latest=- silent",
            "rec marshfield/2020-02-03-peer-review-2#r1 latest=- silent",
            "rec marshfield/2020-02-03-peer-review-3#r1 latest=- silent",
            "rec marshfield/2020-02-03-peer-review-4#r1 latest=- silent",
            "rec marshfield/2020-02-03-peer-review-5#r1 latest=- silent",
        ]
    );
    assert_eq!(g.warnings().len(), 3);
}
