//! The answers, step by step, as they will be sent: forms-core's cleaned data (visible answers
//! only, normalised), with options, dates, numbers and files written for people. The review page
//! adds a "Change" link to each; the confirmation shows it for printing.

use forms_core::{Field, FieldKind, FilledBy};
use leptos::prelude::*;
use serde_json::{Map, Value};

use super::state::{FormState, field_element_id};
use crate::format;

/// An answer as the person reads it in `lang`.
fn shown(lang: &str, field: &Field, value: &Value) -> String {
    let option = |v: &Value| {
        field
            .options
            .iter()
            .find(|o| Some(o.value.as_str()) == v.as_str())
            .map_or_else(
                || v.as_str().unwrap_or_default().to_owned(),
                |o| o.label.get(lang).to_owned(),
            )
    };
    match (field.kind, value) {
        (FieldKind::Select | FieldKind::Radio, v) => option(v),
        (FieldKind::Checkboxes, Value::Array(chosen)) => {
            chosen.iter().map(option).collect::<Vec<_>>().join(", ")
        }
        (FieldKind::Date, Value::String(s)) => format::date(lang, s),
        (FieldKind::Amount, Value::String(s)) => s.parse::<f64>().map_or_else(
            |_| s.clone(),
            |n| format::number(lang, n, Some(field.decimals.unwrap_or(2))),
        ),
        (_, Value::Number(n)) => n
            .as_f64()
            .map(|n| format::number(lang, n, None))
            .unwrap_or_default(),
        (_, Value::Bool(b)) => crate::i18n::t(lang, if *b { "yes" } else { "no" }),
        (FieldKind::File, Value::Object(file)) => {
            let name = file.get("name").and_then(Value::as_str).unwrap_or_default();
            let size = file.get("size").and_then(Value::as_u64).unwrap_or(0);
            let size = format::file_size(lang, size);
            crate::i18n::t_args(lang, "file-with-size", &[("name", name), ("size", &size)])
        }
        (_, Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The `<dl>` rows of `fields` whose answers are in `answers` (the object at `prefix`).
fn rows(
    lang: &str,
    fields: &[Field],
    answers: &Map<String, Value>,
    prefix: &str,
    row: Option<usize>,
    change: Option<Callback<String>>,
) -> Vec<AnyView> {
    let mut out = Vec::new();
    for field in fields.iter().filter(|f| f.filled_by == FilledBy::Applicant) {
        let Some(value) = answers.get(&field.key) else {
            continue;
        };
        let pointer = format!("{prefix}/{}", field.key);
        let label = field.label.get(lang).to_owned();
        let answer = match (field.kind, value) {
            (FieldKind::Static, _) => continue,
            (FieldKind::Group, Value::Object(inner)) => {
                let inner = rows(lang, &field.fields, inner, &pointer, row, change);
                view! { <dl class="answers">{inner}</dl> }.into_any()
            }
            (FieldKind::Repeatable, Value::Array(items)) => {
                let items = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, row)| {
                        let row = row.as_object()?;
                        let inner = rows(
                            lang,
                            &field.fields,
                            row,
                            &format!("{pointer}/{i}"),
                            Some(i),
                            change,
                        );
                        Some(view! { <li><dl class="answers">{inner}</dl></li> })
                    })
                    .collect_view();
                view! { <ol class="answer-rows">{items}</ol> }.into_any()
            }
            _ => shown(lang, field, value).into_any(),
        };
        let nested = field.kind.has_fields();
        let link = change
            .filter(|_| !nested && field.kind != FieldKind::Computed)
            .map(|change| {
                let href = format!("#{}", field_element_id(&pointer));
                let click = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    change.run(pointer.clone());
                };
                // The link's name says which answer (and which entry), in the language's order.
                let what = match row {
                    Some(i) => {
                        let entry = crate::i18n::t_with(lang, "row-title", &[("number", i + 1)]);
                        crate::i18n::t_args(
                            lang,
                            "answer-in-row",
                            &[("label", &label), ("row", &entry)],
                        )
                    }
                    None => label.clone(),
                };
                let name = crate::i18n::t_args(lang, "change-answer", &[("label", &what)]);
                let change_text = crate::i18n::t(lang, "change");
                view! {
                    <dd class="change">
                        <a href=href aria-label=name on:click=click>{change_text}</a>
                    </dd>
                }
            });
        out.push(
            view! {
                <div class="answer" class:nested=nested>
                    <dt>{label.clone()}</dt>
                    <dd>{answer}</dd>
                    {link}
                </div>
            }
            .into_any(),
        );
    }
    out
}

/// Every step's answers under the step's heading; `change` (the pointer of the answer) when the
/// person may still change them.
#[component]
pub fn AnswersSummary(change: Option<Callback<String>>) -> impl IntoView {
    let state = expect_context::<FormState>();
    move || {
        let lang = state.lang.get();
        let form = state.form();
        state.evaluation.with(|evaluation| {
            form.definition()
                .steps
                .iter()
                .filter_map(|step| {
                    let rows = rows(&lang, &step.fields, &evaluation.cleaned, "", None, change);
                    (!rows.is_empty()).then(|| {
                        view! {
                            <section class="review-step">
                                <h3>{step.title.get(&lang).to_owned()}</h3>
                                <dl class="answers">{rows}</dl>
                            </section>
                        }
                    })
                })
                .collect_view()
        })
    }
}
