//! The lifecycle of a submission: the default statuses and moves of the design, plus what a
//! definition adds (`lifecycle` in the definition: statuses, transitions, deadlines).
//!
//! ```text
//! draft → submitted → (awaiting_payment → paid | payment_failed | payment_expired) →
//!         registered → in_progress → completed | rejected;  withdrawn before registration
//! ```

use crate::date::Date;
use crate::definition::{DayCount, Definition};
use crate::holidays;

/// The statuses every submission has; a definition's lifecycle adds to them.
pub const DEFAULT_STATUSES: [&str; 11] = [
    "draft",
    "submitted",
    "awaiting_payment",
    "paid",
    "payment_failed",
    "payment_expired",
    "registered",
    "in_progress",
    "completed",
    "rejected",
    "withdrawn",
];

/// The moves of the default lifecycle. A failed or expired payment may be tried again; the
/// applicant may withdraw until the administration registers the application.
pub const DEFAULT_TRANSITIONS: [(&str, &str); 18] = [
    ("draft", "submitted"),
    ("submitted", "awaiting_payment"),
    ("submitted", "registered"),
    ("submitted", "rejected"),
    ("submitted", "withdrawn"),
    ("awaiting_payment", "paid"),
    ("awaiting_payment", "payment_failed"),
    ("awaiting_payment", "payment_expired"),
    ("awaiting_payment", "withdrawn"),
    ("payment_failed", "awaiting_payment"),
    ("payment_failed", "withdrawn"),
    ("payment_expired", "awaiting_payment"),
    ("payment_expired", "withdrawn"),
    ("paid", "registered"),
    ("registered", "in_progress"),
    ("registered", "rejected"),
    ("in_progress", "completed"),
    ("in_progress", "rejected"),
];

/// Where the handling of an application ends, by default.
const DEFAULT_FINAL: [&str; 3] = ["completed", "rejected", "withdrawn"];

/// Whether `status` exists in the form's lifecycle.
pub fn is_status(definition: &Definition, status: &str) -> bool {
    DEFAULT_STATUSES.contains(&status)
        || definition
            .lifecycle
            .iter()
            .flat_map(|l| &l.statuses)
            .any(|s| s.id == status)
}

/// Whether the handling ends at `status`: nothing moves on from it.
pub fn is_final(definition: &Definition, status: &str) -> bool {
    DEFAULT_FINAL.contains(&status)
        || definition
            .lifecycle
            .iter()
            .flat_map(|l| &l.statuses)
            .any(|s| s.id == status && s.is_final)
}

/// Whether a submission may move from `from` to `to` in this form's lifecycle.
pub fn can_move(definition: &Definition, from: &str, to: &str) -> bool {
    if is_final(definition, from) {
        return false;
    }
    DEFAULT_TRANSITIONS.contains(&(from, to))
        || definition
            .lifecycle
            .iter()
            .flat_map(|l| &l.transitions)
            .any(|t| t.from == from && t.to == to)
}

/// A time limit running for a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The status whose entry started the clock.
    pub from: String,
    /// The statuses that stop it.
    pub to: Vec<String>,
    /// The last day on which one of them must be reached.
    pub due: Date,
}

/// The definition's deadlines still running after the `timeline` (statuses entered, in order,
/// with the day each was entered): each counts from the last entry of its `from` status, and
/// ends when one of its `to` statuses is entered after it. Working days skip weekends and
/// Bulgarian public holidays.
pub fn running_deadlines(definition: &Definition, timeline: &[(&str, Date)]) -> Vec<Due> {
    let Some(lifecycle) = &definition.lifecycle else {
        return Vec::new();
    };
    let mut running = Vec::new();
    for deadline in &lifecycle.deadlines {
        let Some(start) = timeline.iter().rposition(|(s, _)| *s == deadline.from) else {
            continue;
        };
        if timeline[start + 1..]
            .iter()
            .any(|(s, _)| deadline.to.iter().any(|t| t == s))
        {
            continue;
        }
        let entered = timeline[start].1;
        let due = match deadline.count {
            DayCount::Calendar => entered.add_days(i64::from(deadline.days)),
            DayCount::Working => {
                // A year of working days is at most ~250: two more years of holidays suffice.
                let holidays = holidays::bulgarian_holidays_between(entered, entered.year() + 1);
                entered.add_working_days(deadline.days, &holidays)
            }
        };
        if let Some(due) = due {
            running.push(Due {
                from: deadline.from.clone(),
                to: deadline.to.clone(),
                due,
            });
        }
    }
    running
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seos_like() -> Definition {
        Definition::from_json(
            r#"{"format": 1, "id": "s", "version": "1", "languages": ["en"], "title": {"en": "S"},
                "lifecycle": {
                  "statuses": [
                    {"id": "inactive_participant", "label": {"en": "Inactive"}},
                    {"id": "test_scheduled", "label": {"en": "Test scheduled"}},
                    {"id": "active_participant", "label": {"en": "Active"}, "final": true}],
                  "transitions": [
                    {"from": "registered", "to": "inactive_participant"},
                    {"from": "inactive_participant", "to": "test_scheduled"},
                    {"from": "test_scheduled", "to": "active_participant"},
                    {"from": "test_scheduled", "to": "rejected"}],
                  "deadlines": [{"from": "inactive_participant", "to": ["test_scheduled"],
                                 "days": 14, "count": "working"}]},
                "steps": [{"id": "a", "title": {"en": "A"}, "fields": []}]}"#,
        )
        .expect("valid")
    }

    fn d(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn moves_follow_the_default_lifecycle_and_the_extension() {
        let def = seos_like();
        assert!(can_move(&def, "submitted", "registered"));
        assert!(can_move(&def, "awaiting_payment", "paid"));
        assert!(can_move(&def, "payment_expired", "awaiting_payment"));
        assert!(
            !can_move(&def, "submitted", "completed"),
            "not registered yet"
        );
        assert!(
            !can_move(&def, "registered", "withdrawn"),
            "too late to withdraw"
        );
        assert!(can_move(&def, "registered", "inactive_participant"));
        assert!(can_move(&def, "test_scheduled", "active_participant"));
        assert!(
            !can_move(&def, "active_participant", "test_scheduled"),
            "final"
        );
        assert!(!can_move(&def, "completed", "in_progress"), "final");
        assert!(is_status(&def, "test_scheduled") && !is_status(&def, "lost"));
        for (from, to) in DEFAULT_TRANSITIONS {
            assert!(DEFAULT_STATUSES.contains(&from) && DEFAULT_STATUSES.contains(&to));
        }
    }

    #[test]
    fn a_working_day_deadline_runs_until_its_status_is_reached() {
        let def = seos_like();
        let mut timeline = vec![
            ("submitted", d("2026-12-14")),
            ("registered", d("2026-12-15")),
            ("inactive_participant", d("2026-12-16")),
        ];
        let running = running_deadlines(&def, &timeline);
        assert_eq!(running.len(), 1);
        // 14 working days after 16 December 2026, past 24–28 December and 1 January.
        assert_eq!(running[0].due, d("2027-01-11"));
        assert_eq!(running[0].to, ["test_scheduled"]);
        timeline.push(("test_scheduled", d("2027-01-05")));
        assert_eq!(running_deadlines(&def, &timeline), []);
    }
}
