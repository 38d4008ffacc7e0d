//! Bytes → text: UTF-8, else Windows-1252 with a warning; binary refused.
//!
//! What PDF converters and web scrapers leave behind is mostly UTF-8, now
//! and then Windows-1252 (smart quotes and dashes from Office), sometimes
//! UTF-16 from a Windows tool, and by mistake an image or an archive. The
//! rules, in order:
//!
//! 1. A UTF-16 byte order mark: decoded as UTF-16 with a warning.
//! 2. A known binary signature (PNG, PDF, ZIP, GIF, JPEG, gzip, ELF), any
//!    NUL byte, or more than one byte in twenty of the first 8 KiB being a
//!    control character: refused as [`IngestError::Binary`].
//! 3. Valid UTF-8 (a leading byte order mark dropped): taken as it is.
//! 4. Otherwise every byte that is not part of a valid UTF-8 sequence is
//!    read as Windows-1252, with one warning naming the line of the first.
//!    Valid UTF-8 runs are kept, so a file pasted together from both
//!    encodings reads right; a pure Windows-1252 file decodes exactly as
//!    Windows-1252, because its accented letters almost never form valid
//!    UTF-8 sequences. The five positions the code page leaves undefined
//!    become U+FFFD.
//!
//! Then the text is tidied without changing its length in bytes, so spans
//! still point into the text as decoded: a lone carriage return (old Mac
//! line ends) becomes a line feed, and control characters other than tab,
//! line feed, carriage return and form feed become spaces (one warning).
//! Zero-width characters and right-to-left marks are kept: they are part
//! of the text a person wrote, and every exporter escapes what its format
//! needs. Empty or white-space-only text is [`IngestError::Empty`].
//!
//! Everything here is one pass over the bytes (two for valid UTF-8), so it
//! is linear in the input and never panics.

use peertrail_core::Warning;

use crate::IngestError;

/// Decoded text and what the decoding had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// E.g. "not valid UTF-8 (first bad byte at line 3); decoded as Windows-1252".
    pub warnings: Vec<Warning>,
}

/// How much of the start of a file the control-character share is measured on.
const SNIFF_BYTES: usize = 8 * 1024;

/// Signatures of binary formats people are likely to point peertrail at by
/// mistake (the converter's input instead of its output, an attachment).
const SIGNATURES: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"\x1F\x8B",
    b"\x7FELF",
];

/// Windows-1252 0x80..=0x9F; `None` where the code page defines nothing.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

/// Decodes a report's bytes, taking ownership: valid UTF-8 becomes the
/// text without a copy (a large report is then held once, not twice).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, IngestError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(&bytes);
    }
    refuse_binary(&bytes)?;
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let mut warnings = Vec::new();
            let text = tidy(text, &mut warnings);
            if text.trim().is_empty() {
                return Err(IngestError::Empty);
            }
            Ok(Decoded { text, warnings })
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decodes a report's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let mut warnings = Vec::new();
    let raw = if let Some(text) = decode_utf16(bytes, &mut warnings)? {
        text
    } else {
        refuse_binary(bytes)?;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(text) => text.to_string(),
            Err(e) => {
                let offset = e.valid_up_to();
                warnings.push(Warning {
                    line: Some(line_of(body, offset)),
                    message: format!(
                        "not valid UTF-8 (first bad byte at line {}); decoded as Windows-1252",
                        line_of(body, offset)
                    ),
                });
                decode_mixed(body)
            }
        }
    };
    let text = tidy(raw, &mut warnings);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Decoded { text, warnings })
}

/// Reads one Windows-1252 byte.
pub fn cp1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)].unwrap_or('\u{FFFD}'),
        _ => char::from(byte),
    }
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let end = offset.min(bytes.len());
    let newlines = bytes[..end].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines)
        .unwrap_or(u32::MAX)
        .saturating_add(1)
}

/// A control character that has no place in a report: everything below
/// space except tab, line feed, carriage return and form feed (PDF
/// converters emit form feeds between pages), and DEL.
const fn is_stray_control(byte: u8) -> bool {
    // Non-short-circuit operators, so that counting them over a sample
    // compiles to vector compares rather than a branch a byte.
    (byte < 0x20) & (byte != b'\t') & (byte != b'\n') & (byte != 0x0C) & (byte != b'\r')
        | (byte == 0x7F)
}

/// How many stray controls `sample` holds.
fn stray_controls(sample: &[u8]) -> usize {
    // Per block of 128 bytes a byte-wide count cannot overflow.
    sample
        .chunks(128)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(is_stray_control(b)))
        })
        .map(usize::from)
        .sum()
}

fn refuse_binary(bytes: &[u8]) -> Result<(), IngestError> {
    if SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return Err(IngestError::Binary { offset: 0, line: 1 });
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(IngestError::Binary {
            offset,
            line: line_of(bytes, offset),
        });
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let controls = stray_controls(sample);
    // Text has next to none; a handful in a short file is damage, not binary.
    if controls >= 4 && controls * 20 > sample.len() {
        let offset = sample
            .iter()
            .position(|&b| is_stray_control(b))
            .unwrap_or_default();
        return Err(IngestError::Binary {
            offset,
            line: line_of(bytes, offset),
        });
    }
    Ok(())
}

