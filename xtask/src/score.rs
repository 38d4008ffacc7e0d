//! `cargo xtask score`: extraction measured against hand-made ground truth.
//!
//! Each case of a set is a `NN-slug.txt` whose first line is `# source: URL`
//! and a `NN-slug.json` with what a person read in it (schema in the set's
//! README). The text after the source line is ingested as `peertrail ingest`
//! would, with `--council` only where the truth says the text never names
//! its council; then every field is compared, and precision and recall are
//! printed over all items and as a mean per case (a few cases hold most of
//! the items, and fitting those is not the goal). `--check` exits 1 when an
//! all-items figure falls under its floor.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use peertrail_core::{DateSpan, Extraction, Precision, Status};
use peertrail_ingest::{IngestError, IngestOptions};
use serde_json::Value;

use crate::{root, value, USAGE};

/// The floors `--check` enforces on the all-items figures: (field,
/// precision floor, recall floor).
const FLOORS: [(&str, f64, f64); 5] = [
    ("recommendations", 0.9, 0.9),
    ("peers", 0.9, 0.9),
    ("review dates", 0.85, 0.85),
    ("kind", 0.85, 0.85),
    ("council", 0.95, 0.95),
];

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut set: Option<PathBuf> = None;
    let mut check = false;
    let mut quiet = false;
    let mut trails: Option<Option<PathBuf>> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--trails" => {
                // An optional folder follows.
                match args.get(i + 1).filter(|a| !a.starts_with("--")) {
                    Some(dir) => {
                        trails = Some(Some(dir.into()));
                        i += 2;
                    }
                    None => {
                        trails = Some(None);
                        i += 1;
                    }
                }
            }
            "--set" => {
                set = Some(value(args, i, "--set")?.into());
                i += 2;
            }
            "--check" => {
                check = true;
                i += 1;
            }
            "--quiet" => {
                quiet = true;
                i += 1;
            }
            other => bail!("unknown option `{other}` for score\n\n{USAGE}"),
        }
    }
    if let Some(dir) = trails {
        return crate::trails::run(dir, check, quiet);
    }
    let set = set.unwrap_or_else(|| root().join("../shared/realworld/cases"));
    let cases = load_cases(&set)?;
    if cases.is_empty() {
        bail!(
            "no cases (NN-name.txt with NN-name.json) in {}",
            set.display()
        );
    }
    let mut totals: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut per_case: BTreeMap<&'static str, Vec<(f64, f64)>> = BTreeMap::new();
    let mut report = String::new();
    for case in &cases {
        let scored = score_case(case);
        let mut lines = Vec::new();
        for (field, tally) in &scored.fields {
            totals.entry(field).or_default().add(tally);
            if tally.truth > 0 || tally.found > 0 {
                per_case
                    .entry(field)
                    .or_default()
                    .push((tally.precision(), tally.recall()));
            }
            for miss in &tally.missed {
                lines.push(format!("    {field}: missed {miss}"));
            }
            for extra in &tally.extra {
                lines.push(format!("    {field}: extra  {extra}"));
            }
        }
        if let Some(problem) = &scored.problem {
            lines.insert(0, format!("    not read: {problem}"));
        }
        if !lines.is_empty() {
            let _ = writeln!(report, "  {}", case.name);
            for line in lines {
                let _ = writeln!(report, "{line}");
            }
        }
    }
    if !quiet && !report.is_empty() {
        println!("per case, what was missed and what was extra:\n{report}");
    }
    println!(
        "scored {} cases in {}\n\n{:<16} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9}",
        cases.len(),
        set.display(),
        "field",
        "truth",
        "found",
        "right",
        "precision",
        "recall",
        "per case"
    );
    let mut below = Vec::new();
    for (field, tally) in &totals {
        let (p, r) = (tally.precision(), tally.recall());
        let cases = per_case.get(field).map_or(&[][..], Vec::as_slice);
        let mean = |f: fn(&(f64, f64)) -> f64| {
            if cases.is_empty() {
                1.0
            } else {
                cases.iter().map(f).sum::<f64>() / cases.len() as f64
            }
        };
        println!(
            "{:<16} {:>6} {:>6} {:>6} {:>9.2} {:>9.2} {:>4.2}/{:.2}",
            field,
            tally.truth,
            tally.found,
            tally.right,
            p,
            r,
            mean(|c| c.0),
            mean(|c| c.1)
        );
        if let Some((_, pf, rf)) = FLOORS.iter().find(|(name, _, _)| name == field) {
            if p < *pf || r < *rf {
                below.push(format!(
                    "{field}: precision {p:.2} (floor {pf}), recall {r:.2} (floor {rf})"
                ));
            }
        }
    }
    println!("(per case: mean precision/recall over the cases that have the field)");
    if below.is_empty() {
        println!("every floor holds");
        Ok(ExitCode::SUCCESS)
    } else {
        for line in &below {
            println!("under the floor: {line}");
        }
        Ok(if check {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

struct Case {
    name: String,
    text: String,
    truth: Value,
}

fn load_cases(dir: &Path) -> Result<Vec<Case>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the case folder {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let json = path.with_extension("json");
        if !json.is_file() {
            continue;
        }
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        // The first line names the page's address; the excerpt follows it.
        let text = match raw.split_once('\n') {
            Some((first, rest)) if first.starts_with("# source:") => rest.to_string(),
            _ => raw,
        };
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(&json)
                .with_context(|| format!("cannot read {}", json.display()))?,
        )
        .with_context(|| format!("{} is not valid JSON", json.display()))?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        cases.push(Case { name, text, truth });
    }
    Ok(cases)
}

/// Counts for one field: how many items the truth has, how many were
/// found, how many of those were right; and what was missed or extra.
#[derive(Debug, Default, Clone)]
struct Tally {
    truth: usize,
    found: usize,
    right: usize,
    missed: Vec<String>,
    extra: Vec<String>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.truth += other.truth;
        self.found += other.found;
        self.right += other.right;
    }

    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.truth == 0 {
            1.0
        } else {
            self.right as f64 / self.truth as f64
        }
    }
}

