//! The protocol of the Bulgarian e-payment environment (pay.egov.bg, "Среда за електронни
//! плащания" of the e-Government State Agency).
//!
//! Every message, in either direction, is form-encoded `clientId`, `hmac` and `data`: `data` is
//! the Base64 of a UTF-8 JSON text, and `hmac` the Base64 of HMAC-SHA256 over the `data`
//! *string* (not the JSON) under the client's secret. A payment request is registered with
//! `POST {base}/api/v1/eService/paymentJson` and answered with `acceptedReceiptJson {id,
//! registrationTime}` or `unacceptedReceiptJson {validationTime, errors}`; the browser is sent
//! to `{portal}/vpos/payment` by an auto-submitting POST of `{id, okUrl, cancelUrl}`, signed
//! the same way; the environment notifies `{Id, Status, ChangeTime}` and wants
//! `{"success": true}`; `paymentsStatus {requestIds}` tells the status of pending requests.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

/// A signed message: the three form fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    /// The client (the administration's e-service) id.
    #[serde(rename = "clientId")]
    pub client_id: String,
    /// Base64 of HMAC-SHA256 over `data`.
    pub hmac: String,
    /// Base64 of the JSON text.
    pub data: String,
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// The client id is not the one configured.
    #[error("unknown clientId")]
    UnknownClient,
    /// The HMAC does not match (or is not Base64).
    #[error("bad hmac")]
    BadHmac,
    /// `data` is not Base64 of UTF-8 JSON of the expected shape.
    #[error("bad data: {0}")]
    BadData(String),
}

