//! The error summary at the top of a failed step (the GOV.UK Design System pattern).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::t;

/// Moves focus to the element with `id` (an input), scrolling it into view.
fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        // Focus can only fail on a detached element; then there is nothing to do.
        let _ = element.focus();
    }
}

/// A heading and one link per error; each link moves focus to its field.
#[component]
pub fn ErrorSummary(
    /// (id of the input, message) for each error.
    items: Signal<Vec<(String, String)>>,
    /// The language chosen.
    lang: RwSignal<String>,
    /// Lets the form move focus here when a submission fails.
    summary_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let links = move || {
        items
            .get()
            .into_iter()
            .map(|(id, message)| {
                let href = format!("#{id}");
                let click = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    focus_element(&id);
                };
                view! { <li><a href=href on:click=click>{message}</a></li> }
            })
            .collect_view()
    };
    view! {
        <div
            class="error-summary"
            tabindex="-1"
            aria-labelledby="error-summary-title"
            node_ref=summary_ref
        >
            <h2 id="error-summary-title">{move || t(&lang.get(), "error-summary-title")}</h2>
            <ul>{links}</ul>
        </div>
    }
}
