//! Parity: the browser (wasm32) and the server (native) give byte-identical evaluations.
//!
//! For every bundled definition, a deterministic generator (its own SplitMix64, so that the
//! same submissions come out on both targets, without proptest, which does not build for wasm32)
//! makes submissions shaped by the definition — plausible answers, absent ones, wrong types,
//! identifiers from the public vectors of `tests/data/identifiers/`, out-of-range numbers,
//! impossible dates — and evaluates each. The complete `Debug` text of every evaluation
//! (errors with their parameters, cleaned data, visible set, computed values, fee) goes into one
//! SHA-256. `make test` runs this natively and in the wasm32 build under node; both must give
//! the digest in `tests/data/parity.sha256`, so the two builds agree with each other and with
//! what was reviewed. `FORMS_PARITY_COUNT` (read when building) sets the submissions per form
//! (default 500); other counts print their digest for comparison instead (`make bench`).
//!
//! When the engine's verdicts change on purpose, the test prints the new digest: check why, then
//! write it to `tests/data/parity.sha256`.

use forms_core::definition::{Field, FieldKind};
use forms_core::{CompiledForm, Context, Date, compile, evaluate};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

const DEFINITIONS: [(&str, &str, Option<&str>); 7] = [
    (
        "az-border-goods-information",
        include_str!("../../form-definitions/az-border-goods-information.json"),
        Some(include_str!(
            "../../form-definitions/examples/az-border-goods-information/valid-goods-sent-by-applicant-are-dropped.json"
        )),
    ),
    (
        "customs-eservices-registration",
        include_str!("../../form-definitions/customs-eservices-registration.json"),
        Some(include_str!(
            "../../form-definitions/examples/customs-eservices-registration/valid-company.json"
        )),
    ),
    (
        "public-information-request",
        include_str!("../../form-definitions/public-information-request.json"),
        Some(include_str!(
            "../../form-definitions/examples/public-information-request/valid-organisation.json"
        )),
    ),
    (
        "puesc-eklient-registration",
        include_str!("../../form-definitions/puesc-eklient-registration.json"),
        Some(include_str!(
            "../../form-definitions/examples/puesc-eklient-registration/valid-foreigner-three-powers.json"
        )),
    ),
    (
        "regix-access-request",
        include_str!("../../form-definitions/regix-access-request.json"),
        Some(include_str!(
            "../../form-definitions/examples/regix-access-request/valid-production-environment.json"
        )),
    ),
    (
        "seos-participant-enrollment",
        include_str!("../../form-definitions/seos-participant-enrollment.json"),
        Some(include_str!(
            "../../form-definitions/examples/seos-participant-enrollment/valid-change.json"
        )),
    ),
    (
        "every-type",
        include_str!("data/definitions/every-type.json"),
        None,
    ),
];

const VECTORS: [(&str, &str); 14] = [
    ("bg_vat", include_str!("data/identifiers/bg_vat.tsv")),
    ("domain", include_str!("data/identifiers/domain.tsv")),
    ("egn", include_str!("data/identifiers/egn.tsv")),
    ("eik", include_str!("data/identifiers/eik.tsv")),
    ("eori", include_str!("data/identifiers/eori.tsv")),
    ("excise", include_str!("data/identifiers/excise.tsv")),
    ("iban", include_str!("data/identifiers/iban.tsv")),
    ("lnch", include_str!("data/identifiers/lnch.tsv")),
    ("nip", include_str!("data/identifiers/nip.tsv")),
    ("pesel", include_str!("data/identifiers/pesel.tsv")),
    ("phone", include_str!("data/identifiers/phone.tsv")),
    ("regon", include_str!("data/identifiers/regon.tsv")),
    ("voen", include_str!("data/identifiers/voen.tsv")),
    ("csr", include_str!("data/identifiers/csr.txt")),
];

const GOLDEN: &str = include_str!("data/parity.sha256");

/// SplitMix64: tiny, fast, and the same sequence on every target.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < bound.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i)
    }
}

/// The inputs of a scheme's vectors (valid and invalid alike).
fn vectors(scheme: &str) -> Vec<&'static str> {
    VECTORS
        .iter()
        .filter(|(name, _)| *name == scheme)
        .flat_map(|(_, text)| text.lines())
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split('\t').nth(1))
        .collect()
}

const LETTERS: [&str; 12] = ["а", "б", "Ж", "щ", "a", "Z", "ł", "ə", " ", "-", "7", "."];

