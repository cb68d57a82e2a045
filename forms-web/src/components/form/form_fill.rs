//! Filling a loaded form: answers, live validation by forms-core, submission.

use std::collections::BTreeSet;
use std::sync::Arc;

use forms_core::{CompiledForm, Context, Date, Evaluation, FilledBy};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};

use super::confirmation::Confirmation;
use super::error_summary::ErrorSummary;
use super::field_input::{FieldInput, field_element_id};
use crate::api::{self, ApiFailure, Receipt};
use crate::components::layout::page_frame::PageFrame;
use crate::i18n::{field_error, t};

/// Moves focus to `target` once the browser has drawn it.
fn focus_later(target: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(element) = target.get_untracked() {
            // Focus can only fail on a detached element; then there is nothing to do.
            let _ = element.focus();
        }
    });
}

/// Today in the browser's time zone, for date bounds such as `today-18y`.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    // The browser's calendar always gives a real date; the fallback is never used.
    i32::try_from(now.get_full_year())
        .ok()
        .and_then(|year| Date::new(year, now.get_month() + 1, now.get_date()))
        .or_else(|| Date::parse("2026-01-01"))
        .unwrap_or_else(|| unreachable!())
}

/// The form with every step's questions. Errors show once a field has been touched (typed in or
/// left) and go away as soon as the answer is valid; a failed submission shows the error summary.
#[component]
pub fn FormFill(
    /// The form, compiled from the definition the server published.
    form: Arc<CompiledForm>,
    /// The language chosen.
    lang: RwSignal<String>,
) -> impl IntoView {
    let definition = Arc::new(form.definition().clone());
    let data = RwSignal::new(Value::Object(Map::new()));
    let touched = RwSignal::new(BTreeSet::<String>::new());
    let evaluation: Memo<Evaluation> = Memo::new(move |_| {
        let context = Context {
            today: today(),
            lang: lang.get(),
        };
        data.with(|data| forms_core::evaluate(&form, data, &context))
    });
    let show_summary = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let receipt = RwSignal::new(None::<Receipt>);
    let summary_ref = NodeRef::<html::Div>::new();

    let summary_items = Signal::derive({
        let definition = definition.clone();
        move || {
            let lang = lang.get();
            if let Some(ApiFailure::Invalid(errors)) = failure.get() {
                return errors
                    .into_iter()
                    .map(|e| (field_element_id(e.path.trim_start_matches('/')), e.message))
                    .collect();
            }
            evaluation.with(|ev| {
                ev.errors
                    .iter()
                    .map(|e| {
                        let id = field_element_id(e.path.trim_start_matches('/'));
                        (id, field_error(&lang, &definition, e))
                    })
                    .collect::<Vec<_>>()
            })
        }
    });

    let render_steps = {
        let definition = definition.clone();
        move || {
            definition
                .steps
                .iter()
                // A step only the administration fills is not the applicant's to see.
                .filter(|step| {
                    step.fields
                        .iter()
                        .any(|f| f.filled_by == FilledBy::Applicant)
                })
                .map(|step| {
                    let heading_id = format!("step-{}", step.id);
                    let labelled_by = heading_id.clone();
                    let title = step.title.clone();
                    let fields = step
                        .fields
                        .iter()
                        .filter(|field| field.filled_by == FilledBy::Applicant)
                        .map(|field| {
                            let key = field.key.clone();
                            let value = Signal::derive({
                                let key = key.clone();
                                move || {
                                    data.with(|d| {
                                        d.get(&key).and_then(Value::as_str).unwrap_or("").to_owned()
                                    })
                                }
                            });
                            let error = Signal::derive({
                                let key = key.clone();
                                let definition = definition.clone();
                                let path = format!("/{key}");
                                move || {
                                    if !touched.with(|t| t.contains(&key)) {
                                        return None;
                                    }
                                    let lang = lang.get();
                                    evaluation.with(|ev| {
                                        ev.error_at(&path)
                                            .map(|e| field_error(&lang, &definition, e))
                                    })
                                }
                            });
                            let on_input = Callback::new({
                                let key = key.clone();
                                move |text: String| {
                                    data.update(|d| {
                                        if let Value::Object(map) = d {
                                            map.insert(key.clone(), Value::String(text));
                                        }
                                    });
                                    touched.update(|t| {
                                        t.insert(key.clone());
                                    });
                                }
                            });
                            let on_blur = Callback::new(move |()| {
                                touched.update(|t| {
                                    t.insert(key.clone());
                                });
                            });
                            view! {
                                <FieldInput
                                    field=field.clone()
                                    lang=lang
                                    value=value
                                    error=error
                                    on_input=on_input
                                    on_blur=on_blur
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <section aria-labelledby=labelled_by>
                            <h2 id=heading_id>{move || title.get(&lang.get()).to_owned()}</h2>
                            {fields}
                        </section>
                    }
                })
                .collect_view()
        }
    };

    let on_submit = {
        let definition = definition.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            touched.update(|t| t.extend(definition.fields().map(|f| f.key.clone())));
            failure.set(None);
            if !evaluation.with_untracked(Evaluation::is_valid) {
                show_summary.set(true);
                focus_later(summary_ref);
                return;
            }
            show_summary.set(false);
            sending.set(true);
            let id = definition.id.clone();
            let lang = lang.get_untracked();
            let payload = data.get_untracked();
            spawn_local(async move {
                match api::create_submission(&id, &lang, &payload).await {
                    Ok(answer) => receipt.set(Some(answer)),
                    Err(problem) => {
                        if matches!(problem, ApiFailure::Invalid(_)) {
                            show_summary.set(true);
                            focus_later(summary_ref);
                        }
                        failure.set(Some(problem));
                    }
                }
                sending.set(false);
            });
        }
    };

    let problem = move || {
        let key = match failure.get()? {
            ApiFailure::Network => "error-network",
            ApiFailure::Server(_) | ApiFailure::NotFound | ApiFailure::Unusable => "error-server",
            ApiFailure::Invalid(_) => return None,
        };
        Some(view! { <div class="notice" role="alert">{move || t(&lang.get(), key)}</div> })
    };

    let title = definition.title.clone();
    let form = move || {
        if let Some(receipt) = receipt.get() {
            return view! { <Confirmation receipt=receipt lang=lang /> }.into_any();
        }
        view! {
            <form novalidate on:submit=on_submit.clone()>
                <Show when=move || show_summary.get() && !summary_items.with(Vec::is_empty)>
                    <ErrorSummary items=summary_items lang=lang summary_ref=summary_ref />
                </Show>
                {render_steps()}
                {problem}
                <button type="submit" class="primary" disabled=move || sending.get()>
                    {move || t(&lang.get(), if sending.get() { "submitting" } else { "submit" })}
                </button>
            </form>
        }
        .into_any()
    };

    view! {
        <PageFrame lang=lang languages=definition.languages.clone()>
            <h1>{move || title.get(&lang.get()).to_owned()}</h1>
            {form}
        </PageFrame>
    }
}
