//! Helpers for the hostile-input tests: scratch folders, our own report
//! texts, the pipeline run the way the CLI runs it, and checks that every
//! output stays valid and escaped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use peertrail::{Corpus, LoadOptions};
use peertrail_core::{Dataset, ExportContext, ExportError};
use peertrail_graph::Graph;

pub use peertrail_tests::Scratch;

/// A minimal report: a title, a heading naming the (fictional) council and
/// the dates of the visit; `body` starts on line 7.
pub fn report(council: &str, body: &str) -> String {
    format!("# Corporate Peer Challenge\n\n## {council}\n\n12 - 15 March 2024\n\n{body}")
}

/// A small but complete report of our own writing, the shape of a CPC
/// feedback report: dates, numbered recommendations, a peer team, next steps.
pub const SAMPLE: &str = "\
# Corporate Peer Challenge

## Fernleigh Borough Council

12 - 15 March 2024

Feedback report

## 1. Executive summary

Fernleigh is a council with clear ambition for its market towns and a
settled political leadership. Staff are proud to work here.

## 2. Key recommendations

1. **Set out a single plan for the town centre.** Bring the three
   regeneration programmes together under one board.
2. **Strengthen financial planning.** Extend the medium term financial
   strategy to five years and publish the savings it depends on.
3. Review the scrutiny arrangements so that members shape decisions early.
4. *Invest in the digital skills of front-line staff.*

## 3. Summary of the peer challenge approach

The peer team:

- Cllr Jane Holt, Leader, Corrington City Council
- Sam Okafor, Chief Executive, Ashby Vale District Council
- Priya Nair, Peer Challenge Manager, Local Government Association

## 4. Next steps

The council will publish an action plan within eight weeks. A progress
review will take place within ten months of the challenge.
";

/// Loads `inputs` the way the CLI does.
pub fn load(inputs: &[PathBuf]) -> Corpus {
    peertrail::load(inputs, &LoadOptions::default())
}

/// Loads `inputs` with `--council NAME`.
pub fn load_with_council(inputs: &[PathBuf], council: &str) -> Corpus {
    peertrail::load(
        inputs,
        &LoadOptions {
            council: Some(council.to_string()),
            ..LoadOptions::default()
        },
    )
}

/// Every problem of a corpus as the CLI prints it.
pub fn problems(corpus: &Corpus) -> Vec<String> {
    corpus.problems.iter().map(ToString::to_string).collect()
}

/// Every file of every registered format, keyed `format/file`. A file an
/// exporter lists but does not write yet (`UnknownFile` for its own file)
/// is left out with a message, so the checks cover what exists; the test
/// `every_exporter_writes_every_file_it_lists` fails until all do.
pub fn render_all(data: &Dataset) -> BTreeMap<String, Vec<u8>> {
    let ctx = ExportContext::new(data);
    let mut all = BTreeMap::new();
    for exporter in peertrail::exporters() {
        if exporter.target() != peertrail_core::Target::Stream {
            all.extend(peertrail_tests::render_files(exporter.as_ref(), &ctx));
            continue;
        }
        for &file in exporter.files() {
            let mut out = Vec::new();
            match exporter.write(file, &ctx, &mut out) {
                Ok(()) => {
                    all.insert(format!("{}/{file}", exporter.name()), out);
                }
                Err(ExportError::UnknownFile { file: f, .. }) if f == file => {
                    eprintln!(
                        "note: the {} exporter does not write {file} yet",
                        exporter.name()
                    );
                }
                Err(e) => panic!("{}/{file}: {e}", exporter.name()),
            }
        }
    }
    all
}

/// Builds the graph and renders every format.
pub fn pipeline(corpus: Corpus) -> (Dataset, BTreeMap<String, Vec<u8>>) {
    let graph = Graph::build(corpus.extractions);
    let data = graph.dataset().clone();
    let outputs = render_all(&data);
    (data, outputs)
}

/// Asserts every output is valid for its format (see [`check_output`]);
/// `render_dot` also runs Graphviz on the DOT file where it is installed.
pub fn check_outputs(outputs: &BTreeMap<String, Vec<u8>>, render_dot: bool) {
    for (name, bytes) in outputs {
        check_output(name, bytes, render_dot);
    }
}

/// JSON parses; CSV parses with a constant column count and no cell a
/// spreadsheet would evaluate; DOT has balanced quotes (and renders).
pub fn check_output(name: &str, bytes: &[u8], render_dot: bool) {
    if name.ends_with(".xlsx") {
        return check_xlsx(name, bytes);
    }
    if name.ends_with(".sqlite") {
        return check_sqlite(name, bytes);
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    if name.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    } else if name.ends_with(".csv") {
        check_csv(name, bytes);
    } else if name.ends_with(".dot") {
        check_dot(name, text, render_dot);
    } else if name.ends_with(".html") {
        check_html(name, text);
    }
}

/// The only script a page loads is the report's own filter, by file; no
/// data ever opens a tag, an attribute or a template expression.
fn check_html(name: &str, text: &str) {
    let scripts = text.matches("<script").count();
    let ours = text.matches("<script src=\"").count();
    assert_eq!(scripts, ours, "{name}: a script tag that is not ours");
    assert!(ours <= 1, "{name}: {ours} script tags");
    assert!(!text.contains("<b>html"), "{name}: data opened a tag");
    assert!(!text.contains("alert(1)</"), "{name}: data closed a tag");
    assert!(!text.contains("evil [label=\"x\"]"), "{name}: raw quotes");
}

/// Every sheet reads back, and no text cell is a formula a spreadsheet
/// would evaluate.
fn check_xlsx(name: &str, bytes: &[u8]) {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("{name} does not open: {e}"));
    for sheet in wb.sheet_names() {
        let range = wb
            .worksheet_range(&sheet)
            .unwrap_or_else(|e| panic!("{name}/{sheet}: {e}"));
        for cell in range.used_cells() {
            if let calamine::Data::String(s) = cell.2 {
                assert!(
                    !s.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}/{sheet}: a spreadsheet would evaluate {s:?}"
                );
            }
        }
        let formulas = wb.worksheet_formula(&sheet).unwrap_or_default();
        assert!(
            formulas.used_cells().next().is_none(),
            "{name}/{sheet} holds a formula"
        );
    }
}

/// The database passes SQLite's integrity check.
fn check_sqlite(name: &str, bytes: &[u8]) {
    let dir = peertrail_tests::scratch("check-sqlite");
    let path = dir.join("db.sqlite");
    std::fs::write(&path, bytes).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{name}");
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
}

fn check_csv(name: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(bytes);
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: a spreadsheet would evaluate {cell:?}"
            );
        }
    }
}

fn check_dot(name: &str, text: &str, render: bool) {
    let mut quotes = 0usize;
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            quotes += 1;
        }
    }
    assert!(
        quotes.is_multiple_of(2),
        "{name}: unbalanced quotes ({quotes})"
    );
    if render {
        if let Some(stderr) = graphviz(text) {
            assert!(stderr.is_empty(), "{name}: dot -Tsvg said {stderr}");
        }
    }
}

/// Runs `dot -Tsvg` on `text`; `None` (with a message) where Graphviz is
/// not installed.
pub fn graphviz(text: &str) -> Option<String> {
    use std::io::Write;
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return None;
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The built `peertrail` binary, or `None` (with a message) when it has not
/// been built (`cargo build -p peertrail`).
pub fn binary() -> Option<PathBuf> {
    let path = peertrail_tests::root().join("target/debug/peertrail");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} not built (cargo build -p peertrail)",
            path.display()
        );
        None
    }
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                all.insert(rel, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    all
}
