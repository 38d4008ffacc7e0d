//! When an action plan says an action will be done: a Timescale, Due,
//! Deadline or Target date cell, or such a label in the action's text
//! ("Timescale: by March 2025", "Q3 2024/25", "ongoing").

use peertrail_core::{DateSpan, Timescale};

use crate::dates::{date_starting_at, find_dates, month_range};
use crate::text::first_labels;

/// Labels that introduce a timescale inside an action's text.
const LABELS: &[&str] = &[
    "Timescale:",
    "Timescales:",
    "Due by:",
    "Due date:",
    "Due:",
    "Deadline:",
    "Target date:",
    "By when:",
    "Completion date:",
];

/// Words that make an action ongoing rather than due.
const ONGOING: &[&str] = &[
    "ongoing",
    "on-going",
    "continuous",
    "rolling",
    "business as usual",
];

/// The timescale a cell states; `None` for an empty cell.
pub(crate) fn read(cell: &str) -> Option<Timescale> {
    let wording = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    if wording.is_empty() || wording == "-" {
        return None;
    }
    // A cell is short; plain ASCII lower case keeps byte offsets.
    let lower = wording.to_ascii_lowercase();
    let ongoing = ONGOING.iter().any(|w| lower.contains(w));
    // The latest date stated is the deadline; a year alone gives way to
    // a financial year ("2024/25" names April 2024 to March 2025).
    let dated = find_dates(&wording, true)
        .into_iter()
        .map(|m| m.span)
        .filter(|s| s.precision != peertrail_core::Precision::Year)
        .max_by_key(|s| s.end);
    let due = quarter(&lower)
        .or(dated)
        .or_else(|| financial_year(&lower))
        .or_else(|| {
            find_dates(&wording, true)
                .into_iter()
                .map(|m| m.span)
                .max_by_key(|s| s.end)
        });
    Some(Timescale {
        wording,
        due,
        ongoing: ongoing && due.is_none(),
    })
}

/// A labelled timescale inside an action's text, read to the end of its
/// line; else the last "by <date>" the text states ("will be prepared by
/// March 2020").
pub(crate) fn labelled(text: &str) -> Option<Timescale> {
    LABELS
        .iter()
        .zip(first_labels(text, LABELS))
        .find_map(|(label, at)| {
            let rest = text.get(at? + label.len()..)?.lines().next()?;
            read(rest.trim().trim_end_matches('.'))
        })
        .or_else(|| last_by_date(text).and_then(read))
}

/// "by <date>" where it last stands in `text`, from "by" to the date's
/// end. Looked for from the end, one "by " at a time: reading every date
/// of a long text to keep the last would cost far more.
fn last_by_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    memchr::memrchr2_iter(b'y', b'Y', bytes)
        .filter(|&y| {
            y >= 1 && bytes[y - 1].eq_ignore_ascii_case(&b'b') && bytes.get(y + 1) == Some(&b' ')
        })
        // The word before the date ends in "by", so it is no part of a
        // date, which is what `date_starting_at` asks.
        .find_map(|y| date_starting_at(text, y + 2, false))
        .and_then(|m| text.get(m.start.saturating_sub(3)..m.end))
}

/// "2024/25" or "2024-25" as its first year.
fn financial_start(word: &str) -> Option<i32> {
    let (a, b) = word.split_once(['/', '-'])?;
    let y: i32 = a.parse().ok()?;
    let next: i32 = b.parse().ok()?;
    let ok = (a.len() == 4 && (b.len() == 2 && next == (y + 1) % 100))
        || (b.len() == 4 && next == y + 1);
    ok.then_some(y)
}

/// "Q3 2024/25" (a council's financial year: Q1 is April to June) or
/// "Q3 2024" (a calendar year).
fn quarter(lower: &str) -> Option<DateSpan> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let Some(q) = pair[0]
            .strip_prefix('q')
            .and_then(|q| q.parse::<u32>().ok())
            .filter(|q| (1..=4).contains(q))
        else {
            continue;
        };
        let year = pair[1].trim_end_matches(['.', ')']);
        if let Some(y) = financial_start(year) {
            let (y, m) = if q == 4 { (y + 1, 1) } else { (y, 3 * q + 1) };
            return month_range(y, m, y, m + 2);
        }
        if let Ok(y) = year.parse::<i32>() {
            if year.len() == 4 {
                let m = 3 * q - 2;
                return month_range(y, m, y, m + 2);
            }
        }
    }
    None
}

