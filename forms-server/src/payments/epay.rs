//! The protocol of ePay.bg (merchant API).
//!
//! A payment request is `ENCODED`, the Base64 of the lines `MIN=…`, `INVOICE=…`, `AMOUNT=…`,
//! `EXP_TIME=dd.mm.yyyy`, `DESCR=…` (newline-separated), and `CHECKSUM`, the lower-case hex of
//! HMAC-SHA1 over the `ENCODED` string under the merchant's secret. ePay.bg notifies with
//! `encoded` and `checksum` of the same kind, whose lines are
//! `INVOICE=n:STATUS=PAID|DENIED|EXPIRED[:PAY_TIME=…:STAN=…:BCODE=…]`; the merchant answers one
//! line per invoice, `INVOICE=n:STATUS=OK` (taken), `ERR` (try again) or `NO` (unknown), or
//! `ERR=Not valid CHECKSUM` for the whole message.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Lower-case hex HMAC-SHA1 of `encoded` under `secret`.
pub fn checksum(secret: &[u8], encoded: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(encoded.as_bytes());
    crate::token::hex(&mac.finalize().into_bytes())
}

/// A payment request: what ePay.bg's payment page is posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `ENCODED`.
    pub encoded: String,
    /// `CHECKSUM`.
    pub checksum: String,
}

/// The request for invoice `invoice` of `amount` (a decimal string), payable until
/// `expires` (`dd.mm.yyyy`).
pub fn request(
    min: &str,
    secret: &[u8],
    invoice: &str,
    amount: &str,
    expires: &str,
    description: &str,
) -> Request {
    // A line break in a value would start a field of its own.
    let clean = |s: &str| s.replace(['\r', '\n'], " ");
    let text = format!(
        "MIN={}\nINVOICE={}\nAMOUNT={}\nEXP_TIME={}\nDESCR={}",
        clean(min),
        clean(invoice),
        clean(amount),
        clean(expires),
        clean(description)
    );
    let encoded = STANDARD.encode(text);
    Request {
        checksum: checksum(secret, &encoded),
        encoded,
    }
}

/// An invoice's outcome in a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Paid.
    Paid,
    /// Refused.
    Denied,
    /// Expired unpaid.
    Expired,
}

/// One line of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The merchant's invoice number.
    pub invoice: String,
    /// What happened, or `None` for a status this implementation does not know (answered ERR).
    pub outcome: Option<Outcome>,
    /// `PAY_TIME`, `STAN`, `BCODE` when paid.
    pub pay_time: Option<String>,
    /// The transaction's STAN.
    pub stan: Option<String>,
    /// The authorization code.
    pub bcode: Option<String>,
}

/// Why a notification was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    /// The checksum does not match: answered `ERR=Not valid CHECKSUM`.
    #[error("not valid checksum")]
    BadChecksum,
    /// `encoded` is not Base64 of text.
    #[error("bad encoding")]
    BadEncoding,
}

/// Checks a notification's checksum (in constant time) and reads its lines. Lines without an
/// `INVOICE` are skipped.
pub fn notification(
    secret: &[u8],
    encoded: &str,
    given: &str,
) -> Result<Vec<Notice>, NotificationError> {
    let given = hex(given.trim()).ok_or(NotificationError::BadChecksum)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(encoded.as_bytes());
    mac.verify_slice(&given)
        .map_err(|_| NotificationError::BadChecksum)?;
    let bytes = STANDARD
        .decode(encoded.trim())
        .map_err(|_| NotificationError::BadEncoding)?;
    let text = String::from_utf8(bytes).map_err(|_| NotificationError::BadEncoding)?;
    Ok(text.lines().filter_map(notice).collect())
}