fn text(rng: &mut Rng, max: u64) -> String {
    let n = rng.below(max + 1);
    (0..n)
        .map(|_| *rng.pick(&LETTERS).unwrap_or(&"a"))
        .collect()
}

/// Any JSON at all, small.
fn any_json(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth > 1 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::from(rng.one_in(2)),
        2 => Value::from(rng.below(2000) as i64 - 1000),
        3 => json!(rng.below(100_000) as f64 / 7.0),
        4 => Value::from(text(rng, 8)),
        5 => Value::Array(
            (0..rng.below(3))
                .map(|_| any_json(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(3) {
                map.insert(text(rng, 4), any_json(rng, depth + 1));
            }
            Value::Object(map)
        }
    }
}

fn plausible(rng: &mut Rng, field: &Field) -> Value {
    match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            Value::from(text(rng, u64::from(field.max_length.unwrap_or(30)) + 3))
        }
        FieldKind::Number | FieldKind::Amount => {
            let min = field.min.unwrap_or(-100.0) as i64 - 3;
            let max = field.max.unwrap_or(100.0) as i64 + 3;
            let n = min + rng.below(u64::try_from(max - min + 1).unwrap_or(1)) as i64;
            match rng.below(4) {
                0 => Value::from(n),
                1 => json!(n as f64 + rng.below(100) as f64 / 100.0),
                2 => Value::from(format!("{n}.{:02}", rng.below(100))),
                _ => Value::from(format!("{n}")),
            }
        }
        FieldKind::Date => {
            let (y, m, d) = (2020 + rng.below(11), 1 + rng.below(13), 1 + rng.below(32));
            Value::from(format!("{y}-{m:02}-{d:02}"))
        }
        FieldKind::Email => Value::from(match rng.below(3) {
            0 => format!("{}@example.bg", text(rng, 6).replace(' ', "")),
            1 => "ivan.petrov@mail.bg".to_owned(),
            _ => text(rng, 10),
        }),
        FieldKind::Phone => {
            Value::from(*rng.pick(&vectors("phone")).unwrap_or(&"+359 88 123 4567"))
        }
        FieldKind::Select | FieldKind::Radio => match rng.pick(&field.options) {
            Some(choice) if !rng.one_in(6) => Value::from(choice.value.clone()),
            _ => Value::from(text(rng, 5)),
        },
        FieldKind::Checkboxes => {
            let mut chosen: Vec<Value> = Vec::new();
            for choice in &field.options {
                if rng.one_in(2) {
                    chosen.push(Value::from(choice.value.clone()));
                }
            }
            if rng.one_in(8) {
                chosen.push(Value::from("unknown"));
            }
            Value::Array(chosen)
        }
        FieldKind::YesNo => Value::from(!rng.one_in(4)),
        FieldKind::Identifier => {
            let scheme = field.scheme.map(|s| s.as_str()).unwrap_or("egn");
            match rng.pick(&vectors(scheme)) {
                Some(value) => Value::from(*value),
                None => Value::from(text(rng, 12)),
            }
        }
        FieldKind::File => json!({
            "name": format!("{}.pdf", text(rng, 6)),
            "media_type": *rng.pick(&["application/pdf", "image/png", "text/html"]).unwrap_or(&"application/pdf"),
            "size": rng.below(12_000_000),
        }),
        FieldKind::Group => object(rng, &field.fields),
        FieldKind::Repeatable => Value::Array(
            (0..rng.below(5))
                .map(|_| object(rng, &field.fields))
                .collect(),
        ),
        FieldKind::Static | FieldKind::Computed => any_json(rng, 0),
    }
}

fn object(rng: &mut Rng, fields: &[Field]) -> Value {
    let mut map = Map::new();
    for field in fields.iter().filter(|f| f.kind != FieldKind::Static) {
        let answer = match rng.below(10) {
            0 => continue,
            1 => any_json(rng, 0),
            _ => plausible(rng, field),
        };
        map.insert(field.key.clone(), answer);
    }
    if rng.one_in(10) {
        map.insert("unknown_key".into(), any_json(rng, 0));
    }
    Value::Object(map)
}

/// Every definition, compiled, with its valid example (if it has one).
fn forms() -> Vec<(CompiledForm, Option<Value>)> {
    DEFINITIONS
        .iter()
        .map(|(id, text, example)| {
            let definition = serde_json::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            let form = compile(definition).unwrap_or_else(|e| panic!("{id}: {e}"));
            let example = example.map(|e| serde_json::from_str(e).expect("example JSON"));
            (form, example)
        })
        .collect()
}

