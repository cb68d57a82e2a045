//! Reference numbers: `YYYY-NNNNNN-CC`, the year of submission, a sequence number unique across
//! all server replicas (it comes from the database), and two check digits by ISO 7064 MOD 97-10
//! (the scheme of IBAN check digits) over the year and sequence digits. The check digits catch
//! every single wrong digit and every swap of two neighbouring digits, so a mistyped reference is
//! refused before any lookup.

use std::fmt;

/// A parsed, checked reference number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// The year of submission.
    pub year: u16,
    /// The database sequence number.
    pub sequence: u64,
}

/// Why a text is not a reference number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Wrong length or characters.
    #[error("not in the form YYYY-NNNNNN-CC")]
    Format,
    /// The check digits do not match: a digit was mistyped.
    #[error("check digits do not match")]
    Checksum,
}

/// ISO 7064 MOD 97-10 check digits (1..=98) for a string of decimal digits.
pub fn mod97_check_digits(digits: &str) -> Option<u8> {
    let mut remainder: u32 = 0;
    for c in digits.chars().chain("00".chars()) {
        let digit = c.to_digit(10)?;
        remainder = (remainder * 10 + digit) % 97;
    }
    u8::try_from(98 - remainder).ok()
}

impl Reference {
    /// The reference for a sequence number assigned in `year`.
    pub fn new(year: u16, sequence: u64) -> Self {
        Reference { year, sequence }
    }

    fn digits(&self) -> String {
        format!("{:04}{:06}", self.year, self.sequence)
    }

    /// Parses a reference as a person may type it: spaces and dashes are ignored.
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let digits: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.len() < 12 || digits.len() > 24 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(ReferenceError::Format);
        }
        let (body, check) = digits.split_at(digits.len() - 2);
        let (year, sequence) = body.split_at(4);
        let reference = Reference {
            year: year.parse().map_err(|_| ReferenceError::Format)?,
            sequence: sequence.parse().map_err(|_| ReferenceError::Format)?,
        };
        // The canonical form pads the sequence to six digits, so leading zeros beyond that are a
        // different text: refuse them rather than accept two spellings of one reference.
        if reference.digits() != body {
            return Err(ReferenceError::Format);
        }
        if mod97_check_digits(body).map(u32::from) != check.parse().ok() {
            return Err(ReferenceError::Checksum);
        }
        Ok(reference)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let check = mod97_check_digits(&self.digits()).unwrap_or(0);
        write!(f, "{:04}-{:06}-{check:02}", self.year, self.sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_matches_the_iban_example_of_iso_13616() {
        // The IBAN GB82 WEST 1234 5698 7654 32 (ISO 13616 / Wikipedia "International Bank
        // Account Number", validation example): moving "GB" to the end and writing letters as
        // numbers (W=32 E=14 S=28 T=29 G=16 B=11) gives these digits; the check digits are 82.
        assert_eq!(mod97_check_digits("32142829123456987654321611"), Some(82));
        assert_eq!(mod97_check_digits("12a"), None);
    }

    #[test]
    fn format_and_parse_round_trip() {
        for (year, sequence) in [(2026, 1), (2026, 999_999), (2031, 12_345_678)] {
            let reference = Reference::new(year, sequence);
            let text = reference.to_string();
            assert_eq!(Reference::parse(&text), Ok(reference), "{text}");
            assert_eq!(Reference::parse(&text.replace('-', " ")), Ok(reference));
        }
        assert!(
            Reference::new(2026, 42)
                .to_string()
                .starts_with("2026-000042-")
        );
    }

    #[test]
    fn every_single_digit_error_and_neighbour_swap_is_caught() {
        let text = Reference::new(2026, 123_456).to_string();
        let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
        for i in 0..digits.len() {
            for d in '0'..='9' {
                if d == digits[i] {
                    continue;
                }
                let mut typo = digits.clone();
                typo[i] = d;
                let typo: String = typo.into_iter().collect();
                assert!(Reference::parse(&typo).is_err(), "{typo}");
            }
            if i + 1 < digits.len() && digits[i] != digits[i + 1] {
                let mut swapped = digits.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                assert!(Reference::parse(&swapped).is_err(), "{swapped}");
            }
        }
    }

    #[test]
    fn malformed_texts_are_format_errors() {
        for text in [
            "",
            "2026",
            "2026-00001A-12",
            "abcd-000001-00",
            "2026-0000001-00",
        ] {
            assert_eq!(
                Reference::parse(text),
                Err(ReferenceError::Format),
                "{text}"
            );
        }
    }
}
