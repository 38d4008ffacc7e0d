//! Name normalisation for [`crate::Gazetteer::by_name`]: case, punctuation,
//! "&"/"and" and "St"/"St."/"Saint" are ignored, and council-type words
//! ("Borough Council", "MBC", "London Borough of") can be stripped.

/// Lower-cases `s`, reads "&" as "and", drops apostrophes and full stops,
/// turns other punctuation into spaces, reads "saint" as "st", drops a
/// leading "the" and collapses white space.
pub(crate) fn normalise(s: &str) -> String {
    let mut spaced = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => spaced.push_str(" and "),
            '\'' | '\u{2019}' | '\u{2018}' | '.' => {}
            c if c.is_alphanumeric() => spaced.extend(c.to_lowercase()),
            _ => spaced.push(' '),
        }
    }
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    for word in &mut words {
        if *word == "saint" {
            *word = "st";
        }
    }
    words.join(" ")
}

/// Council-type endings, longest first, in normalised form.
const SUFFIXES: &[&str] = &[
    " metropolitan borough council",
    " metropolitan district council",
    " city and district council",
    " county borough council",
    " borough council",
    " district council",
    " county council",
    " city council",
    " unitary authority",
    " council",
    " mbc",
    " mdc",
    " bc",
    " dc",
    " cc",
];

/// Council-type beginnings, in normalised form.
const PREFIXES: &[&str] = &[
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough council of ",
    "council of the ",
    "borough of ",
];

/// The normalised name with council-type words stripped from both ends:
/// "london borough of barnet" → "barnet", "sefton mbc" → "sefton".
pub(crate) fn core(normalised: &str) -> &str {
    let mut s = normalised;
    for suffix in SUFFIXES {
        if let Some(stripped) = s.strip_suffix(suffix) {
            if !stripped.is_empty() {
                s = stripped;
                break;
            }
        }
    }
    for prefix in PREFIXES {
        if let Some(stripped) = s.strip_prefix(prefix) {
            if !stripped.is_empty() {
                s = stripped;
                break;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_punctuation_and_ampersands() {
        assert_eq!(
            normalise("King’s Lynn & West Norfolk"),
            "kings lynn and west norfolk"
        );
        assert_eq!(normalise("St. Helens"), normalise("Saint Helens"));
        assert_eq!(
            normalise("The Royal Borough of Kensington and Chelsea"),
            "royal borough of kensington and chelsea"
        );
        assert_eq!(normalise("Stoke-on-Trent"), "stoke on trent");
    }

    #[test]
    fn strips_council_words() {
        assert_eq!(core("sefton mbc"), "sefton");
        assert_eq!(core("london borough of barnet"), "barnet");
        assert_eq!(core("babergh district council"), "babergh");
        assert_eq!(core("council"), "council");
    }
}
