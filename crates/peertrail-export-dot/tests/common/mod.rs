//! A small hand-built data set about two fictional councils, with the text
//! a spreadsheet or Graphviz would misread: formulas, quotes, backslashes,
//! newlines, control characters and DOT syntax. (The same fixture sits in
//! each exporter crate so that every crate's tests stand alone.)

use chrono::NaiveDate;
use peertrail_core::{
    Action, ActionId, Attendee, Contact, Council, CouncilId, Dataset, DateSpan, Evidence,
    LatestStatus, Link, LinkKind, Membership, NextStep, NextStepKind, PeerPosition, Person,
    PersonId, Precision, Progress, Recommendation, RecommendationId, RecommendationKind, Review,
    ReviewId, ReviewKind, ReviewRef, Span, Status, Theme,
};

/// The hostile text of one recommendation: DOT syntax, markup, quotes,
/// backslashes, line breaks and control characters.
pub const HOSTILE: &str = "Say \"no\" to C:\\temp\\new and \\N;\nthen <script>alert(1)</script> \"; rankdir=TB; x=\"\r\nend\ttab\u{7}bell";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn span(line: u32, end_line: u32) -> Span {
    Span {
        start: line as usize * 100,
        end: end_line as usize * 100 + 80,
        line,
        end_line,
    }
}

fn link(
    from: &str,
    to: &str,
    kind: LinkKind,
    confidence: f64,
    rule: &str,
    score: Option<f64>,
    detail: &str,
) -> Link {
    Link {
        from: from.to_string(),
        to: to.to_string(),
        kind,
        confidence,
        evidence: Evidence {
            rule: rule.to_string(),
            score,
            detail: detail.to_string(),
        },
    }
}

fn review(id: &str, kind: ReviewKind, held: Option<DateSpan>, in_corpus: bool) -> Review {
    let id = ReviewId::from_raw(id);
    Review {
        council: id.council(),
        id,
        kind,
        held,
        title: None,
        in_corpus,
        follows: None,
        peers: Vec::new(),
        attendees: Vec::new(),
        references: Vec::new(),
        next_steps: Vec::new(),
        contacts: Vec::new(),
        source: None,
    }
}

fn member(
    name: &str,
    honorifics: &[&str],
    role: Option<&str>,
    organisation: Option<&str>,
    position: PeerPosition,
    line: u32,
) -> Membership {
    Membership {
        person: PersonId::from_name(name).unwrap(),
        name: name.to_string(),
        honorifics: honorifics.iter().map(ToString::to_string).collect(),
        role: role.map(ToString::to_string),
        organisation: organisation.map(ToString::to_string),
        position,
        span: span(line, line),
    }
}

#[allow(clippy::too_many_arguments)]
fn recommendation(
    id: &str,
    number: u32,
    label: Option<&str>,
    kind: RecommendationKind,
    title: Option<&str>,
    text: &str,
    themes: &[&str],
    line: u32,
) -> Recommendation {
    let id = RecommendationId::from_raw(id);
    Recommendation {
        review: id.review(),
        id,
        number,
        label: label.map(ToString::to_string),
        kind,
        title: title.map(ToString::to_string),
        text: text.to_string(),
        themes: themes.iter().map(|t| Theme(t.to_string())).collect(),
        span: span(line, line + 1),
        source: None,
        latest: None,
        silent: false,
    }
}

