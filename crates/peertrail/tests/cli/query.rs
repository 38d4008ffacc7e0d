//! `peertrail trace | timeline | due | people` on a small trail of our own:
//! Marshfield's CPC of November 2019, a remote support session in June
//! 2021 that restates its recommendations (and those of a Recovery and
//! Renewal Panel the corpus does not hold) with statuses, and a progress
//! review in March 2022; plus an unrelated Eastfield CPC of 2024.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{
    arg, outcome, peertrail, remote_support_report, scratch, write_files, Scratch,
};

const CPC: &str = "marshfield/2019-11-05-cpc";
const REMOTE: &str = "marshfield/2021-06-14-remote-support";
const PROGRESS: &str = "marshfield/2022-03-09-progress-review";
const PANEL: &str = "marshfield/2020-10-panel";

const MARSHFIELD_CPC: &str = "

# Corporate Peer Challenge

## **Marshfield Borough Council**

5<sup>th</sup> November – 8<sup>th</sup> November 2019

Feedback Report

# 1. Executive Summary

Marshfield Borough Council is ambitious for its market towns and has kept its services steady through a difficult period. The peer team found staff proud of the borough and partners keen to do more with the council.

## 2. Key recommendations

The peer team makes these key recommendations to the council:

1. ***Refresh the medium term financial plan.*** Show how the budget gap will be closed over the next three years and which savings carry the most risk.
2. ***Strengthen the scrutiny of major projects.*** Give scrutiny members early sight of the riverside regeneration scheme and its costs.
3. ***Build a shared vision with partners.*** Agree with health and voluntary sector partners what the borough should look like in 2030.

### 3. Summary of the Peer Challenge approach

#### The peer team

The peer team for Marshfield was:

- **Cllr Jane Holloway** (Leader - Corrington Borough Council);
- **Peter Stanway** (Chief Executive - Ashby Vale District Council);
- LGA peer challenge manager: **Tom Fenwick** (LGA Programme Manager).

## 5. Next steps

### Follow up visit

A follow up visit is part of the peer challenge. The LGA expects it to take place within 18 – 24 months of the challenge, to help the council see what difference the challenge has made.

### Next Corporate Peer Challenge

Councils are expected to have a peer challenge every four to five years, so the council is expected to commission its next Peer Challenge before November 2024.
";

const MARSHFIELD_PROGRESS: &str = "

LGA Corporate Peer Challenge – Progress Review

Marshfield Borough Council

9th March 2022

Feedback

1. Introduction

A progress review belongs to the Corporate Peer Challenge cycle. It gives the council a view from peers on how far it has come since the challenge.

2. Summary of the approach

The review took place remotely on the 9th March 2022. These members of the original CPC team took part:

- Cllr Jane Holloway (Leader Corrington Council)
- Peer Challenge Manager Tom Fenwick (Programme Manager LGA)

The peer team met online with the following people from the council:

- Cllr Ruth Banner (Leader)
- Sam Okafor (Chief Executive)

3. Progress Review - Feedback

Marshfield's November 2019 CPC found a council with steady services and a strong sense of place, and made three recommendations to help it go further.

The sections below look at what the council has done about each of the recommendations made in November 2019.

Financial Planning

The 2019 CPC found the council's finances sound for now but its plans too short, and recommended:

- Refresh the medium term financial plan. Show how the budget gap will be closed over the next three years and which savings carry the most risk.

The plan now runs to 2025 and the largest savings are tracked monthly.

Governance

The 2019 CPC asked for earlier and sharper challenge of the council's largest projects:

- Strengthen the scrutiny of major projects. Give scrutiny members early sight of the riverside regeneration scheme and its costs.

Scrutiny has a standing item on the regeneration programme.
";

const EASTFIELD_CPC: &str = "

# Corporate Peer Challenge

## **Eastfield District Council**

12<sup>th</sup> February – 15<sup>th</sup> February 2024

Feedback Report

## 2. Key recommendations

The peer team makes these key recommendations to the council:

1. ***Publish a workforce plan.*** Set out how the council will recruit planners and social workers over the next two years.

### 3. Summary of the Peer Challenge approach

#### The peer team

- **Cllr Owen Marsh** (Deputy Leader - Fernleigh Borough Council);
- LGA peer challenge manager: **Tom Fenwick** (LGA Programme Manager).
";

