//! Evaluation: the verdict on submitted data, identical in the browser and on the server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::definition::{Definition, FieldKind};
use crate::identifier::IdentifierError;

/// A stable, machine-readable reason why an answer is not accepted. The message shown to a
/// person is looked up in Fluent under [`ErrorCode::message_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A required answer is missing or blank.
    Required,
    /// The answer has the wrong JSON type (e.g. a number where text is expected).
    Type,
    /// The answer is longer than `max_length` characters.
    TooLong,
    /// An identifier has the wrong length or characters.
    #[serde(rename = "identifier.format")]
    IdentifierFormat,
    /// An identifier's check digits do not match.
    #[serde(rename = "identifier.checksum")]
    IdentifierChecksum,
    /// The birth date inside an identifier does not exist.
    #[serde(rename = "identifier.date")]
    IdentifierDate,
    /// An identifier's country prefix is not accepted.
    #[serde(rename = "identifier.country")]
    IdentifierCountry,
}

impl From<IdentifierError> for ErrorCode {
    fn from(error: IdentifierError) -> Self {
        match error {
            IdentifierError::Format => ErrorCode::IdentifierFormat,
            IdentifierError::Checksum => ErrorCode::IdentifierChecksum,
            IdentifierError::Date => ErrorCode::IdentifierDate,
            IdentifierError::Country => ErrorCode::IdentifierCountry,
        }
    }
}

impl ErrorCode {
    /// The code as it appears in the API (`required`, `too_long`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::Type => "type",
            ErrorCode::TooLong => "too_long",
            ErrorCode::IdentifierFormat => "identifier.format",
            ErrorCode::IdentifierChecksum => "identifier.checksum",
            ErrorCode::IdentifierDate => "identifier.date",
            ErrorCode::IdentifierCountry => "identifier.country",
        }
    }

    /// The Fluent message id of this code's explanation.
    pub fn message_key(self) -> &'static str {
        match self {
            ErrorCode::Required => "error-required",
            ErrorCode::Type => "error-type",
            ErrorCode::TooLong => "error-too-long",
            ErrorCode::IdentifierFormat => "error-identifier-format",
            ErrorCode::IdentifierChecksum => "error-identifier-checksum",
            ErrorCode::IdentifierDate => "error-identifier-date",
            ErrorCode::IdentifierCountry => "error-identifier-country",
        }
    }
}

/// One problem with the data, at a JSON Pointer `path` into the submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// JSON Pointer to the offending answer, e.g. `/full_name`.
    pub path: String,
    /// Why it is refused.
    pub code: ErrorCode,
    /// Values the message needs (e.g. `max`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Value>,
}

/// The outcome of evaluating data against a definition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Every problem found, in the order of the form's fields.
    pub errors: Vec<FieldError>,
    /// The data to store: only the form's own fields, text trimmed, blanks left out.
    pub cleaned: Map<String, Value>,
}

impl Evaluation {
    /// True when the data can be accepted.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first error for the answer at `path`, if any.
    pub fn error_at(&self, path: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.path == path)
    }
}

