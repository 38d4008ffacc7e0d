//! What the five real reports say about themselves: council, kind, dates,
//! peer team, attendees, contacts, references and next steps, field by
//! field. The reports are read from `../shared/seeds/`; each test returns
//! early with a message when that folder is absent.

use peertrail_core::{NextStepKind, PeerPosition, Precision, ReviewKind};

use crate::common::*;

// ---- 000: Warrington, Recovery & Renewal Panel ----

#[test]
fn seed000_council_kind_and_date() {
    let Some(e) = seed("000_") else { return };
    assert_eq!(e.council.name, "Warrington Borough Council");
    assert_eq!(e.council.id.as_str(), "warrington");
    assert_eq!(e.review.kind, ReviewKind::RecoveryRenewalPanel);
    assert_eq!(e.review.held, Some(day(2020, 11, 25)), "held");
    assert_eq!(e.review.id.as_str(), "warrington/2020-11-25-panel");
    assert!(e.review.in_corpus);
    assert!(
        e.review
            .source
            .as_deref()
            .is_some_and(|s| s.starts_with("000_")),
        "source is the file name: {:?}",
        e.review.source
    );
}

#[test]
fn seed000_peer_team_of_five() {
    let Some(e) = seed("000_") else { return };
    assert_eq!(
        peers(&e),
        expect_peers(&[
            ("Stephen Houghton", Some("Leader"), Some("Barnsley Council")),
            ("Tony Reeves", Some("CEX"), Some("Liverpool City Council")),
            ("Dan Archer", None, Some("LGA")),
            ("Cindy Lowthian", None, Some("LGA")),
            ("Mille Adkins", None, Some("LGA")),
        ]),
        "peer names, roles and organisations"
    );
    let positions = peer_positions(&e);
    let houghton = positions
        .iter()
        .find(|p| p.0 == "Stephen Houghton")
        .unwrap();
    assert_eq!(houghton.1, ["Cllr", "Sir"], "both honorifics, in order");
    assert_eq!(houghton.2, PeerPosition::MemberPeer);
    let reeves = positions.iter().find(|p| p.0 == "Tony Reeves").unwrap();
    assert_eq!(reeves.2, PeerPosition::OfficerPeer);
    for (name, honorifics, position) in &positions {
        if ["Dan Archer", "Cindy Lowthian", "Mille Adkins"].contains(&name.as_str()) {
            assert!(honorifics.is_empty(), "{name}: no honorifics");
            assert!(
                is_lga_position(*position),
                "{name} is LGA staff, not a council peer: {position:?}"
            );
        }
    }
    let houghton = e
        .review
        .peers
        .iter()
        .find(|m| &*m.name == "Stephen Houghton")
        .unwrap();
    assert_eq!(houghton.person.as_str(), "stephen-houghton");
}

#[test]
fn seed000_attendee_roles_are_not_peers() {
    let Some(e) = seed("000_") else { return };
    for m in &e.review.peers {
        for role in ["Deputy Leader", "Chief Executive", "Cabinet Member"] {
            assert!(
                !m.name.contains(role) && m.role.as_deref() != Some(role),
                "an attendee role became a peer: {m:?}"
            );
        }
    }
    assert_eq!(e.review.peers.len(), 5, "exactly the five listed peers");
}

#[test]
fn seed000_contact_is_the_principal_adviser() {
    let Some(e) = seed("000_") else { return };
    assert_eq!(e.review.contacts.len(), 1, "{:?}", e.review.contacts);
    let c = &e.review.contacts[0];
    assert_eq!(c.name, "Claire Hogan");
    assert_eq!(c.role.as_deref(), Some("Principal Adviser"));
    assert!(
        c.email
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("claire.hogan@local.gov.uk")),
        "email as written: {:?}",
        c.email
    );
}

#[test]
fn seed000_mentions_no_earlier_review() {
    // "Corporate Peer Challenge" appears only as the LGA's offer in general,
    // and "March 2020" is the start of lockdown: neither is a review held.
    let Some(e) = seed("000_") else { return };
    assert!(
        e.placeholders.is_empty(),
        "no placeholders: {:?}",
        e.placeholders.iter().map(|p| &p.id).collect::<Vec<_>>()
    );
}

// ---- 001: St Helens, Remote Peer Support ----

#[test]
fn seed001_council_kind_and_date() {
    let Some(e) = seed("001_") else { return };
    assert_eq!(e.council.name, "St Helens Borough Council");
    assert_eq!(e.council.id.as_str(), "st-helens");
    assert_eq!(e.review.kind, ReviewKind::RemotePeerSupport);
    assert_eq!(e.review.held, Some(day(2021, 3, 17)));
    assert_eq!(e.review.id.as_str(), "st-helens/2021-03-17-remote-support");
}

