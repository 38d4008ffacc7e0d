//! The CSV exporter: one RFC 4180 file per table.
//!
//! Every file is UTF-8 without a byte-order mark, `\n`-terminated, with a
//! header row; fields are quoted only where they must be. Rows follow the
//! `Dataset` order, and a review's peers, attendees, contacts, next steps and
//! references follow the order the review lists them in. The columns of every
//! file are documented in `docs/formats.md`.

#![warn(missing_docs)]

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;

use chrono::NaiveDate;

use peertrail_core::{
    is_late, spreadsheet_would_evaluate, CouncilId, Dataset, DateSpan, ExportContext, ExportError,
    Exporter, LinkKind, PersonId, Precision, Review, ReviewId, Span, TRACKER_COLUMNS,
};

const NAME: &str = "csv";

/// Separator of list cells (themes, honorifics, aliases, merge evidence).
const LIST_SEPARATOR: &str = "; ";

/// Decimals of the confidence and score columns: fixed, so the files diff
/// cleanly and no spreadsheet reads an exponent.
const DECIMALS: usize = 4;

/// The csv exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "one spreadsheet-safe CSV table per record type (reviews, recommendations, actions, progress, peers, links, ...)"
    }

    fn files(&self) -> &'static [&'static str] {
        &[
            "councils.csv",
            "reviews.csv",
            "recommendations.csv",
            "actions.csv",
            "progress.csv",
            "peers.csv",
            "attendees.csv",
            "contacts.csv",
            "next_steps.csv",
            "references.csv",
            "people.csv",
            "links.csv",
        ]
    }

    fn write(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        match file {
            "councils.csv" => councils(ctx.data, out),
            "reviews.csv" => reviews(ctx.data, out),
            "recommendations.csv" => recommendations(ctx.data, out),
            "actions.csv" => actions(ctx.data, out),
            "progress.csv" => progress(ctx.data, out),
            "peers.csv" => peers(ctx.data, out),
            "attendees.csv" => attendees(ctx.data, out),
            "contacts.csv" => contacts(ctx.data, out),
            "next_steps.csv" => next_steps(ctx.data, out),
            "references.csv" => references(ctx.data, out),
            "people.csv" => people(ctx.data, out),
            "links.csv" => links(ctx, out),
            _ => Err(ExportError::unknown_file(NAME, file)),
        }
    }
}

/// A header and its rows, each row written as it is pushed. The first
/// failure is kept and returned by [`Table::finish`], so that building a
/// row stays one expression.
///
/// Written here rather than through a CSV library: the format is a few
/// rules (comma-separated, `\n`-terminated, a field quoted only when it
/// holds a comma, a quote or a line break, quotes doubled inside it, as
/// RFC 4180 has it), and a record goes into the buffer in one pass.
struct Table<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
    width: usize,
    error: Option<ExportError>,
}

/// Bytes gathered before they go to the writer: fewer, larger writes
/// through the `dyn Write`.
const FLUSH_AT: usize = 1 << 16;

impl<'w> Table<'w> {
    fn new(out: &'w mut dyn Write, header: &[&'static str]) -> Self {
        let mut table = Table {
            out,
            buf: Vec::with_capacity(2 * FLUSH_AT),
            width: header.len(),
            error: None,
        };
        table.record(header.iter().copied());
        table
    }

    fn push(&mut self, row: Row) {
        debug_assert_eq!(row.width, self.width, "a row of the wrong width");
        self.write_row(row);
    }

    /// A record of cells written as they are (a header, not neutralised),
    /// quoted where they must be.
    fn record<'a>(&mut self, cells: impl Iterator<Item = &'a str>) {
        self.write_row(cells.fold(Row::default(), Row::plain));
    }

    /// Copies a finished row into the buffer as one record.
    fn write_row(&mut self, row: Row) {
        if self.error.is_some() {
            return;
        }
        // A record of one empty field is written `""`, not as a blank
        // line a reader would skip.
        if row.cells.is_empty() {
            self.buf.extend_from_slice(b"\"\"");
        } else {
            self.buf.extend_from_slice(row.cells.as_bytes());
        }
        self.buf.push(b'\n');
        if self.buf.len() >= FLUSH_AT {
            // After a failure nothing more is written (the check above):
            // the first is the one `finish` returns.
            if let Err(e) = self.out.write_all(&self.buf) {
                self.error = Some(e.into());
            }
            self.buf.clear();
        }
    }

    fn finish(self) -> Result<(), ExportError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.out.write_all(&self.buf)?;
        self.out.flush()?;
        Ok(())
    }
}

