//! Choosing the language among those the page offers.

use leptos::prelude::*;

use crate::i18n::t;

/// One button per language, each named in its own language; the chosen one is pressed.
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
                let name = t(&code, "language-name");
                let pressed = {
                    let code = code.clone();
                    move || (lang.get() == code).to_string()
                };
                let choose = {
                    let code = code.clone();
                    move |_| lang.set(code.clone())
                };
                view! {
                    <li>
                        <button type="button" lang=code aria-pressed=pressed on:click=choose>
                            {name}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="languages" aria-label=move || t(&lang.get(), "language-switcher")>
                <ul>{buttons}</ul>
            </nav>
        }
    })
}
