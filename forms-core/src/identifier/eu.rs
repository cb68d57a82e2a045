//! EU customs: EORI and excise numbers.

use super::{IdentifierError, bg, compact, letter_prefix};

/// The EU member states by their ISO 3166 codes, as EORI numbers use them (Greece is `GR`).
const MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Whether `country` may prefix an excise number: a member state, with Greece also as `EL`
/// (the EU's own code for it; which of the two SEED uses is not published).
fn excise_country(country: &str) -> bool {
    country == "EL" || MEMBER_STATES.contains(&country)
}

fn alphanumeric(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// EORI: an EU member state's ISO code or `XI` (Northern Ireland under the Windsor Framework), then 1–15 letters or digits; for `BG` the rest must be the
/// holder's EIK, EGN or LNCh. Stored upper-case, without spaces.
pub fn eori(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, "");
    let Some((country, rest)) = letter_prefix(&text) else {
        return Err(IdentifierError::Format);
    };
    if country != "XI" && !MEMBER_STATES.contains(&country) {
        return Err(IdentifierError::Country);
    }
    if rest.is_empty() || rest.len() > 15 || !alphanumeric(rest) {
        return Err(IdentifierError::Format);
    }
    if country == "BG" {
        bg::national_id(rest)?;
    }
    Ok(text)
}

/// Excise number (SEED): an EU country code and 11 letters or digits, shorter ones padded on
/// the left with zeros.
pub fn excise(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, "");
    let Some((country, rest)) = letter_prefix(&text) else {
        return Err(IdentifierError::Format);
    };
    if !excise_country(country) {
        return Err(IdentifierError::Country);
    }
    if rest.is_empty() || rest.len() > 11 || !alphanumeric(rest) {
        return Err(IdentifierError::Format);
    }
    Ok(format!("{country}{rest:0>11}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eori_country_format_and_bulgarian_national_part() {
        assert_eq!(eori("bg 175074752"), Ok("BG175074752".into()));
        assert_eq!(eori("DE123456789012345"), Ok("DE123456789012345".into()));
        assert_eq!(eori("XI123456789000"), Ok("XI123456789000".into()));
        assert_eq!(eori("US123456789"), Err(IdentifierError::Country));
        assert_eq!(eori("BG123456789"), Err(IdentifierError::Checksum));
        assert_eq!(eori("DE1234567890123456"), Err(IdentifierError::Format));
    }

    #[test]
    fn excise_numbers_are_padded() {
        // SEED help page and python-stdnum eu/excise.py.
        assert_eq!(excise("LU 987ABC"), Ok("LU00000987ABC".into()));
        assert_eq!(excise("FR012907E0820"), Ok("FR012907E0820".into()));
        assert_eq!(excise("XX00000987ABC"), Err(IdentifierError::Country));
        assert_eq!(excise("LU000000987ABC"), Err(IdentifierError::Format));
    }
}
