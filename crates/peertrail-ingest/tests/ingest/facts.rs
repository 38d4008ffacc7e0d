//! Document facts on our own trap documents (`docs/`): council names and
//! overrides, review kinds, every way of writing dates (and the dates that
//! are not the review's), peer lists in four layouts, attendees kept apart,
//! decoding, and the id and span contract with determinism.

use peertrail_core::{NextStepKind, PeerPosition, Precision, ReviewKind};
use peertrail_ingest::{ingest_bytes, ingest_str, IngestError, IngestOptions, Meta};

use crate::common::*;

/// Every file in `docs/`, for the checks that apply to all of them.
fn all_docs() -> Vec<String> {
    let dir = docs_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- dates ----

#[test]
fn cross_month_range_with_en_dash() {
    // "30 September – 3 October 2019"; "Published 12 December 2019" and the
    // action plan deadline are not the review's dates.
    let e = doc("dates_cross_month.md");
    assert_eq!(e.council.name, "Sandholme Borough Council");
    assert_eq!(e.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(e.review.held, Some(days((2019, 9, 30), (2019, 10, 3))));
    assert_eq!(e.review.id.as_str(), "sandholme/2019-09-30-cpc");
    let follow_up = e
        .review
        .next_steps
        .iter()
        .find(|s| s.kind == NextStepKind::FollowUpVisit)
        .unwrap_or_else(|| panic!("follow-up: {:#?}", e.review.next_steps));
    assert_eq!(follow_up.within_months, Some((18, 24)));
}

#[test]
fn two_days_joined_by_and() {
    let e = doc("peers_group_member.md");
    assert_eq!(e.council.name, "Westerleigh District Council");
    assert_eq!(e.review.kind, ReviewKind::FinancePeerReview);
    assert_eq!(e.review.held, Some(days((2022, 10, 19), (2022, 10, 20))));
    assert_eq!(
        e.review.id.as_str(),
        "westerleigh/2022-10-19-finance-review"
    );
}

#[test]
fn ordinals_take_the_year_from_the_title() {
    // "from 8th to 11th November" with the year only in the title line.
    let e = doc("dates_ordinal_year_elsewhere.md");
    assert_eq!(e.council.id.as_str(), "stonebridge-vale");
    assert_eq!(e.review.held, Some(days((2021, 11, 8), (2021, 11, 11))));
    assert_eq!(e.review.id.as_str(), "stonebridge-vale/2021-11-08-cpc");
}

#[test]
fn ordinals_without_any_year_give_no_date() {
    // "the 21st and 22nd of May" and no year anywhere: never invent one.
    let e = doc("dates_ordinal_no_year.md");
    assert_eq!(e.council.name, "Lowmoor District Council");
    assert_eq!(e.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(e.review.held, None);
    assert_eq!(e.review.id.as_str(), "lowmoor/undated-cpc");
    assert_eq!(
        ids(&own(&e)),
        rec_ids("lowmoor/undated-cpc", 2),
        "an undated review still has its recommendations"
    );
}

#[test]
fn a_month_alone_is_a_month_span() {
    let e = doc("dates_month_only.md");
    assert_eq!(e.council.id.as_str(), "saltmarsh-bay");
    assert_eq!(e.review.kind, ReviewKind::RemotePeerSupport);
    assert_eq!(e.review.held, Some(month(2021, 2)), "February 2021");
    assert_eq!(
        e.review.held.map(|h| h.precision),
        Some(Precision::Month),
        "never the first of the month as a day"
    );
    assert_eq!(e.review.id.as_str(), "saltmarsh-bay/2021-02-remote-support");
}

#[test]
fn a_year_alone_is_a_year_span() {
    let e = doc("dates_year_only.md");
    assert_eq!(e.council.id.as_str(), "ellbrook");
    assert_eq!(e.review.kind, ReviewKind::RecoveryRenewalPanel);
    assert_eq!(e.review.held, Some(year(2020)));
    assert_eq!(e.review.id.as_str(), "ellbrook/2020-panel");
}

#[test]
fn a_season_is_never_a_month_or_day() {
    // "Autumn 2021". The year is stated and the season lies inside it, so a
    // Year span is true; no date at all is also honest. A month or a day
    // would be invented, and that is what this test forbids. (We prefer the
    // Year span: it keeps the review on the council's timeline.)
    let e = doc("dates_season.md");
    assert_eq!(e.council.id.as_str(), "dunmere");
    assert!(
        e.review.held.is_none() || e.review.held == Some(year(2021)),
        "held {:?} must be None or the year 2021",
        e.review.held
    );
    let want = match e.review.held {
        Some(_) => "dunmere/2021-cpc",
        None => "dunmere/undated-cpc",
    };
    assert_eq!(e.review.id.as_str(), want);
}

#[test]
fn meeting_publication_and_deadline_dates_are_decoys() {
    // A covering report: meeting 14 January 2020, published 2 January 2020,
    // deadline 31 March 2020; the challenge itself ran 22–25 October 2019.
    let e = doc("decoy_dates.md");
    assert_eq!(e.council.name, "Ravensmoor Borough Council");
    assert_eq!(e.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(e.review.held, Some(days((2019, 10, 22), (2019, 10, 25))));
    assert_eq!(e.review.id.as_str(), "ravensmoor/2019-10-22-cpc");
    for p in &e.placeholders {
        for decoy in [day(2020, 1, 14), day(2020, 1, 2), day(2020, 3, 31)] {
            assert_ne!(p.held, Some(decoy), "{} is a decoy date", p.id);
        }
    }
}

#[test]
fn a_meeting_date_is_not_a_review_date() {
    // A record of decisions of 9 May 2023 about a CPC held in January 2023:
    // a committee paper about that CPC, which it follows.
    let e = doc("committee_decisions.md");
    assert_eq!(e.council.id.as_str(), "ravensmoor");
    assert_eq!(e.review.kind, ReviewKind::CommitteePaper);
    assert_eq!(e.review.held, Some(month(2023, 1)));
    assert_eq!(
        e.review.follows.as_ref().map(|f| f.as_str()),
        Some("ravensmoor/2023-01-cpc")
    );
    assert!(e
        .placeholders
        .iter()
        .any(|p| p.id.as_str() == "ravensmoor/2023-01-cpc"));
    for r in &e.review.references {
        assert_ne!(r.held, Some(day(2023, 5, 9)), "{}: meeting date", r.review);
    }
}

// ---- peer lists ----

#[test]
fn peers_as_name_role_organisation() {
    let e = doc("peers_comma_separated.md");
    assert_eq!(e.council.name, "Harrowdene Borough Council");
    assert_eq!(e.review.held, Some(days((2022, 3, 7), (2022, 3, 10))));
    assert_eq!(e.review.id.as_str(), "harrowdene/2022-03-07-cpc");
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Joan Merrow",
                Some("Leader"),
                Some("Ashby Vale District Council")
            ),
            (
                "Peter Okafor",
                Some("Chief Executive"),
                Some("Corrington Council")
            ),
            (
                "Sam Leyland",
                Some("Cabinet Member for Housing"),
                Some("Fernleigh Borough Council")
            ),
            (
                "Helen Tate",
                Some("Director of Public Health"),
                Some("Eastfield County Council")
            ),
            (
                "Rosa Finch",
                Some("Peer Challenge Manager"),
                Some("Local Government Association")
            ),
        ])
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Joan Merrow", &["Cllr"], PeerPosition::MemberPeer),
            ("Peter Okafor", &[], PeerPosition::OfficerPeer),
            ("Sam Leyland", &["Cllr"], PeerPosition::MemberPeer),
            ("Helen Tate", &["Dr"], PeerPosition::OfficerPeer),
            ("Rosa Finch", &[], PeerPosition::PeerChallengeManager),
        ])
    );
}

