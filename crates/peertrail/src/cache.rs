//! The extraction cache: what reading a report produced, kept on disk so
//! that the next command over an unchanged corpus does not read and
//! extract every report again.
//!
//! Where: `DIR/.peertrail-cache/extractions.pack` for every corpus folder
//! `DIR` (files named one by one are not cached). Deleting the folder is
//! always safe; `--no-cache` neither reads nor writes it.
//!
//! What an entry is keyed by: a SHA-256 over everything the extraction
//! depends on — the report's bytes, its sidecar's bytes, the path the
//! report is recorded under, `--council`, the PDF engine, the cache's
//! format, and the build of peertrail that made it (its version and the
//! size and modification time of its executable, so a rebuilt or upgraded
//! tool never reads an older tool's extraction). A changed file is a new
//! key, never a stale hit.
//!
//! How: one pack file per corpus folder, read once (on the first look-up)
//! and written once at the end of a run, because creating, renaming and
//! deleting one file per report cost several times the extraction itself
//! on a 10,000-report corpus. The pack is a header line, then per entry a
//! line `KEY LENGTH SHA256` and the extraction as JSON, then a line
//! `end COUNT`. Only the keys are indexed when it is read (the JSON is
//! skipped over); an entry is read from the file, checked against its
//! digest and decoded when a look-up hits it, so the decoding runs on the
//! reading threads and the pack is never held whole in memory. Entries a
//! run makes wait in a temporary spill file in the same folder until the
//! pack is written, streamed, at the end. A pack whose header, framing or
//! end line is wrong (another format, truncated, not a pack) is ignored
//! whole; an entry whose digest or JSON is wrong is a miss. Files that
//! fail to read are never cached: their error is found afresh.
//!
//! The pack written holds exactly the entries the run looked up and
//! found or made, so the cache holds the extractions of the last run over
//! the folder and does not grow as reports change. (A run with other
//! options, such as another `--council`, replaces them; nothing is ever
//! wrong, only read again.) When every look-up hit and no entry went
//! unused, the pack is left as it is. It is written to a temporary file
//! and renamed, so two runs at once never leave half of one: the last to
//! finish wins.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use peertrail_core::Extraction;
use sha2::{Digest, Sha256};

/// The cache folder's name inside a corpus folder. It starts with a dot,
/// so walking the corpus never takes it for reports.
pub const CACHE_DIR: &str = ".peertrail-cache";

/// The pack's file name inside the cache folder.
pub const PACK_FILE: &str = "extractions.pack";

/// The pack's first line; a different line means another format, read as
/// empty. Bump the number when the layout changes (1 was one file per
/// entry).
const HEADER: &[u8] = b"peertrail-cache 2\n";

/// A temporary file older than this was left by a killed run.
const STALE: Duration = Duration::from_secs(3600);

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

/// A SHA-256 over length-prefixed parts, so no two different lists of
/// parts hash the same bytes.
#[derive(Debug, Clone, Default)]
pub struct Hasher(Sha256);