/// A submission: the valid example as it is, the example with one answer made anew
/// (near-valid), or one made from nothing — a third each, when there is an example.
fn submission(rng: &mut Rng, fields: &[Field], example: Option<&Value>) -> Value {
    let Some(example) = example else {
        return object(rng, fields);
    };
    match rng.below(3) {
        0 => example.clone(),
        1 => {
            let mut near = example.clone();
            if let (Some(field), Some(map)) = (rng.pick(fields), near.as_object_mut())
                && field.kind != FieldKind::Static
            {
                if rng.one_in(4) {
                    map.remove(&field.key);
                } else {
                    map.insert(field.key.clone(), plausible(rng, field));
                }
            }
            near
        }
        _ => object(rng, fields),
    }
}

fn context() -> Context {
    Context {
        today: Date::parse("2026-11-23").expect("date"),
        lang: "en".into(),
    }
}

/// Calls `check` on `count` submissions generated for each form, from `seed` (plus the form's
/// number), in the same order on every target.
fn each_submission(seed: u64, count: u64, mut check: impl FnMut(&CompiledForm, &Value)) {
    for (n, (form, example)) in forms().iter().enumerate() {
        let fields: Vec<Field> = form
            .definition()
            .steps
            .iter()
            .flat_map(|s| s.fields.clone())
            .collect();
        let mut rng = Rng(seed + n as u64);
        for _ in 0..count {
            let data = submission(&mut rng, &fields, example.as_ref());
            check(form, &data);
        }
    }
}

/// The digest of every evaluation of `count` submissions per form.
fn digest(count: u64) -> String {
    let context = context();
    let mut hash = Sha256::new();
    each_submission(0x5EED_0000, count, |form, data| {
        let evaluation = evaluate(form, data, &context);
        hash.update(format!("{data}\n{evaluation:?}\n").as_bytes());
    });
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Prints the test's report (`.ci/parity.sh` reads it).
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::print_stdout)]
fn report(line: &str) {
    println!("{line}");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_browser_and_the_server_give_the_same_verdicts() {
    let count: u64 = option_env!("FORMS_PARITY_COUNT")
        .and_then(|c| c.parse().ok())
        .unwrap_or(500);
    let digest = digest(count);
    let target = if cfg!(target_arch = "wasm32") {
        "wasm32"
    } else {
        "native"
    };
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::console_log!("parity digest ({target}, {count} per form): {digest}");
    // The digest is this test's report (`.ci/parity.sh` reads it).
    #[cfg(not(target_arch = "wasm32"))]
    report(&format!(
        "parity digest ({target}, {count} per form): {digest}"
    ));
    if count == 500 {
        assert_eq!(
            digest,
            GOLDEN.trim(),
            "the {target} evaluations differ from tests/data/parity.sha256"
        );
    }
}

/// Evaluation first tries one walk over the data as given, and keeps its verdict when the next
/// round's data would read the same; that must be exactly the verdict of the rounds, by both
/// answerers, for every kind of submission the generator makes. Native only: the browser's
/// build always evaluates in rounds.
#[test]
#[cfg(not(target_arch = "wasm32"))]
fn one_walk_gives_the_verdict_of_the_rounds() {
    use forms_core::definition::FilledBy;
    use forms_core::evaluate::evaluate_in_rounds;
    use forms_core::evaluate_as;

    let context = context();
    each_submission(0x0AE5_0000, 300, |form, data| {
        for answerer in [FilledBy::Applicant, FilledBy::Administration] {
            let once = evaluate_as(form, data, &context, answerer);
            let rounds = evaluate_in_rounds(form, data, &context, answerer);
            assert_eq!(
                format!("{once:?}"),
                format!("{rounds:?}"),
                "{} by {answerer:?}: {data}",
                form.definition().id
            );
        }
    });
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_generator_makes_valid_and_invalid_submissions() {
    // A digest of only refusals (or only acceptances) would prove little: the submissions must
    // reach both verdicts, and the errors must be of many kinds.
    let context = context();
    let mut codes = std::collections::BTreeSet::new();
    let (mut valid, mut total) = (0, 0);
    each_submission(0x5EED_0000, 200, |form, data| {
        let evaluation = evaluate(form, data, &context);
        total += 1;
        valid += usize::from(evaluation.is_valid());
        codes.extend(evaluation.errors.iter().map(|e| e.code.as_str()));
    });
    assert!(codes.len() >= 8, "{codes:?}");
    assert!(
        valid * 5 >= total,
        "at least a fifth accepted: {valid} of {total}"
    );
    assert!(
        valid * 2 <= total,
        "at least half refused: {valid} of {total}"
    );
}
