//! `--timings`: how long each stage of a run took, with the process's CPU
//! time and peak memory, printed on stderr for people and for
//! `cargo xtask bench`, which reads the lines back.
//!
//! Every stage line is two spaces, a name of words, the wall seconds, then
//! free text; the last line is `total`. A stage during which the process's
//! peak memory rose ends with `; peak N MB`, the peak when it ended, so the
//! last such stage is the one that set the run's peak.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Stages measured so far, from the moment of [`Timings::start`].
#[derive(Debug)]
pub struct Timings {
    start: Instant,
    stages: Vec<(String, Duration, String)>,
    /// The peak memory when the last stage was recorded.
    peak: Option<u64>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings::start()
    }
}

impl Timings {
    /// Starts the clock.
    pub fn start() -> Timings {
        Timings {
            start: Instant::now(),
            stages: Vec::new(),
            peak: peak_memory(),
        }
    }

    /// Records a stage that took `took`, with a note such as a count, and
    /// the peak memory if it rose since the last stage was recorded.
    pub fn record(&mut self, name: &str, took: Duration, note: impl Into<String>) {
        let mut note = note.into();
        let peak = peak_memory();
        if let (Some(now), Some(before)) = (peak, self.peak) {
            if now > before {
                let join = if note.is_empty() { "" } else { "; " };
                let _ = write!(note, "{join}peak {:.1} MB", now as f64 / 1e6);
            }
        }
        self.peak = peak.or(self.peak);
        self.stages.push((name.to_string(), took, note));
    }

    /// Runs `f` as the stage `name`, noting the CPU time it took: once a
    /// stage runs on several threads its wall time alone no longer says
    /// how much work it did.
    pub fn time<T>(&mut self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let cpu_before = cpu_time();
        let value = f();
        let took = start.elapsed();
        let note = match (cpu_before, cpu_time()) {
            (Some(before), Some(after)) => {
                format!("cpu {:.2} s", after.saturating_sub(before).as_secs_f64())
            }
            _ => String::new(),
        };
        self.record(name, took, note);
        value
    }

    /// The table: every stage, then the total with CPU time and peak
    /// memory where the system tells them (Linux).
    pub fn render(&self) -> String {
        let mut out = String::from("peertrail: timings (wall seconds)\n");
        let width = self
            .stages
            .iter()
            .map(|(name, _, _)| name.len())
            .max()
            .unwrap_or(0)
            .max(5);
        for (name, took, note) in &self.stages {
            let _ = writeln!(out, "  {name:<width$} {:>8.3}  {note}", took.as_secs_f64());
        }
        let cpu = cpu_time().map_or_else(
            || "cpu unknown".to_string(),
            |c| format!("cpu {:.3} s", c.as_secs_f64()),
        );
        let memory = peak_memory().map_or_else(
            || "peak memory unknown".to_string(),
            |m| format!("peak memory {:.1} MB", m as f64 / 1e6),
        );
        let _ = writeln!(
            out,
            "  {:<width$} {:>8.3}  {cpu}, {memory}",
            "total",
            self.start.elapsed().as_secs_f64()
        );
        out
    }
}

/// CPU time of the whole process so far, every thread's user and system
/// time, to the nanosecond (`CLOCK_PROCESS_CPUTIME_ID`). The 10 ms ticks
/// of `/proc/self/stat` came to 6% of the CPU time of 1,000 generated
/// reports, enough to tip `cargo xtask bench`'s growth check.
#[cfg(unix)]
pub fn cpu_time() -> Option<Duration> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    let secs = u64::try_from(t.tv_sec).ok()?;
    let nanos = u32::try_from(t.tv_nsec).ok()?;
    Some(Duration::new(secs, nanos))
}

/// CPU time of the whole process: not known here.
#[cfg(not(unix))]
pub fn cpu_time() -> Option<Duration> {
    None
}

/// The most memory the process has held at once (Linux: `VmHWM` in
/// `/proc/self/status`), in bytes.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPU time is finer than the kernel's 10 ms tick: spinning until it
    /// moves sees it move by less than a tick.
    #[cfg(unix)]
    #[test]
    fn cpu_time_is_finer_than_a_clock_tick() {
        let start = cpu_time().unwrap_or_default();
        let mut now = start;
        let mut spins = 0u64;
        while now == start && spins < 1 << 32 {
            spins = std::hint::black_box(spins + 1);
            now = cpu_time().unwrap_or_default();
        }
        let step = now.saturating_sub(start);
        assert!(step > Duration::ZERO, "CPU time never moved");
        assert!(step < Duration::from_millis(10), "moved by {step:?}");
    }

    #[test]
    fn the_table_has_every_stage_and_a_total() {
        let mut t = Timings::start();
        t.record("read and extract", Duration::from_millis(1500), "3 files");
        let n = t.time("link", || 2 + 2);
        assert_eq!(n, 4);
        let table = t.render();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        assert!(
            lines[1].starts_with("  read and extract    1.500  3 files"),
            "{table}"
        );
        assert!(lines[2].starts_with("  link "), "{table}");
        assert!(lines[3].starts_with("  total "), "{table}");
        if cfg!(target_os = "linux") {
            assert!(
                lines[3].contains("cpu ") && lines[3].contains(" MB"),
                "{table}"
            );
        }
    }

    /// The peak is the process's, and other tests run beside this one: a
    /// stage that holds far more than any of them is sure to raise it.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_stage_that_raised_the_peak_says_so() {
        let mut t = Timings::start();
        let pages = t.time("hungry", || {
            // Written, so that every page is resident.
            let v = vec![1u8; 256 << 20];
            std::hint::black_box(v.iter().step_by(4096).count())
        });
        assert_eq!(pages, (256 << 20) / 4096);
        let table = t.render();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[1].contains("; peak "), "{table}");
        let mb: f64 = lines[1]
            .rsplit_once("peak ")
            .and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        assert!(mb > 256.0, "{table}");
    }
}
