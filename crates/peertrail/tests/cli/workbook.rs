//! The tracker round trip through the workbook: export `peertrail.xlsx`,
//! edit its Recommendations sheet as a person would in a spreadsheet,
//! import it, export again and find the update in every format, the
//! workbook included; workbooks that cannot be a tracker are refused
//! whole, with nothing written.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{arg, outcome, peertrail, scratch};
use crate::tracker::{assert_the_update_shows_everywhere, corpus_copy, export_as, OTHER, REC};

const FORMATS: &str = "csv,json,dot,xlsx";

/// The Recommendations sheet of a workbook, row by row.
fn sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(fs::read(path).unwrap())).unwrap();
    let range = wb.worksheet_range("Recommendations").unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The cell of the row of `id` under `column`, and that row's 1-based
/// number as the spreadsheet shows it.
fn at(rows: &[Vec<Data>], id: &str, column: &str) -> (Data, usize) {
    let col = rows[0]
        .iter()
        .position(|h| *h == Data::String(column.to_string()))
        .unwrap_or_else(|| panic!("no column {column}"));
    let n = rows
        .iter()
        .position(|r| r[0] == Data::String(id.to_string()))
        .unwrap_or_else(|| panic!("no row {id}"));
    (rows[n][col].clone(), n + 1)
}

/// A typed edit of a cell: text, or a date as Excel stores a typed date.
enum Typed<'a> {
    Text(&'a str),
    Date(u16, u8, u8),
}

