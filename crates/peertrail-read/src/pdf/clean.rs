//! Our post-processing of a PDF engine's lines, whatever the engine:
//! Unicode NFKC (ligatures), bullet glyphs as list markers, running headers,
//! footers and page numbers dropped by their repetition across pages,
//! hyphenated line ends rejoined, lines joined into blocks, page breaks kept
//! in a page map.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::markdown::Writer;

/// One line of a page as an engine read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfLine {
    /// The text.
    pub text: String,
    /// Left edge in points from the page's left; 0 when the engine does not
    /// say.
    pub x: f32,
    /// Baseline in points from the page's top; 0 when the engine does not
    /// say.
    pub y: f32,
    /// Font size in points; 0 when the engine does not say.
    pub size: f32,
    /// Whether a blank line's worth of space (or a jump) comes before it.
    pub gap_before: bool,
}

/// How many lines at the top and at the bottom of a page may be running
/// headers or footers.
const EDGE_LINES: usize = 2;

/// Pages of lines → the text ingest reads and the byte offset where each
/// page starts. Linear in the input. The lines are taken, not copied: each
/// line's text is replaced by its normalised form in place.
pub fn clean_pages(pages: Vec<Vec<PdfLine>>) -> (String, Vec<usize>) {
    let pages: Vec<Vec<PdfLine>> = pages
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter_map(|mut line| {
                    line.text = normalise(&line.text);
                    (!line.text.is_empty()).then_some(line)
                })
                .collect()
        })
        .collect();
    let running = running_lines(&pages);
    let body = body_size(&pages);
    let heading_sizes = heading_sizes(&pages, body);

    // The text written is the lines' text with a little markup: room for
    // it up front, so it is not copied as it grows.
    let size: usize = pages.iter().flatten().map(|l| l.text.len() + 1).sum();
    let mut out = Writer::with_capacity(size + size / 8);
    let mut block: Option<Block> = None;
    for page in &pages {
        let edge = |i: usize| i < EDGE_LINES || i + EDGE_LINES >= page.len();
        let mut first_on_page = true;
        for (i, line) in page.iter().enumerate() {
            if edge(i) && (is_page_number(&line.text) || running.contains(&place_key(line))) {
                continue;
            }
            let new_page = std::mem::replace(&mut first_on_page, false);
            let big =
                line.text.chars().count() <= 120 && heading_level(&heading_sizes, line.size) > 0;
            let marker = marker(&line.text);
            // A numbered heading ("1. Introduction") is a heading.
            let marker = marker.as_ref().filter(|m| !(big && m.label != "-"));
            let size_changed = |b: &Block| (b.size - line.size).abs() > 0.5;
            let continues = match &block {
                Some(b) if marker.is_none() && b.heading == 0 && !size_changed(b) => {
                    if new_page {
                        // A sentence running over the page break.
                        !ends_sentence(&b.text) && starts_lower(&line.text)
                    } else {
                        !line.gap_before && (b.text_x <= 0.0 || line.x + 2.0 >= b.text_x)
                    }
                }
                Some(b) if b.heading > 0 && !new_page && !line.gap_before => {
                    heading_level(&heading_sizes, line.size) == b.heading
                }
                _ => false,
            };
            // A label drawn on a line of its own ("1." then the text):
            // the text is on the next line.
            let label_only = block
                .as_ref()
                .is_some_and(|b| b.label.is_some() && b.text.trim().is_empty() && marker.is_none());
            if continues || label_only {
                if let Some(b) = block.as_mut() {
                    join_line(&mut b.text, &line.text);
                    b.page_after |= new_page;
                }
                continue;
            }
            if let Some(b) = block.take() {
                b.write(&mut out);
                if b.page_after {
                    out.page();
                }
            }
            if new_page {
                out.page();
            }
            let heading = match marker {
                None if line.text.chars().count() <= 120 => {
                    heading_level(&heading_sizes, line.size)
                }
                _ => 0,
            };
            let (label, depth, text) = match marker {
                Some(m) => {
                    let rest = line.text[m.len..].trim();
                    let rest = if m.reopen {
                        format!("**{rest}")
                    } else {
                        rest.to_string()
                    };
                    (Some(m.label.clone()), m.depth, rest)
                }
                None => (None, 0, line.text.clone()),
            };
            // Where a hanging indent's wrapped lines start: the text after
            // the marker, estimated from the marker's share of the line.
            let text_x = match (marker, line.x > 0.0) {
                (Some(_), true) => line.x + 1.0,
                (None, true) => line.x - 1.0,
                _ => 0.0,
            };
            block = Some(Block {
                label,
                depth,
                heading,
                text,
                size: line.size,
                text_x,
                page_after: false,
            });
        }
        if first_on_page {
            // A page left with nothing but its running lines.
            if let Some(b) = block.take() {
                b.write(&mut out);
            }
            out.page();
        }
    }
    if let Some(b) = block.take() {
        b.write(&mut out);
        if b.page_after {
            out.page();
        }
    }
    out.finish()
}

