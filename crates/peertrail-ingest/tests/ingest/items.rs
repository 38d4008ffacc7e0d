//! Items on our own trap documents (`docs/`): every way recommendations are
//! labelled and laid out, progress tables, restated recommendations with
//! status groups, reflections and suggestions, action plans, and the
//! numbered lists that are not recommendations at all.

use peertrail_core::{ActionId, RecommendationKind, Status};

use crate::common::*;

// ---- labels and layouts ----

#[test]
fn lettered_a_to_h() {
    let text = doc_text("lettered_recommendations.md");
    let e = doc("lettered_recommendations.md");
    assert_eq!(e.review.id.as_str(), "ashby-vale/2019-05-14-cpc");
    let recs = own(&e);
    assert_eq!(
        ids(&recs),
        rec_ids("ashby-vale/2019-05-14-cpc", 8),
        "{}",
        dump(&recs)
    );
    let want: Vec<Option<String>> = "abcdefgh".chars().map(|c| Some(c.to_string())).collect();
    assert_eq!(labels(&recs), want, "printed letters kept as labels");
    assert_eq!(
        numbers(&recs),
        [1, 2, 3, 4, 5, 6, 7, 8],
        "letters count from 1"
    );
    for r in &recs {
        assert_eq!(r.kind, RecommendationKind::Recommendation);
        assert_eq!(r.title, None);
    }
    assert!(
        recs[3].text.ends_with("tied to the council plan."),
        "wrapped item joined: {:?}",
        recs[3].text
    );
    assert_span(
        &text,
        recs[3].span,
        "Give overview and scrutiny",
        line_of(&text, "d) Give overview"),
        "d)",
    );
    assert_eq!(recs[3].span.end_line, recs[3].span.line + 1);
    assert_no_item_contains(&e, "Ruth Ebdon");
}

#[test]
fn labelled_r1_to_r5_with_bold_titles() {
    let text = doc_text("r_labelled_recommendations.md");
    let e = doc("r_labelled_recommendations.md");
    assert_eq!(e.council.name, "Corrington Council");
    assert_eq!(e.review.held, Some(days((2019, 12, 2), (2019, 12, 5))));
    let recs = own(&e);
    assert_eq!(
        ids(&recs),
        rec_ids("corrington/2019-12-02-cpc", 5),
        "{}",
        dump(&recs)
    );
    let want: Vec<Option<String>> = (1..=5).map(|i| Some(format!("R{i}"))).collect();
    assert_eq!(labels(&recs), want);
    let titles: Vec<Option<&str>> = recs.iter().map(|r| r.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            None,
            Some("Refresh the workforce plan."),
            Some("Strengthen the audit committee."),
            None,
            None
        ]
    );
    assert!(
        recs[1].text.starts_with("The council should plan"),
        "{:?}",
        recs[1].text
    );
    assert!(
        recs[1].text.contains("retirement of a third"),
        "wrap joined"
    );
    assert!(recs[0].text.starts_with("Develop a single corporate plan"));
    assert!(!recs[0].text.starts_with("R1"), "the label is not text");
    assert_span(
        &text,
        recs[2].span,
        "Strengthen the audit committee",
        line_of(&text, "R3:"),
        "R3",
    );
    assert_no_item_contains(&e, "publish an action plan within");
}

#[test]
fn topic_only_numbered_recommendations() {
    let e = doc("topic_only_recommendations.md");
    assert_eq!(e.review.id.as_str(), "holmewood/2020-03-09-cpc");
    let recs = own(&e);
    let texts: Vec<&str> = recs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Financial sustainability",
            "Member development",
            "Housing delivery",
            "Partnership governance",
            "Digital customer access",
        ],
        "short topic lines are the recommendations;{}",
        dump(&recs)
    );
    let want: Vec<Option<String>> = (1..=5).map(|i| Some(i.to_string())).collect();
    assert_eq!(labels(&recs), want);
    for r in &recs {
        assert_eq!(r.title, None, "a topic line is text, not a title");
        assert_eq!(r.kind, RecommendationKind::Recommendation);
    }
    // The contents list is numbered too, but it is not a recommendation.
    assert_no_item_contains(&e, "Executive summary");
    assert_no_item_contains(&e, "The peer team");
}

