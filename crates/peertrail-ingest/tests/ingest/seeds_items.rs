//! What the five real reports recommend, restate, report on and propose,
//! field by field. Text checks use short fragments, counts and numbers; the
//! reports themselves are read from `../shared/seeds/` and the tests return
//! early with a message when that folder is absent.

use peertrail_core::{ActionId, RecommendationKind, Status};

use crate::common::*;

// ---- 000: key reflections and suggestions ----

#[test]
fn seed000_four_key_reflections() {
    let Some((text, e)) = seed_with_text("000_") else {
        return;
    };
    let reflections = own_of_kind(&e, RecommendationKind::Reflection);
    assert_starts(
        &reflections,
        &[
            "A massive local community effort",
            "Delivering on recovery and renewal",
            "The way in which",
            "There is an open and consistent",
        ],
    );
    assert_eq!(labels(&reflections), [None, None, None, None], "unnumbered");
    // The body paragraph that follows a reflection is not part of it.
    assert!(
        !reflections[0].text.contains("Pre COVID-19 the Cabinet"),
        "{}",
        dump(&reflections)
    );
    assert_span(
        &text,
        reflections[1].span,
        "Delivering on recovery",
        line_of(&text, "Delivering on recovery and renewal will"),
        "second reflection",
    );
}

#[test]
fn seed000_dedicated_event_bullets_are_suggestions() {
    let Some(e) = seed("000_") else { return };
    let suggestions = own_of_kind(&e, RecommendationKind::Suggestion);
    assert_starts(
        &suggestions,
        &[
            "listen to, recognise",
            "map out, align",
            "fully understand the current",
            "be clear on the ways",
        ],
    );
    assert!(
        own_of_kind(&e, RecommendationKind::Recommendation).is_empty(),
        "a panel makes no recommendations:{}",
        dump(&own(&e))
    );
}

#[test]
fn seed000_items_are_numbered_by_position() {
    // Reflections and suggestions share one numbering (their 1-based
    // position among the review's items), so ids never collide.
    let Some(e) = seed("000_") else { return };
    let mut items = own(&e);
    assert_eq!(
        items.len(),
        8,
        "4 reflections + 4 suggestions:{}",
        dump(&items)
    );
    items.sort_by_key(|r| r.span.start);
    assert_eq!(
        numbers(&items),
        [1, 2, 3, 4, 5, 6, 7, 8],
        "{}",
        dump(&items)
    );
    // Purpose bullets and the "Examples of which may include" bullets are
    // not items.
    assert_no_item_contains(&e, "Reflect on what the Council");
    assert_no_item_contains(&e, "An effective signpost");
    assert_no_item_contains(&e, "A source of informed encouragement");
    assert!(e.progress.is_empty() && e.actions.is_empty());
}

// ---- 001: restated recommendations with status groups ----

const SH_CPC: &str = "st-helens/2019-01-cpc";
const SH_PANEL: &str = "st-helens/2020-09-panel";
const SH_DOC: &str = "st-helens/2021-03-17-remote-support";

#[test]
fn seed001_seventeen_restated_recommendations() {
    let Some(e) = seed("001_") else { return };
    let cpc = recs_of(&e, SH_CPC);
    let panel = recs_of(&e, SH_PANEL);
    assert_eq!(ids(&cpc), rec_ids(SH_CPC, 12), "{}", dump(&cpc));
    assert_eq!(ids(&panel), rec_ids(SH_PANEL, 5), "{}", dump(&panel));
    assert_eq!(e.recommendations.len(), 17, "{}", dump(&all_items(&e)));
    for r in cpc.iter().chain(&panel) {
        assert_eq!(r.kind, RecommendationKind::Recommendation, "{}", r.id);
    }
    assert!(wording(cpc[0]).contains("Ensuring that improving"));
    assert!(wording(cpc[5]).contains("proactive external communications"));
    assert!(wording(cpc[6]).contains("distributed leadership model"));
    assert!(wording(cpc[11]).contains("organisational development"));
    assert!(wording(panel[0]).contains("priorities for modernisation"));
    assert!(wording(panel[3]).contains("challenges presented"));
    assert!(wording(panel[4]).contains("localities-based working"));
}

#[test]
fn seed001_recommendation_is_the_bold_lead_not_the_commentary() {
    let Some((text, e)) = seed_with_text("001_") else {
        return;
    };
    let cpc = recs_of(&e, SH_CPC);
    let first = cpc
        .first()
        .unwrap_or_else(|| panic!("no CPC recommendations"));
    assert!(
        !wording(first).contains("OFSTED monitoring"),
        "the council's commentary is progress, not the recommendation: {:?}",
        wording(first)
    );
    assert_span(
        &text,
        first.span,
        "Ensuring that improving",
        line_of(&text, "**Ensuring that improving"),
        "first restated recommendation",
    );
    // The bullet after a blank line inside the list still belongs to the panel.
    let panel = recs_of(&e, SH_PANEL);
    assert_eq!(panel.len(), 5, "{}", dump(&panel));
    assert_eq!(
        panel[3].span.line,
        line_of(&text, "**Adjusting to the opportunities")
    );
}

