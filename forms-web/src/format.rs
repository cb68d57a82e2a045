//! Numbers, dates and times as the person's language writes them (the browser's `Intl`): the
//! wasm binary carries no locale data.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// A plain object of options for `Intl`.
fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a plain new object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The locale of a language: English as written in the EU ("14 March 2025", not the US order).
fn locale(lang: &str) -> &str {
    if lang == "en" { "en-GB" } else { lang }
}

fn locales(lang: &str) -> Array {
    Array::of1(&JsValue::from_str(locale(lang)))
}

/// `value` in `lang`'s digits and separators; `decimals` fixes the places shown (amounts).
pub fn number(lang: &str, value: f64, decimals: Option<u8>) -> String {
    let pairs: Vec<(&str, JsValue)> = decimals
        .map(|d| {
            let d = JsValue::from_f64(f64::from(d));
            vec![
                ("minimumFractionDigits", d.clone()),
                ("maximumFractionDigits", d),
            ]
        })
        .unwrap_or_default();
    number_with(lang, value, &pairs)
}

/// `value` formatted by `Intl.NumberFormat` with `pairs` as its options.
fn number_with(lang: &str, value: f64, pairs: &[(&str, JsValue)]) -> String {
    let format = Intl::NumberFormat::new(&locales(lang), &options(pairs)).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// A sum of money (a decimal string and an ISO 4217 code) as `lang` writes it: "17,00 zł",
/// "PLN 17.00"; as given when the amount is not a number.
pub fn money(lang: &str, amount: &str, currency: &str) -> String {
    let Ok(value) = amount.parse::<f64>() else {
        return format!("{amount} {currency}");
    };
    let pairs = [
        ("style", JsValue::from_str("currency")),
        ("currency", JsValue::from_str(currency)),
    ];
    number_with(lang, value, &pairs)
}

/// The fee of an API answer (`{"amount": "17.00", "currency": "PLN"}`) as `lang` writes it.
pub fn fee(lang: &str, fee: &serde_json::Value) -> Option<String> {
    let amount = fee.get("amount")?.as_str()?;
    Some(money(lang, amount, fee.get("currency")?.as_str()?))
}

/// A calendar date `YYYY-MM-DD` written out in `lang` ("2 December 2026"); as given when it is
/// not a date.
pub fn date(lang: &str, iso: &str) -> String {
    let Some(date) = forms_core::Date::parse(iso) else {
        return iso.to_owned();
    };
    // Midday UTC, shown in UTC: the same calendar day in every time zone.
    let at = js_sys::Date::new(&JsValue::from_str(&format!("{date}T12:00:00Z")));
    let pairs = [
        ("timeZone", JsValue::from_str("UTC")),
        ("dateStyle", JsValue::from_str("long")),
    ];
    at.to_locale_date_string(locale(lang), &options(&pairs))
        .into()
}

/// A stored time (RFC 3339, UTC) as people in Bulgaria read it: Sofia's time, in the
/// language's format.
pub fn sofia_time(at: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(at));
    let pairs = [
        ("timeZone", JsValue::from_str("Europe/Sofia")),
        ("dateStyle", JsValue::from_str("medium")),
        ("timeStyle", JsValue::from_str("short")),
    ];
    date.to_locale_string(locale(lang), &options(&pairs)).into()
}

/// A file size in the largest unit that keeps it at least 1, with the unit as `lang` writes it
/// ("1,5 MB", "1,5 МБ").
pub fn file_size(lang: &str, bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let bytes = bytes as f64;
    let (value, unit) = if bytes >= 1_048_576.0 {
        (bytes / 1_048_576.0, "megabyte")
    } else if bytes >= 1024.0 {
        (bytes / 1024.0, "kilobyte")
    } else {
        (bytes, "byte")
    };
    let pairs = [
        ("style", JsValue::from_str("unit")),
        ("unit", JsValue::from_str(unit)),
        ("maximumFractionDigits", JsValue::from_f64(1.0)),
    ];
    number_with(lang, value, &pairs)
}
