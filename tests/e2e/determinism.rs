//! Same input, byte-identical output: twice in a row, and with the input
//! files listed in another order.

use std::path::PathBuf;

use peertrail_tests::{corpus_dir, dataset, render_all};

fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the sample corpus {} cannot be read: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            (name.ends_with(".txt") || name.ends_with(".md")) && !name.starts_with("README")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn exporting_twice_gives_identical_bytes() {
    let first = render_all(&dataset(&[corpus_dir()]));
    let second = render_all(&dataset(&[corpus_dir()]));
    assert!(first.len() > 1000, "the export is suspiciously small");
    assert_eq!(first, second);
}

#[test]
fn input_order_does_not_matter() {
    let files = corpus_files();
    assert!(
        files.len() >= 5,
        "expected the sample corpus, found {files:?}"
    );
    let forward = render_all(&dataset(&files));
    let mut reversed = files.clone();
    reversed.reverse();
    let backward = render_all(&dataset(&reversed));
    // Interleave: odd files first, then even ones.
    let mut shuffled: Vec<PathBuf> = files.iter().skip(1).step_by(2).cloned().collect();
    shuffled.extend(files.iter().step_by(2).cloned());
    let interleaved = render_all(&dataset(&shuffled));
    assert_eq!(forward, backward);
    assert_eq!(forward, interleaved);
}

/// Runs `f` on a rayon pool of `threads` threads.
fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("a pool of {threads} thread(s): {e}"));
    pool.install(f)
}

/// Loads and renders the sample corpus on a rayon pool of `threads` threads.
fn render_on(threads: usize) -> String {
    on_threads(threads, || render_all(&dataset(&[corpus_dir()])))
}

#[test]
fn one_thread_and_two_give_identical_bytes() {
    let one = render_on(1);
    let two = render_on(2);
    assert!(one.len() > 1000, "the export is suspiciously small");
    assert_eq!(one, two);
}

#[test]
fn one_thread_and_two_load_the_same_corpus() {
    let load = |threads: usize| {
        on_threads(threads, || {
            let corpus = peertrail::load(&[corpus_dir()], &peertrail::LoadOptions::default());
            let json = serde_json::to_string(&corpus.extractions)
                .unwrap_or_else(|e| panic!("extractions as JSON: {e}"));
            let problems: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
            (json, problems, corpus.files_seen)
        })
    };
    assert_eq!(load(1), load(2));
}

/// More reports than are read in one batch (1,024), some of them empty:
/// every file is counted once, the extractions come in the order of their
/// paths and the problems name the empty ones, alike on one thread and two.
#[test]
fn a_corpus_larger_than_a_batch_loads_in_order_on_any_number_of_threads() {
    let dir = peertrail_tests::scratch("batches");
    let files = 1100;
    for i in 0..files {
        let name = format!("fenmoor-{i:04}.txt");
        // Every hundredth file is empty, which ingest reports and skips.
        let text = if i % 100 == 7 {
            String::new()
        } else {
            format!(
                "Corporate Peer Challenge\nFenmoor District Council\n\n\
                 Feedback report, {} March 2019\n\n\
                 Recommendations\n\n1. Publish a plan for the {i} depots.\n",
                1 + i % 28
            )
        };
        std::fs::write(dir.join(&name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let load = |threads: usize| {
        on_threads(threads, || {
            peertrail::load(
                std::slice::from_ref(&dir),
                &peertrail::LoadOptions::default(),
            )
        })
    };
    let one = load(1);
    let two = load(2);
    assert_eq!(one.files_seen, files);
    let sources = |c: &peertrail::Corpus| -> Vec<String> {
        c.extractions
            .iter()
            .map(|e| e.review.source.clone().unwrap_or_default())
            .collect()
    };
    let read = sources(&one);
    assert_eq!(read.len(), files - 11, "the empty files are skipped");
    let mut sorted = read.clone();
    sorted.sort();
    assert_eq!(read, sorted, "extractions in the order of their paths");
    assert!(
        read.iter().any(|s| s.ends_with("fenmoor-1099.txt")),
        "the last batch is read"
    );
    let skipped: Vec<String> = one
        .skipped()
        .map(|p| p.path.display().to_string())
        .collect();
    assert_eq!(skipped.len(), 11, "{skipped:?}");
    assert!(skipped.iter().all(|p| p.ends_with("7.txt")), "{skipped:?}");
    assert_eq!(read, sources(&two));
    let problems = |c: &peertrail::Corpus| -> Vec<String> {
        c.problems.iter().map(ToString::to_string).collect()
    };
    assert_eq!(problems(&one), problems(&two));
    let _ = std::fs::remove_dir_all(&dir);
}
