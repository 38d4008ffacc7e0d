//! Segmentation: report text → blocks (headings, paragraphs, bullets,
//! numbered items), each with its span and its text with markup removed.
//!
//! Segmentation knows nothing of peer reviews; it only recognises the layout
//! that PDF and web extraction leave behind. Extractors decide what a block
//! means. One pass over the lines, so it is linear in the input.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::OnceLock;

use peertrail_core::Span;

use crate::cues::BlockCues;
use crate::inline;
use crate::mentions::Mention;

/// What sort of block a run of lines forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A markdown heading (`#` to `######`).
    Heading {
        /// 1 for `#`, 6 for `######`.
        level: u8,
    },
    /// Lines of running text.
    Paragraph,
    /// A bulleted item (`-`, `*`, `•`, `–`, `·`, ``).
    Bullet,
    /// A numbered or lettered item: `3.`, `3)`, `c)`, `(c)`, `R2:`.
    Numbered {
        /// The label without its punctuation: `3`, `c`, `R2`.
        label: Box<str>,
    },
    /// One row of a markdown pipe table (`| a | b |`); a row whose cell
    /// was broken by a line break is joined back into one row.
    TableRow {
        /// The cells, trimmed, markup removed.
        cells: Box<[String]>,
    },
}

/// One block of the report.
///
/// Kept small (88 bytes): a long report has tens of thousands of blocks,
/// all held while it is read, so what only marked-up or wrapped blocks
/// carry sits behind one pointer and offsets are 32-bit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// What sort of block.
    pub kind: BlockKind,
    /// The text with line wraps joined by single spaces and inline markup
    /// (`**`, `*`, `<sup>`, links) removed; the list marker is not included.
    /// Most blocks are one line without markup: their text is that line of
    /// the report, borrowed rather than copied.
    pub text: Cow<'a, str>,
    /// The marked-up text, the bold lead and the line breaks, for a block
    /// with markup or of several lines; `None` for a plain block of one
    /// line, so that a plain report's text is not held twice
    /// ([`Block::raw`], [`Block::lead`], [`Block::raw_lines`]).
    pub(crate) extra: Option<Box<Extra<'a>>>,
    /// Whether the whole block is emphasised (bold and/or italic).
    pub emphasised: bool,
    /// Leading spaces of the block's first line (tabs count as 4).
    pub indent: u32,
    /// Number of physical lines.
    pub lines: u32,
    /// Where it was read ([`Block::span`]): byte offsets and lines, 32-bit
    /// since a text is refused past 4 GiB ([`check_size`]).
    at: [u32; 4],
    /// The shared phrases its text holds ([`Block::cues`]).
    cues: BlockCues,
    /// The review mentions in its text, read the first time a reader asks
    /// ([`crate::mentions::mentions_in`]): the references, the review's
    /// kind, the report's facts and a restated list's intro all ask about
    /// the same blocks.
    pub(crate) mentions: OnceCell<Box<[Mention]>>,
}

/// What a block with markup or of several lines carries besides its
/// plain text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Extra<'a> {
    /// The text with markup kept, lines joined by single spaces, for a
    /// block with markup (for a block of one line, the report's own line,
    /// borrowed); `None` when the block has none and its text is its raw
    /// text.
    pub raw: Option<Cow<'a, str>>,
    /// A bold (or bold-italic) run the block starts with, markup removed.
    pub lead: Option<String>,
    /// Byte offsets in `raw` where the second and later physical lines
    /// start: a list written one entry a line without markers is one
    /// paragraph, and only its line breaks tell the entries apart.
    pub breaks: Box<[u32]>,
}

/// Refuses a text whose offsets would not fit a block's 32-bit span (far
/// past the readers' file size limit; only a caller of the library can
/// hand one over).
pub fn check_size(text: &str) -> Result<(), crate::IngestError> {
    u32::try_from(text.len())
        .map(drop)
        .map_err(|_| crate::IngestError::TooLarge { bytes: text.len() })
}

