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

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::io::Write;

use peertrail_core::{
    DueStatus, ExportContext, ExportError, Exporter, LinkKind, Precision, ResponseKind, Status,
    TRACKER_COLUMNS,
};
use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatBorder, Table, TableColumn, Url, Workbook, Worksheet, XlsxError,
};

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
        // Measured at 10,000 generated documents: 0.8 s CPU, against ~0.02 s
        // for one CSV table.
        8
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
        let bytes = workbook(ctx).map_err(encode)?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

fn encode(e: XlsxError) -> ExportError {
    ExportError::encode(NAME, e)
}

/// `value` as a text cell: neutralised like the CSV export (a leading `=`,
/// `+`, `-`, `@`, tab or carriage return gets a `'`), and cut to Excel's
/// longest cell.
pub fn neutralise(value: &str) -> String {
    let mut s = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
    let mut name = String::new();
    for b in rec.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
            name.push(char::from(b));
        } else {
            name.push_str(&format!("_{b:02x}"));
        }
    }
    if name.is_empty() {
        name.push('_');
    }
    if name.len() > 150 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in rec.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        name.truncate(100);
        name.push_str(&format!("_h{h:016x}"));
    }
    format!("report/recommendations/{name}.html")
}

/// Every sheet's header row: bold, a line beneath.
fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
}

/// The most data rows a worksheet takes: Excel's 1,048,576 rows, less the
/// header.
const MAX_ROWS: u32 = 1_048_575;

/// A sheet filled row by row. A sheet with more rows than Excel allows
/// goes on in "Name (2)", "Name (3)", … each with the header again.
struct Sheet<'w> {
    wb: &'w mut Workbook,
    /// The worksheet being written, by its index in the workbook.
    index: usize,
    name: String,
    header: Vec<String>,
    widths: Vec<(u16, f64)>,
    /// How many parts the sheet has so far.
    part: u32,
    /// The most data rows one part takes ([`MAX_ROWS`]; less in tests).
    max_rows: u32,
    /// Whether the current part is an Excel table (which has its own
    /// filter buttons).
    is_table: bool,
    row: u32,
    width: u16,
}

impl<'w> Sheet<'w> {
    fn new(wb: &'w mut Workbook, name: &str, header: &[&str]) -> Result<Self, XlsxError> {
        let mut sheet = Sheet::open(wb, name, header, &[])?;
        sheet.write_header()?;
        Ok(sheet)
    }

    /// A sheet whose first part is one Excel table of `rows` data rows
    /// under `header` (the table writes the header row), columns `widths`
    /// wide.
    fn table(
        wb: &'w mut Workbook,
        name: &str,
        header: &[&str],
        rows: usize,
        widths: &[(u16, f64)],
    ) -> Result<Self, XlsxError> {
        let mut sheet = Sheet::open(wb, name, header, widths)?;
        let columns: Vec<TableColumn> = header
            .iter()
            .map(|h| {
                TableColumn::new()
                    .set_header(*h)
                    .set_header_format(header_format())
            })
            .collect();
        let last_row = u32::try_from(rows)
            .unwrap_or(u32::MAX)
            .clamp(1, sheet.max_rows);
        let last_col = sheet.width.saturating_sub(1);
        // Added before any row: a sheet streamed row by row cannot go back
        // to row 0 for the table's header.
        sheet.ws()?.add_table(
            0,
            0,
            last_row,
            last_col,
            &Table::new().set_name(name).set_columns(&columns),
        )?;
        sheet.is_table = true;
        Ok(sheet)
    }

    fn open(
        wb: &'w mut Workbook,
        name: &str,
        header: &[&str],
        widths: &[(u16, f64)],
    ) -> Result<Self, XlsxError> {
        let mut sheet = Sheet {
            wb,
            index: 0,
            name: name.to_string(),
            header: header.iter().map(|h| (*h).to_string()).collect(),
            widths: widths.to_vec(),
            part: 0,
            max_rows: MAX_ROWS,
            is_table: false,
            row: 0,
            width: u16::try_from(header.len()).unwrap_or(u16::MAX),
        };
        sheet.add_part()?;
        Ok(sheet)
    }

