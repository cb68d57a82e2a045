//! Localisation with Fluent: every text a person reads comes from `i18n/<lang>/*.ftl`.

use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;
use unic_langid::LanguageIdentifier;

use crate::definition::{Definition, FieldKind};
use crate::evaluate::{ErrorCode, FieldError};

/// The languages the runtime speaks; a form offers a subset of them.
pub const LANGUAGES: [&str; 4] = ["bg", "en", "pl", "az"];

/// The language used when a requested one has no text.
pub const FALLBACK: &str = "en";

/// The runtime's language for a language tag (`bg-BG`, `pl`, `EN_gb`), by its primary subtag.
pub fn match_language(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_', ';']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(primary))
        .copied()
}

/// The language asked for by `lang=` in a URL query string (with or without its `?`).
pub fn query_language(query: &str) -> Option<&'static str> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(match_language)
}

/// forms-core's own messages (validation errors), embedded so the browser needs no fetch.
pub const CORE_FTL: [(&str, &str); 4] = [
    ("bg", include_str!("../../i18n/bg/core.ftl")),
    ("en", include_str!("../../i18n/en/core.ftl")),
    ("pl", include_str!("../../i18n/pl/core.ftl")),
    ("az", include_str!("../../i18n/az/core.ftl")),
];

/// Why Fluent sources could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// The language code is not a valid language identifier.
    #[error("{0:?} is not a language identifier")]
    Language(String),
    /// A `.ftl` source has syntax errors.
    #[error("Fluent source for {lang} does not parse: {errors:?}")]
    Syntax {
        /// The language of the source.
        lang: String,
        /// What the parser said.
        errors: Vec<fluent_syntax::parser::ParserError>,
    },
    /// A `.ftl` source defines a message that another source of the language defines too.
    #[error("Fluent sources for {lang} clash: {errors:?}")]
    Clash {
        /// The language of the sources.
        lang: String,
        /// Which messages.
        errors: Vec<fluent_bundle::FluentError>,
    },
}

/// Message bundles for each language, with English as the fallback.
pub struct Localizer {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.bundles.iter().map(|(lang, _)| lang))
            .finish()
    }
}

impl Localizer {
    /// Builds bundles from `(language, ftl source)` pairs; several sources may share a language.
    pub fn new<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, I18nError> {
        let mut localizer = Localizer::empty();
        for (lang, source) in sources {
            // The errors are kept, not formatted, so a build that never shows them (the browser)
            // carries no formatting code for them.
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                I18nError::Syntax {
                    lang: lang.to_owned(),
                    errors,
                }
            })?;
            let index = match localizer.bundles.iter().position(|(l, _)| l == lang) {
                Some(index) => index,
                None => {
                    let id: LanguageIdentifier = lang
                        .parse()
                        .map_err(|_| I18nError::Language(lang.to_owned()))?;
                    let mut bundle = FluentBundle::new_concurrent(vec![id]);
                    // No Unicode isolation marks: texts are shown in HTML and compared in tests.
                    bundle.set_use_isolating(false);
                    localizer.bundles.push((lang.to_owned(), bundle));
                    localizer.bundles.len() - 1
                }
            };
            localizer.bundles[index]
                .1
                .add_resource(resource)
                .map_err(|errors| I18nError::Clash {
                    lang: lang.to_owned(),
                    errors,
                })?;
        }
        Ok(localizer)
    }

    /// A localizer without messages: every text is its message id.
    pub fn empty() -> Self {
        Localizer {
            bundles: Vec::new(),
        }
    }

    /// The localizer with forms-core's messages only.
    pub fn core() -> Self {
        Localizer::new(CORE_FTL).expect("the embedded core messages are checked by tests")
    }

    /// Whether `key` has a text in `lang` itself (no fallback).
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(key))
    }

    fn bundle(&self, lang: &str) -> Option<&FluentBundle<FluentResource>> {
        self.bundles.iter().find(|(l, _)| l == lang).map(|(_, b)| b)
    }

    /// The text of `key` in `lang` (or English); the key itself if no language has it.
    pub fn text(&self, lang: &str, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for candidate in [lang, FALLBACK] {
            let Some(bundle) = self.bundle(candidate) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_owned()
    }

    /// The message for a validation error, naming the field by its label in `lang`. A failed
    /// rule says the rule's own message, a failed pattern the field's `pattern_message` if it
    /// has one; everything else comes from Fluent by the error's code.
    pub fn field_error(&self, lang: &str, definition: &Definition, error: &FieldError) -> String {
        let field = definition.field_at(&error.path);
        match error.code {
            ErrorCode::Rule => {
                let id = error.params.get("rule").and_then(Value::as_str);
                if let Some(rule) = definition.rules.iter().find(|r| Some(r.id.as_str()) == id) {
                    return rule.message.get(lang).to_owned();
                }
            }
            ErrorCode::Pattern => {
                if let Some(message) = field.and_then(|f| f.pattern_message.as_ref()) {
                    return message.get(lang).to_owned();
                }
            }
            _ => {}
        }
        // The arguments borrow their texts from the definition and the error.
        let mut args = FluentArgs::new();
        // An error on the data as a whole (path "") names the form.
        let label = field.map_or(&definition.title, |f| &f.label);
        args.set("label", label.get(lang));
        // What kind of answer it is, so that a message can say "choose", "tick", "attach" or
        // "add" where "enter" would read wrongly.
        args.set("kind", field.map_or("text", |f| answer_kind(f.kind)));
        if error.code == ErrorCode::FileTooLarge
            && let Some(max) = error.params.get("max").and_then(Value::as_f64)
        {
            let (size, unit) = file_size(max);
            args.set("size", size);
            args.set("unit", unit);
        }
        for (name, value) in &error.params {
            let value = match value {
                Value::Number(n) => n.as_f64().map_or(FluentValue::None, FluentValue::from),
                Value::String(s) => FluentValue::from(s.as_str()),
                // Parameters are numbers or strings; anything else has no text to show (and
                // printing it would pull JSON serialisation into the browser build).
                _ => FluentValue::None,
            };
            args.set(name.as_str(), value);
        }
        self.text(lang, error.code.message_key(), Some(&args))
    }
}

