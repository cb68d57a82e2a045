//! The app's texts. Only the chosen language is loaded: `i18n/<lang>/core.ftl` (forms-core's
//! messages) and `web.ftl` (the app's), which trunk copies into the built app as static files.
//! The wasm binary therefore carries no text at all, and stays small however many messages and
//! languages the runtime grows.
//!
//! A language is always loaded before it is chosen ([`load`] then `lang.set`), so [`t`] can look
//! texts up synchronously.

use std::cell::RefCell;
use std::rc::Rc;

use fluent_bundle::FluentArgs;
use forms_core::i18n::{match_language, query_language};
use forms_core::{Definition, FieldError, LocalizedText, Localizer};
use leptos::prelude::{Get, RwSignal};

use crate::api::{self, ApiFailure};

/// The files that make up a language's messages, under `/i18n/<lang>/`.
const FILES: [&str; 2] = ["core.ftl", "web.ftl"];

thread_local! {
    /// The languages loaded so far, with their messages (the browser runs this on one thread).
    static LOADED: RefCell<Vec<(String, Rc<Localizer>)>> = const { RefCell::new(Vec::new()) };
}

fn localizer(lang: &str) -> Option<Rc<Localizer>> {
    LOADED.with_borrow(|loaded| {
        loaded
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, localizer)| localizer.clone())
    })
}

/// Fetches and parses the messages of `lang`, once.
pub async fn load(lang: &str) -> Result<(), ApiFailure> {
    if localizer(lang).is_some() {
        return Ok(());
    }
    let mut sources = Vec::with_capacity(FILES.len());
    for file in FILES {
        sources.push(api::get_text(&format!("/i18n/{lang}/{file}")).await?);
    }
    // Every `i18n/*/*.ftl` is parsed by forms-core's tests, so a served file fails to parse only
    // if the server sends something else; then this counts as a failed load.
    let localizer = Localizer::new(sources.iter().map(|source| (lang, source.as_str())))
        .map_err(|_| ApiFailure::Unusable)?;
    LOADED.with_borrow_mut(|loaded| loaded.push((lang.to_owned(), Rc::new(localizer))));
    Ok(())
}

/// The text of `key` in `lang`; the key itself if that language is not loaded.
pub fn t(lang: &str, key: &str) -> String {
    localizer(lang).map_or_else(|| key.to_owned(), |l| l.text(lang, key, None))
}

/// The text of `key` in the chosen language, following the choice. Every text of the app is
/// drawn through this one closure type, so that a text costs no code of its own in the wasm.
pub fn tr(
    lang: RwSignal<String>,
    key: &'static str,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || t(&lang.get(), key)
}

/// A text of the definition (a label, a hint, a title) in the chosen language, following it;
/// one closure type for all, as [`tr`].
pub fn localized(
    lang: RwSignal<String>,
    text: LocalizedText,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || text.get(&lang.get()).to_owned()
}

/// The text of `key` in `lang` with numbers in it (`{ $number }`).
pub fn t_with(lang: &str, key: &str, numbers: &[(&'static str, usize)]) -> String {
    let mut args = FluentArgs::new();
    for &(name, value) in numbers {
        args.set(name, value);
    }
    localizer(lang).map_or_else(|| key.to_owned(), |l| l.text(lang, key, Some(&args)))
}

/// The text of `key` in `lang` with texts in it (`{ $name }`).
pub fn t_args(lang: &str, key: &str, texts: &[(&'static str, &str)]) -> String {
    let mut args = FluentArgs::new();
    for &(name, value) in texts {
        args.set(name, value.to_owned());
    }
    localizer(lang).map_or_else(|| key.to_owned(), |l| l.text(lang, key, Some(&args)))
}

/// The message of a validation error from forms-core, in `lang`.
pub fn field_error(lang: &str, definition: &Definition, error: &FieldError) -> String {
    localizer(lang).map_or_else(
        || error.code.message_key().to_owned(),
        |l| l.field_error(lang, definition, error),
    )
}

/// The language the person asked for: `?lang=` in the address, else the browser's language;
/// `None` when neither is one the runtime speaks.
pub fn requested_language() -> Option<String> {
    let window = web_sys::window()?;
    let search = window.location().search().unwrap_or_default();
    query_language(&search)
        .or_else(|| {
            window
                .navigator()
                .language()
                .as_deref()
                .and_then(match_language)
        })
        .map(str::to_owned)
}

/// Sets the document's language and title, so screen readers and tabs follow the choice.
pub fn set_document(lang: &str, title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            // Ignoring the error is safe: `lang` is a valid attribute name.
            let _ = root.set_attribute("lang", lang);
        }
        document.set_title(title);
    }
}
