//! The sample corpus as a folder mixing every format (PDF, Word, web page,
//! text) links the same recommendations as the text corpus, and cites
//! pages for the PDFs.

use std::collections::BTreeSet;

use peertrail_core::Dataset;
use peertrail_tests::{corpus_dir, dataset};

use crate::support::{squash, Scratch};

/// The corpus's reports, by name.
fn reports() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.starts_with("README") && (name.ends_with(".txt") || name.ends_with(".md"))
        })
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn recommendations(data: &Dataset) -> BTreeSet<(String, u32, String)> {
    data.recommendations
        .iter()
        .map(|r| {
            let full = format!("{} {}", r.title.as_deref().unwrap_or(""), r.text);
            (r.id.to_string(), r.number, squash(&full))
        })
        .collect()
}

fn links(data: &Dataset) -> BTreeSet<(String, String, String)> {
    data.links
        .iter()
        .map(|l| {
            (
                format!("{:?}", l.kind),
                l.from.to_string(),
                l.to.to_string(),
            )
        })
        .collect()
}

#[test]
fn a_folder_of_every_format_links_like_the_text_corpus() {
    let text = dataset(&[corpus_dir()]);
    let scratch = Scratch::new("mixed");
    let mut pdf_sources = BTreeSet::new();
    for (i, (stem, body)) in reports().iter().enumerate() {
        match i % 4 {
            0 => {
                let name = format!("{stem}.pdf");
                scratch.file(&name, peertrail_testkit::pdf(body, &Default::default()));
                pdf_sources.insert(name);
            }
            1 => {
                scratch.file(&format!("{stem}.docx"), peertrail_testkit::docx(body));
            }
            2 => {
                scratch.file(
                    &format!("{stem}.html"),
                    peertrail_testkit::html(body, stem, "https://example.org/reports"),
                );
            }
            _ => {
                scratch.file(&format!("{stem}.txt"), body);
            }
        }
        // A report's sidecar goes with it, whatever its format.
        let sidecar = corpus_dir().join(format!("{stem}.meta.toml"));
        if let Ok(facts) = std::fs::read_to_string(&sidecar) {
            scratch.file(&format!("{stem}.meta.toml"), facts);
        }
    }
    let mixed = dataset(std::slice::from_ref(&scratch.path));
    assert_eq!(recommendations(&mixed), recommendations(&text));
    assert_eq!(links(&mixed), links(&text));
    let ids = |d: &Dataset| {
        d.reviews
            .iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&mixed), ids(&text));
    // Recommendations read from a PDF cite their page; no other does.
    let mut cited = 0;
    for r in &mixed.recommendations {
        // Every recommendation names the file its span refers to.
        let source = r.source.as_deref().map(str::to_string);
        assert!(source.is_some(), "{r:?} names no file");
        let from_pdf = source.is_some_and(|s| pdf_sources.contains(&s));
        assert_eq!(r.span.page.is_some(), from_pdf, "{r:?}");
        cited += usize::from(from_pdf);
    }
    assert!(cited > 0, "no recommendation came from a PDF");
}

#[test]
fn trace_cites_the_page_of_a_pdf_recommendation() {
    let scratch = Scratch::new("trace");
    let (stem, body) = reports().remove(0);
    scratch.file(
        &format!("{stem}.pdf"),
        peertrail_testkit::pdf(&body, &Default::default()),
    );
    let corpus = peertrail::load(
        std::slice::from_ref(&scratch.path),
        &peertrail::LoadOptions::default(),
    );
    let graph = peertrail_graph::Graph::build(corpus.extractions);
    let first = graph.dataset().recommendations[0].clone();
    let page = first.span.page.unwrap();
    let trace = graph.trace(&first.id).unwrap();
    let text = peertrail::render::trace_text(&trace);
    assert!(
        text.contains(&format!(
            "source: {stem}.pdf, page {page} (line {})",
            first.span.line
        )),
        "{text}"
    );
}