struct Scored {
    fields: Vec<(&'static str, Tally)>,
    problem: Option<String>,
}

fn score_case(case: &Case) -> Scored {
    let named = case.truth["council_named_in_text"]
        .as_bool()
        .unwrap_or(true);
    let mut options = IngestOptions::default();
    let mut result = peertrail_ingest::ingest_str(&case.text, &options);
    if let (Err(IngestError::NoCouncil), false) = (&result, named) {
        options.meta.council = case.truth["council"].as_str().map(str::to_string);
        result = peertrail_ingest::ingest_str(&case.text, &options);
    }
    let (extraction, problem) = match result {
        Ok(e) => (Some(e), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let e = extraction.as_ref();
    Scored {
        fields: vec![
            ("recommendations", recommendations(&case.truth, e)),
            ("peers", peers(&case.truth, e)),
            ("review dates", review_dates(&case.truth, e)),
            ("kind", kind(&case.truth, e)),
            ("council", council(&case.truth, e)),
            ("statuses", statuses(&case.truth, e)),
            ("references", references(&case.truth, e)),
        ],
        problem,
    }
}

/// Lower case, letters and digits only, words joined by one space; curly
/// quotes, no-break spaces and punctuation are all just separators.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn first_words(text: &str, n: usize) -> Vec<String> {
    let mut w = words(text);
    w.truncate(n);
    w
}

fn short(text: &str) -> String {
    let w: Vec<&str> = text.split_whitespace().take(10).collect();
    let mut s = w.join(" ");
    if text.split_whitespace().count() > 10 {
        s.push_str(" …");
    }
    format!("\"{s}\"")
}

fn array<'a>(truth: &'a Value, key: &str) -> &'a [Value] {
    truth[key].as_array().map_or(&[], Vec::as_slice)
}

/// Matched on their first six words (four for items cut by the excerpt or
/// written as a topic); prose mentions are not list items and not scored.
fn recommendations(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted: Vec<&Value> = array(truth, "recommendations")
        .iter()
        .filter(|r| r["form"].as_str() != Some("prose_mention"))
        .collect();
    let found: Vec<(String, Vec<Vec<String>>)> = e.map_or_else(Vec::new, |e| {
        e.recommendations
            .iter()
            .map(|r| {
                let joined = match &r.title {
                    Some(t) if !r.text.starts_with(t.as_str()) => format!("{t} {}", r.text),
                    _ => r.text.clone(),
                };
                let mut forms = vec![words(&joined), words(&r.text)];
                if let Some(label) = &r.label {
                    // A label printed inside the text ("R1 Planning …").
                    let l = words(label);
                    if forms[0].starts_with(&l) {
                        forms.push(forms[0][l.len()..].to_vec());
                    }
                }
                (joined, forms)
            })
            .collect()
    });
    let mut taken = vec![false; found.len()];
    let mut tally = Tally {
        truth: wanted.len(),
        found: found.len(),
        ..Tally::default()
    };
    for item in wanted {
        let text = item["text"].as_str().unwrap_or("");
        let loose = item["truncated_in_excerpt"].as_bool().unwrap_or(false)
            || item["form"].as_str() == Some("topic_only");
        let key = first_words(text, if loose { 4 } else { 6 });
        let hit = found.iter().enumerate().position(|(i, (_, forms))| {
            !taken[i] && forms.iter().any(|f| !key.is_empty() && f.starts_with(&key))
        });
        match hit {
            Some(i) => {
                taken[i] = true;
                tally.right += 1;
            }
            None => tally.missed.push(short(text)),
        }
    }
    for (i, (text, _)) in found.iter().enumerate() {
        if !taken[i] {
            tally.extra.push(short(text));
        }
    }
    tally
}

