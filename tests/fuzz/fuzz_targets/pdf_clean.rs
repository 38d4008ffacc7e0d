//! Fuzz target: our PDF post-processing alone (running lines, labels,
//! bullets, headings by size, hyphens, page breaks), on pages of lines made
//! from any bytes. A panic here is ours: the hook aborts.

#![no_main]

use libfuzzer_sys::fuzz_target;
use peertrail_read::{clean_pages, PdfLine};

fuzz_target!(|bytes: &[u8]| {
    // Pages split at 0xFF, lines at newlines; the first two bytes of a line
    // give its size and left edge, a third says a gap comes before it.
    let pages: Vec<Vec<PdfLine>> = bytes
        .split(|b| *b == 0xFF)
        .map(|page| {
            page.split(|b| *b == b'\n')
                .enumerate()
                .map(|(i, line)| {
                    let (head, text) = line.split_at(line.len().min(3));
                    let get = |k: usize| f32::from(head.get(k).copied().unwrap_or(0));
                    PdfLine {
                        text: String::from_utf8_lossy(text).into_owned(),
                        size: get(0) / 8.0,
                        x: get(1) * 2.0,
                        y: i as f32 * 14.0,
                        gap_before: get(2) as u32 % 2 == 1,
                    }
                })
                .collect()
        })
        .collect();
    let (text, starts) = clean_pages(pages);
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    assert!(starts.iter().all(|s| *s <= text.len() && text.is_char_boundary(*s)));
});
