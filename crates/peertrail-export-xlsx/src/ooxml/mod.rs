//! A small streaming writer of Office Open XML workbooks (`.xlsx`), just
//! what the tracker needs.
//!
//! [`sheet::SheetWriter`] writes a worksheet's XML as its rows come and
//! deflates it as it goes ([`deflate`]); sheets are independent, so they
//! may be written on different threads. [`write_package`] then numbers the
//! finished parts, writes the small parts around them (content types,
//! relationships, workbook, styles, theme, tables, document properties)
//! and puts everything in a zip ([`zip`]) whose bytes depend only on the
//! content. The zip is our own because the `zip` crate deflates each entry
//! inside its writer, one after another; parts deflated on their own
//! threads need a container that takes them already deflated, which is
//! all [`zip`] does.

mod deflate;
pub(crate) mod sheet;
mod styles;
mod xml;
mod zip;

use std::io::{self, Write};

use deflate::{Deflated, Prefix};
pub(crate) use sheet::{BeginsWith, DropDown, SheetPart, SheetSpec, SheetWriter};

/// What can go wrong writing a workbook.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// The writer failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The compressor failed.
    #[error("deflate failed")]
    Deflate(#[from] flate2::CompressError),
}

/// The document properties and package-wide settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Package<'a> {
    pub(crate) title: &'a str,
    /// The creation and modification date, W3CDTF (`2000-01-01T00:00:00Z`).
    pub(crate) created: &'a str,
    /// Background fills (RGB) of the differential formats that
    /// [`BeginsWith`] rules name by index.
    pub(crate) dxf_fills: &'a [u32],
    /// The deflate level, 0–9.
    pub(crate) level: u32,
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument";

/// The Office theme, as Excel 2007 writes it (the one rust_xlsxwriter
/// wrote before this writer, so fonts and table colours stay the same).
const THEME: &[u8] = include_bytes!("theme1.xml");

/// Writes the workbook of `sheets`, in order, to `out`.
pub(crate) fn write_package<W: Write>(
    package: &Package<'_>,
    sheets: Vec<SheetPart>,
    out: W,
) -> Result<W, Error> {
    let level = package.level;
    let small = |xml: &[u8]| Deflated::of(xml, level);
    let mut zip = zip::ZipWriter::new(out);

    let tables = sheets.iter().filter(|s| s.table.is_some()).count();
    zip.add(
        "[Content_Types].xml",
        &small(&content_types(sheets.len(), tables))?,
    )?;
    zip.add("_rels/.rels", &small(ROOT_RELS.as_bytes())?)?;
    zip.add(
        "xl/_rels/workbook.xml.rels",
        &small(&workbook_rels(sheets.len()))?,
    )?;
    zip.add("xl/theme/theme1.xml", &small(THEME)?)?;
    zip.add(
        "xl/styles.xml",
        &small(&styles::styles_xml(package.dxf_fills))?,
    )?;
    zip.add("xl/workbook.xml", &small(&workbook_xml(&sheets))?)?;

    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let mut table_xml = Vec::new();
    for (i, sheet) in sheets.into_iter().enumerate() {
        let n = i + 1;
        let head = Prefix::of(&sheet_head(&sheet, i == 0), level)?;
        zip.add(
            &format!("xl/worksheets/sheet{n}.xml"),
            &head.then(sheet.body),
        )?;
        let table_rel = sheet.table.as_ref().map(|_| table_xml.len() + 1);
        if sheet.links.is_some() || table_rel.is_some() {
            let mut end = Vec::new();
            if let Some(t) = table_rel {
                end.extend_from_slice(b"<Relationship Id=\"rId");
                xml::uint(&mut end, u64::from(sheet.link_count) + 1);
                end.extend_from_slice(
                    format!("\" Type=\"{REL_NS}/table\" Target=\"../tables/table{t}.xml\"/>")
                        .as_bytes(),
                );
            }
            end.extend_from_slice(b"</Relationships>");
            let start = match sheet.links {
                Some(links) => links,
                None => Prefix::of(sheet::RELS_START, level)?,
            };
            zip.add(
                &format!("xl/worksheets/_rels/sheet{n}.xml.rels"),
                &start.then(small(&end)?),
            )?;
        }
        if let Some((name, columns)) = &sheet.table {
            let id = table_xml.len() + 1;
            table_xml.push(table(id, name, columns, sheet.rows));
        }
    }

    zip.add("docProps/core.xml", &small(&core_xml(package))?)?;
    zip.add("docProps/app.xml", &small(&app_xml(&names))?)?;
    for (i, t) in table_xml.iter().enumerate() {
        zip.add(&format!("xl/tables/table{}.xml", i + 1), &small(t)?)?;
    }
    Ok(zip.finish()?)
}

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>",
);

