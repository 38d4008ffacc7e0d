//! The workbook read back with calamine: sheets, header rows, ids, statuses,
//! neutralised formulas; its drop-down and colours present; its bytes the
//! same every time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use peertrail_core::{ExportContext, Exporter};
use peertrail_export_xlsx::{XlsxExporter, FILE};

fn workbook() -> Vec<u8> {
    let data = common::dataset();
    let ctx = ExportContext::new(&data);
    let mut out = Vec::new();
    XlsxExporter.write(FILE, &ctx, &mut out).unwrap();
    out
}

fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Bool(b) => format!("{b}"),
        Data::DateTime(d) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => format!("{other:?}"),
    }
}

/// Every sheet as tab-separated rows.
fn read_back(bytes: &[u8]) -> String {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(cell).collect();
            out.push_str(&cells.join("\t").replace('\n', "⏎").replace('\r', "␍"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_workbook_reads_back() {
    let bytes = workbook();
    let text = read_back(&bytes);
    insta::assert_snapshot!("workbook", text);
    assert!(text
        .contains("== Recommendations\nid\tcouncil\treview\tnumber\ttitle\ttext\tlatest_status"));
    assert!(text.contains(
        "\tpage\tupdate_status\tupdate_date\tupdate_note\tupdate_who\tresponse\tresponse_date\tresponse_note\n"
    ));
    // The tracker's dates are date cells, as Excel makes of a typed date.
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range("Recommendations").unwrap();
    let dates: Vec<String> = range
        .rows()
        .skip(1)
        .flat_map(|row| [&row[12], &row[16]])
        .filter(|d| matches!(d, Data::DateTime(_)))
        .map(cell)
        .collect();
    assert_eq!(dates, ["2021-04-20", "2020-02-14"]);
    for sheet in ["Progress", "Actions", "Links", "Reviews", "People"] {
        assert!(text.contains(&format!("== {sheet}\n")), "{sheet}");
    }
    assert_eq!(bytes, workbook(), "not deterministic");
}

#[test]
fn the_recommendations_sheet_is_a_table_with_a_drop_down_and_colours() {
    let mut zip = zip::ZipArchive::new(Cursor::new(workbook())).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(sheet.contains("<dataValidation type=\"list\""), "drop-down");
    assert!(
        sheet.contains("complete,significant_progress,in_progress"),
        "status list"
    );
    assert!(
        sheet.contains("promptTitle=\"Status\" prompt=\"A new status, with its date in update_date\" sqref=\"L2:L5\""),
        "the status drop-down is on update_status"
    );
    assert!(
        sheet.contains("promptTitle=\"Response\" prompt=\"The council's response, with its date in response_date\" sqref=\"P2:P5\""),
        "the response drop-down is on response"
    );
    assert!(
        sheet.contains("accepted,partly_accepted,not_accepted,noted"),
        "response list"
    );
    assert_eq!(
        sheet.matches("<cfRule type=\"beginsWith\"").count(),
        7,
        "status colours"
    );
    assert!(sheet.contains("<tableParts count=\"1\">"), "an Excel table");
    assert!(sheet.contains("<hyperlink "), "links to the report pages");
    let mut table = String::new();
    zip.by_name("xl/tables/table1.xml")
        .unwrap()
        .read_to_string(&mut table)
        .unwrap();
    assert!(table.contains("<autoFilter"), "filter buttons");
}

#[test]
fn formula_text_is_neutralised() {
    let text = read_back(&workbook());
    for line in text.lines().filter(|l| !l.starts_with("== ")) {
        for c in line.split('\t') {
            assert!(!c.starts_with(['=', '+', '-', '@']), "{c:?}");
        }
    }
    assert_eq!(peertrail_export_xlsx::neutralise("=1+1"), "'=1+1");
}