/// The `$kind` of a message: how the applicant gives the answer.
fn answer_kind(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Select | FieldKind::Radio => "choice",
        FieldKind::Checkboxes => "choices",
        FieldKind::YesNo => "yes_no",
        FieldKind::File => "file",
        FieldKind::Repeatable => "rows",
        FieldKind::Group => "group",
        FieldKind::Date => "date",
        FieldKind::Number | FieldKind::Amount => "number",
        _ => "text",
    }
}

/// A size in bytes as a number and a `$unit` (`mb`, `kb` or `b`, 1024-based) for messages.
fn file_size(bytes: f64) -> (f64, &'static str) {
    const KB: f64 = 1024.0;
    let round = |n: f64| (n * 10.0).round() / 10.0;
    if bytes >= KB * KB {
        (round(bytes / (KB * KB)), "mb")
    } else if bytes >= KB {
        (round(bytes / KB), "kb")
    } else {
        (bytes, "b")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast::Entry;

    use super::*;

    fn keys(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("parses");
        resource
            .entries()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every `i18n/<lang>/<file>.ftl` of the project (core, server and web texts alike) parses,
    /// and each language has the same files with the same message ids as English.
    #[test]
    fn every_ftl_file_parses_and_every_language_has_every_message() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../i18n");
        let files = |lang: &str| -> BTreeSet<String> {
            std::fs::read_dir(root.join(lang))
                .expect("language directory")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".ftl"))
                .collect()
        };
        let english = files("en");
        assert!(english.contains("web.ftl") && english.contains("server.ftl"));
        for lang in LANGUAGES {
            assert_eq!(files(lang), english, "files of {lang}");
            for file in &english {
                let read =
                    |l: &str| std::fs::read_to_string(root.join(l).join(file)).expect("readable");
                assert_eq!(keys(&read(lang)), keys(&read("en")), "{lang}/{file}");
                Localizer::new([(lang, read(lang).as_str())]).expect("loads into a bundle");
            }
        }
    }

    #[test]
    fn every_language_has_every_core_message() {
        let english = keys(CORE_FTL[1].1);
        for (lang, source) in CORE_FTL {
            assert_eq!(keys(source), english, "core.ftl of {lang}");
        }
        let localizer = Localizer::core();
        for code in ErrorCode::ALL {
            for lang in LANGUAGES {
                assert!(localizer.has(lang, code.message_key()), "{lang} {code:?}");
            }
        }
    }

    #[test]
    fn message_keys_are_the_codes_with_dashes() {
        for code in ErrorCode::ALL {
            let rule = format!("error-{}", code.as_str().replace(['_', '.'], "-"));
            assert_eq!(code.message_key(), rule, "{code:?}");
        }
    }

    #[test]
    fn field_errors_name_the_field_in_the_language() {
        let def = Definition::from_json(
            r#"{"format":1,"id":"d","version":"1","languages":["bg","en"],
                "title":{"bg":"Т","en":"T"},
                "steps":[{"id":"s","title":{"bg":"С","en":"S"},"fields":[
                  {"key":"name","type":"text","label":{"bg":"Име","en":"Name"},"max_length":3}]}]}"#,
        )
        .expect("valid");
        let localizer = Localizer::core();
        let required = FieldError {
            path: "/name".into(),
            code: ErrorCode::Required,
            params: Default::default(),
        };
        assert!(localizer.field_error("bg", &def, &required).contains("Име"));
        assert!(
            localizer
                .field_error("en", &def, &required)
                .contains("Name")
        );
        let too_long = FieldError {
            path: "/name".into(),
            code: ErrorCode::TooLong,
            params: [("max".to_owned(), serde_json::json!(3))].into(),
        };
        assert!(localizer.field_error("en", &def, &too_long).contains('3'));
        // Data that is not an object at all: the message names the form, no placeholder left.
        let whole = FieldError {
            path: String::new(),
            code: ErrorCode::Type,
            params: Default::default(),
        };
        let message = localizer.field_error("bg", &def, &whole);
        assert!(message.contains('Т') && !message.contains('$'), "{message}");
    }

    #[test]
    fn messages_know_the_kind_of_answer_and_sizes_in_units() {
        assert_eq!(answer_kind(FieldKind::Checkboxes), "choices");
        assert_eq!(answer_kind(FieldKind::File), "file");
        assert_eq!(answer_kind(FieldKind::LongText), "text");
        assert_eq!(file_size(5.0 * 1024.0 * 1024.0), (5.0, "mb"));
        assert_eq!(file_size(1536.0), (1.5, "kb"));
        assert_eq!(file_size(100.0), (100.0, "b"));
    }

    #[test]
    fn identifier_format_messages_say_the_shape_of_each_scheme() {
        let def = Definition::from_json(
            r#"{"format":1,"id":"d","version":"1","languages":["en","bg"],
                "title":{"en":"T","bg":"Т"},
                "steps":[{"id":"s","title":{"en":"S","bg":"С"},"fields":[
                  {"key":"eik","type":"identifier","scheme":"eik",
                   "label":{"en":"UIC","bg":"ЕИК"}}]}]}"#,
        )
        .expect("valid");
        let form = crate::compile(def.clone()).expect("compiles");
        let context = crate::Context {
            today: crate::Date::parse("2026-11-23").expect("date"),
            lang: "en".into(),
        };
        let evaluation = crate::evaluate(&form, &serde_json::json!({"eik": "12345"}), &context);
        let error = &evaluation.errors[0];
        let localizer = Localizer::core();
        assert_eq!(
            localizer.field_error("en", &def, error),
            "“UIC” must be 9 or 13 digits."
        );
        assert_eq!(
            localizer.field_error("bg", &def, error),
            "„ЕИК“ трябва да е от 9 или 13 цифри."
        );
    }

    #[test]
    fn language_tags_and_queries_match_the_runtime_languages() {
        assert_eq!(match_language("bg-BG"), Some("bg"));
        assert_eq!(match_language("PL"), Some("pl"));
        assert_eq!(match_language("az_Latn"), Some("az"));
        assert_eq!(match_language("de"), None);
        assert_eq!(query_language("?x=1&lang=en"), Some("en"));
        assert_eq!(query_language("lang=xx&lang=az"), Some("az"));
        assert_eq!(query_language(""), None);
    }

    #[test]
    fn unknown_keys_and_languages_fall_back() {
        let localizer = Localizer::core();
        assert_eq!(localizer.text("en", "no-such-key", None), "no-such-key");
        assert_eq!(
            localizer.text("xx", "error-type", None),
            localizer.text("en", "error-type", None)
        );
    }
}