impl Hasher {
    /// Adds one part.
    pub fn part(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// The digest in lower-case hex.
    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The key of an extraction, or `None` when this build cannot name itself
/// (then nothing is cached).
pub fn key(parts: &KeyParts<'_>) -> Option<String> {
    let build = build_identity()?;
    let mut hasher = Hasher::default();
    hasher.part(HEADER);
    hasher.part(build.as_bytes());
    hasher.part(parts.report);
    match parts.sidecar {
        Some(sidecar) => {
            hasher.part(b"sidecar");
            hasher.part(sidecar);
        }
        None => hasher.part(b"no sidecar"),
    }
    hasher.part(parts.source.as_bytes());
    match parts.council {
        Some(council) => {
            hasher.part(b"council");
            hasher.part(council.as_bytes());
        }
        None => hasher.part(b"no council"),
    }
    hasher.part(parts.pdf_engine.as_bytes());
    Some(hasher.hex())
}

/// One entry of a pack read from disk.
#[derive(Debug, Clone)]
struct Entry {
    /// Where its JSON lies in the pack's file.
    range: Range<usize>,
    /// The SHA-256 of that JSON, as written in the pack (hex).
    digest: String,
}

/// A pack as read: the open file and the index of its entries. Entries
/// are read from the file when a look-up hits them, so the pack (about the
/// size of the corpus's extractions as JSON) is never held whole beside
/// the extractions decoded from it.
#[derive(Debug, Default)]
struct Pack {
    file: Option<Mutex<fs::File>>,
    index: BTreeMap<String, Entry>,
    /// False when there was a file that is not a whole pack: it is
    /// written again even if no entry changed.
    sound: bool,
}

impl Pack {
    fn read(path: &Path) -> Pack {
        match fs::File::open(path) {
            Ok(file) => {
                let index = std::io::BufReader::with_capacity(1 << 16, &file);
                match index_of(index) {
                    Some(index) => Pack {
                        file: Some(Mutex::new(file)),
                        index,
                        sound: true,
                    },
                    None => Pack::default(),
                }
            }
            // No pack: nothing to mend.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Pack {
                sound: true,
                ..Pack::default()
            },
            Err(_) => Pack::default(),
        }
    }

    /// The JSON of `entry`, read from the file; `None` when it cannot be.
    fn json(&self, entry: &Entry) -> Option<Vec<u8>> {
        read_range(&mut *self.file.as_ref()?.lock().ok()?, &entry.range)
    }
}

/// The bytes of `range` in `file`; `None` when they cannot be read.
fn read_range(
    mut file: impl std::io::Read + std::io::Seek,
    range: &Range<usize>,
) -> Option<Vec<u8>> {
    file.seek(std::io::SeekFrom::Start(range.start as u64))
        .ok()?;
    let mut bytes = vec![0; range.len()];
    file.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// Where the entries a run makes wait for [`Cache::save`]: a temporary
/// file in the cache folder, so they are not held in memory beside the
/// extractions (at 11,250 reports, 88 MB of JSON). Used under the cache's
/// lock only.
#[derive(Debug, Default)]
struct Spill {
    /// The file and its path, once the first entry is written.
    file: Option<(fs::File, PathBuf)>,
    len: usize,
    /// The file could not be made or written: entries stay in memory.
    failed: bool,
}

impl Spill {
    /// Appends `json`, returning where it lies; `None` when the spill
    /// file cannot be made or written.
    fn push(&mut self, dir: &Path, json: &[u8]) -> Option<Range<usize>> {
        if self.failed {
            return None;
        }
        if self.file.is_none() {
            let path = dir.join(format!(".{PACK_FILE}.{}.spill.partial", std::process::id()));
            let made = fs::create_dir_all(dir).and_then(|()| {
                fs::File::options()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(&path)
            });
            match made {
                Ok(file) => self.file = Some((file, path)),
                Err(_) => self.failed = true,
            }
        }
        use std::io::Seek as _;
        let (file, _) = self.file.as_mut()?;
        // Reads move the cursor: each entry goes after the last one.
        let written = file
            .seek(std::io::SeekFrom::Start(self.len as u64))
            .and_then(|_| file.write_all(json));
        if written.is_err() {
            self.failed = true;
            return None;
        }
        let start = self.len;
        self.len += json.len();
        Some(start..self.len)
    }

    /// The JSON of a spilled entry; `None` when it cannot be read.
    fn json(&self, entry: &Entry) -> Option<Vec<u8>> {
        let (file, _) = self.file.as_ref()?;
        read_range(file, &entry.range)
    }

    fn remove(&mut self) {
        if let Some((_, path)) = self.file.take() {
            let _ = fs::remove_file(path);
        }
    }
}

/// The entries of a pack read through `pack`, or `None` when it is not a
/// whole pack of this format. Entries' JSON is skipped, not read into
/// memory.
fn index_of(mut pack: impl std::io::BufRead + std::io::Seek) -> Option<BTreeMap<String, Entry>> {
    let mut line = Vec::new();
    pack.read_until(b'\n', &mut line).ok()?;
    if line != HEADER {
        return None;
    }
    let mut at = HEADER.len();
    let mut index = BTreeMap::new();
    loop {
        line.clear();
        let read = pack.read_until(b'\n', &mut line).ok()?;
        if line.pop() != Some(b'\n') {
            return None;
        }
        let text = std::str::from_utf8(&line).ok()?;
        let after = at + read;
        if let Some(count) = text.strip_prefix("end ") {
            // The end line must close the file and agree with the entries
            // found, so a pack cut short at an entry's edge is not whole.
            let count: usize = count.parse().ok()?;
            let at_end = pack.fill_buf().ok()?.is_empty();
            return (at_end && count == index.len()).then_some(index);
        }
        let mut fields = text.split(' ');
        let (key, length, digest) = (fields.next()?, fields.next()?, fields.next()?);
        if fields.next().is_some() || !is_hex64(key) || !is_hex64(digest) {
            return None;
        }
        let length: usize = length.parse().ok()?;
        let end = after.checked_add(length)?;
        pack.seek_relative(i64::try_from(length).ok()?).ok()?;
        let mut newline = [0u8];
        std::io::Read::read_exact(&mut pack, &mut newline).ok()?;
        if newline != *b"\n" {
            return None;
        }
        let entry = Entry {
            range: after..end,
            digest: digest.to_string(),
        };
        if index.insert(key.to_string(), entry).is_some() {
            return None;
        }
        at = end + 1;
    }
}

/// Writes a pack of `kept` to `path`, streamed through a buffer rather
/// than assembled in memory: the pack is about the size of the corpus's
/// extractions as JSON, and a second copy of it was the peak of a first
/// run with the cache (263 against 195 MB at 11,250 reports).
fn write_pack(
    path: &Path,
    kept: &BTreeMap<String, Kept>,
    pack: &Pack,
    spill: &Spill,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(fs::File::create(path)?);
    out.write_all(HEADER)?;
    // In key order, so the same entries always make the same pack.
    let mut written = 0;
    for (key, k) in kept {
        // An entry found in the old pack or spilled this run is read back
        // from its file; one that can no longer be read is left out (a
        // miss next time, never a wrong hit).
        let (json, digest) = match k {
            Kept::New(json, digest) => (Some(Cow::Borrowed(json.as_slice())), digest),
            Kept::Old(entry) => (pack.json(entry).map(Cow::Owned), &entry.digest),
            Kept::Spilled(entry) => (spill.json(entry).map(Cow::Owned), &entry.digest),
        };
        let Some(json) = json else { continue };
        writeln!(out, "{key} {} {digest}", json.len())?;
        out.write_all(&json)?;
        out.write_all(b"\n")?;
        written += 1;
    }
    writeln!(out, "end {written}")?;
    out.into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| HEX.contains(&b))
}

/// An entry the run used, to be written to the next pack.
#[derive(Debug)]
enum Kept {
    /// Found in the pack read: copied over as it was.
    Old(Entry),
    /// Made this run: its JSON and digest.
    New(Vec<u8>, String),
    /// Made this run and waiting in the spill file.
    Spilled(Entry),
}

/// One corpus folder's cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Read at the first look-up, so a run that never looks one up (an
    /// export found up to date) never reads it.
    pack: OnceLock<Pack>,
    hits: AtomicUsize,
    /// The entries this run used, by key: what [`Cache::save`] writes.
    kept: Mutex<BTreeMap<String, Kept>>,
    /// The JSON of the entries this run made.
    spill: Mutex<Spill>,
    /// Why the cache could not be written, for the caller to report once.
    write_error: OnceLock<String>,
}

