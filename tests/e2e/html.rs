//! The HTML report of the sample corpus: its bytes pinned, its markup
//! checked for accessibility, and every page loaded in headless Chromium
//! (no console message, no request leaving the folder, every internal link
//! resolving, the filter narrowing a table, screenshots that are not
//! blank).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use peertrail_core::{ExportContext, Exporter, MemoryFolder};
use peertrail_export_html::{HtmlExporter, FOLDER};
use peertrail_graph::Graph;
use peertrail_tests::{corpus_dir, root, scratch};

fn report(exporter: HtmlExporter) -> BTreeMap<String, Vec<u8>> {
    let corpus = peertrail::load(&[corpus_dir()], &Default::default());
    let graph = Graph::build(corpus.extractions);
    let due = peertrail::due_as_of(&graph, None);
    let ctx = peertrail_tests::with_due(graph.dataset(), &due);
    let mut folder = MemoryFolder::default();
    exporter.write_folder(FOLDER, &ctx, &mut folder).unwrap();
    folder.files
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn the_report_of_the_sample_corpus_is_pinned() {
    let files = report(HtmlExporter::own_layout());
    let mut all = String::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            all.push_str(&format!("==> {path}\n{}", text(bytes)));
        }
    }
    insta::assert_snapshot!("corpus__html__report", all);
    assert_eq!(
        files,
        report(HtmlExporter::own_layout()),
        "not deterministic"
    );
}

#[test]
fn every_page_is_accessible_markup() {
    for (path, bytes) in report(HtmlExporter::own_layout()) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = text(&bytes);
        assert_eq!(page.matches("<h1").count(), 1, "{path}: one h1");
        assert!(page.contains("<html lang=\"en\">"), "{path}: language");
        for table in page.split("<table").skip(1) {
            let table = table.split("</table>").next().unwrap();
            assert!(
                table.contains("<th"),
                "{path}: a table without header cells"
            );
            assert!(
                table.contains("<caption>"),
                "{path}: a table without caption"
            );
        }
        for svg in page.split("<svg").skip(1) {
            let tag = svg.split('>').next().unwrap();
            assert!(tag.contains("role=\"img\""), "{path}: svg without role");
            assert!(tag.contains("aria-labelledby="), "{path}: svg without text");
            assert!(svg.contains("<desc"), "{path}: svg without description");
        }
        for img in page.split("<img").skip(1) {
            assert!(
                img.split('>').next().unwrap().contains("alt="),
                "{path}: img without alt"
            );
        }
        // A status is written in words inside its coloured badge.
        for badge in page.split("class=\"status status-").skip(1) {
            let words = badge.split('>').nth(1).unwrap().split('<').next().unwrap();
            assert!(!words.trim().is_empty(), "{path}: a status without words");
        }
    }
    let files = report(HtmlExporter::own_layout());
    let css = text(&files["style.css"]);
    assert!(
        css.contains(":focus-visible") && css.contains("outline"),
        "visible focus"
    );
    assert!(css.contains("@media print"), "print style");
}

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        if let Ok(out) = Command::new("which").arg(name).output() {
            if out.status.success() {
                let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if !p.is_empty() {
                    return Some(PathBuf::from(p));
                }
            }
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Chromium is missing: CI must install it (.ci/run)"
    );
    eprintln!("skipped: chromium is not installed");
    None
}

/// Runs headless Chromium on `url` with `extra` arguments; returns its
/// stdout and the console messages it logged.
fn run_chromium(bin: &Path, url: &str, extra: &[&str]) -> (String, Vec<String>) {
    let profile = scratch("chromium-profile");
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            // Nothing can leave the machine, whatever a page asked for.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(String::from)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

/// Every `href="…"` and `src="…"` value of a page.
fn references(dom: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for attr in ["href=\"", "src=\"", "xlink:href=\""] {
        for part in dom.split(attr).skip(1) {
            refs.push(part.split('"').next().unwrap().replace("&amp;", "&"));
        }
    }
    refs
}

fn check_link(folder: &Path, page: &Path, link: &str) {
    assert!(
        !link.contains(':') && !link.starts_with('/'),
        "{}: {link} leaves the folder",
        page.display()
    );
    let (file, fragment) = match link.split_once('#') {
        Some((f, frag)) => (f, Some(frag)),
        None => (link, None),
    };
    let target = if file.is_empty() {
        page.to_path_buf()
    } else {
        page.parent().unwrap().join(file)
    };
    let target = target
        .canonicalize()
        .unwrap_or_else(|_| panic!("{}: {link} does not resolve", page.display()));
    assert!(
        target.starts_with(folder),
        "{}: {link} leaves the folder",
        page.display()
    );
    if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
        let html = std::fs::read_to_string(&target).unwrap();
        assert!(
            html.contains(&format!("id=\"{frag}\"")),
            "{}: {link}: no such anchor",
            page.display()
        );
    }
}

