//! The cost of a keystroke: one full evaluation of a generated 300-field form, the work the
//! browser redoes on every change of an answer (rules, conditions, errors, cleaned data).
//!
//! The form has 10 steps of 30 fields: texts with lengths and patterns, e-mails, numbers with
//! ranges, dates with bounds, selects, checkbox groups, yes/no questions and long texts, and on
//! each step 5 fields shown only when the step's first yes/no question is answered yes. The test
//! checks that a complete submission is valid and that one with a single fault gets exactly that
//! error, then prints the median time of an evaluation (it asserts no time: timed tests are
//! flaky on shared machines; `make bench` reads the line).
//!
//! Natively: `cargo test -p forms-core --test keystroke -- --nocapture`. In Chromium:
//! `make bench` runs it in the wasm32 build with wasm-bindgen-test-runner and chromedriver
//! (`WASM_BINDGEN_USE_BROWSER=1`, the browser's flags in `forms-core/webdriver.json`).

use forms_core::{Context, Date, Definition, compile, evaluate};
use serde_json::{Map, Value, json};

const STEPS: usize = 10;
const FIELDS_PER_STEP: usize = 30;
/// Evaluations per timed batch, and batches: the median batch gives the figure.
const BATCH: usize = 20;
const BATCHES: usize = 25;

fn label(text: String) -> Value {
    json!({ "en": text })
}

fn options(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"value": format!("option_{i}"), "label": label(format!("Option {i}"))}))
            .collect(),
    )
}

/// Field `i` of a step whose gate (a yes/no question) is `gate`, and a valid answer to it.
fn field(step: usize, i: usize, gate: &str) -> (Value, Value) {
    let key = format!("s{step}_f{i}");
    let mut field = match i % 10 {
        0 => json!({"type": "yes_no"}),
        1 => json!({"type": "text", "required": true, "min_length": 2, "max_length": 80}),
        2 => json!({"type": "text", "pattern": "[A-Z]{2}[0-9]{6,10}"}),
        3 => json!({"type": "email", "required": true}),
        4 => json!({"type": "number", "required": true, "min": 0, "max": 100000}),
        5 => json!({"type": "date", "min_date": "1900-01-01", "max_date": "2100-12-31"}),
        6 => json!({"type": "select", "required": true, "options": options(8)}),
        7 => json!({"type": "checkboxes", "max_items": 3, "options": options(6)}),
        8 => json!({"type": "long_text", "max_length": 2000}),
        _ => json!({"type": "text", "max_length": 40}),
    };
    let answer = match i % 10 {
        0 => json!(true),
        1 => json!(format!("Answer to {key}")),
        2 => json!("BG12345678"),
        3 => json!(format!("{key}@example.bg")),
        4 => json!(i * 37),
        5 => json!("1990-05-17"),
        6 => json!(format!("option_{}", i % 8)),
        7 => json!(["option_1", "option_4"]),
        8 => json!("A longer answer, as a description of the applicant's business would be."),
        _ => json!("short"),
    };
    field["key"] = json!(key);
    field["label"] = label(format!("Field {i} of step {step}"));
    // The gate itself is field 0; fields 25 to 29 of each step depend on it.
    if i >= 25 {
        field["visible_if"] = json!({"==": [{"var": gate}, true]});
    }
    (field, answer)
}

/// The 300-field definition and a valid submission to it.
fn generated() -> (Definition, Map<String, Value>) {
    let mut data = Map::new();
    let steps: Vec<Value> = (0..STEPS)
        .map(|step| {
            let gate = format!("s{step}_f0");
            let fields: Vec<Value> = (0..FIELDS_PER_STEP)
                .map(|i| {
                    let (field, answer) = field(step, i, &gate);
                    data.insert(field["key"].as_str().expect("key").to_owned(), answer);
                    field
                })
                .collect();
            json!({"id": format!("step_{step}"), "title": label(format!("Step {step}")), "fields": fields})
        })
        .collect();
    let definition = json!({
        "format": 1,
        "id": "generated-300-fields",
        "version": "1.0.0",
        "languages": ["en"],
        "title": label("A generated form of 300 fields".into()),
        "steps": steps,
    });
    let definition = Definition::from_json(&definition.to_string()).expect("the form is valid");
    (definition, data)
}

#[cfg(target_arch = "wasm32")]
mod clock {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
    }

    /// Milliseconds from an arbitrary origin (`performance.now()`: in Chromium, coarsened to
    /// 0.1 ms, which a batch of evaluations makes small beside its length).
    pub fn now_ms() -> f64 {
        performance_now()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod clock {
    use std::sync::OnceLock;
    use std::time::Instant;

    pub fn now_ms() -> f64 {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
    }
}

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_keystroke_on_a_300_field_form() {
    let (definition, data) = generated();
    let fields: usize = definition.steps.iter().map(|s| s.fields.len()).sum();
    assert_eq!(fields, STEPS * FIELDS_PER_STEP);
    let form = compile(definition).expect("compiles");
    let context = Context {
        today: Date::parse("2026-12-02").expect("date"),
        lang: "en".into(),
    };
    let valid = Value::Object(data.clone());
    let evaluation = evaluate(&form, &valid, &context);
    assert!(evaluation.is_valid(), "{:?}", evaluation.errors);

    // A keystroke that leaves one answer too short: exactly that error.
    let mut faulty = data;
    faulty.insert("s4_f1".into(), json!("x"));
    let faulty = Value::Object(faulty);
    let evaluation = evaluate(&form, &faulty, &context);
    let paths: Vec<&str> = evaluation.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/s4_f1"]);

    let mut per_evaluation: Vec<f64> = (0..BATCHES)
        .map(|batch| {
            let data = if batch % 2 == 0 { &valid } else { &faulty };
            let start = clock::now_ms();
            for _ in 0..BATCH {
                std::hint::black_box(evaluate(&form, std::hint::black_box(data), &context));
            }
            (clock::now_ms() - start) / BATCH as f64
        })
        .collect();
    per_evaluation.sort_by(f64::total_cmp);
    let median = per_evaluation[BATCHES / 2];
    let target = if cfg!(target_arch = "wasm32") {
        "wasm32"
    } else {
        "native"
    };
    let line = format!(
        "keystroke ({target}, {fields} fields): {median:.3} ms per evaluation, median of {BATCHES} batches of {BATCH}"
    );
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::console_log!("{line}");
    #[cfg(not(target_arch = "wasm32"))]
    report(&line);
}

/// Prints the test's report (`bench/run.sh` reads it).
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::print_stdout)]
fn report(line: &str) {
    println!("{line}");
}
