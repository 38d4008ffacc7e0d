//! The xlsx exporter: one tracker workbook, `peertrail.xlsx`.
//!
//! Sheets: Recommendations (an Excel table with a frozen header, filter
//! buttons and status colours, one row per recommendation with a link to
//! its page of the HTML report, then the tracker columns of
//! `recommendations.csv`, under the same names, with drop-downs of the
//! statuses and responses: `peertrail import-updates` reads them back from
//! the workbook as it does from the CSV), Progress
//! (every status report), Actions, Links, Reviews and People. The first
//! column of every sheet is the id, which stays the same across runs. Text
//! cells a spreadsheet would evaluate are neutralised as in the CSV export;
//! the workbook's dates are fixed, so the same data set gives the same
//! bytes. Columns are documented in `docs/formats.md`.
//!
//! The workbook is written by the small OOXML writer in `ooxml`, not a
//! general spreadsheet library: each sheet's XML goes straight from the
//! rows into its deflate stream (no cell is kept), the six sheets are
//! written at the same time on rayon's pool, and the parts go into a zip
//! of our own. At 10,000 generated reports this took the export of the
//! workbook from 0.77 s to about 0.15 s.

#![warn(missing_docs)]

mod ooxml;

use std::collections::BTreeMap;
use std::io::Write;

use peertrail_core::{
    spreadsheet_would_evaluate, DueStatus, ExportContext, ExportError, Exporter, LinkKind,
    Precision, ResponseKind, Status, TRACKER_COLUMNS,
};
use rayon::prelude::*;

use ooxml::{BeginsWith, DropDown, Error, Package, SheetPart, SheetSpec, SheetWriter};

const NAME: &str = "xlsx";

/// The workbook's file name.
pub const FILE: &str = "peertrail.xlsx";

/// Excel opens at most 65,530 links per sheet; rows past this many get the
/// page's path as text.
const MAX_LINKS: usize = 65_000;

/// Excel's longest cell text.
const MAX_CELL: usize = 32_767;

/// Status colours of the Recommendations sheet (fill, as RGB).
const STATUS_COLOURS: [(Status, u32); 7] = [
    (Status::Complete, 0xC6EFCE),
    (Status::SignificantProgress, 0xD9EAD3),
    (Status::InProgress, 0xFFF2CC),
    (Status::Begun, 0xFCE5CD),
    (Status::NotStarted, 0xFFC7CE),
    (Status::Superseded, 0xE0E0E0),
    (Status::Unknown, 0xFFFFFF),
];

/// The xlsx exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct XlsxExporter;

impl Exporter for XlsxExporter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "a tracker workbook (peertrail.xlsx): recommendations with status drop-downs and colours, progress, actions, links, reviews, people"
    }

    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn cost_hint(&self) -> u32 {
        // Measured at 10,000 generated documents: 0.24 s CPU (its six
        // sheets on the pool at once), against ~0.02 s for one CSV table.
        3
    }

    fn write(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        if file != FILE {
            return Err(ExportError::unknown_file(NAME, file));
        }
        // Buffered: the zip is written in many small pieces.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        workbook(ctx, &mut out).map_err(|e| match e {
            Error::Io(e) => ExportError::Io(e),
            e => ExportError::encode(NAME, e),
        })?;
        out.flush()?;
        Ok(())
    }
}

