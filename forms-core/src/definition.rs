//! The form definition language (format 1): what an administration writes in JSON.
//!
//! The authoring guide is `docs/FORM-DEFINITIONS.md`; the JSON Schema editors use is
//! `form-definitions/schema/form-definition.schema.json`. Parsing only checks the shape; the
//! rules of the language (unique keys, translations, references in logic, …) are checked by
//! [`crate::lint`], and [`crate::compile`] turns a definition into a form that can be evaluated.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::date::DateBound;
use crate::identifier::Scheme;
use crate::logic::Expr;
use crate::pattern::Pattern;

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

    /// Whether no language has a text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One e-service's form, as published by its administration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The JSON Schema an editor checks the file against; ignored by the runtime.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
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
    /// The administrative service this form belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// The level of assurance of the applicant's electronic identity the service requires.
    #[serde(default, skip_serializing_if = "Assurance::is_none")]
    pub assurance: Assurance,
    /// What the service costs; no fee when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// Statuses, transitions and deadlines beyond the default lifecycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
    /// The pages of the form, in order.
    pub steps: Vec<Step>,
    /// Conditions over several answers, each reported on one field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
}

/// The administrative service a form belongs to, as registered in the Bulgarian register of
/// administrative services (or its counterpart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The service's identifier in the administrative register.
    pub register_id: String,
    /// The name of the administration that provides it, per language.
    pub provider: LocalizedText,
    /// The provider's EIK (unified identification code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_eik: Option<String>,
}

/// Level of assurance of an electronic identity (eIDAS: low, substantial, high).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// Anyone may apply without identification.
    #[default]
    None,
    /// eIDAS low.
    Low,
    /// eIDAS substantial.
    Substantial,
    /// eIDAS high.
    High,
}

impl Assurance {
    fn is_none(&self) -> bool {
        *self == Assurance::None
    }
}

/// The fee of a service: a fixed amount, or a JSON Logic expression over the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// ISO 4217 code: `BGN`, `EUR`, `PLN`, `AZN`.
    pub currency: String,
    /// A decimal string (`"10.00"`) or a JSON Logic expression giving a number.
    pub amount: FeeAmount,
}

/// The amount of a [`Fee`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FeeAmount {
    /// A fixed amount, written as a decimal string with at most two decimals.
    Fixed(String),
    /// An expression over the data; its result is rounded to cents.
    Computed(Expr),
}

/// Additions to the default lifecycle that a service needs. The default is that of the design:
/// draft → submitted → (awaiting_payment → paid | payment_failed | payment_expired) →
/// registered → in_progress → completed | rejected, and withdrawn before registration
/// ([`crate::lint::DEFAULT_STATUSES`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// Extra statuses.
    #[serde(default)]
    pub statuses: Vec<Status>,
    /// Moves allowed between statuses (default or extra).
    #[serde(default)]
    pub transitions: Vec<Transition>,
    /// Time limits that start when a status is entered.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
}

/// An extra status of the lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// Identifier: lower-case letters, digits and `_`.
    pub id: String,
    /// What the applicant reads, per language.
    pub label: LocalizedText,
    /// Whether the application's handling ends here.
    #[serde(default, rename = "final")]
    pub is_final: bool,
}

/// A move the administration may make between two statuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The status left.
    pub from: String,
    /// The status entered.
    pub to: String,
}

/// A time limit, counted from the moment a status is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The status whose entry starts the clock.
    pub from: String,
    /// The status (or one of them) that must be reached in time.
    pub to: Vec<String>,
    /// How many days.
    pub days: u32,
    /// Whether weekends and public holidays count.
    #[serde(default)]
    pub count: DayCount,
}

/// How the days of a [`Deadline`] are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Every day counts.
    #[default]
    Calendar,
    /// Monday to Friday, not public holidays.
    Working,
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

/// The kinds of question (and of content) a form can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A number (JSON number; `decimals: 0` for whole numbers).
    Number,
    /// A sum of money, stored as a decimal string with `decimals` places (2 by default).
    Amount,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An e-mail address.
    Email,
    /// A telephone number in international form (E.164).
    Phone,
    /// One of `options`, from a drop-down list.
    Select,
    /// One of `options`, as radio buttons.
    Radio,
    /// Any number of `options`: an array of their values.
    Checkboxes,
    /// A yes-or-no question: `true` or `false`.
    YesNo,
    /// A number of an identifier scheme (EGN, EIK, PESEL, …), checked exactly; see `scheme`.
    Identifier,
    /// An attached file, described by `{name, media_type, size}`.
    File,
    /// A heading, paragraph or link; asks nothing.
    Static,
    /// Questions kept together in an object.
    Group,
    /// A group the applicant repeats: an array of objects.
    Repeatable,
    /// A read-only value computed from the other answers by `expression`.
    Computed,
}