/// The Marshfield trail and the Eastfield CPC, written to a fresh folder.
fn trail(name: &str) -> (Scratch, PathBuf) {
    let scratch = scratch(name);
    let dir = scratch.join("reports");
    let remote = remote_support_report(
        "Marshfield Borough Council",
        "14th June 2021",
        &[
            "**Cllr Jane Holloway** – Leader of Corrington Council",
            "**Tom Fenwick** (LGA Programme Manager)",
        ],
        &[
            (
                "The LGA's support has included a Corporate Peer Challenge (CPC) in November 2019 and a Recovery and Renewal Panel in October 2020. The council's own assessment shows these recommendations of the CPC as significantly progressed:",
                &[(
                    "Refresh the medium term financial plan.",
                    "A three year plan was agreed by full council in February 2021.",
                )],
            ),
            (
                "The council continues to progress these recommendations of the CPC:",
                &[
                    (
                        "Strengthen the scrutiny of major projects.",
                        "A scrutiny panel on regeneration has met twice.",
                    ),
                    (
                        "Build a shared vision with partners.",
                        "Partners have agreed to draft a 2030 plan together.",
                    ),
                ],
            ),
            (
                "Since its Recovery and Renewal Panel in October 2020 the council has begun to progress these:",
                &[(
                    "Agree a recovery plan with local employers.",
                    "A recovery board of employers first met in May 2021.",
                )],
            ),
        ],
    );
    write_files(
        &dir,
        &[
            ("marshfield-2019-cpc.md", MARSHFIELD_CPC),
            ("marshfield-2021-remote-support.txt", &remote),
            ("marshfield-2022-progress-review.txt", MARSHFIELD_PROGRESS),
            ("eastfield-2024-cpc.md", EASTFIELD_CPC),
        ],
    );
    (scratch, dir)
}

fn run(args: &[&str], corpus: &Path) -> (i32, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--corpus", arg(corpus)]);
    outcome(&peertrail(&all))
}

/// The position of `needle` in `haystack`, or a failure naming both.
fn at(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{haystack}"))
}

#[test]
fn trace_lists_the_later_events_in_date_order() {
    let (_dir, corpus) = trail("trace-text");
    let (code, stdout, stderr) = run(&["trace", &format!("{CPC}#r1")], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.starts_with(&format!("{CPC}#r1")), "{stdout}");
    assert!(stdout.contains("medium term financial plan"), "{stdout}");
    let restated = at(&stdout, &format!("2021-06-14  restated        {REMOTE}"));
    let status = at(&stdout, &format!("2021-06-14  status_reported {REMOTE}"));
    let later = at(&stdout, &format!("2022-03-09  restated        {PROGRESS}"));
    assert!(restated < status && status < later, "{stdout}");
    assert!(stdout.contains("-> significant_progress"), "{stdout}");
    assert!(
        stdout.contains("latest status: significant_progress"),
        "{stdout}"
    );
}

#[test]
fn trace_json_has_the_recommendation_and_its_events() {
    let (_dir, corpus) = trail("trace-json");
    let (code, stdout, stderr) = run(&["trace", &format!("{CPC}#r2"), "--json"], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    for key in ["recommendation", "review", "repeats", "events"] {
        assert!(doc.get(key).is_some(), "no `{key}` in {doc:#}");
    }
    assert_eq!(doc["recommendation"]["id"], format!("{CPC}#r2"));
    assert_eq!(doc["review"]["id"], CPC);
    let events = doc["events"].as_array().expect("events is a list");
    let status = events
        .iter()
        .find(|e| e["kind"] == "status_reported")
        .unwrap_or_else(|| panic!("no status event in {doc:#}"));
    assert_eq!(status["review"], REMOTE);
    assert_eq!(status["status"], "in_progress");
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "events out of date order");
}