#[test]
fn seed001_progress_statuses_per_group() {
    let Some(e) = seed("001_") else { return };
    let mut got: Vec<(String, Status)> = e
        .progress
        .iter()
        .map(|p| (p.recommendation.to_string(), p.status))
        .collect();
    got.sort_by(|a, b| {
        peertrail_core::RecommendationId::from_raw(a.0.clone())
            .cmp(&peertrail_core::RecommendationId::from_raw(b.0.clone()))
    });
    let mut want: Vec<(String, Status)> = Vec::new();
    for i in 1..=6 {
        want.push((format!("{SH_CPC}#r{i}"), Status::SignificantProgress));
    }
    for i in 7..=12 {
        want.push((format!("{SH_CPC}#r{i}"), Status::InProgress));
    }
    for i in 1..=5 {
        want.push((format!("{SH_PANEL}#r{i}"), Status::Begun));
    }
    assert_eq!(got, want);
    for p in &e.progress {
        assert_eq!(p.review.as_str(), SH_DOC, "reported by this session");
    }
}

#[test]
fn seed001_progress_carries_the_commentary() {
    let Some(e) = seed("001_") else { return };
    let commentary = |id: String| {
        e.progress
            .iter()
            .find(|p| p.recommendation.as_str() == id)
            .and_then(|p| p.commentary.clone())
            .unwrap_or_else(|| panic!("no commentary for {id}"))
    };
    let first = commentary(format!("{SH_CPC}#r1"));
    assert!(first.contains("improvement plan is in place"), "{first:?}");
    assert!(!first.contains("**"), "markup removed: {first:?}");
    let seventh = commentary(format!("{SH_CPC}#r7"));
    assert!(
        seventh.contains("organisational restructure"),
        "{seventh:?}"
    );
    let last = commentary(format!("{SH_PANEL}#r5"));
    assert!(last.contains("due to be agreed by Cabinet"), "{last:?}");
    for p in &e.progress {
        assert!(
            !p.wording.is_empty(),
            "{}: status wording",
            p.recommendation
        );
    }
}

#[test]
fn seed001_localities_bullets_are_not_recommendations() {
    let Some(e) = seed("001_") else { return };
    assert!(own(&e).is_empty(), "no own items:{}", dump(&own(&e)));
    assert_no_item_contains(&e, "trial on a small scale");
    assert_no_item_contains(&e, "quality of relationships");
    assert_no_item_contains(&e, "intensive support for children");
    assert_no_item_contains(&e, "Time to reflect on the progress");
}

// ---- 002: quoted recommendations under theme headings ----

const CW_CPC: &str = "cheshire-west-and-chester/2022-07-cpc";
const CW_DOC: &str = "cheshire-west-and-chester/2023-03-22-progress-review";

#[test]
fn seed002_seven_quoted_recommendations() {
    let Some(e) = seed("002_") else { return };
    let recs = recs_of(&e, CW_CPC);
    assert_eq!(ids(&recs), rec_ids(CW_CPC, 7), "{}", dump(&recs));
    assert_eq!(e.recommendations.len(), 7, "{}", dump(&all_items(&e)));
    assert_starts(
        &recs,
        &[
            "Further develop the type of live",
            "Revisit the revenue and capital",
            "In line with the recommendation",
            "With this definition",
            "Look for further opportunities",
            "Refresh the approach to member",
            "Further develop the detailed plan",
        ],
    );
    for r in &recs {
        assert_eq!(r.kind, RecommendationKind::Recommendation, "{}", r.id);
    }
}

#[test]
fn seed002_wrapped_bullet_is_joined() {
    let Some((text, e)) = seed_with_text("002_") else {
        return;
    };
    let recs = recs_of(&e, CW_CPC);
    let first = recs.first().unwrap_or_else(|| panic!("none"));
    assert!(
        first
            .text
            .contains("financial pressures currently being faced"),
        "wraps joined by one space: {:?}",
        first.text
    );
    assert!(
        first.text.ends_with("sustainable ways."),
        "{:?}",
        first.text
    );
    assert!(!first.text.contains("Revisit"), "stops at the next bullet");
    let start = line_of(&text, "Further develop the type of live");
    assert_span(
        &text,
        first.span,
        "Further develop",
        start,
        "wrapped bullet",
    );
    assert_eq!(first.span.end_line, start + 5, "six physical lines");
    // The bullet written with a leading space and no dash.
    let last = recs.last().unwrap_or_else(|| panic!("none"));
    assert_span(
        &text,
        last.span,
        "Further develop the detailed plan",
        line_of(&text, "Further develop the detailed plan"),
        "dashless bullet",
    );
}

