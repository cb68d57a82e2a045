//! One entry of a step, drawn by its type while forms-core says it is visible: static content,
//! a group of questions, a repeatable group, a computed value, or a question.

use forms_core::definition::StaticStyle;
use forms_core::{Field, FieldKind, FilledBy};
use leptos::prelude::*;
use serde_json::Value;

use super::choices::ChoicesQuestion;
use super::field_input::{FileQuestion, SelectQuestion, TextQuestion, label_text};
use super::rows::RowsQuestion;
use super::state::{FormState, field_element_id};
use crate::format;
use crate::i18n::{localized, tr};

/// `field` at `pointer`, shown while its `visible_if` holds (its answer is kept meanwhile).
/// Only a change of visibility redraws it, so typing never rebuilds the question being typed in.
#[component]
pub fn FieldView(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let visible = state.visible(pointer.clone());
    move || visible.get().then(|| entry(field.clone(), pointer.clone()))
}

fn entry(field: Field, pointer: String) -> AnyView {
    match field.kind {
        FieldKind::Static => view! { <StaticContent field=field /> }.into_any(),
        FieldKind::Group => view! { <GroupQuestion field=field pointer=pointer /> }.into_any(),
        FieldKind::Repeatable => view! { <RowsQuestion field=field pointer=pointer /> }.into_any(),
        FieldKind::Computed => view! { <ComputedValue field=field pointer=pointer /> }.into_any(),
        FieldKind::Select => view! { <SelectQuestion field=field pointer=pointer /> }.into_any(),
        FieldKind::Radio | FieldKind::YesNo => {
            view! { <ChoicesQuestion field=field pointer=pointer multiple=false /> }.into_any()
        }
        FieldKind::Checkboxes => {
            view! { <ChoicesQuestion field=field pointer=pointer multiple=true /> }.into_any()
        }
        FieldKind::File => view! { <FileQuestion field=field pointer=pointer /> }.into_any(),
        _ => view! { <TextQuestion field=field pointer=pointer /> }.into_any(),
    }
}

/// A sub-heading, a paragraph or a link (which opens in a new tab, so the form stays open).
#[component]
fn StaticContent(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let content = field.content.clone().unwrap_or_default();
    let text = localized(state.lang, content);
    match field.style.unwrap_or_default() {
        StaticStyle::Heading => view! { <h3>{text}</h3> }.into_any(),
        StaticStyle::Paragraph => view! { <p>{text}</p> }.into_any(),
        StaticStyle::Link => view! {
            <p>
                <a href=field.href.clone().unwrap_or_default() target="_blank" rel="noopener noreferrer">
                    {text}" "{tr(state.lang, "opens-new-tab")}
                </a>
            </p>
        }
        .into_any(),
    }
}

/// Questions kept together, under their legend.
#[component]
fn GroupQuestion(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let hint_id = field
        .hint
        .as_ref()
        .map(|_| format!("{}-hint", field_element_id(&pointer)));
    let hint = field.hint.clone().zip(hint_id.clone()).map(|(hint, id)| {
        view! { <p class="hint" id=id>{localized(state.lang, hint)}</p> }
    });
    let questions = field
        .fields
        .iter()
        .filter(|f| f.filled_by == FilledBy::Applicant)
        .map(|f| {
            let pointer = format!("{pointer}/{}", f.key);
            view! { <FieldView field=f.clone() pointer=pointer /> }
        })
        .collect_view();
    view! {
        <fieldset class="group" aria-describedby=hint_id>
            <legend>{label_text(&state, &field)}</legend>
            {hint}
            {questions}
        </fieldset>
    }
}

/// A value computed from the other answers, updated as they change (not announced: it would
/// speak on every keystroke).
#[component]
fn ComputedValue(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let label = field.label.clone();
    let value = move || {
        let lang = state.lang.get();
        state.evaluation.with(|e| match e.computed.get(&pointer) {
            Some(Value::Number(n)) => n
                .as_f64()
                .map(|n| format::number(&lang, n, None))
                .unwrap_or_default(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => state.text(if *b { "yes" } else { "no" }),
            _ => String::new(),
        })
    };
    view! {
        <p class="field computed">
            <span class="label">{localized(state.lang, label)}</span>
            " "
            <strong>{value}</strong>
        </p>
    }
}