/// Base64 of HMAC-SHA256 over `data` under `secret`.
pub fn hmac(secret: &[u8], data: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(data.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Signs a JSON value as the environment expects it.
pub fn sign(client_id: &str, secret: &[u8], value: &Value) -> Signed {
    sign_text(client_id, secret, &value.to_string())
}

/// Signs a JSON text, byte for byte.
pub fn sign_text(client_id: &str, secret: &[u8], json: &str) -> Signed {
    let data = STANDARD.encode(json);
    Signed {
        client_id: client_id.to_owned(),
        hmac: hmac(secret, &data),
        data,
    }
}

/// Checks a message's client id and HMAC (in constant time) and decodes its JSON.
pub fn verify(message: &Signed, client_id: &str, secret: &[u8]) -> Result<Value, ProtocolError> {
    if message.client_id != client_id {
        return Err(ProtocolError::UnknownClient);
    }
    let given = STANDARD
        .decode(message.hmac.trim())
        .map_err(|_| ProtocolError::BadHmac)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(message.data.as_bytes());
    // `verify_slice` compares in constant time.
    mac.verify_slice(&given)
        .map_err(|_| ProtocolError::BadHmac)?;
    decode(&message.data)
}

/// The JSON inside `data`.
pub fn decode(data: &str) -> Result<Value, ProtocolError> {
    let bytes = STANDARD
        .decode(data.trim())
        .map_err(|e| ProtocolError::BadData(format!("not Base64: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| ProtocolError::BadData(format!("not JSON: {e}")))
}

/// A payment's status in the environment. The environment's spelling varies in case; it is
/// compared case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Registered, not yet paid.
    Pending,
    /// The person started paying.
    InProcess,
    /// A card payment is authorized.
    Authorized,
    /// A bank transfer is ordered.
    Ordered,
    /// Paid.
    Paid,
    /// The request expired unpaid.
    Expired,
    /// The person or the administration canceled it.
    Canceled,
    /// Suspended by the environment.
    Suspended,
}

impl Status {
    /// Every status, as the environment spells them.
    pub const ALL: [Status; 8] = [
        Status::Pending,
        Status::InProcess,
        Status::Authorized,
        Status::Ordered,
        Status::Paid,
        Status::Expired,
        Status::Canceled,
        Status::Suspended,
    ];

    /// The environment's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "Pending",
            Status::InProcess => "InProcess",
            Status::Authorized => "Authorized",
            Status::Ordered => "Ordered",
            Status::Paid => "Paid",
            Status::Expired => "Expired",
            Status::Canceled => "Canceled",
            Status::Suspended => "Suspended",
        }
    }

    /// Reads a status in any case.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A status notification (or an item of a `paymentsStatus` answer): `{Id, Status, ChangeTime}`,
/// the keys in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The environment's id of the payment request.
    pub id: String,
    /// Its new status.
    pub status: Status,
    /// When it changed, as the environment wrote it.
    pub change_time: String,
}

impl StatusChange {
    /// Reads `{Id, Status, ChangeTime}` (keys compared case-insensitively).
    pub fn from_json(value: &Value) -> Result<StatusChange, ProtocolError> {
        let field = |name: &str| {
            value.as_object().and_then(|map| {
                map.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            })
        };
        let text = |name: &str| match field(name) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let id = text("id").ok_or_else(|| ProtocolError::BadData("no Id".into()))?;
        let status = text("status")
            .as_deref()
            .and_then(Status::parse)
            .ok_or_else(|| ProtocolError::BadData("no known Status".into()))?;
        Ok(StatusChange {
            id,
            status,
            change_time: text("changeTime").unwrap_or_default(),
        })
    }
}

/// The environment's answer to a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receipt {
    /// Registered under this id.
    Accepted {
        /// The environment's id of the payment request.
        id: String,
        /// When.
        registration_time: String,
    },
    /// Refused, with the environment's reasons.
    Unaccepted {
        /// Each reason, as the environment gave it.
        errors: Vec<String>,
    },
}

impl Receipt {
    /// Reads `{acceptedReceiptJson: {id, registrationTime}}` or `{unacceptedReceiptJson:
    /// {validationTime, errors}}`.
    pub fn from_json(value: &Value) -> Result<Receipt, ProtocolError> {
        if let Some(accepted) = value.get("acceptedReceiptJson") {
            let id = match &accepted["id"] {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(ProtocolError::BadData("accepted receipt without id".into())),
            };
            return Ok(Receipt::Accepted {
                id,
                registration_time: accepted["registrationTime"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
        if let Some(unaccepted) = value.get("unacceptedReceiptJson") {
            let errors = match &unaccepted["errors"] {
                Value::Array(items) => items
                    .iter()
                    .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_owned))
                    .collect(),
                other => vec![other.to_string()],
            };
            return Ok(Receipt::Unaccepted { errors });
        }
        Err(ProtocolError::BadData(
            "neither acceptedReceiptJson nor unacceptedReceiptJson".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The vector of the e-payment environment's protocol as the payments issue gives it.
    const DATA: &str = "eyJpZCI6IjE1MDgyNjEiLCJva1VybCI6Imh0dHBzOi8vZXguYmcvb2siLCJjYW5jZWxVcmwiOiJodHRwczovL2V4LmJnL2NhbmNlbCJ9";
    const HMAC: &str = "B+2/+/UO5Re6Q9WrJ3UWUpQScqq2W5sv6Oq0CgZPQxI=";

    #[test]
    fn the_published_vector_signs_and_verifies() {
        assert_eq!(hmac(b"secret", DATA), HMAC);
        let message = Signed {
            client_id: "client".into(),
            hmac: HMAC.into(),
            data: DATA.into(),
        };
        assert_eq!(
            verify(&message, "client", b"secret"),
            Ok(
                json!({"id": "1508261", "okUrl": "https://ex.bg/ok", "cancelUrl": "https://ex.bg/cancel"})
            )
        );
        // The same JSON text signs to the same fields.
        let signed = sign_text(
            "client",
            b"secret",
            r#"{"id":"1508261","okUrl":"https://ex.bg/ok","cancelUrl":"https://ex.bg/cancel"}"#,
        );
        assert_eq!((signed.data.as_str(), signed.hmac.as_str()), (DATA, HMAC));
    }

    #[test]
    fn forged_messages_are_refused() {
        let good = Signed {
            client_id: "client".into(),
            hmac: HMAC.into(),
            data: DATA.into(),
        };
        let with = |f: &dyn Fn(&mut Signed)| {
            let mut m = good.clone();
            f(&mut m);
            verify(&m, "client", b"secret")
        };
        assert_eq!(
            with(&|m| m.client_id = "other".into()),
            Err(ProtocolError::UnknownClient)
        );
        assert_eq!(
            verify(&good, "client", b"Secret"),
            Err(ProtocolError::BadHmac)
        );
        assert_eq!(
            with(&|m| m.hmac = "B+2/+/UO5Re6Q9WrJ3UWUpQScqq2W5sv6Oq0CgZPQxJ=".into()),
            Err(ProtocolError::BadHmac)
        );
        assert_eq!(
            with(&|m| m.hmac = "not base64!".into()),
            Err(ProtocolError::BadHmac)
        );
        // Tampered data (one character), signed with the old HMAC.
        assert_eq!(
            with(&|m| m.data = DATA.replacen("eyJp", "eyJq", 1)),
            Err(ProtocolError::BadHmac)
        );
    }

    #[test]
    fn statuses_are_read_in_any_case() {
        assert_eq!(Status::parse("paid"), Some(Status::Paid));
        assert_eq!(Status::parse("PAID"), Some(Status::Paid));
        assert_eq!(Status::parse("inProcess"), Some(Status::InProcess));
        assert_eq!(Status::parse("Refunded"), None);
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        let change = StatusChange::from_json(
            &json!({"id": 1508261, "STATUS": "paid", "changeTime": "2026-12-02T10:00:00"}),
        )
        .expect("reads");
        assert_eq!(change.id, "1508261");
        assert_eq!(change.status, Status::Paid);
        assert!(StatusChange::from_json(&json!({"Id": "1", "Status": "Refunded"})).is_err());
    }

    #[test]
    fn receipts_are_read() {
        assert_eq!(
            Receipt::from_json(
                &json!({"acceptedReceiptJson": {"id": "42", "registrationTime": "2026-12-02T10:00:00"}})
            ),
            Ok(Receipt::Accepted {
                id: "42".into(),
                registration_time: "2026-12-02T10:00:00".into()
            })
        );
        assert_eq!(
            Receipt::from_json(
                &json!({"unacceptedReceiptJson": {"validationTime": "x", "errors": ["IBAN", {"code": 7}]}})
            ),
            Ok(Receipt::Unaccepted {
                errors: vec!["IBAN".into(), "{\"code\":7}".into()]
            })
        );
        assert!(Receipt::from_json(&json!({})).is_err());
    }
}
