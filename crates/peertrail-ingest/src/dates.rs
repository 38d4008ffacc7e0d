//! Dates as reports write them: "25th November 2020", "4th September –
//! 7th September 2018", "10-13 SEPTEMBER 2019", "19 and 20 October 2022",
//! "30 September – 3 October 2019", "January 2019", "late 2017".
//!
//! One left-to-right pass over the words of a text; every mention keeps its
//! byte range so extractors can tell a review's dates from decoy dates by
//! the words around them. A date whose parts do not make a real calendar
//! day is no date at all: nothing is ever guessed.

use chrono::NaiveDate;
use peertrail_core::DateSpan;

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the mention's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// What it says, at the precision it says it.
    pub span: DateSpan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A day-sized number, with or without an ordinal suffix.
    Day(u32),
    /// A plausible year.
    Year(i32),
    Month(u32),
    /// `-`, `–`, `—`, `to`, `until`.
    RangeSep,
    And,
    /// A comma right after a day or month: "25th February, 2016",
    /// "March 27, 2024". Anywhere else a comma is `Other`.
    Comma,
    /// `of`: "the autumn of 2016".
    Of,
    /// `late`, `early`, `mid`, `autumn`, …: a vaguer part of a year.
    Vague,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    tok: Tok,
    start: usize,
    end: usize,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a capitalised month name (or its short form) names.
pub fn month_number(word: &str) -> Option<u32> {
    month_of(word)
}

fn month_of(word: &str) -> Option<u32> {
    // "May" the month is capitalised; "may" is a verb.
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let bare = word.trim_end_matches('.');
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // The names are lower-case ASCII: comparing without regard to ASCII
    // case is comparing the lower-cased word, without making it.
    let index = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(bare))
        .or_else(|| SHORT.iter().position(|m| m.eq_ignore_ascii_case(bare)))
        .or_else(|| bare.eq_ignore_ascii_case("sept").then_some(8))?;
    u32::try_from(index + 1).ok()
}

/// Words that are parts of dates other than numbers and months.
const WORD_TOKENS: &[(&str, Tok)] = &[
    ("-", Tok::RangeSep),
    ("\u{2013}", Tok::RangeSep),
    ("\u{2014}", Tok::RangeSep),
    ("to", Tok::RangeSep),
    ("until", Tok::RangeSep),
    ("and", Tok::And),
    ("&", Tok::And),
    ("of", Tok::Of),
    ("late", Tok::Vague),
    ("early", Tok::Vague),
    ("mid", Tok::Vague),
    ("spring", Tok::Vague),
    ("summer", Tok::Vague),
    ("autumn", Tok::Vague),
    ("fall", Tok::Vague),
    ("winter", Tok::Vague),
];

// Every word of every text is classified: nothing here allocates.
fn classify(word: &str) -> Tok {
    if let Some((_, tok)) = WORD_TOKENS
        .iter()
        .find(|(w, _)| w.len() == word.len() && w.eq_ignore_ascii_case(word))
    {
        return *tok;
    }
    if let Some(m) = month_of(word) {
        return Tok::Month(m);
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Tok::Other;
    }
    let (num, suffix) = word.split_at(digits);
    if digits == 4 && suffix.is_empty() {
        if let Ok(y) = num.parse::<i32>() {
            if (1990..=2100).contains(&y) {
                return Tok::Year(y);
            }
        }
        return Tok::Other;
    }
    let ordinal = ["", "st", "nd", "rd", "th"]
        .iter()
        .any(|o| o.eq_ignore_ascii_case(suffix));
    if digits <= 2 && ordinal {
        if let Ok(d) = num.parse::<u32>() {
            if (1..=31).contains(&d) {
                return Tok::Day(d);
            }
        }
    }
    Tok::Other
}

/// Splits text into words and dash separators, with byte offsets. Commas
/// and other punctuation end a word; a comma between parts of a date
/// ("Tuesday, 4 September") is allowed by the matcher skipping nothing, so
/// it simply breaks the date, which is the safe outcome.
fn words(text: &str) -> Vec<Word> {
    words_until(text, |_| false)
}

