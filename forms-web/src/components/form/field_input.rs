//! Questions answered in one control — text of every kind, numbers, dates, a drop-down list,
//! a file — with label, hint and error tied together for assistive technology.

use forms_core::{Field, FieldKind, html};
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;

use super::state::{FormState, answer_text, field_element_id, today};
use crate::format;
use crate::i18n::{localized, tr};

/// The ids and texts that describe a question: its hint and its error, referenced by
/// `aria-describedby` from the control (or the fieldset of a group of choices).
#[derive(Debug, Clone)]
pub struct Described {
    /// The id of the control that takes focus.
    pub id: String,
    hint_id: Option<String>,
    error_id: String,
    /// The error to show now, if any.
    pub error: Signal<Option<String>>,
}

impl Described {
    /// The description of `field` at `pointer`.
    pub fn new(state: &FormState, field: &Field, pointer: &str) -> Self {
        let id = field_element_id(pointer);
        Self {
            hint_id: field.hint.as_ref().map(|_| format!("{id}-hint")),
            error_id: format!("{id}-error"),
            error: state.error(pointer.to_owned()),
            id,
        }
    }

    /// The value of `aria-describedby`: the hint, then the error while it shows.
    pub fn ids(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static + use<> {
        let (hint, error_id, error) = (self.hint_id.clone(), self.error_id.clone(), self.error);
        move || {
            let mut ids: Vec<&str> = hint.iter().map(String::as_str).collect();
            if error.with(Option::is_some) {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// `aria-invalid` while the error shows.
    pub fn invalid(&self) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static + use<> {
        let error = self.error;
        move || {
            if error.with(Option::is_some) {
                "true"
            } else {
                "false"
            }
        }
    }

    /// Whether the error shows (for the `has-error` class).
    pub fn has_error(&self) -> impl Fn() -> bool + Clone + Send + Sync + 'static + use<> {
        let error = self.error;
        move || error.with(Option::is_some)
    }

    /// The hint and the error message, to put under the label.
    pub fn texts(&self, state: &FormState, field: &Field) -> impl IntoView + use<> {
        let lang = state.lang;
        let hint = field
            .hint
            .clone()
            .zip(self.hint_id.clone())
            .map(|(hint, id)| {
                view! { <p class="hint" id=id>{localized(lang, hint)}</p> }
            });
        let (error, error_id) = (self.error, self.error_id.clone());
        let message = move || {
            error.get().map(|message| {
                view! {
                    <p class="error-message" id=error_id.clone()>
                        <span class="visually-hidden">{tr(lang, "error-prefix")}" "</span>
                        {message}
                    </p>
                }
            })
        };
        (hint, message)
    }
}

/// The label's text, with "(optional)" for a question that may be left out.
pub fn label_text(state: &FormState, field: &Field) -> impl IntoView + use<> {
    let state = *state;
    let (lang, label) = (state.lang, field.label.clone());
    let optional = html::is_optional(field).then(|| {
        view! { " " <span class="optional">{tr(state.lang, "optional")}</span> }
    });
    (localized(lang, label), optional)
}

/// A question answered by typing: one line, several lines (long text, a certificate request),
/// a number, an amount, a date.
#[component]
pub fn TextQuestion(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let described = Described::new(&state, &field, &pointer);
    // The control's value follows the answer only when they differ: writing a date input's own
    // value back (an empty one while a part is being typed) would clear the parts typed so far.
    let control_ref = NodeRef::<leptos::html::Input>::new();
    let area_ref = NodeRef::<leptos::html::Textarea>::new();
    let answer = state.answer_memo(pointer.clone());
    Effect::new(move |_| {
        let text = answer.with(|a| answer_text(a).to_owned());
        if let Some(input) = control_ref.get() {
            if input.value() != text {
                input.set_value(&text);
            }
        } else if let Some(area) = area_ref.get()
            && area.value() != text
        {
            area.set_value(&text);
        }
    });
    let input = {
        let pointer = pointer.clone();
        move |ev: leptos::ev::Event| state.set(&pointer, Value::String(event_target_value(&ev)))
    };
    let blur = {
        let pointer = pointer.clone();
        move |_: leptos::ev::FocusEvent| state.touch(&pointer)
    };
    let placeholder = field.placeholder.clone().map(|p| {
        let lang = state.lang;
        localized(lang, p)
    });
    let spellcheck = html::spellcheck(&field);
    let control = if html::multiline(&field) {
        view! {
            <textarea
                id=described.id.clone()
                name=pointer.clone()
                rows="6"
                spellcheck=spellcheck
                placeholder=placeholder
                node_ref=area_ref
                aria-describedby=described.ids()
                aria-invalid=described.invalid()
                on:input=input
                on:blur=blur
            ></textarea>
        }
        .into_any()
    } else {
        let (kind, inputmode) = html::input_kind(&field);
        let bounds = (field.kind == FieldKind::Date).then(|| {
            let today = today();
            let bound = |b: Option<forms_core::date::DateBound>| {
                b.and_then(|b| b.resolve(today)).map(|d| d.to_string())
            };
            (bound(field.min_date), bound(field.max_date))
        });
        let (min, max) = bounds.unwrap_or_default();
        view! {
            <input
                type=kind
                inputmode=inputmode
                autocomplete=html::autocomplete(&field, &pointer)
                spellcheck=spellcheck
                id=described.id.clone()
                name=pointer.clone()
                min=min
                max=max
                placeholder=placeholder
                node_ref=control_ref
                aria-describedby=described.ids()
                aria-invalid=described.invalid()
                on:input=input
                on:blur=blur
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=described.has_error()>
            <label for=described.id.clone()>{label_text(&state, &field)}</label>
            {described.texts(&state, &field)}
            {control}
        </div>
    }
}

/// One of the options, from a drop-down list.
#[component]
pub fn SelectQuestion(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let described = Described::new(&state, &field, &pointer);
    let lang = state.lang;
    let answer = state.answer_memo(pointer.clone());
    let options = field
        .options
        .iter()
        .map(|option| {
            let (value, label) = (option.value.clone(), option.label.clone());
            let selected = {
                let value = value.clone();
                move || answer.with(|a| answer_text(a) == value)
            };
            view! {
                <option value=value prop:selected=selected>
                    {localized(lang, label)}
                </option>
            }
        })
        .collect_view();
    let change = {
        let pointer = pointer.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            state.set(
                &pointer,
                if value.is_empty() {
                    Value::Null
                } else {
                    Value::String(value)
                },
            );
            state.touch(&pointer);
        }
    };
    let nothing_chosen = move || answer.with(|a| answer_text(a).is_empty());
    view! {
        <div class="field" class:has-error=described.has_error()>
            <label for=described.id.clone()>{label_text(&state, &field)}</label>
            {described.texts(&state, &field)}
            <select
                id=described.id.clone()
                name=pointer.clone()
                aria-describedby=described.ids()
                aria-invalid=described.invalid()
                on:change=change
            >
                <option value="" prop:selected=nothing_chosen>{tr(state.lang, "choose")}</option>
                {options}
            </select>
        </div>
    }
}

/// An attached file: the browser reads its name, media type and size, which forms-core checks
/// (the content goes with the application once the server stores attachments).
#[component]
pub fn FileQuestion(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let described = Described::new(&state, &field, &pointer);
    let accept = (!field.media_types.is_empty()).then(|| field.media_types.join(","));
    let change = {
        let pointer = pointer.clone();
        move |ev: leptos::ev::Event| {
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            let value = file.map_or(Value::Null, |file| {
                // Sizes of real files are whole numbers far below 2^53.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let size = file.size() as u64;
                json!({"name": file.name(), "media_type": file.type_(), "size": size})
            });
            state.set(&pointer, value);
            state.touch(&pointer);
        }
    };
    let answer = state.answer_memo(pointer.clone());
    let chosen = {
        move || {
            let file = answer.get()?;
            let name = file.get("name")?.as_str()?.to_owned();
            let size = file.get("size").and_then(Value::as_u64).unwrap_or(0);
            let lang = state.lang.get();
            Some(view! {
                <p class="chosen-file">
                    {state.text("file-chosen")}" "
                    <strong>
                        {crate::i18n::t_args(
                            &lang,
                            "file-with-size",
                            &[("name", &name), ("size", &format::file_size(&lang, size))],
                        )}
                    </strong>
                </p>
            })
        }
    };
    view! {
        <div class="field" class:has-error=described.has_error()>
            <label for=described.id.clone()>{label_text(&state, &field)}</label>
            {described.texts(&state, &field)}
            {chosen}
            <input
                type="file"
                id=described.id.clone()
                name=pointer.clone()
                accept=accept
                aria-describedby=described.ids()
                aria-invalid=described.invalid()
                on:change=change
            />
        </div>
    }
}