/// A block being built from lines.
#[derive(Debug)]
struct Block {
    /// `-` for a bullet, the number as printed for a numbered item.
    label: Option<String>,
    depth: usize,
    /// 0 for body text, else the heading level.
    heading: usize,
    text: String,
    size: f32,
    /// Lines to the left of this are not part of the block (0: unknown).
    text_x: f32,
    /// The block ran over a page break: the next page starts after it.
    page_after: bool,
}

impl Block {
    fn write(&self, out: &mut Writer) {
        if self.heading > 0 {
            out.heading(self.heading, &self.text);
        } else if let Some(label) = &self.label {
            out.item(Some(label), self.depth, &self.text);
        } else {
            out.paragraph(&self.text);
        }
    }
}

/// NFKC (ligatures such as "ﬁ" become "fi", no-break spaces spaces), tabs
/// as spaces, trimmed.
fn normalise(text: &str) -> String {
    let text: String = text.nfkc().collect();
    text.replace(['\t', '\u{a0}'], " ").trim().to_string()
}

/// Bullet glyphs: Word's Symbol and Wingdings private-use bullets, the
/// Unicode bullets and squares, arrows.
const BULLETS: &[char] = &[
    '\u{F0B7}', '\u{F0A7}', '\u{F076}', '\u{F0D8}', '\u{F0FC}', '\u{F0A8}', '•', '▪', '■', '●',
    '◦', '○', '‣', '⁃', '➢', '►', '◆', '❖', '·',
];

/// The marker a line starts with, if any. Numbered labels are left in the
/// text (the segmenter reads them); bullets become `-`.
fn marker(text: &str) -> Option<Marker> {
    // A label drawn bold ("**1.** Text", "**1. Title**") is a label all the same.
    if let Some(rest) = text.strip_prefix("**") {
        let m = marker(rest)?;
        let after = rest[m.len..].trim_start();
        return Some(match after.strip_prefix("**") {
            Some(after) => Marker {
                len: text.len() - after.len(),
                ..m
            },
            None => Marker {
                len: 2 + m.len,
                reopen: true,
                ..m
            },
        });
    }
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        return Some(Marker {
            label: "-".to_string(),
            depth: 0,
            len: first.len_utf8(),
            reopen: false,
        });
    }
    // Word's second-level bullet, drawn as a Courier "o".
    if let Some(rest) = text.strip_prefix("o ") {
        if rest.trim_start().starts_with(|c: char| c.is_uppercase()) {
            return Some(Marker {
                label: "-".to_string(),
                depth: 1,
                len: 1,
                reopen: false,
            });
        }
    }
    numbered_label(text).map(|len| Marker {
        label: text[..len].to_string(),
        depth: 0,
        len,
        reopen: false,
    })
}

/// A marker as found: its label and how much of the line it takes.
#[derive(Debug, Clone)]
struct Marker {
    label: String,
    /// The text after the label starts inside a bold run.
    reopen: bool,
    depth: usize,
    len: usize,
}

/// `3.`, `3)`, `(3)`, `c)`, `(c)`, `R2.`, `R2:` followed by white space:
/// the label's length in bytes.
fn numbered_label(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let open = bytes.first() == Some(&b'(');
    if open {
        i += 1;
    }
    let r_prefix =
        !open && bytes.get(i) == Some(&b'R') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    if r_prefix {
        i += 1;
    }
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let letter = digits == 0
        && !r_prefix
        && bytes.get(i).is_some_and(u8::is_ascii_lowercase)
        && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
    if !(1..=3).contains(&digits) && !letter {
        return None;
    }
    i += if letter { 1 } else { digits };
    match (open, bytes.get(i)) {
        (true, Some(b')')) => i += 1,
        (false, Some(b'.' | b')')) if !letter || bytes.get(i) == Some(&b')') => i += 1,
        (false, Some(b':' | b'.')) if r_prefix => i += 1,
        _ => return None,
    }
    // Followed by a space, or alone on its line.
    match bytes.get(i) {
        None | Some(b' ') => Some(i),
        _ => None,
    }
}

/// A line that is only a page number: "7", "Page 7", "Page 7 of 20",
/// "- 7 -", "7 / 20".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let first = parts.next();
    let second = parts.next();
    parts.next().is_none() && first.is_some_and(is_number) && second.is_none_or(is_number)
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A line's form for spotting repetition: digits as `#`, lower case, single
/// spaces ("Page 3" and "Page 4" are the same running line).
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().filter(|c| *c != '*') {
            out.extend(if c.is_ascii_digit() { '#' } else { c }.to_lowercase());
        }
    }
    out
}

/// A line's text form for spotting repetition, with where it stands on the
/// page: running lines stand at the same height on every page, a repeated
/// heading that happens to open a page does not.
fn place_key(line: &PdfLine) -> String {
    format!("{}@{}", key(&line.text), (line.y / 3.0).round() as i64)
}

