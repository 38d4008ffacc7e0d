//! Word documents (`.docx`): `word/document.xml` read with `zip` and
//! `quick-xml`, headings from paragraph styles, list numbers worked out
//! from `word/numbering.xml` (Word keeps them there, not in the text),
//! tables as pipe rows, bold runs as `**bold**`.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as XmlReader;

use crate::markdown::Writer;
use crate::zipped::Archive;
use crate::{Document, ReadError, ReadOptions, Reader};

const FORMAT: &str = "Word document";

/// The `.docx` reader.
#[derive(Debug)]
pub(crate) struct Docx;

impl Reader for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        self.read_parts(Parts::unpack(bytes, options.max_unpacked_bytes)?)
    }

    fn read_owned(&self, bytes: Vec<u8>, options: &ReadOptions) -> Result<Document, ReadError> {
        let parts = Parts::unpack(&bytes, options.max_unpacked_bytes)?;
        // The unpacked parts are all that is read from here on.
        drop(bytes);
        self.read_parts(parts)
    }
}

/// What is read from a `.docx`: the document's XML, its numbering and its
/// styles.
struct Parts {
    document: Vec<u8>,
    numbering: Numbering,
    styles: Styles,
}

impl Parts {
    fn unpack(bytes: &[u8], max_unpacked_bytes: u64) -> Result<Parts, ReadError> {
        let mut archive = Archive::open(bytes, max_unpacked_bytes, FORMAT)?;
        let document = archive
            .part("word/document.xml")?
            .ok_or_else(|| ReadError::Corrupt {
                format: FORMAT,
                message: "no word/document.xml in the archive".to_string(),
            })?;
        let numbering = match archive.part("word/numbering.xml")? {
            Some(xml) => Numbering::parse(&String::from_utf8_lossy(&xml))?,
            None => Numbering::default(),
        };
        let styles = match archive.part("word/styles.xml")? {
            Some(xml) => Styles::parse(&String::from_utf8_lossy(&xml))?,
            None => Styles::default(),
        };
        Ok(Parts {
            document,
            numbering,
            styles,
        })
    }
}

impl Docx {
    fn read_parts(&self, parts: Parts) -> Result<Document, ReadError> {
        let Parts {
            document,
            numbering,
            styles,
        } = parts;
        let text = body(&String::from_utf8_lossy(&document), &styles, &numbering)?;
        if text.trim().is_empty() {
            return Err(ReadError::Empty { format: FORMAT });
        }
        Ok(Document {
            text,
            pages: Vec::new(),
            title: None,
            url: None,
            engine: self.name(),
            warnings: Vec::new(),
        })
    }
}

fn xml_error(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt {
        format: FORMAT,
        message: format!("bad XML: {e}"),
    }
}

/// The value of an element's `w:val` (or any `…:val`) attribute.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `w:b` and the like: on unless `w:val` says `0`, `false` or `off`.
fn toggle_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// `word/numbering.xml`: abstract list definitions and the lists using them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: BTreeMap<String, (String, BTreeMap<u32, u32>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ReadError> {
        let mut n = Numbering::default();
        let mut reader = XmlReader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        loop {
            let event = reader.read_event().map_err(xml_error)?;
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attr(e, "abstractNumId"),
                    "num" => {
                        num_id = attr(e, "numId");
                        if let Some(id) = &num_id {
                            n.nums.entry(id.clone()).or_default();
                        }
                    }
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".to_string(),
                                ..Level::default()
                            },
                        ));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                            l.text = v;
                        }
                    }
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num_id, attr(e, "val")) {
                            n.nums.entry(id.clone()).or_default().0 = v;
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr(e, "ilvl").and_then(|v| v.parse().ok());
                    }
                    "startOverride" => {
                        if let (Some(id), Some(l), Some(v)) =
                            (&num_id, override_level, attr(e, "val"))
                        {
                            let start = v.parse().unwrap_or(1);
                            n.nums.entry(id.clone()).or_default().1.insert(l, start);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            n.abstracts.entry(id.clone()).or_default().insert(ilvl, l);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    fn level(&self, num_id: &str, ilvl: u32) -> Option<Level> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let mut level = self.abstracts.get(abstract_id)?.get(&ilvl)?.clone();
        if let Some(start) = overrides.get(&ilvl) {
            level.start = *start;
        }
        Some(level)
    }
}

/// One paragraph style: its heading level, its list, what it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    heading: Option<usize>,
    num: Option<(String, u32)>,
    based_on: Option<String>,
}

