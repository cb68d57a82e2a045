//! Properties of the engine over every bundled definition (`form-definitions/*.json`) and the
//! test definitions (`tests/data/definitions/*.json`):
//! - any JSON at all as data gives a verdict, never a panic, and errors are only reported on
//!   fields that are shown;
//! - the cleaned data of a valid submission is itself valid and cleans to itself, with the same
//!   fee, visible set and computed values (what the server stores re-validates the same way).
//!
//! Data come from three generators: arbitrary JSON; submissions shaped by the definition (each
//! answer absent, plausible for its type — identifiers from the public vectors in
//! `tests/data/identifiers/` — or arbitrary JSON); and near-valid ones, a valid example
//! submission with one answer generated anew.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use forms_core::definition::{Field, FieldKind};
use forms_core::{CompiledForm, Context, Date, Definition, compile, evaluate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

fn today() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn context() -> Context {
    Context {
        today: today(),
        lang: "en".into(),
    }
}

/// Every definition the properties run over, compiled.
fn forms() -> &'static [CompiledForm] {
    static FORMS: OnceLock<Vec<CompiledForm>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut forms = Vec::new();
        for dir in [
            root.join("../form-definitions"),
            root.join("tests/data/definitions"),
        ] {
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .expect("definitions directory")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).expect("read");
                let (definition, found) = forms_core::lint::lint_text(&text);
                assert!(found.is_empty(), "{}: {found:?}", file.display());
                let definition: Definition = definition.expect("parsed");
                forms.push(compile(definition).expect("compiles"));
            }
        }
        assert!(forms.len() >= 2, "the bundled and the test definitions");
        forms
    })
}

/// The valid example submissions of a form: `form-definitions/examples/<id>/valid-*.json`, or
/// for a test definition `tests/data/submissions/<id>-valid.json`.
fn valid_examples(id: &str) -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("../form-definitions/examples").join(id))
        .into_iter()
        .flatten()
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("valid-") && n.ends_with(".json"))
        })
        .collect();
    let test_data = root.join(format!("tests/data/submissions/{id}-valid.json"));
    if test_data.is_file() {
        files.push(test_data);
    }
    files.sort();
    files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json"))
        .collect()
}

/// The valid inputs of a scheme's vectors, with the country a phone vector requires, if any.
type Vectors = BTreeMap<String, Vec<(String, Option<String>)>>;

/// The valid inputs of each identifier scheme's public test vectors.
fn vectors() -> &'static Vectors {
    static VECTORS: OnceLock<Vectors> = OnceLock::new();
    VECTORS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/identifiers");
        let mut all = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("vectors") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "tsv") {
                continue;
            }
            let scheme = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("read");
            let valid: Vec<(String, Option<String>)> = text
                .lines()
                .filter(|l| l.starts_with("valid\t"))
                .filter_map(|l| {
                    let columns: Vec<&str> = l.split('\t').collect();
                    let country = columns.get(4).filter(|c| !c.is_empty());
                    Some((columns.get(1)?.to_string(), country.map(|c| c.to_string())))
                })
                .collect();
            all.insert(scheme, valid);
        }
        // Certificate requests are PEM records, not lines.
        let csr = std::fs::read_to_string(dir.join("csr.txt")).expect("csr vectors");
        let requests = csr
            .split("\n=== ")
            .filter(|r| r.starts_with("valid "))
            .filter_map(|r| Some((r.split_once('\n')?.1.to_owned(), None)))
            .collect();
        all.insert("csr".to_owned(), requests);
        all
    })
}

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from("2026-02-30")),
        Just(Value::from("  ")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_$]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn pick<T: Clone + std::fmt::Debug + 'static>(items: Vec<T>) -> BoxedStrategy<T> {
    assert!(!items.is_empty());
    prop::sample::select(items).boxed()
}

