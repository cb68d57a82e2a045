//! The app: loads the messages of the person's language, then picks the page from the address.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::form::form_page::FormPage;
use crate::components::services::services_page::ServicesPage;
use crate::components::status::status_page::StatusPage;
use crate::i18n;

/// The page for the current address: `/f/{form}` fills a form, `/s/{reference}` follows an
/// application, anything else lists services.
/// Nothing is drawn until the first language's messages are in, so no message id ever shows.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(String::new());
    let wanted = i18n::requested_language().unwrap_or_else(|| "bg".to_owned());
    spawn_local(async move {
        // If even this fails (server gone), the pages still work and show message ids; the
        // form's own texts come from its definition.
        let _ = i18n::load(&wanted).await;
        lang.set(wanted);
    });
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let page = move || {
        if let Some(id) = path.strip_prefix("/f/").map(|id| id.trim_end_matches('/'))
            && !id.is_empty()
        {
            return view! { <FormPage id=id.to_owned() lang=lang /> }.into_any();
        }
        if let Some(reference) = path.strip_prefix("/s/").map(|r| r.trim_end_matches('/'))
            && !reference.is_empty()
        {
            return view! { <StatusPage reference=reference.to_owned() lang=lang /> }.into_any();
        }
        view! { <ServicesPage lang=lang /> }.into_any()
    };
    view! { <Show when=move || lang.with(|l| !l.is_empty())>{page.clone()}</Show> }
}