/// The share of pixels that differ from the top-left one (the background).
fn ink(png_path: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let background = pixels[pixels.len() / 2 - pixels.len() / 2 + (info.width as usize) * 60];
    let differ = pixels.iter().filter(|p| *p != &background).count();
    differ as f64 / pixels.len() as f64
}

#[test]
fn every_page_works_in_a_real_browser() {
    let Some(bin) = chromium() else { return };
    let out = scratch("browser");
    let corpus = peertrail::load(&[corpus_dir()], &Default::default());
    let graph = Graph::build(corpus.extractions);
    let due = peertrail::due_as_of(&graph, None);
    let ctx: ExportContext<'_> = peertrail_tests::with_due(graph.dataset(), &due);
    let exporters: Vec<Box<dyn Exporter>> = vec![Box::new(HtmlExporter::default())];
    peertrail::write_exports(&out, &exporters, &ctx).unwrap();
    let folder = out.join(FOLDER).canonicalize().unwrap();

    let mut pages: Vec<PathBuf> = Vec::new();
    for sub in ["", "councils", "recommendations"] {
        for entry in std::fs::read_dir(folder.join(sub)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "html") {
                pages.push(p);
            }
        }
    }
    pages.sort();
    assert!(pages.len() > 10, "{pages:?}");

    // Pages load two at a time (the machine has two cores).
    let results: Vec<(PathBuf, String, Vec<String>)> = std::thread::scope(|s| {
        let chunks: Vec<&[PathBuf]> = pages.chunks(pages.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let bin = &bin;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| {
                            let (dom, console) = run_chromium(
                                bin,
                                &format!("file://{}", p.display()),
                                &["--dump-dom"],
                            );
                            (p.clone(), dom, console)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (page, dom, console) in &results {
        assert!(
            console.is_empty(),
            "{}: console said {console:#?}",
            page.display()
        );
        assert!(dom.contains("</html>"), "{}: no DOM", page.display());
        for link in references(dom) {
            check_link(&folder, page, &link);
        }
    }

    // The filter narrows the councils table (the box is filled from ?q=).
    let index = folder.join("index.html");
    let (dom, console) = run_chromium(
        &bin,
        &format!("file://{}?q=corrington", index.display()),
        &["--dump-dom"],
    );
    assert!(console.is_empty(), "{console:#?}");
    let rows = dom
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    let total = rows.matches("<tr").count();
    let hidden = rows.matches("<tr hidden").count();
    assert!(total >= 3, "{total} rows");
    assert_eq!(hidden, total - 1, "the filter left {} rows", total - hidden);
    assert!(
        dom.contains(&format!("1 of {total} rows shown")),
        "the count is said"
    );

    // Screenshots of the three kinds of page, not blank.
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let council = folder.join("councils/corrington.html");
    let rec = pages
        .iter()
        .find(|p| {
            p.to_string_lossy()
                .contains("corrington_2f2019-09-17-cpc_23r2")
        })
        .unwrap()
        .clone();
    for (name, page) in [
        ("report-home", &index),
        ("report-council", &council),
        ("report-recommendation", &rec),
    ] {
        let png = shots.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&png);
        let (_, console) = run_chromium(
            &bin,
            &format!("file://{}", page.display()),
            &[
                "--window-size=1200,900",
                &format!("--screenshot={}", png.display()),
            ],
        );
        assert!(console.is_empty(), "{console:#?}");
        let share = ink(&png);
        assert!(
            share >= 0.05,
            "{name}: only {:.1}% of pixels differ from the background",
            share * 100.0
        );
        if name == "report-home" && std::env::var_os("UPDATE_DOCS_IMAGES").is_some() {
            std::fs::copy(&png, root().join("docs/images/report-home.png")).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
