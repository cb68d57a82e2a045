//! What every question of a form being filled shares: the answers, which ones the person has
//! been to, the evaluation by forms-core, the language; given to the fields as Leptos context.

use std::collections::BTreeSet;
use std::sync::Arc;

use forms_core::{CompiledForm, Context, Date, Evaluation, pointer};
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{field_error, t};

/// Today in the browser's time zone, for date bounds such as `today-18y`.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    // The browser's calendar always gives a real date; the fallback is never used.
    i32::try_from(now.get_full_year())
        .ok()
        .and_then(|year| Date::new(year, now.get_month() + 1, now.get_date()))
        .or_else(|| Date::parse("2026-01-01"))
        .unwrap_or_else(|| unreachable!())
}

pub use forms_core::html::field_element_id;

/// Moves focus to the element with `id` once the browser has drawn it.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(element) =
            element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            // Focus can only fail on a detached element; then there is nothing to do.
            let _ = element.focus();
        }
    });
}

/// An answer as text (`""` when there is none, or it is not text), for a control's value.
pub fn answer_text(answer: &Option<Value>) -> &str {
    answer.as_ref().and_then(Value::as_str).unwrap_or("")
}

/// The shared state of the form being filled.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// The form, compiled from the definition the server published.
    pub form: StoredValue<Arc<CompiledForm>>,
    /// The language chosen.
    pub lang: RwSignal<String>,
    /// The answers so far.
    pub data: RwSignal<Value>,
    /// The answers the person has left (or tried to go on from): their errors show.
    pub touched: RwSignal<BTreeSet<String>>,
    /// forms-core's verdict on the answers, recomputed on every change.
    pub evaluation: Memo<Evaluation>,
    /// What the polite live region says (rows added, removed, moved).
    pub announcement: RwSignal<String>,
}

impl FormState {
    /// The state of a new filling of `form`, starting from `data`.
    pub fn new(form: Arc<CompiledForm>, lang: RwSignal<String>, data: Value) -> Self {
        let data = RwSignal::new(data);
        let evaluated = form.clone();
        let evaluation = Memo::new(move |_| {
            let context = Context {
                today: today(),
                lang: lang.get(),
            };
            data.with(|data| forms_core::evaluate(&evaluated, data, &context))
        });
        Self {
            form: StoredValue::new(form),
            lang,
            data,
            touched: RwSignal::new(BTreeSet::new()),
            evaluation,
            announcement: RwSignal::new(String::new()),
        }
    }

    /// The compiled form.
    pub fn form(&self) -> Arc<CompiledForm> {
        self.form.get_value()
    }

    /// The app's text `key` in the chosen language (tracked).
    pub fn text(&self, key: &str) -> String {
        t(&self.lang.get(), key)
    }

    /// A memo of the answer at `pointer`: it changes only when this answer does, so a control
    /// is not updated on every keystroke elsewhere in the form.
    pub fn answer_memo(&self, pointer: String) -> Memo<Option<Value>> {
        let data = self.data;
        Memo::new(move |_| data.with(|d| pointer::get(d, &pointer).cloned()))
    }

    /// Says `text` in the polite live region, even when it is what was said last (emptied
    /// first, then set once the browser has drawn the empty region).
    pub fn announce(&self, text: String) {
        let announcement = self.announcement;
        announcement.set(String::new());
        request_animation_frame(move || announcement.set(text));
    }

    /// Changes the answer at `pointer` (`Null` takes it out).
    pub fn set(&self, pointer: &str, value: Value) {
        self.data.update(|d| pointer::set(d, pointer, value));
    }

    /// Marks the answer at `pointer` as visited: its error shows from now on.
    pub fn touch(&self, pointer: &str) {
        if !self.touched.with_untracked(|t| t.contains(pointer)) {
            self.touched.update(|t| {
                t.insert(pointer.to_owned());
            });
        }
    }

    /// A memo of whether the field at `pointer` is shown; it changes only when visibility does,
    /// so a field is not redrawn (and does not lose focus) on every keystroke.
    pub fn visible(&self, pointer: String) -> Memo<bool> {
        let evaluation = self.evaluation;
        Memo::new(move |_| evaluation.with(|e| e.is_visible(&pointer)))
    }

    /// The error message to show at `pointer`, once the person has been there.
    pub fn error(&self, pointer: String) -> Signal<Option<String>> {
        let state = *self;
        Signal::derive(move || {
            if !state.touched.with(|t| t.contains(&pointer)) {
                return None;
            }
            let lang = state.lang.get();
            let form = state.form();
            state.evaluation.with(|ev| {
                ev.error_at(&pointer)
                    .map(|e| field_error(&lang, form.definition(), e))
            })
        })
    }
}
