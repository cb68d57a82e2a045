//! The app's texts: forms-core's messages plus `i18n/<lang>/web.ftl`, embedded in the binary.

use std::sync::OnceLock;

use forms_core::Localizer;
use forms_core::i18n::{CORE_FTL, LANGUAGES};

const WEB_FTL: [(&str, &str); 4] = [
    ("bg", include_str!("../../i18n/bg/web.ftl")),
    ("en", include_str!("../../i18n/en/web.ftl")),
    ("pl", include_str!("../../i18n/pl/web.ftl")),
    ("az", include_str!("../../i18n/az/web.ftl")),
];

/// All texts, parsed once.
pub fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(|| {
        // The sources are embedded and every `i18n/*/*.ftl` is parsed by forms-core's tests, so
        // this cannot fail in a build that passed them. Should it, the page shows message ids
        // rather than nothing, and the browser carries no code to format Fluent's errors.
        Localizer::new(CORE_FTL.into_iter().chain(WEB_FTL)).unwrap_or_else(|_| Localizer::empty())
    })
}

/// The text of `key` in `lang`.
pub fn t(lang: &str, key: &str) -> String {
    localizer().text(lang, key, None)
}

/// The language the person asked for: `?lang=` in the address, else the browser's language;
/// `None` when neither is one the runtime speaks.
pub fn requested_language() -> Option<String> {
    let window = web_sys::window()?;
    let known = |tag: &str| {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        LANGUAGES
            .iter()
            .find(|l| l.eq_ignore_ascii_case(primary))
            .map(|l| (*l).to_owned())
    };
    let search = window.location().search().unwrap_or_default();
    let from_query = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(known);
    from_query.or_else(|| window.navigator().language().as_deref().and_then(known))
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
