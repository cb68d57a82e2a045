//! The error summary at the top of a failed step or review (the GOV.UK Design System pattern).

use leptos::prelude::*;

use super::state::field_element_id;

/// The id of the summary, which takes focus when it appears.
pub const SUMMARY_ID: &str = "error-summary";

/// A heading and one link per error; a link calls `on_select` with the answer's pointer (the
/// form moves to its step and focuses it).
#[component]
pub fn ErrorSummary(
    /// (pointer of the answer, message) for each error.
    items: Signal<Vec<(String, String)>>,
    /// The heading, in the chosen language.
    title: Signal<String>,
    /// Called with the pointer of the chosen error.
    on_select: Callback<String>,
) -> impl IntoView {
    let links = move || {
        items
            .get()
            .into_iter()
            .map(|(pointer, message)| {
                let href = format!("#{}", field_element_id(&pointer));
                let click = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    on_select.run(pointer.clone());
                };
                view! { <li><a href=href on:click=click>{message}</a></li> }
            })
            .collect_view()
    };
    view! {
        <div class="error-summary" id=SUMMARY_ID tabindex="-1" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{title}</h2>
            <ul>{links}</ul>
        </div>
    }
}
