//! The extraction cache: what reading a report produced, kept on disk so
//! that the next command over an unchanged corpus does not read and
//! extract every report again.
//!
//! Where: `DIR/.peertrail-cache/` for every corpus folder `DIR` (files
//! named one by one are not cached). Deleting the folder is always safe;
//! `--no-cache` neither reads nor writes it.
//!
//! What an entry is keyed by: a SHA-256 over everything the extraction
//! depends on — the report's bytes, its sidecar's bytes, the path the
//! report is recorded under, `--council`, the PDF engine, the cache's
//! format, and the build of peertrail that made it (its version and the
//! size and modification time of its executable, so a rebuilt or upgraded
//! tool never reads an older tool's extraction). A changed file is a new
//! key, never a stale hit.
//!
//! How: one file per entry (`ab/cdef….json`: a header line, then the
//! extraction as JSON), written to a temporary file and renamed, so a
//! reader sees a whole entry or none, and two runs at once never mix. An
//! entry that cannot be read or decoded is a miss and is written again.
//! Files that fail to read are never cached: their error is found afresh.
//!
//! After a run, entries the run did not use are deleted ([`Cache::prune`]):
//! the cache holds the extractions of the last run over the folder, so it
//! does not grow as reports change. (A run with other options, such as
//! another `--council`, replaces them; nothing is ever wrong, only read
//! again.)

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use peertrail_core::Extraction;
use sha2::{Digest, Sha256};

/// The cache folder's name inside a corpus folder. It starts with a dot,
/// so walking the corpus never takes it for reports.
pub const CACHE_DIR: &str = ".peertrail-cache";

/// The first line of every entry; a different line is a miss. Bump the
/// number when the entry's layout changes.
const HEADER: &[u8] = b"peertrail-cache 1\n";

/// What an extraction depends on besides the tool itself.
#[derive(Debug)]
pub struct KeyParts<'a> {
    /// The report's bytes.
    pub report: &'a [u8],
    /// The sidecar's bytes, when the report has one.
    pub sidecar: Option<&'a [u8]>,
    /// The path the report is recorded under in outputs.
    pub source: &'a str,
    /// `--council`.
    pub council: Option<&'a str>,
    /// The PDF engine's name.
    pub pdf_engine: &'a str,
}

/// One corpus folder's cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    hits: AtomicUsize,
    /// Keys looked up this run: what [`Cache::prune`] keeps.
    used: Mutex<BTreeSet<String>>,
    /// Set at the first failed write, so that a read-only corpus is
    /// reported once and not tried again.
    unwritable: AtomicBool,
    /// Why the cache could not be written, for the caller to report once.
    write_error: OnceLock<String>,
}

impl Cache {
    /// The cache of the corpus folder `corpus`.
    pub fn for_corpus(corpus: &Path) -> Cache {
        Cache {
            dir: corpus.join(CACHE_DIR),
            hits: AtomicUsize::new(0),
            used: Mutex::new(BTreeSet::new()),
            unwritable: AtomicBool::new(false),
            write_error: OnceLock::new(),
        }
    }