fn notice(line: &str) -> Option<Notice> {
    let mut notice = Notice {
        invoice: String::new(),
        outcome: None,
        pay_time: None,
        stan: None,
        bcode: None,
    };
    for part in line.trim().split(':') {
        let Some((key, value)) = part.split_once('=') else {
            continue;
        };
        let value = value.to_owned();
        match key {
            "INVOICE" => notice.invoice = value,
            "STATUS" => {
                notice.outcome = match value.as_str() {
                    "PAID" => Some(Outcome::Paid),
                    "DENIED" => Some(Outcome::Denied),
                    "EXPIRED" => Some(Outcome::Expired),
                    _ => None,
                }
            }
            "PAY_TIME" => notice.pay_time = Some(value),
            "STAN" => notice.stan = Some(value),
            "BCODE" => notice.bcode = Some(value),
            _ => {}
        }
    }
    (!notice.invoice.is_empty()).then_some(notice)
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The answer to one invoice of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Recorded.
    Ok,
    /// Not recorded now: send it again.
    Err,
    /// No such invoice.
    No,
}

/// The answer lines to a notification.
pub fn answer(lines: &[(String, Answer)]) -> String {
    lines
        .iter()
        .map(|(invoice, answer)| {
            let status = match answer {
                Answer::Ok => "OK",
                Answer::Err => "ERR",
                Answer::No => "NO",
            };
            format!("INVOICE={invoice}:STATUS={status}\n")
        })
        .collect()
}

/// The answer to a notification whose checksum is wrong.
pub const BAD_CHECKSUM: &str = "ERR=Not valid CHECKSUM\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha1_matches_rfc_2202() {
        // RFC 2202, test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            checksum(b"Jefe", "what do ya want for nothing?"),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
    }

    /// Computed independently with CPython 3.11's standard library:
    /// `base64.b64encode(b"MIN=D123456789\nINVOICE=2026000042\nAMOUNT=17.00\nEXP_TIME=31.12.2026\nDESCR=Oplata na darzhavna taksa")`
    /// and `hmac.new(b"TESTSECRET", encoded, hashlib.sha1).hexdigest()`.
    #[test]
    fn a_request_is_encoded_and_checksummed() {
        let request = request(
            "D123456789",
            b"TESTSECRET",
            "2026000042",
            "17.00",
            "31.12.2026",
            "Oplata na darzhavna taksa",
        );
        assert_eq!(
            request.encoded,
            "TUlOPUQxMjM0NTY3ODkKSU5WT0lDRT0yMDI2MDAwMDQyCkFNT1VOVD0xNy4wMApFWFBfVElNRT0zMS4xMi4yMDI2CkRFU0NSPU9wbGF0YSBuYSBkYXJ6aGF2bmEgdGFrc2E="
        );
        assert_eq!(request.checksum, "c95a53e9af04725efd1594f9f49e233c3eaff28b");
    }

    #[test]
    fn notifications_are_checked_and_read() {
        let text = "INVOICE=2026000042:STATUS=PAID:PAY_TIME=20261202103000:STAN=012345:BCODE=AB12CD\n\
                    INVOICE=2026000043:STATUS=DENIED\nINVOICE=7:STATUS=REFUNDED\nnoise";
        let encoded = STANDARD.encode(text);
        let sum = checksum(b"TESTSECRET", &encoded);
        let notices = notification(b"TESTSECRET", &encoded, &sum).expect("valid");
        assert_eq!(notices.len(), 3);
        assert_eq!(notices[0].invoice, "2026000042");
        assert_eq!(notices[0].outcome, Some(Outcome::Paid));
        assert_eq!(notices[0].stan.as_deref(), Some("012345"));
        assert_eq!(notices[1].outcome, Some(Outcome::Denied));
        assert_eq!(notices[2].outcome, None);
        assert_eq!(
            notification(b"TESTSECRET", &encoded, &sum.to_uppercase()).map(|n| n.len()),
            Ok(3),
            "hex in either case"
        );
        assert_eq!(
            notification(b"OTHER", &encoded, &sum),
            Err(NotificationError::BadChecksum)
        );
        assert_eq!(
            notification(b"TESTSECRET", &encoded, "zz"),
            Err(NotificationError::BadChecksum)
        );
        assert_eq!(
            answer(&[
                ("1".into(), Answer::Ok),
                ("2".into(), Answer::No),
                ("3".into(), Answer::Err)
            ]),
            "INVOICE=1:STATUS=OK\nINVOICE=2:STATUS=NO\nINVOICE=3:STATUS=ERR\n"
        );
    }
}
