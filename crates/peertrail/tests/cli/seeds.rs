//! The four questions on the real reports in `../shared/seeds/` (read where
//! they are, never copied): what the "done when" asks of the CLI.
//! Skipped with a message where the folder is absent.

use std::path::PathBuf;

use crate::support::{arg, outcome, peertrail};

fn seeds() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI must have the shared real reports",
            dir.display()
        );
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

/// Runs a query on the seeds. The Halton action plan never names its
/// council, so the run may exit 1 with that file skipped; the answer is
/// printed all the same.
fn ask(args: &[&str]) -> Option<String> {
    let dir = seeds()?;
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--corpus", arg(&dir)]);
    let (code, stdout, stderr) = outcome(&peertrail(&all));
    assert!(code == 0 || code == 1, "peertrail {args:?}: {stderr}");
    Some(stdout)
}

#[test]
fn sefton_next_peer_challenge_is_overdue() {
    let Some(out) = ask(&["due", "--as-of", "2026-11-22", "--council", "Sefton MBC"]) else {
        return;
    };
    let line = out
        .lines()
        .find(|l| l.contains("next_peer_challenge after sefton/2018-09-04-cpc"))
        .unwrap_or_else(|| panic!("no next CPC for Sefton:\n{out}"));
    assert!(line.contains("by 2023-08-31"), "{line}");
    let overdue = out.find("overdue (").unwrap_or(usize::MAX);
    let due = out.find("\ndue (").unwrap_or(out.len());
    let at = out.find(line).unwrap_or_default();
    assert!(overdue < at && at < due, "not listed as overdue:\n{out}");
}

#[test]
fn st_helens_recommendations_hang_under_placeholders_with_statuses() {
    let Some(out) = ask(&["timeline", "St Helens Council"]) else {
        return;
    };
    for placeholder in [
        "st-helens/2019-01-cpc (Corporate Peer Challenge, 2019-01) [placeholder: not in the corpus]",
        "st-helens/2020-09-panel (Recovery and Renewal Panel, 2020-09) [placeholder: not in the corpus]",
    ] {
        assert!(out.contains(placeholder), "no {placeholder}:\n{out}");
    }
    let Some(out) = ask(&["trace", "st-helens/2019-01-cpc#r1"]) else {
        return;
    };
    assert!(
        out.contains("status_reported st-helens/2021-03-17-remote-support -> significant_progress"),
        "{out}"
    );
}

#[test]
fn houghton_is_one_person_on_three_reviews() {
    let Some(out) = ask(&["people", "houghton"]) else {
        return;
    };
    assert!(
        out.starts_with("Stephen Houghton (stephen-houghton), 3 reviews\n"),
        "{out}"
    );
    for written in [
        "Sir Steve Houghton",
        "Cllr Sir Stephen Houghton",
        "Cllr Stephen Houghton",
    ] {
        assert!(
            out.contains(&format!("as {written} (")),
            "no {written}:\n{out}"
        );
    }
}

#[test]
fn archer_is_one_person_on_four_reviews_and_nobody_else_is_merged() {
    let Some(out) = ask(&["people", "--json"]) else {
        return;
    };
    let people: serde_json::Value = serde_json::from_str(&out).expect("--json is JSON");
    let people = people.as_array().expect("a list of people");
    let count = |id: &str| {
        people
            .iter()
            .find(|p| p["id"] == id)
            .and_then(|p| p["reviews"].as_array().map(Vec::len))
    };
    assert_eq!(count("dan-archer"), Some(4), "{out}");
    let archer = people
        .iter()
        .find(|p| p["id"] == "dan-archer")
        .expect("Dan Archer");
    let positions: std::collections::BTreeSet<&str> = archer["reviews"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["position"].as_str())
        .collect();
    assert!(
        positions.len() >= 2,
        "his roles differ from review to review: {positions:?}"
    );
    assert_eq!(count("stephen-houghton"), Some(3), "{out}");
    // Fifteen people in all: every other peer sits on one review only.
    assert_eq!(people.len(), 15, "{out}");
}

#[test]
fn cheshire_west_and_halton_trails() {
    let Some(out) = ask(&["timeline", "cheshire-west-and-chester"]) else {
        return;
    };
    assert!(out.contains("cheshire-west-and-chester/2022-07-cpc (Corporate Peer Challenge, 2022-07) [placeholder"), "{out}");
    assert!(out.contains("7 recommendations"), "{out}");
    assert!(
        out.contains("cheshire-west-and-chester/2023-03-22-progress-review"),
        "{out}"
    );
    let Some(out) = ask(&["trace", "halton/2019-09-10-cpc#r9"]) else {
        return;
    };
    assert!(
        out.contains("answered"),
        "Halton's action answers recommendation 9:\n{out}"
    );
}
