//! Numbers as people type them (`1 234,50`) and sums of money as exact decimals.

use std::fmt;

use serde_json::Value;

/// Why a text is not an acceptable number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    NotANumber,
    /// More decimal places than allowed.
    Precision,
}

/// A number split into its parts as written: sign, whole digits, decimal digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Whether it has a minus sign (and is not zero).
    pub negative: bool,
    /// The digits before the decimal mark, without leading zeros (`"0"` for none).
    pub whole: String,
    /// The digits after the decimal mark, without trailing zeros.
    pub fraction: String,
}

impl Written {
    /// Reads `1234.5`, `-3`, `+7`, `1 234,50`, `0,5`: spaces (also no-break and thin spaces) may
    /// group digits, and the decimal mark is a point or a comma (Bulgarian, Polish and Azerbaijani
    /// write a comma). Nothing else: no exponents, no `NaN`.
    pub fn parse(text: &str) -> Option<Written> {
        let text = text.trim();
        let (negative, text) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let mut whole = String::new();
        let mut fraction = String::new();
        let mut in_fraction = false;
        for c in text.chars() {
            match c {
                '0'..='9' if in_fraction => fraction.push(c),
                '0'..='9' => whole.push(c),
                '.' | ',' if !in_fraction => in_fraction = true,
                ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' if !in_fraction && !whole.is_empty() => {}
                _ => return None,
            }
        }
        if whole.is_empty() && fraction.is_empty() || (in_fraction && fraction.is_empty()) {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        Some(Written {
            negative: negative && (whole != "0" || !fraction.is_empty()),
            whole: whole.to_owned(),
            fraction: fraction.to_owned(),
        })
    }

    /// Reads a JSON number or a string holding one.
    pub fn from_json(value: &Value) -> Option<Written> {
        match value {
            Value::Number(n) => Written::parse(&n.to_string()),
            Value::String(s) => Written::parse(s),
            _ => None,
        }
    }

    /// The value as a float (exact for up to 15 significant digits).
    pub fn to_f64(&self) -> f64 {
        // `-whole.fraction0`, built by hand: `format!` costs more than the parse.
        let mut text = String::with_capacity(self.whole.len() + self.fraction.len() + 3);
        if self.negative {
            text.push('-');
        }
        text.push_str(&self.whole);
        text.push('.');
        text.push_str(&self.fraction);
        text.push('0');
        text.parse().unwrap_or(f64::NAN)
    }

    /// The value as a JSON number: an integer when it has no decimals and fits, else a float.
    pub fn to_json(&self) -> Value {
        if self.fraction.is_empty()
            && let Ok(n) = self.whole.parse::<i64>()
        {
            return Value::from(if self.negative { -n } else { n });
        }
        serde_json::Number::from_f64(self.to_f64()).map_or(Value::Null, Value::Number)
    }
}

/// An exact decimal with a fixed number of places: a sum of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decimal {
    units: i64,
    scale: u32,
}

/// Sums of money have at most 15 digits (what a float holds exactly).
const MAX_DIGITS: usize = 15;

impl Decimal {
    /// The amount in `text` with exactly `scale` places, if it has no more than that.
    pub fn parse(text: &str, scale: u32) -> Option<Decimal> {
        Decimal::from_written(&Written::parse(text)?, scale).ok()
    }

    /// The amount with exactly `scale` places.
    pub fn from_written(written: &Written, scale: u32) -> Result<Decimal, NumberError> {
        let places = usize::try_from(scale).unwrap_or(usize::MAX);
        if written.fraction.len() > places {
            return Err(NumberError::Precision);
        }
        if written.whole.len() + places > MAX_DIGITS {
            return Err(NumberError::NotANumber);
        }
        let digits = format!("{}{:0<places$}", written.whole, written.fraction);
        let units: i64 = digits.parse().map_err(|_| NumberError::NotANumber)?;
        Ok(Decimal {
            units: if written.negative { -units } else { units },
            scale,
        })
    }

    /// A computed amount (a JSON number) rounded half away from zero to `scale` places.
    pub fn from_json_rounded(value: &Value) -> Option<Decimal> {
        let x = value.as_f64()?;
        let factor = 100.0;
        let units = (x * factor).round();
        (units.is_finite() && units.abs() < 1e15).then_some(Decimal {
            // In range by the check above.
            #[allow(clippy::cast_possible_truncation)]
            units: units as i64,
            scale: 2,
        })
    }

    /// Whether the amount is more than zero.
    pub fn is_positive(self) -> bool {
        self.units > 0
    }

    /// The amount as a float, for comparing with `min` and `max`.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let units = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{units}");
        }
        let factor = 10u64.pow(self.scale);
        let places = usize::try_from(self.scale).unwrap_or(0);
        write!(f, "{sign}{}.{:0places$}", units / factor, units % factor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        let w = Written::parse(" 1 234,50 ").expect("a number");
        assert_eq!((w.whole.as_str(), w.fraction.as_str()), ("1234", "5"));
        assert_eq!(w.to_json(), json!(1234.5));
        assert_eq!(Written::parse("-0").expect("zero").to_json(), json!(0));
        assert_eq!(Written::parse("+007").expect("seven").to_json(), json!(7));
        assert_eq!(Written::parse(".5").expect("half").to_json(), json!(0.5));
        for bad in ["", "-", "1.", "1,2,3", "1.2.3", "1e5", "NaN", "12a", "١٢"] {
            assert_eq!(Written::parse(bad), None, "{bad:?}");
        }
        assert_eq!(
            Written::from_json(&json!(2.25)).map(|w| w.to_json()),
            Some(json!(2.25))
        );
    }

    #[test]
    fn money_is_exact_and_keeps_its_places() {
        assert_eq!(
            Decimal::parse("1 234,5", 2).map(|d| d.to_string()),
            Some("1234.50".into())
        );
        assert_eq!(
            Decimal::parse("10", 2).map(|d| d.to_string()),
            Some("10.00".into())
        );
        assert_eq!(
            Decimal::parse("-0.07", 2).map(|d| d.to_string()),
            Some("-0.07".into())
        );
        assert_eq!(
            Decimal::parse("3", 0).map(|d| d.to_string()),
            Some("3".into())
        );
        let three_places = Written::parse("1.005").expect("number");
        assert_eq!(
            Decimal::from_written(&three_places, 2),
            Err(NumberError::Precision)
        );
        let huge = Written::parse("12345678901234567").expect("number");
        assert_eq!(
            Decimal::from_written(&huge, 2),
            Err(NumberError::NotANumber)
        );
        assert!(Decimal::parse("0.01", 2).expect("cent").is_positive());
        assert!(!Decimal::parse("0", 2).expect("zero").is_positive());
    }

    #[test]
    fn computed_amounts_round_to_cents() {
        let round = |v: Value| Decimal::from_json_rounded(&v).map(|d| d.to_string());
        assert_eq!(round(json!(7.5)), Some("7.50".into()));
        assert_eq!(round(json!(0.125)), Some("0.13".into()));
        assert_eq!(round(json!(20)), Some("20.00".into()));
        assert_eq!(round(json!("20")), None);
        assert_eq!(round(json!(1e20)), None);
    }
}