/// `value` as a text cell: neutralised like the CSV export (a leading `=`,
/// `+`, `-`, `@`, tab or carriage return gets a `'`), and cut to Excel's
/// longest cell.
pub fn neutralise(value: &str) -> String {
    let mut s = if spreadsheet_would_evaluate(value) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if s.len() > MAX_CELL {
        let mut cut = MAX_CELL - 1;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// The relative path of a recommendation's page in the HTML report, as
/// the html exporter names it (`report/recommendations/<name>.html`).
pub fn page_path(rec: &str) -> String {
    format!(
        "report/recommendations/{}.html",
        peertrail_core::page_name(rec)
    )
}

/// The most data rows a worksheet takes: Excel's 1,048,576 rows, less the
/// header.
const MAX_ROWS: u32 = 1_048_575;

/// The deflate level. At 10,000 generated reports (inline strings, the
/// exporter's CPU): level 1 gives 12.0 MB in 0.21 s, level 2 8.95 MB in
/// 0.24 s, level 3 8.49 MB in 0.35 s, level 4 7.54 MB in 0.42 s, level 6
/// 6.98 MB in 0.71 s. Level 2 is the knee: a tracker is rewritten on
/// every export.
const LEVEL: u32 = 2;

/// A sheet filled row by row, its text neutralised. A sheet with more rows
/// than a part takes goes on in "Name (2)", "Name (3)", … each with the
/// header again.
struct Sheet<'a> {
    w: SheetWriter<'a>,
}

impl<'a> Sheet<'a> {
    fn new(spec: SheetSpec<'a>) -> Result<Self, Error> {
        Ok(Sheet {
            w: SheetWriter::new(spec, LEVEL)?,
        })
    }

    /// A plain sheet: a bold frozen header, filter buttons.
    fn plain(name: &'a str, header: &'a [&'a str], max_rows: u32) -> Result<Self, Error> {
        Sheet::new(SheetSpec {
            name,
            header,
            widths: &[],
            table: false,
            drop_downs: &[],
            begins_with: &[],
            max_rows,
        })
    }

    /// Moves to the next row.
    fn next(&mut self) -> Result<(), Error> {
        self.w.next()
    }

    fn text(&mut self, col: u16, value: &str) {
        if value.is_empty() {
            return;
        }
        if value.len() <= MAX_CELL && !spreadsheet_would_evaluate(value) {
            self.w.text(col, value);
        } else {
            self.w.text(col, &neutralise(value));
        }
    }

    fn opt(&mut self, col: u16, value: Option<&str>) {
        self.text(col, value.unwrap_or_default());
    }

    fn num(&mut self, col: u16, value: f64) {
        self.w.number(col, value);
    }

    fn boolean(&mut self, col: u16, value: bool) {
        self.w.boolean(col, value);
    }

    /// A day as a date cell (`yyyy-mm-dd`), the kind Excel makes of a
    /// date a person types, so the column sorts and filters as dates; a
    /// day Excel cannot hold (before 1900, after 9999) as text.
    fn day(&mut self, col: u16, value: Option<chrono::NaiveDate>) {
        let Some(d) = value else { return };
        match excel_serial(d) {
            Some(serial) => self.w.date(col, serial),
            None => self.text(col, &d.to_string()),
        }
    }

    fn finish(self) -> Result<Vec<SheetPart>, Error> {
        self.w.finish()
    }
}

/// `d` as Excel's serial day number (1900-01-01 is 1; Excel counts a
/// 29 February 1900 that never was, so days from March 1900 are one more),
/// if Excel can show it.
fn excel_serial(d: chrono::NaiveDate) -> Option<u32> {
    let first = chrono::NaiveDate::from_ymd_opt(1900, 1, 1)?;
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31)?;
    let march = chrono::NaiveDate::from_ymd_opt(1900, 3, 1)?;
    if d < first || d > last {
        return None;
    }
    let days = u32::try_from((d - first).num_days()).ok()? + 1;
    Some(if d >= march { days + 1 } else { days })
}

fn iso(d: Option<peertrail_core::DateSpan>) -> Option<String> {
    d.map(|h| match h.precision {
        Precision::Month => h.start.format("%Y-%m").to_string(),
        Precision::Year => h.start.format("%Y").to_string(),
        _ => h.start.format("%Y-%m-%d").to_string(),
    })
}

/// Writes the workbook to `out`.
fn workbook<W: Write>(ctx: &ExportContext<'_>, out: W) -> Result<W, Error> {
    workbook_with(ctx, MAX_ROWS, out)
}

/// One sheet's parts, made on whichever thread is free.
type SheetJob<'a> = Box<dyn FnOnce() -> Result<Vec<SheetPart>, Error> + Send + 'a>;

/// The workbook, each sheet split into parts of at most `max_rows` rows.
/// The sheets are written at the same time, each on its own (rayon's pool
/// is shared with the other exporters), the largest first.
fn workbook_with<W: Write>(ctx: &ExportContext<'_>, max_rows: u32, out: W) -> Result<W, Error> {
    let max_rows = max_rows.clamp(1, MAX_ROWS);
    let jobs: Vec<SheetJob<'_>> = vec![
        Box::new(|| recommendations(ctx, max_rows)),
        Box::new(|| progress(ctx, max_rows)),
        Box::new(|| actions(ctx, max_rows)),
        Box::new(|| links(ctx, max_rows)),
        Box::new(|| reviews(ctx, max_rows)),
        Box::new(|| people(ctx, max_rows)),
    ];
    let done: Vec<Result<Vec<SheetPart>, Error>> = jobs.into_par_iter().map(|job| job()).collect();
    let mut sheets = Vec::new();
    for parts in done {
        sheets.extend(parts?);
    }
    let fills = STATUS_COLOURS.map(|(_, rgb)| rgb);
    let package = Package {
        title: "peertrail recommendations tracker",
        // A fixed creation date: the same data gives the same bytes.
        created: "2000-01-01T00:00:00Z",
        dxf_fills: &fills,
        level: LEVEL,
    };
    ooxml::write_package(&package, sheets, out)
}