/// Whether a field must be quoted: it holds a comma, a quote or a line
/// break (`\r` too, which readers take for one).
fn must_quote(cell: &str) -> bool {
    peertrail_core::holds_any(cell.as_bytes(), [b',', b'"', b'\r', b'\n'])
}

/// `cell` as a field: after a `'` where `neutral`, and between quotes,
/// its own doubled, where `quote`.
fn push_cell(out: &mut String, neutral: bool, quote: bool, cell: &str) {
    let prefix = if neutral { "'" } else { "" };
    if quote {
        push_quoted(out, prefix, cell);
    } else {
        out.push_str(prefix);
        out.push_str(cell);
    }
}

/// `"`, `prefix`, `cell` with its quotes doubled, `"`.
fn push_quoted(out: &mut String, prefix: &str, cell: &str) {
    out.push('"');
    out.push_str(prefix);
    for (i, part) in cell.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// One row, written as CSV as its cells are given: the record the table
/// copies into its buffer whole. Text goes through [`neutralise`];
/// numbers, dates, booleans and enum names the exporter writes itself do
/// not.
struct Row {
    cells: String,
    /// How many cells it has.
    width: usize,
}

impl Default for Row {
    /// Room for a typical row from the start: a row grown from nothing
    /// reallocates half a dozen times.
    fn default() -> Self {
        Row {
            cells: String::with_capacity(512),
            width: 0,
        }
    }
}

impl Row {
    /// Starts a cell: the comma before every one but the first.
    fn begin_cell(&mut self) {
        if self.width > 0 {
            self.cells.push(',');
        }
        self.width += 1;
    }

    /// Quotes the cell written from `start` on, if it must be, neutralised
    /// when `neutral` (a rare rewrite: most cells are neither).
    fn settle_cell(&mut self, start: usize, neutral: bool) {
        let cell = &self.cells[start..];
        let quote = must_quote(cell);
        if !quote && !neutral {
            return;
        }
        let cell = self.cells.split_off(start);
        push_cell(&mut self.cells, neutral, quote, &cell);
    }

    fn text(mut self, value: &str) -> Self {
        self.begin_cell();
        let neutral = spreadsheet_would_evaluate(value);
        push_cell(&mut self.cells, neutral, must_quote(value), value);
        self
    }

    fn opt_text(self, value: Option<&str>) -> Self {
        self.text(value.unwrap_or_default())
    }

    fn list<S: AsRef<str>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.begin_cell();
        // Neutralised as one cell: only the first item can start it.
        let start = self.cells.len();
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.cells.push_str(LIST_SEPARATOR);
            }
            self.cells.push_str(value.as_ref());
        }
        let neutral = spreadsheet_would_evaluate(&self.cells[start..]);
        self.settle_cell(start, neutral);
        self
    }

    /// A value whose form the exporter controls (number, date, id-safe
    /// enum name): written as is, quoted only if it must be.
    fn plain(mut self, value: impl Plain) -> Self {
        self.begin_cell();
        let start = self.cells.len();
        value.write_to(&mut self.cells);
        self.settle_cell(start, false);
        self
    }

    fn empty(mut self) -> Self {
        self.begin_cell();
        self
    }

    fn opt_plain(self, value: Option<impl Plain>) -> Self {
        match value {
            Some(v) => self.plain(v),
            None => self.empty(),
        }
    }

    fn decimal(mut self, value: f64) -> Self {
        self.begin_cell();
        peertrail_core::push_fixed(value, DECIMALS, &mut self.cells);
        self
    }

    /// Start, end and precision of a date span: three cells, empty when unknown.
    fn held(self, held: Option<&DateSpan>) -> Self {
        match held {
            Some(h) => self
                .plain(h.start)
                .plain(h.end)
                .plain(precision_name(h.precision)),
            None => self.empty().empty().empty(),
        }
    }

    /// Source file, first and last line, page (empty for a source without
    /// pages): four cells.
    fn span(self, source: Option<&str>, span: &Span) -> Self {
        self.opt_text(source)
            .plain(span.line)
            .plain(span.end_line)
            .opt_plain(span.page)
    }
}

