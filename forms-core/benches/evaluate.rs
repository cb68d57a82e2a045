//! `compile` and `evaluate` on the largest form definition, with a valid and an invalid
//! submission: the cost of a keystroke in the browser and of a submission on the server.
//! Run with `cargo bench -p forms-core` (or `make bench`).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use forms_core::{Context, Date, Definition, compile, evaluate};
use serde_json::Value;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Counts every field, nested ones too: the measure of a form's size.
fn size(fields: &[forms_core::Field]) -> usize {
    fields.iter().map(|f| 1 + size(&f.fields)).sum()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The test definition with every type, and its example submissions.
    let text = read(&root.join("tests/data/definitions/every-type.json"));
    let definition = Definition::from_json(&text).expect("valid definition");
    let fields: usize = definition.steps.iter().map(|s| size(&s.fields)).sum();
    let valid: Value = serde_json::from_str(&read(
        &root.join("tests/data/submissions/every-type-valid.json"),
    ))
    .expect("json");
    let invalid: Value = serde_json::from_str(&read(
        &root.join("tests/data/submissions/every-type-invalid.json"),
    ))
    .expect("json");
    let context = Context {
        today: Date::parse("2026-11-23").expect("date"),
        lang: "bg".into(),
    };
    let form = compile(definition.clone()).expect("compiles");
    assert!(evaluate(&form, &valid, &context).is_valid());
    assert!(!evaluate(&form, &invalid, &context).is_valid());

    let mut group = c.benchmark_group(format!("every-type ({fields} fields)"));
    group.bench_function("parse + compile", |b| {
        b.iter(|| compile(Definition::from_json(black_box(&text)).expect("valid")))
    });
    group.bench_function("compile", |b| {
        b.iter(|| compile(black_box(definition.clone())))
    });
    group.bench_function("evaluate valid", |b| {
        b.iter(|| evaluate(&form, black_box(&valid), &context))
    });
    group.bench_function("evaluate invalid", |b| {
        b.iter(|| evaluate(&form, black_box(&invalid), &context))
    });
    group.finish();
}

/// The largest published form (by fields, nested ones too) with its first valid and invalid
/// examples from `form-definitions/examples/<id>/`.
fn bench_largest_seed(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../form-definitions");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("form-definitions")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (text, definition) = files
        .iter()
        .map(|path| {
            let text = read(path);
            let definition = Definition::from_json(&text).expect("valid definition");
            (text, definition)
        })
        .max_by_key(|(_, d)| d.steps.iter().map(|s| size(&s.fields)).sum::<usize>())
        .expect("a definition");
    let fields: usize = definition.steps.iter().map(|s| size(&s.fields)).sum();
    let examples = root.join("examples").join(&definition.id);
    let example = |prefix: &str| -> Value {
        let mut names: Vec<_> = std::fs::read_dir(&examples)
            .expect("examples")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with(prefix) && !name.ends_with(".expected.json")
            })
            .collect();
        names.sort();
        serde_json::from_str(&read(names.first().expect("an example"))).expect("json")
    };
    let (valid, invalid) = (example("valid-"), example("invalid-"));
    let lang = definition.languages[0].clone();
    let context = Context {
        today: Date::parse("2026-11-23").expect("date"),
        lang,
    };
    let form = compile(definition.clone()).expect("compiles");
    assert!(evaluate(&form, &valid, &context).is_valid());
    assert!(!evaluate(&form, &invalid, &context).is_valid());
    let mut group = c.benchmark_group(format!("{} ({fields} fields)", definition.id));
    group.bench_function("parse + compile", |b| {
        b.iter(|| compile(Definition::from_json(black_box(&text)).expect("valid")))
    });
    group.bench_function("evaluate valid", |b| {
        b.iter(|| evaluate(&form, black_box(&valid), &context))
    });
    group.bench_function("evaluate invalid", |b| {
        b.iter(|| evaluate(&form, black_box(&invalid), &context))
    });
    group.finish();
}

criterion_group!(benches, bench, bench_largest_seed);
criterion_main!(benches);
