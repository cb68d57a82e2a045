//! The Bulgarian public holidays, for deadlines counted in working days.
//!
//! Labour Code art. 154: 1 January, 3 March, 1 May, 6 May, 24 May, 6 September, 22 September,
//! 24–26 December, and Good Friday, Holy Saturday, Easter Sunday and Easter Monday of the
//! Orthodox Easter. When a holiday other than the Easter days falls on a Saturday or Sunday, the
//! first working day after it is a day off (art. 154 (2)); several such days in a row (24–26
//! December) move to consecutive working days, and a day that is already a holiday is passed
//! over (1 May 2027 is Holy Saturday: its day off is Tuesday 4 May, after Easter Monday).
//! Days off that the Council of Ministers declares for a single year (bridge days) are not
//! statutory and are not here.

use crate::date::Date;

/// The fixed-date holidays, as (month, day).
const FIXED: [(u32, u32); 10] = [
    (1, 1),
    (3, 3),
    (5, 1),
    (5, 6),
    (5, 24),
    (9, 6),
    (9, 22),
    (12, 24),
    (12, 25),
    (12, 26),
];

/// Orthodox Easter Sunday in the Gregorian calendar (Meeus' Julian algorithm, plus the 13
/// days between the calendars that hold from 1900 to 2099).
pub fn orthodox_easter(year: i32) -> Option<Date> {
    if !(1900..=2099).contains(&year) {
        return None;
    }
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?.add_days(13)
}

/// Every day off for public holidays in `year`, in order; empty outside 1900–2099.
pub fn bulgarian_holidays(year: i32) -> Vec<Date> {
    let Some(easter) = orthodox_easter(year) else {
        return Vec::new();
    };
    let mut days: Vec<Date> = (-2..=1).filter_map(|n| easter.add_days(n)).collect();
    let fixed: Vec<Date> = FIXED
        .iter()
        .filter_map(|&(month, day)| Date::new(year, month, day))
        .collect();
    days.extend(fixed.iter().copied());
    for holiday in fixed {
        if holiday.weekday() >= 6 {
            let mut moved = holiday;
            while let Some(next) = moved.add_days(1) {
                moved = next;
                if moved.weekday() <= 5 && !days.contains(&moved) {
                    days.push(moved);
                    break;
                }
            }
        }
    }
    days.sort();
    days.dedup();
    days
}

/// The Bulgarian days off from `from`'s year to the year after `to`'s, for working-day sums
/// that may run into the next year.
pub fn bulgarian_holidays_between(from: Date, to_year: i32) -> Vec<Date> {
    (from.year()..=to_year + 1)
        .flat_map(bulgarian_holidays)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    /// Orthodox Easter dates as the Bulgarian Orthodox Church publishes them.
    #[test]
    fn orthodox_easter_dates() {
        for (year, easter) in [
            (2020, "2020-04-19"),
            (2021, "2021-05-02"),
            (2022, "2022-04-24"),
            (2023, "2023-04-16"),
            (2024, "2024-05-05"),
            (2025, "2025-04-20"),
            (2026, "2026-04-12"),
            (2027, "2027-05-02"),
            (2028, "2028-04-16"),
        ] {
            assert_eq!(orthodox_easter(year), Some(d(easter)), "{year}");
        }
        assert_eq!(orthodox_easter(1899), None);
    }

    /// The official calendars of days off for 2025–2027 (Labour Code art. 154, as the
    /// government's yearly calendar lists them, without one-off bridge days).
    #[test]
    fn the_official_days_off_2025_to_2027() {
        let expect = |year: i32, days: &[&str]| {
            let got: Vec<String> = bulgarian_holidays(year)
                .iter()
                .map(Date::to_string)
                .collect();
            assert_eq!(got, days, "{year}");
        };
        expect(
            2025,
            &[
                "2025-01-01",
                "2025-03-03",
                "2025-04-18",
                "2025-04-19",
                "2025-04-20",
                "2025-04-21",
                "2025-05-01",
                "2025-05-06",
                "2025-05-24",
                "2025-05-26",
                "2025-09-06",
                "2025-09-08",
                "2025-09-22",
                "2025-12-24",
                "2025-12-25",
                "2025-12-26",
            ],
        );
        expect(
            2026,
            &[
                "2026-01-01",
                "2026-03-03",
                "2026-04-10",
                "2026-04-11",
                "2026-04-12",
                "2026-04-13",
                "2026-05-01",
                "2026-05-06",
                "2026-05-24",
                "2026-05-25",
                "2026-09-06",
                "2026-09-07",
                "2026-09-22",
                "2026-12-24",
                "2026-12-25",
                "2026-12-26",
                "2026-12-28",
            ],
        );
        expect(
            2027,
            &[
                "2027-01-01",
                "2027-03-03",
                "2027-04-30",
                "2027-05-01",
                "2027-05-02",
                "2027-05-03",
                "2027-05-04",
                "2027-05-06",
                "2027-05-24",
                "2027-09-06",
                "2027-09-22",
                "2027-12-24",
                "2027-12-25",
                "2027-12-26",
                "2027-12-27",
                "2027-12-28",
            ],
        );
    }

    #[test]
    fn working_days_run_past_holidays_into_the_next_year() {
        // 14 working days from Wednesday 16 December 2026: 17, 18, 21, 22, 23, 29, 30, 31
        // December, then 4–8 January and 11 January 2027 (24–28 December and 1 January off).
        let start = d("2026-12-16");
        let holidays = bulgarian_holidays_between(start, 2026);
        assert_eq!(start.add_working_days(14, &holidays), Some(d("2027-01-11")));
    }
}
