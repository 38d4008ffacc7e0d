//! The Word form: paragraphs with heading styles, lists numbered by Word
//! (`numbering.xml`; the numbers are not in the text), tables, bold runs.

use std::fmt::Write as _;
use std::io::Write as _;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::blocks::{blocks, Block, Run};

/// The Word form of a report's text.
pub fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    // Each numbered list is a `w:num` of its own, starting where the text's
    // list starts; its label shape picks the abstract list.
    let mut nums: Vec<(usize, u32)> = Vec::new();
    let mut current: Option<(usize, u32)> = None; // (shape, next number)
    let mut table = false;
    for block in blocks(text) {
        if table && !matches!(block, Block::Row(_)) {
            body.push_str("</w:tbl>");
            table = false;
        }
        match &block {
            Block::Heading(level, runs) => {
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"Heading{}\"/></w:pPr>{}</w:p>",
                    (*level).clamp(1, 6),
                    runs_xml(runs)
                );
                current = None;
            }
            Block::Paragraph(runs) => {
                let _ = write!(body, "<w:p>{}</w:p>", runs_xml(runs));
                // A paragraph between numbered items does not end the list.
            }
            Block::Item(None, depth, runs) => {
                let _ = write!(
                    body,
                    "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
                    (*depth).min(8),
                    runs_xml(runs)
                );
            }
            Block::Item(Some(label), _, runs) => match shape(label) {
                Some((shape, n)) => {
                    let num_id = match current {
                        Some((s, next)) if s == shape && next == n => nums.len() + 1,
                        _ => {
                            nums.push((shape, n));
                            nums.len() + 1
                        }
                    };
                    current = Some((shape, n.saturating_add(1)));
                    let _ = write!(
                        body,
                        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num_id}\"/></w:numPr></w:pPr>{}</w:p>",
                        runs_xml(runs)
                    );
                }
                None => {
                    let _ = write!(
                        body,
                        "<w:p><w:r><w:t xml:space=\"preserve\">{} </w:t></w:r>{}</w:p>",
                        esc(label),
                        runs_xml(runs)
                    );
                }
            },
            Block::Row(cells) => {
                if !table {
                    body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
                    table = true;
                }
                body.push_str("<w:tr>");
                for cell in cells {
                    let _ = write!(
                        body,
                        "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                        esc(cell)
                    );
                }
                body.push_str("</w:tr>");
            }
        }
    }
    if table {
        body.push_str("</w:tbl>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut numbering = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    // Abstract 0: bullets (Symbol's private-use bullet, as Word writes it).
    numbering.push_str("<w:abstractNum w:abstractNumId=\"0\">");
    for level in 0..9 {
        let _ = write!(
            numbering,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{F0B7}\"/></w:lvl>"
        );
    }
    numbering.push_str("</w:abstractNum>");
    for (shape, (format, text)) in SHAPES.iter().enumerate() {
        let _ = write!(
            numbering,
            "<w:abstractNum w:abstractNumId=\"{}\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/></w:lvl></w:abstractNum>",
            shape + 1
        );
    }
    numbering.push_str("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    for (i, (shape, start)) in nums.iter().enumerate() {
        let _ = write!(
            numbering,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
            i + 2,
            shape + 1
        );
    }
    numbering.push_str("</w:numbering>");
    let mut styles = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>"#,
    );
    for level in 1..=6 {
        let _ = write!(
            styles,
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"{}\"/></w:pPr></w:style>",
            level - 1
        );
    }
    styles.push_str("</w:styles>");
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ];
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in parts
        .iter()
        .chain(std::iter::once(&("word/styles.xml", styles)))
    {
        zip.start_file(*name, options)
            .unwrap_or_else(|e| panic!("zip: {e}"));
        zip.write_all(data.as_bytes())
            .unwrap_or_else(|e| panic!("zip: {e}"));
    }
    zip.finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner()
}

/// Numbered label shapes: Word's format and level text.
const SHAPES: [(&str, &str); 5] = [
    ("decimal", "%1."),
    ("decimal", "%1)"),
    ("decimal", "(%1)"),
    ("lowerLetter", "%1)"),
    ("lowerLetter", "(%1)"),
];

/// A label's shape (index into `SHAPES`) and number.
fn shape(label: &str) -> Option<(usize, u32)> {
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    let letter = label.chars().find(char::is_ascii_lowercase);
    let open = label.starts_with('(');
    match (
        digits.parse::<u32>().ok(),
        letter,
        open,
        label.ends_with('.'),
    ) {
        (Some(n), None, false, true) if !label.starts_with('R') => Some((0, n)),
        (Some(n), None, false, false) if label.ends_with(')') => Some((1, n)),
        (Some(n), None, true, _) => Some((2, n)),
        (None, Some(c), false, _) if label.ends_with(')') => Some((3, u32::from(c) - 96)),
        (None, Some(c), true, _) => Some((4, u32::from(c) - 96)),
        _ => None,
    }
}

fn runs_xml(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        let props = if run.bold {
            "<w:rPr><w:b/></w:rPr>"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(&run.text)
        );
    }
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
