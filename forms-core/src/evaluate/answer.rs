//! The check of one answer by its field's type and options: a pure function of the field, the
//! value and today's date.

use serde_json::{Map, Value};

use super::{ErrorCode, Params};
use crate::date::Date;
use crate::definition::{Field, FieldKind};
use crate::identifier::{Scheme, net};
use crate::number::{Decimal, NumberError, Written};

/// Whether an answer counts as not given: `null`, blank text, no choices, an empty object.
pub(crate) fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// What conditions see of a valid answer: the cleaned value, but amounts as numbers so that
/// expressions can calculate with them.
pub(crate) fn logic_value(field: &Field, clean: Value) -> Value {
    own_logic_value(field, &clean).unwrap_or(clean)
}

/// Whether `logic_value(field, clean)` is `value`, without a copy of `clean` where the two are
/// the same value.
pub(crate) fn logic_value_is(field: &Field, clean: &Value, value: &Value) -> bool {
    own_logic_value(field, clean).map_or(clean == value, |own| own == *value)
}

/// What conditions see of a valid answer where it is not the cleaned value itself.
fn own_logic_value(field: &Field, clean: &Value) -> Option<Value> {
    match (field.kind, clean) {
        (FieldKind::Amount, Value::String(s)) => Written::parse(s).map(|w| w.to_json()),
        // A rule compares a request's common name with the server name: `{"var": "csr.cn"}`.
        (FieldKind::Identifier, Value::String(pem)) if field.scheme == Some(Scheme::Csr) => {
            let mut parts = Map::new();
            let cn = crate::identifier::csr::common_name(pem).map_or(Value::Null, Value::from);
            parts.insert("cn".to_owned(), cn);
            parts.insert("pem".to_owned(), clean.clone());
            Some(Value::Object(parts))
        }
        _ => None,
    }
}

/// What conditions see of an answer that is not valid: the text trimmed, or the value as is.
pub(crate) fn raw_logic_value(answer: &Value) -> Value {
    match answer {
        Value::String(s) => Value::String(s.trim().to_owned()),
        other => other.clone(),
    }
}

/// Whether `raw_logic_value(answer)` is `answer` itself: it is, but for text with spaces around.
pub(crate) fn raw_logic_value_is_itself(answer: &Value) -> bool {
    answer.as_str().is_none_or(|s| s.trim().len() == s.len())
}

type Refusal = (ErrorCode, Params);

fn refuse(code: ErrorCode) -> Refusal {
    (code, Params::new())
}

fn refuse_with(code: ErrorCode, name: &str, value: impl Into<Value>) -> Refusal {
    (code, Params::from([(name.to_owned(), value.into())]))
}

fn text(value: &Value) -> Result<&str, Refusal> {
    value
        .as_str()
        .map(str::trim)
        .ok_or_else(|| refuse(ErrorCode::Type))
}

/// Checks a non-blank `answer` of `field`; returns the normalised value to store, or the code
/// and message parameters of the first problem.
pub fn check_answer(
    field: &Field,
    answer: &Value,
    today: Date,
) -> Result<Value, (ErrorCode, Params)> {
    match field.kind {
        FieldKind::Text | FieldKind::LongText => check_text(field, text(answer)?),
        FieldKind::Email => net::email(text(answer)?)
            .map(Value::String)
            .ok_or_else(|| refuse(ErrorCode::Email)),
        FieldKind::Phone => identifier(Scheme::Phone, field.country.as_deref(), text(answer)?),
        FieldKind::Identifier => {
            let scheme = field.scheme.ok_or_else(|| refuse(ErrorCode::Type))?;
            identifier(scheme, field.country.as_deref(), text(answer)?)
        }
        FieldKind::Number => check_number(field, answer),
        FieldKind::Amount => check_amount(field, answer),
        FieldKind::Date => check_date(field, text(answer)?, today),
        FieldKind::Select | FieldKind::Radio => {
            let value = text(answer)?;
            if field.options.iter().any(|o| o.value == value) {
                Ok(Value::String(value.to_owned()))
            } else {
                Err(refuse(ErrorCode::Option))
            }
        }
        FieldKind::Checkboxes => check_choices(field, answer),
        FieldKind::YesNo => answer
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| refuse(ErrorCode::Type)),
        FieldKind::File => check_file(field, answer),
        // Not answers: handled by the walker.
        FieldKind::Static | FieldKind::Group | FieldKind::Repeatable | FieldKind::Computed => {
            Err(refuse(ErrorCode::Type))
        }
    }
}

fn check_text(field: &Field, text: &str) -> Result<Value, Refusal> {
    let text = if field.kind == FieldKind::LongText {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    };
    let length = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    if let Some(min) = field.min_length.filter(|&min| length < min) {
        return Err(refuse_with(ErrorCode::TooShort, "min", min));
    }
    if let Some(max) = field.max_length.filter(|&max| length > max) {
        return Err(refuse_with(ErrorCode::TooLong, "max", max));
    }
    if field.pattern.as_ref().is_some_and(|p| !p.matches(&text)) {
        return Err(refuse(ErrorCode::Pattern));
    }
    Ok(Value::String(text))
}

fn identifier(scheme: Scheme, country: Option<&str>, text: &str) -> Result<Value, Refusal> {
    scheme
        .validate_in(text, country)
        .map(Value::String)
        .map_err(|error| {
            let mut params = Params::from([("scheme".to_owned(), Value::from(scheme.as_str()))]);
            if let Some(country) = country {
                params.insert("country".to_owned(), Value::from(country));
            }
            (error.into(), params)
        })
}