/// Matched by name; a name the excerpt cuts short matches on what is there.
fn peers(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted = array(truth, "peers");
    let found: Vec<&str> = e.map_or_else(Vec::new, |e| {
        e.review.peers.iter().map(|m| &*m.name).collect()
    });
    let mut taken = vec![false; found.len()];
    let mut tally = Tally {
        truth: wanted.len(),
        found: found.len(),
        ..Tally::default()
    };
    for peer in wanted {
        let name = words(peer["name"].as_str().unwrap_or(""));
        let truncated = peer["truncated_in_excerpt"].as_bool().unwrap_or(false);
        let hit = found.iter().enumerate().position(|(i, f)| {
            let f = words(f);
            !taken[i] && (f == name || (truncated && !name.is_empty() && f.starts_with(&name)))
        });
        match hit {
            Some(i) => {
                taken[i] = true;
                tally.right += 1;
            }
            None => tally
                .missed
                .push(short(peer["name"].as_str().unwrap_or(""))),
        }
    }
    for (i, name) in found.iter().enumerate() {
        if !taken[i] {
            tally.extra.push(short(name));
        }
    }
    tally
}

/// A truth date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and a span's start or
/// end agree when they are equal at the truth's precision.
fn date_agrees(truth: &str, date: chrono::NaiveDate, precision: Precision) -> bool {
    let stated = match truth.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        _ => Precision::Day,
    };
    if stated != precision {
        return false;
    }
    let shown = match stated {
        Precision::Year => date.format("%Y").to_string(),
        Precision::Month => date.format("%Y-%m").to_string(),
        _ => date.format("%Y-%m-%d").to_string(),
    };
    shown == truth
}

fn span_agrees(truth: &[Value], span: &DateSpan) -> bool {
    let dates: Vec<&str> = truth.iter().filter_map(Value::as_str).collect();
    match dates.as_slice() {
        [one] => {
            date_agrees(one, span.start, span.precision)
                && date_agrees(one, span.end, span.precision)
        }
        [start, end] => {
            date_agrees(start, span.start, span.precision)
                && date_agrees(end, span.end, span.precision)
        }
        _ => false,
    }
}

fn show_span(span: &DateSpan) -> String {
    match span.precision {
        Precision::Year => span.start.format("%Y").to_string(),
        Precision::Month
            if span.start.format("%Y-%m").to_string() == span.end.format("%Y-%m").to_string() =>
        {
            span.start.format("%Y-%m").to_string()
        }
        Precision::Month => format!(
            "{}..{}",
            span.start.format("%Y-%m"),
            span.end.format("%Y-%m")
        ),
        _ if span.start == span.end => span.start.to_string(),
        _ => format!("{}..{}", span.start, span.end),
    }
}

/// The subject review's visit: start and end equal at the stated precision.
/// A text that contradicts itself accepts either reading.
fn review_dates(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted = array(truth, "review_dates");
    let mut readings: Vec<&[Value]> = vec![wanted];
    if let Some(conflict) = truth["review_dates_conflict"].as_object() {
        for reading in conflict.values() {
            if let Some(list) = reading.as_array() {
                readings.push(list);
            }
        }
    }
    let held = e.and_then(|e| e.review.held);
    let mut tally = Tally {
        truth: usize::from(!wanted.is_empty()),
        found: usize::from(held.is_some()),
        ..Tally::default()
    };
    let shown_truth = || {
        wanted
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("..")
    };
    match held {
        Some(span) if !wanted.is_empty() && readings.iter().any(|r| span_agrees(r, &span)) => {
            tally.right = 1;
        }
        Some(span) => {
            tally.extra.push(show_span(&span));
            if !wanted.is_empty() {
                tally.missed.push(shown_truth());
            }
        }
        None if !wanted.is_empty() => tally.missed.push(shown_truth()),
        None => {}
    }
    tally
}

