//! Finding a byte of interest in long text a block at a time: most
//! blocks hold none, and a branch-free test over a block compiles to
//! vector compares instead of a branch a byte. Readers and exporters both
//! pass over megabytes of ordinary text looking for the rare byte that
//! needs them (a control character, a quote to escape).

/// Bytes tested together before any is looked at one by one.
const BLOCK: usize = 32;

/// The first position in `bytes` where `wanted` holds. `wanted` should
/// be cheap and branch-free (`|` rather than `||`) for the block test to
/// vectorise; the answer is the same either way.
pub fn position_blockwise(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            return block.iter().position(|&b| wanted(b)).map(|k| at + k);
        }
        at += block.len();
    }
    None
}

/// Eight copies of a byte, for testing eight bytes of text at once.
pub const fn repeat_byte(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte that is zero in `word` (and possibly of a
/// byte just above a zero one): none exactly when no byte is zero. XOR
/// with [`repeat_byte`]`(b)` first to ask about `b`.
pub fn zero_bytes(word: u64) -> u64 {
    bytes_below(word, 0x01)
}

/// The high bit of each byte of `word` under `n` (at most 0x80), and
/// possibly of a byte above such a one (taking `n` from a byte under it
/// borrows, and the borrow runs upwards), never of one below: none exactly
/// when no byte is under `n`, and the lowest mark is the first such byte.
pub fn bytes_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(repeat_byte(n)) & !word & repeat_byte(0x80)
}

/// Whether any byte of `bytes` is one of `set`: eight bytes at a time
/// (an exact bit test for a zero byte after XOR with each wanted byte),
/// then the few left one by one. For the short strings exporters write a
/// cell at a time, where a vector block is mostly padding and a byte loop
/// branches on every byte.
pub fn holds_any<const N: usize>(bytes: &[u8], set: [u8; N]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let hit = set
            .iter()
            .fold(0, |hit, &b| hit | zero_bytes(word ^ repeat_byte(b)));
        if hit != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|b| set.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowest_mark_of_bytes_below_is_the_first_such_byte() {
        for n in [0x01u8, 0x0e, 0x20, 0x80] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    for fill in [n, 0x7f, 0xff, n.wrapping_sub(1)] {
                        let mut eight = [fill; 8];
                        eight[at] = b;
                        let want = eight.iter().position(|&c| c < n);
                        let marks = bytes_below(u64::from_le_bytes(eight), n);
                        let got = (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize);
                        assert_eq!(got, want, "{n:#x} {eight:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn holds_any_finds_a_wanted_byte_at_every_offset() {
        let set = [b',', b'"', b'\r', b'\n'];
        for len in 0..20 {
            let plain = vec![b'a'; len];
            assert!(!holds_any(&plain, set));
            for at in 0..len {
                for &b in &set {
                    let mut t = plain.clone();
                    t[at] = b;
                    assert!(holds_any(&t, set), "{len} {at} {b}");
                }
                // A byte just above or below a wanted one is not one.
                let mut t = plain.clone();
                t[at] = b'-';
                t[at.saturating_sub(1)] = 0x01;
                assert!(!holds_any(&t, set), "{len} {at}");
            }
        }
    }

    #[test]
    fn the_first_wanted_byte_is_found_across_blocks() {
        let quote = |b: u8| b == b'"';
        let mut text = vec![b'a'; 100];
        assert_eq!(position_blockwise(&text, quote), None);
        for at in [0, 31, 32, 63, 99] {
            let mut t = text.clone();
            t[at] = b'"';
            assert_eq!(position_blockwise(&t, quote), Some(at));
        }
        text[40] = b'"';
        text[70] = b'"';
        assert_eq!(position_blockwise(&text, quote), Some(40));
        assert_eq!(position_blockwise(&[], quote), None);
    }
}