/// A plausible answer for a field of this type (valid more often than not).
fn plausible(field: &Field, tidy: bool) -> BoxedStrategy<Value> {
    let today = today();
    match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            let min = field.min_length.unwrap_or(0).max(1) as usize;
            let max = field.max_length.map_or(min + 40, |m| m as usize);
            let source = match &field.pattern {
                // regex-lite's classes are ASCII; the generator's would be Unicode.
                Some(pattern) => pattern
                    .source()
                    .replace(r"\s", r"[ \t\n]")
                    .replace(r"\d", "[0-9]")
                    .replace(r"\w", "[A-Za-z0-9_]"),
                None => format!("[a-zA-Zа-я][a-zA-Zа-я .]{{{},{}}}", min - 1, max - 1),
            };
            proptest::string::string_regex(&source)
                .expect("the pattern is a regex proptest can generate from")
                .prop_filter("within the length bounds", move |s| {
                    let n = s.trim().chars().count();
                    (min..=max).contains(&n)
                })
                .prop_map(Value::from)
                .boxed()
        }
        FieldKind::Number => {
            let min = field.min.unwrap_or(-1000.0);
            let max = field.max.unwrap_or(1000.0);
            if field.decimals == Some(0) {
                ((min.ceil() as i64)..=(max.floor() as i64))
                    .prop_map(Value::from)
                    .boxed()
            } else {
                (min..=max)
                    .prop_map(|f| Value::from((f * 100.0).round() / 100.0))
                    .boxed()
            }
        }
        FieldKind::Amount => {
            let min = field.min.unwrap_or(0.0).max(0.0) as i64;
            let max = field.max.unwrap_or(1_000_000.0) as i64;
            (min..=max.max(min), 0..100i64)
                .prop_map(move |(whole, cents)| {
                    let whole = if whole == max { whole - 1 } else { whole }.max(min);
                    Value::from(format!("{whole}.{cents:02}"))
                })
                .boxed()
        }
        FieldKind::Date => {
            let low = field
                .min_date
                .and_then(|b| b.resolve(today))
                .unwrap_or_else(|| today.add_days(-36500).expect("date"));
            let high = field
                .max_date
                .and_then(|b| b.resolve(today))
                .unwrap_or_else(|| today.add_days(3650).expect("date"));
            (low.to_days()..=high.to_days().max(low.to_days()))
                .prop_map(|d| Value::from(Date::from_days(d).expect("date").to_string()))
                .boxed()
        }
        FieldKind::Email if tidy => pick(vec![
            json!("ivan.petrov@example.bg"),
            json!(" Maria@Customs.BG "),
        ]),
        FieldKind::Email => pick(vec![
            json!("ivan.petrov@example.bg"),
            json!("no-at-sign"),
            json!("two@@example.bg"),
        ]),
        FieldKind::Phone => identifier("phone", field.country.as_deref()),
        FieldKind::Identifier => {
            let scheme = field.scheme.map_or("", |s| s.as_str());
            identifier(scheme, field.country.as_deref())
        }
        FieldKind::Select | FieldKind::Radio => pick(
            field
                .options
                .iter()
                .map(|o| Value::from(o.value.clone()))
                .collect(),
        ),
        FieldKind::Checkboxes => {
            let values: Vec<Value> = field
                .options
                .iter()
                .map(|o| Value::from(o.value.clone()))
                .collect();
            let least = field.min_items.unwrap_or(u32::from(field.required)) as usize;
            let most = field.max_items.map_or(values.len(), |m| m as usize);
            prop::sample::subsequence(values, least..=most)
                .prop_shuffle()
                .prop_map(Value::Array)
                .boxed()
        }
        // Someone who means to apply agrees to the declarations more often than not.
        FieldKind::YesNo if tidy => prop::bool::weighted(0.8).prop_map(Value::from).boxed(),
        FieldKind::YesNo => any::<bool>().prop_map(Value::from).boxed(),
        FieldKind::File => {
            let types: Vec<String> = if field.media_types.is_empty() {
                vec!["application/pdf".into()]
            } else {
                field
                    .media_types
                    .iter()
                    .map(|t| t.replace('*', "png"))
                    .collect()
            };
            let max = field.max_size.unwrap_or(10_000_000);
            (pick(types), 1..=max, "[a-z]{1,10}")
                .prop_map(|(media_type, size, name)| {
                    json!({"name": format!("{name}.pdf"), "media_type": media_type, "size": size})
                })
                .boxed()
        }
        FieldKind::Group => object(&field.fields, tidy),
        FieldKind::Repeatable => {
            let min = field.min_items.unwrap_or(u32::from(field.required)) as usize;
            let max = field.max_items.map_or(min + 3, |m| m as usize).min(min + 3);
            prop::collection::vec(object(&field.fields, tidy), min..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        FieldKind::Static | FieldKind::Computed => any_json().boxed(),
    }
}

