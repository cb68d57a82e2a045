//! What the applicant sees once the server has accepted the submission.

use leptos::html;
use leptos::prelude::*;

use crate::api::Receipt;
use crate::i18n::t;

/// The reference number and what happens next; focus moves here so it is announced.
#[component]
pub fn Confirmation(
    /// The server's answer.
    receipt: Receipt,
    /// The language chosen.
    lang: RwSignal<String>,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            // Focus can only fail on a detached element; then there is nothing to do.
            let _ = panel.focus();
        }
    });
    view! {
        <div class="panel" tabindex="-1" node_ref=panel>
            <h2>{move || t(&lang.get(), "submitted-title")}</h2>
            <p>{move || t(&lang.get(), "submitted-reference")}</p>
            <p class="reference">{receipt.reference}</p>
        </div>
        <p>{move || t(&lang.get(), "submitted-next")}</p>
    }
}