impl FieldKind {
    /// Whether the applicant types or picks a value (not static, group, repeatable, computed).
    pub fn is_input(self) -> bool {
        !matches!(
            self,
            FieldKind::Static | FieldKind::Group | FieldKind::Repeatable | FieldKind::Computed
        )
    }

    /// Whether the field holds other fields.
    pub fn has_fields(self) -> bool {
        matches!(self, FieldKind::Group | FieldKind::Repeatable)
    }

    /// Whether the field has `options`.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes
        )
    }

    /// Whether the answer is text that min/max length and `pattern` apply to.
    pub fn is_text(self) -> bool {
        matches!(self, FieldKind::Text | FieldKind::LongText)
    }
}

/// How a `static` field's content is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaticStyle {
    /// A sub-heading.
    Heading,
    /// A paragraph of text.
    #[default]
    Paragraph,
    /// A link to `href`; `content` is its text.
    Link,
}

/// One choice of a select, radio or checkboxes field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What is stored: stable, never translated.
    pub value: String,
    /// What the applicant reads.
    pub label: LocalizedText,
}

/// One question of the form; its answer is stored under `key` in the submission data (inside
/// its group's object or its repeatable group's rows).
///
/// Every option is optional; [`crate::lint`] says which belong to which `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Property name in the submission data: a letter, then letters, digits or `_`.
    pub key: String,
    /// What kind of answer is expected.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The question, in every offered language (not for `static`).
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub label: LocalizedText,
    /// Help shown under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalizedText>,
    /// An example shown inside an empty input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<LocalizedText>,
    /// Whether an answer must be given (when the field is visible).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Required when this JSON Logic condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<Expr>,
    /// Shown (and its answer kept) only when this JSON Logic condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Expr>,
    /// Fewest characters (text) allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Most characters (text) allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// A regular expression the whole text must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// What to tell the applicant when `pattern` does not match, per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_message: Option<LocalizedText>,
    /// Smallest value (number, amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest value (number, amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Decimal places: at most this many for a number (0 = whole numbers), exactly this many
    /// stored for an amount (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// Earliest date allowed: `YYYY-MM-DD`, `today`, or `today±N` with `d`, `m` or `y`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_date: Option<DateBound>,
    /// Latest date allowed, written as `min_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_date: Option<DateBound>,
    /// The choices of a select, radio or checkboxes field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Fewest choices (checkboxes) or rows (repeatable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// Most choices (checkboxes) or rows (repeatable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// For `identifier` fields: which scheme the number must follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
    /// For `phone` fields: the only country accepted (`BG`, `PL`, `AZ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For `file` fields: the media types accepted (`application/pdf`, `image/*`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<String>,
    /// For `file` fields: the largest size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<u64>,
    /// The questions of a group or repeatable group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// For `computed` fields: the JSON Logic expression of the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<Expr>,
    /// For `static` fields: the text, per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<LocalizedText>,
    /// For `static` fields: how the content is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<StaticStyle>,
    /// For `static` links: where the link goes (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// The answer filled in before the applicant changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Who gives the answer: the applicant (the default), or the administration when it answers
    /// the application (the goods found at the border, a decision). The applicant's form neither
    /// shows nor accepts a field the administration fills.
    #[serde(default, skip_serializing_if = "FilledBy::is_applicant")]
    pub filled_by: FilledBy,
}

/// Who answers a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilledBy {
    /// The person or firm who applies.
    #[default]
    Applicant,
    /// The administration, when it answers the application.
    Administration,
}

impl FilledBy {
    fn is_applicant(&self) -> bool {
        *self == FilledBy::Applicant
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A condition over several answers: when `check` does not hold, `message` is reported on the
/// field at `path`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Identifier of the rule, unique in the form; given to the error as `params.rule`.
    pub id: String,
    /// A JSON Logic condition that valid data satisfies.
    pub check: Expr,
    /// The field the error is shown on: a JSON Pointer such as `/end_date`; `*` stands for every
    /// row of a repeatable group (`/operations/*/register`), and the condition is then checked
    /// once per row with the row as `$row`.
    pub path: String,
    /// What the applicant reads when the condition fails, per language.
    pub message: LocalizedText,
}

/// Why a definition cannot be read.
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

impl Definition {
    /// Parses a definition from its JSON text (its shape only; see [`crate::lint`]).
    pub fn from_json(text: &str) -> Result<Self, DefinitionError> {
        serde_json::from_str(text).map_err(|e| DefinitionError::Syntax(e.to_string()))
    }