/// UTF-16 with a byte order mark (Windows "Unicode" text), or `None`.
fn decode_utf16(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<Option<String>, IngestError> {
    let (little, name) = match bytes {
        [0xFF, 0xFE, ..] => (true, "UTF-16LE"),
        [0xFE, 0xFF, ..] => (false, "UTF-16BE"),
        _ => return Ok(None),
    };
    let body = &bytes[2..];
    let units = body.chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // An odd trailing byte cannot be a character.
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(body.len());
    let mut bad = false;
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok('\0') => {
                let offset = 2 + 2 * i;
                return Err(IngestError::Binary {
                    offset,
                    line: line_of_str(&text),
                });
            }
            Ok(c) => text.push(c),
            Err(_) => {
                bad = true;
                text.push('\u{FFFD}');
            }
        }
    }
    let detail = if bad {
        "; unpaired surrogates replaced"
    } else {
        ""
    };
    warnings.push(Warning {
        line: None,
        message: format!("decoded as {name} (byte order mark){detail}"),
    });
    Ok(Some(text))
}

/// 1-based line number of the end of `text`.
fn line_of_str(text: &str) -> u32 {
    line_of(text.as_bytes(), text.len())
}

/// Valid UTF-8 runs as they are; every other byte read as Windows-1252.
fn decode_mixed(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&b| cp1252(b)));
    }
    text
}