impl Drop for Cache {
    /// The spill file goes with the cache, saved or not.
    fn drop(&mut self) {
        if let Ok(spill) = self.spill.get_mut() {
            spill.remove();
        }
    }
}

impl Cache {
    /// The cache of the corpus folder `corpus`.
    pub fn for_corpus(corpus: &Path) -> Cache {
        Cache {
            dir: corpus.join(CACHE_DIR),
            pack: OnceLock::new(),
            hits: AtomicUsize::new(0),
            kept: Mutex::new(BTreeMap::new()),
            spill: Mutex::new(Spill::default()),
            write_error: OnceLock::new(),
        }
    }

    fn pack(&self) -> &Pack {
        self.pack
            .get_or_init(|| Pack::read(&self.dir.join(PACK_FILE)))
    }

    /// The extraction kept under `key`; `None` (a miss) when there is none
    /// or it cannot be read.
    pub fn get(&self, key: &str) -> Option<Extraction> {
        let pack = self.pack();
        let entry = pack.index.get(key)?;
        let json = pack.json(entry)?;
        if hex(&Sha256::digest(&json)) != entry.digest {
            return None;
        }
        let mut extraction: Extraction = serde_json::from_slice(&json).ok()?;
        extraction.share_ids();
        extraction.shrink_to_fit();
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(key.to_string(), Kept::Old(entry.clone()));
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(extraction)
    }