    /// The top-level fields of the form in order, across steps.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|step| step.fields.iter())
    }

    /// The field at a data path (`/applicant/name`, `/operations/0/register`, or with `*` for the
    /// row), if the form has one; a row (`/operations/0`) is its repeatable group's.
    pub fn field_at(&self, pointer: &str) -> Option<&Field> {
        let mut segments = pointer.strip_prefix('/')?.split('/');
        let first = segments.next()?;
        let mut field = self.fields().find(|f| f.key == first)?;
        loop {
            let Some(mut segment) = segments.next() else {
                return Some(field);
            };
            if field.kind == FieldKind::Repeatable {
                // A row: its index (or `*`); the row itself belongs to the repeatable group.
                if segment != "*" && !segment.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                match segments.next() {
                    Some(next) => segment = next,
                    None => return Some(field),
                }
            }
            field = field.fields.iter().find(|f| f.key == segment)?;
        }
    }

    /// The language to use for `requested`: itself if offered, else the form's default.
    pub fn language<'a>(&'a self, requested: &'a str) -> &'a str {
        if self.languages.iter().any(|l| l == requested) {
            requested
        } else {
            self.languages.first().map_or("en", String::as_str)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> Value {
        serde_json::json!({
            "format": 1, "id": "demo", "version": "1", "languages": ["bg", "en"],
            "title": {"bg": "Заявление", "en": "Application"},
            "steps": [{"id": "s1", "title": {"bg": "Стъпка", "en": "Step"}, "fields": [
                {"key": "name", "type": "text", "required": true,
                 "label": {"bg": "Име", "en": "Name"}},
                {"key": "rows", "type": "repeatable", "label": {"bg": "Редове", "en": "Rows"},
                 "fields": [{"key": "what", "type": "text", "label": {"bg": "Какво", "en": "What"}}]}
            ]}]
        })
    }

    fn parse(v: &Value) -> Result<Definition, DefinitionError> {
        Definition::from_json(&v.to_string())
    }

    #[test]
    fn minimal_definition_parses() {
        let def = parse(&minimal()).expect("valid");
        assert_eq!(def.fields().count(), 2);
        assert_eq!(def.title.get("bg"), "Заявление");
        assert_eq!(def.language("pl"), "bg");
        assert_eq!(def.language("en"), "en");
        assert_eq!(def.assurance, Assurance::None);
    }

    #[test]
    fn fields_are_found_by_data_path() {
        let def = parse(&minimal()).expect("valid");
        assert_eq!(def.field_at("/name").map(|f| f.kind), Some(FieldKind::Text));
        assert_eq!(def.field_at("/rows/3/what").map(|f| &*f.key), Some("what"));
        assert_eq!(def.field_at("/rows/*/what").map(|f| &*f.key), Some("what"));
        assert_eq!(
            def.field_at("/rows").map(|f| f.kind),
            Some(FieldKind::Repeatable)
        );
        assert!(def.field_at("/rows/what").is_none());
        assert_eq!(def.field_at("/rows/2").map(|f| &*f.key), Some("rows"));
        assert!(def.field_at("/rows/2/nothing").is_none());
        assert!(def.field_at("/nothing").is_none());
        assert!(def.field_at("name").is_none());
    }

    #[test]
    fn unknown_properties_and_types_are_syntax_errors() {
        let mut v = minimal();
        v["steps"][0]["fields"][0]["requird"] = true.into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
        let mut v = minimal();
        v["steps"][0]["fields"][0]["type"] = "telepathy".into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
        let mut v = minimal();
        v["steps"][0]["fields"][0]["min_date"] = "yesterday".into();
        assert!(matches!(parse(&v), Err(DefinitionError::Syntax(_))));
        assert!(matches!(
            Definition::from_json("{"),
            Err(DefinitionError::Syntax(_))
        ));
    }

    #[test]
    fn a_definition_survives_a_round_trip() {
        let mut v = minimal();
        v["fee"] = serde_json::json!({"currency": "BGN", "amount": {"*": [{"var": "copies"}, 2]}});
        v["steps"][0]["fields"][0]["visible_if"] = serde_json::json!({"!!": {"var": "x"}});
        v["steps"][0]["fields"][0]["min_date"] = "today-18y".into();
        let def = parse(&v).expect("valid");
        let again = serde_json::to_value(&def).expect("serialises");
        assert_eq!(again, v);
    }
}