impl<'a> Block<'a> {
    /// A block of `kind` and `text` read at `span`, with no markup and
    /// one line unless `extra` says otherwise.
    pub(crate) fn new(
        kind: BlockKind,
        text: Cow<'a, str>,
        extra: Option<Box<Extra<'a>>>,
        span: Span,
    ) -> Block<'a> {
        Block {
            cues: BlockCues::scan(&text),
            mentions: OnceCell::new(),
            kind,
            text,
            extra,
            emphasised: false,
            indent: 0,
            lines: 1,
            at: [
                offset(span.start),
                offset(span.end),
                span.line,
                span.end_line,
            ],
        }
    }

    /// Every occurrence in its text of the phrases several readers ask
    /// about, found once when the block was made ([`crate::cues`]).
    pub(crate) fn cues(&self) -> &BlockCues {
        &self.cues
    }

    /// Where it was read.
    pub fn span(&self) -> Span {
        let [start, end, line, end_line] = self.at;
        Span {
            start: start as usize,
            end: end as usize,
            line,
            end_line,
            page: None,
        }
    }

    /// Moves the end of the block's span to byte `end` of the report, for
    /// a block cut short.
    pub(crate) fn end_span_at(&mut self, end: usize) {
        self.at[1] = offset(end);
    }

    /// The text with markup kept, lines joined by single spaces.
    pub fn raw(&self) -> &str {
        self.extra
            .as_ref()
            .and_then(|e| e.raw.as_deref())
            .unwrap_or(&self.text)
    }

    /// Whether the block has inline markup (its raw text differs from its
    /// plain text).
    pub fn is_marked(&self) -> bool {
        self.extra.as_ref().is_some_and(|e| e.raw.is_some())
    }

    /// The bold run the block starts with, markup removed.
    pub fn lead(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.lead.as_deref())
    }

    /// Byte offsets in the raw text where the second and later physical
    /// lines start.
    fn breaks(&self) -> &[u32] {
        self.extra.as_ref().map_or(&[], |e| &e.breaks)
    }

    /// Cuts the markup-free text at byte `at`, keeping the marked-up text
    /// whole.
    pub fn truncate_text(&mut self, at: usize) {
        if !self.is_marked() {
            let raw = self.text.clone();
            self.extra.get_or_insert_with(Box::default).raw = Some(raw);
        }
        // A cut inside a character (never asked for: `at` comes from a
        // search) leaves the text whole rather than failing.
        match &mut self.text {
            Cow::Borrowed(text) => *text = text.get(..at).unwrap_or(text),
            Cow::Owned(text) if text.is_char_boundary(at) => text.truncate(at),
            Cow::Owned(_) => {}
        }
    }

    /// A standalone short line that reads as a heading though it carries no
    /// markdown: "Key Reflections", "Next steps", "Financial Planning".
    pub fn is_heading_like(&self) -> bool {
        match self.kind {
            BlockKind::Heading { .. } => true,
            BlockKind::Paragraph => {
                let t = self.text.trim();
                self.lines == 1
                    && !t.is_empty()
                    && t.len() <= 320
                    && !t.ends_with(['.', ',', ';', ':', '?', '!'])
                    // Asked of every short block by several rules: the
                    // characters are counted only when the bytes could be
                    // more than 80 of them.
                    && (t.len() <= 80 || t.chars().count() <= 80)
                    && t.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            }
            _ => false,
        }
    }

    /// The block's physical lines, markup kept, as `raw` holds them.
    pub fn raw_lines(&self) -> impl Iterator<Item = &str> {
        let breaks = self.breaks();
        let mut starts = Vec::with_capacity(breaks.len() + 1);
        starts.push(0);
        starts.extend(breaks.iter().map(|&b| b as usize));
        let ends = breaks.iter().map(|&b| (b as usize).saturating_sub(1));
        let raw = self.raw();
        let ends: Vec<usize> = ends.chain(std::iter::once(raw.len())).collect();
        starts
            .into_iter()
            .zip(ends)
            .map(move |(s, e)| raw.get(s..e).unwrap_or_default())
    }
}

/// A physical line with its position.
struct Line<'a> {
    text: &'a str,
    start: usize,
    number: u32,
}