/// Two councils; Corrington has a placeholder CPC known only from its
/// progress review and action plan, Marshfield one CPC of its own.
pub fn dataset() -> Dataset {
    let cpc = "corrington/2021-03-cpc";
    let progress_review = "corrington/2021-11-02-progress-review";
    let plan = "corrington/undated-action-plan";
    let marshfield = "marshfield/2019-06-11-cpc";

    let mut placeholder = review(
        cpc,
        ReviewKind::CorporatePeerChallenge,
        Some(DateSpan::month(2021, 3).unwrap()),
        false,
    );
    placeholder.title = None;

    let mut progress = review(
        progress_review,
        ReviewKind::ProgressReview,
        Some(DateSpan::day(date(2021, 11, 2))),
        true,
    );
    progress.title = Some("Corrington \"progress\" review".to_string());
    progress.follows = Some(ReviewId::from_raw(cpc));
    progress.source = Some("corrington/progress-review.md".to_string());
    progress.peers = vec![
        member(
            "Tom Wendell",
            &[],
            Some("Chief Executive"),
            Some("Ashby Vale District Council"),
            PeerPosition::OfficerPeer,
            12,
        ),
        member(
            "Lena Ford",
            &[],
            Some("- Principal Adviser"),
            Some("Local Government Association"),
            PeerPosition::LgaAdviser,
            13,
        ),
    ];
    progress.attendees = vec![
        Attendee {
            name: Some("Dana Crewe".to_string()),
            honorifics: vec!["Cllr".to_string()],
            role: Some("Leader of the Council".to_string()),
            span: span(20, 20),
        },
        Attendee {
            name: None,
            honorifics: Vec::new(),
            role: Some("Chief Executive".to_string()),
            span: span(21, 21),
        },
    ];
    progress.references = vec![ReviewRef {
        review: ReviewId::from_raw(cpc),
        kind: ReviewKind::CorporatePeerChallenge,
        held: Some(DateSpan::month(2021, 3).unwrap()),
        wording: "the peer challenge of March 2021".to_string(),
        span: span(5, 5),
    }];
    progress.next_steps = vec![NextStep {
        kind: NextStepKind::NextPeerChallenge,
        within_months: Some((18, 24)),
        before: Some(DateSpan::year(2026).unwrap()),
        wording: "another peer challenge within 18 to 24 months, before 2026 ends".to_string(),
        span: span(40, 41),
    }];
    progress.contacts = vec![Contact {
        name: "Rhea Malik".to_string(),
        role: Some("Principal Adviser".to_string()),
        email: Some("rhea.malik@example.invalid".to_string()),
        span: span(50, 50),
    }];

    let mut action_plan = review(plan, ReviewKind::ActionPlan, None, true);
    action_plan.title = Some("Corrington action plan".to_string());
    action_plan.follows = Some(ReviewId::from_raw(cpc));
    action_plan.source = Some("corrington/action-plan.txt".to_string());

    let mut marshfield_cpc = review(
        marshfield,
        ReviewKind::CorporatePeerChallenge,
        Some(DateSpan::days(date(2019, 6, 11), date(2019, 6, 14)).unwrap()),
        true,
    );
    marshfield_cpc.title = Some("Marshfield corporate peer challenge".to_string());
    marshfield_cpc.source = Some("marshfield-cpc.md".to_string());
    marshfield_cpc.peers = vec![
        member(
            "Priya Ashworth",
            &["Cllr"],
            Some("Leader"),
            Some("Holmewood Council"),
            PeerPosition::MemberPeer,
            30,
        ),
        member(
            "Tom Wendell",
            &[],
            Some("Chief Executive"),
            Some("Ashby Vale District Council"),
            PeerPosition::OfficerPeer,
            31,
        ),
    ];

    let mut r1 = recommendation(
        &format!("{cpc}#r1"),
        1,
        Some("1"),
        RecommendationKind::Recommendation,
        Some("Refresh the medium-term financial plan."),
        "=HYPERLINK(\"http://example.invalid\",\"click\") and set out savings for each year.",
        &["Financial planning", "core:financial-planning"],
        60,
    );
    r1.source = Some("corrington/progress-review.md".to_string());
    r1.latest = Some(LatestStatus {
        status: Status::SignificantProgress,
        review: ReviewId::from_raw(progress_review),
        reported: Some(date(2021, 11, 2)),
    });
    let mut r2 = recommendation(
        &format!("{cpc}#r2"),
        2,
        Some("b"),
        RecommendationKind::Recommendation,
        None,
        HOSTILE,
        &[],
        64,
    );
    r2.source = Some("corrington/progress-review.md".to_string());
    r2.silent = true;
    let mut m1 = recommendation(
        &format!("{marshfield}#r1"),
        1,
        Some("1"),
        RecommendationKind::Recommendation,
        Some(
            "Agree a shared vision with partners across the whole of Marshfield and its villages.",
        ),
        "Work with health, police and the voluntary sector to agree one vision for the borough.",
        &["core:place-leadership"],
        80,
    );
    m1.source = Some("marshfield-cpc.md".to_string());
    let mut m2 = recommendation(
        &format!("{marshfield}#r2"),
        2,
        None,
        RecommendationKind::Suggestion,
        None,
        "@SUM(A1) +1 -1 stays text, as does a café’s “curly” quote.",
        &[],
        90,
    );
    m2.source = Some("marshfield-cpc.md".to_string());

    let actions = vec![
        Action {
            id: ActionId::from_raw(format!("{plan}#a1")),
            review: ReviewId::from_raw(plan),
            number: 1,
            recommendation: Some(RecommendationId::from_raw(format!("{cpc}#r1"))),
            text: "Publish a revised financial plan by the spring.".to_string(),
            owner: Some("Director of Finance".to_string()),
            covered_by: None,
            span: span(8, 10),
        },
        Action {
            id: ActionId::from_raw(format!("{plan}#a2")),
            review: ReviewId::from_raw(plan),
            number: 2,
            recommendation: Some(RecommendationId::from_raw(format!("{cpc}#r2"))),
            text: String::new(),
            owner: None,
            covered_by: Some(ActionId::from_raw(format!("{plan}#a1"))),
            span: span(11, 12),
        },
    ];

    let progress_entries = vec![Progress {
        review: ReviewId::from_raw(progress_review),
        recommendation: RecommendationId::from_raw(format!("{cpc}#r1")),
        status: Status::SignificantProgress,
        wording: "significantly progressed".to_string(),
        commentary: Some("Savings are identified for two of the three years.".to_string()),
        span: span(60, 62),
    }];

    let people = vec![
        Person {
            id: PersonId::from_raw("lena-ford"),
            name: "Lena Ford".to_string(),
            aliases: Vec::new(),
            merge_evidence: Vec::new(),
        },
        Person {
            id: PersonId::from_raw("priya-ashworth"),
            name: "Priya Ashworth".to_string(),
            aliases: vec!["Cllr Priya Ashworth".to_string()],
            merge_evidence: Vec::new(),
        },
        Person {
            id: PersonId::from_raw("tom-wendell"),
            name: "Tom Wendell".to_string(),
            aliases: vec!["Tom Wendell".to_string()],
            merge_evidence: vec![
                "same name on corrington/2021-11-02-progress-review and marshfield/2019-06-11-cpc"
                    .to_string(),
            ],
        },
    ];

    let links = vec![
        link(
            progress_review,
            cpc,
            LinkKind::Follows,
            1.0,
            "stated",
            None,
            "the review says it follows the CPC",
        ),
        link(
            plan,
            cpc,
            LinkKind::Follows,
            0.7,
            "nearest_earlier_cpc",
            None,
            "latest CPC before the plan",
        ),
        link(
            progress_review,
            cpc,
            LinkKind::References,
            1.0,
            "mention",
            None,
            "line 5",
        ),
        link(
            progress_review,
            &format!("{cpc}#r1"),
            LinkKind::Restates,
            1.0,
            "placeholder_restatement",
            None,
            "restated at line 60",
        ),
        link(
            progress_review,
            &format!("{cpc}#r2"),
            LinkKind::Restates,
            1.0,
            "placeholder_restatement",
            None,
            "restated at line 64",
        ),
        link(
            progress_review,
            &format!("{cpc}#r1"),
            LinkKind::ReportsProgress,
            1.0,
            "stated_status:significant_progress",
            None,
            "significantly progressed",
        ),
        link(
            &format!("{plan}#a1"),
            &format!("{cpc}#r1"),
            LinkKind::Responds,
            1.0,
            "explicit",
            None,
            "recommendation 1 of the plan",
        ),
        link(
            &format!("{plan}#a2"),
            &format!("{cpc}#r2"),
            LinkKind::Responds,
            0.75,
            "number",
            None,
            "action 2 answers recommendation 2",
        ),
        link(
            &format!("{plan}#a2"),
            &format!("{plan}#a1"),
            LinkKind::CoveredBy,
            1.0,
            "stated",
            None,
            "\"picked up under 1\"",
        ),
        link(
            &format!("{cpc}#r1"),
            &format!("{marshfield}#r1"),
            LinkKind::SimilarTheme,
            0.6625,
            "core_component+tfidf_cosine",
            Some(0.325),
            "core:financial-planning",
        ),
        link(
            &format!("{marshfield}#r2"),
            &format!("{marshfield}#r1"),
            LinkKind::Recurs,
            0.5125,
            "tfidf_cosine",
            Some(0.5125),
            "=shared terms",
        ),
    ];

    let mut data = Dataset {
        councils: vec![
            Council {
                id: CouncilId::from_raw("corrington"),
                name: "Corrington Borough Council".to_string(),
                aliases: vec!["Corrington BC".to_string()],
            },
            Council {
                id: CouncilId::from_raw("marshfield"),
                name: "Marshfield \"District\" Council".to_string(),
                aliases: Vec::new(),
            },
        ],
        reviews: vec![action_plan, progress, placeholder, marshfield_cpc],
        recommendations: vec![m2, r2, m1, r1],
        actions,
        progress: progress_entries,
        people,
        links,
        ..Dataset::default()
    };
    data.sort();
    assert_eq!(
        data.reviews[0].held.map(|h| h.precision),
        Some(Precision::Month)
    );
    data
}
