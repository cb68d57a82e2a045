//! Dates as the administration counts them: in Bulgarian time (Europe/Sofia), not UTC. A
//! submission made at 00:30 in Sofia on 1 March is made on 1 March, though UTC still says
//! 28 February; working-day deadlines and "today" in validation rules follow Sofia's calendar.
//!
//! Sofia is UTC+2 (EET), and UTC+3 (EEST) from 01:00 UTC on the last Sunday of March to 01:00
//! UTC on the last Sunday of October, the rule of the EU's Directive 2000/84/EC. It is computed
//! here rather than read from a time-zone database, which would make the server depend on the
//! machine's tzdata or carry a copy of it.

use time::{Month, OffsetDateTime, UtcOffset, Weekday};

/// The last Sunday of `month` in `year`, at 01:00 UTC.
fn last_sunday_0100_utc(year: i32, month: Month) -> OffsetDateTime {
    let next = time::Date::from_calendar_date(year, month.next(), 1)
        .unwrap_or_else(|_| unreachable!("the first of a month is a date"));
    // Only March and October are asked for, so `next` is in the same year.
    let last = next.previous_day().unwrap_or(next);
    let back = last.weekday().number_days_from_sunday();
    let sunday = last - time::Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sunday);
    sunday
        .with_hms(1, 0, 0)
        .unwrap_or_else(|_| unreachable!())
        .assume_utc()
}

/// Sofia's offset from UTC at the instant `at`.
pub fn sofia_offset(at: OffsetDateTime) -> UtcOffset {
    let at = at.to_offset(UtcOffset::UTC);
    let summer = last_sunday_0100_utc(at.year(), Month::March) <= at
        && at < last_sunday_0100_utc(at.year(), Month::October);
    let hours = if summer { 3 } else { 2 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or_else(|_| unreachable!("a valid offset"))
}

/// The date in Sofia at the instant `at`.
pub fn sofia_date(at: OffsetDateTime) -> forms_core::Date {
    let local = at.to_offset(sofia_offset(at));
    forms_core::Date::new(
        local.year(),
        u32::from(u8::from(local.month())),
        u32::from(local.day()),
    )
    .unwrap_or_else(|| unreachable!("the clock gives a real date"))
}

/// Today in Sofia.
pub fn today() -> forms_core::Date {
    sofia_date(OffsetDateTime::now_utc())
}

/// The date in Sofia of a stored RFC 3339 time, if it is one.
pub fn sofia_date_of(rfc3339: &str) -> Option<forms_core::Date> {
    let at = OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339).ok()?;
    Some(sofia_date(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn date(text: &str) -> forms_core::Date {
        forms_core::Date::parse(text).expect("date")
    }

    #[test]
    fn summer_time_begins_and_ends_on_the_last_sundays_at_0100_utc() {
        // 2026: summer time from 29 March to 25 October (the EU's published dates).
        assert_eq!(
            sofia_offset(datetime!(2026-03-29 00:59:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            sofia_offset(datetime!(2026-03-29 01:00:00 UTC)).whole_hours(),
            3
        );
        assert_eq!(
            sofia_offset(datetime!(2026-10-25 00:59:59 UTC)).whole_hours(),
            3
        );
        assert_eq!(
            sofia_offset(datetime!(2026-10-25 01:00:00 UTC)).whole_hours(),
            2
        );
        // 2027: 28 March and 31 October.
        assert_eq!(
            sofia_offset(datetime!(2027-03-28 01:00:00 UTC)).whole_hours(),
            3
        );
        assert_eq!(
            sofia_offset(datetime!(2027-03-27 12:00:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            sofia_offset(datetime!(2027-10-31 00:30:00 UTC)).whole_hours(),
            3
        );
        assert_eq!(
            sofia_offset(datetime!(2027-10-31 01:30:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            sofia_offset(datetime!(2026-12-02 12:00:00 UTC)).whole_hours(),
            2
        );
    }

    #[test]
    fn the_sofia_date_turns_before_the_utc_date() {
        assert_eq!(
            sofia_date(datetime!(2026-02-28 22:30:00 UTC)),
            date("2026-03-01")
        );
        assert_eq!(
            sofia_date(datetime!(2026-02-28 21:59:59 UTC)),
            date("2026-02-28")
        );
        assert_eq!(
            sofia_date(datetime!(2026-07-31 21:00:00 UTC)),
            date("2026-08-01")
        );
        assert_eq!(
            sofia_date(datetime!(2026-07-31 20:59:59 UTC)),
            date("2026-07-31")
        );
        assert_eq!(
            sofia_date(datetime!(2026-12-31 22:00:00 UTC)),
            date("2027-01-01")
        );
        assert_eq!(
            sofia_date_of("2026-12-31T22:00:00.000000Z"),
            Some(date("2027-01-01"))
        );
        assert_eq!(sofia_date_of("yesterday"), None);
    }
}
