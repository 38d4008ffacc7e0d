//! Scratch folders, the fixtures of one text in every form, and the facts
//! compared between forms.

use std::path::{Path, PathBuf};

use peertrail::LoadOptions;
use peertrail_core::Extraction;
use peertrail_testkit::PdfOptions;

pub use peertrail_tests::Scratch;

/// The four forms of one text, written as `stem.txt`, `.pdf`, `.docx`,
/// `.html` into `dir`.
pub fn write_forms(dir: &Scratch, stem: &str, text: &str) -> [PathBuf; 4] {
    [
        dir.file(&format!("{stem}.txt"), text),
        dir.file(
            &format!("{stem}.pdf"),
            peertrail_testkit::pdf(text, &PdfOptions::default()),
        ),
        dir.file(&format!("{stem}.docx"), peertrail_testkit::docx(text)),
        dir.file(
            &format!("{stem}.html"),
            peertrail_testkit::html(text, "Peer challenge report", "https://example.org/report"),
        ),
    ]
}

/// Loads one file the way the CLI does; panics when it is skipped.
pub fn load_one(path: &Path) -> Extraction {
    let mut corpus = peertrail::load(&[path.to_path_buf()], &LoadOptions::default());
    let skipped: Vec<String> = corpus.skipped().map(ToString::to_string).collect();
    assert!(skipped.is_empty(), "{skipped:#?}");
    assert_eq!(corpus.extractions.len(), 1);
    corpus.extractions.remove(0)
}

/// White space runs as one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What must be the same whatever the form. Titles are compared apart:
/// a PDF does not say which words are bold, so a recommendation's bold
/// title is read as the start of its text there.
#[derive(Debug, PartialEq, Eq)]
pub struct Facts {
    pub council: String,
    pub review: String,
    pub kind: String,
    pub held: Option<String>,
    pub follows: Option<String>,
    pub peers: Vec<String>,
    pub placeholders: Vec<String>,
    /// id, number, label, title and text joined.
    pub recommendations: Vec<(String, u32, Option<String>, String)>,
    pub actions: Vec<(String, u32, String, Option<String>)>,
    pub progress: Vec<(String, String)>,
}

pub fn facts(e: &Extraction) -> Facts {
    Facts {
        council: e.council.name.clone(),
        review: e.review.id.to_string(),
        kind: format!("{:?}", e.review.kind),
        held: e.review.held.as_ref().map(ToString::to_string),
        follows: e.review.follows.as_ref().map(ToString::to_string),
        peers: e.review.peers.iter().map(|p| p.name.to_string()).collect(),
        placeholders: e.placeholders.iter().map(|p| p.id.to_string()).collect(),
        recommendations: e
            .recommendations
            .iter()
            .map(|r| {
                let full = format!("{} {}", r.title.as_deref().unwrap_or(""), r.text);
                (r.id.to_string(), r.number, r.label.clone(), squash(&full))
            })
            .collect(),
        actions: e
            .actions
            .iter()
            .map(|a| (a.id.to_string(), a.number, squash(&a.text), a.owner.clone()))
            .collect(),
        progress: e
            .progress
            .iter()
            .map(|p| (p.recommendation.to_string(), format!("{:?}", p.status)))
            .collect(),
    }
}

/// Recommendation titles, for the forms that keep bold (Word, web pages).
pub fn titles(e: &Extraction) -> Vec<Option<String>> {
    e.recommendations.iter().map(|r| r.title.clone()).collect()
}
