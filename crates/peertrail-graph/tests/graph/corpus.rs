//! A hand-built corpus of fictional councils, each trail shaped like one of
//! the real report shapes: restated reviews with statuses, a progress review
//! quoting a placeholder CPC, a CPC with next steps, and an action plan.

use peertrail_core::{Extraction, NextStepKind, ReviewKind, Status};

use crate::builder::*;

use ReviewKind::*;

/// Marshfield: a remote support session (2021-03) restating a CPC of
/// 2019-01 and a panel of 2020-09, neither in the corpus.
pub fn marshfield_support() -> Extraction {
    doc(
        "Marshfield Borough Council",
        RemotePeerSupport,
        Some(day(2021, 3, 17)),
    )
    .peer(
        &["Cllr"],
        "Stephen Houghton",
        Some("Leader of Barnsley Council (Labour)"),
        None,
    )
    .peer(&[], "Dan Archer", Some("LGA Programme Manager"), None)
    .restates(
        CorporatePeerChallenge,
        Some(month(2019, 1)),
        None,
        "Develop a clear and shared vision for the borough with partners and residents",
        Some(Status::SignificantProgress),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2019, 1)),
        None,
        "Strengthen the medium term financial strategy and rebuild reserves",
        Some(Status::InProgress),
    )
    .restates(
        CorporatePeerChallenge,
        Some(month(2019, 1)),
        None,
        "Invest in organisational development and workforce skills",
        Some(Status::Begun),
    )
    .restates(
        RecoveryRenewalPanel,
        Some(month(2020, 9)),
        None,
        "Use the recovery plan to reset the relationship with town centre businesses",
        Some(Status::InProgress),
    )
    .build()
}

/// Marshfield's own 2019 CPC report, added later in some tests.
pub fn marshfield_cpc() -> Extraction {
    doc(
        "Marshfield Council",
        CorporatePeerChallenge,
        Some(days(2019, 1, 22, 25)),
    )
    .peer(
        &[],
        "Christina Bradley",
        Some("Director of Finance"),
        Some("Eastfield District Council"),
    )
    .rec("Develop a clear, shared vision for the borough with partners and residents.")
    .rec("Strengthen the medium-term financial strategy and rebuild the council's reserves.")
    .rec("Invest in organisational development, and in workforce skills and succession.")
    .rec("Review the scrutiny function so that it adds value to decision making.")
    .build()
}

/// Corrington: a progress review of 2023-03-22 quoting the CPC of 2022-07
/// under theme headings.
pub fn corrington_progress() -> Extraction {
    doc("Corrington Council", ProgressReview, Some(day(2023, 3, 22)))
        .follows(CorporatePeerChallenge, Some(month(2022, 7)))
        .peer(
            &["Cllr"],
            "Shona Davis",
            Some("Leader"),
            Some("Wrekinford Council"),
        )
        .peer(&[], "Dan Archer", Some("Senior Regional Adviser LGA"), None)
        .restates(
            CorporatePeerChallenge,
            Some(month(2022, 7)),
            None,
            "Set out a community engagement strategy that makes co-design the default",
            Some(Status::InProgress),
        )
        .theme("Community engagement")
        .restates(
            CorporatePeerChallenge,
            Some(month(2022, 7)),
            None,
            "Agree with NHS partners a joint plan for health and social care integration",
            Some(Status::Begun),
        )
        .theme("Health and social care integration")
        .build()
}

/// Corrington's CPC feedback report of July 2022.
pub fn corrington_cpc() -> Extraction {
    doc("Corrington Council", CorporatePeerChallenge, Some(days(2022, 7, 5, 8)))
        .peer(&["Cllr"], "Shona Davis", Some("Leader"), Some("Wrekinford Council"))
        .peer(&[], "Dan Archer", Some("Peer Challenge Manager"), Some("LGA"))
        .rec_titled("Community engagement", "Set out a community engagement strategy that makes co-design the default way of working")
        .rec_titled("Integration", "Agree with NHS partners a joint plan for health and social care integration across the borough")
        .rec("Refresh the workforce strategy to address recruitment and retention in social care")
        .build()
}

