//! Questions answered by choosing: radio buttons, yes or no, a group of checkboxes. Each is a
//! fieldset whose legend is the question; the arrow keys move between radio buttons.

use forms_core::Field;
use forms_core::html::choice_id;
use leptos::prelude::*;
use serde_json::Value;

use super::field_input::{Described, label_text};
use super::state::FormState;
use crate::i18n::localized;

/// One control of a group: the input and its label.
struct Choice {
    /// The value stored when it is chosen.
    value: Value,
    /// What the person reads.
    label: Signal<String>,
}

/// The choices of `field`: its options, or Yes and No.
fn choices(state: &FormState, field: &Field) -> Vec<Choice> {
    let lang = state.lang;
    if field.kind == forms_core::FieldKind::YesNo {
        let state = *state;
        return [(true, "yes"), (false, "no")]
            .into_iter()
            .map(|(value, key)| Choice {
                value: Value::Bool(value),
                label: Signal::derive(move || state.text(key)),
            })
            .collect();
    }
    field
        .options
        .iter()
        .map(|option| {
            let label = option.label.clone();
            Choice {
                value: Value::String(option.value.clone()),
                label: Signal::derive(localized(lang, label)),
            }
        })
        .collect()
}

/// Radio buttons (one of the options, or Yes / No), or checkboxes (any number of the options,
/// stored in the options' order) when `multiple`.
#[component]
pub fn ChoicesQuestion(field: Field, pointer: String, multiple: bool) -> impl IntoView {
    let state = expect_context::<FormState>();
    let described = Described::new(&state, &field, &pointer);
    let order: Vec<Value> = field
        .options
        .iter()
        .map(|o| Value::String(o.value.clone()))
        .collect();
    let answer = state.answer_memo(pointer.clone());
    let controls = choices(&state, &field)
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = choice_id(&described.id, index);
            let checked = {
                let value = choice.value.clone();
                move || {
                    answer.with(|a| match a {
                        Some(Value::Array(chosen)) => chosen.contains(&value),
                        a => a.as_ref() == Some(&value),
                    })
                }
            };
            let change = {
                let (pointer, value, order) =
                    (pointer.clone(), choice.value.clone(), order.clone());
                move |ev: leptos::ev::Event| {
                    let answer = if multiple {
                        let mut chosen: Vec<Value> = answer
                            .get_untracked()
                            .and_then(|v| v.as_array().cloned())
                            .unwrap_or_default();
                        chosen.retain(|v| v != &value);
                        if event_target_checked(&ev) {
                            chosen.push(value.clone());
                        }
                        chosen.sort_by_key(|v| order.iter().position(|o| o == v));
                        Value::Array(chosen)
                    } else {
                        value.clone()
                    };
                    state.set(&pointer, answer);
                    state.touch(&pointer);
                }
            };
            view! {
                <div class="choice">
                    <input
                        type=if multiple { "checkbox" } else { "radio" }
                        id=id.clone()
                        value=match &choice.value {
                            Value::String(s) => s.clone(),
                            // Yes and No: no serde_json serialiser in the wasm for two words.
                            other => (if other == &Value::Bool(true) { "true" } else { "false" })
                                .to_owned(),
                        }
                        name=described.id.clone()
                        prop:checked=checked
                        on:change=change
                    />
                    <label for=id>{choice.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field"
            class:has-error=described.has_error()
            aria-describedby=described.ids()
        >
            <legend>{label_text(&state, &field)}</legend>
            {described.texts(&state, &field)}
            <div class="choices">{controls}</div>
        </fieldset>
    }
}
