//! Identifiers: exact checks of the numbers government forms ask for, each a small pure function
//! that normalises what a person typed (spaces, dashes, lower case, prefixes) and returns the
//! cleaned value that is stored, or the reason it cannot be right.
//!
//! The algorithms, their sources and their edge cases are documented in `docs/IDENTIFIERS.md`.
//! Every function checks in one order: country, then format, then date, then checksum, so a
//! person hears about the most useful problem first.

pub mod az;
pub mod bank;
pub mod bg;
pub mod csr;
pub mod eu;
pub mod net;
pub mod pl;

use serde::{Deserialize, Serialize};

/// Why a value is not a valid identifier of its scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierError {
    /// Wrong length or characters.
    Format,
    /// The check digit(s) do not match: a digit is mistyped.
    Checksum,
    /// The birth date encoded in the number does not exist.
    Date,
    /// The country prefix is not one this identifier allows.
    Country,
}

/// The identifier schemes a form field can ask for (`"scheme"` of an `identifier` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Bulgarian personal number (ЕГН).
    Egn,
    /// Bulgarian personal number of a foreigner (ЛНЧ).
    Lnch,
    /// Bulgarian unified identification code of a legal entity (ЕИК / БУЛСТАТ), 9 or 13 digits.
    Eik,
    /// Bulgarian VAT number: BG and 9 or 10 digits.
    BgVat,
    /// EU Economic Operators Registration and Identification number.
    Eori,
    /// EU excise number (SEED).
    Excise,
    /// Polish personal number.
    Pesel,
    /// Polish tax identification number.
    Nip,
    /// Polish statistical number of a business, 9 or 14 digits.
    Regon,
    /// Azerbaijani taxpayer identification number (VÖEN).
    Voen,
    /// A telephone number in E.164; a field's `country` may require one country.
    Phone,
    /// An internet server name (a canonical host name such as SEOS asks for).
    Domain,
    /// An international bank account number; a field's `country` may require one country.
    Iban,
    /// A certificate signing request (PKCS#10) in PEM; rules read its common name as `.cn`.
    Csr,
}

impl Scheme {
    /// Every scheme, for tests and documentation.
    pub const ALL: [Scheme; 14] = [
        Scheme::Egn,
        Scheme::Lnch,
        Scheme::Eik,
        Scheme::BgVat,
        Scheme::Eori,
        Scheme::Excise,
        Scheme::Pesel,
        Scheme::Nip,
        Scheme::Regon,
        Scheme::Voen,
        Scheme::Phone,
        Scheme::Domain,
        Scheme::Iban,
        Scheme::Csr,
    ];

    /// Whether its numbers are written with digits alone, so a numeric keypad suits them.
    pub fn digits_only(self) -> bool {
        matches!(
            self,
            Scheme::Egn | Scheme::Lnch | Scheme::Eik | Scheme::Pesel | Scheme::Regon | Scheme::Voen
        )
    }

    /// Checks `input` and returns the normalised value to store.
    pub fn validate(self, input: &str) -> Result<String, IdentifierError> {
        self.validate_in(input, None)
    }

    /// Checks `input` where the field may require a `country` (ISO 3166 alpha-2; for phones and
    /// IBANs).
    pub fn validate_in(
        self,
        input: &str,
        country: Option<&str>,
    ) -> Result<String, IdentifierError> {
        match self {
            Scheme::Egn => bg::egn(input),
            Scheme::Lnch => bg::lnch(input),
            Scheme::Eik => bg::eik(input),
            Scheme::BgVat => bg::vat(input),
            Scheme::Eori => eu::eori(input),
            Scheme::Excise => eu::excise(input),
            Scheme::Pesel => pl::pesel(input),
            Scheme::Nip => pl::nip(input),
            Scheme::Regon => pl::regon(input),
            Scheme::Voen => az::voen(input),
            Scheme::Phone => net::phone(input, country),
            Scheme::Domain => net::domain(input),
            Scheme::Iban => bank::iban(input, country),
            Scheme::Csr => csr::csr(input),
        }
    }

    /// The name used in definitions (`"egn"`, `"bg_vat"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Egn => "egn",
            Scheme::Lnch => "lnch",
            Scheme::Eik => "eik",
            Scheme::BgVat => "bg_vat",
            Scheme::Eori => "eori",
            Scheme::Excise => "excise",
            Scheme::Pesel => "pesel",
            Scheme::Nip => "nip",
            Scheme::Regon => "regon",
            Scheme::Voen => "voen",
            Scheme::Phone => "phone",
            Scheme::Domain => "domain",
            Scheme::Iban => "iban",
            Scheme::Csr => "csr",
        }
    }
}

/// Separators people type inside digit-only numbers: spaces, dashes and dots.
pub(crate) const DIGIT_SEPARATORS: &str = "-.";

/// Cleans what a person typed: every kind of white space (also the non-breaking space that copy
/// and paste brings) and the scheme's `separators` are removed, and ASCII letters upper-cased.
/// Identifiers are ASCII: any other character is a format error later, so no Unicode case
/// tables are needed in the browser. Alphanumeric schemes pass no separators, since a dash or a
/// slash there may be a typing error that must not silently change the number.
pub(crate) fn compact(input: &str, separators: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !separators.contains(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The value of each digit, if `text` is exactly `len` ASCII digits.
pub(crate) fn digits(text: &str, len: usize) -> Result<Vec<u32>, IdentifierError> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdentifierError::Format);
    }
    Ok(text.bytes().map(|b| u32::from(b - b'0')).collect())
}

/// Σ digit × weight over as many digits as there are weights.
pub(crate) fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// Whether day `day` of month `month` exists in `year` (proleptic Gregorian calendar).
pub(crate) fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    i32::try_from(year).is_ok_and(|year| crate::date::Date::new(year, month, day).is_some())
}

/// Splits a two-letter prefix off `text`, if it starts with two ASCII letters.
pub(crate) fn letter_prefix(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    (bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_alphabetic)).then(|| text.split_at(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_removes_what_people_type_between_digits() {
        assert_eq!(
            compact(" bg 175-074.752\u{a0}", DIGIT_SEPARATORS),
            "BG175074752"
        );
        assert_eq!(compact("de 12-3", ""), "DE12-3");
    }

    #[test]
    fn real_dates_follow_the_gregorian_leap_rules() {
        assert!(is_real_date(2000, 2, 29));
        assert!(!is_real_date(1900, 2, 29));
        assert!(is_real_date(2024, 2, 29));
        assert!(!is_real_date(2023, 2, 29));
        assert!(!is_real_date(2023, 4, 31));
        assert!(!is_real_date(2023, 13, 1));
        assert!(!is_real_date(2023, 1, 0));
    }

    #[test]
    fn scheme_names_round_trip_through_serde() {
        for scheme in Scheme::ALL {
            let json = serde_json::to_value(scheme).expect("serialises");
            assert_eq!(json, scheme.as_str());
            let back: Scheme = serde_json::from_value(json).expect("deserialises");
            assert_eq!(back, scheme);
        }
    }
}
