//! Decisions applied to the shared hand-built data set: what each kind
//! does, and orphans when the target's text changed or it is gone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use peertrail_core::{Dataset, LinkKind, Source, Status};
use peertrail_decisions::{
    apply, fingerprint, header, import, parse, render, Decision, Decisions, Fingerprints,
    LinkVerdict, OutcomeKind, TrackerRow,
};

const CPC: &str = "corrington/2021-03-cpc";
const PROGRESS: &str = "corrington/2021-11-02-progress-review";

fn file(decisions: &[Decision]) -> Decisions {
    let mut text = header();
    for d in decisions {
        text.push_str(&render(d));
    }
    parse(&text, "t.toml").unwrap()
}

fn fp(data: &Dataset, id: &str) -> Option<String> {
    Fingerprints::of(data).fingerprint(id).map(str::to_string)
}

fn update(data: &Dataset, id: &str, status: Status, day: u32) -> Decision {
    Decision::StatusUpdate {
        recommendation: id.to_string(),
        fingerprint: fp(data, id),
        text: None,
        status,
        date: chrono::NaiveDate::from_ymd_opt(2023, 1, day).unwrap(),
        note: Some("board".into()),
        who: None,
    }
}

#[test]
fn each_kind_of_decision_changes_what_it_names() {
    let mut data = common::dataset();
    let r2 = format!("{CPC}#r2");
    let reject = Decision::Link {
        verdict: LinkVerdict::Reject,
        from: PROGRESS.into(),
        to: format!("{CPC}#r1"),
        kind: LinkKind::ReportsProgress,
        from_fingerprint: fp(&data, PROGRESS),
        to_fingerprint: fp(&data, &format!("{CPC}#r1")),
        note: None,
        who: None,
    };
    let add = Decision::Link {
        verdict: LinkVerdict::Add,
        from: PROGRESS.into(),
        to: r2.clone(),
        kind: LinkKind::ReportsProgress,
        from_fingerprint: None,
        to_fingerprint: None,
        note: Some("said in the commentary".into()),
        who: None,
    };
    let title = Decision::Correct {
        target: r2.clone(),
        fingerprint: fp(&data, &r2),
        text: None,
        field: peertrail_decisions::Field::Title,
        value: "A shorter title".into(),
        note: None,
        who: None,
    };
    let decisions = file(&[
        reject,
        add,
        title,
        update(&data, &r2, Status::Begun, 1),
        update(&data, &r2, Status::InProgress, 1),
    ]);
    let report = apply(&mut data, &decisions);
    assert_eq!(report.count(OutcomeKind::Applied), 5, "{report:#?}");
    assert!(!data
        .links
        .iter()
        .any(|l| l.kind == LinkKind::ReportsProgress && l.to == format!("{CPC}#r1")));
    assert!(
        data.progress.is_empty(),
        "a rejected status link takes its status"
    );
    let added = data
        .links
        .iter()
        .find(|l| l.kind == LinkKind::ReportsProgress && l.to == r2)
        .unwrap();
    assert_eq!(
        (added.source, added.evidence.rule),
        (Source::Decided, peertrail_core::LinkRule::Decision)
    );
    let rec = data
        .recommendations
        .iter()
        .find(|r| r.id.as_str() == r2)
        .unwrap();
    assert_eq!(rec.title.as_deref(), Some("A shorter title"));
    assert_eq!(rec.decided, ["title"]);
    assert_eq!(rec.id.as_str(), r2, "ids stay as extracted");
    // Two updates the same day: the later record is shown, once.
    let updates: Vec<Status> = data
        .updates
        .iter()
        .filter(|u| u.recommendation.as_str() == r2)
        .map(|u| u.status)
        .collect();
    assert_eq!(updates, [Status::InProgress]);
}