/// `word/styles.xml`, the parts that matter: headings and list styles.
#[derive(Debug, Default)]
struct Styles {
    styles: BTreeMap<String, Style>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, ReadError> {
        let mut styles = Styles::default();
        let mut reader = XmlReader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        loop {
            let event = reader.read_event().map_err(xml_error)?;
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name();
                    match (name.as_ref(), current.as_mut()) {
                        ("style", _) => {
                            current = attr(e, "styleId").map(|id| (id, Style::default()));
                        }
                        ("name", Some((_, s))) => {
                            let v = attr(e, "val").unwrap_or_default().to_lowercase();
                            if v == "title" {
                                s.heading = Some(1);
                            } else if let Some(n) = v.strip_prefix("heading ") {
                                s.heading = n.trim().parse().ok();
                            }
                        }
                        ("outlineLvl", Some((_, s))) => {
                            if let Some(l) = attr(e, "val").and_then(|v| v.parse::<usize>().ok()) {
                                s.heading.get_or_insert(l + 1);
                            }
                        }
                        ("basedOn", Some((_, s))) => s.based_on = attr(e, "val"),
                        ("numId", Some((_, s))) => {
                            let id = attr(e, "val").unwrap_or_default();
                            let ilvl = s.num.as_ref().map_or(0, |n| n.1);
                            s.num = Some((id, ilvl));
                        }
                        ("ilvl", Some((_, s))) => {
                            let ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            let id = s.num.take().map(|n| n.0).unwrap_or_default();
                            s.num = Some((id, ilvl));
                        }
                        _ => {}
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        styles.styles.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// A style's heading level and list, following `basedOn` a few steps.
    fn resolve(&self, id: &str) -> Style {
        let mut out = Style::default();
        let mut next = Some(id.to_string());
        for _ in 0..8 {
            let Some(style) = next.as_deref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            if out.heading.is_none() {
                out.heading = style.heading;
            }
            if out.num.is_none() {
                out.num = style.num.clone();
            }
            next = style.based_on.clone();
        }
        out
    }
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u32>,
    outline: Option<usize>,
    text: String,
    bold_open: bool,
}

impl Para {
    /// Appends a run's text, opening or closing `**` as boldness changes;
    /// white space stays outside the markers.
    fn push(&mut self, text: &str, bold: bool) {
        if text.is_empty() {
            return;
        }
        if bold && !self.bold_open {
            let trimmed = text.trim_start();
            self.text.push_str(&text[..text.len() - trimmed.len()]);
            if trimmed.is_empty() {
                return;
            }
            self.text.push_str("**");
            self.bold_open = true;
            self.text.push_str(trimmed);
            return;
        }
        if !bold && self.bold_open {
            self.close_bold();
        }
        self.text.push_str(text);
    }

    fn close_bold(&mut self) {
        if !self.bold_open {
            return;
        }
        let trimmed_len = self.text.trim_end().len();
        let tail = self.text.split_off(trimmed_len);
        if self.text.ends_with("**") {
            // Bold that held only white space.
            self.text.truncate(self.text.len() - 2);
        } else {
            self.text.push_str("**");
        }
        self.text.push_str(&tail);
        self.bold_open = false;
    }
}

/// A table being read: rows of cells.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

/// `word/document.xml` → text.
fn body(xml: &str, styles: &Styles, numbering: &Numbering) -> Result<String, ReadError> {
    // A document's text is well under half its XML: room for that up front
    // (what is not written is never touched), so the text is not copied
    // as it grows.
    let mut out = Writer::with_capacity(xml.len() / 2);
    let mut reader = XmlReader::from_str(xml);
    let mut para: Option<Para> = None;
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    let mut in_rpr = false;
    let mut run_bold = false;
    let mut skip_depth = 0usize;
    // Counters per list (numId), per level.
    let mut counters: BTreeMap<String, [Option<u32>; 9]> = BTreeMap::new();
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    if !empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                match name {
                    // Text boxes repeat their text in a fallback for old
                    // readers; deleted text and field codes are not text.
                    "Fallback" | "delText" | "instrText" if !empty => skip_depth = 1,
                    "p" if !empty => para = Some(Para::default()),
                    "tbl" if !empty => tables.push(Table::default()),
                    "tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "tc" if !empty && tables.len() == 1 => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(String::new());
                        }
                    }
                    "pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "numId" => {
                        if let Some(p) = para.as_mut() {
                            p.num_id = attr(e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some(p) = para.as_mut() {
                            p.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "outlineLvl" => {
                        if let Some(p) = para.as_mut() {
                            p.outline = attr(e, "val").and_then(|v| v.parse::<usize>().ok());
                        }
                    }
                    "r" if !empty => run_bold = false,
                    "rPr" if !empty => in_rpr = true,
                    "b" if in_rpr => run_bold = toggle_on(e),
                    "t" if !empty => in_text = true,
                    "tab" | "br" | "cr" if !in_rpr => {
                        if let Some(p) = para.as_mut() {
                            p.push(" ", run_bold);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Some(p) = para.as_mut() {
                    p.push(&t.xml10_content(), run_bold);
                }
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                if let Some(p) = para.as_mut() {
                    p.push(&t.xml10_content(), run_bold);
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(p), Some(c)) = (para.as_mut(), ch) {
                    p.push(c.encode_utf8(&mut [0; 4]), run_bold);
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "rPr" => in_rpr = false,
                    "p" => {
                        if let Some(mut p) = para.take() {
                            p.close_bold();
                            end_paragraph(
                                p,
                                styles,
                                numbering,
                                &mut counters,
                                &mut tables,
                                &mut out,
                            );
                        }
                    }
                    "tbl" => {
                        if let Some(table) = tables.pop() {
                            if tables.is_empty() {
                                for row in &table.rows {
                                    out.row(row);
                                }
                                out.end_table();
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.finish().0)
}

/// Writes a finished paragraph: into the table cell it is in, or as a
/// heading, a list item with its worked-out number, or a paragraph.
fn end_paragraph(
    p: Para,
    styles: &Styles,
    numbering: &Numbering,
    counters: &mut BTreeMap<String, [Option<u32>; 9]>,
    tables: &mut [Table],
    out: &mut Writer,
) {
    if let Some(table) = tables.first_mut() {
        if let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut()) {
            if !cell.is_empty() && !p.text.trim().is_empty() {
                cell.push(' ');
            }
            cell.push_str(p.text.trim());
        }
        return;
    }
    let style = p
        .style
        .as_deref()
        .map(|s| styles.resolve(s))
        .unwrap_or_default();
    let heading = style.heading.or(p.outline.map(|l| l + 1));
    let num_id = p.num_id.clone().or(style.num.as_ref().map(|n| n.0.clone()));
    let ilvl = p
        .ilvl
        .or(style.num.as_ref().map(|n| n.1))
        .unwrap_or(0)
        .min(8);
    if let Some(level) = heading.filter(|l| (1..=9).contains(l)) {
        out.heading(level.min(6), &p.text);
        return;
    }
    let level = num_id
        .as_deref()
        .filter(|id| *id != "0")
        .and_then(|id| numbering.level(id, ilvl).map(|l| (id.to_string(), l)));
    let Some((id, level)) = level else {
        out.paragraph(&p.text);
        return;
    };
    if p.text.trim().is_empty() {
        return;
    }
    let depth = ilvl as usize;
    if level.format == "bullet" {
        out.item(None, depth, &p.text);
        return;
    }
    if level.format == "none" {
        out.paragraph(&p.text);
        return;
    }
    let slots = counters.entry(id.clone()).or_insert([None; 9]);
    slots[depth] = Some(slots[depth].map_or(level.start, |n| n.saturating_add(1)));
    for slot in slots.iter_mut().skip(depth + 1) {
        *slot = None;
    }
    let slots = *slots;
    let mut label = String::new();
    let mut chars = level.text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(d)) if (1..=9).contains(&d) => {
                chars.next();
                let k = d as usize - 1;
                let fmt = numbering
                    .level(&id, k as u32)
                    .map(|l| (l.format, l.start))
                    .unwrap_or_else(|| ("decimal".to_string(), 1));
                label.push_str(&format_number(slots[k].unwrap_or(fmt.1), &fmt.0));
            }
            _ => label.push(c),
        }
    }
    let label = label.trim();
    if label.is_empty() {
        out.paragraph(&p.text);
    } else {
        out.item(Some(label), depth, &p.text);
    }
}

/// A list number in Word's format names.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    // Word repeats the letter: a … z, aa … zz.
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1).min(20) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, s) in table {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    #[test]
    fn bold_runs_keep_spaces_outside() {
        let mut p = Para::default();
        p.push("Title. ", true);
        p.push("Rest.", false);
        assert_eq!(p.text, "**Title.** Rest.");
    }
}
