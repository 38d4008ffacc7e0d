//! The CSV exporter on a hand-built data set: every file's bytes pinned,
//! formula neutralisation, and the files parsing back as RFC 4180.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use peertrail_core::{Dataset, ExportContext, ExportError, Exporter};
use peertrail_export_csv::CsvExporter;

fn render(data: &Dataset, file: &str, similar_theme: bool) -> String {
    let ctx = ExportContext::new(data).with_similar_theme(similar_theme);
    let mut out = Vec::new();
    CsvExporter.write(file, &ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Header and records, parsed strictly (every record as wide as the header).
fn parse(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column<'a>(header: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = header.iter().position(|h| h == name).unwrap();
    rows.iter().map(|r| r[i].as_str()).collect()
}

/// The bytes with control characters other than `\n` and `\t` shown as
/// their Unicode control pictures (`\r` as `␍`), so that a snapshot file
/// holds no raw carriage return for an editor or insta to normalise away.
fn visible(csv: &str) -> String {
    assert!(!csv.contains(|c| ('\u{2400}'..='\u{2421}').contains(&c)));
    csv.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{7f}' => '\u{2421}',
            c if c < ' ' => char::from_u32(0x2400 + u32::from(c)).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[test]
fn snapshots() {
    let data = common::dataset();
    for file in CsvExporter.files() {
        let name = file.replace('.', "_");
        insta::assert_snapshot!(name, visible(&render(&data, file, false)));
    }
}

#[test]
fn every_file_parses_back_with_a_header_and_one_row_per_item() {
    let data = common::dataset();
    let peers: usize = data.reviews.iter().map(|r| r.peers.len()).sum();
    for (file, rows) in [
        ("councils.csv", data.councils.len()),
        ("reviews.csv", data.reviews.len()),
        ("recommendations.csv", data.recommendations.len()),
        ("actions.csv", data.actions.len()),
        ("progress.csv", data.progress.len()),
        ("peers.csv", peers),
        ("people.csv", data.people.len()),
        ("links.csv", data.links.len() - 1),
    ] {
        let csv = render(&data, file, false);
        // `\n` line ends (a `\r` may only occur inside a quoted cell).
        let first = csv.split_once('\n').unwrap().0;
        assert!(csv.ends_with('\n') && !first.ends_with('\r'), "{file}");
        let (header, records) = parse(&csv);
        assert!(!header.is_empty(), "{file}");
        assert_eq!(records.len(), rows, "{file}");
    }
    for file in CsvExporter.files() {
        let (header, records) = parse(&render(&data, file, true));
        assert!(records.iter().all(|r| r.len() == header.len()), "{file}");
    }
}

#[test]
fn formulas_are_neutralised_and_the_file_still_parses() {
    let data = common::dataset();
    let csv = render(&data, "recommendations.csv", false);
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=HYPERLINK(") && !csv.contains(",\"=HYPERLINK("));
    let (header, rows) = parse(&csv);
    assert_eq!(header.len(), 36);
    let notes = column(&header, &rows, "response_note");
    assert!(notes.contains(&"'=accepted apart from the borrowing limit"));
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let texts = column(&header, &rows, "text");
    assert!(texts.iter().any(|t| t.starts_with("'=HYPERLINK(\"http")));
    assert!(texts.iter().any(|t| t.starts_with("'@SUM(A1) +1 -1")));
    // Hostile text survives intact inside its quoted cell.
    assert!(texts.contains(&common::HOSTILE));
    // Organisation/role cells are text too.
    let peers = render(&data, "peers.csv", false);
    assert!(peers.contains(",'- Principal Adviser,"), "{peers}");
    let links = render(&data, "links.csv", false);
    assert!(links.contains(",'=shared terms,"), "{links}");
}

#[test]
fn recommendation_columns() {
    let data = common::dataset();
    let (header, rows) = parse(&render(&data, "recommendations.csv", false));
    assert_eq!(
        header,
        [
            "id",
            "council",
            "review",
            "review_kind",
            "review_start",
            "review_end",
            "review_precision",
            "review_in_corpus",
            "number",
            "label",
            "kind",
            "title",
            "text",
            "themes",
            "latest_status",
            "latest_status_review",
            "latest_reported",
            "silent",
            "source",
            "line",
            "end_line",
            "page",
            "cue",
            "cue_words",
            "cue_line",
            "latest_source",
            "latest_note",
            "latest_who",
            "decided",
            "update_status",
            "update_date",
            "update_note",
            "update_who",
            "response",
            "response_date",
            "response_note",
        ]
    );
    let first = &rows[0];
    assert_eq!(first[0], "corrington/2021-03-cpc#r1");
    assert_eq!(first[4..8], ["2021-03-01", "2021-03-31", "month", "false"]);
    assert_eq!(
        column(&header, &rows, "themes")[0],
        "Financial planning; core:financial-planning"
    );
    assert_eq!(
        column(&header, &rows, "latest_status")[0],
        "significant_progress"
    );
    assert_eq!(column(&header, &rows, "latest_reported")[0], "2021-11-02");
    // Where each value came from, and the tracker columns a person edits.
    let marshfield = rows
        .iter()
        .position(|r| r[0] == "marshfield/2019-06-11-cpc#r1")
        .unwrap();
    let cell = |name: &str| column(&header, &rows, name)[marshfield];
    assert_eq!(cell("latest_source"), "updated");
    assert_eq!(cell("decided"), "title");
    assert_eq!(
        [
            cell("update_status"),
            cell("update_date"),
            cell("update_who")
        ],
        ["in_progress", "2020-02-14", "K. Osei"]
    );
    assert_eq!(column(&header, &rows, "latest_source")[0], "extracted");
    assert_eq!(
        [
            column(&header, &rows, "response")[0],
            column(&header, &rows, "response_date")[0]
        ],
        ["partly_accepted", "2021-04-20"]
    );
}

#[test]
fn action_due_dates_original_and_revised() {
    let data = common::dataset();
    let (header, rows) = parse(&render(&data, "actions.csv", false));
    let cell = |name: &str, row: usize| column(&header, &rows, name)[row];
    assert_eq!(
        [
            cell("timescale", 0),
            cell("due_end", 0),
            cell("revised_end", 0),
            cell("slip_days", 0)
        ],
        ["by March 2022", "2022-03-31", "2022-09-30", "183"]
    );
    // Judged on the day of the latest status (November 2021): not yet late.
    assert_eq!(
        [cell("late_original", 0), cell("late_revised", 0)],
        ["false", "false"]
    );
    assert_eq!([cell("ongoing", 1), cell("due_end", 1)], ["true", ""]);
}

#[test]
fn similar_theme_links_only_on_request() {
    let data = common::dataset();
    let off = render(&data, "links.csv", false);
    let on = render(&data, "links.csv", true);
    assert!(!off.contains("similar_theme"));
    assert!(on.contains(",similar_theme,0.6625,core_component+tfidf_cosine,0.3250,"));
    assert_eq!(on.lines().count(), off.lines().count() + 1);
}

#[test]
fn empty_dataset_gives_headers_only() {
    let data = Dataset::default();
    for file in CsvExporter.files() {
        let csv = render(&data, file, true);
        assert_eq!(csv.lines().count(), 1, "{file}");
    }
}

#[test]
fn unknown_file_is_an_error() {
    let data = Dataset::default();
    let mut out = Vec::new();
    let err = CsvExporter
        .write("../reviews.csv", &ExportContext::new(&data), &mut out)
        .unwrap_err();
    assert!(matches!(err, ExportError::UnknownFile { .. }), "{err}");
    assert!(!CsvExporter.description().contains('\n'));
}