/// The words of [`words`] up to the first for which `enough` holds of the
/// words so far; every word returned is whole.
fn words_until(text: &str, enough: impl Fn(&[Word]) -> bool) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |out: &mut Vec<Word>, s: usize, e: usize| {
        let w = &text[s..e];
        push(
            out,
            Word {
                tok: classify(w),
                start: s,
                end: e,
            },
        );
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if enough(&out) {
            return out;
        }
        // A run of ASCII letters and digits, most of any text, is passed
        // in one step: nothing is added to `out` until the word ends, so
        // `enough` would answer the same after each of them.
        if byte.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1 + bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        if c.is_alphanumeric()
            || (c == '.'
                && start.is_some()
                && text[at + 1..].starts_with(|n: char| n.is_alphanumeric()))
        {
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        if let Some(s) = start.take() {
            flush(&mut out, s, at);
        }
        if matches!(c, '-' | '–' | '—' | '&') {
            push(
                &mut out,
                Word {
                    tok: classify(&text[at..at + c.len_utf8()]),
                    start: at,
                    end: at + c.len_utf8(),
                },
            );
        } else if c == ',' || c == ';' || c == '(' || c == ')' {
            push(
                &mut out,
                Word {
                    tok: if c == ',' { Tok::Comma } else { Tok::Other },
                    start: at,
                    end: at + 1,
                },
            );
        }
    }
    if let Some(s) = start {
        flush(&mut out, s, text.len());
    }
    out
}

/// Adds a word; a run of words that cannot be part of a date is kept as
/// one, since any of them breaks a date the same way (and a 50 MB text of
/// prose then costs a few entries, not millions).
fn push(out: &mut Vec<Word>, mut word: Word) {
    // Only a comma after a day or a month can sit inside a date; any other
    // is plain punctuation (and a text of a million commas stays small).
    if word.tok == Tok::Comma
        && !out
            .last()
            .is_some_and(|w| matches!(w.tok, Tok::Day(_) | Tok::Month(_)))
    {
        word.tok = Tok::Other;
    }
    if word.tok == Tok::Other && out.last().is_some_and(|w| w.tok == Tok::Other) {
        return;
    }
    out.push(word);
}