    /// The key of an extraction, or `None` when this build cannot name
    /// itself (then nothing is cached).
    pub fn key(&self, parts: &KeyParts<'_>) -> Option<String> {
        let build = build_identity()?;
        let mut hasher = Sha256::new();
        // Every part is length-prefixed, so no two different sets of parts
        // hash the same bytes.
        let mut part = |bytes: &[u8]| {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        part(HEADER);
        part(build.as_bytes());
        part(parts.report);
        match parts.sidecar {
            Some(sidecar) => {
                part(b"sidecar");
                part(sidecar);
            }
            None => part(b"no sidecar"),
        }
        part(parts.source.as_bytes());
        match parts.council {
            Some(council) => {
                part(b"council");
                part(council.as_bytes());
            }
            None => part(b"no council"),
        }
        part(parts.pdf_engine.as_bytes());
        let digest = hasher.finalize();
        let mut hex = String::with_capacity(64);
        for byte in digest {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 15)]));
        }
        Some(hex)
    }

    /// The extraction kept under `key`; `None` (a miss) when there is none
    /// or it cannot be read.
    pub fn get(&self, key: &str) -> Option<Extraction> {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
        let found = fs::read(self.entry(key)).ok().and_then(|bytes| {
            bytes
                .strip_prefix(HEADER)
                .and_then(|json| serde_json::from_slice(json).ok())
        });
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// Keeps `extraction` under `key`. Failing to write is not an error:
    /// the run goes on without the cache, and [`Cache::write_error`] says
    /// why.
    pub fn put(&self, key: &str, extraction: &Extraction) {
        if self.unwritable.load(Ordering::Relaxed) {
            return;
        }
        if let Err(e) = self.try_put(key, extraction) {
            self.unwritable.store(true, Ordering::Relaxed);
            let _ = self.write_error.set(format!(
                "cannot write the cache in {}: {e}",
                self.dir.display()
            ));
        }
    }

    fn try_put(&self, key: &str, extraction: &Extraction) -> std::io::Result<()> {
        let path = self.entry(key);
        let Some(folder) = path.parent() else {
            return Ok(());
        };
        fs::create_dir_all(folder)?;
        let mut bytes = HEADER.to_vec();
        serde_json::to_writer(&mut bytes, extraction)?;
        // Unique per process and thread: two runs, or two threads of one
        // run, never write the same temporary file.
        let temp = folder.join(format!(
            ".{key}.{}.{:?}.partial",
            std::process::id(),
            std::thread::current().id()
        ));
        let written = fs::File::create(&temp)
            .and_then(|mut file| file.write_all(&bytes))
            .and_then(|()| fs::rename(&temp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }

    /// Deletes the entries this run did not look up, and temporary files
    /// a killed run left (older than an hour, so a run writing now keeps
    /// its own). Best effort: what cannot be deleted stays, harmlessly.
    pub fn prune(&self) {
        const STALE: Duration = Duration::from_secs(3600);
        let Ok(used) = self.used.lock() else { return };
        let Ok(fans) = fs::read_dir(&self.dir) else {
            return;
        };
        for fan in fans.flatten() {
            let fan_name = fan.file_name().to_string_lossy().into_owned();
            let Ok(entries) = fs::read_dir(fan.path()) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let stale = if name.ends_with(".partial") {
                    entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .is_some_and(|age| age > STALE)
                } else {
                    name.strip_suffix(".json")
                        .is_some_and(|rest| !used.contains(&format!("{fan_name}{rest}")))
                };
                if stale {
                    let _ = fs::remove_file(entry.path());
                }
            }
            // An emptied fan folder goes too (fails, harmlessly, if not empty).
            let _ = fs::remove_dir(fan.path());
        }
    }

    /// How many look-ups found an entry.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Why the cache could not be written, if it could not.
    pub fn write_error(&self) -> Option<&str> {
        self.write_error.get().map(String::as_str)
    }

    fn entry(&self, key: &str) -> PathBuf {
        // Two-level layout keeps folders small at 100,000 reports.
        let (fan, rest) = key.split_at(key.len().min(2));
        self.dir.join(fan).join(format!("{rest}.json"))
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// This build of peertrail: its version and its executable's size and
/// modification time, computed once per process. `None` when the
/// executable cannot be found, and then nothing is cached.
fn build_identity() -> Option<&'static str> {
    static IDENTITY: OnceLock<Option<String>> = OnceLock::new();
    IDENTITY
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let meta = fs::metadata(exe).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!(
                "{} {} {}.{:09}",
                env!("CARGO_PKG_VERSION"),
                meta.len(),
                modified.as_secs(),
                modified.subsec_nanos()
            ))
        })
        .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(report: &'a [u8], source: &'a str) -> KeyParts<'a> {
        KeyParts {
            report,
            sidecar: None,
            source,
            council: None,
            pdf_engine: "pdf-extract",
        }
    }

    #[test]
    fn every_part_changes_the_key() {
        let cache = Cache::for_corpus(Path::new("unused"));
        let base = cache.key(&parts(b"text", "a.txt"));
        assert!(base.is_some());
        let others = [
            cache.key(&parts(b"text!", "a.txt")),
            cache.key(&parts(b"text", "b.txt")),
            cache.key(&KeyParts {
                sidecar: Some(b""),
                ..parts(b"text", "a.txt")
            }),
            cache.key(&KeyParts {
                council: Some("Marshfield"),
                ..parts(b"text", "a.txt")
            }),
            cache.key(&KeyParts {
                pdf_engine: "pdftotext",
                ..parts(b"text", "a.txt")
            }),
        ];
        for other in others {
            assert_ne!(other, base);
        }
        assert_eq!(cache.key(&parts(b"text", "a.txt")), base);
    }

    #[test]
    fn a_damaged_entry_is_a_miss() {
        let dir = std::env::temp_dir().join(format!("peertrail-cache-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let cache = Cache::for_corpus(&dir);
        let key = cache.key(&parts(b"text", "a.txt")).unwrap_or_default();
        assert!(cache.get(&key).is_none());
        let path = cache.entry(&key);
        fs::create_dir_all(path.parent().unwrap_or(&dir)).ok();
        fs::write(&path, b"peertrail-cache 1\n{not json").ok();
        assert!(cache.get(&key).is_none());
        fs::write(&path, b"another header\n{}").ok();
        assert!(cache.get(&key).is_none());
        assert_eq!(cache.hits(), 0);
        let _ = fs::remove_dir_all(&dir);
    }
}
