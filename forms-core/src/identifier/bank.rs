//! Bank accounts: the IBAN (ISO 13616) of every country in the SWIFT IBAN Registry, with its
//! length, and ISO 7064 MOD 97-10 check digits. A field may require one country (`country`);
//! for Poland the national NRB form (26 digits, no `PL`) is accepted then and stored as an IBAN.

use super::{IdentifierError, compact};

/// The length of an IBAN in each country of the SWIFT IBAN Registry (and of the territories
/// that use their country's format: Åland with Finland; the French overseas departments and
/// collectivities with France; Guernsey, the Isle of Man and Jersey with the United Kingdom).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AX", 18),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BL", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GF", 27),
    ("GG", 22),
    ("GI", 23),
    ("GL", 18),
    ("GP", 27),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IM", 22),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JE", 22),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MF", 27),
    ("MK", 19),
    ("MN", 20),
    ("MQ", 27),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NC", 27),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PF", 27),
    ("PK", 24),
    ("PL", 28),
    ("PM", 27),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RE", 27),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TF", 27),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("WF", 27),
    ("XK", 20),
    ("YE", 30),
    ("YT", 27),
];

/// Whether `code` is a country (or territory) with IBANs.
pub fn is_iban_country(code: &str) -> bool {
    LENGTHS.iter().any(|(c, _)| *c == code)
}

/// Checks an IBAN typed with or without spaces and dashes, in any case; `country` restricts it
/// to one country. Returns the electronic form: upper case, no spaces (`BG80BNBG96611020345678`).
pub fn iban(input: &str, country: Option<&str>) -> Result<String, IdentifierError> {
    let mut text = compact(input, "-");
    // The paper form is written `IBAN PL61 1090 …`.
    if text.len() > 6
        && text.starts_with("IBAN")
        && text.as_bytes()[4..6].iter().all(u8::is_ascii_uppercase)
    {
        text.drain(..4);
    }
    // The Polish NRB is the IBAN without its country code.
    if country == Some("PL") && text.len() == 26 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.insert_str(0, "PL");
    }
    let bytes = text.as_bytes();
    if bytes.len() < 4 || !bytes[..2].iter().all(u8::is_ascii_uppercase) {
        return Err(IdentifierError::Format);
    }
    let code = &text[..2];
    let length = LENGTHS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, length)| *length)
        .ok_or(IdentifierError::Country)?;
    if country.is_some_and(|c| c != code) {
        return Err(IdentifierError::Country);
    }
    if bytes.len() != length
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes[4..].iter().all(u8::is_ascii_alphanumeric)
    {
        return Err(IdentifierError::Format);
    }
    // Check digits 00, 01 and 99 are never issued (01 would stand for 98, and so on).
    if matches!(&text[2..4], "00" | "01" | "99") || mod97(&text) != 1 {
        return Err(IdentifierError::Checksum);
    }
    Ok(text)
}

/// ISO 7064 MOD 97-10 of an IBAN: the first four characters moved to the end, letters read as
/// 10 to 35, the whole taken as one number modulo 97 (digit by digit, so it never overflows).
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.bytes().chain(head.bytes()).fold(0, |rest, b| {
        if b.is_ascii_digit() {
            (rest * 10 + u32::from(b - b'0')) % 97
        } else {
            (rest * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_has_each_country_once_in_order() {
        for pair in LENGTHS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
        assert!(LENGTHS.iter().all(|(_, l)| (15..=34).contains(l)));
    }

    /// The ISO 13616 example: GB82 WEST 1234 5698 7654 32.
    #[test]
    fn mod97_of_the_iso_example_is_one() {
        assert_eq!(mod97("GB82WEST12345698765432"), 1);
        assert_eq!(mod97("GB83WEST12345698765432"), 2);
    }
}
