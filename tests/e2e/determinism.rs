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

/// Loads and renders the sample corpus on a rayon pool of `threads` threads.
fn render_on(threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("a pool of {threads} thread(s): {e}"));
    pool.install(|| render_all(&dataset(&[corpus_dir()])))
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
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("a pool of {threads} thread(s): {e}"));
        pool.install(|| {
            let corpus = peertrail::load(&[corpus_dir()], &peertrail::LoadOptions::default());
            let json = serde_json::to_string(&corpus.extractions)
                .unwrap_or_else(|e| panic!("extractions as JSON: {e}"));
            let problems: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
            (json, problems, corpus.files_seen)
        })
    };
    assert_eq!(load(1), load(2));
}