fn identifier(scheme: &str, country: Option<&str>) -> BoxedStrategy<Value> {
    let values: Vec<Value> = vectors()
        .get(scheme)
        .into_iter()
        .flatten()
        .filter(|(_, c)| country.is_none() || c.as_deref() == country)
        .map(|(v, _)| Value::from(v.clone()))
        .collect();
    if values.is_empty() {
        return any_json().boxed();
    }
    pick(values)
}

/// An answer: in a tidy submission always plausible for its type; in a messy one sometimes
/// absent, sometimes any JSON at all.
fn answer(field: &Field, tidy: bool) -> BoxedStrategy<Option<Value>> {
    if tidy {
        return plausible(field, tidy).prop_map(Some).boxed();
    }
    prop_oneof![
        8 => plausible(field, tidy).prop_map(Some),
        1 => Just(None),
        1 => any_json().prop_map(Some),
    ]
    .boxed()
}

/// An object with an answer for each of `fields`, plus now and then an unknown key.
fn object(fields: &[Field], tidy: bool) -> BoxedStrategy<Value> {
    let answers: Vec<BoxedStrategy<(String, Option<Value>)>> = fields
        .iter()
        .filter(|f| f.kind != FieldKind::Static)
        .map(|f| {
            let key = f.key.clone();
            answer(f, tidy).prop_map(move |a| (key.clone(), a)).boxed()
        })
        .collect();
    (answers, prop::option::weighted(0.1, any_json()))
        .prop_map(|(answers, extra)| {
            let mut map: Map<String, Value> = answers
                .into_iter()
                .filter_map(|(k, v)| Some((k, v?)))
                .collect();
            if let Some(extra) = extra {
                map.insert("unknown_key".into(), extra);
            }
            Value::Object(map)
        })
        .boxed()
}

/// A submission for `form`: tidy or messy, half and half.
fn submission(form: &CompiledForm) -> BoxedStrategy<Value> {
    let fields: Vec<Field> = form.definition().fields().cloned().collect();
    prop_oneof![
        object(&fields, true),
        object(&fields, false),
        near_valid(form),
    ]
    .boxed()
}

/// A valid example with one top-level answer generated anew (plausible, absent or any JSON):
/// valid more often than not, and otherwise invalid in one place.
fn near_valid(form: &CompiledForm) -> BoxedStrategy<Value> {
    let examples = valid_examples(&form.definition().id);
    assert!(
        !examples.is_empty(),
        "{}: no valid example",
        form.definition().id
    );
    let changes: Vec<BoxedStrategy<(String, Option<Value>)>> = form
        .definition()
        .fields()
        .filter(|f| f.kind != FieldKind::Static)
        .map(|f| {
            let key = f.key.clone();
            answer(f, false).prop_map(move |a| (key.clone(), a)).boxed()
        })
        .collect();
    (pick(examples), prop::strategy::Union::new(changes))
        .prop_map(|(mut example, (key, answer))| {
            if let Some(map) = example.as_object_mut() {
                match answer {
                    Some(value) => map.insert(key, value),
                    None => map.remove(&key),
                };
            }
            example
        })
        .boxed()
}

