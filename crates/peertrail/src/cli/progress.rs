//! What a long run is doing, on one line of stderr that rewrites itself:
//! files read of the total, then the stage (linking, writing). Shown only
//! when stderr is a terminal, only once a run has taken longer than
//! [`SHOW_AFTER`], and never with `--quiet`; the line is cleared before
//! anything else is printed, so errors and the final summary read as
//! without it.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use peertrail::LoadEvent;

/// A run that ends sooner shows nothing.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

#[derive(Debug, Default)]
struct State {
    stage: Mutex<String>,
    read: AtomicUsize,
    total: AtomicUsize,
    /// Whether the line is on screen, so that it is cleared only then.
    shown: AtomicBool,
    done: AtomicBool,
}

/// The progress line of one run; inert when not on a terminal or quiet.
#[derive(Debug)]
pub struct Progress {
    state: Arc<State>,
    ticker: Option<JoinHandle<()>>,
    /// Every line printed through [`Progress::println`], so an export can
    /// record the problems and warnings it printed and an up-to-date
    /// export print them again.
    printed: Mutex<Vec<String>>,
}

impl Progress {
    /// Starts the display (a thread that draws the line) where it is
    /// wanted: stderr a terminal, and not `quiet`.
    pub fn start(quiet: bool) -> Progress {
        let state = Arc::new(State::default());
        let ticker = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let state = Arc::clone(&state);
            std::thread::spawn(move || draw_until_done(&state))
        });
        Progress {
            state,
            ticker,
            printed: Mutex::new(Vec::new()),
        }
    }

    /// Names the stage now running ("linking", "writing csv, json").
    pub fn stage(&self, stage: &str) {
        if let Ok(mut s) = self.state.stage.lock() {
            stage.clone_into(&mut s);
        }
    }

    /// Counts a load event.
    pub fn observe(&self, event: LoadEvent) {
        match event {
            LoadEvent::Found(n) => self.state.total.store(n, Ordering::Relaxed),
            LoadEvent::Read => {
                self.state.read.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }

    /// Prints `text` as a line of its own on stderr, clearing the progress
    /// line first; the line is drawn again at the next tick.
    pub fn println(&self, text: &dyn std::fmt::Display) {
        let line = text.to_string();
        self.note(&line);
        if let Ok(mut printed) = self.printed.lock() {
            printed.push(line);
        }
    }

    /// [`Progress::println`] for a line about this run only (the cache
    /// could not be written), not kept among [`Progress::printed`].
    pub fn note(&self, text: &dyn std::fmt::Display) {
        let mut err = std::io::stderr().lock();
        if self.state.shown.swap(false, Ordering::Relaxed) {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "{text}");
    }

    /// The lines printed through [`Progress::println`] so far.
    pub fn printed(&self) -> Vec<String> {
        self.printed.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Stops the display and clears its line.
    pub fn finish(&mut self) {
        self.state.done.store(true, Ordering::Relaxed);
        if let Some(ticker) = self.ticker.take() {
            // The thread only draws; if it panicked there is nothing to
            // clean up beyond the line, cleared below.
            let _ = ticker.join();
        }
        if self.state.shown.swap(false, Ordering::Relaxed) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn draw_until_done(state: &State) {
    let start = Instant::now();
    let mut last = String::new();
    while !state.done.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if start.elapsed() < SHOW_AFTER || state.done.load(Ordering::Relaxed) {
            continue;
        }
        let line = line(state);
        // Drawn again only when it changed, or when a message printed
        // through `println` cleared it.
        if line == last && state.shown.load(Ordering::Relaxed) {
            continue;
        }
        last.clone_from(&line);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        state.shown.store(true, Ordering::Relaxed);
    }
}

/// The text of the line: `peertrail: reading 1234 of 10000 files` while
/// files are read, then the stage.
fn line(state: &State) -> String {
    let read = state.read.load(Ordering::Relaxed);
    let total = state.total.load(Ordering::Relaxed);
    let stage = state.stage.lock().map(|s| s.clone()).unwrap_or_default();
    if stage.is_empty() || stage == "reading" {
        format!("peertrail: reading {read} of {total} files")
    } else {
        format!("peertrail: {stage} ({total} files read)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_files_then_names_the_stage() {
        let p = Progress::start(true);
        assert!(p.ticker.is_none(), "quiet shows nothing");
        p.observe(LoadEvent::Found(10));
        p.observe(LoadEvent::Read);
        p.observe(LoadEvent::Read);
        assert_eq!(line(&p.state), "peertrail: reading 2 of 10 files");
        p.stage("linking");
        assert_eq!(line(&p.state), "peertrail: linking (10 files read)");
    }
}