#[test]
fn whole_document_on_one_line_with_inline_bullets() {
    let text = doc_text("flattened_one_line.txt");
    let e = doc("flattened_one_line.txt");
    let recs = own(&e);
    assert_starts(
        &recs,
        &[
            "Agree a single set of priorities",
            "Strengthen the capacity of the finance team",
            "Set out a programme of development",
        ],
    );
    assert_eq!(labels(&recs), [None, None, None], "bullets have no label");
    assert_eq!(numbers(&recs), [1, 2, 3], "numbered by position");
    assert!(
        !recs[2].text.contains("Next steps") && !recs[2].text.contains("action plan"),
        "the last bullet stops at the next section: {:?}",
        recs[2].text
    );
    assert!(
        !recs[0].text.contains("Key recommendations"),
        "{:?}",
        recs[0].text
    );
    for (r, first) in recs
        .iter()
        .zip(["Agree a single", "Strengthen the", "Set out a"])
    {
        assert_span(&text, r.span, first, 1, r.id.as_str());
        let slice = &text[r.span.start..r.span.end];
        assert!(
            !slice.contains("Executive summary"),
            "{}: span covers only the bullet, not the whole line",
            r.id
        );
    }
    assert!(
        recs[0].span.end <= recs[1].span.start,
        "spans in order, apart"
    );
    assert_no_item_contains(&e, "Executive summary");
    assert_no_item_contains(&e, "clear sense of place");
}

#[test]
fn bullet_glued_to_the_end_of_a_paragraph() {
    let text = doc_text("glued_bullet.txt");
    let e = doc("glued_bullet.txt");
    assert_eq!(e.review.id.as_str(), "millbeck/2020-02-24-cpc");
    let recs = own(&e);
    assert_starts(
        &recs,
        &[
            "Review the town centre masterplan",
            "Build a single view of the customer",
            "Give the audit committee",
        ],
    );
    assert!(
        recs[0].text.ends_with("new development partner."),
        "the glued bullet continues on the next line: {:?}",
        recs[0].text
    );
    assert_span(
        &text,
        recs[0].span,
        "Review the",
        line_of(&text, "to the council. • Review"),
        "glued bullet",
    );
    assert!(
        !text[recs[0].span.start..recs[0].span.end].contains("following key recommendations"),
        "the span starts at the bullet, not at the paragraph"
    );
    assert_no_item_contains(&e, "following key recommendations");
    assert_no_item_contains(&e, "Nadia Price");
}

// ---- progress tables ----

const FERN_CPC: &str = "fernleigh/2021-11-cpc";

#[test]
fn pipe_table_restates_earlier_recommendations() {
    let text = doc_text("progress_table.md");
    let e = doc("progress_table.md");
    assert_eq!(e.council.name, "Fernleigh Borough Council");
    assert_eq!(e.review.kind, peertrail_core::ReviewKind::ProgressReview);
    assert_eq!(e.review.held, Some(day(2022, 6, 14)));
    assert_eq!(e.review.id.as_str(), "fernleigh/2022-06-14-progress-review");
    assert_eq!(
        e.review.follows.as_ref().map(|f| f.as_str()),
        Some(FERN_CPC)
    );
    let placeholder = e
        .placeholders
        .iter()
        .find(|p| p.id.as_str() == FERN_CPC)
        .unwrap_or_else(|| panic!("{:?}", e.placeholders));
    assert_eq!(placeholder.held, Some(month(2021, 11)));
    assert!(own(&e).is_empty(), "restated, not own:{}", dump(&own(&e)));
    let recs = recs_of(&e, FERN_CPC);
    let texts: Vec<&str> = recs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Publish a new council plan",
            "Close the budget gap for 2023/24",
            // A cell broken by a newline is one cell.
            "Review the scrutiny arrangements and their work programme",
            // A continuation row (empty number cell) extends the row above.
            "Develop a workforce plan covering the next five years",
            "Agree a climate action plan",
        ],
        "{}",
        dump(&recs)
    );
    assert_eq!(ids(&recs), rec_ids(FERN_CPC, 5));
    assert_span(
        &text,
        recs[2].span,
        "Review the scrutiny",
        line_of(&text, "| 3 |"),
        "broken cell",
    );
    assert_eq!(recs[2].span.end_line, recs[2].span.line + 1);
    assert_no_item_contains(&e, "No.");
    assert_no_item_contains(&e, "---");
}