#[test]
fn seed001_peer_team_of_four_with_roles() {
    let Some(e) = seed("001_") else { return };
    assert_eq!(
        peers(&e),
        expect_peers(&[
            ("Stephen Houghton", Some("Leader"), Some("Barnsley Council")),
            ("Claire Hogan", Some("Principal Adviser"), Some("LGA")),
            ("Dan Archer", Some("Programme Manager"), Some("LGA")),
            ("Emma Roberts", Some("Project Support Team"), Some("LGA")),
        ])
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Stephen Houghton", &["Cllr"], PeerPosition::MemberPeer),
            ("Claire Hogan", &[], PeerPosition::LgaAdviser),
            ("Dan Archer", &[], PeerPosition::LgaStaff),
            ("Emma Roberts", &[], PeerPosition::LgaStaff),
        ])
    );
}

#[test]
fn seed001_placeholders_for_the_cpc_and_the_panel() {
    let Some(e) = seed("001_") else { return };
    let cpc = e
        .placeholders
        .iter()
        .find(|p| p.id.as_str() == "st-helens/2019-01-cpc")
        .unwrap_or_else(|| panic!("CPC placeholder missing: {:?}", e.placeholders));
    assert_eq!(cpc.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(cpc.held, Some(month(2019, 1)), "January 2019 is a month");
    assert!(!cpc.in_corpus);
    let panel = e
        .placeholders
        .iter()
        .find(|p| p.id.as_str() == "st-helens/2020-09-panel")
        .unwrap_or_else(|| panic!("panel placeholder missing: {:?}", e.placeholders));
    assert_eq!(panel.kind, ReviewKind::RecoveryRenewalPanel);
    assert_eq!(panel.held, Some(month(2020, 9)));
    assert!(!panel.in_corpus);
    // No other CPC or panel: "May 2020", "August 2020" and "March 2021" are
    // events, not reviews.
    let others: Vec<&str> = e
        .placeholders
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ReviewKind::CorporatePeerChallenge | ReviewKind::RecoveryRenewalPanel
            )
        })
        .map(|p| p.id.as_str())
        .filter(|id| !["st-helens/2019-01-cpc", "st-helens/2020-09-panel"].contains(id))
        .collect();
    assert!(others.is_empty(), "unexpected placeholders {others:?}");
}

#[test]
fn seed001_references_cpc_panel_culture_review_and_2017_session() {
    let Some(e) = seed("001_") else { return };
    let refs = &e.review.references;
    let listing = || {
        refs.iter()
            .map(|r| format!("\n  {} {:?} {:?}", r.review, r.held, r.wording))
            .collect::<String>()
    };
    assert!(
        refs.iter()
            .any(|r| r.review.as_str() == "st-helens/2019-01-cpc"
                && r.kind == ReviewKind::CorporatePeerChallenge
                && r.held == Some(month(2019, 1))),
        "CPC of January 2019:{}",
        listing()
    );
    assert!(
        refs.iter()
            .any(|r| r.review.as_str() == "st-helens/2020-09-panel"
                && r.kind == ReviewKind::RecoveryRenewalPanel
                && r.held == Some(month(2020, 9))),
        "panel of September 2020:{}",
        listing()
    );
    assert!(
        refs.iter().any(|r| r.kind == ReviewKind::OtherPeerReview
            && r.wording.to_lowercase().contains("culture review")),
        "the culture review:{}",
        listing()
    );
    // "late 2017": a year, not a day; the kind is not a CPC.
    assert!(
        refs.iter().any(|r| r.held.is_some_and(
            |h| h.start.format("%Y").to_string() == "2017" && h.precision != Precision::Day
        ) && r.kind != ReviewKind::CorporatePeerChallenge),
        "the late-2017 session:{}",
        listing()
    );
}

// ---- 002: Cheshire West and Chester, progress review ----

#[test]
fn seed002_council_kind_date_and_follows() {
    let Some(e) = seed("002_") else { return };
    assert_eq!(e.council.name, "Cheshire West and Chester Council");
    assert_eq!(e.council.id.as_str(), "cheshire-west-and-chester");
    assert_eq!(e.review.kind, ReviewKind::ProgressReview);
    assert_eq!(e.review.held, Some(day(2023, 3, 22)));
    assert_eq!(
        e.review.id.as_str(),
        "cheshire-west-and-chester/2023-03-22-progress-review"
    );
    assert_eq!(
        e.review.follows.as_ref().map(|f| f.as_str()),
        Some("cheshire-west-and-chester/2022-07-cpc"),
        "a progress review follows its CPC"
    );
}