fn content_types(sheets: usize, tables: usize) -> Vec<u8> {
    let mut x = String::with_capacity(2000);
    x.push_str(XML_DECLARATION);
    x.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    let mut part = |name: &str, kind: &str| {
        x.push_str(&format!(
            "<Override PartName=\"{name}\" ContentType=\"{kind}\"/>"
        ));
    };
    part(
        "/docProps/app.xml",
        &format!("{CONTENT_TYPE}.extended-properties+xml"),
    );
    part(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    part(
        "/xl/styles.xml",
        &format!("{CONTENT_TYPE}.spreadsheetml.styles+xml"),
    );
    part("/xl/theme/theme1.xml", &format!("{CONTENT_TYPE}.theme+xml"));
    part(
        "/xl/workbook.xml",
        &format!("{CONTENT_TYPE}.spreadsheetml.sheet.main+xml"),
    );
    for n in 1..=sheets {
        part(
            &format!("/xl/worksheets/sheet{n}.xml"),
            &format!("{CONTENT_TYPE}.spreadsheetml.worksheet+xml"),
        );
    }
    for n in 1..=tables {
        part(
            &format!("/xl/tables/table{n}.xml"),
            &format!("{CONTENT_TYPE}.spreadsheetml.table+xml"),
        );
    }
    x.push_str("</Types>");
    x.into_bytes()
}

fn workbook_rels(sheets: usize) -> Vec<u8> {
    let mut x = String::from_utf8_lossy(sheet::RELS_START).into_owned();
    let mut rel = |id: usize, kind: &str, target: &str| {
        x.push_str(&format!(
            "<Relationship Id=\"rId{id}\" Type=\"{REL_NS}/{kind}\" Target=\"{target}\"/>"
        ));
    };
    for n in 1..=sheets {
        rel(n, "worksheet", &format!("worksheets/sheet{n}.xml"));
    }
    rel(sheets + 1, "theme", "theme/theme1.xml");
    rel(sheets + 2, "styles", "styles.xml");
    x.push_str("</Relationships>");
    x.into_bytes()
}

/// A sheet name as a formula names it: quoted unless letters, digits and
/// `_` alone.
fn quoted_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

fn workbook_xml(sheets: &[SheetPart]) -> Vec<u8> {
    let mut x = Vec::with_capacity(2000);
    x.extend_from_slice(XML_DECLARATION.as_bytes());
    x.extend_from_slice(format!("<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/><workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>").as_bytes());
    for (i, s) in sheets.iter().enumerate() {
        x.extend_from_slice(b"<sheet name=\"");
        xml::attr(&mut x, &s.name);
        x.extend_from_slice(format!("\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", n = i + 1).as_bytes());
    }
    x.extend_from_slice(b"</sheets>");
    // A plain filter's range is the sheet's hidden _FilterDatabase name;
    // Excel lists defined names sorted.
    let mut filters: Vec<(usize, &SheetPart)> = sheets
        .iter()
        .enumerate()
        .filter(|(_, s)| s.filter)
        .collect();
    filters.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    if !filters.is_empty() {
        x.extend_from_slice(b"<definedNames>");
        for (i, s) in filters {
            x.extend_from_slice(format!("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">").as_bytes());
            xml::text(&mut x, &quoted_sheet(&s.name));
            x.extend_from_slice(b"!$A$1:$");
            xml::column(&mut x, s.cols.saturating_sub(1));
            x.push(b'$');
            xml::uint(&mut x, u64::from(s.rows.max(1)) + 1);
            x.extend_from_slice(b"</definedName>");
        }
        x.extend_from_slice(b"</definedNames>");
    }
    x.extend_from_slice(b"<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
    x
}

/// A worksheet's XML up to `<sheetData>`.
fn sheet_head(s: &SheetPart, selected: bool) -> Vec<u8> {
    let mut x = Vec::with_capacity(1500);
    x.extend_from_slice(XML_DECLARATION.as_bytes());
    x.extend_from_slice(
        format!("<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><dimension ref=\"").as_bytes(),
    );
    xml::range_from_a1(&mut x, s.cols.saturating_sub(1), s.rows + 1);
    x.extend_from_slice(b"\"/><sheetViews><sheetView ");
    if selected {
        x.extend_from_slice(b"tabSelected=\"1\" ");
    }
    x.extend_from_slice(b"workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !s.widths.is_empty() {
        let mut widths = s.widths.clone();
        widths.sort_by_key(|w| w.0);
        x.extend_from_slice(b"<cols>");
        for (col, width) in widths {
            let n = u64::from(col) + 1;
            x.extend_from_slice(b"<col min=\"");
            xml::uint(&mut x, n);
            x.extend_from_slice(b"\" max=\"");
            xml::uint(&mut x, n);
            x.extend_from_slice(b"\" width=\"");
            xml::float(&mut x, stored_width(width));
            x.extend_from_slice(b"\" customWidth=\"1\"/>");
        }
        x.extend_from_slice(b"</cols>");
    }
    x
}

/// A column width in characters as Excel stores it: the width in pixels
/// of the default font (7 a digit, 5 of padding), back in characters to
/// 1/256.
fn stored_width(chars: f64) -> f64 {
    let pixels = if chars < 1.0 {
        (chars * 12.0).round()
    } else {
        (chars * 7.0 + 5.0).round()
    };
    (pixels * 256.0 / 7.0).floor() / 256.0
}

fn table(id: usize, name: &str, columns: &[String], rows: u32) -> Vec<u8> {
    let mut range = Vec::new();
    let cols = u16::try_from(columns.len()).unwrap_or(u16::MAX);
    // A table has at least one data row.
    xml::range_from_a1(&mut range, cols.saturating_sub(1), rows.max(1) + 1);
    let range = String::from_utf8_lossy(&range).into_owned();
    let mut x = Vec::with_capacity(1500);
    x.extend_from_slice(XML_DECLARATION.as_bytes());
    x.extend_from_slice(format!("<table xmlns=\"{MAIN_NS}\" id=\"{id}\" name=\"").as_bytes());
    xml::attr(&mut x, name);
    x.extend_from_slice(b"\" displayName=\"");
    xml::attr(&mut x, name);
    x.extend_from_slice(format!("\" ref=\"{range}\" totalsRowShown=\"0\"><autoFilter ref=\"{range}\"/><tableColumns count=\"{}\">", columns.len()).as_bytes());
    for (i, c) in columns.iter().enumerate() {
        x.extend_from_slice(format!("<tableColumn id=\"{}\" name=\"", i + 1).as_bytes());
        xml::attr(&mut x, c);
        x.extend_from_slice(b"\"/>");
    }
    x.extend_from_slice(b"</tableColumns><tableStyleInfo name=\"TableStyleMedium9\" showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"1\" showColumnStripes=\"0\"/></table>");
    x
}

fn core_xml(package: &Package<'_>) -> Vec<u8> {
    let mut x = Vec::with_capacity(700);
    x.extend_from_slice(XML_DECLARATION.as_bytes());
    x.extend_from_slice(b"<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    xml::text(&mut x, package.title);
    x.extend_from_slice(b"</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">");
    xml::text(&mut x, package.created);
    x.extend_from_slice(b"</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">");
    xml::text(&mut x, package.created);
    x.extend_from_slice(b"</dcterms:modified></cp:coreProperties>");
    x
}

fn app_xml(names: &[String]) -> Vec<u8> {
    let mut x = Vec::with_capacity(1000);
    x.extend_from_slice(XML_DECLARATION.as_bytes());
    x.extend_from_slice(format!("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"{n}\" baseType=\"lpstr\">", n = names.len()).as_bytes());
    for name in names {
        x.extend_from_slice(b"<vt:lpstr>");
        xml::text(&mut x, name);
        x.extend_from_slice(b"</vt:lpstr>");
    }
    x.extend_from_slice(b"</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_are_stored_as_excel_stores_them() {
        assert_eq!(stored_width(30.0), 30.7109375);
        assert_eq!(stored_width(12.0), 12.7109375);
    }

    #[test]
    fn sheet_names_are_quoted_in_formulas_when_they_must_be() {
        assert_eq!(quoted_sheet("Links"), "Links");
        assert_eq!(quoted_sheet("Links (2)"), "'Links (2)'");
        assert_eq!(quoted_sheet("It's"), "'It''s'");
    }
}
