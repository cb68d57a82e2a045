//! The form at `/f/{form}`: loads the definition, then hands over to the filling view.

use std::sync::Arc;

use forms_core::CompiledForm;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::form_fill::FormFill;
use crate::api::{self, ApiFailure};
use crate::components::layout::page_frame::PageFrame;
use crate::i18n::{self, set_document, t, tr};
use crate::prerender;

/// Loads form `id` from the server and shows it, or says plainly why it cannot.
#[component]
pub fn FormPage(
    /// The id of the form to fill.
    id: String,
    /// The language chosen; its messages are loaded.
    lang: RwSignal<String>,
) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<Arc<CompiledForm>, ApiFailure>>);
    let load = move || {
        let id = id.clone();
        spawn_local(async move {
            // The server only publishes definitions that compile; one that does not (a server
            // of another version) cannot be filled here.
            let result = api::get_form(&id).await.and_then(|definition| {
                forms_core::compile(definition)
                    .map(Arc::new)
                    .map_err(|_| ApiFailure::Unusable)
            });
            if let Ok(form) = &result {
                // Show the form in a language it offers: the one asked for, else its default.
                let chosen = form.definition().language(&lang.get_untracked()).to_owned();
                if i18n::load(&chosen).await.is_ok() {
                    lang.set(chosen);
                }
            }
            loaded.set(Some(result));
        });
    };
    load();
    // A loaded form titles the document itself, by step (see `FormFill`).
    Effect::new(move |_| {
        let lang = lang.get();
        // While the server's first paint shows, its title (the form's) stays.
        if !loaded.with(|l| matches!(l, Some(Ok(_)))) && !prerender::shown() {
            set_document(&lang, &t(&lang, "site-name"));
        }
    });
    // Once the form (or the reason it cannot be shown) is drawn, the page is the app's.
    Effect::new(move |_| {
        if loaded.with(Option::is_some) {
            prerender::mark_ready();
        }
    });
    // Only `loaded` is read here, so changing the language never rebuilds the form (and never
    // loses what was typed): the texts inside follow `lang` on their own.
    move || match loaded.get() {
        Some(Ok(form)) => view! { <FormFill form=form lang=lang /> }.into_any(),
        Some(Err(ApiFailure::NotFound)) => {
            prerender::take();
            view! {
            <PageFrame lang=lang languages=Vec::new()>
                <h1>{tr(lang, "form-not-found")}</h1>
                <p><a href="/">{tr(lang, "back-to-services")}</a></p>
            </PageFrame>
            }
            .into_any()
        }
        Some(Err(_)) => {
            prerender::take();
            let load = load.clone();
            view! {
                <PageFrame lang=lang languages=Vec::new()>
                    <h1>{tr(lang, "load-failed")}</h1>
                    <button type="button" class="primary" on:click=move |_| load()>
                        {tr(lang, "retry")}
                    </button>
                </PageFrame>
            }
            .into_any()
        }
        // The server's first paint of the form stays until the form replaces it.
        None if prerender::shown() => ().into_any(),
        None => view! {
            <PageFrame lang=lang languages=Vec::new()>
                <p role="status">{tr(lang, "loading")}</p>
            </PageFrame>
        }
        .into_any(),
    }
}