#[test]
fn pipe_table_statuses_and_commentary() {
    let e = doc("progress_table.md");
    let mut got: Vec<(String, Status, String, Option<String>)> = e
        .progress
        .iter()
        .map(|p| {
            (
                p.recommendation.to_string(),
                p.status,
                p.wording.clone(),
                p.commentary.clone(),
            )
        })
        .collect();
    got.sort();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        got,
        vec![
            (
                format!("{FERN_CPC}#r1"),
                Status::Complete,
                "Completed".to_string(),
                s("Adopted by Council in March 2022")
            ),
            (
                format!("{FERN_CPC}#r2"),
                Status::SignificantProgress,
                "Almost completed".to_string(),
                s("Savings of £3m identified")
            ),
            (
                format!("{FERN_CPC}#r3"),
                Status::InProgress,
                "Ongoing".to_string(),
                s("Member working group set up")
            ),
            (
                format!("{FERN_CPC}#r4"),
                Status::InProgress,
                "Ongoing".to_string(),
                s("Recruitment campaign launched in May")
            ),
            (
                format!("{FERN_CPC}#r5"),
                Status::NotStarted,
                "Not started".to_string(),
                s("Planned for the autumn")
            ),
        ]
    );
    for p in &e.progress {
        assert_eq!(p.review, e.review.id);
    }
}

