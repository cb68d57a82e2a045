//! The frame of every page: skip link, header with the language switcher, and `<main>`.

use leptos::prelude::*;

use super::language_switcher::LanguageSwitcher;
use crate::i18n::tr;

/// Wraps a page's content in the site's landmarks.
#[component]
pub fn PageFrame(
    /// The language chosen; the switcher changes it.
    lang: RwSignal<String>,
    /// The languages this page can be shown in.
    languages: Vec<String>,
    /// The page's content.
    children: Children,
) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">
            {tr(lang, "skip-to-content")}
        </a>
        <header class="site-header">
            <a class="brand" href=move || format!("/?lang={}", lang.get())>
                {tr(lang, "site-name")}
            </a>
            <LanguageSwitcher lang=lang languages=languages />
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
    }
}