#[test]
fn attendees_in_the_same_layout_are_kept_apart() {
    let text = doc_text("peers_comma_separated.md");
    let e = doc("peers_comma_separated.md");
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        attendees(&e),
        vec![
            (
                s("Beth Lowe"),
                vec!["Cllr".to_string()],
                s("Chair of Scrutiny")
            ),
            (s("Sarah Quinn"), vec![], s("Chief Executive")),
            (
                s("Tom Ridley"),
                vec!["Cllr".to_string()],
                s("Leader of the Council")
            ),
        ]
    );
    let quinn = e
        .review
        .attendees
        .iter()
        .find(|a| a.name.as_deref() == Some("Sarah Quinn"))
        .unwrap();
    assert_span(
        &text,
        quinn.span,
        "Sarah Quinn",
        line_of(&text, "Sarah Quinn"),
        "attendee",
    );
    for m in &e.review.peers {
        assert!(
            !["Tom Ridley", "Sarah Quinn", "Beth Lowe"].contains(&m.name.as_str()),
            "{} is an attendee",
            m.name
        );
    }
}

#[test]
fn peers_as_name_and_bracketed_role_organisation() {
    let text = doc_text("peers_bracketed.md");
    let e = doc("peers_bracketed.md");
    assert_eq!(e.council.name, "Kilnsey Vale District Council");
    assert_eq!(e.review.kind, ReviewKind::RemotePeerSupport);
    assert_eq!(e.review.held, Some(day(2021, 2, 4)));
    assert_eq!(
        e.review.id.as_str(),
        "kilnsey-vale/2021-02-04-remote-support"
    );
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Amir Shah",
                Some("Leader"),
                Some("Millbeck Borough Council")
            ),
            (
                "Peter Lake",
                Some("Chief Executive"),
                Some("Holmewood City Council")
            ),
            (
                "Nia Evans",
                Some("Director of Resources"),
                Some("Westerleigh District Council")
            ),
            ("Lucy Grant", Some("Senior Regional Adviser"), Some("LGA")),
        ])
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            // Honorifics as written: "Councillor" stays "Councillor".
            ("Amir Shah", &["Councillor"], PeerPosition::MemberPeer),
            // A knighthood does not make an officer a member peer.
            ("Peter Lake", &["Sir"], PeerPosition::OfficerPeer),
            ("Nia Evans", &["Dr"], PeerPosition::OfficerPeer),
            ("Lucy Grant", &[], PeerPosition::LgaAdviser),
        ])
    );
    let lake = e
        .review
        .peers
        .iter()
        .find(|m| m.name == "Peter Lake")
        .unwrap();
    assert_eq!(lake.person.as_str(), "peter-lake");
    assert_span(
        &text,
        lake.span,
        "Peter Lake",
        line_of(&text, "Sir Peter Lake"),
        "peer",
    );
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        attendees(&e),
        vec![
            (s("Mary Stone"), vec![], s("Chief Executive")),
            (s("Paul Drake"), vec!["Cllr".to_string()], s("Leader")),
        ]
    );
}

