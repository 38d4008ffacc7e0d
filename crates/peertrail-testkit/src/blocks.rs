//! A report's text → blocks, following the segmenter's rules for where a
//! block starts, and inline markup → runs of plain and bold text.

/// One block of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A `#` heading and its level.
    Heading(usize, Vec<Run>),
    /// A paragraph (its lines joined).
    Paragraph(Vec<Run>),
    /// A list item: its label as printed (`None` for a bullet), its depth.
    Item(Option<String>, usize, Vec<Run>),
    /// A table row's cells.
    Row(Vec<String>),
}

/// A run of text, bold or not, markup removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The words.
    pub text: String,
    /// Whether it is bold.
    pub bold: bool,
}

/// The plain text of runs.
pub fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Reads `text` into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The block being gathered: kind and raw text.
    let mut current: Option<(Kind, String)> = None;
    let mut last_line = String::new();
    let flush = |current: &mut Option<(Kind, String)>, out: &mut Vec<Block>| {
        if let Some((kind, raw)) = current.take() {
            let runs = runs(&raw);
            if plain(&runs).trim().is_empty() {
                return;
            }
            out.push(match kind {
                Kind::Heading(l) => Block::Heading(l, runs),
                Kind::Paragraph => Block::Paragraph(runs),
                Kind::Item(label, depth) => Block::Item(label, depth, runs),
            });
        }
    };
    for raw_line in text.lines() {
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        let indented = trimmed.len() < line.len();
        if trimmed.is_empty() {
            flush(&mut current, &mut out);
            last_line.clear();
            continue;
        }
        if let Some(level) = heading_level(trimmed) {
            flush(&mut current, &mut out);
            current = Some((Kind::Heading(level), trimmed[level..].trim().to_string()));
            flush(&mut current, &mut out);
        } else if trimmed.starts_with('|') {
            flush(&mut current, &mut out);
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split('|')
                .map(|c| plain(&runs(c.trim())))
                .collect();
            let rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            if !rule {
                out.push(Block::Row(cells));
            }
        } else if let Some((label, rest)) = marker(trimmed) {
            flush(&mut current, &mut out);
            let depth = usize::from(indented);
            current = Some((Kind::Item(label, depth), rest.to_string()));
        } else {
            let continues = match &current {
                Some((Kind::Item(..), _)) => indented || !ends_sentence(&last_line),
                Some((Kind::Paragraph, _)) => {
                    // A line ending ":" after a sentence starts a paragraph.
                    !(trimmed.ends_with(':') && ends_sentence(&last_line) && !indented)
                }
                _ => false,
            };
            match (&mut current, continues) {
                (Some((_, text)), true) => {
                    text.push(' ');
                    text.push_str(trimmed);
                }
                _ => {
                    flush(&mut current, &mut out);
                    // An indented line starting a block is a bullet whose
                    // glyph the text lost: drawn as one.
                    let kind = if indented {
                        Kind::Item(None, 0)
                    } else {
                        Kind::Paragraph
                    };
                    current = Some((kind, trimmed.to_string()));
                }
            }
        }
        last_line = trimmed.to_string();
    }
    flush(&mut current, &mut out);
    out
}

#[derive(Debug, Clone)]
enum Kind {
    Heading(usize),
    Paragraph,
    Item(Option<String>, usize),
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with(['.', '!', '?', ':', ';'])
}

/// A list marker: a bullet (label `None`) or a numbered label, and the rest.
fn marker(line: &str) -> Option<(Option<String>, &str)> {
    for bullet in ["- ", "* ", "• ", "● ", "▪ ", "◦ ", "o "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            if bullet == "o " && !rest.starts_with(char::is_uppercase) {
                continue;
            }
            // `**bold**` is not a bullet.
            return Some((None, rest.trim_start()));
        }
    }
    let bytes = line.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'('));
    let open = i == 1;
    let r = !open && bytes.first() == Some(&b'R') && bytes.get(1).is_some_and(u8::is_ascii_digit);
    i += usize::from(r);
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let letter = digits == 0 && !r && bytes.get(i).is_some_and(u8::is_ascii_lowercase);
    if !(1..=3).contains(&digits) && !letter {
        return None;
    }
    i += if letter { 1 } else { digits };
    let close = bytes.get(i)?;
    let ok = matches!(
        (open, r, letter, close),
        (true, _, _, b')')
            | (false, true, _, b':' | b'.')
            | (false, false, false, b'.' | b')')
            | (false, false, true, b')')
    );
    if !ok || !bytes.get(i + 1).is_some_and(|b| *b == b' ' || *b == b'\t') {
        return None;
    }
    Some((Some(line[..=i].to_string()), line[i + 1..].trim_start()))
}

/// Inline markup → runs: `**`/`***`/`__` bold, `*` italic dropped,
/// `<sup>`/`<b>` tags dropped, `[label](url)` → label.
pub fn runs(text: &str) -> Vec<Run> {
    let text = text
        .replace("<sup>", "")
        .replace("</sup>", "")
        .replace("<b>", "**")
        .replace("</b>", "**");
    let text = links(&text);
    let mut out: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("***") {
            bold = !bold;
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix("**") {
            bold = !bold;
            rest = r;
            continue;
        }
        let next = rest.find("**").unwrap_or(rest.len());
        let piece = rest[..next].replace('*', "");
        if !piece.is_empty() {
            match out.last_mut() {
                Some(last) if last.bold == bold => last.text.push_str(&piece),
                _ => out.push(Run { text: piece, bold }),
            }
        }
        rest = &rest[next..];
    }
    out
}

fn links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let parsed = after.find("](").and_then(|close| {
            let url = &after[close + 2..];
            url.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match parsed {
            Some((close, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_like_the_segmenter() {
        let b = blocks("# Title\n\nA line\nwrapped.\nThe points were:\n- one\n  more\n2. **Bold.** rest\n| a | b |\n|---|---|\n");
        assert_eq!(b.len(), 6, "{b:?}");
        assert_eq!(
            plain(match &b[1] {
                Block::Paragraph(r) => r,
                _ => panic!("{b:?}"),
            }),
            "A line wrapped."
        );
        assert_eq!(
            b[4],
            Block::Item(
                Some("2.".into()),
                0,
                vec![
                    Run {
                        text: "Bold.".into(),
                        bold: true
                    },
                    Run {
                        text: " rest".into(),
                        bold: false
                    }
                ]
            )
        );
    }
}
