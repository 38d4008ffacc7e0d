//! The stylesheet: the few cell formats the workbook uses, by fixed index,
//! and the fills of its conditional formats.

use std::io::Write;

/// The header row: bold, a thin line beneath.
pub(crate) const HEADER: u32 = 1;
/// A hyperlink: underlined, in the theme's hyperlink colour.
pub(crate) const LINK: u32 = 2;
/// A date, shown `yyyy-mm-dd`.
pub(crate) const DATE: u32 = 3;

/// `xl/styles.xml`, with one differential format (a background fill, as
/// RGB) for each of `dxf_fills`, by index.
pub(crate) fn styles_xml(dxf_fills: &[u32]) -> Vec<u8> {
    let mut x = Vec::with_capacity(3000);
    x.extend_from_slice(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>",
        "<fonts count=\"3\">",
        "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>",
        "<font><b/><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>",
        "<font><u/><sz val=\"11\"/><color theme=\"10\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
        "</fonts>",
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>",
        "<borders count=\"2\">",
        "<border><left/><right/><top/><bottom/><diagonal/></border>",
        "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>",
        "</borders>",
        "<cellStyleXfs count=\"2\">",
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>",
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" applyNumberFormat=\"0\" applyFill=\"0\" applyBorder=\"0\" applyAlignment=\"0\" applyProtection=\"0\"><alignment vertical=\"top\"/><protection locked=\"0\"/></xf>",
        "</cellStyleXfs>",
        // In the order of HEADER, LINK and DATE above.
        "<cellXfs count=\"4\">",
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/>",
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"1\" applyAlignment=\"1\" applyProtection=\"1\"/>",
        "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
        "</cellXfs>",
        "<cellStyles count=\"2\"><cellStyle name=\"Hyperlink\" xfId=\"1\" builtinId=\"8\"/><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    ).as_bytes());
    // Writing to a Vec cannot fail.
    let _ = write!(x, "<dxfs count=\"{}\">", dxf_fills.len());
    for rgb in dxf_fills {
        let _ = write!(
            x,
            "<dxf><fill><patternFill><bgColor rgb=\"FF{:06X}\"/></patternFill></fill></dxf>",
            rgb & 0xFF_FFFF
        );
    }
    x.extend_from_slice(concat!(
        "</dxfs>",
        "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>",
        "</styleSheet>",
    ).as_bytes());
    x
}