#[test]
fn peers_with_position_labels() {
    let e = doc("peers_labelled.md");
    assert_eq!(e.council.name, "Redcastle City Council");
    assert_eq!(e.council.id.as_str(), "redcastle");
    assert_eq!(e.review.held, Some(days((2023, 1, 16), (2023, 1, 19))));
    assert_eq!(e.review.id.as_str(), "redcastle/2023-01-16-cpc");
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Grace Holt",
                Some("Leader"),
                Some("Sandholme Borough Council")
            ),
            (
                "Martin Cole",
                Some("Chief Executive"),
                Some("Lowmoor District Council")
            ),
            (
                "Ivan Petrov",
                Some("Deputy Leader"),
                Some("Brackenmoor Borough Council")
            ),
            (
                "Fiona Marsh",
                Some("Director of Adult Services"),
                Some("Kestrel Down Council")
            ),
            ("Owen Price", Some("Graduate Trainee"), Some("LGA")),
            ("Becky Lyons", Some("Senior Adviser"), Some("LGA")),
        ]),
        "the label before the colon is not part of the name"
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Grace Holt", &["Cllr"], PeerPosition::MemberPeer),
            ("Martin Cole", &[], PeerPosition::OfficerPeer),
            ("Ivan Petrov", &["Cllr"], PeerPosition::MemberPeer),
            ("Fiona Marsh", &[], PeerPosition::OfficerPeer),
            ("Owen Price", &[], PeerPosition::Shadow),
            ("Becky Lyons", &[], PeerPosition::PeerChallengeManager),
        ])
    );
}

