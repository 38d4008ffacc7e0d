//! Links: responds, covered_by, recurs, similar_theme, follows.

use peertrail_core::LinkKind;

use crate::{build, corpus, lines, summary};

#[test]
fn actions_answer_their_recommendations_by_number() {
    let g = build(vec![corpus::holmewood_plan()]);
    let s = summary(g.dataset());
    assert_eq!(
        lines(g.dataset(), "action"),
        [
            "action holmewood/2019-12-02-action-plan#a1 -> holmewood/2019-09-10-cpc#r1",
            "action holmewood/2019-12-02-action-plan#a2 -> holmewood/2019-09-10-cpc#r2",
            "action holmewood/2019-12-02-action-plan#a3 -> holmewood/2019-09-10-cpc#r3",
        ],
        "{s}"
    );
    assert!(s.contains("link responds holmewood/2019-12-02-action-plan#a1 -> holmewood/2019-09-10-cpc#r1 (number 0.9)"), "{s}");
    assert!(s.contains("link covered_by holmewood/2019-12-02-action-plan#a2 -> holmewood/2019-12-02-action-plan#a1 (stated 1)"), "{s}");
    assert!(
        s.contains(
            "link follows holmewood/2019-12-02-action-plan -> holmewood/2019-09-10-cpc (stated 1)"
        ),
        "{s}"
    );
}

#[test]
fn actions_answer_by_text_when_numbers_do_not_help() {
    use crate::builder::*;
    use peertrail_core::ReviewKind::*;
    let cpc = doc(
        "Holmewood Borough Council",
        CorporatePeerChallenge,
        Some(days(2019, 9, 10, 13)),
    )
    .rec("Build a shared narrative for the borough's ambition and growth")
    .rec("Modernise the council's ICT and digital services")
    .build();
    // No `follows`, numbers that match nothing: inferred follows, then text.
    let plan = doc(
        "Holmewood Borough Council",
        ActionPlan,
        Some(day(2019, 12, 2)),
    )
    .action(7, "Modernise ICT: a digital services programme", None)
    .build();
    let g = build(vec![cpc, plan]);
    let s = summary(g.dataset());
    assert!(s.contains("link follows holmewood/2019-12-02-action-plan -> holmewood/2019-09-10-cpc (nearest_earlier_cpc 0.7)"), "{s}");
    assert!(
        s.contains("action holmewood/2019-12-02-action-plan#a7 -> holmewood/2019-09-10-cpc#r2"),
        "{s}"
    );
    assert!(
        lines(g.dataset(), "link responds")
            .iter()
            .any(|l| l.contains("(text ")),
        "{s}"
    );
}

#[test]
fn a_later_review_repeating_an_earlier_recommendation_recurs() {
    let g = build(corpus::all());
    let recurs = lines(g.dataset(), "link recurs");
    assert_eq!(recurs.len(), 1, "{}", summary(g.dataset()));
    assert!(recurs[0].starts_with("link recurs ashby/2020-04-01-follow-up-visit#r1 -> ashby/2018-09-04-cpc#r3 (tfidf_cosine"), "{recurs:?}");
}

#[test]
fn similar_themes_cross_councils_only() {
    let g = build(corpus::all());
    let data = g.dataset();
    let theme_links: Vec<_> = data
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::SimilarTheme)
        .collect();
    assert!(!theme_links.is_empty());
    for l in &theme_links {
        let (a, b) = (
            l.from.as_str().split('/').next(),
            l.to.as_str().split('/').next(),
        );
        assert_ne!(a, b, "{l:?}");
        assert!((0.0..=1.0).contains(&l.confidence));
    }
    // The two finance recommendations find each other.
    assert!(
        theme_links
            .iter()
            .any(|l| l.from == "eastfield/2021-06-07-cpc#r1" && l.to == "ashby/2018-09-04-cpc#r4"),
        "{theme_links:#?}"
    );
    let r = data
        .recommendations
        .iter()
        .find(|r| r.id.as_str() == "eastfield/2021-06-07-cpc#r1")
        .unwrap();
    assert!(
        r.themes
            .iter()
            .any(|t| t.core_component() == Some("financial-planning")),
        "{:?}",
        r.themes
    );
}

#[test]
fn every_link_is_well_formed() {
    let g = build(corpus::all());
    let data = g.dataset();
    for l in &data.links {
        assert!((0.0..=1.0).contains(&l.confidence), "{l:?}");
        assert!(
            g.review(&peertrail_core::ReviewId::from_raw(l.from.as_str()))
                .is_some()
                || data
                    .recommendations
                    .iter()
                    .any(|r| r.id.as_str() == l.from.as_str())
                || data
                    .actions
                    .iter()
                    .any(|a| a.id.as_str() == l.from.as_str()),
            "dangling {l:?}"
        );
    }
}