/// Evaluates `data` (the whole submission, a JSON object) against `definition`.
pub fn evaluate(definition: &Definition, data: &Value) -> Evaluation {
    let mut evaluation = Evaluation::default();
    let empty = Map::new();
    let object = match data {
        Value::Object(map) => map,
        _ => {
            evaluation.errors.push(FieldError {
                path: String::new(),
                code: ErrorCode::Type,
                params: BTreeMap::new(),
            });
            &empty
        }
    };
    for field in definition.fields() {
        let path = format!("/{}", field.key);
        let mut fail = |code, params| {
            evaluation.errors.push(FieldError {
                path: path.clone(),
                code,
                params,
            })
        };
        let text = match object.get(&field.key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim()).filter(|s| !s.is_empty()),
            Some(_) => {
                fail(ErrorCode::Type, BTreeMap::new());
                continue;
            }
        };
        match (field.kind, text) {
            (_, None) => {
                if field.required {
                    fail(ErrorCode::Required, BTreeMap::new());
                }
            }
            (FieldKind::Text | FieldKind::LongText, Some(text)) => {
                if let Some(max) = field.max_length
                    && text.chars().count() > max
                {
                    fail(
                        ErrorCode::TooLong,
                        BTreeMap::from([("max".to_owned(), Value::from(max))]),
                    );
                    continue;
                }
                evaluation
                    .cleaned
                    .insert(field.key.clone(), Value::String(text.to_owned()));
            }
            (FieldKind::Identifier, Some(text)) => {
                let Some(scheme) = field.scheme else { continue };
                match scheme.validate(text) {
                    // The normalised number is what is stored.
                    Ok(clean) => {
                        evaluation
                            .cleaned
                            .insert(field.key.clone(), Value::String(clean));
                    }
                    Err(error) => fail(
                        error.into(),
                        BTreeMap::from([("scheme".to_owned(), Value::from(scheme.as_str()))]),
                    ),
                }
            }
        }
    }
    evaluation
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn definition() -> Definition {
        Definition::from_json(
            &json!({
                "format": 1, "id": "demo", "version": "1", "languages": ["en"],
                "title": {"en": "Demo"},
                "steps": [{"id": "s", "title": {"en": "Step"}, "fields": [
                    {"key": "name", "type": "text", "required": true, "max_length": 5,
                     "label": {"en": "Name"}},
                    {"key": "note", "type": "long_text", "label": {"en": "Note"}}
                ]}]
            })
            .to_string(),
        )
        .expect("valid definition")
    }

    #[test]
    fn missing_blank_and_null_required_answers_are_errors() {
        let def = definition();
        for data in [json!({}), json!({"name": "   "}), json!({"name": null})] {
            let ev = evaluate(&def, &data);
            assert_eq!(
                ev.errors,
                vec![FieldError {
                    path: "/name".into(),
                    code: ErrorCode::Required,
                    params: BTreeMap::new()
                }],
                "for {data}"
            );
        }
    }

    #[test]
    fn valid_data_is_trimmed_and_unknown_keys_dropped() {
        let ev = evaluate(
            &definition(),
            &json!({"name": " Ana ", "note": "", "admin": true}),
        );
        assert!(ev.is_valid());
        assert_eq!(Value::Object(ev.cleaned), json!({"name": "Ana"}));
    }

    #[test]
    fn wrong_types_and_lengths_have_their_codes() {
        let def = definition();
        let ev = evaluate(&def, &json!({"name": 42}));
        assert_eq!(ev.error_at("/name").map(|e| e.code), Some(ErrorCode::Type));
        let ev = evaluate(&def, &json!({"name": "Анелия"}));
        let err = ev.error_at("/name").expect("too long");
        assert_eq!(err.code, ErrorCode::TooLong);
        assert_eq!(err.params.get("max"), Some(&json!(5)));
        // Five Cyrillic letters are five characters, not ten bytes.
        assert!(evaluate(&def, &json!({"name": "Анели"})).is_valid());
    }

    #[test]
    fn identifiers_are_checked_and_stored_normalised() {
        let def = Definition::from_json(
            &json!({
                "format": 1, "id": "demo", "version": "1", "languages": ["en"],
                "title": {"en": "Demo"},
                "steps": [{"id": "s", "title": {"en": "Step"}, "fields": [
                    {"key": "vat", "type": "identifier", "scheme": "bg_vat",
                     "label": {"en": "VAT number"}}
                ]}]
            })
            .to_string(),
        )
        .expect("valid definition");
        let ev = evaluate(&def, &json!({"vat": "bg 175 074 752"}));
        assert!(ev.is_valid());
        assert_eq!(ev.cleaned["vat"], "BG175074752");
        let ev = evaluate(&def, &json!({"vat": "175074751"}));
        let error = ev.error_at("/vat").expect("checksum error");
        assert_eq!(error.code, ErrorCode::IdentifierChecksum);
        assert_eq!(error.params["scheme"], "bg_vat");
        assert_eq!(
            serde_json::to_value(error.code).expect("serialises"),
            "identifier.checksum"
        );
        assert!(ev.cleaned.is_empty(), "a refused number is not stored");
    }

    /// `as_str` (used by the server's error list) and the serde names (used in JSON) are two
    /// spellings of each code; they must never drift apart.
    #[test]
    fn every_code_is_spelled_the_same_by_as_str_and_serde() {
        for code in [
            ErrorCode::Required,
            ErrorCode::Type,
            ErrorCode::TooLong,
            ErrorCode::IdentifierFormat,
            ErrorCode::IdentifierChecksum,
            ErrorCode::IdentifierDate,
            ErrorCode::IdentifierCountry,
        ] {
            assert_eq!(
                serde_json::to_value(code).expect("serialises"),
                code.as_str()
            );
        }
    }

    #[test]
    fn non_object_data_is_a_type_error_at_the_root() {
        let ev = evaluate(&definition(), &json!([1, 2]));
        assert_eq!(ev.errors[0].path, "");
        assert_eq!(ev.errors[0].code, ErrorCode::Type);
    }
}
