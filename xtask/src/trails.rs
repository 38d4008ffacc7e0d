//! `cargo xtask score --trails [DIR]`: linking measured against the trails
//! corpus of our own (default `tests/trails`), each trail a folder of
//! documents about one council and a `links.key` key listing every link
//! that should be made.
//!
//! Prints precision and recall per link kind, every missed and every wrong
//! link with its rule, score and confidence, and how right each confidence
//! band is; `--check` exits 1 under the floors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use peertrail::LoadOptions;
use peertrail_core::{Dataset, Link, LinkKind};
use peertrail_graph::Graph;

/// The kinds the key lists, in print order.
const KINDS: [&str; 5] = [
    "restates",
    "reports_progress",
    "responds",
    "recurs",
    "review_status",
];

/// (kind, precision floor, recall floor) enforced by `--check`.
const FLOORS: [(&str, f64, f64); 3] = [
    ("restates", 0.95, 0.9),
    ("reports_progress", 0.95, 0.9),
    ("responds", 0.95, 0.9),
];

/// Links at or above this confidence must be this often right.
const TOP_BAND: f64 = 0.9;
const TOP_BAND_FLOOR: f64 = 0.95;

/// The confidence bands printed, high to low: (lower bound, label).
const BANDS: [(f64, &str); 4] = [
    (0.9, ">= 0.90"),
    (0.75, "0.75-0.90"),
    (0.6, "0.60-0.75"),
    (0.0, "< 0.60"),
];

/// One expected or found link, as the key writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    kind: String,
    from: String,
    to: String,
}

pub fn run(dir: Option<PathBuf>, check: bool, quiet: bool) -> Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| crate::root().join("tests/trails"));
    let trails = trail_dirs(&dir)?;
    if trails.is_empty() {
        bail!("no trails (folders with a links.key) in {}", dir.display());
    }
    let mut expected: BTreeSet<Key> = BTreeSet::new();
    let mut expected_status: BTreeMap<Key, String> = BTreeMap::new();
    for t in &trails {
        read_key(&t.join("links.key"), &mut expected, &mut expected_status)?;
    }
    let corpus = peertrail::load(&trails, &LoadOptions::default());
    for problem in &corpus.problems {
        eprintln!("{problem}");
    }
    let graph = Graph::build(corpus.extractions);
    let data = graph.dataset();
    let found = found_links(data);

    let mut report = String::new();
    let mut table = Vec::new();
    let mut below = Vec::new();
    for kind in KINDS {
        let want: BTreeSet<&Key> = expected.iter().filter(|k| k.kind == kind).collect();
        let got: BTreeMap<&Key, Option<&Link>> = found
            .iter()
            .filter(|(k, _)| k.kind == kind)
            .map(|(k, l)| (k, l.as_ref()))
            .collect();
        let right = got.keys().filter(|k| want.contains(*k)).count();
        for k in &want {
            if !got.contains_key(*k) {
                report.push_str(&format!("  missed {} {} -> {}\n", k.kind, k.from, k.to));
            }
        }
        for (k, link) in &got {
            if !want.contains(*k) {
                report.push_str(&format!(
                    "  wrong  {} {} -> {}{}\n",
                    k.kind,
                    k.from,
                    k.to,
                    link.map(describe).unwrap_or_default()
                ));
            }
        }
        let p = ratio(right, got.len());
        let r = ratio(right, want.len());
        table.push(format!(
            "{kind:<17} {:>6} {:>6} {:>6} {p:>9.2} {r:>9.2}",
            want.len(),
            got.len(),
            right
        ));
        if let Some((_, pf, rf)) = FLOORS.iter().find(|(n, _, _)| *n == kind) {
            if p < *pf || r < *rf {
                below.push(format!(
                    "{kind}: precision {p:.2} (floor {pf}), recall {r:.2} (floor {rf})"
                ));
            }
        }
    }
    // Statuses: a reports_progress link whose status differs from the key.
    let mut wrong_status = 0;
    for (k, want) in &expected_status {
        let got = data
            .progress
            .iter()
            .find(|p| p.review.as_str() == k.from && p.recommendation.as_str() == k.to)
            .map(|p| p.status.as_str());
        if let Some(got) = got.filter(|g| g != want) {
            wrong_status += 1;
            report.push_str(&format!(
                "  status {} -> {}: {got}, key says {want}\n",
                k.from, k.to
            ));
        }
    }

    if !quiet && !report.is_empty() {
        println!("missed and wrong links:\n{report}");
    }
    println!(
        "linked {} trails in {}\n\n{:<17} {:>6} {:>6} {:>6} {:>9} {:>9}",
        trails.len(),
        dir.display(),
        "kind",
        "key",
        "found",
        "right",
        "precision",
        "recall"
    );
    for line in &table {
        println!("{line}");
    }
    println!("statuses that differ from the key: {wrong_status}");

    // Confidence bands over every link of the kinds the key covers.
    println!(
        "\n{:<10} {:>6} {:>6} {:>7}",
        "confidence", "links", "right", "share"
    );
    let mut top_share = 1.0;
    for (i, (low, label)) in BANDS.iter().enumerate() {
        let high = if i == 0 {
            f64::INFINITY
        } else {
            BANDS[i - 1].0
        };
        let in_band: Vec<&Key> = found
            .iter()
            .filter(|(k, l)| {
                k.kind != "review_status"
                    && l.as_ref()
                        .is_some_and(|l| l.confidence >= *low && l.confidence < high)
            })
            .map(|(k, _)| k)
            .collect();
        let right = in_band.iter().filter(|k| expected.contains(**k)).count();
        let share = ratio(right, in_band.len());
        if i == 0 {
            top_share = share;
        }
        println!("{label:<10} {:>6} {right:>6} {share:>7.2}", in_band.len());
    }
    if top_share < TOP_BAND_FLOOR {
        below.push(format!(
            "links of confidence >= {TOP_BAND}: {top_share:.2} right (floor {TOP_BAND_FLOOR})"
        ));
    }
    if below.is_empty() {
        println!("every floor holds");
        return Ok(ExitCode::SUCCESS);
    }
    for line in &below {
        println!("under the floor: {line}");
    }
    Ok(if check {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn describe(l: &Link) -> String {
    format!(
        "  [{} {} conf {:.2}{}]",
        l.evidence.rule,
        l.evidence
            .score
            .map_or_else(String::new, |s| format!("score {s:.2}")),
        l.confidence,
        if l.evidence.detail.is_empty() {
            String::new()
        } else {
            format!("; {}", l.evidence.detail)
        }
    )
}

/// Every folder of `dir` holding a `links.key`, sorted.
fn trail_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("links.key").is_file())
        .collect();
    out.sort();
    Ok(out)
}

