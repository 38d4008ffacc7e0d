//! Inline markup: emphasis stars, `<sup>` ordinals, markdown links.
//!
//! Reports reach us as markdown-ish text from PDF or web extraction; the
//! markup carries meaning (a bold lead is a recommendation's title) but must
//! not reach the extracted text.

use std::borrow::Cow;

use crate::text::{single_spaced, whitespace_len};

/// The result of reading one block's inline markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline<'a> {
    /// Plain text: markup removed, white space collapsed; the trimmed
    /// input itself when it has neither markup nor white space to collapse,
    /// as most blocks have not.
    pub text: Cow<'a, str>,
    /// The emphasised run the text starts with, if any.
    pub lead: Option<String>,
    /// Whether the whole text is emphasised.
    pub emphasised: bool,
}

const TAGS: &[&str] = &[
    "sup", "/sup", "sub", "/sub", "b", "/b", "i", "/i", "strong", "/strong", "em", "/em", "u",
    "/u", "br", "br/", "br /",
];

/// Reads `raw` (one block, lines already joined).
pub fn parse(raw: &str) -> Inline<'_> {
    let trimmed = raw.trim();
    let lead = leading_emphasis(trimmed).map(plain);
    let emphasised = {
        let core = trimmed.trim_end_matches([';', ',', '.', ':', ' ']);
        core.starts_with('*') && core.ends_with('*') && core.len() > 2
            || core.starts_with("__") && core.ends_with("__") && core.len() > 4
    };
    let run = ordinary_run(trimmed.as_bytes(), true);
    let text = if run == trimmed.len() {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(plain_after(trimmed, run))
    };
    Inline {
        text,
        lead: lead.filter(|l| !l.is_empty()),
        emphasised,
    }
}

/// `***Title.*** rest` → `Title.`; the run must close.
fn leading_emphasis(text: &str) -> Option<&str> {
    let stars = text.bytes().take_while(|&b| b == b'*').count();
    if stars == 0 || stars > 3 {
        return None;
    }
    let rest = &text[stars..];
    let close = rest.find(&"***"[..stars])?;
    Some(&rest[..close])
}

/// How far ahead a `<` looks for its `>`.
const TAG_WINDOW: usize = 12;
/// The longest link label and link target read as a link.
const LINK_WINDOW: usize = 512;

/// Removes markup and collapses white space.
pub fn plain(text: &str) -> String {
    plain_after(text, 0)
}

/// [`plain`], given that the first `run` bytes of `text` are its
/// [`ordinary_run`] from the start (what [`parse`] has just measured), so
/// they are copied without being read again.
fn plain_after(text: &str, run: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let (first, mut rest) = text.split_at_checked(run).unwrap_or(("", text));
    out.push_str(first);
    // Where the next "](" is, searched for once and reused until passed, so
    // a text full of '[' stays linear.
    let mut next_close: Option<Option<usize>> = None;
    let mut next_paren: Option<Option<usize>> = None;
    while let Some(ch) = rest.chars().next() {
        // Most of a text is ordinary characters and single spaces, copied
        // as they stand: found a run at a time, byte-wise.
        let ordinary = ordinary_run(rest.as_bytes(), out.is_empty() || out.ends_with(' '));
        if ordinary > 0 {
            out.push_str(&rest[..ordinary]);
            rest = &rest[ordinary..];
            continue;
        }
        match ch {
            '*' => {
                rest = &rest[1..];
                continue;
            }
            '<' => {
                // Tags are short: looking only a few bytes ahead keeps a
                // text full of '<' linear.
                let window = &rest.as_bytes()[..rest.len().min(TAG_WINDOW)];
                if let Some(end) = window.iter().position(|&b| b == b'>') {
                    let tag = rest[1..end].trim().to_ascii_lowercase();
                    if TAGS.contains(&tag.as_str()) {
                        rest = &rest[end + 1..];
                        continue;
                    }
                }
            }
            '[' => {
                // [label](target) → label
                let at = text.len() - rest.len();
                let close_abs = match next_close {
                    Some(Some(c)) if c > at => Some(c),
                    Some(None) => None,
                    _ => {
                        let found = text[at..].find("](").map(|p| p + at);
                        next_close = Some(found);
                        found
                    }
                };
                let close = close_abs.map(|c| c - at).filter(|&c| c <= LINK_WINDOW);
                if let Some(close) = close {
                    let target_at = at + close + 2;
                    let paren_abs = match next_paren {
                        Some(Some(p)) if p >= target_at => Some(p),
                        Some(None) => None,
                        _ => {
                            let found = text[target_at..].find(')').map(|p| p + target_at);
                            next_paren = Some(found);
                            found
                        }
                    };
                    let paren = paren_abs
                        .map(|p| p - target_at)
                        .filter(|&p| p <= LINK_WINDOW);
                    if let Some(paren) = paren {
                        let label = &rest[1..close];
                        if !label.contains(['[', ']']) {
                            out.push_str(label);
                            rest = &rest[close + 2 + paren + 1..];
                            continue;
                        }
                    }
                }
            }
            _ => {}
        }
        if ch.is_whitespace() || ch == '\u{a0}' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
        rest = &rest[ch.len_utf8()..];
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
}

/// How many bytes from the start of `bytes` are copied as they stand:
/// anything but markup and white space, and single spaces where the text
/// written so far does not already end in one (`after_space`, also true
/// at the start, where a space is dropped).
fn ordinary_run(bytes: &[u8], after_space: bool) -> usize {
    run_of(bytes, after_space, true)
}

/// [`ordinary_run`], reading eight bytes at a time where `by_chunks`
/// (the tests compare both ways).
fn run_of(bytes: &[u8], mut after_space: bool, by_chunks: bool) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Eight bytes at a time while none of them can end the run: every
        // block's text is read here, and most of it is words and single
        // spaces.
        if by_chunks {
            let skipped = single_spaced(&bytes[i..], *b"*<[", &mut after_space);
            if skipped > 0 {
                i += skipped;
                continue;
            }
        }
        // Letters, digits and punctuation, most of a text, in a tight loop.
        let quiet = bytes[i..]
            .iter()
            .position(|&b| !QUIET[usize::from(b)])
            .unwrap_or(bytes.len() - i);
        if quiet > 0 {
            after_space = false;
            i += quiet;
            continue;
        }
        match b {
            b' ' if after_space => return i,
            b' ' => after_space = true,
            b'*' | b'<' | b'[' => return i,
            _ if whitespace_len(bytes, i) > 0 => return i,
            _ => after_space = false,
        }
        i += 1;
    }
    bytes.len()
}