    /// Keeps `extraction` under `key`, to be written by [`Cache::save`].
    pub fn put(&self, key: &str, extraction: &Extraction) {
        // An extraction that cannot be encoded is simply not cached.
        let Ok(json) = serde_json::to_vec(extraction) else {
            return;
        };
        let digest = hex(&Sha256::digest(&json));
        let spilled = self
            .spill
            .lock()
            .ok()
            .and_then(|mut spill| spill.push(&self.dir, &json));
        let entry = match spilled {
            Some(range) => Kept::Spilled(Entry { range, digest }),
            None => Kept::New(json, digest),
        };
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(key.to_string(), entry);
        }
    }

    /// Writes the pack of the entries this run used, unless it would be
    /// the pack already there. Failing to write is not an error: the run
    /// goes on, and [`Cache::write_error`] says why. Best effort, it also
    /// removes what older versions and killed runs left in the folder.
    pub fn save(&self) {
        let Ok(kept) = self.kept.lock() else { return };
        let pack = self.pack();
        let unchanged = pack.sound
            && kept.len() == pack.index.len()
            && kept.values().all(|k| matches!(k, Kept::Old(_)));
        if unchanged {
            return;
        }
        let Ok(mut spill) = self.spill.lock() else {
            return;
        };
        if let Err(e) = self.write(&kept, pack, &spill) {
            let _ = self.write_error.set(format!(
                "cannot write the cache in {}: {e}",
                self.dir.display()
            ));
        }
        spill.remove();
        self.tidy();
    }

    fn write(
        &self,
        kept: &BTreeMap<String, Kept>,
        pack: &Pack,
        spill: &Spill,
    ) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        // Unique per process: two runs never write the same temporary file.
        let temp = self
            .dir
            .join(format!(".{PACK_FILE}.{}.partial", std::process::id()));
        let written = write_pack(&temp, kept, pack, spill)
            .and_then(|()| fs::rename(&temp, self.dir.join(PACK_FILE)));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }

    /// Removes the per-entry folders of cache format 1 (two hex digits
    /// each) and temporary files a killed run left (older than an hour,
    /// so a run writing now keeps its own). What cannot be removed stays,
    /// harmlessly: nothing reads it.
    fn tidy(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && name.len() == 2 && name.bytes().all(|b| HEX.contains(&b)) {
                let _ = fs::remove_dir_all(entry.path());
            } else if !is_dir && name.ends_with(".partial") {
                let stale = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|age| age > STALE);
                if stale {
                    let _ = fs::remove_file(entry.path());
                }
            }
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
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 15)]));
    }
    hex
}

