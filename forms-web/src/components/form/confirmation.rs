//! What the applicant sees once the server has accepted the submission.

use leptos::html;
use leptos::prelude::*;

use crate::api::Receipt;
use crate::components::status::pay_button::PayButton;
use crate::i18n::tr;
use crate::session;

/// Tells the page (and, through frame.js, a portal framing it) that the application is in:
/// a `forms:submitted` event on window, `detail: {reference}`.
fn announce_submitted(reference: &str) {
    session::announce_event(
        "forms:submitted",
        &[("reference", wasm_bindgen::JsValue::from_str(reference))],
    );
}

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
    session::keep(&receipt.reference, &receipt.access_token);
    announce_submitted(&receipt.reference);
    let fee = (receipt.next["type"] == "payment").then(|| {
        let fee = receipt.next["fee"].clone();
        move || crate::format::fee(&lang.get(), &fee).unwrap_or_default()
    });
    // Inside a portal's frame the status page stays embedded.
    let embedded = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("embed=1"));
    let status_link = format!(
        "/s/{}?lang={}{}",
        receipt.reference,
        lang.get_untracked(),
        if embedded { "&embed=1" } else { "" }
    );
    let pay = fee.map(|fee| {
        let (reference, token) = (receipt.reference.clone(), receipt.access_token.clone());
        view! {
            <p>{tr(lang, "submitted-fee")}" "<strong>{fee}</strong></p>
            <PayButton reference=reference token=token lang=lang />
        }
    });
    view! {
        <div class="panel" tabindex="-1" node_ref=panel>
            <h2>{tr(lang, "submitted-title")}</h2>
            <p>{tr(lang, "submitted-reference")}</p>
            <p class="reference">{receipt.reference.clone()}</p>
        </div>
        <p>{tr(lang, "submitted-next")}</p>
        {pay}
        <p><a href=status_link>{tr(lang, "follow-application")}</a></p>
    }
}