#[test]
fn peers_as_name_dash_organisation_group() {
    // "Cllr Name - Organisation (group member peer)". The bracket names a
    // political group and a position, so only the position is asserted;
    // the organisation must not swallow it and the name must not keep the
    // dash.
    let e = doc("peers_group_member.md");
    let got: Vec<(String, Option<String>)> = {
        let mut v: Vec<_> = e
            .review
            .peers
            .iter()
            .map(|m| (m.name.clone(), m.organisation.clone()))
            .collect();
        v.sort();
        v
    };
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        got,
        vec![
            ("Alan Birch".to_string(), s("Eastfield County Council")),
            ("Dev Mistry".to_string(), s("Holmewood City Council")),
            ("Karen Lowe".to_string(), s("Fernleigh Borough Council")),
            ("Rita Vance".to_string(), s("Corrington Council")),
        ]
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Alan Birch", &["Cllr"], PeerPosition::MemberPeer),
            ("Dev Mistry", &["Cllr"], PeerPosition::MemberPeer),
            ("Karen Lowe", &[], PeerPosition::OfficerPeer),
            ("Rita Vance", &["Cllr"], PeerPosition::MemberPeer),
        ])
    );
}

#[test]
fn peers_after_a_flattened_or_glued_layout() {
    let e = doc("glued_bullet.txt");
    assert_eq!(e.council.name, "Millbeck Borough Council");
    assert_eq!(e.review.held, Some(days((2020, 2, 24), (2020, 2, 27))));
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Nadia Price",
                Some("Leader"),
                Some("Kestrel Down District Council")
            ),
            (
                "Graham Fell",
                Some("Chief Executive"),
                Some("Sandholme Borough Council")
            ),
        ])
    );
    let f = doc("flattened_one_line.txt");
    assert_eq!(f.council.name, "Brackenmoor Borough Council");
    assert_eq!(f.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(f.review.held, Some(days((2020, 3, 3), (2020, 3, 6))));
    assert_eq!(f.review.id.as_str(), "brackenmoor/2020-03-03-cpc");
}

#[test]
fn contact_with_role_in_brackets() {
    let e = doc("progress_table.md");
    assert_eq!(e.review.contacts.len(), 1, "{:?}", e.review.contacts);
    assert_eq!(e.review.contacts[0].name, "Claire Dunstan");
    assert_eq!(e.review.contacts[0].role.as_deref(), Some("Senior Adviser"));
    assert_eq!(e.review.contacts[0].email, None);
}

// ---- council: from the text, or from outside ----