/// A value written into a cell as it is, the way `Display` writes it, but
/// without going through the formatting machinery: an export writes
/// millions of them.
trait Plain {
    fn write_to(self, out: &mut String);
}

impl Plain for &str {
    fn write_to(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Plain for bool {
    fn write_to(self, out: &mut String) {
        out.push_str(if self { "true" } else { "false" });
    }
}

impl Plain for u32 {
    fn write_to(self, out: &mut String) {
        write_digits(u64::from(self), out);
    }
}

impl Plain for usize {
    fn write_to(self, out: &mut String) {
        match u64::try_from(self) {
            Ok(n) => write_digits(n, out),
            Err(_) => {
                let _ = write!(out, "{self}");
            }
        }
    }
}

impl Plain for i64 {
    fn write_to(self, out: &mut String) {
        if self < 0 {
            out.push('-');
        }
        write_digits(self.unsigned_abs(), out);
    }
}

impl Plain for Cow<'_, str> {
    fn write_to(self, out: &mut String) {
        out.push_str(&self);
    }
}

impl Plain for NaiveDate {
    fn write_to(self, out: &mut String) {
        peertrail_core::push_date(self, out);
    }
}

/// `n` in decimal.
fn write_digits(n: u64, out: &mut String) {
    let mut buf = [0u8; 20];
    out.push_str(peertrail_core::decimal(&mut buf, n));
}

/// [`Dataset::review`], remembering the last review found: rows come
/// grouped by review, so most lookups are one comparison for equality
/// instead of a binary search by natural order.
struct Reviews<'a> {
    data: &'a Dataset,
    last: Option<&'a Review>,
}

impl<'a> Reviews<'a> {
    fn new(data: &'a Dataset) -> Self {
        Reviews { data, last: None }
    }

    fn get(&mut self, id: &ReviewId) -> Option<&'a Review> {
        if let Some(last) = self.last.filter(|r| r.id == *id) {
            return Some(last);
        }
        let found = self.data.review(id);
        if found.is_some() {
            self.last = found;
        }
        found
    }
}

/// Makes a cell that a spreadsheet would evaluate as a formula read as
/// text: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`
/// in front. The rule is applied to every text cell, ids included.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    if spreadsheet_would_evaluate(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

fn precision_name(precision: Precision) -> Cow<'static, str> {
    match precision {
        Precision::Day => Cow::Borrowed("day"),
        Precision::Month => Cow::Borrowed("month"),
        Precision::Year => Cow::Borrowed("year"),
        // A precision added to core later still exports under its own name.
        other => Cow::Owned(format!("{other:?}").to_lowercase()),
    }
}

/// Counts by review id. A data set's items come sorted, so one review's
/// items are next to each other: a run of the same id is counted before
/// the map is touched, once a run rather than once an item.
fn count_by<'a>(ids: impl Iterator<Item = &'a ReviewId>) -> BTreeMap<&'a ReviewId, usize> {
    let mut counts = BTreeMap::new();
    let mut run: Option<(&ReviewId, usize)> = None;
    for id in ids {
        match &mut run {
            Some((last, n)) if *last == id => *n += 1,
            _ => {
                if let Some((last, n)) = run.replace((id, 1)) {
                    *counts.entry(last).or_insert(0) += n;
                }
            }
        }
    }
    if let Some((last, n)) = run {
        *counts.entry(last).or_insert(0) += n;
    }
    counts
}

fn council_names(data: &Dataset) -> BTreeMap<&CouncilId, &str> {
    data.councils
        .iter()
        .map(|c| (&c.id, c.name.as_str()))
        .collect()
}

fn councils(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(
        out,
        &[
            "id",
            "name",
            "aliases",
            "reviews",
            "code",
            "predecessors",
            "successors",
        ],
    );
    let reviews = {
        let mut counts: BTreeMap<&CouncilId, usize> = BTreeMap::new();
        for r in &data.reviews {
            *counts.entry(&r.council).or_insert(0) += 1;
        }
        counts
    };
    for c in &data.councils {
        table.push(
            Row::default()
                .text(c.id.as_str())
                .text(&c.name)
                .list(c.aliases.iter().map(String::as_str))
                .plain(reviews.get(&c.id).copied().unwrap_or(0))
                .opt_text(c.code.as_deref())
                .list(c.predecessors.iter().map(CouncilId::as_str))
                .list(c.successors.iter().map(CouncilId::as_str)),
        );
    }
    table.finish()
}