/// Splits `text` into blocks.
pub fn segment(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut current: Option<Builder> = None;
    for line in lines(text) {
        make_room(&mut blocks, line.start, text.len());
        let trimmed = line.text.trim();
        if trimmed.is_empty() || is_page_furniture(trimmed) {
            if let Some(b) = current.take() {
                blocks.push(b.finish());
            }
            continue;
        }
        let indent = indent_of(line.text);
        if let Some(row) = current.as_mut().filter(|b| b.is_open_row()) {
            // A cell broken by a line break: the row goes on until a `|` ends it.
            row.push(trimmed, &line);
            continue;
        }
        if trimmed.starts_with('|') {
            if let Some(b) = current.take() {
                blocks.push(b.finish());
            }
            if is_table_rule(trimmed) {
                continue;
            }
            let b = Builder::new(
                BlockKind::TableRow {
                    cells: Box::default(),
                },
                trimmed,
                indent,
                &line,
            );
            if b.is_open_row() {
                current = Some(b);
            } else {
                blocks.push(b.finish());
            }
            continue;
        }
        if let Some((kind, body)) = classify(trimmed) {
            if let Some(b) = current.take() {
                blocks.push(b.finish());
            }
            let single_line = matches!(kind, BlockKind::Heading { .. });
            let b = Builder::new(kind, body, indent, &line);
            if single_line {
                blocks.push(b.finish());
            } else {
                current = Some(b);
            }
            continue;
        }
        match current.as_mut() {
            Some(b) if !b.ends_item_before(trimmed, indent) => b.push(trimmed, &line),
            _ => {
                if let Some(b) = current.take() {
                    blocks.push(b.finish());
                }
                current = Some(Builder::new(BlockKind::Paragraph, trimmed, indent, &line));
            }
        }
    }
    if let Some(b) = current.take() {
        blocks.push(b.finish());
    }
    blocks
}

/// Room for the blocks a line may finish (the one before it, and itself
/// as a heading) and the last block, taken as the text is read.
///
/// A long report has tens of thousands of blocks. Grown by doubling, the
/// list would copy every block at each step and, at the last, hold up to
/// twice the room it needs while the allocator keeps the copies it left
/// for a while: together more than three times the blocks. Once the list
/// is past its first few hundred blocks, each step instead takes room for
/// as many blocks as the text read so far suggests the whole text holds,
/// and a sixteenth more; a text whose later part is denser in blocks
/// still grows by at least a quarter a step, so growth stays linear.
fn make_room(blocks: &mut Vec<Block<'_>>, read: usize, total: usize) {
    const SPARE: usize = 3;
    const FIRST_ESTIMATE_AT: usize = 256;
    let len = blocks.len();
    if blocks.capacity() - len >= SPARE {
        return;
    }
    if len < FIRST_ESTIMATE_AT {
        blocks.reserve(SPARE);
        return;
    }
    let expected = len.saturating_mul(total) / read.max(1);
    let wanted = expected.saturating_add(expected / 16);
    blocks.reserve_exact(wanted.saturating_sub(len).max(len / 4).max(SPARE));
}

/// Physical lines, each split further where an inline bullet (` • `)
/// starts a new item: PDF extraction often flattens a list onto one line,
/// or glues a bullet to the end of the paragraph before it.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0usize;
    let mut number = 0u32;
    text.split_inclusive('\n').flat_map(move |chunk| {
        number = number.saturating_add(1);
        let line_start = start;
        start += chunk.len();
        let body = chunk.trim_end_matches(['\n', '\r']);
        // Most lines hold no inline bullet: they pass as they are, with
        // no searcher set up and nothing allocated.
        let bullet = INLINE_BULLET.get_or_init(|| memchr::memmem::Finder::new(" \u{2022} "));
        if bullet.find(body.as_bytes()).is_none() {
            return Pieces::One(Some(Line {
                text: body,
                start: line_start,
                number,
            }));
        }
        let mut pieces = Vec::new();
        let mut from = 0usize;
        // The bullet starts with a space, so every match is on a
        // character boundary.
        for at in bullet.find_iter(body.as_bytes()) {
            if at > from && !body[from..at].trim().is_empty() {
                pieces.push(Line {
                    text: &body[from..at],
                    start: line_start + from,
                    number,
                });
            }
            // The piece starts at the bullet itself, so it classifies as one.
            from = at + 1;
        }
        pieces.push(Line {
            text: &body[from..],
            start: line_start + from,
            number,
        });
        Pieces::Many(pieces.into_iter())
    })
}

