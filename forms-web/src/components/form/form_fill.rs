//! Filling a loaded form, as a wizard: one step at a time ("Step 2 of 5"), Continue checks the
//! step with forms-core, then a review of every answer with "Change" links, then the submission.
//! Everything typed is kept in the browser as it is typed (see `drafts`).

use std::sync::Arc;

use forms_core::{CompiledForm, Evaluation, FilledBy, pointer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::confirmation::Confirmation;
use super::drafts::{self, SaveForLater};
use super::error_summary::{ErrorSummary, SUMMARY_ID};
use super::field_view::FieldView;
use super::review::AnswersSummary;
use super::state::{FormState, field_element_id, focus_later};
use crate::api::{self, ApiFailure, Receipt};
use crate::components::layout::page_frame::PageFrame;
use crate::format;
use crate::i18n::{field_error, localized, set_document, t, t_args, t_with, tr};

/// The id of the heading of the step (or review) shown; focus moves there on every move.
const HEADING_ID: &str = "step-heading";

/// Tells the page (and, through frame.js, a portal framing it) which step is shown: a
/// `forms:step` event on window, `detail: {step, index, count}` (`step` is `review` at the end).
fn announce_step(step: &str, index: usize, count: usize) {
    #[allow(clippy::cast_precision_loss)]
    let (index, count) = (index as f64, count as f64);
    crate::session::announce_event(
        "forms:step",
        &[
            ("step", wasm_bindgen::JsValue::from_str(step)),
            ("index", wasm_bindgen::JsValue::from_f64(index)),
            ("count", wasm_bindgen::JsValue::from_f64(count)),
        ],
    );
}

/// Records step `step` in the browser's history: a new entry, or (`new` false) the current one.
fn remember_step(step: usize, new: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    #[allow(clippy::cast_precision_loss)]
    let state = wasm_bindgen::JsValue::from_f64(step as f64);
    let _ = if new {
        history.push_state(&state, "")
    } else {
        history.replace_state(&state, "")
    };
}

/// What the page says above the form: answers restored from this browser or a draft.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Restored {
    /// Nothing restored.
    Nothing,
    /// The answers kept in this browser.
    Kept,
    /// A server draft.
    Draft,
    /// Answers given against an earlier version of the form.
    Older,
    /// The resume link's draft is gone (expired) or never was.
    DraftMissing,
    /// The resume link's draft could not be fetched (network, server): reload to try again.
    DraftUnreachable,
}

impl Restored {
    fn key(self) -> Option<&'static str> {
        Some(match self {
            Restored::Nothing => return None,
            Restored::Kept => "restored-kept",
            Restored::Draft => "restored-draft",
            Restored::Older => "restored-older",
            Restored::DraftMissing => "draft-missing",
            Restored::DraftUnreachable => "draft-unreachable",
        })
    }
}