fn reviews(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(
        out,
        &[
            "id",
            "council",
            "council_name",
            "kind",
            "held_start",
            "held_end",
            "held_precision",
            "title",
            "in_corpus",
            "follows",
            "peers",
            "attendees",
            "recommendations",
            "actions",
            "progress",
            "source",
            "review_name",
            "joint_councils",
            "source_url",
        ],
    );
    let names = council_names(data);
    let recommendations = count_by(data.recommendations.iter().map(|r| &r.review));
    let actions = count_by(data.actions.iter().map(|a| &a.review));
    let progress = count_by(data.progress.iter().map(|p| &p.review));
    let count =
        |counts: &BTreeMap<&ReviewId, usize>, id: &ReviewId| counts.get(id).copied().unwrap_or(0);
    for r in &data.reviews {
        table.push(
            Row::default()
                .text(r.id.as_str())
                .text(r.council.as_str())
                .opt_text(names.get(&r.council).copied())
                .plain(r.kind.as_str())
                .held(r.held.as_ref())
                .opt_text(r.title.as_deref())
                .plain(r.in_corpus)
                .opt_text(r.follows.as_ref().map(ReviewId::as_str))
                .plain(r.peers.len())
                .plain(r.attendees.len())
                .plain(count(&recommendations, &r.id))
                .plain(count(&actions, &r.id))
                .plain(count(&progress, &r.id))
                .opt_text(r.source.as_deref())
                .opt_text(r.review_name.as_deref())
                .list(r.joint_councils.iter().map(CouncilId::as_str))
                .opt_text(r.source_url.as_deref()),
        );
    }
    table.finish()
}

fn recommendations(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let latest_updates = data.latest_updates();
    let mut table = Table::new(
        out,
        &[
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
        ]
        .into_iter()
        .chain(TRACKER_COLUMNS)
        .collect::<Vec<_>>(),
    );
    let mut reviews = Reviews::new(data);
    for rec in &data.recommendations {
        let review = reviews.get(&rec.review);
        let council = review.map_or_else(|| rec.review.council(), |r| r.council.clone());
        let row = Row::default()
            .text(rec.id.as_str())
            .text(council.as_str())
            .text(rec.review.as_str());
        let row = match review {
            Some(r) => row
                .plain(r.kind.as_str())
                .held(r.held.as_ref())
                .plain(r.in_corpus),
            None => row.empty().held(None).empty(),
        };
        let latest = rec.latest.as_deref();
        table.push(
            row.plain(rec.number)
                .opt_text(rec.label.as_deref())
                .plain(rec.kind.as_str())
                .opt_text(rec.title.as_deref())
                .text(&rec.text)
                .list(rec.themes.iter().map(|t| t.name()))
                .opt_plain(latest.map(|l| l.status.as_str()))
                .opt_text(latest.map(|l| l.review.as_str()))
                .opt_plain(latest.and_then(|l| l.reported))
                .plain(rec.silent)
                .span(rec.source.as_deref(), &rec.span)
                .opt_plain(rec.cue.as_ref().map(|c| c.kind.as_str()))
                .opt_text(rec.cue.as_ref().map(|c| &*c.words))
                .opt_plain(rec.cue.as_ref().map(|c| c.line))
                .opt_plain(latest.map(|l| l.source.as_str()))
                .opt_text(latest.and_then(|l| l.note.as_deref()))
                .opt_text(latest.and_then(|l| l.who.as_deref()))
                .list(rec.decided.iter().map(String::as_str))
                .tracker(latest_updates.get(&rec.id).copied(), rec),
        );
    }
    table.finish()
}

impl Row {
    /// The tracker columns a person edits: the latest status update
    /// recorded (by date) and the council's response.
    fn tracker(
        self,
        update: Option<&peertrail_core::StatusUpdate>,
        rec: &peertrail_core::Recommendation,
    ) -> Self {
        let response = rec.response.as_deref();
        self.opt_plain(update.map(|u| u.status.as_str()))
            .opt_plain(update.map(|u| u.date))
            .opt_text(update.and_then(|u| u.note.as_deref()))
            .opt_text(update.and_then(|u| u.who.as_deref()))
            .opt_plain(response.map(|r| r.response.as_str()))
            .opt_plain(response.map(|r| r.date))
            .opt_text(response.and_then(|r| r.note.as_deref()))
    }
}

