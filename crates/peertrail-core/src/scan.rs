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

#[cfg(test)]
mod tests {
    use super::*;

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
