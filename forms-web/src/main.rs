//! forms-web: the citizen's side of the eForms runtime, a Leptos app compiled to WebAssembly.
//!
//! It fetches a form definition from the server, renders it, and validates every keystroke with
//! forms-core, the same code the server runs again on submission.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod prerender;
mod session;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