#[test]
fn rag_colours_are_statuses() {
    // The document's key reads Green = completed, Amber = in progress,
    // Red = not yet started; that is also the default reading of RAG.
    let e = doc("rag_table.md");
    assert_eq!(e.council.id.as_str(), "eastfield");
    let cpc = "eastfield/2022-09-cpc";
    let recs = recs_of(&e, cpc);
    assert_starts(
        &recs,
        &[
            "Set out a clear vision for the county",
            "Improve the pace of decision making",
            "Invest in the highways asset plan",
            "Strengthen the children",
        ],
    );
    let mut got: Vec<(String, Status, String)> = e
        .progress
        .iter()
        .map(|p| (p.recommendation.to_string(), p.status, p.wording.clone()))
        .collect();
    got.sort();
    let want: Vec<(String, Status, String)> = [
        (1, Status::Complete, "Green"),
        (2, Status::InProgress, "Amber"),
        (3, Status::NotStarted, "Red"),
        (4, Status::InProgress, "Amber"),
    ]
    .into_iter()
    .map(|(n, s, w)| (format!("{cpc}#r{n}"), s, w.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_no_item_contains(&e, "Green");
    assert_no_item_contains(&e, "completed; Amber");
}

// ---- restated recommendations with status groups ----

#[test]
fn bold_led_bullets_restate_two_earlier_reviews() {
    let text = doc_text("restated_status_groups.md");
    let e = doc("restated_status_groups.md");
    assert_eq!(e.review.kind, peertrail_core::ReviewKind::RemotePeerSupport);
    assert_eq!(e.review.id.as_str(), "marshfield/2021-06-09-remote-support");
    let mut placeholders: Vec<(String, Option<peertrail_core::DateSpan>)> = e
        .placeholders
        .iter()
        .map(|p| (p.id.to_string(), p.held))
        .collect();
    placeholders.sort();
    assert_eq!(
        placeholders,
        vec![
            ("marshfield/2018-10-cpc".to_string(), Some(month(2018, 10))),
            (
                "marshfield/2020-11-panel".to_string(),
                Some(month(2020, 11))
            ),
        ],
        "the progress review hoped for in 2022 lies ahead: not a placeholder"
    );
    let cpc = recs_of(&e, "marshfield/2018-10-cpc");
    assert_starts(
        &cpc,
        &[
            "Set a balanced budget",
            "Create a single customer service centre",
            "Develop the role of ward members",
        ],
    );
    let panel = recs_of(&e, "marshfield/2020-11-panel");
    assert_starts(&panel, &["Agree a recovery plan", "Protect the gains"]);
    assert!(own(&e).is_empty(), "{}", dump(&own(&e)));
    assert!(
        !wording(cpc[1]).contains("town hall"),
        "commentary is not the recommendation: {:?}",
        wording(cpc[1])
    );
    assert_span(
        &text,
        panel[1].span,
        "Protect the gains",
        line_of(&text, "**Protect the gains"),
        "panel r2",
    );
    let mut statuses: Vec<(String, Status)> = e
        .progress
        .iter()
        .map(|p| (p.recommendation.to_string(), p.status))
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        vec![
            (
                "marshfield/2018-10-cpc#r1".to_string(),
                Status::SignificantProgress
            ),
            (
                "marshfield/2018-10-cpc#r2".to_string(),
                Status::SignificantProgress
            ),
            ("marshfield/2018-10-cpc#r3".to_string(), Status::InProgress),
            ("marshfield/2020-11-panel#r1".to_string(), Status::Begun),
            ("marshfield/2020-11-panel#r2".to_string(), Status::Begun),
        ]
    );
    let commentary = e
        .progress
        .iter()
        .find(|p| p.recommendation.as_str() == "marshfield/2018-10-cpc#r2")
        .and_then(|p| p.commentary.clone())
        .unwrap_or_default();
    assert!(
        commentary.contains("opened in the town hall"),
        "{commentary:?}"
    );
}

// ---- reflections and suggestions ----

#[test]
fn heading_paragraph_reflections_and_suggestions() {
    let text = doc_text("reflections_and_suggestions.md");
    let e = doc("reflections_and_suggestions.md");
    assert_eq!(
        e.review.kind,
        peertrail_core::ReviewKind::RecoveryRenewalPanel
    );
    assert_eq!(e.review.id.as_str(), "kestrel-down/2020-12-02-panel");
    let reflections = own_of_kind(&e, RecommendationKind::Reflection);
    assert_starts(
        &reflections,
        &[
            "The council",
            "Partners now expect to be involved",
            "The budget for next year",
        ],
    );
    assert!(reflections[0].text.contains("volunteers were a lifeline"));
    assert!(
        !reflections[0].text.contains("four hundred volunteers"),
        "the body paragraph is not the reflection: {:?}",
        reflections[0].text
    );
    let suggestions = own_of_kind(&e, RecommendationKind::Suggestion);
    assert_starts(
        &suggestions,
        &[
            "agree two or three shared priorities",
            "decide which of the emergency meetings",
            "set out how partners will share data",
        ],
    );
    assert!(
        own_of_kind(&e, RecommendationKind::Recommendation).is_empty(),
        "{}",
        dump(&own(&e))
    );
    let mut items = own(&e);
    items.sort_by_key(|r| r.span.start);
    assert_eq!(
        numbers(&items),
        [1, 2, 3, 4, 5, 6],
        "one numbering by position"
    );
    assert_span(
        &text,
        reflections[2].span,
        "The budget for next year",
        line_of(&text, "The budget for next year"),
        "third reflection",
    );
    assert_no_item_contains(&e, "Look back on how");
    assert_no_item_contains(&e, "drew out the following themes");
}

// ---- action plans ----

/// (number, text is empty, owner, covered_by, recommendation).
type ActionRow = (u32, bool, Option<String>, Option<String>, Option<String>);

#[test]
fn action_plan_recommendations_and_actions() {
    let text = doc_text("action_plan.md");
    let e = doc("action_plan.md");
    assert_eq!(e.council.name, "Wyndham Cross Borough Council");
    assert_eq!(e.review.kind, peertrail_core::ReviewKind::ActionPlan);
    assert_eq!(e.review.held, None);
    assert_eq!(e.review.id.as_str(), "wyndham-cross/undated-action-plan");
    let cpc = "wyndham-cross/2018-07-02-cpc";
    assert_eq!(e.review.follows.as_ref().map(|f| f.as_str()), Some(cpc));
    let placeholder = e
        .placeholders
        .iter()
        .find(|p| p.id.as_str() == cpc)
        .unwrap();
    assert_eq!(placeholder.held, Some(days((2018, 7, 2), (2018, 7, 5))));
    let recs = recs_of(&e, cpc);
    assert_eq!(ids(&recs), rec_ids(cpc, 4), "{}", dump(&recs));
    assert!(recs[1].text.starts_with("Work with partners"));
    let plan = &e.review.id;
    let mut actions = e.actions.clone();
    actions.sort_by(|a, b| a.id.cmp(&b.id));
    let got: Vec<ActionRow> = actions
        .iter()
        .map(|a| {
            (
                a.number,
                a.text.is_empty(),
                a.owner.clone(),
                a.covered_by.as_ref().map(|c| c.to_string()),
                a.recommendation.as_ref().map(|r| r.to_string()),
            )
        })
        .collect();
    let s = |v: &str| Some(v.to_string());
    let a1 = Some(ActionId::new(plan, 1).to_string());
    assert_eq!(
        got,
        vec![
            (
                1,
                false,
                s("Housing Working Group"),
                None,
                s(&format!("{cpc}#r1"))
            ),
            // Blank, and nothing says another action covers it.
            (2, true, None, None, s(&format!("{cpc}#r2"))),
            (3, false, None, a1, s(&format!("{cpc}#r3"))),
            (
                4,
                false,
                s("Chief Executive"),
                None,
                s(&format!("{cpc}#r4"))
            ),
        ]
    );
    let a4 = &text[actions[3].span.start..actions[3].span.end];
    assert!(a4.contains("commission an external review"), "{a4:?}");
    assert!(
        !a4.contains("Recommendation 4"),
        "starts after the recommendation: {a4:?}"
    );
    let a2 = &text[actions[1].span.start..actions[1].span.end];
    assert!(
        !a2.contains("Recommendation 3"),
        "a blank action does not reach into the next recommendation: {a2:?}"
    );
    assert!(!recs[0].text.contains("Proposed Action"));
}

// ---- numbered lists that are not recommendations ----

#[test]
fn core_components_are_scope_not_recommendations() {
    let e = doc("core_components_not_recommendations.md");
    assert_eq!(e.review.id.as_str(), "haverleigh/2023-07-11-cpc");
    let recs = own(&e);
    assert_starts(
        &recs,
        &[
            "Agree a set of measurable outcomes",
            "Give the audit and governance committee",
            "Prepare a savings plan",
            "Set up a housing delivery board",
        ],
    );
    for fragment in [
        "Local priorities and outcomes",
        "Organisational and place leadership",
        "Governance and culture",
        "Financial planning and management",
        "Capacity for improvement",
        "housing delivery.",
    ] {
        assert_no_item_contains(&e, fragment);
    }
}

#[test]
fn agenda_items_are_not_recommendations() {
    let e = doc("agenda_items.md");
    assert_eq!(e.council.name, "Oakhurst District Council");
    assert!(
        e.recommendations.is_empty() && e.actions.is_empty() && e.progress.is_empty(),
        "an agenda recommends nothing:{}",
        dump(&all_items(&e))
    );
}

#[test]
fn committee_decisions_are_not_recommendations() {
    let e = doc("committee_decisions.md");
    assert!(
        e.recommendations.is_empty(),
        "resolutions are decisions:{}",
        dump(&all_items(&e))
    );
    assert!(e.actions.is_empty() && e.progress.is_empty());
}

#[test]
fn numbered_section_headings_around_the_recommendations() {
    // "3. Key recommendations of the peer team" is followed by items
    // numbered from 1 again; the sections and "1.1" paragraph are not items.
    let e = doc("decoy_dates.md");
    let recs = own(&e);
    assert_starts(
        &recs,
        &[
            "Set a clear vision for the borough",
            "Put the capital programme",
            "Improve the way the council handles",
        ],
    );
    assert_eq!(ids(&recs), rec_ids("ravensmoor/2019-10-22-cpc", 3));
    for fragment in [
        "Purpose of the report",
        "Background",
        "To present",
        "Next steps",
    ] {
        assert_no_item_contains(&e, fragment);
    }
}

#[test]
fn recommendations_of_other_shapes_are_counted_exactly() {
    // The remaining documents with plain numbered lists.
    for (name, review, n) in [
        ("dates_cross_month.md", "sandholme/2019-09-30-cpc", 3),
        (
            "dates_ordinal_year_elsewhere.md",
            "stonebridge-vale/2021-11-08-cpc",
            3,
        ),
        ("peers_comma_separated.md", "harrowdene/2022-03-07-cpc", 2),
        (
            "peers_group_member.md",
            "westerleigh/2022-10-19-finance-review",
            2,
        ),
    ] {
        let e = doc(name);
        let recs = own(&e);
        assert_eq!(ids(&recs), rec_ids(review, n), "{name}:{}", dump(&recs));
    }
    let e = doc("dates_cross_month.md");
    let recs = own(&e);
    assert!(
        recs[0].text.ends_with("with the combined authority."),
        "{:?}",
        recs[0].text
    );
    assert_no_item_contains(&e, "follow-up visit");
    let e = doc("peers_bracketed.md");
    assert!(
        own_of_kind(&e, RecommendationKind::Recommendation).is_empty(),
        "{}",
        dump(&own(&e))
    );
    assert_no_item_contains(&e, "Amir Shah");
}
