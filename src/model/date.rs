//! Partial dates and date ranges, as news reports give them.
//!
//! Articles say "in 2018", "in late January" or "from June 13 to 19": a date is
//! a year, a year-month or a day, possibly a range, possibly approximate, and
//! possibly with a year the text implies but never states (`inferred`).

use std::fmt;
use std::str::FromStr;

/// A calendar date known to year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// A single day, used to compare partial dates: (year, month, day).
pub type Day = (i32, u8, u8);

/// A day as ISO 8601, `YYYY-MM-DD`: what formats that want whole days get
/// for the ends of a partial date's interval.
///
/// ```
/// use tiegraph::model::{DateSpec, iso_day};
/// let june = DateSpec::parse_value("2021-06").unwrap();
/// assert_eq!((iso_day(june.first_day()), iso_day(june.last_day())), ("2021-06-01".into(), "2021-06-30".into()));
/// ```
pub fn iso_day((year, month, day): Day) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

impl PartialDate {
    /// The first day this date may denote ("2021-06" → 2021-06-01).
    pub fn first_day(&self) -> Day {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may denote ("2021-06" → 2021-06-30).
    pub fn last_day(&self) -> Day {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|error: DateError| {
            serde::de::Error::custom(format!("invalid date {text:?}: {error}"))
        })
    }
}

/// Why a date string was refused. The message says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape,
    #[error("month {0} is not between 01 and 12")]
    Month(u32),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day { year: i32, month: u8, day: u32 },
    #[error("the range ends ({end}) before it starts ({start})")]
    Reversed { start: String, end: String },
    #[error("expected at most one '/' between the start and the end of a range")]
    TooManyParts,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(part: &str, len: usize) -> Result<u32, DateError> {
    if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().map_err(|_| DateError::Shape)
    } else {
        Err(DateError::Shape)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let year = digits(parts.next().unwrap_or(""), 4)? as i32;
        let month = match parts.next() {
            None => None,
            Some(part) => {
                let month = digits(part, 2)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError::Month(month));
                }
                Some(month as u8)
            }
        };
        let day = match (parts.next(), month) {
            (None, _) => None,
            (Some(_), None) => return Err(DateError::Shape),
            (Some(part), Some(month)) => {
                let day = digits(part, 2)?;
                if day == 0 || day > u32::from(days_in_month(year, month)) {
                    return Err(DateError::Day { year, month, day });
                }
                Some(day as u8)
            }
        };
        if parts.next().is_some() {
            return Err(DateError::Shape);
        }
        Ok(PartialDate { year, month, day })
    }
}

/// A date or date range with its uncertainty, as recorded on a claim or node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateSpec {
    pub start: PartialDate,
    /// The end of a range; `None` for a single (partial) date.
    pub end: Option<PartialDate>,
    /// The text is vague ("late January", "some two weeks before").
    pub approximate: bool,
    /// The text implies part of the date (usually the year) but never states it.
    pub inferred: bool,
    /// The curator's explanation, e.g. where the inferred year comes from.
    pub note: Option<String>,
}

impl DateSpec {
    /// Parses the ISO-8601-like value: a partial date or `START/END`.
    ///
    /// ```
    /// use tiegraph::model::DateSpec;
    /// let june = DateSpec::parse_value("2021-06-13/2021-06-19").unwrap();
    /// assert_eq!(june.to_string(), "2021-06-13/2021-06-19");
    /// assert!(DateSpec::parse_value("2021-02-30").is_err());
    /// ```
    pub fn parse_value(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('/');
        let start: PartialDate = parts.next().unwrap_or("").trim().parse()?;
        let end = match parts.next() {
            None => None,
            Some(part) => Some(part.trim().parse::<PartialDate>()?),
        };
        if parts.next().is_some() {
            return Err(DateError::TooManyParts);
        }
        if let Some(end) = end
            && end.last_day() < start.first_day()
        {
            return Err(DateError::Reversed {
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        Ok(DateSpec {
            start,
            end,
            approximate: false,
            inferred: false,
            note: None,
        })
    }

    /// The earliest day the date may denote.
    pub fn first_day(&self) -> Day {
        self.start.first_day()
    }

    /// The latest day the date may denote.
    pub fn last_day(&self) -> Day {
        self.end.unwrap_or(self.start).last_day()
    }

    /// Whether this date may fall within `[from, to]` (either end open).
    ///
    /// ```
    /// use tiegraph::model::{DateSpec, PartialDate};
    /// let june = DateSpec::parse_value("2021-06-13/2021-06-19").unwrap();
    /// let july: PartialDate = "2021-07".parse().unwrap();
    /// let mid_june: PartialDate = "2021-06-15".parse().unwrap();
    /// assert!(june.overlaps(Some(&mid_june), None));
    /// assert!(!june.overlaps(Some(&july), None));
    /// ```
    pub fn overlaps(&self, from: Option<&PartialDate>, to: Option<&PartialDate>) -> bool {
        from.is_none_or(|from| self.last_day() >= from.first_day())
            && to.is_none_or(|to| self.first_day() <= to.last_day())
    }
}

impl fmt::Display for DateSpec {
    /// ISO 8601: `2021-06`, `2021-06-13`, or `2021-06-13/2021-06-19`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_span() {
        let june: PartialDate = "2021-06".parse().unwrap();
        assert_eq!(june.first_day(), (2021, 6, 1));
        assert_eq!(june.last_day(), (2021, 6, 30));
        let feb: PartialDate = "2020-02".parse().unwrap();
        assert_eq!(feb.last_day(), (2020, 2, 29));
        let year: PartialDate = "2018".parse().unwrap();
        assert_eq!(year.last_day(), (2018, 12, 31));
    }

    #[test]
    fn bad_dates_are_refused_with_reason() {
        assert_eq!("2021-13".parse::<PartialDate>(), Err(DateError::Month(13)));
        assert!(matches!(
            "2021-02-29".parse::<PartialDate>(),
            Err(DateError::Day { day: 29, .. })
        ));
        assert_eq!("June 2021".parse::<PartialDate>(), Err(DateError::Shape));
        assert_eq!("21-06".parse::<PartialDate>(), Err(DateError::Shape));
        assert!(matches!(
            DateSpec::parse_value("2021-06-19/2021-06-13"),
            Err(DateError::Reversed { .. })
        ));
        assert_eq!(
            DateSpec::parse_value("2021/2022/2023"),
            Err(DateError::TooManyParts)
        );
    }

    #[test]
    fn ranges_print_as_iso_intervals() {
        let range = DateSpec::parse_value("2021-06/2021-07").unwrap();
        assert_eq!(range.to_string(), "2021-06/2021-07");
        assert_eq!(range.last_day(), (2021, 7, 31));
    }
}