#[test]
fn a_report_that_never_names_its_council_needs_one_given() {
    let err = try_doc("no_council_named.md", Meta::default()).unwrap_err();
    assert_eq!(err, IngestError::NoCouncil);
    let e = try_doc(
        "no_council_named.md",
        Meta {
            council: Some("Westerleigh District Council".to_string()),
            ..Meta::default()
        },
    )
    .unwrap();
    assert_eq!(e.council.name, "Westerleigh District Council");
    assert_eq!(e.council.id.as_str(), "westerleigh");
    assert_eq!(e.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(e.review.held, Some(days((2022, 2, 8), (2022, 2, 11))));
    assert_eq!(e.review.id.as_str(), "westerleigh/2022-02-08-cpc");
    assert_eq!(ids(&own(&e)), rec_ids("westerleigh/2022-02-08-cpc", 3));
}

#[test]
fn meta_overrides_what_extraction_found() {
    let meta = Meta {
        council: Some("Corrington Council".to_string()),
        kind: Some(ReviewKind::FollowUpVisit),
        held: Some(month(2019, 6)),
        url: Some("https://example.org/report.pdf".to_string()),
        ..Meta::default()
    };
    let e = try_doc("lettered_recommendations.md", meta).unwrap();
    assert_eq!(
        e.review.source_url.as_deref(),
        Some("https://example.org/report.pdf")
    );
    assert_eq!(e.council.id.as_str(), "corrington");
    assert_eq!(e.review.kind, ReviewKind::FollowUpVisit);
    assert_eq!(e.review.held, Some(month(2019, 6)));
    assert_eq!(e.review.id.as_str(), "corrington/2019-06-follow-up-visit");
    assert_eq!(
        ids(&own(&e)),
        rec_ids("corrington/2019-06-follow-up-visit", 8),
        "items follow the overridden id"
    );
}

// ---- decoding ----

#[test]
fn windows_1252_decodes_with_a_warning() {
    let bytes: &[u8] = b"Thornwick Borough Council\r\n\r\nCorporate Peer Challenge\r\n\r\n12\x9614 May 2021\r\n\r\nKey recommendations\r\n\r\n1. Review the council\x92s leisure and caf\xe9 contracts.\r\n2. Agree a \x93customer first\x94 standard for every service.\r\n";
    let e = ingest_bytes(bytes, &IngestOptions::default()).unwrap();
    assert!(
        e.warnings
            .iter()
            .any(|w| w.message.contains("Windows-1252")),
        "a warning says how the text was decoded: {:?}",
        e.warnings
    );
    assert_eq!(e.council.id.as_str(), "thornwick");
    assert_eq!(
        e.review.held,
        Some(days((2021, 5, 12), (2021, 5, 14))),
        "0x96 is an en dash"
    );
    let recs = own(&e);
    assert_eq!(recs.len(), 2, "{}", dump(&recs));
    assert!(
        recs[0].text.contains("council\u{2019}s") && recs[0].text.contains("caf\u{e9}"),
        "{:?}",
        recs[0].text
    );
    assert!(
        recs[1].text.contains("\u{201c}customer first\u{201d}"),
        "{:?}",
        recs[1].text
    );
}

#[test]
fn empty_input_is_an_error() {
    let options = IngestOptions::default();
    for bytes in [&b""[..], b"   \n\n\t\r\n"] {
        assert_eq!(ingest_bytes(bytes, &options), Err(IngestError::Empty));
    }
    assert_eq!(ingest_str("", &options), Err(IngestError::Empty));
}

#[test]
fn binary_input_is_an_error_with_its_line() {
    let bytes: &[u8] = b"Holmewood Council\nCorporate Peer Challenge\nab\0cd\n";
    let offset = bytes.iter().position(|&b| b == 0).unwrap();
    let err = ingest_bytes(bytes, &IngestOptions::default()).unwrap_err();
    assert_eq!(err, IngestError::Binary { offset, line: 3 });
    assert!(err.to_string().contains("line 3"), "{err}");
    let pdf = ingest_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", &IngestOptions::default());
    assert!(
        matches!(pdf, Err(IngestError::Binary { .. })),
        "a PDF is not text: {pdf:?}"
    );
}

// ---- the contract on every document, and determinism ----

#[test]
fn every_doc_keeps_the_id_and_span_contract() {
    let docs = all_docs();
    assert!(docs.len() >= 22, "{} trap documents", docs.len());
    for name in docs {
        let text = doc_text(&name);
        let meta = if name == "no_council_named.md" {
            Meta {
                council: Some("Westerleigh District Council".to_string()),
                ..Meta::default()
            }
        } else {
            Meta::default()
        };
        let e = try_doc(&name, meta).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(e.review.source.as_deref(), Some(name.as_str()));
        assert_contract(&text, &e);
    }
}

#[test]
fn ingesting_twice_gives_the_same_extraction() {
    for name in [
        "progress_table.md",
        "reflections_and_suggestions.md",
        "action_plan.md",
        "peers_comma_separated.md",
    ] {
        let a = doc(name);
        let b = doc(name);
        assert_eq!(a, b, "{name}");
        let ja = serde_json::to_string(&a).unwrap();
        let jb = serde_json::to_string(&b).unwrap();
        assert_eq!(ja, jb, "{name}: byte-identical JSON");
        // Bytes and text give the same result for UTF-8 input.
        let options = IngestOptions {
            source: Some(name.to_string()),
            ..IngestOptions::default()
        };
        let c = ingest_str(&doc_text(name), &options).unwrap();
        assert_eq!(a, c, "{name}: ingest_str and ingest_bytes agree");
    }
}
