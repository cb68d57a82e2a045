//! A repeatable group: rows of the same questions, added, removed and moved with buttons that
//! the keyboard reaches; each change moves focus somewhere sensible and is announced.

use forms_core::{Field, FilledBy, pointer};
use leptos::prelude::*;
use serde_json::Value;

use super::field_input::{Described, label_text};
use super::field_view::FieldView;
use super::state::{FormState, field_element_id, focus_later};
use crate::i18n::{t_with, tr};

/// What a row's button does.
#[derive(Debug, Clone, Copy)]
enum RowAction {
    Up,
    Down,
    Remove,
}

impl RowAction {
    /// The suffix of the button's id and the key of its label.
    fn name(self) -> &'static str {
        match self {
            RowAction::Up => "up",
            RowAction::Down => "down",
            RowAction::Remove => "remove",
        }
    }
}

fn button_id(row: &str, action: RowAction) -> String {
    format!("{}--{}", field_element_id(row), action.name())
}

/// The rows of a repeatable group, with Add another, and Move up / Move down / Remove per row.
#[component]
pub fn RowsQuestion(field: Field, pointer: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let described = Described::new(&state, &field, &pointer);
    let count = {
        let pointer = pointer.clone();
        Memo::new(move |_| state.data.with(|d| pointer::row_count(d, &pointer)))
    };
    let fields: Vec<Field> = field
        .fields
        .iter()
        .filter(|f| f.filled_by == FilledBy::Applicant)
        .cloned()
        .collect();
    // A required group keeps at least one row, as it starts with one.
    let least = field.min_items.unwrap_or(u32::from(field.required)) as usize;
    let most = field.max_items.map_or(usize::MAX, |n| n as usize);
    let first_input = fields
        .iter()
        .find(|f| f.kind.is_input())
        .map(|f| f.key.clone());
    let add_id = described.id.clone();

    let act = {
        let (pointer, add_id) = (pointer.clone(), add_id.clone());
        move |index: usize, action: RowAction| {
            let lang = state.lang.get_untracked();
            let (target, renumber): (usize, Box<dyn Fn(usize) -> Option<usize>>) = match action {
                RowAction::Up => (
                    index - 1,
                    Box::new(move |i| Some(swap(i, index, index - 1))),
                ),
                RowAction::Down => (
                    index + 1,
                    Box::new(move |i| Some(swap(i, index, index + 1))),
                ),
                RowAction::Remove => (
                    index,
                    Box::new(move |i| match i {
                        i if i == index => None,
                        i if i > index => Some(i - 1),
                        i => Some(i),
                    }),
                ),
            };
            state.data.update(|d| {
                if let Some(rows) = pointer::rows_mut(d, &pointer) {
                    match action {
                        RowAction::Remove => {
                            rows.remove(index);
                        }
                        _ => rows.swap(index, target),
                    }
                }
            });
            state
                .touched
                .update(|t| pointer::renumber_rows(t, &pointer, &renumber));
            let (key, numbers, focus) = match action {
                RowAction::Remove => ("row-removed", vec![("number", index + 1)], add_id.clone()),
                _ => {
                    // The same button of the moved row, or its other one at the end of the list.
                    let rows = count.get_untracked();
                    let stays = match action {
                        RowAction::Up => target > 0,
                        _ => target + 1 < rows,
                    };
                    let other = match action {
                        RowAction::Up => RowAction::Down,
                        _ => RowAction::Up,
                    };
                    let row = format!("{pointer}/{target}");
                    let focus = button_id(&row, if stays { action } else { other });
                    (
                        "row-moved",
                        vec![("from", index + 1), ("to", target + 1)],
                        focus,
                    )
                }
            };
            state.announce(t_with(&lang, key, &numbers));
            focus_later(focus);
        }
    };

    let add = {
        let (pointer, fields) = (pointer.clone(), fields.clone());
        move |_: leptos::ev::MouseEvent| {
            let index = count.get_untracked();
            state.data.update(|d| {
                if let Some(rows) = pointer::rows_mut(d, &pointer) {
                    rows.push(Value::Object(pointer::defaults(&fields)));
                }
            });
            let lang = state.lang.get_untracked();
            state.announce(t_with(&lang, "row-added", &[("number", index + 1)]));
            if let Some(key) = &first_input {
                focus_later(field_element_id(&format!("{pointer}/{index}/{key}")));
            }
        }
    };

    let rows = {
        let pointer = pointer.clone();
        move || {
            let rows = count.get();
            (0..rows)
                .map(|index| {
                    let row = format!("{pointer}/{index}");
                    let questions = fields
                        .iter()
                        .map(|f| {
                            let pointer = format!("{row}/{}", f.key);
                            view! { <FieldView field=f.clone() pointer=pointer /> }
                        })
                        .collect_view();
                    let enabled = [
                        (RowAction::Up, index > 0),
                        (RowAction::Down, index + 1 < rows),
                        (RowAction::Remove, rows > least),
                    ];
                    let buttons = enabled
                        .into_iter()
                        .filter(|(_, enabled)| *enabled)
                        .map(|(action, _)| {
                            let act = act.clone();
                            let key = format!("row-{}", action.name());
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    id=button_id(&row, action)
                                    on:click=move |_| act(index, action)
                                >
                                    {move || t_with(&state.lang.get(), &key, &[("number", index + 1)])}
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="row">
                            <legend>
                                {move || t_with(&state.lang.get(), "row-title", &[("number", index + 1)])}
                            </legend>
                            {questions}
                            <div class="row-actions">{buttons}</div>
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <fieldset
            class="field rows"
            class:has-error=described.has_error()
            aria-describedby=described.ids()
        >
            <legend>{label_text(&state, &field)}</legend>
            {described.texts(&state, &field)}
            {rows}
            <Show when=move || { count.get() < most }>
                <button type="button" class="secondary" id=add_id.clone() on:click=add.clone()>
                    {tr(state.lang, "row-add")}
                </button>
            </Show>
        </fieldset>
    }
}

/// Where row `i` goes when rows `a` and `b` change places.
fn swap(i: usize, a: usize, b: usize) -> usize {
    if i == a {
        b
    } else if i == b {
        a
    } else {
        i
    }
}
