//! Turning names into the readable, stable fragments that ids are made of.

/// Lower-case ASCII slug: letters and digits kept, everything else folded
/// into single hyphens, no leading or trailing hyphen.
///
/// Accented Latin letters fold to their base letter so that "Sefton" and a
/// mis-encoded variant still agree; other characters become separators.
/// The result is safe as a path component and inside every output format.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for ch in name.chars() {
        let folded = fold(ch);
        match folded {
            Some(c) if c.is_ascii_alphanumeric() => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(c.to_ascii_lowercase());
            }
            // An apostrophe joins rather than splits: "Chairs' Group", "St Helen's".
            _ if matches!(ch, '\'' | '\u{2019}') => {}
            _ => pending_hyphen = true,
        }
    }
    out
}

fn fold(ch: char) -> Option<char> {
    if ch.is_ascii() {
        return Some(ch);
    }
    let base = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    };
    Some(base)
}

/// The longest encoded id [`page_name`] keeps whole; longer ones are cut
/// and hashed.
const MAX_PAGE_NAME: usize = 150;

/// The name of the page an id gets in the HTML report (and that the Excel
/// tracker links to): `id` with every byte outside `[a-z0-9-]` written as
/// `_xx` (lower-case hex), so different ids give different names and a
/// name never leaves its folder. A very long id keeps its first 100 bytes
/// and an FNV-1a hash of the whole.
pub fn page_name(id: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(id.len() + 8);
    for b in id.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
            out.push(char::from(b));
        } else {
            out.push('_');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    if out.len() > MAX_PAGE_NAME {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in id.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.truncate(100);
        out.push_str(&format!("_h{h:016x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{page_name, slugify};

    #[test]
    fn page_names_write_other_bytes_as_hex() {
        for id in ["corrington/2019-09-cpc#r2", "", "é\u{7f}\u{1}A", "a_b.c"] {
            let mut expected = String::new();
            for b in id.bytes() {
                if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
                    expected.push(char::from(b));
                } else {
                    expected.push_str(&format!("_{b:02x}"));
                }
            }
            if expected.is_empty() {
                expected.push('_');
            }
            assert_eq!(page_name(id), expected, "{id:?}");
        }
    }

    #[test]
    fn folds_punctuation_and_case() {
        assert_eq!(
            slugify("St Helens Borough Council"),
            "st-helens-borough-council"
        );
        assert_eq!(slugify("  Chairs' Group  "), "chairs-group");
        assert_eq!(slugify("Cheshire West & Chester"), "cheshire-west-chester");
        assert_eq!(slugify("Renée O’Neill"), "renee-oneill");
    }

    #[test]
    fn hostile_text_cannot_escape_a_path() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("/abs\0path"), "abs-path");
        assert_eq!(slugify("\u{202e}<script>"), "script");
        assert_eq!(slugify("..."), "");
    }
}