/// Ashby: a CPC of 4–7 Sep 2018 with numbered recommendations, a peer team
/// and stated next steps.
pub fn ashby_cpc() -> Extraction {
    doc("Ashby Metropolitan Borough Council", CorporatePeerChallenge, Some(days(2018, 9, 4, 7)))
        .peer(&[], "Alison Grange", Some("Chief Executive"), Some("Seaford Borough Council"))
        .peer(&["Sir"], "Steve Houghton", Some("Leader"), Some("Barnsley MBC"))
        .peer(&[], "Chris Bradley", Some("Head of Commercial Development"), Some("Eastfield District Council"))
        .peer(&[], "Mark Ellery", Some("Director of Place"), Some("Northby Council"))
        .peer(&[], "Dan Archer", Some("LGA Programme Manager"), None)
        .rec_titled("Set a clear vision", "Set a clear vision and priorities for the borough, grounded in resident insight and data.")
        .rec_titled("Grow the local economy", "Speed up the growth plan for the valley with the combined authority.")
        .rec_titled("Develop the role of members", "Give every councillor a clear role in their ward, backed by member development and scrutiny.")
        .rec_titled("Plan the finances", "Close the budget gap in the medium term financial plan and protect reserves.")
        .next_step(NextStepKind::FollowUpVisit, Some((18, 24)), None, "follow up visit within the next 18 - 24 months")
        .next_step(NextStepKind::NextPeerChallenge, None, Some(month(2023, 9)), "next Peer Challenge before September 2023")
        .build()
}

/// Ashby's follow-up visit, 2020-04.
pub fn ashby_follow_up() -> Extraction {
    doc("Ashby MBC", FollowUpVisit, Some(days(2020, 4, 1, 2)))
        .peer(&["Cllr"], "Stephen Houghton", Some("Leader"), Some("Barnsley Council"))
        .peer(&[], "Joanne Ellery", Some("Head of Policy"), Some("Southvale Council"))
        .peer(&[], "Christopher Bradley", Some("Head of Commercial Development"), Some("Eastfield District Council"))
        // A new recommendation that repeats the 2018 one on members.
        .rec("Give every councillor a clear role in their ward, backed by member development and stronger scrutiny.")
        .build()
}

/// Holmewood: an action plan answering the CPC of 10–13 Sep 2019.
pub fn holmewood_plan() -> Extraction {
    let cpc = Some(days(2019, 9, 10, 13));
    doc(
        "Holmewood Borough Council",
        ActionPlan,
        Some(day(2019, 12, 2)),
    )
    .follows(CorporatePeerChallenge, cpc)
    .restates(
        CorporatePeerChallenge,
        cpc,
        Some(1),
        "Build a shared narrative for the borough's ambition and growth",
        None,
    )
    .action(
        1,
        "Draft the borough narrative with partners by March",
        None,
    )
    .restates(
        CorporatePeerChallenge,
        cpc,
        Some(2),
        "Modernise the council's ICT and digital services",
        None,
    )
    .action(2, "", Some(1))
    .restates(
        CorporatePeerChallenge,
        cpc,
        Some(3),
        "Strengthen budget monitoring and savings delivery",
        None,
    )
    .action(3, "Monthly budget monitoring to cabinet", None)
    .build()
}

/// A second council with a finance recommendation, for `similar_theme`.
pub fn eastfield_cpc() -> Extraction {
    doc(
        "Eastfield District Council",
        CorporatePeerChallenge,
        Some(days(2021, 6, 7, 10)),
    )
    .rec("Close the budget gap in the medium term financial plan and rebuild reserves.")
    .rec("Strengthen scrutiny so that members hold the cabinet to account.")
    .build()
}

/// Every document of the hand-built corpus.
pub fn all() -> Vec<Extraction> {
    vec![
        marshfield_support(),
        marshfield_cpc(),
        corrington_progress(),
        corrington_cpc(),
        ashby_cpc(),
        ashby_follow_up(),
        holmewood_plan(),
        eastfield_cpc(),
    ]
}
