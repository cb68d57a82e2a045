//! The published definitions are test data: every `form-definitions/*.json` passes the whole
//! check (the JSON Schema of the format and lint), and every example submission in
//! `form-definitions/examples/<form id>/` gets the verdict its file declares:
//! - `valid-*.json` is valid, and its cleaned data is valid again and cleans to itself;
//! - `invalid-*.json` gives exactly the errors (path and code, in order) listed in its companion
//!   `invalid-*.expected.json`, each with a message in every language the form offers.
//!
//! Examples are judged on a fixed day, 2026-11-23, so that date bounds relative to today give the
//! same verdict whenever the test runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use forms_core::{CompiledForm, Context, Date, compile, evaluate};
use forms_server::check::check_text;
use serde_json::{Value, json};

const TODAY: &str = "2026-11-23";

fn definitions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../form-definitions")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every published form, checked and compiled, by id.
fn forms() -> BTreeMap<String, CompiledForm> {
    let mut forms = BTreeMap::new();
    for path in json_files(&definitions_dir()) {
        let text = std::fs::read_to_string(&path).expect("read");
        let (definition, found) = check_text(&text);
        assert_eq!(found, [], "{}", path.display());
        let definition = definition.expect("parsed");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
        assert_eq!(
            definition.id, stem,
            "a definition's file is named after its id"
        );
        forms.insert(
            definition.id.clone(),
            compile(definition).expect("compiles"),
        );
    }
    forms
}

fn context(lang: &str) -> Context {
    Context {
        today: Date::parse(TODAY).expect("date"),
        lang: lang.to_owned(),
    }
}

#[test]
fn every_example_gets_the_verdict_its_file_declares() {
    let forms = forms();
    let localizer = forms_server::state::localizer();
    let examples = definitions_dir().join("examples");
    for (id, form) in &forms {
        let dir = examples.join(id);
        let files = json_files(&dir);
        let (mut valid, mut invalid) = (0, 0);
        for path in &files {
            let name = path.file_name().and_then(|s| s.to_str()).expect("name");
            if name.ends_with(".expected.json") {
                continue;
            }
            let data = read_json(path);
            let languages = &form.definition().languages;
            let evaluation = evaluate(form, &data, &context(&languages[0]));
            if name.starts_with("valid-") {
                valid += 1;
                assert!(
                    evaluation.is_valid(),
                    "{id}/{name}: {:#?}",
                    evaluation.errors
                );
                let cleaned = Value::Object(evaluation.cleaned.clone());
                let again = evaluate(form, &cleaned, &context(&languages[0]));
                assert!(again.is_valid(), "{id}/{name} cleaned: {:#?}", again.errors);
                assert_eq!(again.cleaned, evaluation.cleaned, "{id}/{name}");
            } else if name.starts_with("invalid-") {
                invalid += 1;
                let expected_path = path.with_extension("expected.json");
                assert!(
                    expected_path.is_file(),
                    "{id}/{name} needs {}",
                    expected_path.display()
                );
                let expected = read_json(&expected_path);
                let got: Vec<Value> = evaluation
                    .errors
                    .iter()
                    .map(|e| json!({"path": e.path, "code": e.code.as_str()}))
                    .collect();
                assert_eq!(Value::Array(got), expected, "{id}/{name}");
                for lang in languages {
                    for error in &evaluation.errors {
                        let message = localizer.field_error(lang, form.definition(), error);
                        assert!(
                            !message.trim().is_empty()
                                && !message.contains("{$")
                                && !message.contains("{ $"),
                            "{id}/{name} {lang}: {error:?} reads {message:?}"
                        );
                    }
                }
            } else {
                panic!("{id}/{name}: examples are named valid-*.json or invalid-*.json");
            }
        }
        assert!(
            valid >= 1 && invalid >= 1,
            "{id}: {valid} valid and {invalid} invalid examples; at least one of each"
        );
    }
    for entry in std::fs::read_dir(&examples).expect("examples") {
        let name = entry.expect("entry").file_name();
        let name = name.to_str().expect("name");
        assert!(
            forms.contains_key(name),
            "examples/{name} has no definition"
        );
    }
}
