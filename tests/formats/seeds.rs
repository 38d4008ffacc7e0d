//! The five real seed reports (read from `../shared/seeds` at test time,
//! never copied here) as PDF, Word and web page give the facts their text
//! gives.

use peertrail_tests::seeds_dir;

use crate::support::{facts, load_one, titles, write_forms, Scratch};

#[test]
fn seed_reports_read_the_same_in_every_form() {
    let Some(dir) = seeds_dir() else { return };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    let scratch = Scratch::new("seeds");
    for (i, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let [txt, pdf, docx, html] = write_forms(&scratch, &format!("seed{i}"), &text);
        let from_text = load_one(&txt);
        let expected = facts(&from_text);
        assert!(
            !expected.recommendations.is_empty() || !expected.progress.is_empty() || i == 0,
            "{path:?} yields nothing to compare"
        );
        for form in [&pdf, &docx, &html] {
            let read = load_one(form);
            assert_eq!(facts(&read), expected, "{form:?} against {path:?}");
        }
        // Word and web pages keep bold, so titles too.
        assert_eq!(
            titles(&load_one(&docx)),
            titles(&from_text),
            "{path:?} docx"
        );
        assert_eq!(
            titles(&load_one(&html)),
            titles(&from_text),
            "{path:?} html"
        );
        // Every item read from the PDF cites a page, and the text none.
        let pdf_read = load_one(&pdf);
        for r in &pdf_read.recommendations {
            assert!(r.span.page.is_some_and(|p| p >= 1), "{:?} {r:?}", pdf);
        }
        assert!(from_text
            .recommendations
            .iter()
            .all(|r| r.span.page.is_none()));
    }
}
