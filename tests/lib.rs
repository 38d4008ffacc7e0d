//! Shared helpers for the end-to-end tests: where the sample corpus and the
//! real seed reports live, and the pipeline run the way the CLI runs it.

use std::path::{Path, PathBuf};

use peertrail::LoadOptions;
use peertrail_core::{Dataset, ExportContext};
use peertrail_graph::Graph;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The sample corpus of our own writing.
pub fn corpus_dir() -> PathBuf {
    root().join("tests/corpus")
}

/// `../shared/seeds` beside the workspace, or `None` (with a message saying
/// the test is skipped) where it is absent. CI always has it.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = root().join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI must have the shared real reports",
            dir.display()
        );
        eprintln!("skipped: {} not found (CI always has it)", dir.display());
        None
    }
}

/// Loads and links `inputs`; panics on any skipped file (test data must be
/// clean).
pub fn dataset(inputs: &[PathBuf]) -> Dataset {
    let corpus = peertrail::load(inputs, &LoadOptions::default());
    let skipped: Vec<String> = corpus.skipped().map(ToString::to_string).collect();
    assert!(skipped.is_empty(), "skipped files: {skipped:#?}");
    Graph::build(corpus.extractions).dataset().clone()
}

/// Renders one file of one format, as `peertrail export` would write it.
pub fn render(data: &Dataset, format: &str, file: &str) -> String {
    let exporter = peertrail::exporter(format).unwrap_or_else(|| panic!("no format {format}"));
    let ctx = ExportContext::new(data);
    let mut out = Vec::new();
    exporter
        .write(file, &ctx, &mut out)
        .unwrap_or_else(|e| panic!("{format}/{file}: {e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{format}/{file} is not UTF-8: {e}"))
}

/// Every file of every format, concatenated with headers, for determinism
/// checks.
pub fn render_all(data: &Dataset) -> String {
    let mut all = String::new();
    for exporter in peertrail::exporters() {
        for file in exporter.files() {
            all.push_str(&format!("==> {}/{file}\n", exporter.name()));
            all.push_str(&render(data, exporter.name(), file));
        }
    }
    all
}