/// " • " inside a line, searched for with a searcher built once.
static INLINE_BULLET: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();

/// The pieces of one physical line: itself, or the items an inline bullet
/// splits it into.
enum Pieces<'a> {
    One(Option<Line<'a>>),
    Many(std::vec::IntoIter<Line<'a>>),
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        match self {
            Pieces::One(line) => line.take(),
            Pieces::Many(lines) => lines.next(),
        }
    }
}

/// `|---|:---:|`: the rule under a table's header row.
fn is_table_rule(trimmed: &str) -> bool {
    trimmed.contains('-')
        && trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Cells of a pipe table row: `| a | b |` → `["a", "b"]`.
fn table_cells(raw: &str) -> Vec<String> {
    let inner = raw.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| inline::plain(c.trim())).collect()
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Page numbers and form feeds that PDF extraction leaves between paragraphs.
fn is_page_furniture(trimmed: &str) -> bool {
    trimmed == "\u{c}"
        || (trimmed.starts_with("Page ")
            && trimmed
                .split_whitespace()
                .all(|w| w == "Page" || w == "of" || w.chars().all(|c| c.is_ascii_digit())))
}

/// Recognises a line that starts a new block; returns its kind and the text
/// after the marker.
fn classify(trimmed: &str) -> Option<(BlockKind, &str)> {
    if let Some(rest) = heading(trimmed) {
        return Some(rest);
    }
    for marker in [
        "- ",
        "* ",
        "• ",
        "– ",
        "· ",
        "\u{f0b7} ",
        "\u{f0a7} ",
        "● ",
        "▪ ",
        "■ ",
        "◦ ",
        "○ ",
        "‣ ",
        "⁃ ",
        "➢ ",
        "► ",
        "o ",
    ] {
        if let Some(body) = trimmed.strip_prefix(marker) {
            // "* " is also the start of italic text only when followed by
            // a closing star; a bullet is followed by text.
            if marker == "o " && !body.starts_with(char::is_uppercase) {
                continue;
            }
            return Some((BlockKind::Bullet, body.trim_start()));
        }
    }
    if matches!(trimmed, "-" | "•") {
        return Some((BlockKind::Bullet, ""));
    }
    numbered(trimmed).map(|(label, body)| {
        (
            BlockKind::Numbered {
                label: label.into_boxed_str(),
            },
            body,
        )
    })
}

fn heading(trimmed: &str) -> Option<(BlockKind, &str)> {
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let body = trimmed.get(hashes..)?;
    if !body.starts_with(' ') && !body.is_empty() {
        return None;
    }
    let level = u8::try_from(hashes).ok()?;
    Some((BlockKind::Heading { level }, body.trim()))
}

/// `3. `, `3) `, `(3) `, `c) `, `(c) `, `R2: `, `R2. `; up to three digits
/// or a single letter, so years and sentences are not taken for labels.
fn numbered(trimmed: &str) -> Option<(String, &str)> {
    let (inner, open) = match trimmed.strip_prefix('(') {
        Some(rest) => (rest, true),
        None => (trimmed, false),
    };
    let label_len = {
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) {
            digits
        } else if inner.starts_with(['R', 'r']) {
            let d = inner[1..].bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&d) {
                d + 1
            } else {
                return None;
            }
        } else if inner.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            1
        } else {
            return None;
        }
    };
    let label = &inner[..label_len];
    let rest = &inner[label_len..];
    let punct = rest.chars().next()?;
    let is_letter = label.chars().all(|c| c.is_ascii_lowercase());
    let ok = match punct {
        ')' => true,
        '.' | ':' => !open && !is_letter,
        _ => false,
    };
    if !ok {
        return None;
    }
    let body = &rest[punct.len_utf8()..];
    // The marker must be followed by white space ("3.5 million" is not an item).
    if !body.is_empty() && !body.starts_with(char::is_whitespace) {
        return None;
    }
    Some((label.to_string(), body.trim()))
}