    /// A new worksheet for the next part of the sheet.
    fn add_part(&mut self) -> Result<(), XlsxError> {
        self.part += 1;
        let name = if self.part == 1 {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.part)
        };
        // Rows go to a temporary file as they are written, strings to the
        // workbook's shared table: a large corpus's sheets are never all
        // held in memory at once. Column widths come before the first row.
        let ws = self.wb.add_worksheet_with_low_memory()?;
        ws.set_name(&name)?;
        for &(c, w) in &self.widths {
            ws.set_column_width(c, w)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.index = self.wb.worksheets().len().saturating_sub(1);
        self.row = 0;
        self.is_table = false;
        Ok(())
    }

    fn write_header(&mut self) -> Result<(), XlsxError> {
        let header = std::mem::take(&mut self.header);
        let ws = self.ws()?;
        for (c, h) in (0u16..).zip(&header) {
            ws.write_string_with_format(0, c, h, &header_format())?;
        }
        self.header = header;
        Ok(())
    }

    /// The worksheet being written.
    fn ws(&mut self) -> Result<&mut Worksheet, XlsxError> {
        self.wb.worksheet_from_index(self.index)
    }

    /// At most `max_rows` data rows a part (tests use a small number).
    fn limit(mut self, max_rows: u32) -> Self {
        self.max_rows = max_rows.clamp(1, MAX_ROWS);
        self
    }

    /// Moves to the next row, going on in a new part when this one is full.
    fn next(&mut self) -> Result<(), XlsxError> {
        if self.row >= self.max_rows {
            if !self.is_table {
                self.autofilter()?;
            }
            self.add_part()?;
            self.write_header()?;
        }
        self.row += 1;
        Ok(())
    }

    fn text(&mut self, col: u16, value: &str) -> Result<(), XlsxError> {
        if !value.is_empty() {
            let row = self.row;
            self.ws()?.write_string(row, col, neutralise(value))?;
        }
        Ok(())
    }

    fn opt(&mut self, col: u16, value: Option<&str>) -> Result<(), XlsxError> {
        self.text(col, value.unwrap_or_default())
    }

    fn num(&mut self, col: u16, value: f64) -> Result<(), XlsxError> {
        let row = self.row;
        self.ws()?.write_number(row, col, value)?;
        Ok(())
    }

    fn boolean(&mut self, col: u16, value: bool) -> Result<(), XlsxError> {
        let row = self.row;
        self.ws()?.write_boolean(row, col, value)?;
        Ok(())
    }

    /// A day as a date cell (`yyyy-mm-dd`), the kind Excel makes of a
    /// date a person types, so the column sorts and filters as dates.
    fn day(&mut self, col: u16, value: Option<chrono::NaiveDate>) -> Result<(), XlsxError> {
        use chrono::Datelike;
        let Some(d) = value else { return Ok(()) };
        let (Ok(y), Ok(m), Ok(dd)) = (
            u16::try_from(d.year()),
            u8::try_from(d.month()),
            u8::try_from(d.day()),
        ) else {
            return self.text(col, &d.to_string());
        };
        let format = Format::new().set_num_format("yyyy-mm-dd");
        let row = self.row;
        self.ws()?.write_date_with_format(
            row,
            col,
            &ExcelDateTime::from_ymd(y, m, dd)?,
            &format,
        )?;
        Ok(())
    }

    /// Filter buttons over the header and every row of the current part.
    fn autofilter(&mut self) -> Result<(), XlsxError> {
        let (last_row, last_col) = (self.row.max(1), self.width.saturating_sub(1));
        self.ws()?.autofilter(0, 0, last_row, last_col)?;
        Ok(())
    }
}

fn iso(d: Option<peertrail_core::DateSpan>) -> Option<String> {
    d.map(|h| match h.precision {
        Precision::Month => h.start.format("%Y-%m").to_string(),
        Precision::Year => h.start.format("%Y").to_string(),
        _ => h.start.format("%Y-%m-%d").to_string(),
    })
}

