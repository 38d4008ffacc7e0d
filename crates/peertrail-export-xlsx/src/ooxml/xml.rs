//! Writing XML text, attributes, numbers and cell references straight into
//! a byte buffer.

/// Bytes [`text`] looks at twice: the XML specials, the C0 controls other
/// than tab and line feed, `_` (a literal `_xHHHH_`) and 0xEF (the first
/// byte of U+FFFE and U+FFFF).
const TEXT_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x09 && b != 0x0A;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'_' as usize] = true;
    t[0xEF] = true;
    t
};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `s` as XML character data, as Excel writes cell text: `&`, `<`,
/// `>` as entities; the C0 controls other than tab and line feed (XML 1.0
/// has no place for them, and a parser would turn a carriage return into a
/// line feed) and the non-characters U+FFFE and U+FFFF as `_xHHHH_`; and a
/// literal `_xHHHH_` in the text with its underscore escaped (`_x005F_`),
/// so that it reads back as written. (rust_xlsxwriter, which wrote the
/// workbook before, escapes the same way, so cells read back the same.)
pub(crate) fn text(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !TEXT_SPECIAL[usize::from(c)] {
            i += 1;
            continue;
        }
        match c {
            b'&' | b'<' | b'>' => {
                out.extend_from_slice(&b[from..i]);
                out.extend_from_slice(match c {
                    b'&' => b"&amp;",
                    b'<' => b"&lt;",
                    _ => b"&gt;",
                });
                i += 1;
                from = i;
            }
            b'_' => {
                if is_escape(&b[i..]) {
                    out.extend_from_slice(&b[from..i]);
                    out.extend_from_slice(b"_x005F");
                    from = i;
                }
                i += 1;
            }
            0xEF => {
                if let [0xEF, 0xBF, last @ (0xBE | 0xBF), ..] = b[i..] {
                    out.extend_from_slice(&b[from..i]);
                    out.extend_from_slice(if last == 0xBE { b"_xFFFE_" } else { b"_xFFFF_" });
                    i += 3;
                    from = i;
                } else {
                    i += 1;
                }
            }
            control => {
                out.extend_from_slice(&b[from..i]);
                out.extend_from_slice(b"_x00");
                out.push(HEX[usize::from(control >> 4)]);
                out.push(HEX[usize::from(control & 0xF)]);
                out.push(b'_');
                i += 1;
                from = i;
            }
        }
    }
    out.extend_from_slice(&b[from..]);
}

/// Whether `b` starts with `_xHHHH_` (H a hex digit of either case).
fn is_escape(b: &[u8]) -> bool {
    matches!(b, [b'_', b'x', h1, h2, h3, h4, b'_', ..]
        if [h1, h2, h3, h4].iter().all(|h| h.is_ascii_hexdigit()))
}

/// Whether text needs `xml:space="preserve"` to keep its leading or
/// trailing white space.
pub(crate) fn needs_preserve(s: &str) -> bool {
    let ws = ['\t', '\n', ' '];
    s.starts_with(ws) || s.ends_with(ws)
}

/// Appends `s` as an attribute value (between double quotes): `&`, `<`,
/// `>`, `"` as entities, tab, line feed and carriage return as character
/// references; characters XML 1.0 does not allow are dropped.
pub(crate) fn attr(out: &mut Vec<u8>, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\t' => out.extend_from_slice(b"&#x9;"),
            '\n' => out.extend_from_slice(b"&#xA;"),
            '\r' => out.extend_from_slice(b"&#xD;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// Appends `n` in decimal.
pub(crate) fn uint(out: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(peertrail_core::decimal(&mut buf, n).as_bytes());
}

/// Appends a finite `f` as Rust displays it (the shortest text that reads
/// back as the same number, never in exponent form); whole numbers, the
/// usual case, without going through the formatter.
pub(crate) fn float(out: &mut Vec<u8>, f: f64) {
    if f.fract() == 0.0 && f.abs() < 1e15 && !(f == 0.0 && f.is_sign_negative()) {
        if f < 0.0 {
            out.push(b'-');
        }
        // Exact: a whole number below 2^53.
        uint(out, f.abs() as u64);
    } else {
        use std::io::Write;
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{f}");
    }
}

/// Appends the letters of the 0-based column `col` (A, …, Z, AA, …).
pub(crate) fn column(out: &mut Vec<u8>, col: u16) {
    let mut buf = [0u8; 4];
    let mut at = buf.len();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        n -= 1;
        at -= 1;
        buf[at] = b'A' + (n % 26) as u8;
        n /= 26;
    }
    out.extend_from_slice(&buf[at..]);
}

/// Appends the reference `A1`-style of 0-based `col` and 1-based `row`.
pub(crate) fn cell(out: &mut Vec<u8>, col: u16, row: u32) {
    column(out, col);
    uint(out, u64::from(row));
}

/// Appends the range from `A1` to 0-based `last_col`, 1-based `last_row`.
pub(crate) fn range_from_a1(out: &mut Vec<u8>, last_col: u16, last_row: u32) {
    out.extend_from_slice(b"A1:");
    cell(out, last_col, last_row);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        let mut out = Vec::new();
        text(&mut out, s);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn text_is_escaped_as_excel_does() {
        assert_eq!(
            t("a & b < c > d \"e\" 'f'"),
            "a &amp; b &lt; c &gt; d \"e\" 'f'"
        );
        assert_eq!(t("tab\tbell\u{7}\r\nend"), "tab\tbell_x0007__x000D_\nend");
        assert_eq!(t("\u{0}\u{1F}"), "_x0000__x001F_");
        assert_eq!(
            t("x\u{FFFE}y\u{FFFF}z\u{FFFD}"),
            "x_xFFFE_y_xFFFF_z\u{FFFD}"
        );
        assert_eq!(t("café’s “curly”"), "café’s “curly”");
        assert_eq!(
            t("_x0041_ and _xab12_x0000_ but _x12_ and _xGHIJ_ and snake_x"),
            "_x005F_x0041_ and _x005F_xab12_x005F_x0000_ but _x12_ and _xGHIJ_ and snake_x"
        );
    }

    #[test]
    fn attributes_escape_quotes_and_drop_what_xml_cannot_hold() {
        let mut out = Vec::new();
        attr(&mut out, "a\"b'<&>\n\u{1}");
        assert_eq!(out, b"a&quot;b'&lt;&amp;&gt;&#xA;");
    }

    #[test]
    fn numbers_read_as_rust_displays_them() {
        for f in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            0.5125,
            1e15,
            123456789012345.0,
            1e21,
            1e-7,
            -2.5,
        ] {
            let mut out = Vec::new();
            float(&mut out, f);
            assert_eq!(String::from_utf8(out).unwrap_or_default(), f.to_string());
        }
    }

    #[test]
    fn columns_are_lettered() {
        let name = |c| {
            let mut out = Vec::new();
            column(&mut out, c);
            String::from_utf8(out).unwrap_or_default()
        };
        assert_eq!(name(0), "A");
        assert_eq!(name(17), "R");
        assert_eq!(name(25), "Z");
        assert_eq!(name(26), "AA");
        assert_eq!(name(701), "ZZ");
        assert_eq!(name(702), "AAA");
        assert_eq!(name(16_383), "XFD");
    }
}