fn actions(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(
        out,
        &[
            "id",
            "council",
            "review",
            "number",
            "recommendation",
            "text",
            "owner",
            "covered_by",
            "source",
            "line",
            "end_line",
            "page",
            "timescale",
            "due_start",
            "due_end",
            "due_precision",
            "ongoing",
            "revised_start",
            "revised_end",
            "revised_precision",
            "slip_days",
            "revised_note",
            "late_original",
            "late_revised",
            "decided",
        ],
    );
    let mut reviews = Reviews::new(data);
    for a in &data.actions {
        let review = reviews.get(&a.review);
        let council = review.map_or_else(|| a.review.council(), |r| r.council.clone());
        table.push(
            Row::default()
                .text(a.id.as_str())
                .text(council.as_str())
                .text(a.review.as_str())
                .plain(a.number)
                .opt_text(a.recommendation.as_ref().map(|r| r.as_str()))
                .text(&a.text)
                .opt_text(a.owner.as_deref())
                .opt_text(a.covered_by.as_ref().map(|c| c.as_str()))
                .span(review.and_then(|r| r.source.as_deref()), &a.span)
                .due(data, a),
        );
    }
    table.finish()
}

impl Row {
    /// An action's original and revised target dates, the slippage, and
    /// whether it is late against each, judged on the day its
    /// recommendation's latest status was reported.
    fn due(self, data: &Dataset, a: &peertrail_core::Action) -> Self {
        let original = a.timescale.as_ref().and_then(|t| t.due);
        let revised = a.revised.as_ref();
        let latest = a
            .recommendation
            .as_ref()
            .and_then(|r| data.recommendation(r))
            .and_then(|r| r.latest.as_deref());
        let late = |due: Option<DateSpan>| due.and_then(|d| is_late(&d, latest, None));
        self.opt_text(a.timescale.as_ref().map(|t| t.wording.as_str()))
            .held(original.as_ref())
            .opt_plain(a.timescale.as_ref().map(|t| t.ongoing))
            .held(revised.map(|r| &r.due))
            .opt_plain(revised.and_then(|r| r.slip_days))
            .opt_text(revised.and_then(|r| r.note.as_deref()))
            .opt_plain(late(original))
            .opt_plain(late(revised.map(|r| r.due)))
            .list(a.decided.iter().map(String::as_str))
    }
}

fn progress(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(
        out,
        &[
            "recommendation",
            "council",
            "review",
            "reported",
            "status",
            "wording",
            "commentary",
            "source",
            "line",
            "end_line",
            "page",
        ],
    );
    let mut reviews = Reviews::new(data);
    for p in &data.progress {
        let review = reviews.get(&p.review);
        let council = review.map_or_else(|| p.review.council(), |r| r.council.clone());
        table.push(
            Row::default()
                .text(p.recommendation.as_str())
                .text(council.as_str())
                .text(p.review.as_str())
                .opt_plain(review.and_then(|r| r.held.map(|h| h.start)))
                .plain(p.status.as_str())
                .text(&p.wording)
                .opt_text(p.commentary.as_deref())
                .span(review.and_then(|r| r.source.as_deref()), &p.span),
        );
    }
    table.finish()
}

/// One row per item a review lists, in review order, then list order.
fn per_review<T>(
    data: &Dataset,
    out: &mut dyn Write,
    header: &'static [&'static str],
    items: impl Fn(&Review) -> &[T],
    row: impl Fn(Row, &T) -> Row,
    span: impl Fn(&T) -> &Span,
) -> Result<(), ExportError> {
    per_review_with_tail(data, out, header, items, row, span, |row, _| row)
}

/// [`per_review`] with columns after the span's, where columns added in a
/// later version go (readers by position keep working).
fn per_review_with_tail<T>(
    data: &Dataset,
    out: &mut dyn Write,
    header: &'static [&'static str],
    items: impl Fn(&Review) -> &[T],
    row: impl Fn(Row, &T) -> Row,
    span: impl Fn(&T) -> &Span,
    tail: impl Fn(Row, &T) -> Row,
) -> Result<(), ExportError> {
    let mut table = Table::new(out, header);
    for review in &data.reviews {
        for item in items(review) {
            let cells = row(Row::default().text(review.id.as_str()), item);
            let cells = cells.span(review.source.as_deref(), span(item));
            table.push(tail(cells, item));
        }
    }
    table.finish()
}

