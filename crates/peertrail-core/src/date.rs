//! Dates as reports write them: a day, a range of days, a month or a year.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::CoreError;

/// How precisely a report stated a date. "September 2019" is a month, not
/// the first of September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// Exact days (`start`..=`end`).
    Day,
    /// A calendar month: `start` is its first day, `end` its last.
    Month,
    /// A calendar year: 1 January to 31 December.
    Year,
}

/// An inclusive span of calendar days with the precision it was stated at.
///
/// Ordering is by `start`, then `end`, then precision, which is the order
/// reviews appear in on a council's trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateSpan {
    /// First day covered.
    pub start: NaiveDate,
    /// Last day covered (equal to `start` for a single day).
    pub end: NaiveDate,
    /// The precision the source stated.
    pub precision: Precision,
}

impl DateSpan {
    /// A single day.
    pub fn day(date: NaiveDate) -> Self {
        DateSpan {
            start: date,
            end: date,
            precision: Precision::Day,
        }
    }

    /// A run of days; fails when `end` is before `start`.
    pub fn days(start: NaiveDate, end: NaiveDate) -> Result<Self, CoreError> {
        if end < start {
            return Err(CoreError::InvalidDate(format!("{end} is before {start}")));
        }
        Ok(DateSpan {
            start,
            end,
            precision: Precision::Day,
        })
    }

    /// A whole calendar month.
    pub fn month(year: i32, month: u32) -> Result<Self, CoreError> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| CoreError::InvalidDate(format!("{year}-{month:02}")))?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        let end = next
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| CoreError::InvalidDate(format!("{year}-{month:02}")))?;
        Ok(DateSpan {
            start,
            end,
            precision: Precision::Month,
        })
    }

    /// A whole calendar year.
    pub fn year(year: i32) -> Result<Self, CoreError> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| CoreError::InvalidDate(year.to_string()))?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or_else(|| CoreError::InvalidDate(year.to_string()))?;
        Ok(DateSpan {
            start,
            end,
            precision: Precision::Year,
        })
    }

    /// The readable key used inside ids: `2018-09-04`, `2019-01` or `2017`.
    /// A multi-day span is keyed by its first day.
    pub fn key(&self) -> String {
        match self.precision {
            // Written digit by digit: chrono's `format` parses its pattern
            // on every call, and a key is made for every review and
            // reference.
            Precision::Day => {
                let mut key = String::with_capacity(10);
                crate::push_date(self.start, &mut key);
                key
            }
            Precision::Month => format!("{:04}-{:02}", self.start.year(), self.start.month()),
            Precision::Year => format!("{:04}", self.start.year()),
        }
    }

    /// Whether `other` lies within this span (a month placeholder contains
    /// the exact days of the real review it stands for).
    pub fn contains(&self, other: &DateSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for DateSpan {
    /// Human form: `2018-09-04`, `2018-09-04 to 2018-09-07`, `2019-01`, `2017`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day if self.start != self.end => {
                write!(
                    f,
                    "{} to {}",
                    self.start.format("%Y-%m-%d"),
                    self.end.format("%Y-%m-%d")
                )
            }
            _ => f.write_str(&self.key()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_keeps_its_precision() {
        let m = DateSpan::month(2019, 9).unwrap();
        assert_eq!(m.start, d(2019, 9, 1));
        assert_eq!(m.end, d(2019, 9, 30));
        assert_eq!(m.precision, Precision::Month);
        assert_eq!(m.key(), "2019-09");
        assert_eq!(DateSpan::month(2020, 12).unwrap().end, d(2020, 12, 31));
        assert_eq!(DateSpan::month(2024, 2).unwrap().end, d(2024, 2, 29));
    }

    #[test]
    fn invalid_dates_are_errors_not_panics() {
        assert!(DateSpan::month(2019, 13).is_err());
        assert!(DateSpan::month(2019, 0).is_err());
        assert!(DateSpan::days(d(2019, 9, 13), d(2019, 9, 10)).is_err());
        assert!(DateSpan::year(i32::MAX).is_err());
    }

    #[test]
    fn display_and_containment() {
        let visit = DateSpan::days(d(2018, 9, 4), d(2018, 9, 7)).unwrap();
        assert_eq!(visit.to_string(), "2018-09-04 to 2018-09-07");
        assert_eq!(visit.key(), "2018-09-04");
        assert!(DateSpan::month(2018, 9).unwrap().contains(&visit));
        assert!(!DateSpan::month(2018, 10).unwrap().contains(&visit));
    }

    #[test]
    fn a_day_key_reads_as_chrono_writes_it() {
        for date in [
            d(987, 1, 2),
            d(2018, 12, 31),
            d(9999, 9, 9),
            d(10_000, 1, 1),
            d(-5, 3, 4),
        ] {
            assert_eq!(
                DateSpan::day(date).key(),
                date.format("%Y-%m-%d").to_string()
            );
        }
    }
}