/// Every date in `text`, in order. Plain years ("2030", "in 2017") are
/// included only when `years` is true, since most are not dates of a review.
pub fn find_dates(text: &str, years: bool) -> Vec<DateMention> {
    if !has_digit(text) {
        return Vec::new();
    }
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if let Some((mention, next)) = match_at(&w, i, years) {
            out.push(mention);
            i = next;
        } else if matches!((tok(&w, i), tok(&w, i + 1)), (Tok::Day(_), Tok::Month(_))) {
            // "31 February 2019" is no date; its month and year are not one either.
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// The date [`find_dates`] reads starting exactly at byte `at` of `text`,
/// if any, without reading the rest of the text. Valid when the word
/// before `at` can be no part of a date (such as "by" in "by 5 March
/// 2024"): no date or skipped day then runs across it, so the left-to-right
/// pass reaches `at` afresh whatever came before, and what it reads there
/// depends only on the few words after.
pub fn date_starting_at(text: &str, at: usize, years: bool) -> Option<DateMention> {
    let rest = text.get(at..)?;
    // A date is at most nine words ("4 September, 2018 – 7 September,
    // 2018") and holds no word that is no part of a date: the words up to
    // the first such, or a few more than nine, are all it can look at.
    let w = words_until(rest, |w| {
        w.len() >= 16 || w.last().is_some_and(|last| last.tok == Tok::Other)
    });
    if w.first().is_none_or(|first| first.start != 0) {
        return None;
    }
    let (mention, _) = match_at(&w, 0, years)?;
    Some(DateMention {
        start: mention.start + at,
        end: mention.end + at,
        span: mention.span,
    })
}

/// Whether `text` holds an ASCII digit. Every date has one (a day or a
/// year is written in digits, and only ASCII digits are read as numbers),
/// so a text without one holds no date and is not split into words at all:
/// most sentences asked about are such texts.
pub(crate) fn has_digit(text: &str) -> bool {
    peertrail_core::position_blockwise(text.as_bytes(), |b| b.is_ascii_digit()).is_some()
}

fn tok(w: &[Word], i: usize) -> Tok {
    w.get(i).map_or(Tok::Other, |x| x.tok)
}

/// The year at `i`, or after a comma at `i` ("February, 2016"), with the
/// index of the year's word.
fn year_at(w: &[Word], i: usize) -> Option<(i32, usize)> {
    match tok(w, i) {
        Tok::Year(y) => Some((y, i)),
        Tok::Comma => match tok(w, i + 1) {
            Tok::Year(y) => Some((y, i + 1)),
            _ => None,
        },
        _ => None,
    }
}

fn mention(w: &[Word], from: usize, to: usize, span: DateSpan) -> (DateMention, usize) {
    let start = w.get(from).map_or(0, |x| x.start);
    let end = w.get(to).map_or(start, |x| x.end);
    (DateMention { start, end, span }, to + 1)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn match_at(w: &[Word], i: usize, years: bool) -> Option<(DateMention, usize)> {
    match tok(w, i) {
        Tok::Day(d1) => match_from_day(w, i, d1),
        Tok::Month(m) => match_from_month(w, i, m),
        // "late 2017", "the autumn of 2016": the year, nothing finer.
        Tok::Vague => match (tok(w, i + 1), tok(w, i + 2)) {
            (Tok::Year(y), _) => Some(mention(w, i, i + 1, DateSpan::year(y).ok()?)),
            (Tok::Of, Tok::Year(y)) => Some(mention(w, i, i + 2, DateSpan::year(y).ok()?)),
            // "early December 2023" is December 2023: the month matches next.
            _ => None,
        },
        Tok::Year(y) if years => {
            // "2020-24" is a plan's period, not a date.
            if tok(w, i + 1) == Tok::RangeSep {
                return None;
            }
            Some(mention(w, i, i, DateSpan::year(y).ok()?))
        }
        _ => None,
    }
}

/// `Month YYYY`, `Month, YYYY`, `Month – Month YYYY` (a month range),
/// `Month D, YYYY` (the US order of "Last Updated On: January 26, 2016").
fn match_from_month(w: &[Word], i: usize, m: u32) -> Option<(DateMention, usize)> {
    if let Some((y, at)) = year_at(w, i + 1) {
        return Some(mention(w, i, at, DateSpan::month(y, m).ok()?));
    }
    if let Tok::Day(d) = tok(w, i + 1) {
        if tok(w, i + 2) == Tok::Comma {
            if let Tok::Year(y) = tok(w, i + 3) {
                return Some(mention(w, i, i + 3, DateSpan::day(ymd(y, m, d)?)));
            }
        }
        return None;
    }
    if matches!(tok(w, i + 1), Tok::RangeSep | Tok::And) {
        if let Tok::Month(m2) = tok(w, i + 2) {
            let (y, at) = year_at(w, i + 3)?;
            let y1 = if m > m2 { y - 1 } else { y };
            let span = month_range(y1, m, y, m2)?;
            return Some(mention(w, i, at, span));
        }
    }
    None
}

/// The months from `m1` of `y1` to `m2` of `y2`, at month precision.
pub fn month_range(y1: i32, m1: u32, y2: i32, m2: u32) -> Option<DateSpan> {
    let first = DateSpan::month(y1, m1).ok()?;
    let last = DateSpan::month(y2, m2).ok()?;
    (first.start <= last.start).then_some(DateSpan {
        start: first.start,
        end: last.end,
        precision: peertrail_core::Precision::Month,
    })
}

/// `D Month YYYY`, `D Month – D Month YYYY`, `D – D Month YYYY`,
/// `D and D Month YYYY`.
fn match_from_day(w: &[Word], i: usize, d1: u32) -> Option<(DateMention, usize)> {
    // D Month YYYY, possibly followed by "– D Month YYYY".
    if let Tok::Month(m1) = tok(w, i + 1) {
        if let Some((y1, at)) = year_at(w, i + 2) {
            let start = ymd(y1, m1, d1)?;
            if tok(w, at + 1) == Tok::RangeSep {
                if let (Tok::Day(d2), Tok::Month(m2), Some((y2, end_at))) =
                    (tok(w, at + 2), tok(w, at + 3), year_at(w, at + 4))
                {
                    if let Some(end) = ymd(y2, m2, d2) {
                        if let Ok(span) = DateSpan::days(start, end) {
                            return Some(mention(w, i, end_at, span));
                        }
                    }
                }
            }
            return Some(mention(w, i, at, DateSpan::day(start)));
        }
        // D Month – D Month YYYY (the year once, at the end).
        if matches!(tok(w, i + 2), Tok::RangeSep | Tok::And) {
            if let (Tok::Day(d2), Tok::Month(m2), Some((y, at))) =
                (tok(w, i + 3), tok(w, i + 4), year_at(w, i + 5))
            {
                // A range that crosses the new year: 30 December – 2 January 2020.
                let y1 = if m1 > m2 { y - 1 } else { y };
                let span = DateSpan::days(ymd(y1, m1, d1)?, ymd(y, m2, d2)?).ok()?;
                return Some(mention(w, i, at, span));
            }
        }
        return None;
    }
    // D – D Month YYYY, D and D Month YYYY, D to D Month, YYYY.
    if matches!(tok(w, i + 1), Tok::RangeSep | Tok::And) {
        if let (Tok::Day(d2), Tok::Month(m), Some((y, at))) =
            (tok(w, i + 2), tok(w, i + 3), year_at(w, i + 4))
        {
            let span = DateSpan::days(ymd(y, m, d1)?, ymd(y, m, d2)?).ok()?;
            return Some(mention(w, i, at, span));
        }
    }
    None
}

/// Days written without a year: "from 11 to 14 October", "between 22-29th
/// November", "between 15 October and 17 October", "on 4 June". The
/// caller decides which year the context gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yearless {
    /// Byte offset of the first day.
    pub start: usize,
    /// Byte offset one past the last month.
    pub end: usize,
    /// First day and its month.
    pub from: (u32, u32),
    /// Last day and its month (the first again for one day).
    pub to: (u32, u32),
}

impl Yearless {
    /// The days in `year` (a range that runs into January ends in the next
    /// year); `None` when they are no calendar days.
    pub fn in_year(&self, year: i32) -> Option<DateSpan> {
        let (d1, m1) = self.from;
        let (d2, m2) = self.to;
        let y2 = if m2 < m1 { year + 1 } else { year };
        DateSpan::days(ymd(year, m1, d1)?, ymd(y2, m2, d2)?).ok()
    }
}

/// Every run of days in `text` that has no year after it, in order.
pub fn find_yearless(text: &str) -> Vec<Yearless> {
    if !has_digit(text) {
        return Vec::new();
    }
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let Tok::Day(d1) = tok(&w, i) else {
            i += 1;
            continue;
        };
        let found = match (
            tok(&w, i + 1),
            tok(&w, i + 2),
            tok(&w, i + 3),
            tok(&w, i + 4),
        ) {
            // D Month – D Month
            (Tok::Month(m1), Tok::RangeSep | Tok::And, Tok::Day(d2), Tok::Month(m2)) => {
                Some(((d1, m1), (d2, m2), i + 4))
            }
            // D – D Month
            (Tok::RangeSep | Tok::And, Tok::Day(d2), Tok::Month(m), _) => {
                Some(((d1, m), (d2, m), i + 3))
            }
            // D Month
            (Tok::Month(m), _, _, _) => Some(((d1, m), (d1, m), i + 1)),
            _ => None,
        };
        match found {
            Some((from, to, last)) if year_at(&w, last + 1).is_none() => {
                let start = w.get(i).map_or(0, |x| x.start);
                let end = w.get(last).map_or(start, |x| x.end);
                out.push(Yearless {
                    start,
                    end,
                    from,
                    to,
                });
                i = last + 1;
            }
            Some((_, _, last)) => i = last + 1,
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use peertrail_core::Precision;

    fn one(text: &str) -> String {
        let found = find_dates(text, true);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let m = found[0];
        format!(
            "{} {:?} [{}]",
            m.span,
            m.span.precision,
            &text[m.start..m.end]
        )
    }

    #[test]
    fn the_shapes_reports_use() {
        assert_eq!(
            one("4th September – 7th September 2018"),
            "2018-09-04 to 2018-09-07 Day [4th September – 7th September 2018]"
        );
        assert_eq!(
            one("on 25th November 2020."),
            "2020-11-25 Day [25th November 2020]"
        );
        assert_eq!(
            one("10-13 SEPTEMBER 2019"),
            "2019-09-10 to 2019-09-13 Day [10-13 SEPTEMBER 2019]"
        );
        assert_eq!(
            one("held 19 and 20 October 2022"),
            "2022-10-19 to 2022-10-20 Day [19 and 20 October 2022]"
        );
        assert_eq!(
            one("30 September – 3 October 2019"),
            "2019-09-30 to 2019-10-03 Day [30 September – 3 October 2019]"
        );
        assert_eq!(
            one("30 December to 2 January 2020"),
            "2019-12-30 to 2020-01-02 Day [30 December to 2 January 2020]"
        );
        assert_eq!(one("in January 2019 and"), "2019-01 Month [January 2019]");
        assert_eq!(one("in late 2017"), "2017 Year [late 2017]");
        assert_eq!(one("the Sept 2020 panel"), "2020-09 Month [Sept 2020]");
    }

    #[test]
    fn commas_seasons_and_month_ranges() {
        assert_eq!(
            one("from 12th to 14th March, 2019 and"),
            "2019-03-12 to 2019-03-14 Day [12th to 14th March, 2019]"
        );
        assert_eq!(
            one("during 3-6 May, 2016."),
            "2016-05-03 to 2016-05-06 Day [3-6 May, 2016]"
        );
        assert_eq!(
            one("Last Updated On: January 26, 2016)"),
            "2016-01-26 Day [January 26, 2016]"
        );
        assert_eq!(one("in the autumn of 2016."), "2016 Year [autumn of 2016]");
        let m = find_dates("over November and December 2015", false)[0];
        assert_eq!(
            (m.span.start.to_string(), m.span.end.to_string()),
            ("2015-11-01".into(), "2015-12-31".into())
        );
        assert_eq!(m.span.precision, Precision::Month);
        // A comma after prose is no part of a date.
        assert!(find_dates("the report, 2016 onwards", false).is_empty());
    }

    #[test]
    fn days_without_a_year() {
        let y = find_yearless("met between 22-29th November and later, from 11 to 14 October 2022");
        assert_eq!(y.len(), 1, "{y:?}");
        assert_eq!((y[0].from, y[0].to), ((22, 11), (29, 11)));
        assert_eq!(
            y[0].in_year(2021).map(|s| s.to_string()),
            Some("2021-11-22 to 2021-11-29".to_string())
        );
        let y = find_yearless("(between 15 October and 17 October)");
        assert_eq!((y[0].from, y[0].to), ((15, 10), (17, 10)));
        let y = find_yearless("from 30 December to 2 January");
        assert_eq!(
            y[0].in_year(2019).map(|s| s.to_string()),
            Some("2019-12-30 to 2020-01-02".to_string())
        );
        assert!(find_yearless("31 February")
            .first()
            .and_then(|y| y.in_year(2020))
            .is_none());
    }

    #[test]
    fn decoys_and_impossible_dates() {
        assert!(find_dates("the council may wish to act in 2020-24", true).is_empty());
        assert!(find_dates("31 February 2019", true).is_empty());
        assert!(find_dates("4th – 7th September", true).is_empty());
        assert!(find_dates("over 300 hours and 22 miles", true).is_empty());
        assert!(find_dates("Sefton 2030", false).is_empty());
        assert!(!has_digit("late spring, in March – no year"));
        assert!(has_digit("a long line of words before the year 2019"));
        assert!(find_dates("early March, late spring", true).is_empty());
        let m = find_dates("March 2021", false)[0];
        assert_eq!(m.span.precision, Precision::Month);
    }
}