/// Recommendations: an Excel table.
fn recommendations(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let data = ctx.data;
    let reviews: BTreeMap<&str, &peertrail_core::Review> =
        data.reviews.iter().map(|r| (r.id.as_str(), r)).collect();
    let councils: BTreeMap<&str, &str> = data
        .councils
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let mut owners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in &data.actions {
        if let (Some(rec), Some(owner)) = (&a.recommendation, &a.owner) {
            let list = owners.entry(rec.as_str()).or_default();
            if !list.contains(&owner.as_str()) {
                list.push(owner);
            }
        }
    }
    let latest_updates = data.latest_updates();
    let mut due: BTreeMap<&str, &peertrail_core::DueItem> = BTreeMap::new();
    for d in ctx.due {
        if d.status == DueStatus::Satisfied {
            continue;
        }
        let slot = due.entry(d.review.as_str()).or_insert(d);
        if d.due_by < slot.due_by {
            *slot = d;
        }
    }

    let header = [
        "id",
        "council",
        "review",
        "number",
        "title",
        "text",
        "latest_status",
        "status_date",
        "due_by",
        "action_owner",
        "page",
    ]
    .into_iter()
    .chain(TRACKER_COLUMNS)
    .collect::<Vec<_>>();
    let widths = [
        (0u16, 30.0),
        (1, 24.0),
        (2, 28.0),
        (4, 30.0),
        (5, 70.0),
        (6, 20.0),
        (9, 24.0),
        (11, 20.0),
        (12, 12.0),
        (13, 40.0),
        (14, 18.0),
        (15, 16.0),
        (16, 12.0),
        (17, 40.0),
    ];
    // Drop-downs where a person records something: the tracker's status
    // and response (latest_status is what the reports and updates say, and
    // editing it records nothing).
    let statuses = Status::ALL.map(Status::as_str);
    let responses = ResponseKind::ALL.map(ResponseKind::as_str);
    let drop_downs = [
        DropDown {
            col: 11,
            values: &statuses,
            title: "Status",
            prompt: "A new status, with its date in update_date",
        },
        DropDown {
            col: 15,
            values: &responses,
            title: "Response",
            prompt: "The council's response, with its date in response_date",
        },
    ];
    let colours: Vec<BeginsWith<'_>> = STATUS_COLOURS
        .iter()
        .enumerate()
        .map(|(dxf, (status, _))| BeginsWith {
            col: 6,
            text: status.as_str(),
            dxf,
        })
        .collect();
    let mut s = Sheet::new(SheetSpec {
        name: "Recommendations",
        header: &header,
        widths: &widths,
        table: true,
        drop_downs: &drop_downs,
        begins_with: &colours,
        max_rows,
    })?;
    for (i, r) in data.recommendations.iter().enumerate() {
        s.next()?;
        let council = reviews
            .get(r.review.as_str())
            .map(|v| v.council.as_str())
            .unwrap_or_default();
        s.text(0, r.id.as_str());
        s.text(1, councils.get(council).copied().unwrap_or(council));
        s.text(2, r.review.as_str());
        s.num(3, f64::from(r.number));
        s.opt(4, r.title.as_deref());
        s.text(5, &r.text);
        s.text(6, r.latest.as_deref().map_or("", |l| l.status.as_str()));
        s.text(
            7,
            &r.latest
                .as_ref()
                .and_then(|l| l.reported)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        s.text(
            8,
            &due.get(r.review.as_str())
                .map(|d| d.due_by.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        s.text(
            9,
            &owners
                .get(r.id.as_str())
                .map(|o| o.join("; "))
                .unwrap_or_default(),
        );
        let page = page_path(r.id.as_str());
        if i < MAX_LINKS {
            // Relative to the workbook, as the HTML report sits beside it.
            s.w.link(10, &page, "open")?;
        } else {
            s.text(10, &page);
        }
        let update = latest_updates.get(&r.id).copied();
        s.text(11, update.map_or("", |u| u.status.as_str()));
        s.day(12, update.map(|u| u.date));
        s.opt(13, update.and_then(|u| u.note.as_deref()));
        s.opt(14, update.and_then(|u| u.who.as_deref()));
        let response = r.response.as_deref();
        s.text(15, response.map_or("", |r| r.response.as_str()));
        s.day(16, response.map(|r| r.date));
        s.opt(17, response.and_then(|r| r.note.as_deref()));
    }
    s.finish()
}

fn progress(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let data = ctx.data;
    let reviews: BTreeMap<&str, &peertrail_core::Review> =
        data.reviews.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut s = Sheet::plain(
        "Progress",
        &[
            "recommendation",
            "review",
            "status",
            "wording",
            "commentary",
            "source",
            "line",
        ],
        max_rows,
    )?;
    for p in &data.progress {
        s.next()?;
        s.text(0, p.recommendation.as_str());
        s.text(1, p.review.as_str());
        s.text(2, p.status.as_str());
        s.text(3, &p.wording);
        s.opt(4, p.commentary.as_deref());
        s.opt(
            5,
            reviews
                .get(p.review.as_str())
                .and_then(|r| r.source.as_deref()),
        );
        s.num(6, f64::from(p.span.line));
    }
    s.finish()
}

fn actions(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let mut s = Sheet::plain(
        "Actions",
        &[
            "id",
            "review",
            "number",
            "recommendation",
            "text",
            "owner",
            "covered_by",
            "line",
        ],
        max_rows,
    )?;
    for a in &ctx.data.actions {
        s.next()?;
        s.text(0, a.id.as_str());
        s.text(1, a.review.as_str());
        s.num(2, f64::from(a.number));
        s.opt(3, a.recommendation.as_ref().map(|r| r.as_str()));
        s.text(4, &a.text);
        s.opt(5, a.owner.as_deref());
        s.opt(6, a.covered_by.as_ref().map(|r| r.as_str()));
        s.num(7, f64::from(a.span.line));
    }
    s.finish()
}

fn links(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let mut s = Sheet::plain(
        "Links",
        &[
            "from",
            "to",
            "kind",
            "confidence",
            "rule",
            "score",
            "detail",
            "suggested",
        ],
        max_rows,
    )?;
    for l in &ctx.data.links {
        if l.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
            continue;
        }
        s.next()?;
        s.text(0, l.from.as_str());
        s.text(1, l.to.as_str());
        s.text(2, l.kind.as_str());
        s.num(3, l.confidence);
        s.text(4, &l.evidence.rule.name());
        if let Some(score) = l.evidence.score {
            s.num(5, score);
        }
        s.text(6, &l.evidence.detail.text());
        s.boolean(7, l.suggested);
    }
    s.finish()
}

fn reviews(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let mut s = Sheet::plain(
        "Reviews",
        &[
            "id",
            "council",
            "kind",
            "held",
            "title",
            "in_corpus",
            "follows",
            "source",
        ],
        max_rows,
    )?;
    for r in &ctx.data.reviews {
        s.next()?;
        s.text(0, r.id.as_str());
        s.text(1, r.council.as_str());
        s.text(2, r.kind.as_str());
        s.opt(3, iso(r.held).as_deref());
        s.opt(4, r.title.as_deref());
        s.boolean(5, r.in_corpus);
        s.opt(6, r.follows.as_ref().map(|f| f.as_str()));
        s.opt(7, r.source.as_deref());
    }
    s.finish()
}

fn people(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<SheetPart>, Error> {
    let data = ctx.data;
    let mut s = Sheet::plain(
        "People",
        &[
            "id",
            "name",
            "aliases",
            "review",
            "position",
            "role",
            "organisation",
        ],
        max_rows,
    )?;
    let names: BTreeMap<&str, &peertrail_core::Person> =
        data.people.iter().map(|p| (p.id.as_str(), p)).collect();
    // One row per person per review served on; people on no team once.
    let mut served: BTreeMap<&str, Vec<(&peertrail_core::Review, &peertrail_core::Membership)>> =
        BTreeMap::new();
    for r in &data.reviews {
        for m in &r.peers {
            served.entry(m.person.as_str()).or_default().push((r, m));
        }
    }
    for (id, p) in &names {
        let rows = served.get(id).map(Vec::as_slice).unwrap_or_default();
        let aliases = p.aliases.join("; ");
        if rows.is_empty() {
            s.next()?;
            s.text(0, id);
            s.text(1, &p.name);
            s.text(2, &aliases);
        }
        for (r, m) in rows {
            s.next()?;
            s.text(0, id);
            s.text(1, &p.name);
            s.text(2, &aliases);
            s.text(3, r.id.as_str());
            s.text(4, m.position.as_str());
            s.opt(5, m.role.as_deref());
            s.opt(6, m.organisation.as_deref());
        }
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::io::Cursor;

    use calamine::{Reader, Xlsx};
    use peertrail_testkit::fixture;

    use super::*;

    /// Sheet name → its rows, header included.
    fn sheets(bytes: Vec<u8>) -> Vec<(String, usize, String)> {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        wb.sheet_names()
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).unwrap();
                let first = range
                    .rows()
                    .next()
                    .and_then(|r| r.first())
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                (name, range.height(), first)
            })
            .collect()
    }

    #[test]
    fn a_sheet_past_excels_row_limit_goes_on_in_numbered_parts() {
        let data = fixture::dataset();
        let ctx = ExportContext::new(&data);
        let whole = sheets(workbook_with(&ctx, MAX_ROWS, Vec::new()).unwrap());
        let split = sheets(workbook_with(&ctx, 2, Vec::new()).unwrap());
        for (name, height, _) in &whole {
            let rows = height - 1;
            let parts: Vec<&(String, usize, String)> = split
                .iter()
                .filter(|(n, _, _)| n == name || n.starts_with(&format!("{name} (")))
                .collect();
            // Every part starts with the header and holds at most two rows;
            // together they hold every row of the whole sheet.
            assert_eq!(parts.len(), rows.div_ceil(2).max(1), "{name}: {split:?}");
            let header = &whole.iter().find(|(n, _, _)| n == name).unwrap().2;
            assert!(
                parts.iter().all(|(_, h, first)| *h <= 3 && first == header),
                "{parts:?}"
            );
            let together: usize = parts.iter().map(|(_, h, _)| h - 1).sum();
            assert_eq!(together, rows, "{name}");
        }
        assert!(split.iter().any(|(n, _, _)| n == "Links (2)"), "{split:?}");
    }
}