#[test]
fn seed002_peer_team_of_three() {
    let Some(e) = seed("002_") else { return };
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Shaun Davies",
                Some("Leader"),
                Some("Telford and Wrekin Council")
            ),
            (
                "Angie Ridgwell",
                Some("Chief Executive"),
                Some("Lancashire County Council")
            ),
            ("Dan Archer", Some("Senior Regional Adviser"), Some("LGA")),
        ])
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Shaun Davies", &["Cllr"], PeerPosition::MemberPeer),
            ("Angie Ridgwell", &[], PeerPosition::OfficerPeer),
            ("Dan Archer", &[], PeerPosition::PeerChallengeManager),
        ])
    );
}

#[test]
fn seed002_eleven_attendees_kept_apart() {
    let Some(e) = seed("002_") else { return };
    let got = attendees(&e);
    assert_eq!(got.len(), 11, "attendees: {got:#?}");
    let mut names: Vec<String> = got.iter().filter_map(|a| a.0.clone()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Alex Mitchell",
            "Andrew Lewis",
            "Bev Wilson",
            "Charlotte Walton",
            "Del Curtis",
            "Emma Cleminson",
            "Laura Marsh",
            "Laurence Ainsworth",
            "Louise Gittins",
            "Morgan Jones",
            "Rachel Foster",
        ]
    );
    let find = |n: &str| got.iter().find(|a| a.0.as_deref() == Some(n)).unwrap();
    assert_eq!(find("Louise Gittins").1, ["Cllr"]);
    assert_eq!(find("Louise Gittins").2.as_deref(), Some("Leader"));
    assert_eq!(find("Andrew Lewis").2.as_deref(), Some("Chief Executive"));
    // A role with brackets inside the brackets is kept whole.
    let curtis = find("Del Curtis").2.clone().unwrap_or_default();
    assert!(
        curtis.starts_with("Deputy Chief Executive") && curtis.contains("NHS Director"),
        "Del Curtis role: {curtis:?}"
    );
    for m in &e.review.peers {
        assert!(
            !names.contains(&m.name.to_string()),
            "{} is an attendee, not a peer",
            m.name
        );
    }
}

#[test]
fn seed002_references_the_2022_and_2017_cpcs() {
    let Some(e) = seed("002_") else { return };
    let refs: Vec<(String, Option<peertrail_core::DateSpan>)> = e
        .review
        .references
        .iter()
        .map(|r| (r.review.to_string(), r.held))
        .collect();
    assert!(
        refs.contains(&(
            "cheshire-west-and-chester/2022-07-cpc".to_string(),
            Some(month(2022, 7))
        )),
        "July 2022 CPC: {refs:?}"
    );
    assert!(
        refs.contains(&(
            "cheshire-west-and-chester/2017-cpc".to_string(),
            Some(year(2017))
        )),
        "2017 CPC as a year: {refs:?}"
    );
    let placeholder_ids: Vec<&str> = e.placeholders.iter().map(|p| p.id.as_str()).collect();
    for id in [
        "cheshire-west-and-chester/2022-07-cpc",
        "cheshire-west-and-chester/2017-cpc",
    ] {
        assert!(placeholder_ids.contains(&id), "{id} in {placeholder_ids:?}");
    }
    // June 2023, December 2022, April 2023: plans and events, not reviews.
    for p in &e.placeholders {
        assert_eq!(
            p.kind,
            ReviewKind::CorporatePeerChallenge,
            "only the two CPCs are earlier reviews: {}",
            p.id
        );
    }
}

// ---- 003: Sefton, Corporate Peer Challenge ----