/// The form, one step at a time, then the review, then the confirmation.
#[component]
pub fn FormFill(
    /// The form, compiled from the definition the server published.
    form: Arc<CompiledForm>,
    /// The language chosen.
    lang: RwSignal<String>,
) -> impl IntoView {
    let definition = Arc::new(form.definition().clone());
    // The applicant's steps, by their index in the definition.
    let steps: Arc<Vec<usize>> = Arc::new(
        definition
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.fields.iter().any(|f| f.filled_by == FilledBy::Applicant))
            .map(|(i, _)| i)
            .collect(),
    );
    let count = steps.len();
    let kept = drafts::kept(&definition);
    let restored = RwSignal::new(match &kept {
        Some(k) if k.older => Restored::Older,
        Some(_) => Restored::Kept,
        None => Restored::Nothing,
    });
    let mut initial = kept.as_ref().map_or_else(
        || Value::Object(pointer::defaults(definition.fields())),
        |k| k.data.clone(),
    );
    // What was typed into the server's first paint of the step, before this app was loaded.
    for (at, value) in crate::prerender::carried() {
        pointer::set(&mut initial, &at, value);
    }
    // Effects run once the step is drawn, before the browser's next event: a keystroke typed
    // meanwhile goes to the app's field, not to nowhere.
    Effect::new(|_| crate::prerender::refocus());
    let state = FormState::new(form.clone(), lang, initial);
    provide_context(state);
    // The position among the applicant's steps; `count` is the review.
    let position = RwSignal::new(kept.as_ref().map_or(0, |k| k.step.min(count)));
    let resume_token = RwSignal::new(kept.and_then(|k| k.resume_token));
    let show_summary = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let receipt = RwSignal::new(None::<Receipt>);

    // A resume link opens the server draft, unless this browser holds the same draft's answers
    // (kept on every change, so never older than the draft).
    if let Some(token) = drafts::resume_token_in_address() {
        if resume_token.get_untracked().as_deref() == Some(token.as_str()) {
            crate::session::clear_fragment();
        } else {
            spawn_local(async move {
                match api::get_draft(&token).await {
                    Ok(draft) => {
                        crate::session::clear_fragment();
                        state.data.set(draft.data);
                        position.set(0);
                        resume_token.set(Some(token));
                        restored.set(if draft.current {
                            Restored::Draft
                        } else {
                            Restored::Older
                        });
                    }
                    Err(ApiFailure::NotFound) => {
                        crate::session::clear_fragment();
                        restored.set(Restored::DraftMissing);
                    }
                    // The link stays in the address: reloading the page tries again.
                    Err(_) => restored.set(Restored::DraftUnreachable),
                }
            });
        }
    }

    // Autosave: every change of the answers or of the step, until the application is sent.
    // Answers that are still the form's defaults are nothing to keep (a form opened and left,
    // or started again).
    Effect::new({
        let definition = definition.clone();
        let untouched = Value::Object(pointer::defaults(definition.fields()));
        move |_| {
            let step = position.get();
            let token = resume_token.get();
            if receipt.with(Option::is_some) {
                return;
            }
            state.data.with(|data| {
                if *data == untouched && token.is_none() {
                    drafts::forget(&definition.id);
                } else {
                    drafts::keep(&definition, data, step, token.as_deref());
                }
            });
        }
    });

    // Set by a "Change" link of the review: Continue then goes back to the review.
    let back_to_review = RwSignal::new(false);
    // Moves to a step (or the review) and puts focus on its heading, as a new page would (or on
    // an answer); the error summary stays when one of its links was followed.
    let go = {
        let steps = steps.clone();
        let definition = definition.clone();
        move |to: usize, focus: Option<String>, keep_summary: bool| {
            if position.get_untracked() != to {
                position.set(to);
                // Each step is a page of the browser's history: its Back button goes back a step.
                remember_step(to, true);
            }
            if !keep_summary {
                show_summary.set(false);
            }
            if to == count {
                back_to_review.set(false);
            }
            state.announcement.set(String::new());
            let id = steps
                .get(to)
                .map_or("review", |&i| definition.steps[i].id.as_str());
            announce_step(id, to, count);
            focus_later(focus.unwrap_or_else(|| HEADING_ID.to_owned()));
        }
    };

    // The browser's Back and Forward move between the steps already visited.
    remember_step(position.get_untracked(), false);
    let _ = window_event_listener(leptos::ev::popstate, move |ev| {
        if receipt.with_untracked(Option::is_some) {
            return;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let to = ev.state().as_f64().map_or(0, |n| n as usize).min(count);
        position.set(to);
        show_summary.set(false);
        focus_later(HEADING_ID.to_owned());
    });

    // From an error or a "Change" link: the answer's step, focus on the answer.
    let go_to_answer = Callback::new({
        let (go, steps, form) = (go.clone(), steps.clone(), form.clone());
        move |pointer: String| {
            let step = form
                .step_of(&pointer)
                .and_then(|i| steps.iter().position(|&s| s == i))
                .unwrap_or(0);
            if position.get_untracked() == count {
                back_to_review.set(true);
            }
            go(step, Some(field_element_id(&pointer)), true);
        }
    });

    let summary_items = Signal::derive({
        let (steps, form, definition) = (steps.clone(), form.clone(), definition.clone());
        move || {
            let lang = lang.get();
            if let Some(ApiFailure::Invalid(errors)) = failure.get() {
                return errors.into_iter().map(|e| (e.path, e.message)).collect();
            }
            let step = steps.get(position.get()).copied();
            state.evaluation.with(|ev| {
                ev.errors
                    .iter()
                    .filter(|e| step.is_none_or(|s| e.is_on_step(&form, s)))
                    .map(|e| (e.path.clone(), field_error(&lang, &definition, e)))
                    .collect::<Vec<_>>()
            })
        }
    });

    // Shows the errors of the step (or of everything, at the review) and focuses the summary.
    let refuse = move || {
        state.touched.update(|t| {
            summary_items.with_untracked(|items| t.extend(items.iter().map(|(p, _)| p.clone())))
        });
        show_summary.set(true);
        focus_later(SUMMARY_ID.to_owned());
    };

    let next = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            failure.set(None);
            if summary_items.with_untracked(Vec::is_empty) {
                let to = if back_to_review.get_untracked() {
                    count
                } else {
                    position.get_untracked() + 1
                };
                go(to, None, false);
            } else {
                refuse();
            }
        }
    };
    let back = {
        let go = go.clone();
        move |_: leptos::ev::MouseEvent| go(position.get_untracked().saturating_sub(1), None, false)
    };

    let submit = {
        let definition = definition.clone();
        move || {
            if sending.get_untracked() {
                return;
            }
            failure.set(None);
            if !state.evaluation.with_untracked(Evaluation::is_valid) {
                refuse();
                return;
            }
            show_summary.set(false);
            sending.set(true);
            let id = definition.id.clone();
            let lang = lang.get_untracked();
            // Only what forms-core keeps: the answers of visible questions, normalised; an
            // answer typed and then hidden by another is never sent.
            let payload = state
                .evaluation
                .with_untracked(|e| Value::Object(e.cleaned.clone()));
            // Sent answers are kept behind no resume link: the server deletes that draft.
            let draft = resume_token.get_untracked();
            spawn_local(async move {
                match api::create_submission(&id, &lang, &payload, draft.as_deref()).await {
                    Ok(answer) => {
                        drafts::forget(&id);
                        receipt.set(Some(answer));
                    }
                    Err(problem) => {
                        let invalid = matches!(problem, ApiFailure::Invalid(_));
                        failure.set(Some(problem));
                        if invalid {
                            refuse();
                        }
                    }
                }
                sending.set(false);
            });
        }
    };

    let problem = {
        let submit = submit.clone();
        move || {
            let key = match failure.get()? {
                ApiFailure::Network => "error-network",
                ApiFailure::Server(_) | ApiFailure::NotFound | ApiFailure::Unusable => {
                    "error-server"
                }
                ApiFailure::Invalid(_) => return None,
            };
            let submit = submit.clone();
            Some(view! {
                <div class="notice" role="alert">
                    <p>{move || t(&lang.get(), key)}</p>
                    <button type="button" class="secondary" on:click=move |_| submit()>
                        {tr(lang, "retry")}
                    </button>
                </div>
            })
        }
    };

    let restored_notice = move || {
        let key = restored.get().key()?;
        Some(view! {
            <div class="notice" role="status">
                <p>{move || t(&lang.get(), key)}</p>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        let form = state.form();
                        state.data.set(Value::Object(pointer::defaults(form.definition().fields())));
                        state.announce(t(&lang.get_untracked(), "started-again"));
                        state.touched.update(std::collections::BTreeSet::clear);
                        resume_token.set(None);
                        restored.set(Restored::Nothing);
                        position.set(0);
                        focus_later(HEADING_ID.to_owned());
                    }
                >
                    {tr(lang, "start-again")}
                </button>
            </div>
        })
    };

    // The document's title names the page and the form, as a new page would; "Error:" first
    // while the error summary shows (the GOV.UK pattern), so a screen reader hears it first.
    Effect::new({
        let (steps, definition) = (steps.clone(), definition.clone());
        move |_| {
            let lang = lang.get();
            let at = position.get();
            let page = if receipt.with(Option::is_some) {
                t(&lang, "submitted-title")
            } else if let Some(&index) = steps.get(at) {
                let step = t_with(&lang, "step-of", &[("number", at + 1), ("count", count)]);
                let name = definition.steps[index].title.get(&lang);
                t_args(&lang, "step-page", &[("step", &step), ("title", name)])
            } else {
                t(&lang, "review-title")
            };
            let form = definition.title.get(&lang);
            let mut title = t_args(&lang, "page-title", &[("page", &page), ("form", form)]);
            if show_summary.get() && !summary_items.with(Vec::is_empty) {
                title = t_args(&lang, "page-title-error", &[("title", &title)]);
            }
            set_document(&lang, &title);
        }
    });

    let summary = move || {
        (show_summary.get() && !summary_items.with(Vec::is_empty)).then(|| {
            view! {
                <ErrorSummary
                    items=summary_items
                    title=Signal::derive(tr(lang, "error-summary-title"))
                    on_select=go_to_answer
                />
            }
        })
    };

    let fee = move || {
        let fee = state.evaluation.with(|e| e.fee.clone())?;
        Some(view! {
            <p class="fee">
                {move || {
                    let lang = lang.get();
                    let amount = format::money(&lang, &fee.amount, &fee.currency);
                    t_args(&lang, "fee-due", &[("amount", &amount)])
                }}
            </p>
        })
    };

    let step_view = {
        let (steps, definition) = (steps.clone(), definition.clone());
        move || {
            let at = position.get();
            let Some(&index) = steps.get(at) else {
                return review_view(lang, go_to_answer, submit.clone(), back.clone(), sending)
                    .into_any();
            };
            let step = definition.steps[index].clone();
            let title = step.title.clone();
            let questions = step
                .fields
                .iter()
                .filter(|f| f.filled_by == FilledBy::Applicant)
                .map(|f| view! { <FieldView field=f.clone() pointer=format!("/{}", f.key) /> })
                .collect_view();
            let back = back.clone();
            view! {
                <form novalidate on:submit=next.clone()>
                    <h2 id=HEADING_ID tabindex="-1">
                        <span class="caption">
                            {move || t_with(&lang.get(), "step-of", &[("number", at + 1), ("count", count)])}
                        </span>
                        {localized(lang, title)}
                    </h2>
                    {questions}
                    <div class="actions">
                        <button type="submit" class="primary">
                            {tr(lang, "continue")}
                        </button>
                        {(at > 0).then(|| view! {
                            <button type="button" class="secondary" on:click=back>
                                {tr(lang, "back")}
                            </button>
                        })}
                    </div>
                </form>
            }
            .into_any()
        }
    };

    let step_names = {
        let (steps, definition) = (steps.clone(), definition.clone());
        move || {
            let at = position.get();
            let lang = lang.get();
            steps
                .iter()
                .enumerate()
                .map(|(i, &index)| {
                    let current = (i == at).then_some("step");
                    view! {
                        <li aria-current=current class:done=i < at>
                            {definition.steps[index].title.get(&lang).to_owned()}
                        </li>
                    }
                })
                .collect_view()
        }
    };

    let title = definition.title.clone();
    let page = move || {
        if let Some(receipt) = receipt.get() {
            return view! {
                <Confirmation receipt=receipt lang=lang />
                <section class="application">
                    <h2>{tr(lang, "your-application")}</h2>
                    <AnswersSummary change=None />
                    <button type="button" class="secondary" on:click=|_| print()>
                        {tr(lang, "print")}
                    </button>
                </section>
            }
            .into_any();
        }
        view! {
            {restored_notice}
            <ol class="steps" aria-label=tr(lang, "steps-label")>{step_names.clone()}</ol>
            {summary}
            {step_view.clone()}
            {fee}
            {problem.clone()}
            <SaveForLater resume_token=resume_token />
        }
        .into_any()
    };

    view! {
        <PageFrame lang=lang languages=definition.languages.clone()>
            <h1>{localized(lang, title)}</h1>
            {page}
            <div class="visually-hidden" role="status" aria-live="polite">
                {move || state.announcement.get()}
            </div>
        </PageFrame>
    }
}

/// Opens the browser's print dialog (the print style sheet leaves the application only).
fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The review: every answer with its "Change" link, then Submit.
fn review_view(
    lang: RwSignal<String>,
    change: Callback<String>,
    submit: impl Fn() + Clone + Send + Sync + 'static,
    back: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    sending: RwSignal<bool>,
) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    view! {
        <form novalidate on:submit=on_submit>
            <h2 id=HEADING_ID tabindex="-1">{tr(lang, "review-title")}</h2>
            <AnswersSummary change=Some(change) />
            <p>{tr(lang, "review-declaration")}</p>
            <div class="actions">
                <button type="submit" class="primary" aria-disabled=move || sending.get().to_string()>
                    {move || t(&lang.get(), if sending.get() { "submitting" } else { "submit" })}
                </button>
                <button type="button" class="secondary" on:click=back>
                    {tr(lang, "back")}
                </button>
            </div>
        </form>
    }
}