/// "2024/25" alone: the whole financial year, April to March.
fn financial_year(lower: &str) -> Option<DateSpan> {
    lower
        .split_whitespace()
        .find_map(|w| financial_start(w.trim_end_matches(['.', ',', ')'])))
        .and_then(|y| month_range(y, 4, y + 1, 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::find_ci;

    fn due(cell: &str) -> String {
        match read(cell) {
            Some(Timescale { due: Some(d), .. }) => format!("{} to {}", d.start, d.end),
            Some(t) if t.ongoing => "ongoing".into(),
            Some(_) => "no date".into(),
            None => "-".into(),
        }
    }

    #[test]
    fn timescales_as_plans_write_them() {
        assert_eq!(due("by March 2025"), "2025-03-01 to 2025-03-31");
        assert_eq!(due("End of March 2025"), "2025-03-01 to 2025-03-31");
        assert_eq!(due("Q3 2024/25"), "2024-10-01 to 2024-12-31");
        assert_eq!(due("Q4 2024/25"), "2025-01-01 to 2025-03-31");
        assert_eq!(due("Q2 2024"), "2024-04-01 to 2024-06-30");
        assert_eq!(due("2024/25"), "2024-04-01 to 2025-03-31");
        assert_eq!(due("31st July 2020"), "2020-07-31 to 2020-07-31");
        assert_eq!(due("Ongoing"), "ongoing");
        assert_eq!(
            due("Ongoing, review by June 2025"),
            "2025-06-01 to 2025-06-30"
        );
        assert_eq!(due("When resources allow"), "no date");
        assert_eq!(due("  "), "-");
    }

    #[test]
    fn labels_in_an_action() {
        let t =
            labelled("Refresh the plan.\nTimescale: by September 2020.\nOwner: Chief Executive")
                .unwrap();
        assert_eq!(t.wording, "by September 2020");
        assert_eq!(t.due.map(|d| d.to_string()).as_deref(), Some("2020-09"));
        assert!(labelled("A plan with no date.").is_none());
        let t =
            labelled("Adopted by Council in July 2020; a workforce plan by March 2020.").unwrap();
        assert_eq!(t.wording, "by March 2020");
    }

    /// What `labelled` did before it looked for labels in one pass and
    /// for "by <date>" from the end: every label searched on its own,
    /// every date of the text read.
    fn labelled_by_every_search(text: &str) -> Option<Timescale> {
        LABELS
            .iter()
            .find_map(|label| {
                let at = find_ci(text, label)?;
                let rest = text.get(at + label.len()..)?.lines().next()?;
                read(rest.trim().trim_end_matches('.'))
            })
            .or_else(|| {
                find_dates(text, false)
                    .into_iter()
                    .rfind(|m| {
                        text.as_bytes()
                            .get(m.start.saturating_sub(3)..m.start)
                            .is_some_and(|b| b.eq_ignore_ascii_case(b"by "))
                    })
                    .and_then(|m| text.get(m.start.saturating_sub(3)..m.end))
                    .and_then(read)
            })
    }

    #[test]
    fn one_pass_reads_what_every_search_read() {
        let texts = [
            "Report by 5 March 2024 and publish by June 2025.",
            "Abby 3 May 2024 led it; stand-by 4 May 2023.",
            "Finish by  12 June 2024 (two spaces), BY late 2024.",
            "Agree by 31 February 2024, by 2 and 3 March 2024.",
            "Due: \nTimescale: ongoing\nDEADLINE: Q3 2024/25",
            "due date: 2024/25. Due by: end of May 2026. Timescales: by 2027",
            "Target Date:\nBy when: by 30 September – 3 October 2025",
            "by 4 September, 2018 – 7 September, 2018 by",
            "Completion date: tbc; by autumn of 2025; by March",
            "by",
            "y by ",
            "A plan by the Chief Executive by 2025 (a year alone).",
            "Deadline: by the end of the year. Timescale: by July 2025",
            "Ends by 10-13 SEPTEMBER 2019, or by 19 and 20 October 2022.",
        ];
        crate::text::assert_same_answers(&texts, labelled, labelled_by_every_search);
    }
}