struct Builder<'a> {
    kind: BlockKind,
    /// The block's lines joined; the report's own line while there is one.
    raw: Cow<'a, str>,
    indent: usize,
    lines: u32,
    breaks: Vec<u32>,
    span: Span,
}

impl<'a> Builder<'a> {
    fn new(kind: BlockKind, body: &'a str, indent: usize, line: &Line<'_>) -> Self {
        Builder {
            kind,
            raw: Cow::Borrowed(body),
            indent,
            lines: 1,
            breaks: Vec::new(),
            span: line_span(line),
        }
    }

    fn push(&mut self, trimmed: &str, line: &Line<'_>) {
        let raw = self.raw.to_mut();
        if !raw.is_empty() {
            raw.push(' ');
        }
        // Table rows are one row however many lines they take.
        if !matches!(self.kind, BlockKind::TableRow { .. }) {
            self.breaks.push(offset(raw.len()));
        }
        raw.push_str(trimmed);
        self.lines += 1;
        self.span = self.span.cover(line_span(line));
    }

    /// Whether an unindented line ends a list item rather than wrapping
    /// it: the item's last line closed a sentence and this line starts a
    /// new one and introduces something (it ends with a colon), as when a
    /// page's text lost its blank lines ("- Better training.\nThe main
    /// points were:"). A wrapped item line is indented, or follows a line
    /// that stopped mid-sentence.
    ///
    /// In running text the same holds for a line that introduces a list
    /// after a line that closed a sentence or a field ("Decision:" then
    /// "That:"): the introducing line stands as a paragraph of its own, so
    /// the list's introduction is exactly the words that introduce it.
    fn ends_item_before(&self, trimmed: &str, indent: usize) -> bool {
        let closed = self.raw.trim_end().ends_with(['.', '!', '?', ';', ':']);
        let introduces = trimmed.starts_with(char::is_uppercase) && trimmed.ends_with(':');
        match self.kind {
            BlockKind::Bullet | BlockKind::Numbered { .. } => {
                indent == 0 && closed && !self.raw.trim_end().ends_with(':') && introduces
            }
            BlockKind::Paragraph => closed && introduces,
            _ => false,
        }
    }

    /// A table row whose last cell has not been closed by a `|` yet.
    fn is_open_row(&self) -> bool {
        matches!(self.kind, BlockKind::TableRow { .. }) && !self.raw.trim_end().ends_with('|')
    }

    fn finish(self) -> Block<'a> {
        let parsed = inline::parse(&self.raw);
        let kind = match self.kind {
            BlockKind::TableRow { .. } => BlockKind::TableRow {
                cells: table_cells(&self.raw).into_boxed_slice(),
            },
            other => other,
        };
        let emphasised = parsed.emphasised;
        // A bold lead is markup, so a block with a lead is marked anyway.
        let (text, raw, lead) = if parsed.text != self.raw || parsed.lead.is_some() {
            let (text, lead) = (parsed.text.into_owned(), parsed.lead);
            (Cow::Owned(text), Some(self.raw), lead)
        } else {
            // Without markup the plain text is the raw text, which for a
            // block of one line is the report's own line.
            (self.raw, None, None)
        };
        let extra = (raw.is_some() || !self.breaks.is_empty()).then(|| {
            Box::new(Extra {
                raw,
                lead,
                breaks: self.breaks.into_boxed_slice(),
            })
        });
        let mut block = Block::new(kind, text, extra, self.span);
        block.emphasised = emphasised;
        block.indent = offset(self.indent);
        block.lines = self.lines;
        block
    }
}