#[test]
fn seed003_council_kind_and_dates() {
    let Some(e) = seed("003_") else { return };
    assert_eq!(e.council.name, "Sefton Metropolitan Borough Council");
    assert_eq!(e.council.id.as_str(), "sefton");
    assert_eq!(e.review.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(
        e.review.held,
        Some(days((2018, 9, 4), (2018, 9, 7))),
        "4th–7th September 2018 with <sup> ordinals"
    );
    assert_eq!(e.review.id.as_str(), "sefton/2018-09-04-cpc");
}

#[test]
fn seed003_peer_team_of_eight() {
    let Some(e) = seed("003_") else { return };
    assert_eq!(
        peers(&e),
        expect_peers(&[
            (
                "Alison Griffin",
                Some("Chief Executive"),
                Some("Southend-on-Sea Borough Council")
            ),
            ("Steve Houghton", Some("Leader"), Some("Barnsley MBC")),
            (
                "Tim Bick",
                Some("Leader of the Liberal Democrat Group"),
                Some("Cambridge City Council")
            ),
            (
                "Christina Thompson",
                Some("Director of Finance and Property"),
                Some("London Borough of Lambeth")
            ),
            (
                "Mike Poulter",
                Some("Head of Transformation and Business Support"),
                Some("Sunderland City Council")
            ),
            (
                "Chris Bradley",
                Some("Head of Commercial Development"),
                Some("East Hampshire District and Havant Borough Councils")
            ),
            ("Hannah Lazell", Some("Political Adviser"), Some("LGA")),
            ("Dan Archer", Some("Programme Manager"), Some("LGA")),
        ])
    );
    assert_eq!(
        peer_positions(&e),
        expect_positions(&[
            ("Alison Griffin", &[], PeerPosition::OfficerPeer),
            ("Steve Houghton", &["Sir"], PeerPosition::MemberPeer),
            ("Tim Bick", &["Cllr"], PeerPosition::MemberPeer),
            ("Christina Thompson", &[], PeerPosition::OfficerPeer),
            ("Mike Poulter", &[], PeerPosition::OfficerPeer),
            ("Chris Bradley", &[], PeerPosition::OfficerPeer),
            ("Hannah Lazell", &[], PeerPosition::Shadow),
            ("Dan Archer", &[], PeerPosition::PeerChallengeManager),
        ])
    );
}

#[test]
fn seed003_next_steps_follow_up_and_next_cpc() {
    let Some((text, e)) = seed_with_text("003_") else {
        return;
    };
    let steps = &e.review.next_steps;
    let follow_up = steps
        .iter()
        .find(|s| s.kind == NextStepKind::FollowUpVisit)
        .unwrap_or_else(|| panic!("follow-up visit missing: {steps:#?}"));
    assert_eq!(follow_up.within_months, Some((18, 24)));
    assert_eq!(follow_up.before, None);
    assert_eq!(
        follow_up.span.line,
        line_of(&text, "within the next 18"),
        "follow-up span"
    );
    let next = steps
        .iter()
        .find(|s| s.kind == NextStepKind::NextPeerChallenge)
        .unwrap_or_else(|| panic!("next CPC missing: {steps:#?}"));
    assert_eq!(next.before, Some(month(2023, 9)), "before September 2023");
    assert_eq!(next.before.map(|b| b.precision), Some(Precision::Month));
    assert_eq!(next.span.line, line_of(&text, "before September 2023"));
}

#[test]
fn seed003_contact_and_no_placeholders() {
    let Some(e) = seed("003_") else { return };
    assert_eq!(e.review.contacts.len(), 1, "{:?}", e.review.contacts);
    let c = &e.review.contacts[0];
    assert_eq!(c.name, "Claire Hogan");
    assert_eq!(c.role.as_deref(), Some("Principal Adviser"));
    assert_eq!(c.email.as_deref(), Some("claire.hogan@local.gov.uk"));
    // The next CPC lies in the future; a future review is a next step, not
    // a placeholder for an earlier one.
    assert!(
        e.placeholders.is_empty(),
        "{:?}",
        e.placeholders.iter().map(|p| &p.id).collect::<Vec<_>>()
    );
}

// ---- 004: Halton, action plan ----

#[test]
fn seed004_council_kind_and_follows_the_cpc() {
    let Some(e) = seed("004_") else { return };
    assert_eq!(e.council.name, "Halton Borough Council");
    assert_eq!(e.council.id.as_str(), "halton");
    assert_eq!(e.review.kind, ReviewKind::ActionPlan);
    // The plan itself never says when it was written.
    assert_eq!(e.review.held, None, "never guess the plan's date");
    assert_eq!(e.review.id.as_str(), "halton/undated-action-plan");
    assert_eq!(
        e.review.follows.as_ref().map(|f| f.as_str()),
        Some("halton/2019-09-10-cpc")
    );
    let cpc = e
        .placeholders
        .iter()
        .find(|p| p.id.as_str() == "halton/2019-09-10-cpc")
        .unwrap_or_else(|| panic!("CPC placeholder missing: {:?}", e.placeholders));
    assert_eq!(cpc.kind, ReviewKind::CorporatePeerChallenge);
    assert_eq!(cpc.held, Some(days((2019, 9, 10), (2019, 9, 13))));
    assert!(!cpc.in_corpus);
    assert!(e.review.peers.is_empty(), "an action plan has no peer team");
}

#[test]
fn seeds_keep_the_contract() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let Some((text, e)) = seed_with_text(prefix) else {
            return;
        };
        assert_contract(&text, &e);
    }
}
