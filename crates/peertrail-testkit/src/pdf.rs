//! A small PDF writer: A4 pages, Helvetica, every line placed by hand, so
//! the tests control what a PDF engine has to undo (running header and
//! footer, page numbers, labels drawn apart from hanging-indented text,
//! Word's private-use bullet, ligature glyphs).

use std::fmt::Write as _;

use crate::blocks::{blocks, plain, Block, Run};

/// What to draw around and inside the text.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// A running header on every page.
    pub header: Option<String>,
    /// "Page N" at the foot of every page.
    pub page_numbers: bool,
    /// "fi" and "fl" drawn as ligature glyphs.
    pub ligatures: bool,
    /// Bullets drawn as Word does, a Symbol glyph that reads as U+F0B7;
    /// otherwise as "•".
    pub word_bullets: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            header: Some("OFFICIAL".to_string()),
            page_numbers: true,
            ligatures: true,
            word_bullets: true,
        }
    }
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const LEFT: f32 = 72.0;
const TOP: f32 = 770.0;
const BOTTOM: f32 = 80.0;
const BODY: f32 = 11.0;
const LEADING: f32 = 14.0;
const INDENT: f32 = 18.0;

/// One page's drawing operators.
#[derive(Debug, Default)]
struct Page {
    ops: String,
}

impl Page {
    /// Runs of plain and bold text in one text object, so each run starts
    /// where the one before ended.
    fn runs(&mut self, size: f32, x: f32, y: f32, runs: &[(bool, Vec<u8>)]) {
        let _ = write!(self.ops, "BT {x:.1} {y:.1} Td");
        for (bold, bytes) in runs {
            let font = if *bold { "F2" } else { "F1" };
            let _ = write!(self.ops, " /{font} {size} Tf ({}) Tj", escape(bytes));
        }
        self.ops.push_str(" ET\n");
    }

    fn text(&mut self, font: &str, size: f32, x: f32, y: f32, bytes: &[u8]) {
        let _ = writeln!(
            self.ops,
            "BT /{font} {size} Tf {x:.1} {y:.1} Td ({}) Tj ET",
            escape(bytes)
        );
    }
}

/// The PDF form of a report's text.
pub fn pdf(text: &str, options: &PdfOptions) -> Vec<u8> {
    let mut pages: Vec<Page> = vec![Page::default()];
    let mut y = TOP;
    let mut first = true;
    for block in blocks(text) {
        let (lines, size, font, label, x, text_x) = layout(&block, options);
        let height = lines.len() as f32 * size.max(BODY) * 1.27 + 10.0;
        let gap = if first {
            0.0
        } else {
            10.0 + (size - BODY).max(0.0)
        };
        // A block moves to the next page whole when it fits on one.
        if y - gap - height < BOTTOM && height < TOP - BOTTOM {
            pages.push(Page::default());
            y = TOP;
        } else {
            y -= gap;
        }
        first = false;
        for (i, line) in lines.iter().enumerate() {
            if y < BOTTOM {
                pages.push(Page::default());
                y = TOP;
            }
            let page = pages.last_mut();
            let Some(page) = page else { break };
            if i == 0 {
                if let Some((label_font, label)) = &label {
                    page.text(label_font, size, x, y, label);
                }
            }
            let x = if i == 0 && label.is_none() { x } else { text_x };
            let runs: Vec<(bool, Vec<u8>)> = line
                .iter()
                .map(|(bold, text)| (*bold || font == "F2", encode(text, options.ligatures)))
                .collect();
            page.runs(size, x, y, &runs);
            y -= size.max(BODY) * 1.27;
        }
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let mut ops = String::new();
        if let Some(header) = &options.header {
            let mut p = Page::default();
            p.text("F1", 9.0, LEFT, 805.0, &encode(header, false));
            ops.push_str(&p.ops);
        }
        ops.push_str(&page.ops);
        if options.page_numbers {
            let mut p = Page::default();
            p.text(
                "F1",
                9.0,
                PAGE_W - 120.0,
                40.0,
                format!("Page {}", i + 1).as_bytes(),
            );
            ops.push_str(&p.ops);
        }
        page.ops = ops;
    }
    write_pdf(&pages)
}