fn workbook(ctx: &ExportContext<'_>) -> Result<Vec<u8>, XlsxError> {
    workbook_with(ctx, MAX_ROWS)
}

/// The workbook, each sheet split into parts of at most `max_rows` rows.
fn workbook_with(ctx: &ExportContext<'_>, max_rows: u32) -> Result<Vec<u8>, XlsxError> {
    let data = ctx.data;
    let mut wb = Workbook::new();
    // A fixed creation date: the same data gives the same bytes.
    wb.set_properties(
        &DocProperties::new()
            .set_title("peertrail recommendations tracker")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );

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

    // Recommendations: an Excel table.
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
    {
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
        let mut s = Sheet::table(
            &mut wb,
            "Recommendations",
            &header,
            data.recommendations.len(),
            &widths,
        )?
        .limit(max_rows);
        for (i, r) in data.recommendations.iter().enumerate() {
            s.next()?;
            let council = reviews
                .get(r.review.as_str())
                .map(|v| v.council.as_str())
                .unwrap_or_default();
            s.text(0, r.id.as_str())?;
            s.text(1, councils.get(council).copied().unwrap_or(council))?;
            s.text(2, r.review.as_str())?;
            s.num(3, f64::from(r.number))?;
            s.opt(4, r.title.as_deref())?;
            s.text(5, &r.text)?;
            s.text(6, r.latest.as_ref().map_or("", |l| l.status.as_str()))?;
            s.text(
                7,
                &r.latest
                    .as_ref()
                    .and_then(|l| l.reported)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            )?;
            s.text(
                8,
                &due.get(r.review.as_str())
                    .map(|d| d.due_by.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            )?;
            s.text(
                9,
                &owners
                    .get(r.id.as_str())
                    .map(|o| o.join("; "))
                    .unwrap_or_default(),
            )?;
            let page = page_path(r.id.as_str());
            if i < MAX_LINKS {
                let row = s.row;
                s.ws()?.write_url_with_text(
                    row,
                    10,
                    Url::new(format!("file:///{page}")),
                    "open",
                )?;
            } else {
                s.text(10, &page)?;
            }
            let update = latest_updates.get(&r.id).copied();
            s.text(11, update.map_or("", |u| u.status.as_str()))?;
            s.day(12, update.map(|u| u.date))?;
            s.opt(13, update.and_then(|u| u.note.as_deref()))?;
            s.opt(14, update.and_then(|u| u.who.as_deref()))?;
            let response = r.response.as_ref();
            s.text(15, response.map_or("", |r| r.response.as_str()))?;
            s.day(16, response.map(|r| r.date))?;
            s.opt(17, response.and_then(|r| r.note.as_deref()))?;
        }
        let last = s.row.max(1);
        // Drop-downs where a person records something: the tracker's
        // status and response (latest_status is what the reports and
        // updates say, and editing it records nothing).
        let drop_down = |ws: &mut Worksheet, col, names: &[&str], title, message| {
            let validation = DataValidation::new()
                .allow_list_strings(names)?
                .set_input_title(title)?
                .set_input_message(message)?;
            ws.add_data_validation(1, col, last, col, &validation)
                .map(|_| ())
        };
        drop_down(
            s.ws()?,
            11,
            &Status::ALL.map(Status::as_str),
            "Status",
            "A new status, with its date in update_date",
        )?;
        drop_down(
            s.ws()?,
            15,
            &ResponseKind::ALL.map(ResponseKind::as_str),
            "Response",
            "The council's response, with its date in response_date",
        )?;
        for (status, rgb) in STATUS_COLOURS {
            let rule = ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::BeginsWith(
                    status.as_str().to_string(),
                ))
                .set_format(Format::new().set_background_color(Color::RGB(rgb)));
            s.ws()?.add_conditional_format(1, 6, last, 6, &rule)?;
        }
    }

    {
        let mut s = Sheet::new(
            &mut wb,
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
        )?
        .limit(max_rows);
        for p in &data.progress {
            s.next()?;
            s.text(0, p.recommendation.as_str())?;
            s.text(1, p.review.as_str())?;
            s.text(2, p.status.as_str())?;
            s.text(3, &p.wording)?;
            s.opt(4, p.commentary.as_deref())?;
            s.opt(
                5,
                reviews
                    .get(p.review.as_str())
                    .and_then(|r| r.source.as_deref()),
            )?;
            s.num(6, f64::from(p.span.line))?;
        }
        s.autofilter()?;
    }

    {
        let mut s = Sheet::new(
            &mut wb,
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
        )?
        .limit(max_rows);
        for a in &data.actions {
            s.next()?;
            s.text(0, a.id.as_str())?;
            s.text(1, a.review.as_str())?;
            s.num(2, f64::from(a.number))?;
            s.opt(3, a.recommendation.as_ref().map(|r| r.as_str()))?;
            s.text(4, &a.text)?;
            s.opt(5, a.owner.as_deref())?;
            s.opt(6, a.covered_by.as_ref().map(|r| r.as_str()))?;
            s.num(7, f64::from(a.span.line))?;
        }
        s.autofilter()?;
    }

    {
        let mut s = Sheet::new(
            &mut wb,
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
        )?
        .limit(max_rows);
        for l in &data.links {
            if l.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
                continue;
            }
            s.next()?;
            s.text(0, l.from.as_str())?;
            s.text(1, l.to.as_str())?;
            s.text(2, l.kind.as_str())?;
            s.num(3, l.confidence)?;
            s.text(4, &l.evidence.rule.name())?;
            if let Some(score) = l.evidence.score {
                s.num(5, score)?;
            }
            s.text(6, &l.evidence.detail)?;
            s.boolean(7, l.suggested)?;
        }
        s.autofilter()?;
    }

    {
        let mut s = Sheet::new(
            &mut wb,
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
        )?
        .limit(max_rows);
        for r in &data.reviews {
            s.next()?;
            s.text(0, r.id.as_str())?;
            s.text(1, r.council.as_str())?;
            s.text(2, r.kind.as_str())?;
            s.opt(3, iso(r.held).as_deref())?;
            s.opt(4, r.title.as_deref())?;
            s.boolean(5, r.in_corpus)?;
            s.opt(6, r.follows.as_ref().map(|f| f.as_str()))?;
            s.opt(7, r.source.as_deref())?;
        }
        s.autofilter()?;
    }

    {
        let mut s = Sheet::new(
            &mut wb,
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
        )?
        .limit(max_rows);
        let names: BTreeMap<&str, &peertrail_core::Person> =
            data.people.iter().map(|p| (p.id.as_str(), p)).collect();
        // One row per person per review served on; people on no team once.
        let mut served: BTreeMap<
            &str,
            Vec<(&peertrail_core::Review, &peertrail_core::Membership)>,
        > = BTreeMap::new();
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
                s.text(0, id)?;
                s.text(1, &p.name)?;
                s.text(2, &aliases)?;
            }
            for (r, m) in rows {
                s.next()?;
                s.text(0, id)?;
                s.text(1, &p.name)?;
                s.text(2, &aliases)?;
                s.text(3, r.id.as_str())?;
                s.text(4, m.position.as_str())?;
                s.opt(5, m.role.as_deref())?;
                s.opt(6, m.organisation.as_deref())?;
            }
        }
        s.autofilter()?;
    }

    // Level 2 deflate: about a tenth larger than the default level 6 and
    // about twice as fast to write, which matters more for a tracker
    // rewritten on every export (rust_xlsxwriter measures the trade-off).
    wb.set_zip_compression_level(2);
    wb.save_to_buffer()
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
        let whole = sheets(workbook_with(&ctx, MAX_ROWS).unwrap());
        let split = sheets(workbook_with(&ctx, 2).unwrap());
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
