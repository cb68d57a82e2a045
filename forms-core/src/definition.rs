//! The form definition language (format 1): what an administration writes in JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::LANGUAGES;
use crate::identifier::Scheme;

/// The definition format this version of forms-core reads.
pub const FORMAT: u32 = 1;

/// A text in each language the form offers, keyed by language code (`bg`, `en`, `pl`, `az`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl LocalizedText {
    /// The text in `lang`, or else in English, or else in any language given; empty if none.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// One e-service's form, as published by its administration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The version of the definition language; must be [`FORMAT`].
    pub format: u32,
    /// Stable identifier, used in URLs: lower-case letters, digits and dashes.
    pub id: String,
    /// The administration's own version label of this form.
    pub version: String,
    /// Languages the form is offered in; the first is the default.
    pub languages: Vec<String>,
    /// Title, in every offered language.
    pub title: LocalizedText,
    /// Short description for the services list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The pages of the form, in order.
    pub steps: Vec<Step>,
}

/// A page of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Identifier of the step, unique in the form.
    pub id: String,
    /// Heading of the step.
    pub title: LocalizedText,
    /// The questions on this page.
    pub fields: Vec<Field>,
}

/// The kinds of question a form can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A number of an identifier scheme (EGN, EIK, PESEL, …), checked exactly; see `scheme`.
    Identifier,
}

/// One question of the form; its answer is stored under `key` in the submission data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Property name in the submission data: a letter, then letters, digits or `_`.
    pub key: String,
    /// What kind of answer is expected.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The question, in every offered language.
    pub label: LocalizedText,
    /// Help shown under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalizedText>,
    /// Whether an answer must be given.
    #[serde(default)]
    pub required: bool,
    /// Most characters allowed (after trimming).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// For `identifier` fields: which scheme the number must follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
}

/// Why a definition cannot be used. These are for the administration's developer (logs and the
/// command line), never shown to a citizen.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DefinitionError {
    /// The text is not JSON or does not have the shape of a definition.
    #[error("not a valid definition: {0}")]
    Syntax(String),
    /// The definition parses but breaks a rule of the language; `path` is a JSON Pointer.
    #[error("{path}: {problem}")]
    Invalid {
        /// Where in the definition.
        path: String,
        /// What is wrong.
        problem: String,
    },
}

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> DefinitionError {
    DefinitionError::Invalid {
        path: path.into(),
        problem: problem.into(),
    }
}

impl Definition {
    /// Parses and checks a definition from its JSON text.
    pub fn from_json(text: &str) -> Result<Self, DefinitionError> {
        let definition: Definition =
            serde_json::from_str(text).map_err(|e| DefinitionError::Syntax(e.to_string()))?;
        definition.check()?;
        Ok(definition)
    }

