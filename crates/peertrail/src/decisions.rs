//! The decisions file on disk: read from every corpus folder and applied
//! after linking, and appended to under a lock, atomically (a temporary
//! file renamed into place), so two commands writing at once never lose
//! an update and a failure never leaves half a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use peertrail_core::Extraction;
use peertrail_decisions::{parse, render, Decision, Decisions, DecisionsError, Report, FILE_NAME};
use peertrail_graph::Graph;

/// How long a writer waits for another to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(20);

/// Why the decisions file could not be read or written. Nothing is written
/// when this is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionsFileError {
    /// The file exists but cannot be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The file is malformed or from a newer peertrail (the message names
    /// the file and line).
    #[error(transparent)]
    Invalid(#[from] DecisionsError),
    /// Another writer held the lock for too long.
    #[error(
        "{lock} is held by another peertrail writing the decisions file; \
         if none is running, remove that file and try again"
    )]
    Locked {
        /// The lock file.
        lock: PathBuf,
    },
    /// The new file could not be written or renamed into place.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Decisions are kept in a folder; a corpus given as one file has none.
    #[error("{path} is not a folder: decisions are kept in a corpus folder's {FILE_NAME}")]
    NotAFolder {
        /// What was given.
        path: PathBuf,
    },
}

/// The decisions file of a corpus folder.
pub fn decisions_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// One corpus folder's decisions.
#[derive(Debug, Clone)]
pub struct DecisionsFile {
    /// The file.
    pub path: PathBuf,
    /// Its decisions, in file order.
    pub decisions: Decisions,
}

fn read_one(path: &Path) -> Result<Option<DecisionsFile>, DecisionsFileError> {
    let text = match fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(DecisionsFileError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let decisions = parse(&text, &path.display().to_string())?;
    Ok(Some(DecisionsFile {
        path: path.to_path_buf(),
        decisions,
    }))
}

/// The decisions files of every folder among `inputs` (files given
/// directly have none), in the order given.
pub fn read_decisions(inputs: &[PathBuf]) -> Result<Vec<DecisionsFile>, DecisionsFileError> {
    let mut out = Vec::new();
    for path in decisions_paths(inputs) {
        if let Some(f) = read_one(&path)? {
            out.push(f);
        }
    }
    Ok(out)
}

/// Where the decisions files of `inputs` are (existing or not): one per
/// folder among them, in the order given. What [`read_decisions`] reads,
/// and what an export's run key hashes.
pub fn decisions_paths(inputs: &[PathBuf]) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter(|input| input.is_dir())
        .map(|input| decisions_path(input))
        .collect()
}

/// A linked corpus with its decisions applied.
#[derive(Debug)]
pub struct Linked {
    /// The graph, decisions applied.
    pub graph: Graph,
    /// The data set as extracted and linked before any decision, kept
    /// only when some decision changed the graph (else it is the graph's).
    before_decisions: Option<peertrail_core::Dataset>,
    /// What each decisions file did.
    pub reports: Vec<(PathBuf, Report)>,
}

impl Linked {
    /// The data set as extracted and linked, before any decision: what
    /// fingerprints are taken of.
    pub fn extracted(&self) -> &peertrail_core::Dataset {
        self.before_decisions
            .as_ref()
            .unwrap_or_else(|| self.graph.dataset())
    }
}

/// Links `extractions` and applies the decisions files of the folders among
/// `inputs`: the one way every command and `cargo xtask export` build a
/// corpus.
pub fn link(
    inputs: &[PathBuf],
    extractions: Vec<Extraction>,
) -> Result<Linked, DecisionsFileError> {
    link_with(inputs, extractions, true)
}

/// [`link`], finding `similar_theme` links only when `similar_theme` asks
/// for them or a decision names one (a run that shows none need not find
/// or hold them: at 10,000 generated reports they are a tenth of the
/// run's memory).
pub fn link_with(
    inputs: &[PathBuf],
    extractions: Vec<Extraction>,
    similar_theme: bool,
) -> Result<Linked, DecisionsFileError> {
    let files = read_decisions(inputs)?;
    let named = files.iter().any(|f| {
        f.decisions.decisions.iter().any(|r| {
            matches!(
                r.decision,
                peertrail_decisions::Decision::Link {
                    kind: peertrail_core::LinkKind::SimilarTheme,
                    ..
                }
            )
        })
    });
    let options = peertrail_graph::BuildOptions {
        similar_theme: similar_theme || named,
    };
    let mut graph = Graph::build_with(extractions, options);
    // A copy of the whole data set only when decisions will change it: a
    // corpus without decisions (most runs) never pays for it.
    let before_decisions = (!files.is_empty()).then(|| graph.dataset().clone());
    let mut reports = Vec::new();
    for f in files {
        let report = apply_decisions(&mut graph, &f.decisions);
        reports.push((f.path, report));
    }
    Ok(Linked {
        graph,
        before_decisions,
        reports,
    })
}

/// Applies decisions to a linked graph, then rolls the latest status up
/// again, so every query and export sees them.
pub fn apply_decisions(graph: &mut Graph, decisions: &Decisions) -> Report {
    graph.edit(|data| peertrail_decisions::apply(data, decisions))
}

/// Holds the lock file; removes it when dropped.
struct Lock(PathBuf);

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

fn lock(path: &Path) -> Result<Lock, DecisionsFileError> {
    let lock = path.with_extension("toml.lock");
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match OpenOptions::new().write(true).create_new(true).open(&lock) {
            Ok(mut f) => {
                let _ = writeln!(f, "{}", std::process::id());
                return Ok(Lock(lock));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if started.elapsed() > LOCK_WAIT {
                    return Err(DecisionsFileError::Locked { lock });
                }
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(source) => return Err(DecisionsFileError::Write { path: lock, source }),
        }
    }
}

/// Appends `new` to the decisions file of corpus folder `dir` (creating
/// it with its header when missing), under a lock, atomically. The file
/// as it stands is read and checked first: when it is malformed or from a
/// newer peertrail, nothing is written. Returns the file's path.
pub fn append_decisions(dir: &Path, new: &[Decision]) -> Result<PathBuf, DecisionsFileError> {
    if !dir.is_dir() {
        return Err(DecisionsFileError::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    let path = decisions_path(dir);
    let _lock = lock(&path)?;
    let mut text = match fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => peertrail_decisions::header(),
        Err(source) => return Err(DecisionsFileError::Read { path, source }),
    };
    let name = path.display().to_string();
    parse(&text, &name)?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for d in new {
        text.push_str(&render(d));
    }
    // What is written must read back; a rendering bug never reaches disk.
    parse(&text, &name)?;
    let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    let write = |p: &Path| -> io::Result<()> {
        let mut f = File::create(p)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    };
    if let Err(source) = write(&tmp).and_then(|()| fs::rename(&tmp, &path)) {
        let _ = fs::remove_file(&tmp);
        return Err(DecisionsFileError::Write { path, source });
    }
    Ok(path)
}
