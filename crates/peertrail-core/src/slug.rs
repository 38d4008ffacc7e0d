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

#[cfg(test)]
mod tests {
    use super::slugify;

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
