//! Knowing which council a page is about, on the shared set of real page
//! openings in `../shared/realworld/cases/` (read at test time, never
//! copied): with no help, a page whose text names its council gets it and
//! no page gets a wrong one; with the page's address kept as its first
//! line, every page on a council's own web site gets its council.

use std::path::PathBuf;

use peertrail_core::Extraction;
use peertrail_ingest::{ingest_str, IngestError, IngestOptions};
use serde_json::Value;

struct Case {
    name: String,
    /// The whole file: `# source: URL` then the page's text.
    raw: String,
    truth: Value,
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld/cases");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI must have the shared real pages",
            dir.display()
        );
        eprintln!("skipped: {} not found", dir.display());
        return Vec::new();
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let truth = std::fs::read_to_string(p.with_extension("json")).ok()?;
            Some(Case {
                name: p.file_stem()?.to_string_lossy().into_owned(),
                raw: std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
                truth: serde_json::from_str(&truth)
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            })
        })
        .collect()
}

/// The councils the truth accepts, as ONS codes where the gazetteer knows
/// them, else as ids.
fn accepted(truth: &Value) -> Vec<String> {
    let g = peertrail_gazetteer::gazetteer();
    let mut names: Vec<&str> = truth["councils"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    names.extend(truth["council"].as_str());
    names
        .into_iter()
        .filter_map(|n| match g.by_name(n) {
            Some(a) => Some(a.code.to_string()),
            None => peertrail_core::CouncilId::from_name(n)
                .ok()
                .map(|id| id.as_str().to_string()),
        })
        .collect()
}

fn key(e: &Extraction) -> String {
    e.council
        .code
        .clone()
        .unwrap_or_else(|| e.council.id.as_str().to_string())
}

fn without_source(raw: &str) -> &str {
    match raw.split_once('\n') {
        Some((first, rest)) if first.starts_with("# source:") => rest,
        _ => raw,
    }
}

#[test]
fn a_page_that_names_its_council_gets_it_and_none_gets_a_wrong_one() {
    let mut problems = Vec::new();
    for case in cases() {
        let named = case.truth["council_named_in_text"]
            .as_bool()
            .unwrap_or(true);
        let ok = accepted(&case.truth);
        match ingest_str(without_source(&case.raw), &IngestOptions::default()) {
            Ok(e) if ok.contains(&key(&e)) => {}
            Ok(e) => problems.push(format!("{}: wrong council {}", case.name, e.council.name)),
            Err(IngestError::NoCouncil) if !named => {}
            Err(err) => problems.push(format!("{}: {err}", case.name)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_page_on_a_councils_own_site_gets_that_council() {
    let g = peertrail_gazetteer::gazetteer();
    let mut problems = Vec::new();
    let mut on_council_sites = 0;
    for case in cases() {
        let url = case.truth["source_url"].as_str().unwrap_or_default();
        let on_own_site = g.by_domain(url).iter().any(|a| a.kind.is_council());
        let ok = accepted(&case.truth);
        match ingest_str(&case.raw, &IngestOptions::default()) {
            Ok(e) if ok.contains(&key(&e)) => {
                assert_eq!(e.review.source_url.as_deref(), Some(url), "{}", case.name);
            }
            Ok(e) => problems.push(format!("{}: wrong council {}", case.name, e.council.name)),
            Err(IngestError::NoCouncil) if !on_own_site => {}
            Err(err) => problems.push(format!("{}: {err}", case.name)),
        }
        on_council_sites += usize::from(on_own_site);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    if !cases().is_empty() {
        // Most of the set are council pages; the rest are the LGA's and news.
        assert!(
            on_council_sites >= 30,
            "{on_council_sites} pages on council sites"
        );
    }
}