fn kind(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted = truth["review_kind"].as_str().unwrap_or("");
    let mut tally = Tally {
        truth: 1,
        ..Tally::default()
    };
    match e {
        Some(e) => {
            tally.found = 1;
            if e.review.kind.as_str() == wanted {
                tally.right = 1;
            } else {
                tally.extra.push(e.review.kind.as_str().to_string());
                tally.missed.push(wanted.to_string());
            }
        }
        None => tally.missed.push(wanted.to_string()),
    }
    tally
}

/// The council, compared by its id (so "Stockport MBC" and "Stockport
/// Metropolitan Borough Council" agree); for a joint review either one.
fn council(truth: &Value, e: Option<&Extraction>) -> Tally {
    let mut names: Vec<&str> = array(truth, "councils")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if let Some(one) = truth["council"].as_str() {
        names.push(one);
    }
    // Compared by ONS code where the gazetteer knows the council (the
    // truth writes official names, "Borough Council of King's Lynn and West
    // Norfolk"), else by id.
    let g = peertrail_gazetteer::gazetteer();
    let keys: Vec<String> = names
        .iter()
        .filter_map(|n| match g.by_name(n) {
            Some(a) => Some(a.code.to_string()),
            None => peertrail_core::CouncilId::from_name(n)
                .ok()
                .map(|id| id.as_str().to_string()),
        })
        .collect();
    let mut tally = Tally {
        truth: 1,
        ..Tally::default()
    };
    let wanted = truth["council"].as_str().unwrap_or("").to_string();
    match e {
        Some(e) => {
            tally.found = 1;
            let got = e
                .council
                .code
                .clone()
                .unwrap_or_else(|| e.council.id.as_str().to_string());
            if keys.contains(&got) {
                tally.right = 1;
            } else {
                tally.extra.push(e.council.name.clone());
                tally.missed.push(wanted);
            }
        }
        None => tally.missed.push(wanted),
    }
    tally
}

/// Our status vocabulary against the truth's normalised one.
fn status_name(status: Status) -> &'static str {
    match status {
        Status::Complete => "complete",
        Status::SignificantProgress | Status::InProgress | Status::Begun => "in_progress",
        Status::NotStarted => "not_started",
        _ => "unknown",
    }
}

/// Statuses matched by their normalised value within a case ("ongoing" and
/// "in progress" are one); the truth's hints are prose, so items are not
/// matched one by one.
fn statuses(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted: Vec<&str> = array(truth, "statuses")
        .iter()
        .filter_map(|s| s["status_normalised"].as_str())
        .map(|s| if s == "ongoing" { "in_progress" } else { s })
        .collect();
    let found: Vec<&str> = e.map_or_else(Vec::new, |e| {
        e.progress
            .iter()
            .map(|p| status_name(p.status))
            .filter(|s| *s != "unknown")
            .chain(e.review_progress.iter().map(|p| status_name(p.status)))
            .collect()
    });
    match_values(&wanted, &found)
}

fn match_values(wanted: &[&str], found: &[&str]) -> Tally {
    let mut taken = vec![false; found.len()];
    let mut tally = Tally {
        truth: wanted.len(),
        found: found.len(),
        ..Tally::default()
    };
    for w in wanted {
        match found
            .iter()
            .enumerate()
            .position(|(i, f)| !taken[i] && f == w)
        {
            Some(i) => {
                taken[i] = true;
                tally.right += 1;
            }
            None => tally.missed.push((*w).to_string()),
        }
    }
    for (i, f) in found.iter().enumerate() {
        if !taken[i] {
            tally.extra.push((*f).to_string());
        }
    }
    tally
}

/// Other reviews the text mentions, earlier or later, matched by kind and
/// start date at the stated precision (an undated mention by kind alone).
fn references(truth: &Value, e: Option<&Extraction>) -> Tally {
    let wanted: Vec<String> = array(truth, "references_to_earlier_reviews")
        .iter()
        .chain(array(truth, "references_to_later_reviews"))
        .map(|r| {
            format!(
                "{} {}",
                r["kind"].as_str().unwrap_or("?"),
                r["date"].as_str().unwrap_or("undated")
            )
        })
        .collect();
    let found: Vec<String> = e.map_or_else(Vec::new, |e| {
        e.review
            .references
            .iter()
            .map(|r| {
                let date = r.held.map_or_else(
                    || "undated".to_string(),
                    |h| match h.precision {
                        Precision::Year => h.start.format("%Y").to_string(),
                        Precision::Month => h.start.format("%Y-%m").to_string(),
                        _ => h.start.to_string(),
                    },
                );
                format!("{} {date}", r.kind.as_str())
            })
            .collect()
    });
    let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    match_values(&wanted, &found)
}
