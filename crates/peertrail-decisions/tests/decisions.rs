//! Decisions applied to the shared hand-built data set: what each kind
//! does, and orphans when the target's text changed or it is gone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use peertrail_core::{Dataset, LinkKind, Source, Status};
use peertrail_decisions::{
    apply, fingerprint, header, import, parse, render, Decision, Decisions, Fingerprints,
    LinkVerdict, OutcomeKind, PeerVerdict, Place, TrackerRow,
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
        .any(|l| l.kind == LinkKind::ReportsProgress && l.to.as_str() == format!("{CPC}#r1")));
    assert!(
        data.progress.is_empty(),
        "a rejected status link takes its status"
    );
    let added = data
        .links
        .iter()
        .find(|l| l.kind == LinkKind::ReportsProgress && l.to.as_str() == r2)
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
        place: Place::Line(line),
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
    let lines: Vec<Place> = got.changes.iter().map(|c| c.place).collect();
    assert_eq!(lines, [2, 7].map(Place::Line));
    let refused: Vec<Place> = got.refused.iter().map(|r| r.place).collect();
    assert_eq!(refused, [4, 5, 6].map(Place::Line), "{got:#?}");
    assert!(
        got.refused[1].reason.contains("did you mean"),
        "{:?}",
        got.refused[1]
    );
}

