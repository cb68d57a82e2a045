//! The services list at `/`.

use forms_core::i18n::LANGUAGES;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure, FormSummary};
use crate::components::layout::page_frame::PageFrame;
use crate::format;
use crate::i18n::{localized, set_document, t, tr};

/// Lists every published form with its description, linking to the form in the chosen language.
#[component]
pub fn ServicesPage(
    /// The language chosen; its messages are loaded.
    lang: RwSignal<String>,
) -> impl IntoView {
    let forms = RwSignal::new(None::<Result<Vec<FormSummary>, ApiFailure>>);
    spawn_local(async move { forms.set(Some(api::list_forms().await)) });
    Effect::new(move |_| {
        let lang = lang.get();
        set_document(&lang, &t(&lang, "services-title"));
    });
    let languages = LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
    let list = move || match forms.get() {
        None => view! { <p>{tr(lang, "loading")}</p> }.into_any(),
        Some(Err(_)) => view! {
            <p class="notice" role="alert">{tr(lang, "load-failed")}</p>
        }
        .into_any(),
        Some(Ok(list)) => {
            let items = list
                .into_iter()
                .map(|form| {
                    let offered = form.languages.clone();
                    let title = form.title.clone();
                    let description = form.description.clone();
                    let fee = form.fee.clone();
                    let href = move || {
                        let chosen = lang.get();
                        let offered = if form.languages.contains(&chosen) {
                            chosen
                        } else {
                            form.languages.first().cloned().unwrap_or(chosen)
                        };
                        format!("/f/{}?lang={offered}", form.id)
                    };
                    let fee = fee.map(|fee| {
                        let text = move || {
                            let lang = lang.get();
                            match &fee.amount {
                                Some(amount) => format!(
                                    "{} {}",
                                    t(&lang, "services-fee"),
                                    format::money(&lang, amount, &fee.currency)
                                ),
                                None => t(&lang, "services-fee-varies"),
                            }
                        };
                        view! { <p class="meta">{text}</p> }
                    });
                    let languages = move || {
                        let lang = lang.get();
                        let names: Vec<String> = offered
                            .iter()
                            .map(|l| t(&lang, &format!("language-{l}")))
                            .collect();
                        format!("{} {}", t(&lang, "services-languages"), names.join(", "))
                    };
                    view! {
                        <li>
                            <a href=href>{localized(lang, title)}</a>
                            {description.map(|d| view! { <p>{localized(lang, d)}</p> })}
                            {fee}
                            <p class="meta">{languages}</p>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="services">{items}</ul> }.into_any()
        }
    };
    view! {
        <PageFrame lang=lang languages=languages>
            <h1>{tr(lang, "services-title")}</h1>
            {list}
        </PageFrame>
    }
}
