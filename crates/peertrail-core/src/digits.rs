//! Unsigned integers and dates in decimal without the formatting
//! machinery: the exporters write millions of them (row numbers, counts,
//! lines, dates), and ingest makes an id or a date key for every item.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

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

/// `n` in decimal, zero-padded to `width` digits, appended to `out`.
pub fn push_padded(n: u64, width: usize, out: &mut String) {
    let mut buf = [0; 20];
    let digits = decimal(&mut buf, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// `date` as its `Display` writes it (`2018-09-04`), appended to `out`:
/// digit by digit for a four-digit year, the long way for any other.
pub fn push_date(date: NaiveDate, out: &mut String) {
    match u64::try_from(date.year()) {
        Ok(year) if year <= 9999 => {
            push_padded(year, 4, out);
            out.push('-');
            push_padded(u64::from(date.month()), 2, out);
            out.push('-');
            push_padded(u64::from(date.day()), 2, out);
        }
        // Writing to a String cannot fail.
        _ => {
            let _ = write!(out, "{date}");
        }
    }
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
