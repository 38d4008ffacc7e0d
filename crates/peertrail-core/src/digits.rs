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

/// `date` as `2018-09-04` in a string of its own: [`push_date`], which
/// writes what chrono's `format("%Y-%m-%d")` does without parsing a format
/// string for each date.
pub fn date_text(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(date, &mut out);
    out
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

/// `value` with `decimals` digits after the point, appended to `out`:
/// exactly what `format!("{value:.decimals$}")` writes, without the
/// formatter's exact decimal expansion (a couple of thousand
/// instructions a number) where plain arithmetic gives the same digits.
///
/// The value is scaled and rounded in floating point. The product is off
/// by at most one unit in its last place, far less than a millionth for
/// the magnitudes taken here; so when its fraction is not within a
/// millionth of one half, it rounds the way the exact value does. Every
/// other value (a near tie, a negative or a huge one, too many decimals)
/// goes through the formatter.
pub fn push_fixed(value: f64, decimals: usize, out: &mut String) {
    /// Above this the product's error could reach the millionth.
    const LARGEST: f64 = 1e9;
    const POWERS: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    let fast = POWERS.get(decimals).and_then(|&power| {
        let scaled = value * power;
        let near_tie = (scaled.fract() - 0.5).abs() < 1e-6;
        (value.is_sign_positive() && scaled < LARGEST && !near_tie).then(|| scaled.round() as u64)
    });
    let Some(units) = fast else {
        let _ = write!(out, "{value:.decimals$}");
        return;
    };
    let mut buf = [0; 20];
    let digits = decimal(&mut buf, units);
    // Digits before the point, then after it (zero-padded).
    let whole = digits.len().saturating_sub(decimals);
    if whole == 0 {
        out.push('0');
    } else {
        out.push_str(&digits[..whole]);
    }
    if decimals > 0 {
        out.push('.');
        for _ in digits.len()..decimals {
            out.push('0');
        }
        out.push_str(&digits[whole..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_fixed_is_the_formatter() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            0.125,
            0.0625,
            0.9995,
            0.99995,
            1.0005,
            2.5,
            0.045,
            0.015,
            0.125_000_1,
            0.7,
            0.35,
            0.85,
            1e-7,
            123_456.789_1,
            999_999_999.999,
            1e10,
            -0.001,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        // Every confidence and score the graph writes is rounded to three
        // places; and a spread of others.
        values.extend((0..=20_000).map(|i| f64::from(i) / 1000.0));
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 10_000_000) as f64 / 9_973.0);
        }
        for v in values {
            for decimals in 0..=8 {
                let mut out = String::new();
                push_fixed(v, decimals, &mut out);
                assert_eq!(out, format!("{v:.decimals$}"), "{v:?} to {decimals}");
            }
        }
    }

    #[test]
    fn decimal_is_display() {
        for n in [0, 1, 9, 10, 99, 100, 4_294_967_296, u64::MAX] {
            let mut buf = [0; 20];
            assert_eq!(decimal(&mut buf, n), n.to_string());
        }
    }
}
