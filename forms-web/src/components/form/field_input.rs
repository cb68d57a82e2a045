//! One question: label, hint, error and the input, tied together for assistive technology.

use forms_core::{Field, FieldKind};
use leptos::prelude::*;

use crate::i18n::t;

/// The id of the input element of the field with `key`; error summary links point at it.
pub fn field_element_id(key: &str) -> String {
    format!("field-{key}")
}

/// Renders a question with `<label for>`, its hint and error referenced by `aria-describedby`,
/// and `aria-invalid` while the error shows.
#[component]
pub fn FieldInput(
    /// The question from the definition.
    field: Field,
    /// The language chosen.
    lang: RwSignal<String>,
    /// The current answer.
    value: Signal<String>,
    /// The error message to show now, if any.
    error: Signal<Option<String>>,
    /// Called with the new text on every change.
    on_input: Callback<String>,
    /// Called when focus leaves the field.
    on_blur: Callback<()>,
) -> impl IntoView {
    let id = field_element_id(&field.key);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = field.hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).to_string();
    let required = field.required.to_string();
    let input = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let blur = move |_: leptos::ev::FocusEvent| on_blur.run(());
    // Numbers are neither words to spell-check nor something the browser should suggest.
    let is_identifier = field.kind == FieldKind::Identifier;
    let spellcheck = (!is_identifier).to_string();
    let autocomplete = is_identifier.then_some("off");
    let control = match field.kind {
        FieldKind::LongText => view! {
            <textarea
                id=id.clone()
                name=field.key.clone()
                rows="6"
                prop:value=move || value.get()
                aria-describedby=described_by
                aria-invalid=invalid
                aria-required=required
                on:input=input
                on:blur=blur
            ></textarea>
        }
        .into_any(),
        // Every other type is typed as text until the app renders each of its own.
        _ => view! {
            <input
                type="text"
                spellcheck=spellcheck
                autocomplete=autocomplete
                id=id.clone()
                name=field.key.clone()
                prop:value=move || value.get()
                aria-describedby=described_by
                aria-invalid=invalid
                aria-required=required
                on:input=input
                on:blur=blur
            />
        }
        .into_any(),
    };
    let label = field.label.clone();
    let optional = (!field.required).then(|| {
        view! { " " <span class="optional">{move || t(&lang.get(), "optional")}</span> }
    });
    let hint = field.hint.clone().map(|hint| {
        view! { <p class="hint" id=hint_id>{move || hint.get(&lang.get()).to_owned()}</p> }
    });
    let message = move || {
        error.get().map(|message| {
            view! { <p class="error-message" id=error_id.clone()>{message}</p> }
        })
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.get(&lang.get()).to_owned()} {optional}</label>
            {hint}
            {message}
            {control}
        </div>
    }
}