/// Whether `tidy` has anything to do: a carriage return, a stray C0
/// control or DEL, or a C1 control (U+0080 to U+009F, in UTF-8 the byte
/// 0xC2 then 0x80 to 0x9F). Most texts have none, and are passed over a
/// block of bytes at a time rather than decoded character by character.
fn needs_tidying(bytes: &[u8]) -> bool {
    let suspect = |b: u8| (b == b'\r') | (b == 0xC2) | is_stray_control(b);
    let mut from = 0;
    while let Some(k) = peertrail_core::position_blockwise(&bytes[from..], suspect) {
        let at = from + k;
        // 0xC2 also starts "£", "©", a no-break space: only 0x80 to 0x9F
        // after it make a C1 control.
        let c1 = bytes.get(at + 1).is_some_and(|n| (0x80..=0x9F).contains(n));
        if bytes[at] != 0xC2 || c1 {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Lone carriage returns become line feeds and stray control characters
/// (C0 other than tab, LF, CR, FF; DEL; C1) become spaces, each keeping the
/// text's length in bytes where it can: C1 characters take two bytes in
/// UTF-8 and become two spaces.
fn tidy(text: String, warnings: &mut Vec<Warning>) -> String {
    if !needs_tidying(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut replaced = 0usize;
    let mut first_line = None;
    let mut line = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => {
                out.push('\n');
                line = line.saturating_add(1);
            }
            '\n' => {
                out.push('\n');
                line = line.saturating_add(1);
            }
            '\t' | '\r' | '\u{c}' => out.push(c),
            c if c.is_control() => {
                replaced += 1;
                first_line.get_or_insert(line);
                for _ in 0..c.len_utf8() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    if let Some(line) = first_line {
        let plural = if replaced == 1 { "" } else { "s" };
        warnings.push(Warning {
            line: Some(line),
            message: format!(
                "{replaced} control character{plural} replaced by spaces (first at line {line})"
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_controls_are_the_c0_controls_but_four_and_del() {
        for b in 0..=255u8 {
            let expected = matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F);
            assert_eq!(is_stray_control(b), expected, "{b:#x}");
        }
        let mut sample = vec![b'a'; 1000];
        for at in [0, 127, 128, 999] {
            sample[at] = 0x01;
        }
        assert_eq!(stray_controls(&sample), 4);
    }

    #[test]
    fn what_needs_tidying_is_found_by_bytes() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let text = format!("ab{c}cd");
            let expected = c == '\r' || (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}'));
            assert_eq!(needs_tidying(text.as_bytes()), expected, "{c:?}");
        }
        assert!(!needs_tidying("£ é – ‘x’".as_bytes()));
        // A C1 control split across two blocks of the scan.
        let pad = "a".repeat(63);
        assert!(needs_tidying(format!("{pad}\u{85}").as_bytes()));
        assert!(!needs_tidying(format!("{pad}\u{a0}").as_bytes()));
    }

    fn text(bytes: &[u8]) -> String {
        decode(bytes).unwrap().text
    }

    fn warnings(bytes: &[u8]) -> Vec<String> {
        decode(bytes)
            .unwrap()
            .warnings
            .into_iter()
            .map(|w| w.message)
            .collect()
    }

    #[test]
    fn utf8_is_taken_as_it_is() {
        let d = decode("# Fernleigh — café\n".as_bytes()).unwrap();
        assert_eq!(d.text, "# Fernleigh — café\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn the_byte_order_mark_is_dropped() {
        assert_eq!(text(b"\xEF\xBB\xBFMarshfield\n"), "Marshfield\n");
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning_naming_the_line() {
        let d = decode(b"Corrington\nthe council\x92s plan \x96 agreed\n").unwrap();
        assert_eq!(
            d.text,
            "Corrington\nthe council\u{2019}s plan \u{2013} agreed\n"
        );
        assert_eq!(
            d.warnings,
            vec![Warning {
                line: Some(2),
                message: "not valid UTF-8 (first bad byte at line 2); decoded as Windows-1252"
                    .into()
            }]
        );
    }

    #[test]
    fn latin1_range_and_undefined_positions() {
        assert_eq!(
            text(b"caf\xe9 \x80 \x81\x8D\x8F\x90\x9D \xff"),
            "café € \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} ÿ"
        );
        for b in 0x80..=0x9Fu8 {
            assert!(!cp1252(b).is_control(), "{b:#x}");
        }
    }

    #[test]
    fn mixed_files_keep_their_utf8_runs() {
        let mut bytes = "“ok”\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\x93quoted\x94\n");
        assert_eq!(text(&bytes), "“ok”\n\u{201C}quoted\u{201D}\n");
    }

    #[test]
    fn nul_bytes_are_binary_with_offset_and_line() {
        assert_eq!(
            decode(b"Holmewood\nline two\nab\0cd"),
            Err(IngestError::Binary {
                offset: 21,
                line: 3
            })
        );
    }

    #[test]
    fn known_signatures_are_binary() {
        for sig in [
            &b"\x89PNG\r\n\x1a\n rest"[..],
            b"%PDF-1.7\n%text-looking\n",
            b"PK\x03\x04abc",
            b"GIF89a....",
            b"\xFF\xD8\xFF\xE0 jfif",
        ] {
            assert_eq!(
                decode(sig),
                Err(IngestError::Binary { offset: 0, line: 1 }),
                "{sig:?}"
            );
        }
    }

    #[test]
    fn many_control_characters_are_binary() {
        let mut bytes = b"Eastfield\n".to_vec();
        bytes.extend((0..200).map(|i| if i % 5 == 0 { 0x01 } else { b'a' }));
        assert_eq!(
            decode(&bytes),
            Err(IngestError::Binary {
                offset: 10,
                line: 2
            })
        );
    }

    #[test]
    fn a_few_control_characters_become_spaces_with_a_warning() {
        let mut bytes = b"Ashby Vale Council\n".to_vec();
        bytes.extend_from_slice(&[b'a'; 200]);
        bytes.extend_from_slice(b"\nbell\x07 and escape\x1b[0m\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text.len(), bytes.len(), "spans stay valid");
        assert!(d.text.ends_with("\nbell  and escape [0m\n"));
        assert_eq!(
            d.warnings[0].message,
            "2 control characters replaced by spaces (first at line 3)"
        );
        assert_eq!(d.warnings[0].line, Some(3));
    }

    #[test]
    fn c1_controls_in_utf8_become_spaces() {
        assert_eq!(text("a\u{85}b\n".as_bytes()), "a  b\n");
    }

    #[test]
    fn tabs_form_feeds_and_crlf_are_kept() {
        assert_eq!(text(b"a\tb\r\n\x0c\r\nc"), "a\tb\r\n\x0c\r\nc");
        assert!(warnings(b"a\tb\r\n\x0c\r\nc").is_empty());
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(text(b"one\rtwo\r\nthree\r"), "one\ntwo\r\nthree\n");
    }

    #[test]
    fn zero_width_and_bidi_marks_are_kept() {
        let s = "Fern\u{200B}leigh \u{200F}\u{202E}evil\u{202C} \u{2066}x\u{2069}\n";
        let d = decode(s.as_bytes()).unwrap();
        assert_eq!(d.text, s);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        for bytes in [
            &b""[..],
            b"   \n\t\r\n",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBF \n",
            b"\xFF\xFE",
        ] {
            assert_eq!(decode(bytes), Err(IngestError::Empty), "{bytes:?}");
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Marshfield\n’".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "Marshfield\n’");
            assert_eq!(
                d.warnings[0].message,
                format!("decoded as {name} (byte order mark)")
            );
        }
        assert_eq!(
            decode(b"\xFF\xFEa\0\n\0\0\0"),
            Err(IngestError::Binary { offset: 6, line: 2 })
        );
        let odd = decode(b"\xFF\xFEa\0\0\xD8b").unwrap();
        assert_eq!(odd.text, "a\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn every_short_input_decodes_or_errs_without_panicking() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let _ = decode(&[a, b]);
                let _ = decode(&[b'x', a, b]);
            }
        }
    }

    #[test]
    fn large_invalid_input_is_linear() {
        let bytes: Vec<u8> = (0..4_000_000u32)
            .map(|i| if i % 7 == 0 { 0x92 } else { b'a' })
            .collect();
        let start = std::time::Instant::now();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }
}