#[test]
fn seed002_themes_from_the_headings() {
    let Some(e) = seed("002_") else { return };
    let recs = recs_of(&e, CW_CPC);
    let themes: Vec<Vec<String>> = recs
        .iter()
        .map(|r| r.themes.iter().map(|t| t.name().into_owned()).collect())
        .collect();
    let fp = vec!["Financial Planning".to_string()];
    let ce = vec!["Community Engagement and Co-Design".to_string()];
    let hs = vec!["Health and Social Care Integration".to_string()];
    assert_eq!(
        themes,
        [fp.clone(), fp, ce.clone(), ce.clone(), ce.clone(), ce, hs]
    );
}

#[test]
fn seed002_progress_entry_for_each() {
    let Some(e) = seed("002_") else { return };
    let mut got: Vec<String> = e
        .progress
        .iter()
        .map(|p| p.recommendation.to_string())
        .collect();
    got.sort_by(|a, b| {
        peertrail_core::RecommendationId::from_raw(a.clone())
            .cmp(&peertrail_core::RecommendationId::from_raw(b.clone()))
    });
    assert_eq!(
        got,
        rec_ids(CW_CPC, 7),
        "one progress entry per recommendation"
    );
    for p in &e.progress {
        assert_eq!(p.review.as_str(), CW_DOC);
    }
}

#[test]
fn seed002_purpose_bullets_and_focus_themes_are_not_recommendations() {
    let Some(e) = seed("002_") else { return };
    assert!(own(&e).is_empty(), "no own items:{}", dump(&own(&e)));
    assert_no_item_contains(&e, "Feedback from the peer team");
    assert_no_item_contains(&e, "A sounding board");
    assert_no_item_contains(&e, "Space to discuss");
    for r in &e.recommendations {
        let w = wording(r);
        assert!(
            w != "Community engagement and co-design" && w != "Health and social care Integration",
            "a focus theme became an item: {}",
            r.id
        );
        assert!(!w.starts_with("Introduction"), "contents line: {}", r.id);
    }
}

// ---- 003: numbered key recommendations with bold-italic titles ----

const SEFTON: &str = "sefton/2018-09-04-cpc";

#[test]
fn seed003_six_key_recommendations_with_titles() {
    let Some((text, e)) = seed_with_text("003_") else {
        return;
    };
    let recs = own_of_kind(&e, RecommendationKind::Recommendation);
    assert_eq!(ids(&recs), rec_ids(SEFTON, 6), "{}", dump(&recs));
    let want_labels: Vec<Option<String>> = (1..=6).map(|i| Some(i.to_string())).collect();
    assert_eq!(labels(&recs), want_labels);
    let titles: Vec<&str> = recs
        .iter()
        .map(|r| r.title.as_deref().unwrap_or(""))
        .collect();
    for (title, start) in titles.iter().zip([
        "Prioritise the refresh",
        "Strengthen corporate performance",
        "Refresh and make clear form",
        "Be clear on the council",
        "Accelerate work on a local economic",
        "Develop the role of all members",
    ]) {
        assert!(
            title.starts_with(start),
            "title {title:?} should start {start:?}"
        );
        assert!(!title.contains('*'), "markup removed from {title:?}");
        assert!(
            !title.contains("This "),
            "title is the bold run only: {title:?}"
        );
    }
    for (r, start) in recs.iter().zip([
        "This will help ensure",
        "The cabinet should receive",
        "The team acknowledged",
        "This requires both officers",
        "This will help Sefton",
        "This should reflect",
    ]) {
        assert!(
            r.text.starts_with(start),
            "{}: text is the rest after the title: {:?}",
            r.id,
            r.text
        );
    }
    assert_span(
        &text,
        recs[0].span,
        "Prioritise the refresh",
        line_of(&text, "Prioritise the refresh"),
        "r1",
    );
    assert_span(
        &text,
        recs[5].span,
        "Develop the role of all members",
        line_of(&text, "Develop the role of all members"),
        "r6",
    );
}

