//! Calendar dates as forms use them: `YYYY-MM-DD` answers, bounds relative to today
//! (`today-18y`), and counting calendar or working days for deadlines.
//!
//! A date is a day of the proleptic Gregorian calendar; there are no time zones here. The caller
//! decides what "today" is (the browser's local date, or the server's date in the
//! administration's zone) and passes it in the evaluation context.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists in the calendar (years 1 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, four-digit year).
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &bytes[range];
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0')))
        };
        let year = i32::try_from(number(0..4)?).ok()?;
        Date::new(year, number(5..7)?, number(8..10)?)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it is within years 1 to 9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// Day of the week, 1 = Monday … 7 = Sunday (ISO 8601).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        u32::try_from((self.to_days() + 3).rem_euclid(7)).map_or(1, |d| d + 1)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days() + n)
    }

    /// The date `n` months later, the day clamped to the month's length (31 Jan + 1 month is
    /// 28 or 29 Feb), as people count "one month from today".
    pub fn add_months(self, n: i64) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
        if !(1..=9999).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    /// The date after `n` working days (Monday to Friday, not in `holidays`), counting from the
    /// day after `self`: a deadline of 14 working days from a Friday registration.
    pub fn add_working_days(self, n: u32, holidays: &[Date]) -> Option<Date> {
        let mut date = self;
        let mut left = n;
        while left > 0 {
            date = date.add_days(1)?;
            if date.weekday() <= 5 && !holidays.contains(&date) {
                left -= 1;
            }
        }
        Some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}

/// A date limit of a date field: a fixed day, or a distance from today.
///
/// Written as `"2024-01-01"`, `"today"`, or `"today"` followed by a signed count and a unit,
/// `d` (days), `m` (months) or `y` (years): `"today-18y"`, `"today+30d"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// This very day.
    Fixed(Date),
    /// Today moved by a number of days.
    Days(i64),
    /// Today moved by a number of months (years are twelve months).
    Months(i64),
}

impl DateBound {
    /// Parses the written form; `None` if it is neither a date nor a relative bound.
    pub fn parse(text: &str) -> Option<DateBound> {
        let Some(offset) = text.strip_prefix("today") else {
            return Date::parse(text).map(DateBound::Fixed);
        };
        if offset.is_empty() {
            return Some(DateBound::Days(0));
        }
        let (sign, rest) = match offset.as_bytes().first()? {
            b'+' => (1, &offset[1..]),
            b'-' => (-1, &offset[1..]),
            _ => return None,
        };
        let unit = rest.chars().last()?;
        let count = &rest[..rest.len() - unit.len_utf8()];
        if count.is_empty() || count.len() > 5 || !count.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let count: i64 = count.parse().ok()?;
        match unit {
            'd' => Some(DateBound::Days(sign * count)),
            'm' => Some(DateBound::Months(sign * count)),
            'y' => Some(DateBound::Months(sign * count * 12)),
            _ => None,
        }
    }

    /// The day this bound stands for when today is `today`.
    pub fn resolve(self, today: Date) -> Option<Date> {
        match self {
            DateBound::Fixed(date) => Some(date),
            DateBound::Days(n) => today.add_days(n),
            DateBound::Months(n) => today.add_months(n),
        }
    }
}

impl<'de> Deserialize<'de> for DateBound {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateBound::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("expected YYYY-MM-DD, today, or today±N with d, m or y")
        })
    }
}

impl Serialize for DateBound {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            DateBound::Fixed(date) => serializer.collect_str(&date),
            DateBound::Days(0) => serializer.serialize_str("today"),
            DateBound::Days(n) => serializer.collect_str(&format_args!("today{n:+}d")),
            DateBound::Months(n) if n % 12 == 0 => {
                serializer.collect_str(&format_args!("today{:+}y", n / 12))
            }
            DateBound::Months(n) => serializer.collect_str(&format_args!("today{n:+}m")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("a real date")
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "2024/01/01",
            "2024-1-01",
            "０２０24-01-01",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert!(Date::parse("2000-02-29").is_some(), "2000 is a leap year");
    }

    #[test]
    fn day_numbers_round_trip_and_match_known_days() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        // 2000-03-01 is day 11017 of the Unix epoch (946684800 s / 86400 = 10957 for 2000-01-01).
        assert_eq!(d("2000-01-01").to_days(), 10_957);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for text in [
            "0001-01-01",
            "1600-02-29",
            "1969-12-31",
            "2026-11-23",
            "9999-12-31",
        ] {
            assert_eq!(Date::from_days(d(text).to_days()), Some(d(text)), "{text}");
        }
        assert_eq!(Date::from_days(d("9999-12-31").to_days() + 1), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("1970-01-01").weekday(), 4, "a Thursday");
        assert_eq!(d("2026-11-23").weekday(), 1, "a Monday");
        assert_eq!(d("2026-11-29").weekday(), 7, "a Sunday");
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(d("2024-01-31").add_months(1), Some(d("2024-02-29")));
        assert_eq!(d("2024-02-29").add_months(-12), Some(d("2023-02-28")));
        assert_eq!(d("2024-12-15").add_months(1), Some(d("2025-01-15")));
        assert_eq!(d("2024-01-15").add_months(-1), Some(d("2023-12-15")));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Friday 2026-11-20 + 1 working day = Monday 23rd; + 14 = Thursday 10 December.
        let friday = d("2026-11-20");
        assert_eq!(friday.add_working_days(1, &[]), Some(d("2026-11-23")));
        assert_eq!(friday.add_working_days(14, &[]), Some(d("2026-12-10")));
        // 24–26 December 2026 are Bulgarian public holidays (Thursday to Saturday).
        let holidays = [d("2026-12-24"), d("2026-12-25"), d("2026-12-26")];
        assert_eq!(
            d("2026-12-23").add_working_days(1, &holidays),
            Some(d("2026-12-28"))
        );
        assert_eq!(friday.add_working_days(0, &[]), Some(friday));
    }

    #[test]
    fn bounds_fixed_and_relative() {
        let today = d("2026-11-23");
        let cases = [
            ("today", "2026-11-23"),
            ("today+30d", "2026-12-23"),
            ("today-18y", "2008-11-23"),
            ("today+1m", "2026-12-23"),
            ("2020-01-01", "2020-01-01"),
        ];
        for (text, expected) in cases {
            let bound = DateBound::parse(text).expect(text);
            assert_eq!(bound.resolve(today), Some(d(expected)), "{text}");
            let written = serde_json::to_value(bound).expect("serialises");
            assert_eq!(written, text, "round trip");
        }
        for bad in [
            "tomorrow",
            "today+",
            "today+3w",
            "today18y",
            "today+-3d",
            "today+123456d",
        ] {
            assert_eq!(DateBound::parse(bad), None, "{bad}");
        }
    }
}