#[test]
fn a_changed_text_orphans_the_decision_with_candidates() {
    let original = common::dataset();
    let r1 = format!("{CPC}#r1");
    let d = update(&original, &r1, Status::Complete, 9);
    // Re-extraction: r1 and r2 swap places (the same texts, renumbered).
    let mut data = original.clone();
    let (a, b) = {
        let i = data
            .recommendations
            .iter()
            .position(|r| r.id.as_str() == r1)
            .unwrap();
        let j = data
            .recommendations
            .iter()
            .position(|r| r.id.as_str() == format!("{CPC}#r2"))
            .unwrap();
        (i, j)
    };
    let (t1, t2) = (
        data.recommendations[a].text.clone(),
        data.recommendations[b].text.clone(),
    );
    let title = data.recommendations[a].title.take();
    data.recommendations[a].text = t2;
    data.recommendations[b].text = t1;
    data.recommendations[b].title = title;
    let report = apply(&mut data, &file(&[d]));
    assert_eq!(report.count(OutcomeKind::Orphaned), 1, "{report:#?}");
    let o = &report.outcomes[0];
    assert!(
        o.reason.as_deref().unwrap().contains("is not what it was"),
        "{o:?}"
    );
    assert_eq!(o.candidates[0], format!("{CPC}#r2 (same text)"));
    assert!(data.updates.iter().all(|u| u.recommendation.as_str() != r1));
}

#[test]
fn a_gone_target_is_orphaned_and_a_moot_rejection_not_needed() {
    let mut data = common::dataset();
    let gone = Decision::Response {
        recommendation: format!("{CPC}#r9"),
        fingerprint: Some(fingerprint("Refresh the medium-term financial plan")),
        text: Some("Refresh the medium-term financial plan and set out savings".into()),
        response: peertrail_core::ResponseKind::Accepted,
        date: chrono::NaiveDate::from_ymd_opt(2021, 5, 1).unwrap(),
        note: None,
        who: None,
    };
    let moot = Decision::Link {
        verdict: LinkVerdict::Reject,
        from: PROGRESS.into(),
        to: format!("{CPC}#r2"),
        kind: LinkKind::Recurs,
        from_fingerprint: None,
        to_fingerprint: None,
        note: None,
        who: None,
    };
    let report = apply(&mut data, &file(&[gone, moot]));
    let kinds: Vec<OutcomeKind> = report.outcomes.iter().map(|o| o.kind).collect();
    assert_eq!(kinds, [OutcomeKind::Orphaned, OutcomeKind::NotNeeded]);
    assert!(report.outcomes[0].candidates[0].starts_with(&format!("{CPC}#r1 (")));
}

#[test]
fn tracker_rows_become_decisions_and_bad_rows_are_refused() {
    let data = common::dataset();
    let fps = Fingerprints::of(&data);
    let row = |line: u64, cells: &[(&str, &str)]| TrackerRow {
        line,
        cells: cells
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
    };
    let r1 = format!("{CPC}#r1");
    let m1 = "marshfield/2019-06-11-cpc#r1";
    let rows = [
        row(
            2,
            &[
                ("id", &r1),
                ("update_status", "Complete"),
                ("update_date", "03/02/2023"),
            ],
        ),
        // As exported: the update already recorded, unchanged.
        row(
            3,
            &[
                ("id", m1),
                ("update_status", "in_progress"),
                ("update_date", "2020-02-14"),
                ("update_note", "Partnership board agreed the draft vision."),
                ("update_who", "K. Osei"),
            ],
        ),
        row(4, &[("id", m1), ("update_status", ""), ("update_date", "")]),
        row(
            5,
            &[
                ("id", "corrington/2021-03-cpc#r7"),
                ("update_status", "begun"),
            ],
        ),
        row(
            6,
            &[
                ("id", &r1),
                ("update_status", "nearly"),
                ("update_date", "2023-01-01"),
            ],
        ),
        row(
            7,
            &[
                ("id", &r1),
                ("response", "not accepted"),
                ("response_date", "2021-04-20"),
            ],
        ),
    ];
    let got = import(&data, &fps, &rows).unwrap();
    assert_eq!(got.unchanged, 1);
    let lines: Vec<u64> = got.changes.iter().map(|c| c.line).collect();
    assert_eq!(lines, [2, 7]);
    let refused: Vec<u64> = got.refused.iter().map(|r| r.line).collect();
    assert_eq!(refused, [4, 5, 6], "{got:#?}");
    assert!(
        got.refused[1].reason.contains("did you mean"),
        "{:?}",
        got.refused[1]
    );
}