/// A block's offset or indent as stored: 32 bits, saturating (a single
/// block of 4 GB is not a report).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn line_span(line: &Line<'_>) -> Span {
    let leading = line.text.len() - line.text.trim_start().len();
    let start = line.start + leading;
    let end = line.start + line.text.trim_end().len();
    Span {
        start,
        end: end.max(start),
        line: line.number,
        end_line: line.number,
        page: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_report_holds_little_more_room_than_its_blocks() {
        // Uniform, then twice as dense in blocks towards the end: the
        // estimate taken early falls short and the list still grows.
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("Paragraph {i} of running text, long enough.\n\n"));
        }
        for i in 0..20_000 {
            text.push_str(&format!("- item {i}\n"));
        }
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 40_000);
        assert!(
            blocks.capacity() <= blocks.len() * 5 / 4,
            "{}",
            blocks.capacity()
        );
        // A single-line block without markup borrows its line.
        assert!(matches!(blocks[0].text, Cow::Borrowed(_)));
        assert!(!blocks[0].is_marked());
    }

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        segment(text)
            .into_iter()
            .map(|b| (b.kind, b.text.into_owned()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_bullets_numbers() {
        let text = "# Title\n\nFirst line\nwraps here.\n\n- one\n- two\n  continues\n\n3. ***Do it.*** Now.\n";
        assert_eq!(
            kinds(text),
            vec![
                (BlockKind::Heading { level: 1 }, "Title".to_string()),
                (BlockKind::Paragraph, "First line wraps here.".to_string()),
                (BlockKind::Bullet, "one".to_string()),
                (BlockKind::Bullet, "two continues".to_string()),
                (
                    BlockKind::Numbered { label: "3".into() },
                    "Do it. Now.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn spans_point_at_the_source() {
        let text = "intro\r\n\r\n- alpha\r\n  beta\r\n";
        let blocks = segment(text);
        let bullet = &blocks[1];
        assert_eq!(bullet.span().line, 3);
        assert_eq!(bullet.span().end_line, 4);
        assert_eq!(
            &text[bullet.span().start..bullet.span().end],
            "- alpha\r\n  beta"
        );
    }

    #[test]
    fn labels_but_not_numbers_in_prose() {
        assert_eq!(numbered("a) first").map(|l| l.0), Some("a".to_string()));
        assert_eq!(numbered("(iv) roman").map(|l| l.0), None);
        assert_eq!(numbered("R2: label").map(|l| l.0), Some("R2".to_string()));
        assert_eq!(numbered("2018. was a year"), None);
        assert_eq!(numbered("3.5 million"), None);
        assert_eq!(numbered("a. lettered dots are prose"), None);
        assert_eq!(numbered("12\tIntro").map(|l| l.0), None);
    }

    #[test]
    fn lead_and_heading_like() {
        let blocks = segment("Key Reflections\n\n- **Bold lead.** More text.\n");
        assert!(blocks[0].is_heading_like());
        assert_eq!(blocks[1].lead(), Some("Bold lead."));
        assert!(!blocks[1].is_heading_like());
    }

    #[test]
    fn inline_bullets_split_and_keep_their_offsets() {
        let text = "Intro text here. \u{2022} First item \u{2022} Second item\n";
        let blocks = segment(text);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[1].kind, BlockKind::Bullet);
        assert_eq!(blocks[1].text, "First item");
        assert_eq!(blocks[2].text, "Second item");
        assert!(text[blocks[2].span().start..].starts_with("\u{2022} Second"));
    }

    #[test]
    fn a_block_stays_small() {
        // Tens of thousands are held at once while a long report is read
        // (16 bytes of it the mentions read once, [`Block::mentions`]).
        assert_eq!(std::mem::size_of::<Block<'_>>(), 120);
    }

    #[test]
    fn table_rows_with_broken_cells() {
        let text = "| No | Status |\n|---|---|\n| 1 | Complete |\n| 2 | Almost\ncompleted |\n";
        let rows: Vec<Vec<String>> = segment(text)
            .into_iter()
            .filter_map(|b| match b.kind {
                BlockKind::TableRow { cells } => Some(cells.into_vec()),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["No", "Status"],
                vec!["1", "Complete"],
                vec!["2", "Almost completed"]
            ]
        );
    }

    #[test]
    fn page_furniture_is_dropped() {
        assert_eq!(kinds("Page 1 of 7\nText").len(), 1);
    }
}