/// The workbook as a person saves it after editing: a sheet of their own
/// notes first, then the Recommendations sheet with `edits` (id, column,
/// value) made; every other cell kept with its type.
fn edit_workbook(from: &Path, to: &Path, edits: &[(&str, &str, Typed<'_>)]) {
    let rows = sheet(from);
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("My notes")
        .unwrap()
        .write_string(0, 0, "Chase the finance team in June")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Recommendations").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in (0u32..).zip(&rows) {
        for (c, value) in (0u16..).zip(row) {
            let edit = edits.iter().find(|(id, column, _)| {
                rows[0][usize::from(c)] == Data::String((*column).to_string())
                    && row[0] == Data::String((*id).to_string())
            });
            match (edit.map(|e| &e.2), value) {
                (Some(Typed::Text(t)), _) => ws.write_string(r, c, *t).map(|_| ()),
                (Some(Typed::Date(y, m, d)), _) => ws
                    .write_date_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
                (None, Data::String(s)) => ws.write_string(r, c, s).map(|_| ()),
                (None, Data::Float(f)) => ws.write_number(r, c, *f).map(|_| ()),
                (None, Data::Int(i)) => ws.write_number(r, c, *i as f64).map(|_| ()),
                (None, Data::DateTime(d)) => ws
                    .write_number_with_format(r, c, d.as_f64(), &date)
                    .map(|_| ()),
                (None, Data::Empty) => Ok(()),
                (None, other) => panic!("unexpected cell {other:?}"),
            }
            .unwrap();
        }
    }
    wb.save(to).unwrap();
}

fn import(file: &Path, corpus: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import-updates", arg(file), "--corpus", arg(corpus)];
    args.extend(more);
    outcome(&peertrail(&args))
}

#[test]
fn round_trip_through_the_workbook() {
    let dir = scratch("workbook-round-trip");
    let corpus = corpus_copy(&dir);
    let out = dir.join("out");
    let (code, _, err) = export_as(&corpus, &out, FORMATS);
    assert_eq!(code, 0, "{err}");
    let workbook = out.join("peertrail.xlsx");
    let rows = sheet(&workbook);
    assert_eq!(
        at(&rows, REC, "latest_status").0,
        Data::String("unknown".into())
    );
    assert_eq!(at(&rows, REC, "update_status").0, Data::Empty);
    let rec_row = at(&rows, REC, "id").1;
    let other_row = at(&rows, OTHER, "id").1;

    // A person edits two rows (one of them badly) and saves the workbook.
    let edited = dir.join("edited.xlsx");
    edit_workbook(
        &workbook,
        &edited,
        &[
            (REC, "update_status", Typed::Text("Complete")),
            (REC, "update_date", Typed::Date(2024, 5, 1)),
            (
                REC,
                "update_note",
                Typed::Text("Reported to Cabinet in May"),
            ),
            (REC, "update_who", Typed::Text("Policy Team")),
            (REC, "response", Typed::Text("Partly accepted")),
            (REC, "response_date", Typed::Text("11/12/2019")),
            (OTHER, "update_status", Typed::Text("nearly there")),
            (OTHER, "update_date", Typed::Date(2024, 5, 1)),
        ],
    );
    let decisions = corpus.join("peertrail-decisions.toml");
    let name = edited.display().to_string();

    // --strict takes nothing when a row is invalid.
    let (code, _, err) = import(&edited, &corpus, &["--strict"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--strict: nothing taken"), "{err}");
    assert!(!decisions.exists());

    // Without it the good row is taken, the bad one reported by sheet row.
    let (code, _, err) = import(&edited, &corpus, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "{name}: sheet Recommendations, row {rec_row}: took: status update {REC}: complete on 2024-05-01"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}: sheet Recommendations, row {rec_row}: took: response to {REC}: partly_accepted on 2019-12-11"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}: sheet Recommendations, row {other_row}: refused ({OTHER}): `nearly there` is not a status"
        )),
        "{err}"
    );
    let written = fs::read_to_string(&decisions).unwrap();
    assert!(
        written.contains("note = \"Reported to Cabinet in May\""),
        "{written}"
    );

    // Export again: the update shows in every format, the workbook too.
    let (code, _, err) = export_as(&corpus, &out, FORMATS);
    assert_eq!(code, 0, "{err}");
    assert_the_update_shows_everywhere(&out);
    let rows = sheet(&workbook);
    let text = |column| match at(&rows, REC, column).0 {
        Data::String(s) => s,
        Data::DateTime(d) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => panic!("{column}: {other:?}"),
    };
    assert_eq!(text("latest_status"), "complete");
    assert_eq!(text("status_date"), "2024-05-01");
    assert_eq!(text("update_status"), "complete");
    assert_eq!(text("update_date"), "2024-05-01");
    assert_eq!(text("update_who"), "Policy Team");
    assert_eq!(text("response"), "partly_accepted");
    assert_eq!(text("response_date"), "2019-12-11");

    // The re-exported workbook imported again changes nothing.
    let (code, _, err) = import(&workbook, &corpus, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 change(s) found, 0 row(s) refused"), "{err}");
    assert_eq!(fs::read_to_string(&decisions).unwrap(), written);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_is_not_a_tracker_workbook_is_refused_whole() {
    let dir = scratch("workbook-refused");
    let corpus = corpus_copy(&dir);
    let out = dir.join("out");
    let (code, _, err) = export_as(&corpus, &out, "xlsx");
    assert_eq!(code, 0, "{err}");
    let good = fs::read(out.join("peertrail.xlsx")).unwrap();
    let mut other = Workbook::new();
    other
        .add_worksheet()
        .set_name("Sheet1")
        .unwrap()
        .write_string(0, 0, "id")
        .unwrap();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "truncated.xlsx",
            good[..good.len() / 2].to_vec(),
            "not a readable Excel workbook (.xlsx)",
        ),
        (
            "corrupt.xlsx",
            b"PK\x03\x04 this is no archive".to_vec(),
            "not a readable Excel workbook (.xlsx)",
        ),
        (
            "text.xlsx",
            b"id,update_status\n".to_vec(),
            "not a readable Excel workbook (.xlsx)",
        ),
        (
            "other.xlsx",
            other.save_to_buffer().unwrap(),
            "no sheet named Recommendations (the workbook has Sheet1)",
        ),
        (
            "old.ods",
            good.clone(),
            "only Excel workbooks (.xlsx) and CSV files are read",
        ),
    ];
    for (file, bytes, message) in cases {
        let path = dir.join(file);
        fs::write(&path, bytes).unwrap();
        let (code, _, err) = import(&path, &corpus, &[]);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(
            err.contains(&format!("{}: {message}", path.display())),
            "{file}: {err}"
        );
        assert!(!corpus.join("peertrail-decisions.toml").exists(), "{file}");
    }
    let _ = fs::remove_dir_all(&dir);
}
