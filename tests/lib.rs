//! Shared helpers for the end-to-end tests: where the sample corpus and the
//! real seed reports live, and the pipeline run the way the CLI runs it.

use std::path::{Path, PathBuf};

use peertrail::LoadOptions;
use peertrail_core::{Dataset, ExportContext, Exporter, MemoryFolder, Target};
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

/// The export context `peertrail export` gives: due items judged as of the
/// newest document's date.
pub fn with_due<'a>(
    data: &'a Dataset,
    due: &'a Option<(peertrail_core::AsOf, Vec<peertrail_core::DueItem>)>,
) -> ExportContext<'a> {
    let ctx = ExportContext::new(data);
    match due {
        Some((as_of, items)) => ctx.with_due(*as_of, items),
        None => ctx,
    }
}

/// Renders one file (a streamed file) of one format, as `peertrail export`
/// would write it.
pub fn render(data: &Dataset, format: &str, file: &str) -> String {
    let exporter = peertrail::exporter(format).unwrap_or_else(|| panic!("no format {format}"));
    let ctx = ExportContext::new(data);
    let mut out = Vec::new();
    exporter
        .write(file, &ctx, &mut out)
        .unwrap_or_else(|e| panic!("{format}/{file}: {e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{format}/{file} is not UTF-8: {e}"))
}

/// Every file one exporter writes for `ctx`, by `name/file` (a folder's
/// files as `name/folder/path`; a path export's bytes as SQLite wrote
/// them, through a scratch file).
pub fn render_files(exporter: &dyn Exporter, ctx: &ExportContext<'_>) -> Vec<(String, Vec<u8>)> {
    let name = exporter.name();
    let mut files = Vec::new();
    for &file in exporter.files() {
        match exporter.target() {
            Target::Folder => {
                let mut folder = MemoryFolder::default();
                exporter
                    .write_folder(file, ctx, &mut folder)
                    .unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                for (path, bytes) in folder.files {
                    files.push((format!("{name}/{file}/{path}"), bytes));
                }
            }
            Target::Path => {
                let dir = scratch(&format!("render-{name}"));
                let path = dir.join(file);
                exporter
                    .write_path(file, ctx, &path)
                    .unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                let _ = std::fs::remove_dir_all(&dir);
                files.push((format!("{name}/{file}"), bytes));
            }
            _ => {
                let mut out = Vec::new();
                exporter
                    .write(file, ctx, &mut out)
                    .unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                files.push((format!("{name}/{file}"), out));
            }
        }
    }
    files
}

/// A new empty folder under `target/`, unique to this process and call.
pub fn scratch(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = root()
        .join("target/test-scratch")
        .join(format!("{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Every file of every format, concatenated with headers, for determinism
/// checks (binary files as their length and a hash).
pub fn render_all(data: &Dataset) -> String {
    let mut all = String::new();
    let ctx = ExportContext::new(data);
    for exporter in peertrail::exporters() {
        for (name, bytes) in render_files(exporter.as_ref(), &ctx) {
            all.push_str(&format!("==> {name}\n"));
            match String::from_utf8(bytes) {
                Ok(text) => all.push_str(&text),
                Err(e) => {
                    let bytes = e.into_bytes();
                    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
                    });
                    all.push_str(&format!("{} bytes, fnv {hash:016x}\n", bytes.len()));
                }
            }
        }
    }
    all
}

/// A scratch folder under the system temp dir, removed on drop (with
/// any permissions a test took away given back first).
#[derive(Debug)]
pub struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("peertrail-tests-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Scratch { path }
    }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Undo any chmod 000 so the folder can be removed.
        restore_permissions(&self.path);
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn restore_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                continue;
            }
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
            if meta.is_dir() {
                restore_permissions(&path);
            }
        }
    }
}
