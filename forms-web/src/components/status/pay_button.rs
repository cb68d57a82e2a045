//! The button that sends the applicant to the payment provider.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::api;
use crate::i18n::tr;

/// Posts the provider's form from the top window (also from inside a portal's frame: the
/// payment page is never framed).
fn post_to_provider(redirect: &Value) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let form: web_sys::HtmlFormElement = document.create_element("form").ok()?.dyn_into().ok()?;
    form.set_method("post");
    form.set_action(redirect["url"].as_str()?);
    form.set_target("_top");
    for (name, value) in redirect["fields"].as_object()? {
        let input: web_sys::HtmlInputElement =
            document.create_element("input").ok()?.dyn_into().ok()?;
        input.set_type("hidden");
        input.set_name(name);
        input.set_value(value.as_str().unwrap_or_default());
        form.append_child(&input).ok()?;
    }
    document.body()?.append_child(&form).ok()?;
    form.submit().ok()
}

/// "Pay": asks the server for the payment page and goes there; says so plainly if it cannot.
#[component]
pub fn PayButton(
    /// The submission's reference.
    reference: String,
    /// Its access token.
    token: String,
    /// The language chosen.
    lang: RwSignal<String>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let pay = move |_| {
        if busy.get_untracked() {
            return;
        }
        let (reference, token) = (reference.clone(), token.clone());
        busy.set(true);
        failed.set(false);
        spawn_local(async move {
            let portal = crate::session::portal_page();
            let sent = match api::start_payment(&reference, &token, portal.as_deref()).await {
                Ok(started) => post_to_provider(&started["redirect"]).is_some(),
                Err(_) => false,
            };
            if !sent {
                busy.set(false);
                failed.set(true);
            } else {
                // If the browser did not leave (it may refuse to move a framed page's top window,
                // or bring this page back from its cache), the button works again.
                set_timeout(move || busy.set(false), std::time::Duration::from_secs(8));
            }
        });
    };
    view! {
        <button type="button" class="primary" on:click=pay aria-disabled=move || busy.get().to_string()>
            {tr(lang, "pay-button")}
        </button>
        <p role="alert" class="field-error" hidden=move || !failed.get()>
            {tr(lang, "pay-failed")}
        </p>
    }
}
