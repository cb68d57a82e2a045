//! Poland: PESEL, NIP and REGON.

use super::{IdentifierError, compact, digits, is_real_date, letter_prefix, weighted};

/// PESEL: `YYMMDDZZZXQ`; the century is in the month (+80 the 1800s, +0 the 1900s, +20 the 2000s,
/// +40 the 2100s, +60 the 2200s), the date must exist, and Q = (10 − Σ dᵢwᵢ mod 10) mod 10 with
/// weights 1, 3, 7, 9, 1, 3, 7, 9, 1, 3.
pub fn pesel(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, "-");
    let d = digits(&text, 11)?;
    let (yy, mm, dd) = (d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5]);
    let century = match mm / 20 {
        0 => 1900,
        1 => 2000,
        2 => 2100,
        3 => 2200,
        _ => 1800,
    };
    if !is_real_date(century + yy, mm % 20, dd) {
        return Err(IdentifierError::Date);
    }
    let sum = weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    if (10 - sum % 10) % 10 != d[10] {
        return Err(IdentifierError::Checksum);
    }
    Ok(text)
}

/// NIP: 10 digits, typed with dashes anywhere and an optional `PL` prefix; C = Σ dᵢwᵢ mod 11
/// with weights 6, 5, 7, 2, 3, 4, 5, 6, 7, and a remainder of 10 is never valid. Stored as the
/// 10 digits.
pub fn nip(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, "-");
    let number = match letter_prefix(&text) {
        Some(("PL", rest)) => rest,
        Some(_) => return Err(IdentifierError::Country),
        None => text.as_str(),
    };
    let d = digits(number, 10)?;
    let check = weighted(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    if check == 10 || check != d[9] {
        return Err(IdentifierError::Checksum);
    }
    Ok(number.to_owned())
}

/// REGON: 9 digits (weights 8, 9, 2, 3, 4, 5, 6, 7), or 14 for a local unit whose first nine are
/// a valid REGON (weights 2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8); mod 11, 10 → 0.
pub fn regon(input: &str) -> Result<String, IdentifierError> {
    let text = compact(input, "-");
    let d = match text.len() {
        9 => digits(&text, 9)?,
        14 => digits(&text, 14)?,
        _ => return Err(IdentifierError::Format),
    };
    let ok9 = weighted(&d, &[8, 9, 2, 3, 4, 5, 6, 7]) % 11 % 10 == d[8];
    let ok14 =
        d.len() == 9 || weighted(&d, &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) % 11 % 10 == d[13];
    if ok9 && ok14 {
        Ok(text)
    } else {
        Err(IdentifierError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pesel_centuries_and_impossible_dates() {
        // python-stdnum pl/pesel.py docstring: 44051401359 is valid, ending 8 is not.
        assert_eq!(pesel("44051401359"), Ok("44051401359".into()));
        assert_eq!(pesel("44051401358"), Err(IdentifierError::Checksum));
        // Wikipedia "PESEL": 12345678903 passes the checksum but 1912-34-56 is no date.
        assert_eq!(pesel("12345678903"), Err(IdentifierError::Date));
        assert_eq!(pesel("4405140135"), Err(IdentifierError::Format));
    }

    #[test]
    fn nip_with_dashes_and_prefix() {
        // python-stdnum pl/nip.py docstring.
        assert_eq!(nip("PL 8567346215"), Ok("8567346215".into()));
        assert_eq!(nip("856-734-62-15"), Ok("8567346215".into()));
        assert_eq!(nip("8567346216"), Err(IdentifierError::Checksum));
        assert_eq!(nip("DE8567346215"), Err(IdentifierError::Country));
    }

    #[test]
    fn regon_9_and_14() {
        // python-stdnum pl/regon.py docstring.
        assert_eq!(regon("192598184"), Ok("192598184".into()));
        assert_eq!(regon("12345678512347"), Ok("12345678512347".into()));
        assert_eq!(regon("192598183"), Err(IdentifierError::Checksum));
        assert_eq!(regon("1925981"), Err(IdentifierError::Format));
    }
}