fn peers(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    per_review_with_tail(
        data,
        out,
        &[
            "review",
            "person",
            "name",
            "honorifics",
            "role",
            "organisation",
            "position",
            "source",
            "line",
            "end_line",
            "page",
            "decided",
        ],
        |r| &r.peers,
        |row, m| {
            row.text(m.person.as_str())
                .text(&m.name)
                .list(m.honorifics.iter().map(String::as_str))
                .opt_text(m.role.as_deref())
                .opt_text(m.organisation.as_deref())
                .plain(m.position.as_str())
        },
        |m| &m.span,
        |row, m| row.list(m.decided.iter().map(String::as_str)),
    )
}

fn attendees(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    per_review(
        data,
        out,
        &[
            "review",
            "name",
            "honorifics",
            "role",
            "source",
            "line",
            "end_line",
            "page",
        ],
        |r| &r.attendees,
        |row, a| {
            row.opt_text(a.name.as_deref())
                .list(a.honorifics.iter().map(String::as_str))
                .opt_text(a.role.as_deref())
        },
        |a| &a.span,
    )
}

fn contacts(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    per_review(
        data,
        out,
        &[
            "review", "name", "role", "email", "source", "line", "end_line", "page",
        ],
        |r| &r.contacts,
        |row, c| {
            row.text(&c.name)
                .opt_text(c.role.as_deref())
                .opt_text(c.email.as_deref())
        },
        |c| &c.span,
    )
}

fn next_steps(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    per_review(
        data,
        out,
        &[
            "review",
            "kind",
            "within_months_min",
            "within_months_max",
            "before_start",
            "before_end",
            "before_precision",
            "wording",
            "source",
            "line",
            "end_line",
            "page",
        ],
        |r| &r.next_steps,
        |row, n| {
            row.plain(n.kind.as_str())
                .opt_plain(n.within_months.map(|(min, _)| min))
                .opt_plain(n.within_months.map(|(_, max)| max))
                .held(n.before.as_ref())
                .text(&n.wording)
        },
        |n| &n.span,
    )
}

fn references(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    per_review(
        data,
        out,
        &[
            "review",
            "referenced",
            "kind",
            "held_start",
            "held_end",
            "held_precision",
            "wording",
            "source",
            "line",
            "end_line",
            "page",
        ],
        |r| &r.references,
        |row, x| {
            row.text(x.review.as_str())
                .plain(x.kind.as_str())
                .held(x.held.as_ref())
                .text(&x.wording)
        },
        |x| &x.span,
    )
}

fn people(data: &Dataset, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(out, &["id", "name", "aliases", "merge_evidence", "reviews"]);
    let mut served: BTreeMap<&PersonId, BTreeSet<&ReviewId>> = BTreeMap::new();
    for r in &data.reviews {
        for m in &r.peers {
            served.entry(&m.person).or_default().insert(&r.id);
        }
    }
    for p in &data.people {
        table.push(
            Row::default()
                .text(p.id.as_str())
                .text(&p.name)
                .list(p.aliases.iter().map(String::as_str))
                .list(p.merge_evidence.iter().map(String::as_str))
                .plain(served.get(&p.id).map_or(0, BTreeSet::len)),
        );
    }
    table.finish()
}

