//! What a question is in HTML, wherever it is drawn: the ids of its elements and the attributes
//! of its control. The app draws every step with these, and the server draws the first step of
//! a form with them too (its first paint, before the app has loaded), so both agree.

use crate::identifier::Scheme;
use crate::{Field, FieldKind};

/// The id of the element that takes focus for the answer at `pointer` (its input, its first
/// choice, or a repeatable group's Add button); error summary links point at it.
pub fn field_element_id(pointer: &str) -> String {
    format!("field{}", pointer.replace('/', "-"))
}

/// The id of the `index`-th control of a group of choices: the first has the question's id, so
/// error links and "Change" links land on it.
pub fn choice_id(base: &str, index: usize) -> String {
    if index == 0 {
        base.to_owned()
    } else {
        format!("{base}-{index}")
    }
}

/// The groups whose questions are about the applicant, not about someone else (a representative,
/// a contact person): only there, and at the top level, may the browser offer the applicant's
/// own details.
const APPLICANT_GROUPS: [&str; 4] = ["person", "contact", "residence_address", "identity"];

/// The `autocomplete` token of a question about the applicant (WCAG 1.3.5), from its key; none
/// inside rows or other people's groups, where the person's own details would be wrong.
pub fn autocomplete(field: &Field, pointer: &str) -> Option<&'static str> {
    if field.kind == FieldKind::Identifier {
        return Some("off");
    }
    let mut segments = pointer.split('/').skip(1);
    let own = match (segments.next(), segments.next(), segments.next()) {
        (Some(_), None, _) => true,
        (Some(group), Some(_), None) => APPLICANT_GROUPS.contains(&group),
        _ => false,
    };
    if !own {
        return None;
    }
    Some(match field.kind {
        FieldKind::Email => "email",
        FieldKind::Phone => "tel",
        _ => match field.key.as_str() {
            "first_name" => "given-name",
            "middle_name" => "additional-name",
            "last_name" => "family-name",
            "full_name" => "name",
            "postcode" => "postal-code",
            "city" | "settlement" => "address-level2",
            "street" => "address-line1",
            "birth_date" => "bday",
            _ => return None,
        },
    })
}

/// The `type` and `inputmode` of the input of a one-line question.
pub fn input_kind(field: &Field) -> (&'static str, Option<&'static str>) {
    match field.kind {
        FieldKind::Email => ("email", None),
        FieldKind::Phone => ("tel", None),
        FieldKind::Date => ("date", None),
        FieldKind::Number if field.decimals == Some(0) => ("text", Some("numeric")),
        FieldKind::Number | FieldKind::Amount => ("text", Some("decimal")),
        FieldKind::Identifier if field.scheme.is_some_and(Scheme::digits_only) => {
            ("text", Some("numeric"))
        }
        _ => ("text", None),
    }
}

/// Whether the question is answered in several lines (a `textarea`): long text, and a
/// certificate request pasted whole.
pub fn multiline(field: &Field) -> bool {
    field.kind == FieldKind::LongText
        || (field.kind == FieldKind::Identifier && field.scheme == Some(Scheme::Csr))
}

/// Whether the browser should check the spelling of the answer (free text only, never names of
/// codes, numbers or addresses of mail).
pub fn spellcheck(field: &Field) -> &'static str {
    if matches!(field.kind, FieldKind::Text | FieldKind::LongText) {
        "true"
    } else {
        "false"
    }
}

/// Whether the label says "(optional)": a question that may be left out.
pub fn is_optional(field: &Field) -> bool {
    field.kind.is_input() && !field.required && field.required_if.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(json: &str) -> Field {
        serde_json::from_str(json).expect("a field")
    }

    #[test]
    fn ids_follow_the_pointer() {
        assert_eq!(
            field_element_id("/powers/0/document"),
            "field-powers-0-document"
        );
        assert_eq!(choice_id("field-kind", 0), "field-kind");
        assert_eq!(choice_id("field-kind", 2), "field-kind-2");
    }

    #[test]
    fn autocomplete_only_for_the_applicants_own_details() {
        let first = field(r#"{"key":"first_name","type":"text","label":{"en":"First name"}}"#);
        assert_eq!(autocomplete(&first, "/first_name"), Some("given-name"));
        assert_eq!(
            autocomplete(&first, "/person/first_name"),
            Some("given-name")
        );
        assert_eq!(autocomplete(&first, "/representative/first_name"), None);
        assert_eq!(autocomplete(&first, "/people/0/first_name"), None);
        let email = field(r#"{"key":"mail","type":"email","label":{"en":"E-mail"}}"#);
        assert_eq!(autocomplete(&email, "/contact/mail"), Some("email"));
        assert_eq!(input_kind(&email), ("email", None));
    }
}
