//! Choosing the language among those the page offers.

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::i18n::{self, t, tr};

/// One button per language, each named in its own language (and marked with it, `lang`); the
/// chosen one is pressed.
#[component]
pub fn LanguageSwitcher(
    /// The language chosen.
    lang: RwSignal<String>,
    /// The languages to offer; nothing is shown when there is only one.
    languages: Vec<String>,
) -> impl IntoView {
    (languages.len() > 1).then(|| {
        let buttons = languages
            .into_iter()
            .map(|code| {
                let name_key = format!("language-{code}");
                let pressed = {
                    let code = code.clone();
                    move || (lang.get() == code).to_string()
                };
                // The new language's messages are fetched first, so every text switches at once.
                let choose = {
                    let code = code.clone();
                    move |_| {
                        let code = code.clone();
                        spawn_local(async move {
                            if i18n::load(&code).await.is_ok() {
                                lang.set(code);
                            }
                        });
                    }
                };
                view! {
                    <li>
                        <button type="button" lang=code aria-pressed=pressed on:click=choose>
                            {move || t(&lang.get(), &name_key)}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="languages" aria-label=tr(lang, "language-switcher")>
                <ul>{buttons}</ul>
            </nav>
        }
    })
}
