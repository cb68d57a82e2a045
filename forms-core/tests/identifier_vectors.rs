//! Every identifier scheme against its test vectors in `tests/data/identifiers/*.tsv`: valid
//! numbers from public sources (each line names its source: python-stdnum's docstrings and test
//! files, Hibernate Validator's tests, the eik_validator gem, jsvat, …), and invalid ones, each
//! saying how it was derived. An optional fifth column names the country the field requires.
//! The files are embedded, so this same test runs natively and in the wasm32 build under node
//! (`make test`), proving the browser and the server agree.

use forms_core::identifier::{IdentifierError, Scheme, net};

/// One line of a vector file.
struct Vector<'a> {
    line: usize,
    input: &'a str,
    expected: Result<&'a str, IdentifierError>,
    /// The country the field requires (optional fifth column).
    country: Option<&'a str>,
}

fn parse(file: &'static str) -> Vec<Vector<'static>> {
    let mut vectors = Vec::new();
    for (index, line) in file.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Not trimmed: inputs may start or end with spaces on purpose.
        let columns: Vec<&str> = line.split('\t').collect();
        assert!(
            matches!(columns.len(), 4 | 5),
            "line {}: {line:?}",
            index + 1
        );
        assert!(
            !columns[3].trim().is_empty(),
            "line {}: every vector names its source",
            index + 1
        );
        let expected = match (columns[0], columns[2]) {
            ("valid", normalised) => Ok(normalised),
            ("invalid", "format") => Err(IdentifierError::Format),
            ("invalid", "checksum") => Err(IdentifierError::Checksum),
            ("invalid", "date") => Err(IdentifierError::Date),
            ("invalid", "country") => Err(IdentifierError::Country),
            other => panic!("line {}: unknown verdict {other:?}", index + 1),
        };
        vectors.push(Vector {
            line: index + 1,
            input: columns[1],
            expected,
            country: columns.get(4).copied(),
        });
    }
    vectors
}

fn check(scheme: Scheme, file: &'static str) {
    // These schemes take no country; a fifth column would be a mistake in the file.
    check_with(&format!("{scheme:?}"), file, |input, country| {
        assert_eq!(country, None, "{scheme:?} takes no country");
        scheme.validate(input)
    });
}

/// Runs the vectors of `file` through `validate`.
fn check_with(
    name: &str,
    file: &'static str,
    validate: impl Fn(&str, Option<&str>) -> Result<String, IdentifierError>,
) {
    let vectors = parse(file);
    let valid = vectors.iter().filter(|v| v.expected.is_ok()).count();
    let invalid = vectors.len() - valid;
    assert!(
        valid >= 20 && invalid >= 20,
        "{name}: {valid} valid and {invalid} invalid vectors; at least 20 of each are required"
    );
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            let got = validate(v.input, v.country);
            (got.as_deref().map_err(|e| *e) != v.expected).then(|| {
                format!(
                    "line {}: {:?} (country {:?}) gave {got:?}, expected {:?}",
                    v.line, v.input, v.country, v.expected
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

macro_rules! vector_tests {
    ($($name:ident: $scheme:expr, $file:literal;)*) => {
        $(
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            fn $name() {
                check($scheme, include_str!(concat!("data/identifiers/", $file)));
            }
        )*
    };
}

vector_tests! {
    egn: Scheme::Egn, "egn.tsv";
    lnch: Scheme::Lnch, "lnch.tsv";
    eik: Scheme::Eik, "eik.tsv";
    bg_vat: Scheme::BgVat, "bg_vat.tsv";
    eori: Scheme::Eori, "eori.tsv";
    excise: Scheme::Excise, "excise.tsv";
    pesel: Scheme::Pesel, "pesel.tsv";
    nip: Scheme::Nip, "nip.tsv";
    regon: Scheme::Regon, "regon.tsv";
    voen: Scheme::Voen, "voen.tsv";
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn phone() {
    check_with(
        "phone",
        include_str!("data/identifiers/phone.tsv"),
        net::phone,
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn domain() {
    check_with(
        "domain",
        include_str!("data/identifiers/domain.tsv"),
        |input, _| net::domain(input),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn iban() {
    check_with(
        "iban",
        include_str!("data/identifiers/iban.tsv"),
        |input, country| Scheme::Iban.validate_in(input, country),
    );
}

/// Certificate signing requests: `csr.txt` holds PEM records made by `make-csr-vectors.sh`
/// with OpenSSL, each headed `=== valid CN …` or `=== invalid CODE …`. The structure and the
/// CN are checked everywhere; the signature only where `csr-verify` is built (the server), so
/// there a changed request is `identifier.checksum`, while the browser build accepts its shape.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn csr() {
    use forms_core::identifier::csr;
    let file = include_str!("data/identifiers/csr.txt");
    let mut records = Vec::new();
    for record in file.split("\n=== ").skip(1) {
        let (head, pem) = record.split_once('\n').expect("a head line");
        let words: Vec<&str> = head.split(' ').collect();
        assert!(words.len() >= 3, "every record names its source: {head}");
        records.push((head, words[0], words[1], pem));
    }
    let valid = records.iter().filter(|r| r.1 == "valid").count();
    assert!(
        valid >= 20 && records.len() - valid >= 20,
        "{valid} valid of {}",
        records.len()
    );
    let mut failures = Vec::new();
    for (head, verdict, detail, pem) in records {
        let got = Scheme::Csr.validate(pem);
        let expected = match (verdict, detail) {
            ("valid", _) => Ok(()),
            ("invalid", "format") => Err(IdentifierError::Format),
            ("invalid", "checksum") if cfg!(feature = "csr-verify") => {
                Err(IdentifierError::Checksum)
            }
            ("invalid", "checksum") => Ok(()),
            other => panic!("unknown verdict {other:?}"),
        };
        if got.as_ref().map(|_| ()).map_err(|e| *e) != expected {
            failures.push(format!("{head}: got {got:?}, expected {expected:?}"));
            continue;
        }
        if verdict == "valid" {
            let stored = got.expect("valid");
            // What is stored is the canonical PEM, and it reads back the same.
            assert!(stored.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
            assert_eq!(
                Scheme::Csr.validate(&stored).as_deref(),
                Ok(stored.as_str())
            );
            let cn = csr::common_name(pem);
            let expected_cn = (detail != "-").then(|| detail.to_owned());
            if cn != expected_cn {
                failures.push(format!("{head}: CN {cn:?}, expected {expected_cn:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