/// A block's lines, size, font, label (font and bytes), and where its first
/// line and its wrapped lines start.
#[allow(clippy::type_complexity)]
fn layout(
    block: &Block,
    options: &PdfOptions,
) -> (
    Vec<Line>,
    f32,
    &'static str,
    Option<(&'static str, Vec<u8>)>,
    f32,
    f32,
) {
    let width = PAGE_W - 2.0 * LEFT;
    match block {
        Block::Heading(level, runs) => {
            let size = [16.0, 14.0, 13.0, 12.5, 12.5, 12.5][(*level).clamp(1, 6) - 1];
            let runs = [Run {
                text: plain(runs),
                bold: true,
            }];
            (wrap_runs(&runs, width, size), size, "F2", None, LEFT, LEFT)
        }
        Block::Paragraph(runs) => (wrap_runs(runs, width, BODY), BODY, "F1", None, LEFT, LEFT),
        Block::Item(label, depth, runs) => {
            let x = LEFT + INDENT * *depth as f32;
            let text_x = x + INDENT;
            let label = match label {
                Some(l) => ("F1", encode(l, false)),
                None if options.word_bullets => ("F3", vec![0xB7]),
                None => ("F1", vec![0x95]),
            };
            let lines = wrap_runs(runs, width - (text_x - LEFT), BODY);
            (lines, BODY, "F1", Some(label), x, text_x)
        }
        Block::Row(cells) => {
            let runs = [Run {
                text: cells.join("   "),
                bold: false,
            }];
            (wrap_runs(&runs, width, BODY), BODY, "F1", None, LEFT, LEFT)
        }
    }
}

/// One drawn line: runs of (bold, text).
type Line = Vec<(bool, String)>;

/// Runs wrapped into lines of about `width` points of Helvetica; a space
/// between runs stays at the end of the run before it.
fn wrap_runs(runs: &[Run], width: f32, size: f32) -> Vec<Line> {
    let max = ((width / (size * 0.5)) as usize).max(10);
    // (bold, word, a space before it)
    let mut words: Vec<(bool, String, bool)> = Vec::new();
    for run in runs {
        let mut space = run.text.starts_with(char::is_whitespace);
        for word in run.text.split_whitespace() {
            words.push((run.bold, word.to_string(), space));
            space = true;
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Line = Vec::new();
    let mut len = 0;
    for (bold, word, space) in &words {
        if len > 0 && *space {
            if len + 1 + word.chars().count() > max {
                lines.push(std::mem::take(&mut line));
                len = 0;
            } else if let Some((_, last)) = line.last_mut() {
                last.push(' ');
                len += 1;
            }
        }
        match line.last_mut() {
            Some((b, text)) if b == bold => text.push_str(word),
            _ => line.push((*bold, word.clone())),
        }
        len += word.chars().count();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Words wrapped to lines of about `width` points of Helvetica.
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let max = ((width / (size * 0.5)) as usize).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text → WinAnsi bytes; "fi"/"fl" as the ligature codes our encoding
/// maps to the `/fi` and `/fl` glyphs.
fn encode(text: &str, ligatures: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if ligatures && c == 'f' {
            match chars.peek() {
                Some('i') => {
                    chars.next();
                    out.push(0x81);
                    continue;
                }
                Some('l') => {
                    chars.next();
                    out.push(0x8D);
                    continue;
                }
                _ => {}
            }
        }
        out.push(win_ansi(c));
    }
    out
}

fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\t' => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        _ => b'?',
    }
}

fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out
}

/// A single page of two columns, drawn line by line across the page (left
/// line 1, right line 1, left line 2, …): content order interleaves the
/// columns, reading order does not.
pub fn two_column_pdf(left: &str, right: &str) -> Vec<u8> {
    let column = (PAGE_W - 2.0 * LEFT - 30.0) / 2.0;
    let left_lines = wrap(left, column, BODY);
    let right_lines = wrap(right, column, BODY);
    let mut page = Page::default();
    let mut y = TOP;
    for i in 0..left_lines.len().max(right_lines.len()) {
        if let Some(l) = left_lines.get(i) {
            page.text("F1", BODY, LEFT, y, &encode(l, false));
        }
        if let Some(r) = right_lines.get(i) {
            page.text("F1", BODY, LEFT + column + 30.0, y, &encode(r, false));
        }
        y -= LEADING;
    }
    write_pdf(&[page])
}

/// Pages → a PDF file: catalog, page tree, three fonts (Helvetica and
/// Helvetica-Bold with ligature codes; a bullet font whose `0xB7` reads as
/// U+F0B7, as Word's Symbol bullets do), pages and content streams.
fn write_pdf(pages: &[Page]) -> Vec<u8> {
    let n = pages.len();
    let first_page = 8;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects
        .push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 6 0 R >>".to_vec());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding 6 0 R >>".to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [129 /fi 141 /fl] >>"
            .to_vec(),
    );
    let cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
1 beginbfchar\n<B7> <F0B7>\nendbfchar\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    objects.push(stream(cmap.as_bytes()));
    for page in pages {
        let content = objects.len() + 2;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents {content} 0 R >>"
            )
            .into_bytes(),
        );
        objects.push(stream(page.ops.as_bytes()));
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}