/// The properties every verdict has.
fn check_verdict(form: &CompiledForm, data: &Value) -> Result<(), TestCaseError> {
    let evaluation = evaluate(form, data, &context());
    for error in &evaluation.errors {
        prop_assert!(
            error.path.is_empty() || evaluation.is_visible(&error.path),
            "{}: error on a field not shown: {error:?}",
            form.definition().id
        );
        prop_assert!(
            error.path.is_empty() || form.definition().field_at(&error.path).is_some(),
            "error on a path the form does not have: {error:?}"
        );
    }
    for key in evaluation.cleaned.keys() {
        prop_assert!(
            evaluation.is_visible(&format!("/{key}")),
            "kept an answer of a field not shown: {key}"
        );
    }
    if evaluation.is_valid() {
        let cleaned = Value::Object(evaluation.cleaned.clone());
        let again = evaluate(form, &cleaned, &context());
        prop_assert!(
            again.is_valid(),
            "{}: the cleaned data of a valid submission is refused: {:?}\n{cleaned:#}",
            form.definition().id,
            again.errors
        );
        prop_assert_eq!(&again.cleaned, &evaluation.cleaned);
        prop_assert_eq!(&again.fee, &evaluation.fee);
        prop_assert_eq!(&again.visible, &evaluation.visible);
        prop_assert_eq!(&again.computed, &evaluation.computed);
    }
    Ok(())
}

/// A runner with a fixed seed: the same cases on every run, so that a failure in CI can be
/// reproduced and a pass means the same thing each time.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = proptest::test_runner::TestRng::deterministic_rng(config.rng_algorithm);
    TestRunner::new_with_rng(config, rng)
}

#[test]
fn any_json_at_all_gives_a_verdict() {
    for form in forms() {
        let mut runner = runner(300);
        let result = runner.run(&any_json(), |data| check_verdict(form, &data));
        if let Err(e) = result {
            panic!("{}: {e}", form.definition().id);
        }
    }
}

#[test]
fn submissions_shaped_by_the_definition_re_validate_the_same_way() {
    for form in forms() {
        let mut runner = runner(400);
        let result = runner.run(&submission(form), |data| check_verdict(form, &data));
        if let Err(e) = result {
            panic!("{}: {e}", form.definition().id);
        }
    }
}

/// The re-validation property above is only worth something if the generator makes valid
/// submissions too: near-valid ones are valid often enough, and messy ones are refused often.
#[test]
fn the_generator_makes_valid_and_invalid_submissions() {
    for form in forms() {
        let id = &form.definition().id;
        let mut runner = runner(1);
        let fields: Vec<Field> = form.definition().fields().cloned().collect();
        for (name, strategy) in [
            ("near-valid", near_valid(form)),
            ("messy", object(&fields, false)),
        ] {
            let mut valid = 0;
            let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
            for _ in 0..300 {
                let data = strategy.new_tree(&mut runner).expect("a value").current();
                let evaluation = evaluate(form, &data, &context());
                valid += usize::from(evaluation.is_valid());
                for e in evaluation.errors {
                    let path: Vec<&str> = e
                        .path
                        .split('/')
                        .filter(|s| s.parse::<usize>().is_err())
                        .collect();
                    *reasons
                        .entry(format!("{} {}", path.join("/"), e.code.as_str()))
                        .or_default() += 1;
                }
            }
            if name == "near-valid" {
                assert!(
                    valid >= 30,
                    "{id}: {valid} of 300 {name} valid; errors: {reasons:#?}"
                );
            } else {
                assert!(
                    valid <= 240,
                    "{id}: {valid} of 300 {name} valid: too few refused"
                );
            }
        }
    }
}
