//! The app: picks the page from the address.

use leptos::prelude::*;

use crate::components::form::form_page::FormPage;
use crate::components::services::services_page::ServicesPage;

/// The page for the current address: `/f/{form}` fills a form, anything else lists services.
#[component]
pub fn App() -> impl IntoView {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    match path.strip_prefix("/f/").map(|id| id.trim_end_matches('/')) {
        Some(id) if !id.is_empty() => view! { <FormPage id=id.to_owned() /> }.into_any(),
        _ => view! { <ServicesPage /> }.into_any(),
    }
}
