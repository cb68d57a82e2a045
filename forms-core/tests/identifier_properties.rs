//! Properties the check digits guarantee, tried on every valid number of the vector files: each
//! single wrong digit is caught, and so is each swap of two neighbouring different digits, for
//! the schemes whose weights make that certain (a weight, or a difference of neighbouring
//! weights, that is invertible modulo the scheme's modulus). Where a scheme maps a remainder of
//! 10 to the digit 0, the one blind spot that follows (remainders 0 and 10) is stated and
//! allowed, not hidden.
#![cfg(not(target_arch = "wasm32"))]

use forms_core::identifier::Scheme;

fn valid_numbers(file: &str) -> Vec<String> {
    file.lines()
        .filter(|line| line.starts_with("valid\t"))
        .filter_map(|line| line.split('\t').nth(2))
        .map(str::to_owned)
        .collect()
}

fn digit_changes(number: &str, positions: std::ops::Range<usize>) -> Vec<(usize, String)> {
    let mut changed = Vec::new();
    for i in positions {
        for d in b'0'..=b'9' {
            let mut bytes = number.as_bytes().to_vec();
            if bytes[i] == d {
                continue;
            }
            bytes[i] = d;
            changed.push((i, String::from_utf8(bytes).expect("ASCII")));
        }
    }
    changed
}

fn neighbour_swaps(number: &str, pairs: std::ops::Range<usize>) -> Vec<String> {
    pairs
        .filter(|&i| number.as_bytes()[i] != number.as_bytes()[i + 1])
        .map(|i| {
            let mut bytes = number.as_bytes().to_vec();
            bytes.swap(i, i + 1);
            String::from_utf8(bytes).expect("ASCII")
        })
        .collect()
}

fn weighted_mod11(number: &str, weights: &[u32]) -> u32 {
    number
        .bytes()
        .zip(weights)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum::<u32>()
        % 11
}

/// Every change of one digit at `positions` (and every swap starting in `swaps`) is refused.
fn assert_caught(
    scheme: Scheme,
    file: &str,
    positions: std::ops::Range<usize>,
    swaps: std::ops::Range<usize>,
) {
    let numbers = valid_numbers(file);
    assert!(numbers.len() >= 20, "{scheme:?}: too few valid numbers");
    for number in &numbers {
        for (i, changed) in digit_changes(number, positions.clone()) {
            assert!(
                scheme.validate(&changed).is_err(),
                "{scheme:?}: {number} with digit {i} changed to {changed} was accepted"
            );
        }
        for swapped in neighbour_swaps(number, swaps.clone()) {
            assert!(
                scheme.validate(&swapped).is_err(),
                "{scheme:?}: {number} swapped to {swapped} was accepted"
            );
        }
    }
}

#[test]
fn pesel_catches_every_wrong_digit() {
    // Weights 1, 3, 7, 9 are all invertible modulo 10.
    assert_caught(
        Scheme::Pesel,
        include_str!("data/identifiers/pesel.tsv"),
        0..11,
        0..0,
    );
}

#[test]
fn lnch_catches_every_wrong_digit() {
    // Weights 21, 19, 17, 13, 11, 9, 7, 3, 1 are 1, 9, 7, 3 modulo 10: all invertible.
    assert_caught(
        Scheme::Lnch,
        include_str!("data/identifiers/lnch.tsv"),
        0..10,
        0..0,
    );
}

#[test]
fn nip_catches_every_wrong_digit_and_neighbour_swap() {
    // Modulo 11 with no 10 → 0 mapping; neighbouring weights (6 5 7 2 3 4 5 6 7, and −1 for the
    // check digit) all differ modulo 11.
    let numbers = include_str!("data/identifiers/nip.tsv");
    assert_caught(Scheme::Nip, numbers, 0..10, 0..9);
}

#[test]
fn voen_catches_every_wrong_digit_and_neighbour_swap_before_the_status_digit() {
    // Weights 4 1 8 6 2 7 5 3 (−1 for the check digit) modulo 11; the last digit (1 or 2, the
    // kind of taxpayer) is outside the check.
    assert_caught(
        Scheme::Voen,
        include_str!("data/identifiers/voen.tsv"),
        0..9,
        0..8,
    );
}

/// For mod-11 schemes whose remainder 10 becomes the digit 0: a changed digit goes unnoticed
/// only when the remainder moves between 0 and 10.
fn assert_caught_but_for_0_and_10(scheme: Scheme, file: &str, len: usize, weights: &[u32]) {
    let numbers: Vec<String> = valid_numbers(file)
        .into_iter()
        .filter(|n| n.len() == len)
        .collect();
    assert!(numbers.len() >= 20, "{scheme:?}: too few valid numbers");
    let check = weights.len();
    for number in &numbers {
        let before = weighted_mod11(number, weights);
        for (i, changed) in digit_changes(number, 0..len) {
            let after = weighted_mod11(&changed, weights);
            let blind_spot = i < check && matches!((before, after), (0, 10) | (10, 0));
            if !blind_spot {
                assert!(
                    scheme.validate(&changed).is_err(),
                    "{scheme:?}: {number} with digit {i} changed to {changed} was accepted"
                );
            }
        }
    }
}

#[test]
fn egn_catches_every_wrong_digit_but_the_0_10_blind_spot() {
    assert_caught_but_for_0_and_10(
        Scheme::Egn,
        include_str!("data/identifiers/egn.tsv"),
        10,
        &[2, 4, 8, 5, 10, 9, 7, 3, 6],
    );
}

#[test]
fn regon_catches_every_wrong_digit_but_the_0_10_blind_spot() {
    assert_caught_but_for_0_and_10(
        Scheme::Regon,
        include_str!("data/identifiers/regon.tsv"),
        9,
        &[8, 9, 2, 3, 4, 5, 6, 7],
    );
}

/// ISO 7064 MOD 97-10 catches every single wrong digit and every swap of two neighbouring
/// digits, anywhere in the IBAN after the country code. (A letter counts as two digits, 10 to
/// 35, so swapping a letter with a digit is not always caught: `1B` and `B1` can agree.)
#[test]
fn iban_catches_every_wrong_digit_and_neighbour_swap() {
    let file = include_str!("data/identifiers/iban.tsv");
    let numbers: Vec<String> = valid_numbers(file);
    assert!(numbers.len() >= 20);
    for number in &numbers {
        let digits: Vec<usize> = (2..number.len())
            .filter(|&i| number.as_bytes()[i].is_ascii_digit())
            .collect();
        for &i in &digits {
            for (_, changed) in digit_changes(number, i..i + 1) {
                assert!(
                    Scheme::Iban.validate(&changed).is_err(),
                    "{number}: {changed} accepted"
                );
            }
        }
        let bytes = number.as_bytes();
        let digit_pairs = (2..number.len() - 1)
            .filter(|&i| bytes[i].is_ascii_digit() && bytes[i + 1].is_ascii_digit());
        for swapped in digit_pairs.flat_map(|i| neighbour_swaps(number, i..i + 1)) {
            assert!(
                Scheme::Iban.validate(&swapped).is_err(),
                "{number}: {swapped} accepted"
            );
        }
    }
}
