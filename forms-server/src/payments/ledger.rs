//! The ledger's one rule: a payment's status moves only forward, and money is never lost.
//!
//! Ranks: Pending < InProcess < Authorized = Ordered < the ends (Paid, Expired, Canceled,
//! Suspended). A notification that would move a payment back, or out of an end, is recorded
//! and ignored; the same status again is a duplicate (answered the same, changing nothing).
//! The one exception is money arriving late: Paid after Expired, Canceled or Suspended is
//! applied, marks the submission paid, and flags the payment for the administration.

use super::egov::Status;

/// What to do with a status the provider reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Take it; the submission enters `submission_status` if one is given.
    Apply {
        /// The submission's status to enter, if it changes.
        submission_status: Option<&'static str>,
        /// Why the administration must look, if it must.
        flag: Option<String>,
    },
    /// The payment already has this status.
    Duplicate,
    /// It would move the payment back: recorded, not applied.
    Backwards,
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Pending => 0,
        Status::InProcess => 1,
        Status::Authorized | Status::Ordered => 2,
        Status::Paid | Status::Expired | Status::Canceled | Status::Suspended => 3,
    }
}

/// Whether no status but a late Paid can follow.
pub fn is_end(status: Status) -> bool {
    rank(status) == 3
}

/// The submission's status for a payment status that ends the attempt.
fn submission_status(status: Status) -> Option<&'static str> {
    match status {
        Status::Paid => Some("paid"),
        Status::Expired => Some("payment_expired"),
        Status::Canceled | Status::Suspended => Some("payment_failed"),
        _ => None,
    }
}

/// What to do when a payment in `current` is reported in `incoming`.
pub fn decide(current: Status, incoming: Status) -> Decision {
    if incoming == current {
        return Decision::Duplicate;
    }
    if current == Status::Paid {
        return Decision::Backwards;
    }
    if is_end(current) {
        return if incoming == Status::Paid {
            Decision::Apply {
                submission_status: Some("paid"),
                flag: Some(format!("paid after {}", current.as_str())),
            }
        } else {
            Decision::Backwards
        };
    }
    if rank(incoming) < rank(current) {
        return Decision::Backwards;
    }
    Decision::Apply {
        submission_status: submission_status(incoming),
        flag: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn applied(to: Option<&'static str>) -> Decision {
        Decision::Apply {
            submission_status: to,
            flag: None,
        }
    }

    #[test]
    fn statuses_move_only_forward() {
        assert_eq!(decide(Pending, InProcess), applied(None));
        assert_eq!(decide(InProcess, Authorized), applied(None));
        assert_eq!(decide(Authorized, Ordered), applied(None));
        assert_eq!(decide(Authorized, Paid), applied(Some("paid")));
        assert_eq!(decide(Pending, Expired), applied(Some("payment_expired")));
        assert_eq!(decide(InProcess, Canceled), applied(Some("payment_failed")));
        assert_eq!(decide(Pending, Suspended), applied(Some("payment_failed")));
        assert_eq!(decide(Authorized, Pending), Decision::Backwards);
        assert_eq!(decide(InProcess, Pending), Decision::Backwards);
        assert_eq!(decide(Paid, Pending), Decision::Backwards);
        assert_eq!(decide(Paid, Expired), Decision::Backwards);
        assert_eq!(decide(Expired, Pending), Decision::Backwards);
        assert_eq!(decide(Canceled, Expired), Decision::Backwards);
        for status in Status::ALL {
            assert_eq!(decide(status, status), Decision::Duplicate);
        }
    }

    #[test]
    fn a_late_paid_is_taken_and_flagged() {
        for end in [Expired, Canceled, Suspended] {
            assert_eq!(
                decide(end, Paid),
                Decision::Apply {
                    submission_status: Some("paid"),
                    flag: Some(format!("paid after {}", end.as_str())),
                }
            );
        }
    }
}
