//! Byte-identical output whatever the file order or the thread, and two
//! documents with the same review id both kept.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::{check_outputs, load, pipeline, problems, report, Scratch, SAMPLE};

/// A small corpus of our own: the sample report, two more councils, one
/// file in Windows-1252 and one that is skipped.
fn corpus(dir: &Scratch) -> Vec<PathBuf> {
    let mut cp = report("Holmewood Council", "").into_bytes();
    cp.extend_from_slice(b"The council\x92s plan.\n");
    vec![
        dir.file("fernleigh.md", SAMPLE),
        dir.file(
            "b/corrington.txt",
            report("Corrington City Council", "1. Act now.\n"),
        ),
        dir.file(
            "a/ashby.txt",
            report("Ashby Vale District Council", "- Keep going.\n"),
        ),
        dir.file("holmewood.txt", cp),
        dir.file("empty.txt", ""),
        dir.file(
            "same-as-fernleigh.md",
            SAMPLE.replace("Staff are proud", "Staff are very proud"),
        ),
    ]
}

fn outputs(files: &[PathBuf]) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let corpus = load(files);
    let problems = problems(&corpus);
    (problems, pipeline(corpus).1)
}

#[test]
fn file_order_does_not_change_a_byte() {
    let dir = Scratch::new("order");
    let files = corpus(&dir);
    let (first_problems, first) = outputs(&files);
    assert!(!first.is_empty());
    check_outputs(&first, true);
    let mut reversed = files.clone();
    reversed.reverse();
    let mut rotated = files.clone();
    rotated.rotate_left(2);
    let interleaved: Vec<PathBuf> = files
        .iter()
        .skip(1)
        .step_by(2)
        .chain(files.iter().step_by(2))
        .cloned()
        .collect();
    for order in [reversed, rotated, interleaved] {
        let (p, o) = outputs(&order);
        assert_eq!(p, first_problems, "{order:?}");
        assert_eq!(
            o.keys().collect::<Vec<_>>(),
            first.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &first {
            assert!(o[name] == *bytes, "{name} differs for order {order:?}");
        }
    }
}

#[test]
fn threads_do_not_change_a_byte() {
    let dir = Scratch::new("threads");
    let files = corpus(&dir);
    let (_, here) = outputs(&files);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let files = files.clone();
            std::thread::spawn(move || outputs(&files).1)
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), here);
    }
}

/// Two documents that would get the same review id: both are kept, and the
/// one whose source sorts second gets `-2`, whatever order they came in.
#[test]
fn two_documents_with_one_review_id_are_both_kept() {
    let dir = Scratch::new("same-id");
    let a = dir.file("d/a.md", SAMPLE);
    let b = dir.file(
        "d/b.md",
        SAMPLE.replace("market towns", "market towns and villages"),
    );
    // Given as a folder, sources are relative to it (`a.md`); given as
    // files, they are the paths as given.
    let folder = dir.path.join("d");
    let (sa, sb) = (a.display().to_string(), b.display().to_string());
    for (files, first, second) in [
        (vec![folder.clone()], "a.md", "b.md"),
        (vec![a.clone(), b.clone()], sa.as_str(), sb.as_str()),
        (vec![b.clone(), a.clone()], sa.as_str(), sb.as_str()),
    ] {
        let corpus = load(&files);
        assert_eq!(corpus.extractions.len(), 2, "{:#?}", problems(&corpus));
        let id = corpus.extractions[0].review.id.clone();
        assert_eq!(corpus.extractions[1].review.id, id);
        let graph = peertrail_graph::Graph::build(corpus.extractions);
        let data = graph.dataset();
        let in_corpus: Vec<(String, Option<String>)> = data
            .reviews
            .iter()
            .filter(|r| r.in_corpus)
            .map(|r| (r.id.as_str().to_string(), r.source.clone()))
            .collect();
        assert_eq!(
            in_corpus,
            [
                (id.as_str().to_string(), Some(first.to_string())),
                (format!("{id}-2"), Some(second.to_string())),
            ]
        );
        let warnings: Vec<&str> = graph
            .warnings()
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        assert!(
            warnings.contains(
                &format!("{id} is the id of another document too; this one ({second}) is {id}-2")
                    .as_str()
            ),
            "{warnings:#?}"
        );
        // Recommendations of the second document moved with it.
        for r in &data.recommendations {
            if r.source.as_deref() == Some(second) {
                assert!(r.id.as_str().starts_with(&format!("{id}-2#")), "{r:?}");
            }
        }
        check_outputs(&crate::support::render_all(data), true);
    }
}
