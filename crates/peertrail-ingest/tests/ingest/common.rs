//! Helpers shared by the ingest tests.

use std::path::PathBuf;

use peertrail_core::Extraction;
use peertrail_ingest::{ingest_bytes, IngestOptions};

/// The folder of our own test documents.
pub fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ingest/docs")
}

/// Ingests one of our own test documents by file name.
pub fn doc(name: &str) -> Extraction {
    let path = docs_dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = IngestOptions {
        source: Some(name.to_string()),
        ..IngestOptions::default()
    };
    ingest_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The seed report whose file name starts with `prefix` (e.g. `"003_"`), or
/// `None` (with a message) when `../shared/seeds/` is not there.
pub fn seed(prefix: &str) -> Option<Extraction> {
    let dir = seeds_dir()?;
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    let bytes = std::fs::read(entry.path()).ok()?;
    let name = entry.file_name().to_string_lossy().into_owned();
    let options = IngestOptions {
        source: Some(name.clone()),
        ..IngestOptions::default()
    };
    Some(ingest_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// `../shared/seeds` relative to the workspace root, if present.
pub fn seeds_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let dir = root.join("shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found (CI always has it)", dir.display());
        None
    }
}