/// Lines standing at the top or bottom of at least half of the pages (and
/// of two at least): running headers and footers.
fn running_lines(pages: &[Vec<PdfLine>]) -> std::collections::BTreeSet<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages {
        let mut seen = std::collections::BTreeSet::new();
        for (i, line) in page.iter().enumerate() {
            if i < EDGE_LINES || i + EDGE_LINES >= page.len() {
                seen.insert(place_key(line));
            }
        }
        for k in seen {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= need)
        .map(|(k, _)| k)
        .collect()
}

/// The most common font size, by characters (0 when sizes are unknown).
fn body_size(pages: &[Vec<PdfLine>]) -> f32 {
    let mut by_size: BTreeMap<u32, usize> = BTreeMap::new();
    for line in pages.iter().flatten() {
        if line.size > 0.0 {
            *by_size.entry(half_points(line.size)).or_insert(0) += line.text.len();
        }
    }
    by_size
        .into_iter()
        .max_by_key(|(size, n)| (*n, std::cmp::Reverse(*size)))
        .map_or(0.0, |(size, _)| size as f32 / 2.0)
}

fn half_points(size: f32) -> u32 {
    (size * 2.0).round().clamp(0.0, 100_000.0) as u32
}

/// Sizes clearly larger than the body's, largest first: level 1, 2, …
fn heading_sizes(pages: &[Vec<PdfLine>], body: f32) -> Vec<u32> {
    if body <= 0.0 {
        return Vec::new();
    }
    let mut sizes: Vec<u32> = pages
        .iter()
        .flatten()
        .filter(|l| l.size > body * 1.15 && l.text.chars().count() <= 120)
        .map(|l| half_points(l.size))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    sizes.truncate(6);
    sizes
}

fn heading_level(sizes: &[u32], size: f32) -> usize {
    let size = half_points(size);
    sizes.iter().position(|s| *s == size).map_or(0, |i| i + 1)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')'])
}

fn starts_lower(text: &str) -> bool {
    text.starts_with(|c: char| c.is_lowercase())
}

/// Appends a wrapped line: a word hyphenated at the line end is rejoined
/// ("manage-" + "ment"), otherwise one space.
fn join_line(text: &mut String, line: &str) {
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1].ends_with(|c: char| c.is_alphabetic())
        && starts_lower(line);
    if hyphenated {
        text.pop();
    } else if !text.is_empty() {
        text.push(' ');
    }
    // Bold running on from the line before: one run, not two.
    if let (true, Some(rest)) = (text.ends_with("** "), line.strip_prefix("**")) {
        text.truncate(text.len() - 3);
        text.push(' ');
        text.push_str(rest);
        return;
    }
    text.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x: f32, size: f32, gap: bool) -> PdfLine {
        PdfLine {
            text: text.to_string(),
            x,
            y: 0.0,
            size,
            gap_before: gap,
        }
    }

    #[test]
    fn running_lines_page_numbers_ligatures_bullets_and_hyphens() {
        let page = |n: u32, body: Vec<PdfLine>| {
            let mut lines = vec![line("Kestrel Vale peer challenge", 72.0, 9.0, false)];
            lines.extend(body);
            lines.push(line(&format!("Page {n}"), 300.0, 9.0, true));
            lines
        };
        let pages = vec![
            page(
                1,
                vec![
                    line("Key recommendations", 72.0, 16.0, true),
                    line("1. Improve the ﬁnancial plan-", 72.0, 11.0, true),
                    line("ning cycle and the", 90.0, 11.0, false),
                ],
            ),
            page(
                2,
                vec![
                    line("reporting of risk.", 72.0, 11.0, false),
                    line("2. Second.", 72.0, 11.0, true),
                ],
            ),
            page(
                3,
                vec![
                    line("\u{F0B7} A bullet", 72.0, 11.0, true),
                    line("Body text here.", 72.0, 11.0, true),
                ],
            ),
        ];
        let (text, starts) = clean_pages(pages);
        assert_eq!(
            text,
            "# Key recommendations\n\n1. Improve the financial planning cycle and the reporting of risk.\n\n2. Second.\n\n- A bullet\n\nBody text here.\n"
        );
        assert_eq!(starts.len(), 3);
        assert_eq!(&text[starts[1]..starts[1] + 2], "2.");
        assert_eq!(&text[starts[2]..starts[2] + 3], "- A");
    }

    #[test]
    fn labels() {
        assert_eq!(numbered_label("1. Text"), Some(2));
        assert_eq!(numbered_label("(12) Text"), Some(4));
        assert_eq!(numbered_label("c) Text"), Some(2));
        assert_eq!(numbered_label("R2: Text"), Some(3));
        assert_eq!(numbered_label("2018. Text"), None);
        assert_eq!(numbered_label("3.5 million"), None);
        assert_eq!(numbered_label("a. b"), None);
        assert!(is_page_number("Page 3 of 12"));
        assert!(is_page_number("- 4 -"));
        assert!(!is_page_number("Page three"));
    }
}