#[test]
fn seed003_scope_questions_are_not_recommendations() {
    let Some(e) = seed("003_") else { return };
    assert_no_item_contains(&e, "Does the council");
    assert_no_item_contains(&e, "Is organisational capacity");
    assert_no_item_contains(&e, "Is there effective political");
    assert_no_item_contains(&e, "progress made to date");
    assert_no_item_contains(&e, "vision for change and the scale");
    assert_no_item_contains(&e, "more than 140 people");
    assert!(e.placeholders.is_empty());
    assert!(e.progress.is_empty() && e.actions.is_empty());
}

// ---- 004: Halton action plan ----

const HALTON_CPC: &str = "halton/2019-09-10-cpc";

#[test]
fn seed004_eleven_recommendations_of_the_cpc() {
    let Some(e) = seed("004_") else { return };
    let recs = recs_of(&e, HALTON_CPC);
    assert_eq!(ids(&recs), rec_ids(HALTON_CPC, 11), "{}", dump(&recs));
    assert_eq!(e.recommendations.len(), 11, "{}", dump(&all_items(&e)));
    let want_labels: Vec<Option<String>> = (1..=11).map(|i| Some(i.to_string())).collect();
    assert_eq!(labels(&recs), want_labels, "printed numbers");
    assert!(recs[0].text.contains("longterm vision for Halton"));
    assert!(recs[10].text.contains("Performance Management Framework"));
    for r in &recs {
        assert_eq!(r.kind, RecommendationKind::Recommendation);
        assert_eq!(r.title, None, "{}: nothing is set apart as a title", r.id);
        assert!(!r.text.contains("Proposed Action"), "{}", r.id);
    }
    assert_no_item_contains(&e, "Seminars");
    assert_no_item_contains(&e, "Inside Halton");
}

#[test]
fn seed004_one_action_per_recommendation() {
    let Some((text, e)) = seed_with_text("004_") else {
        return;
    };
    let plan = &e.review.id;
    let mut actions = e.actions.clone();
    actions.sort_by(|a, b| a.id.cmp(&b.id));
    let got: Vec<(String, u32, Option<String>)> = actions
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                a.number,
                a.recommendation.as_ref().map(|r| r.to_string()),
            )
        })
        .collect();
    let want: Vec<(String, u32, Option<String>)> = (1..=11)
        .map(|n| {
            (
                ActionId::new(plan, n).to_string(),
                n,
                Some(format!("{HALTON_CPC}#r{n}")),
            )
        })
        .collect();
    assert_eq!(got, want);
    let empty: Vec<u32> = actions
        .iter()
        .filter(|a| a.text.is_empty())
        .map(|a| a.number)
        .collect();
    assert_eq!(empty, [2, 3], "blank proposed actions");
    assert!(actions[0].text.contains("first three recommendations"));
    assert!(
        actions[0].text.contains("Seminars"),
        "bullets belong to the action"
    );
    assert!(!actions[0].text.contains("Engage with partners"));
    assert!(actions[8].text.contains("recommendation no 1"));
    // The span may or may not take in the "Proposed Action" line, but it
    // covers the action's text and nothing of the next recommendation.
    let a4 = &text[actions[3].span.start..actions[3].span.end];
    assert!(a4.contains("establish a fund"), "action 4 span: {a4:?}");
    assert!(!a4.contains("Recommendation 5"), "action 4 span: {a4:?}");
    let line = line_of(&text, "recommended to establish a fund");
    assert!(actions[3].span.line <= line && line <= actions[3].span.end_line);
}

#[test]
fn seed004_covered_by() {
    let Some(e) = seed("004_") else { return };
    let plan = &e.review.id;
    let mut got: Vec<(u32, Option<String>)> = e
        .actions
        .iter()
        .map(|a| (a.number, a.covered_by.as_ref().map(|c| c.to_string())))
        .collect();
    got.sort();
    let a = |n| Some(ActionId::new(plan, n).to_string());
    let want: Vec<(u32, Option<String>)> = (1..=11)
        .map(|n| match n {
            2 | 3 | 9 => (n, a(1)),
            5 => (n, a(4)),
            _ => (n, None),
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn seed004_owners_where_named() {
    let Some(e) = seed("004_") else { return };
    let owner = |n: u32| {
        e.actions
            .iter()
            .find(|a| a.number == n)
            .unwrap_or_else(|| panic!("no action {n}"))
            .owner
            .clone()
    };
    assert_eq!(owner(7).as_deref(), Some("Budget Working Group"));
    assert_eq!(owner(8).as_deref(), Some("Structures Working Group"));
    assert_eq!(owner(10).as_deref(), Some("Finance Team"));
    assert_eq!(owner(11).as_deref(), Some("Chairs' Group"));
    assert_eq!(
        owner(6).as_deref(),
        Some("Policy, People, Performance and Efficiency Division")
    );
    for n in [2, 3, 9] {
        assert_eq!(owner(n), None, "action {n} names no owner");
    }
}
