//! Bulgaria: EGN, LNCh, EIK/BULSTAT and the VAT number.

use super::{
    DIGIT_SEPARATORS, IdentifierError, compact, digits, is_real_date, letter_prefix, weighted,
};

const EGN_WEIGHTS: [u32; 9] = [2, 4, 8, 5, 10, 9, 7, 3, 6];
const LNCH_WEIGHTS: [u32; 9] = [21, 19, 17, 13, 11, 9, 7, 3, 1];
const VAT_OTHER_WEIGHTS: [u32; 9] = [4, 3, 2, 7, 6, 5, 4, 3, 2];

/// EGN (ЕГН): `YYMMDDSSSC`; the century is in the month (+20 for the 1800s, +40 for the 2000s),
/// the date must exist, and C = Σ dᵢwᵢ mod 11 (10 → 0).
pub fn egn(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, DIGIT_SEPARATORS);
    let d = digits(&text, 10)?;
    egn_date(&d)?;
    if egn_check(&d) != d[9] {
        return Err(IdentifierError::Checksum);
    }
    Ok(text)
}

fn egn_date(d: &[u32]) -> Result<(), IdentifierError> {
    let (yy, mm, dd) = (d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5]);
    let (year, month) = match mm {
        1..=12 => (1900 + yy, mm),
        21..=32 => (1800 + yy, mm - 20),
        41..=52 => (2000 + yy, mm - 40),
        _ => return Err(IdentifierError::Date),
    };
    if is_real_date(year, month, dd) {
        Ok(())
    } else {
        Err(IdentifierError::Date)
    }
}

fn egn_check(d: &[u32]) -> u32 {
    weighted(d, &EGN_WEIGHTS) % 11 % 10
}

/// A whole EGN (date and check digit), where a 10-digit number may be one of several kinds.
fn egn_ok(d: &[u32]) -> bool {
    egn_date(d).is_ok() && egn_check(d) == d[9]
}

/// LNCh (ЛНЧ): 10 digits, C = Σ dᵢwᵢ mod 10 with weights 21, 19, 17, 13, 11, 9, 7, 3, 1.
pub fn lnch(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, DIGIT_SEPARATORS);
    let d = digits(&text, 10)?;
    if !lnch_ok(&d) {
        return Err(IdentifierError::Checksum);
    }
    Ok(text)
}

fn lnch_ok(d: &[u32]) -> bool {
    weighted(d, &LNCH_WEIGHTS) % 10 == d[9]
}

/// EIK/BULSTAT: 9 digits, or 13 for a branch (the 9-digit code and four more digits).
pub fn eik(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, DIGIT_SEPARATORS);
    let d = match text.len() {
        9 => digits(&text, 9)?,
        13 => digits(&text, 13)?,
        _ => return Err(IdentifierError::Format),
    };
    if eik_ok(&d) {
        Ok(text)
    } else {
        Err(IdentifierError::Checksum)
    }
}

/// Digit 9 from digits 1–8 (weights 1…8, fall-back 3…10), and for 13 digits, digit 13 from
/// digits 9–12 (weights 2, 7, 3, 5, fall-back 4, 9, 5, 7). The fall-back applies only when the
/// first remainder is 10; when it is 10 again the check digit is 0.
pub(crate) fn eik_ok(d: &[u32]) -> bool {
    fn check(digits: &[u32], weights: &[u32], fallback: &[u32]) -> u32 {
        match weighted(digits, weights) % 11 {
            10 => weighted(digits, fallback) % 11 % 10,
            r => r,
        }
    }
    if check(
        &d[..8],
        &[1, 2, 3, 4, 5, 6, 7, 8],
        &[3, 4, 5, 6, 7, 8, 9, 10],
    ) != d[8]
    {
        return false;
    }
    d.len() == 9 || check(&d[8..12], &[2, 7, 3, 5], &[4, 9, 5, 7]) == d[12]
}

/// The "other" 10-digit VAT numbers: C = (11 − Σ dᵢwᵢ mod 11) mod 11; a result of 10 is never
/// valid.
fn vat_other_ok(d: &[u32]) -> bool {
    let check = (11 - weighted(d, &VAT_OTHER_WEIGHTS) % 11) % 11;
    check != 10 && check == d[9]
}

/// Bulgarian VAT number: `BG` and either a 9-digit EIK, or 10 digits that are a valid EGN, LNCh
/// or "other" number. Stored with its `BG` prefix; typed with or without it.
pub fn vat(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, DIGIT_SEPARATORS);
    let number = match letter_prefix(&text) {
        Some(("BG", rest)) => rest,
        Some(_) => return Err(IdentifierError::Country),
        None => text.as_str(),
    };
    let valid = match number.len() {
        9 => eik_ok(&digits(number, 9)?),
        10 => {
            let d = digits(number, 10)?;
            egn_ok(&d) || lnch_ok(&d) || vat_other_ok(&d)
        }
        _ => return Err(IdentifierError::Format),
    };
    if valid {
        Ok(format!("BG{number}"))
    } else {
        Err(IdentifierError::Checksum)
    }
}

/// The national part of a Bulgarian EORI: an EIK (9 or 13 digits), or an EGN or LNCh (10).
pub(crate) fn national_id(number: &str) -> Result<(), IdentifierError> {
    let valid = match number.len() {
        9 | 13 => eik_ok(&digits(number, number.len())?),
        10 => {
            let d = digits(number, 10)?;
            egn_ok(&d) || lnch_ok(&d)
        }
        _ => return Err(IdentifierError::Format),
    };
    if valid {
        Ok(())
    } else {
        Err(IdentifierError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Public vectors; the full sets are in forms-core/tests/data/identifiers/.
    #[test]
    fn egn_examples_from_python_stdnum_and_the_centuries() {
        // python-stdnum bg/egn.py docstring: 1880 (month + 20) and 2075 (month + 40).
        assert_eq!(egn("752316 926 3"), Ok("7523169263".into()));
        assert_eq!(egn("8032056031"), Ok("8032056031".into()));
        assert_eq!(egn("7542011030"), Ok("7542011030".into()));
        assert_eq!(egn("8019010008"), Err(IdentifierError::Date));
        assert_eq!(egn("7552A10004"), Err(IdentifierError::Format));
        assert_eq!(egn("8032056032"), Err(IdentifierError::Checksum));
    }

    #[test]
    fn eik_examples_including_the_fallback_weights() {
        // eik_validator gem spec; python-stdnum tests/test_bg_vat.doctest (fallback checksum).
        assert_eq!(eik("020469788"), Ok("020469788".into()));
        assert_eq!(eik("131272009"), Ok("131272009".into()));
        assert_eq!(eik("1213961230342"), Ok("1213961230342".into()));
        assert_eq!(eik("123456789"), Err(IdentifierError::Checksum));
        assert_eq!(eik("12345678"), Err(IdentifierError::Format));
    }

    #[test]
    fn vat_numbers_of_each_kind() {
        // python-stdnum bg/vat.py docstring and tests/test_bg_vat.doctest.
        assert_eq!(vat("BG 175 074 752"), Ok("BG175074752".into()));
        assert_eq!(vat("8001010008"), Ok("BG8001010008".into()));
        assert_eq!(vat("7111042925"), Ok("BG7111042925".into()));
        assert_eq!(vat("7153849522"), Ok("BG7153849522".into()));
        assert_eq!(vat("175074751"), Err(IdentifierError::Checksum));
        assert_eq!(vat("DE175074752"), Err(IdentifierError::Country));
        assert_eq!(vat("BG1213961230342"), Err(IdentifierError::Format));
    }
}