fn written(answer: &Value) -> Result<Written, Refusal> {
    match answer {
        Value::Number(_) | Value::String(_) => {
            Written::from_json(answer).ok_or_else(|| refuse(ErrorCode::NotANumber))
        }
        _ => Err(refuse(ErrorCode::Type)),
    }
}

fn check_range(field: &Field, value: f64) -> Result<(), Refusal> {
    if let Some(min) = field.min.filter(|&min| value < min) {
        return Err(refuse_with(ErrorCode::TooSmall, "min", min));
    }
    if let Some(max) = field.max.filter(|&max| value > max) {
        return Err(refuse_with(ErrorCode::TooLarge, "max", max));
    }
    Ok(())
}

fn check_number(field: &Field, answer: &Value) -> Result<Value, Refusal> {
    let written = written(answer)?;
    if let Some(decimals) = field.decimals
        && written.fraction.len() > usize::from(decimals)
    {
        return Err(refuse_with(ErrorCode::Precision, "decimals", decimals));
    }
    if written.whole.len() + written.fraction.len() > 15 {
        return Err(refuse(ErrorCode::NotANumber));
    }
    check_range(field, written.to_f64())?;
    Ok(written.to_json())
}

fn check_amount(field: &Field, answer: &Value) -> Result<Value, Refusal> {
    let written = written(answer)?;
    let decimals = field.decimals.unwrap_or(2);
    let amount = Decimal::from_written(&written, u32::from(decimals)).map_err(|e| match e {
        NumberError::Precision => refuse_with(ErrorCode::Precision, "decimals", decimals),
        NumberError::NotANumber => refuse(ErrorCode::NotANumber),
    })?;
    check_range(field, amount.to_f64())?;
    Ok(Value::String(amount.to_string()))
}

fn check_date(field: &Field, text: &str, today: Date) -> Result<Value, Refusal> {
    let date = Date::parse(text).ok_or_else(|| refuse(ErrorCode::InvalidDate))?;
    if let Some(min) = field.min_date.and_then(|b| b.resolve(today))
        && date < min
    {
        return Err(refuse_with(ErrorCode::TooEarly, "min", min.to_string()));
    }
    if let Some(max) = field.max_date.and_then(|b| b.resolve(today))
        && date > max
    {
        return Err(refuse_with(ErrorCode::TooLate, "max", max.to_string()));
    }
    Ok(Value::String(date.to_string()))
}

fn check_choices(field: &Field, answer: &Value) -> Result<Value, Refusal> {
    let chosen = answer.as_array().ok_or_else(|| refuse(ErrorCode::Type))?;
    let mut values = Vec::with_capacity(chosen.len());
    for item in chosen {
        let value = item.as_str().ok_or_else(|| refuse(ErrorCode::Type))?;
        if !field.options.iter().any(|o| o.value == value) || values.contains(&value) {
            return Err(refuse(ErrorCode::Option));
        }
        values.push(value);
    }
    let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
    if let Some(min) = field.min_items.filter(|&min| count < min) {
        return Err(refuse_with(ErrorCode::TooFew, "min", min));
    }
    if let Some(max) = field.max_items.filter(|&max| count > max) {
        return Err(refuse_with(ErrorCode::TooMany, "max", max));
    }
    // Stored in the order of the options, whatever order they were ticked in.
    Ok(Value::Array(
        field
            .options
            .iter()
            .filter(|o| values.contains(&o.value.as_str()))
            .map(|o| Value::String(o.value.clone()))
            .collect(),
    ))
}

/// Whether `media_type` is accepted by `pattern` (`application/pdf`, or `image/*`).
fn media_type_matches(pattern: &str, media_type: &str) -> bool {
    match pattern.strip_suffix("/*") {
        Some(family) => media_type
            .split_once('/')
            .is_some_and(|(f, _)| f.eq_ignore_ascii_case(family)),
        None => pattern.eq_ignore_ascii_case(media_type),
    }
}

fn check_file(field: &Field, answer: &Value) -> Result<Value, Refusal> {
    let file = answer.as_object().ok_or_else(|| refuse(ErrorCode::Type))?;
    let name = file.get("name").and_then(Value::as_str).map(str::trim);
    let media_type = file
        .get("media_type")
        .and_then(Value::as_str)
        .map(str::trim);
    let size = file.get("size").and_then(Value::as_u64);
    let (Some(name), Some(media_type), Some(size)) = (name, media_type, size) else {
        return Err(refuse(ErrorCode::Type));
    };
    if name.is_empty() || name.chars().count() > 255 || media_type.is_empty() {
        return Err(refuse(ErrorCode::Type));
    }
    if !field.media_types.is_empty()
        && !field
            .media_types
            .iter()
            .any(|p| media_type_matches(p, media_type))
    {
        return Err(refuse_with(
            ErrorCode::FileType,
            "types",
            field.media_types.join(", "),
        ));
    }
    if let Some(max) = field.max_size.filter(|&max| size > max) {
        return Err(refuse_with(ErrorCode::FileTooLarge, "max", max));
    }
    let mut clean = Map::new();
    clean.insert("name".to_owned(), Value::from(name));
    clean.insert(
        "media_type".to_owned(),
        Value::from(media_type.to_ascii_lowercase()),
    );
    clean.insert("size".to_owned(), Value::from(size));
    if let Some(id) = file.get("id").and_then(Value::as_str) {
        clean.insert("id".to_owned(), Value::from(id));
    }
    Ok(Value::Object(clean))
}