fn read_key(
    path: &Path,
    keys: &mut BTreeSet<Key>,
    statuses: &mut BTreeMap<Key, String>,
) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    for (n, raw) in text.lines().enumerate() {
        // Ids hold '#' ("review#r2"): only a '#' at the start of a line or
        // after white space starts a comment.
        let line = match raw.find(" #") {
            Some(at) => &raw[..at],
            None if raw.trim_start().starts_with('#') => "",
            None => raw,
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let bad = || anyhow::anyhow!("{}:{}: cannot read {raw:?}", path.display(), n + 1);
        let kind = *words.first().ok_or_else(bad)?;
        if !KINDS.contains(&kind) {
            return Err(bad());
        }
        let (from, to, status) = match (kind, words.as_slice()) {
            ("review_status", [_, review, status]) => (*review, "", Some(*status)),
            ("reports_progress", [_, from, to, status]) => (*from, *to, Some(*status)),
            (_, [_, from, to]) => (*from, *to, None),
            _ => return Err(bad()),
        };
        let key = Key {
            kind: kind.to_string(),
            from: from.to_string(),
            to: to.to_string(),
        };
        if let (Some(s), "reports_progress") = (status, kind) {
            statuses.insert(key.clone(), s.to_string());
        }
        // A status report is right only with the right status.
        let key = match kind {
            "review_status" => Key {
                to: status.unwrap_or_default().to_string(),
                ..key
            },
            "reports_progress" => Key {
                to: format!("{} {}", key.to, status.unwrap_or_default()),
                ..key
            },
            _ => key,
        };
        keys.insert(key);
    }
    Ok(())
}

/// The links the graph made of the kinds the key covers, and the statuses
/// it gave whole reviews.
fn found_links(data: &Dataset) -> BTreeMap<Key, Option<Link>> {
    let mut out = BTreeMap::new();
    for l in &data.links {
        let to = match l.kind {
            LinkKind::ReportsProgress => {
                let status = data
                    .progress
                    .iter()
                    .find(|p| l.from == p.review.as_str() && l.to == p.recommendation.as_str())
                    .map_or("unknown", |p| p.status.as_str());
                format!("{} {status}", l.to)
            }
            _ => l.to.to_string(),
        };
        let kind = match l.kind {
            LinkKind::Restates => "restates",
            LinkKind::ReportsProgress => "reports_progress",
            LinkKind::Responds => "responds",
            LinkKind::Recurs => "recurs",
            _ => continue,
        };
        out.insert(
            Key {
                kind: kind.to_string(),
                from: l.from.to_string(),
                to,
            },
            Some(l.clone()),
        );
    }
    for r in &data.review_progress {
        out.insert(
            Key {
                kind: "review_status".to_string(),
                from: r.review.as_str().to_string(),
                to: r.status.as_str().to_string(),
            },
            None,
        );
    }
    out
}
