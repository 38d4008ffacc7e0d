//! Unsigned integers in decimal without the formatting machinery: the
//! exporters write millions of them (row numbers, counts, lines, dates).

/// `n` in decimal, written into the end of `buf` (20 bytes hold any
/// `u64`); the digits, as text.
pub fn decimal(buf: &mut [u8; 20], mut n: u64) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        // A digit is below 10: the cast cannot truncate.
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_is_display() {
        for n in [0, 1, 9, 10, 99, 100, 4_294_967_296, u64::MAX] {
            let mut buf = [0; 20];
            assert_eq!(decimal(&mut buf, n), n.to_string());
        }
    }
}