    /// All fields of the form in order, across steps.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|step| step.fields.iter())
    }

    /// The language to use for `requested`: itself if offered, else the form's default.
    pub fn language<'a>(&'a self, requested: &'a str) -> &'a str {
        if self.languages.iter().any(|l| l == requested) {
            requested
        } else {
            self.languages.first().map_or("en", String::as_str)
        }
    }

    fn check(&self) -> Result<(), DefinitionError> {
        if self.format != FORMAT {
            return Err(invalid(
                "/format",
                format!(
                    "format {} is not supported (expected {FORMAT})",
                    self.format
                ),
            ));
        }
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(invalid(
                "/id",
                "must be lower-case letters, digits and dashes",
            ));
        }
        if self.languages.is_empty() {
            return Err(invalid("/languages", "at least one language is required"));
        }
        let mut seen = BTreeSet::new();
        for (i, lang) in self.languages.iter().enumerate() {
            if !LANGUAGES.contains(&lang.as_str()) {
                return Err(invalid(
                    format!("/languages/{i}"),
                    format!(
                        "unknown language {lang:?} (known: {})",
                        LANGUAGES.join(", ")
                    ),
                ));
            }
            if !seen.insert(lang) {
                return Err(invalid(format!("/languages/{i}"), "language listed twice"));
            }
        }
        self.check_text("/title", Some(&self.title))?;
        self.check_text("/description", self.description.as_ref())?;
        if self.steps.is_empty() {
            return Err(invalid("/steps", "at least one step is required"));
        }
        let mut step_ids = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for (s, step) in self.steps.iter().enumerate() {
            if !step_ids.insert(&step.id) {
                return Err(invalid(format!("/steps/{s}/id"), "step id used twice"));
            }
            self.check_text(&format!("/steps/{s}/title"), Some(&step.title))?;
            for (f, field) in step.fields.iter().enumerate() {
                let at = format!("/steps/{s}/fields/{f}");
                let mut chars = field.key.chars();
                let key_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !key_ok {
                    return Err(invalid(
                        format!("{at}/key"),
                        "must be a letter, then letters, digits or _",
                    ));
                }
                if !keys.insert(&field.key) {
                    return Err(invalid(
                        format!("{at}/key"),
                        format!("key {:?} used twice", field.key),
                    ));
                }
                self.check_text(&format!("{at}/label"), Some(&field.label))?;
                self.check_text(&format!("{at}/hint"), field.hint.as_ref())?;
                match (field.kind, field.scheme) {
                    (FieldKind::Identifier, None) => {
                        return Err(invalid(
                            format!("{at}/scheme"),
                            "an identifier field needs a scheme",
                        ));
                    }
                    (FieldKind::Text | FieldKind::LongText, Some(_)) => {
                        return Err(invalid(
                            format!("{at}/scheme"),
                            "only identifier fields have a scheme",
                        ));
                    }
                    _ => {}
                }
                if field.max_length == Some(0) {
                    return Err(invalid(format!("{at}/max_length"), "must be at least 1"));
                }
            }
        }
        Ok(())
    }

    /// Every offered language must have a non-empty text.
    fn check_text(&self, path: &str, text: Option<&LocalizedText>) -> Result<(), DefinitionError> {
        let Some(text) = text else { return Ok(()) };
        for lang in &self.languages {
            if text.0.get(lang).is_none_or(|t| t.trim().is_empty()) {
                return Err(invalid(
                    format!("{path}/{lang}"),
                    "missing text in an offered language",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "format": 1, "id": "demo", "version": "1", "languages": ["bg", "en"],
            "title": {"bg": "Заявление", "en": "Application"},
            "steps": [{"id": "s1", "title": {"bg": "Стъпка", "en": "Step"}, "fields": [
                {"key": "name", "type": "text", "required": true,
                 "label": {"bg": "Име", "en": "Name"}}
            ]}]
        })
    }

    fn parse(v: &serde_json::Value) -> Result<Definition, DefinitionError> {
        Definition::from_json(&v.to_string())
    }

    #[test]
    fn minimal_definition_parses() {
        let def = parse(&minimal()).expect("valid");
        assert_eq!(def.fields().count(), 1);
        assert_eq!(def.title.get("bg"), "Заявление");
        assert_eq!(def.language("pl"), "bg");
        assert_eq!(def.language("en"), "en");
    }

    #[test]
    fn missing_translation_is_reported_with_its_path() {
        let mut v = minimal();
        v["steps"][0]["fields"][0]["label"] = serde_json::json!({"bg": "Име"});
        assert_eq!(
            parse(&v),
            Err(invalid(
                "/steps/0/fields/0/label/en",
                "missing text in an offered language"
            ))
        );
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let mut v = minimal();
        let field = v["steps"][0]["fields"][0].clone();
        v["steps"][0]["fields"]
            .as_array_mut()
            .expect("array")
            .push(field);
        let err = parse(&v).expect_err("duplicate");
        assert!(
            matches!(err, DefinitionError::Invalid { ref path, .. } if path == "/steps/0/fields/1/key")
        );
    }

    #[test]
    fn unknown_properties_and_types_are_syntax_errors() {
        let mut v = minimal();
        v["steps"][0]["fields"][0]["requird"] = true.into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
        let mut v = minimal();
        v["steps"][0]["fields"][0]["type"] = "telepathy".into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
        assert!(matches!(
            Definition::from_json("{"),
            Err(DefinitionError::Syntax(_))
        ));
    }

    #[test]
    fn identifier_fields_need_a_scheme_and_only_they_have_one() {
        let mut v = minimal();
        v["steps"][0]["fields"][0]["type"] = "identifier".into();
        assert!(
            matches!(parse(&v), Err(DefinitionError::Invalid { ref path, .. }) if path == "/steps/0/fields/0/scheme")
        );
        v["steps"][0]["fields"][0]["scheme"] = "egn".into();
        assert_eq!(
            parse(&v).expect("valid").steps[0].fields[0].scheme,
            Some(Scheme::Egn)
        );
        v["steps"][0]["fields"][0]["type"] = "text".into();
        assert!(parse(&v).is_err());
        v["steps"][0]["fields"][0]["type"] = "identifier".into();
        v["steps"][0]["fields"][0]["scheme"] = "ssn".into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
    }

    #[test]
    fn unknown_language_and_format_are_refused() {
        let mut v = minimal();
        v["languages"] = serde_json::json!(["bg", "xx"]);
        assert!(
            matches!(parse(&v), Err(DefinitionError::Invalid { ref path, .. }) if path == "/languages/1")
        );
        let mut v = minimal();
        v["format"] = 2.into();
        assert!(
            matches!(parse(&v), Err(DefinitionError::Invalid { ref path, .. }) if path == "/format")
        );
    }
}
