//! Azerbaijan: VÖEN.

use super::{IdentifierError, compact, digits, weighted};

/// VÖEN: 10 digits (a leading 0 is often left out); digit 9 = Σ dᵢwᵢ mod 11 over digits 1–8 with
/// weights 4, 1, 8, 6, 2, 7, 5, 3 (10 is never valid); digit 10 is 1 (legal person) or 2
/// (natural person). No official source publishes the weights: they are python-stdnum's, and all
/// 348 published numbers in its tests pass them (see docs/IDENTIFIERS.md).
pub fn voen(input: &str) -> Result<String, IdentifierError> {
    let mut text = compact(input, "");
    if text.len() == 9 {
        text.insert(0, '0');
    }
    let d = digits(&text, 10)?;
    if !matches!(d[9], 1 | 2) {
        return Err(IdentifierError::Format);
    }
    let check = weighted(&d, &[4, 1, 8, 6, 2, 7, 5, 3]) % 11;
    if check != d[8] {
        return Err(IdentifierError::Checksum);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voen_examples() {
        // python-stdnum tests/test_az_voen.doctest and az/voen.py docstring.
        assert_eq!(voen("1400057421"), Ok("1400057421".into()));
        assert_eq!(voen("140 155 5071"), Ok("1401555071".into()));
        assert_eq!(voen("300725012"), Ok("0300725012".into()));
        assert_eq!(voen("1401555081"), Err(IdentifierError::Checksum));
        assert_eq!(voen("1400057424"), Err(IdentifierError::Format));
    }
}
