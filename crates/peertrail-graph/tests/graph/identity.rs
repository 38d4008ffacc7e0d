//! People and councils merged across documents.

use peertrail_core::PersonId;

use crate::{build, corpus};

#[test]
fn houghton_variants_are_one_person_on_three_reviews() {
    let g = build(corpus::all());
    let people = g.people(Some("houghton"));
    assert_eq!(people.len(), 1, "{people:#?}");
    let p = &people[0];
    assert_eq!(p.id.as_str(), "stephen-houghton");
    assert_eq!(p.name, "Stephen Houghton");
    assert_eq!(p.aliases, ["Cllr Stephen Houghton", "Sir Steve Houghton"]);
    let reviews: Vec<&str> = p.reviews.iter().map(|r| r.review.as_str()).collect();
    assert_eq!(
        reviews,
        [
            "ashby/2018-09-04-cpc",
            "ashby/2020-04-01-follow-up-visit",
            "marshfield/2021-03-17-remote-support"
        ]
    );
    assert!(
        p.merge_evidence
            .iter()
            .any(|e| e.contains("stephen/steve are equivalent") && e.contains("barnsley")),
        "{:#?}",
        p.merge_evidence
    );
    // Every membership points at the merged id.
    for r in &g.dataset().reviews {
        for m in &r.peers {
            if m.name.contains("Houghton") {
                assert_eq!(m.person, PersonId::from_raw("stephen-houghton"));
            }
        }
    }
}

#[test]
fn dan_archer_is_one_person_across_roles() {
    let g = build(corpus::all());
    let people = g.people(Some("Archer"));
    assert_eq!(people.len(), 1);
    let roles: Vec<Option<&str>> = people[0]
        .reviews
        .iter()
        .map(|r| r.role.as_deref())
        .collect();
    assert_eq!(
        roles,
        [
            Some("LGA Programme Manager"),
            Some("LGA Programme Manager"),
            Some("Peer Challenge Manager"),
            Some("Senior Regional Adviser LGA")
        ]
    );
    assert!(people[0].merge_evidence[0].starts_with("same written name (dan-archer) on 4 reviews"));
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let g = build(corpus::all());
    let ellery: Vec<String> = g
        .people(Some("ellery"))
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    assert_eq!(ellery, ["joanne-ellery", "mark-ellery"]);
    // Chris Bradley is Christopher (same organisation and role), never
    // Christina (same organisation only, and Christina/Christopher clash).
    let bradley: Vec<(String, usize)> = g
        .people(Some("bradley"))
        .into_iter()
        .map(|p| (p.id.to_string(), p.reviews.len()))
        .collect();
    assert_eq!(
        bradley,
        [
            ("christina-bradley".to_string(), 1),
            ("christopher-bradley".to_string(), 2)
        ]
    );
    let chris = &g.people(Some("christopher"))[0];
    assert!(
        chris.merge_evidence[0]
            .contains("same organisation (eastfield), same role (head-of-commercial-development)"),
        "{:#?}",
        chris.merge_evidence
    );
}

#[test]
fn councils_merge_and_keep_the_fullest_name() {
    let g = build(corpus::all());
    let ashby = g
        .dataset()
        .councils
        .iter()
        .find(|c| c.id.as_str() == "ashby")
        .unwrap();
    assert_eq!(ashby.name, "Ashby Metropolitan Borough Council");
    assert_eq!(ashby.aliases, ["Ashby MBC"]);
    let marsh = g
        .dataset()
        .councils
        .iter()
        .find(|c| c.id.as_str() == "marshfield")
        .unwrap();
    assert_eq!(marsh.name, "Marshfield Borough Council");
    assert_eq!(marsh.aliases, ["Marshfield Council"]);
    assert_eq!(g.dataset().councils.len(), 5);
}

/// A peer serves on many reviews: the data set keeps one copy of each
/// name, role and organisation for every entry that writes it alike.
#[test]
fn peers_written_alike_on_two_reviews_share_their_texts() {
    use crate::builder::{doc, month};
    use peertrail_core::ReviewKind;
    use std::sync::Arc;
    // The same peer, written alike, on the CPCs of two councils.
    let review = |council: &str, year: i32, text: &str| {
        doc(
            council,
            ReviewKind::CorporatePeerChallenge,
            Some(month(year, 3)),
        )
        .rec(text)
        .peer(
            &["Cllr"],
            "Mara Quell",
            Some("Leader"),
            Some("Fenmoor District Council"),
        )
        .build()
    };
    let first = review("Kestrel Vale", 2019, "Set out a plan.");
    let second = review("Ashby Marsh", 2021, "Agree a budget.");
    let g = build(vec![first, second]);
    let entries: Vec<_> = g.dataset().reviews.iter().flat_map(|r| &r.peers).collect();
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let (a, b) = (entries[0], entries[1]);
    assert_eq!(&*a.name, "Mara Quell");
    assert!(Arc::ptr_eq(&a.name, &b.name), "one name text");
    let both = |x: &Option<Arc<str>>, y: &Option<Arc<str>>| match (x, y) {
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    };
    assert!(both(&a.role, &b.role), "one role text");
    assert!(
        both(&a.organisation, &b.organisation),
        "one organisation text"
    );
}