fn links(ctx: &ExportContext<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut table = Table::new(
        out,
        &[
            "from",
            "to",
            "kind",
            "confidence",
            "rule",
            "score",
            "detail",
            "suggested",
            "source",
        ],
    );
    for l in &ctx.data.links {
        if l.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
            continue;
        }
        let row = Row::default()
            .text(l.from.as_str())
            .text(l.to.as_str())
            .plain(l.kind.as_str())
            .decimal(l.confidence)
            .text(&l.evidence.rule.name());
        let row = match l.evidence.score {
            Some(score) => row.decimal(score),
            None => row.empty(),
        };
        table.push(
            row.text(&l.evidence.detail.text())
                .plain(l.suggested)
                .plain(l.source.as_str()),
        );
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain<T: Plain>(value: T) -> String {
        let mut out = String::new();
        value.write_to(&mut out);
        out
    }

    #[test]
    fn counts_by_review_in_runs_and_out_of_order() {
        let [a, b, c] = ["x/2020-cpc", "x/2021-cpc", "y/2019-cpc"].map(ReviewId::from_raw);
        let ids = [&a, &a, &b, &a, &c, &c, &c, &b];
        let counts = count_by(ids.into_iter());
        assert_eq!(counts.get(&a), Some(&3));
        assert_eq!(counts.get(&b), Some(&2));
        assert_eq!(counts.get(&c), Some(&3));
        assert_eq!(counts.len(), 3);
        assert!(count_by(std::iter::empty()).is_empty());
    }

    #[test]
    fn plain_values_are_written_as_display_writes_them() {
        for n in [0u32, 7, 10, 99, 100, 12_345, u32::MAX] {
            assert_eq!(plain(n), n.to_string());
        }
        for n in [usize::MAX / 3, usize::MAX] {
            assert_eq!(plain(n), n.to_string());
        }
        for n in [0i64, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(plain(n), n.to_string());
        }
        assert_eq!(plain(usize::MAX), usize::MAX.to_string());
        assert_eq!((plain(true), plain(false)), ("true".into(), "false".into()));
        for (y, m, d) in [
            (2024, 2, 29),
            (1, 1, 1),
            (0, 12, 31),
            (999, 7, 4),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-5, 3, 9),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(plain(date), date.to_string());
        }
    }
    use super::{neutralise, Row, LIST_SEPARATOR};

    /// The csv crate, set to write as the exporter means to: `\n` ends a
    /// record, fields quoted only where they must be.
    fn csv_crate_writer() -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(Vec::new())
    }

    #[test]
    fn records_are_written_as_the_csv_crate_writes_them() {
        let records: [&[&str]; 7] = [
            &["id", "text", "note"],
            &["a,b", "say \"hi\"", "two\nlines"],
            &["cr\rhere", "", " spaced "],
            &["", "", ""],
            &["\"", ",", "\r\n"],
            &[""],
            &["é, ü", "'=1+1", "tab\there"],
        ];
        let mut ours = Vec::new();
        {
            let mut table = Table::new(&mut ours, records[0]);
            for r in &records[1..] {
                table.record(r.iter().copied());
            }
            table.finish().unwrap();
        }
        let mut theirs = csv_crate_writer();
        for r in records {
            theirs.write_record(r).unwrap();
        }
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn rows_are_encoded_as_their_cells_are_given_as_the_csv_crate_writes_them() {
        let cells: &[&str] = &[
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\rhere",
            "",
            "=1+1,2",
            "-\"quoted\"",
            "@x",
            "é, ü",
            "+44",
        ];
        let mut ours = Vec::new();
        {
            let mut table = Table::new(&mut ours, &["text", "list", "plain", "empty"]);
            for cell in cells {
                table.push(
                    Row::default()
                        .text(cell)
                        .list([*cell, "b,c"])
                        .plain(*cell)
                        .empty(),
                );
            }
            // A record of one empty field.
            table.width = 1;
            table.push(Row::default().empty());
            table.finish().unwrap();
        }
        let mut theirs = csv_crate_writer();
        theirs
            .write_record(["text", "list", "plain", "empty"])
            .unwrap();
        for cell in cells {
            let list = format!("{cell}{LIST_SEPARATOR}b,c");
            theirs
                .write_record([&*neutralise(cell), &*neutralise(&list), cell, ""])
                .unwrap();
        }
        theirs.write_record([""]).unwrap();
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn a_failing_writer_is_tried_once_and_its_failure_returned() {
        struct Failing(usize);
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                self.0 += 1;
                Err(std::io::Error::other(format!("failure {}", self.0)))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut out = Failing(0);
        let mut table = Table::new(&mut out, &["text"]);
        let cell = "x".repeat(1000);
        for _ in 0..(4 * FLUSH_AT / 1000) {
            table.record(std::iter::once(cell.as_str()));
        }
        let err = table.finish().err();
        let cause = err
            .as_ref()
            .and_then(std::error::Error::source)
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(cause, "failure 1");
        assert_eq!(out.0, 1);
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+44", "'+44"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain = text", "plain = text"),
            ("", ""),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }
}