/// A tracker workbook as a spreadsheet saves it: `cells` (row, column,
/// value) on a sheet named `sheet`; a value `date:YYYY-MM-DD` is a date
/// cell, `num:N` a number, anything else text.
fn workbook(sheet: &str, cells: &[(u32, u16, &str)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (row, col, value) in cells {
        if let Some(d) = value.strip_prefix("date:") {
            let d = ExcelDateTime::parse_from_str(d).unwrap();
            ws.write_date_with_format(*row, *col, &d, &date).unwrap();
        } else if let Some(n) = value.strip_prefix("num:") {
            ws.write_number(*row, *col, n.parse::<f64>().unwrap())
                .unwrap();
        } else {
            ws.write_string(*row, *col, *value).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

const HEADER: [&str; 5] = [
    "id",
    "update_status",
    "update_date",
    "response",
    "response_date",
];

fn header_cells() -> Vec<(u32, u16, &'static str)> {
    (0u16..).zip(HEADER).map(|(c, h)| (0, c, h)).collect()
}

#[test]
fn a_workbook_gives_the_rows_a_csv_gives() {
    use peertrail_decisions::{rows_from_csv, rows_from_xlsx, TrackerFormat};
    let r1 = format!("{CPC}#r1");
    let mut cells = header_cells();
    cells.extend([
        // A date typed into a date cell, and a response date typed as text.
        (1, 0, r1.as_str()),
        (1, 1, "Complete"),
        (1, 2, "date:2024-05-01"),
        (1, 3, "Partly accepted"),
        (1, 4, "11/12/2019"),
        // A serial day in a cell without a date format; a blank row between.
        (3, 0, "x#r2"),
        (3, 1, "num:3"),
        (3, 2, "num:45413"),
        (3, 3, "'=not a formula"),
    ]);
    let bytes = workbook("Recommendations", &cells);
    assert_eq!(
        TrackerFormat::of(Some("anything"), &bytes),
        Ok(TrackerFormat::Xlsx)
    );
    let rows = rows_from_xlsx(&bytes).unwrap();
    let csv = format!(
        "{}\n{r1},Complete,2024-05-01,Partly accepted,11/12/2019\nx#r2,3,2024-05-01,'=not a formula,\n",
        HEADER.join(",")
    );
    let from_csv = rows_from_csv(csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    for (x, c) in rows.iter().zip(&from_csv) {
        assert_eq!(x.cells, c.cells);
    }
    let places: Vec<String> = rows.iter().map(|r| r.place.in_file("t.xlsx")).collect();
    assert_eq!(
        places,
        [
            "t.xlsx: sheet Recommendations, row 2",
            "t.xlsx: sheet Recommendations, row 4"
        ]
    );

    // The same rows through the same import: the same decisions.
    let data = common::dataset();
    let fps = Fingerprints::of(&data);
    let a = import(&data, &fps, &rows).unwrap();
    let b = import(&data, &fps, &from_csv).unwrap();
    let decisions = |r: &peertrail_decisions::ImportResult| {
        r.changes
            .iter()
            .map(|c| c.decision.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(decisions(&a), decisions(&b));
    let summaries: Vec<String> = a.changes.iter().map(|c| c.decision.summary()).collect();
    assert_eq!(
        summaries,
        [
            format!("status update {r1}: complete on 2024-05-01"),
            format!("response to {r1}: partly_accepted on 2019-12-11")
        ]
    );
    assert_eq!(a.refused.len(), 1, "{a:#?}");
    assert_eq!(
        a.refused[0].place.in_file("t.xlsx"),
        "t.xlsx: sheet Recommendations, row 4"
    );
    assert!(
        a.refused[0].reason.contains("no recommendation `x#r2`"),
        "{a:#?}"
    );
}

#[test]
fn a_workbook_without_the_sheet_or_too_large_is_refused() {
    use peertrail_decisions::rows_from_xlsx;
    let bytes = workbook("Sheet1", &header_cells());
    let e = rows_from_xlsx(&bytes).unwrap_err().to_string();
    assert!(
        e.starts_with("no sheet named Recommendations (the workbook has Sheet1)"),
        "{e}"
    );
    // A lower-case name is the sheet still.
    let bytes = workbook("recommendations", &header_cells());
    assert_eq!(rows_from_xlsx(&bytes).unwrap(), []);
    // A cell far down: refused from the sheet's size, before its rows.
    let mut cells = header_cells();
    cells.push((900_000, 0, "x#r1"));
    let e = rows_from_xlsx(&workbook("Recommendations", &cells))
        .unwrap_err()
        .to_string();
    assert!(e.contains("has more than 200000 rows"), "{e}");
}

#[test]
fn a_workbook_without_the_columns_names_its_header_row() {
    use peertrail_decisions::rows_from_xlsx;
    let bytes = workbook("Recommendations", &[(0, 0, "name"), (1, 0, "x")]);
    let rows = rows_from_xlsx(&bytes).unwrap();
    let e = import(
        &common::dataset(),
        &Fingerprints::of(&common::dataset()),
        &rows,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("sheet Recommendations, row 1: no `id` column"),
        "{e}"
    );
}

fn peer(verdict: PeerVerdict, person: Option<&str>, name: Option<&str>) -> Decision {
    Decision::Peer {
        verdict,
        review: PROGRESS.into(),
        person: person.map(str::to_string),
        text: None,
        name: name.map(str::to_string),
        role: None,
        organisation: None,
        position: None,
        note: None,
        who: Some("scrutiny officer".into()),
    }
}

#[test]
fn peer_decisions_correct_remove_and_add_members_and_keep_people_in_step() {
    let mut data = common::dataset();
    let mut correct = peer(
        PeerVerdict::Correct,
        Some("tom-wendell"),
        Some("Tom Wendel-Hart"),
    );
    if let Decision::Peer { role, position, .. } = &mut correct {
        *role = Some(String::new());
        *position = Some("member_peer".into());
    }
    let mut add = peer(PeerVerdict::Add, None, Some("Ravi Shah"));
    if let Decision::Peer { organisation, .. } = &mut add {
        *organisation = Some("Fenby Council".into());
    }
    let decisions = [
        correct,
        peer(PeerVerdict::Remove, Some("lena-ford"), None),
        add,
    ];
    // Written and read back as a person would find them in the file.
    let report = apply(&mut data, &file(&decisions));
    assert_eq!(report.count(OutcomeKind::Applied), 3, "{report:?}");

    let review = data
        .reviews
        .iter()
        .find(|r| r.id.as_str() == PROGRESS)
        .unwrap();
    let team: Vec<(&str, &str)> = review
        .peers
        .iter()
        .map(|m| (m.person.as_str(), &*m.name))
        .collect();
    assert_eq!(
        team,
        [
            ("tom-wendell", "Tom Wendel-Hart"),
            ("ravi-shah", "Ravi Shah")
        ]
    );
    let tom = &review.peers[0];
    assert_eq!(tom.role, None);
    assert_eq!(tom.position, peertrail_core::PeerPosition::MemberPeer);
    assert_eq!(tom.decided, ["name", "position", "role"]);
    let ravi = &review.peers[1];
    assert_eq!(ravi.organisation.as_deref(), Some("Fenby Council"));
    assert_eq!(ravi.span.line, 0);
    assert_eq!(ravi.decided.len(), 4);
    // Tom is on another team too: his id stays, his shown name is the
    // corrected one, the old one an alias. Lena is on no team now.
    let people: Vec<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    assert!(
        people.contains(&"ravi-shah") && !people.contains(&"lena-ford"),
        "{people:?}"
    );
    let tom = data
        .people
        .iter()
        .find(|p| p.id.as_str() == "tom-wendell")
        .unwrap();
    assert_eq!(tom.name, "Tom Wendel-Hart");
    assert!(tom.aliases.contains(&"Tom Wendell".to_string()));
    let other = data
        .reviews
        .iter()
        .find(|r| {
            r.id.as_str() != PROGRESS && r.peers.iter().any(|m| m.person.as_str() == "tom-wendell")
        })
        .unwrap();
    assert_eq!(
        other
            .peers
            .iter()
            .find(|m| m.person.as_str() == "tom-wendell")
            .unwrap()
            .name
            .as_ref(),
        "Tom Wendell"
    );
}

#[test]
fn a_peer_decision_about_a_member_no_longer_on_the_team_is_an_orphan() {
    let mut data = common::dataset();
    let mut gone = peer(
        PeerVerdict::Correct,
        Some("tom-wendel"),
        Some("Tom Wendell"),
    );
    if let Decision::Peer { text, .. } = &mut gone {
        *text = Some("Tom Wendel".into());
    }
    let twice = peer(PeerVerdict::Add, None, Some("Lena Ford"));
    let report = apply(&mut data, &file(&[gone, twice]));
    let problems: Vec<_> = report.problems().collect();
    assert_eq!(problems.len(), 2, "{report:?}");
    assert_eq!(problems[0].kind, OutcomeKind::Orphaned);
    assert_eq!(problems[0].candidates[0], "tom-wendell (Tom Wendell)");
    assert_eq!(problems[1].kind, OutcomeKind::Invalid);
    // Nothing changed.
    assert_eq!(data, common::dataset());
}

#[test]
fn a_peer_decision_missing_what_its_verdict_needs_is_refused_with_its_line() {
    for (body, says) in [
        (
            "verdict = \"remove\"\nreview = \"x/2020-cpc\"\n",
            "needs the member's `person`",
        ),
        (
            "verdict = \"add\"\nreview = \"x/2020-cpc\"\n",
            "needs the member's `name`",
        ),
        (
            "verdict = \"correct\"\nreview = \"x/2020-cpc\"\nperson = \"jo\"\n",
            "needs a name, role",
        ),
        (
            "verdict = \"add\"\nreview = \"x/2020-cpc\"\nname = \"Jo\"\nposition = \"captain\"\n",
            "not a position",
        ),
    ] {
        let text = format!("{}\n[[decision]]\ndecision = \"peer\"\n{body}", header());
        let err = parse(&text, "d.toml").unwrap_err().to_string();
        assert!(err.starts_with("d.toml:"), "{err}");
        assert!(err.contains(says), "{err}");
    }
}