/// Bytes that are never markup, white space or the start of a white
/// space character ([`whitespace_len`]): copied without a second look.
static QUIET: [bool; 256] = {
    let mut quiet = [true; 256];
    let loud: [u8; 13] = [
        b'\t', 0x0a, 0x0b, 0x0c, b'\r', b' ', b'*', b'<', b'[', 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut k = 0;
    while k < loud.len() {
        quiet[loud[k] as usize] = false;
        k += 1;
    }
    quiet
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_and_agrees_with_the_full_reading() {
        for raw in [
            "The council should agree a plan.",
            "  padded  ",
            "two  spaces",
            "a\u{a0}b",
            "**bold** lead",
            "x <sup>th</sup>",
            "[label](https://example.org)",
            "tab\there",
            "café – ‘naïve’ •",
        ] {
            let parsed = parse(raw);
            assert_eq!(parsed.text, plain(raw.trim()), "{raw:?}");
            let borrowed = matches!(parsed.text, Cow::Borrowed(_));
            assert_eq!(borrowed, parsed.text == raw.trim(), "{raw:?}");
        }
        assert!(matches!(parse("Plain words.").text, Cow::Borrowed(_)));
    }

    #[test]
    fn white_space_of_every_kind_collapses_and_other_text_is_kept() {
        for ws in [
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}', '\u{202f}', '\u{3000}', '\u{c}',
        ] {
            assert_eq!(plain(&format!("a{ws}{ws}b")), "a b", "{:?}", ws);
        }
        assert_eq!(plain("café – ‘naïve’ •  x"), "café – ‘naïve’ • x");
        assert_eq!(plain("  lead\tand trail  "), "lead and trail");
        assert_eq!(plain(" plain, ascii: text. "), "plain, ascii: text.");
        assert_eq!(plain("two  spaces"), "two spaces");
        assert_eq!(plain(" ‘café’ – naïve "), "‘café’ – naïve");
        // Every white space character collapses, whichever byte it
        // starts with.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() {
                assert_eq!(plain(&format!("a{c}{c}b ")), "a b", "{:?}", c);
            }
        }
    }

    #[test]
    fn quiet_bytes_start_no_white_space_or_markup() {
        for b in 0..=255u8 {
            if QUIET[usize::from(b)] {
                let bytes = [b, 0x80, 0x80, 0x80];
                assert_eq!(whitespace_len(&bytes, 0), 0, "{b:#x}");
                assert!(!matches!(b, b'*' | b'<' | b'['), "{b:#x}");
            }
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            if c.is_whitespace() {
                assert!(!QUIET[usize::from(first)], "{c:?}");
            }
        }
    }

    #[test]
    fn reading_eight_bytes_at_a_time_stops_where_one_at_a_time_does() {
        // Every piece next to every other, at every offset within a chunk,
        // with and without a space before the text.
        let pieces = [
            "word", " ", "  ", "\t", "\n", "*", "<", "[", "\u{a0}", "\u{2019}", "\u{2003}", "x.",
            "\u{b}", "\u{e}", "\u{1f}", "é",
        ];
        for a in pieces {
            for b in pieces {
                for pad in 0..9 {
                    let text = format!("{}{a}{}{b}abc def", "q".repeat(pad), "r ".repeat(pad));
                    for after_space in [false, true] {
                        let bytes = text.as_bytes();
                        assert_eq!(
                            run_of(bytes, after_space, true),
                            run_of(bytes, after_space, false),
                            "{text:?} {after_space}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn strips_markup() {
        assert_eq!(plain("4<sup>th</sup> September"), "4th September");
        assert_eq!(
            plain("Email [a@b.org](mailto:a@b.org) now"),
            "Email a@b.org now"
        );
        assert_eq!(plain("a  *b*\t **c**"), "a b c");
        assert_eq!(plain("x < y > z"), "x < y > z");
    }

    #[test]
    fn leads_and_emphasis() {
        let p = parse("***Prioritise the core.*** This will help.");
        assert_eq!(p.lead.as_deref(), Some("Prioritise the core."));
        assert_eq!(p.text, "Prioritise the core. This will help.");
        assert!(!p.emphasised);
        assert!(parse("**Whole thing bold**").emphasised);
        assert_eq!(parse("**unclosed lead").lead, None);
    }
}
