//! Name normalisation for [`crate::Gazetteer::by_name`]: case, punctuation,
//! "&"/"and" and "St"/"St."/"Saint" are ignored, and council-type words
//! ("Borough Council", "MBC", "London Borough of") can be stripped.

/// Lower-cases `s`, reads "&" as "and", drops apostrophes and full stops,
/// turns other punctuation into spaces, reads "saint" as "st", drops a
/// leading "the" and collapses white space.
pub(crate) fn normalise(s: &str) -> String {
    // Written word by word into one string: every name a report writes is
    // looked up, and splitting and joining cost most of the look-up.
    let mut out = Words::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => {
                out.end();
                out.push_str("and");
                out.end();
            }
            '\'' | '\u{2019}' | '\u{2018}' | '.' => {}
            c if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    out.push(lower);
                }
            }
            _ => out.end(),
        }
    }
    out.end();
    out.text
}

/// Normalised words being written: one space between them, a leading
/// "the" dropped, "saint" written "st".
struct Words {
    text: String,
    /// Where the word being written starts, if one is.
    word: Option<usize>,
    /// Words ended so far (a dropped "the" counts).
    ended: usize,
}

impl Words {
    fn with_capacity(bytes: usize) -> Words {
        Words {
            text: String::with_capacity(bytes),
            word: None,
            ended: 0,
        }
    }

    fn start(&mut self) {
        if self.word.is_none() {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.word = Some(self.text.len());
        }
    }

    fn push(&mut self, c: char) {
        self.start();
        self.text.push(c);
    }

    fn push_str(&mut self, s: &str) {
        self.start();
        self.text.push_str(s);
    }

    fn end(&mut self) {
        let Some(at) = self.word.take() else {
            return;
        };
        let word = self.text.get(at..).unwrap_or_default();
        if self.ended == 0 && word == "the" {
            self.text.truncate(at);
        } else if word == "saint" {
            self.text.truncate(at);
            self.text.push_str("st");
        }
        self.ended += 1;
    }
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
    fn only_a_leading_the_goes_and_every_saint_is_st() {
        let cases = [
            ("the The Saint&saint", "the st and st"),
            ("  The  ", ""),
            ("&the", "and the"),
            ("Saints' Vale", "saints vale"),
            ("", ""),
            ("ÉCOLE Ærø", "école ærø"),
        ];
        for (name, normal) in cases {
            assert_eq!(normalise(name), normal, "{name:?}");
        }
    }

    #[test]
    fn strips_council_words() {
        assert_eq!(core("sefton mbc"), "sefton");
        assert_eq!(core("london borough of barnet"), "barnet");
        assert_eq!(core("babergh district council"), "babergh");
        assert_eq!(core("council"), "council");
    }
}