/// This build of peertrail: its version and its executable's size and
/// modification time, computed once per process. `None` when the
/// executable cannot be found, and then nothing is cached.
pub fn build_identity() -> Option<&'static str> {
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

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "peertrail-cache-test-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn report(council: &str) -> String {
        format!(
            "# Corporate Peer Challenge\n\n## **{council}**\n\n3rd – 6th March 2025\n\nFeedback Report\n\n## 2. Key recommendations\n\n1. Agree a single plan for the town centre\n2. Publish the forward plan every month\n"
        )
    }

    fn extraction(council: &str) -> Extraction {
        peertrail_ingest::ingest_str(&report(council), &Default::default()).unwrap()
    }

    #[test]
    fn every_part_changes_the_key() {
        let base = key(&parts(b"text", "a.txt"));
        assert!(base.is_some());
        let others = [
            key(&parts(b"text!", "a.txt")),
            key(&parts(b"text", "b.txt")),
            key(&KeyParts {
                sidecar: Some(b""),
                ..parts(b"text", "a.txt")
            }),
            key(&KeyParts {
                council: Some("Marshfield"),
                ..parts(b"text", "a.txt")
            }),
            key(&KeyParts {
                pdf_engine: "pdftotext",
                ..parts(b"text", "a.txt")
            }),
        ];
        for other in others {
            assert_ne!(other, base);
        }
        assert_eq!(key(&parts(b"text", "a.txt")), base);
    }

    #[test]
    fn a_pack_round_trips_every_extraction_exactly() {
        let dir = scratch("round-trip");
        let (a, b) = (
            extraction("Marshfield Council"),
            extraction("Holloway Council"),
        );
        let (ka, kb) = (
            key(&parts(b"a", "a.txt")).unwrap(),
            key(&parts(b"b", "b.txt")).unwrap(),
        );
        let cache = Cache::for_corpus(&dir);
        assert!(cache.get(&ka).is_none());
        cache.put(&ka, &a);
        cache.put(&kb, &b);
        // New entries wait on disk, not in memory, and are gone once saved.
        let folder = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(dir.join(CACHE_DIR))
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            names
        };
        assert!(matches!(
            cache.kept.lock().unwrap().get(&ka),
            Some(Kept::Spilled(_))
        ));
        assert!(folder(&dir).iter().any(|n| n.ends_with(".spill.partial")));
        cache.save();
        assert!(cache.write_error().is_none());
        assert_eq!(folder(&dir), [PACK_FILE]);
        let pack = dir.join(CACHE_DIR).join(PACK_FILE);
        let written = fs::metadata(&pack).unwrap().modified().unwrap();

        let again = Cache::for_corpus(&dir);
        assert_eq!(again.get(&ka), Some(a.clone()));
        assert_eq!(again.get(&kb), Some(b));
        assert_eq!(again.hits(), 2);
        // Every entry hit and none unused: the pack is not written again.
        again.save();
        assert_eq!(fs::metadata(&pack).unwrap().modified().unwrap(), written);

        // Only what a run used is kept.
        let third = Cache::for_corpus(&dir);
        assert!(third.get(&ka).is_some());
        third.save();
        let fourth = Cache::for_corpus(&dir);
        assert_eq!(fourth.get(&ka), Some(a));
        assert!(fourth.get(&kb).is_none());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_extraction_read_back_shares_its_ids_as_ingest_made_them() {
        let dir = scratch("shared-ids");
        let text = report("Marshfield Council");
        let options = peertrail_ingest::IngestOptions {
            source: Some("marshfield.md".to_string()),
            ..Default::default()
        };
        let made = peertrail_ingest::ingest_str(&text, &options).unwrap();
        let ka = key(&parts(b"a", "a.txt")).unwrap();
        let cache = Cache::for_corpus(&dir);
        cache.put(&ka, &made);
        cache.save();
        let Some(back) = Cache::for_corpus(&dir).get(&ka) else {
            panic!("the entry just written is a hit");
        };
        assert_eq!(back, made);
        assert!(back.recommendations.len() >= 2);
        // As ingest made it: no spare room in its lists.
        assert_eq!(back.recommendations.len(), back.recommendations.capacity());
        assert_eq!(back.review.peers.len(), back.review.peers.capacity());
        let words =
            |e: &Extraction, i: usize| e.recommendations[i].cue.as_ref().unwrap().words.clone();
        assert!(std::sync::Arc::ptr_eq(&words(&made, 0), &words(&made, 1)));
        let first_file = back.recommendations[0].source.clone().unwrap();
        for r in &back.recommendations {
            assert!(std::sync::Arc::ptr_eq(
                &r.review.shared(),
                &back.review.id.shared()
            ));
            // One text for the file and for the heading's words, as
            // ingest made them.
            assert!(std::sync::Arc::ptr_eq(
                r.source.as_ref().unwrap(),
                &first_file
            ));
            assert!(std::sync::Arc::ptr_eq(
                &r.cue.as_ref().unwrap().words,
                &back.recommendations[0].cue.as_ref().unwrap().words
            ));
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_pack_is_a_miss() {
        let dir = scratch("damaged");
        let ka = key(&parts(b"a", "a.txt")).unwrap();
        let cache = Cache::for_corpus(&dir);
        cache.put(&ka, &extraction("Marshfield Council"));
        cache.save();
        let path = dir.join(CACHE_DIR).join(PACK_FILE);
        let good = fs::read(&path).unwrap();
        let json_at = good.iter().position(|&b| b == b'{').unwrap();
        let mut flipped = good.clone();
        flipped[json_at + 20] ^= 1;
        let damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            good[..good.len() - 1].to_vec(),
            good[..json_at + 40].to_vec(),
            flipped,
            [b"peertrail-cache 1\n".as_slice(), &good[HEADER.len()..]].concat(),
            b"\x00\xff binary \x00".to_vec(),
            good.iter().copied().filter(|&b| b != b'\n').collect(),
        ];
        for bytes in damaged {
            fs::write(&path, &bytes).unwrap();
            let cache = Cache::for_corpus(&dir);
            assert!(
                cache.get(&ka).is_none(),
                "{}",
                String::from_utf8_lossy(&bytes)
            );
            assert_eq!(cache.hits(), 0);
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn writing_the_pack_removes_the_old_layout() {
        let dir = scratch("old-layout");
        let fan = dir.join(CACHE_DIR).join("ab");
        fs::create_dir_all(&fan).unwrap();
        fs::write(fan.join("cdef.json"), "peertrail-cache 1\n{}").unwrap();
        let cache = Cache::for_corpus(&dir);
        cache.put(
            &key(&parts(b"a", "a.txt")).unwrap(),
            &extraction("Marshfield Council"),
        );
        cache.save();
        assert!(!fan.exists());
        assert!(dir.join(CACHE_DIR).join(PACK_FILE).is_file());
        let _ = fs::remove_dir_all(&dir);
    }
}