#[test]
fn timeline_lists_reviews_in_date_order_with_placeholders_marked() {
    let (_dir, corpus) = trail("timeline-text");
    let (code, stdout, stderr) = run(&["timeline", "marshfield"], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(
        stdout.starts_with("Marshfield Borough Council (marshfield)"),
        "{stdout}"
    );
    let cpc = at(&stdout, &format!("{CPC} (Corporate Peer Challenge"));
    let panel = at(&stdout, &format!("{PANEL} (Recovery and Renewal Panel"));
    let remote = at(&stdout, &format!("{REMOTE} (Remote peer support"));
    let progress = at(&stdout, &format!("{PROGRESS} (Progress review"));
    assert!(
        cpc < panel && panel < remote && remote < progress,
        "{stdout}"
    );
    let panel_line = stdout[panel..].lines().next().unwrap_or_default();
    assert!(
        panel_line.ends_with("[placeholder: not in the corpus]"),
        "{panel_line}"
    );
    let cpc_line = stdout[cpc..].lines().next().unwrap_or_default();
    assert!(!cpc_line.contains("placeholder"), "{cpc_line}");
    assert!(stdout.contains("3 recommendations"), "{stdout}");
    assert!(!stdout.contains("eastfield"), "{stdout}");
}

#[test]
fn timeline_takes_a_council_name_and_prints_json() {
    let (_dir, corpus) = trail("timeline-json");
    let (code, stdout, stderr) = run(
        &["timeline", "Marshfield Borough Council", "--json"],
        &corpus,
    );
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(doc["council"]["id"], "marshfield");
    let reviews = doc["reviews"].as_array().expect("reviews is a list");
    assert!(!reviews.is_empty(), "{doc:#}");
    for key in [
        "review",
        "follows",
        "recommendations",
        "actions",
        "statuses_reported",
        "silent",
        "latest_statuses",
        "peers",
    ] {
        assert!(reviews[0].get(key).is_some(), "no `{key}` in {doc:#}");
    }
    let panel = reviews
        .iter()
        .find(|r| r["review"]["id"] == PANEL)
        .unwrap_or_else(|| panic!("no placeholder panel in {doc:#}"));
    assert_eq!(panel["review"]["in_corpus"], false);
}

#[test]
fn due_lists_the_overdue_next_peer_challenge() {
    let (_dir, corpus) = trail("due-text");
    let (code, stdout, stderr) = run(&["due", "--as-of", "2026-11-22"], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.starts_with("as of 2026-11-22\n"), "{stdout}");
    let overdue = at(&stdout, "overdue (");
    let next_cpc = at(&stdout, &format!("next_peer_challenge after {CPC}"));
    assert!(overdue < next_cpc, "{stdout}");
    // The report's own "before November 2024" wins over the five-year rule.
    let line = stdout[..next_cpc].lines().last().unwrap_or_default();
    assert!(line.contains("by 2024-10-31"), "{stdout}");
    assert!(stdout.contains("rule stated"), "{stdout}");
    // The progress review of 2022 is the follow-up visit.
    assert!(
        stdout.contains(&format!("satisfied by {PROGRESS}")),
        "{stdout}"
    );
    assert!(stdout.contains("eastfield/2024-02-12-cpc"), "{stdout}");
}

#[test]
fn due_filters_by_council_and_prints_json() {
    let (_dir, corpus) = trail("due-json");
    let (code, stdout, stderr) = run(
        &[
            "due",
            "--as-of",
            "2026-11-22",
            "--council",
            "Marshfield",
            "--json",
        ],
        &corpus,
    );
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(doc["as_of"], "2026-11-22");
    assert_eq!(doc["council"], "marshfield");
    let items = doc["items"].as_array().expect("items is a list");
    assert!(
        items.iter().all(|i| i["council"] == "marshfield"),
        "{doc:#}"
    );
    let next = items
        .iter()
        .find(|i| i["step"] == "next_peer_challenge")
        .unwrap_or_else(|| panic!("no next CPC in {doc:#}"));
    assert_eq!(next["status"], "overdue");
    assert_eq!(next["review"], CPC);
    for key in ["due_by", "rule", "rule_text", "satisfied_by", "review_date"] {
        assert!(next.get(key).is_some(), "no `{key}` in {next:#}");
    }
}

#[test]
fn due_needs_a_real_date() {
    let (_dir, corpus) = trail("due-date");
    let (code, _, stderr) = run(&["due", "--as-of", "22/11/2026"], &corpus);
    assert_eq!(code, 2);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn people_lists_a_peer_with_their_reviews() {
    let (_dir, corpus) = trail("people-text");
    let (code, stdout, stderr) = run(&["people", "holloway"], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(
        stdout.starts_with("Jane Holloway (jane-holloway), 3 reviews"),
        "{stdout}"
    );
    let cpc = at(&stdout, CPC);
    let remote = at(&stdout, REMOTE);
    let progress = at(&stdout, PROGRESS);
    assert!(cpc < remote && remote < progress, "{stdout}");
    assert!(stdout.contains("member_peer"), "{stdout}");
    assert!(
        !stdout.contains("Fenwick"),
        "only the person asked for: {stdout}"
    );
}

#[test]
fn people_json_and_attendees_are_not_peers() {
    let (_dir, corpus) = trail("people-json");
    let (code, stdout, stderr) = run(&["people", "--json"], &corpus);
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    let people = doc.as_array().expect("a list of people");
    let fenwick = people
        .iter()
        .find(|p| p["id"] == "tom-fenwick")
        .unwrap_or_else(|| panic!("no Tom Fenwick in {doc:#}"));
    for key in ["id", "name", "aliases", "merge_evidence", "reviews"] {
        assert!(fenwick.get(key).is_some(), "no `{key}` in {fenwick:#}");
    }
    // CPC, remote support, progress review and Eastfield's CPC.
    assert_eq!(
        fenwick["reviews"].as_array().map(Vec::len),
        Some(4),
        "{fenwick:#}"
    );
    assert!(
        people.iter().all(|p| p["id"] != "ruth-banner"),
        "a council attendee listed as a peer: {doc:#}"
    );
    let (code, stdout, _) = run(&["people", "banner"], &corpus);
    assert_eq!(code, 0);
    assert_eq!(stdout, "no one matches\n");
}

#[test]
fn unknown_recommendation_exits_2_with_close_ids() {
    let (_dir, corpus) = trail("trace-unknown");
    let (code, stdout, stderr) = run(&["trace", &format!("{CPC}#r9")], &corpus);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains(&format!("no recommendation `{CPC}#r9`")),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains(&format!("{CPC}#r1")), "{stderr}");
}

#[test]
fn a_review_id_given_to_trace_lists_its_recommendations() {
    let (_dir, corpus) = trail("trace-review");
    let (code, _, stderr) = run(&["trace", CPC], &corpus);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is a review"), "{stderr}");
    assert!(stderr.contains(&format!("{CPC}#r3")), "{stderr}");
}

#[test]
fn unknown_council_exits_2_with_close_councils() {
    let (_dir, corpus) = trail("council-unknown");
    let (code, stdout, stderr) = run(&["timeline", "marshfeild"], &corpus);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("no council `marshfeild`") && stderr.contains("    marshfield"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        &["due", "--as-of", "2026-11-22", "--council", "Eastfeld"],
        &corpus,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("    eastfield"), "{stderr}");
    let (code, _, stderr) = run(&["trace", "nowhere/2019-11-05-cpc#r1"], &corpus);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no council `nowhere`"), "{stderr}");
}

#[test]
fn a_skipped_file_makes_the_exit_1_but_the_answer_is_printed() {
    let (_dir, corpus) = trail("query-skipped");
    std::fs::write(corpus.join("broken.txt"), b"\0\0binary").expect("write");
    let (code, stdout, stderr) = run(&["timeline", "marshfield"], &corpus);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert!(stdout.starts_with("Marshfield Borough Council"), "{stdout}");
    let (code, stdout, stderr) = run(&["timeline", "marshfield", "--strict"], &corpus);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn every_command_needs_a_corpus_and_teaches_by_example() {
    for command in ["trace", "timeline", "due", "people"] {
        let (code, stdout, _) = outcome(&peertrail(&[command, "--help"]));
        assert_eq!(code, 0);
        assert!(
            stdout.contains("Examples:") && stdout.contains(&format!("peertrail {command} ")),
            "{command} --help lacks an example: {stdout}"
        );
        assert!(stdout.contains("--corpus"), "{stdout}");
        assert!(stdout.contains("--json"), "{stdout}");
    }
    let (_, stdout, _) = outcome(&peertrail(&["due", "--help"]));
    assert!(stdout.contains("today"), "{stdout}");
    let (code, _, stderr) = outcome(&peertrail(&["people"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--corpus"), "{stderr}");
}
