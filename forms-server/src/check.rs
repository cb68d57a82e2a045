//! The whole check of a definition before it is served or published: forms-core's lint plus
//! the published JSON Schema of the format (`form-definitions/schema/form-definition.schema.json`).
//!
//! The schema is what editors autocomplete against; checking it here too keeps the file and the
//! runtime from drifting apart. It lives on the server side only: the `jsonschema` crate is far
//! too heavy for the browser, which never needs it (it receives definitions already checked).

use std::sync::OnceLock;

use forms_core::Definition;
use forms_core::lint::{Diagnostic, lint_text};
use serde_json::Value;

/// The JSON Schema of the definition format, as published next to the definitions.
pub const FORMAT_SCHEMA: &str =
    include_str!("../../form-definitions/schema/form-definition.schema.json");

fn format_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(FORMAT_SCHEMA).expect("the format schema is JSON (tested)");
        jsonschema::draft202012::new(&schema).expect("the format schema is valid (tested)")
    })
}

/// Every finding in a definition's text: a JSON syntax error alone, else the violations of the
/// format's JSON Schema (code `schema`) followed by forms-core's lint. The definition is given
/// back when it could be read at all.
pub fn check_text(text: &str) -> (Option<Definition>, Vec<Diagnostic>) {
    let (definition, mut found) = lint_text(text);
    if found.first().is_some_and(|d| d.code == "json") {
        return (definition, found);
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return (definition, found);
    };
    let mut schema: Vec<Diagnostic> = format_validator()
        .iter_errors(&value)
        .map(|error| Diagnostic {
            pointer: error.instance_path().to_string(),
            code: "schema",
            message: error.to_string(),
        })
        .collect();
    schema.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    schema.dedup();
    schema.append(&mut found);
    (definition, schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"$schema": "./schema/form-definition.schema.json",
        "format": 1, "id": "demo", "version": "1", "languages": ["en"],
        "title": {"en": "Demo"},
        "steps": [{"id": "s", "title": {"en": "S"}, "fields": [
            {"key": "name", "type": "text", "label": {"en": "Name"}}]}]}"#;

    #[test]
    fn a_good_definition_has_no_findings() {
        let (definition, found) = check_text(GOOD);
        assert!(definition.is_some());
        assert_eq!(found, []);
    }

    #[test]
    fn schema_violations_name_their_place() {
        let text = GOOD.replace(r#""type": "text""#, r#""type": "select""#);
        let (_, found) = check_text(&text);
        let schema: Vec<_> = found.iter().filter(|d| d.code == "schema").collect();
        assert_eq!(schema.len(), 1, "{found:?}");
        assert_eq!(schema[0].pointer, "/steps/0/fields/0");
        assert!(
            schema[0].message.contains("options"),
            "{}",
            schema[0].message
        );
        // lint says the same in its own words: both are reported.
        assert!(found.iter().any(|d| d.code == "missing"), "{found:?}");
    }

    #[test]
    fn a_misspelt_property_gets_a_pointer_from_the_schema() {
        let text = GOOD.replace(r#""label": {"en": "Name"}"#, r#""lable": {"en": "Name"}"#);
        let (definition, found) = check_text(&text);
        assert!(definition.is_none());
        assert!(
            found.iter().any(|d| d.code == "schema"
                && d.pointer == "/steps/0/fields/0"
                && d.message.contains("lable")),
            "{found:?}"
        );
        assert!(found.iter().any(|d| d.code == "shape"), "{found:?}");
    }

    /// Each serde property of a field is in the schema, and the schema has no other: a property
    /// added to `Field` (this literal then stops compiling) must be added to the schema too.
    #[test]
    fn the_schema_knows_every_property_of_a_field_and_no_other() {
        use forms_core::date::DateBound;
        use forms_core::definition::{
            Choice, Field, FieldKind, FilledBy, LocalizedText, StaticStyle,
        };
        use forms_core::identifier::Scheme;
        use forms_core::logic::Expr;
        use forms_core::pattern::Pattern;

        let text = || LocalizedText([("en".to_owned(), "x".to_owned())].into());
        let expr = || Expr::new(serde_json::json!({"var": "a"}));
        let date = || DateBound::parse("today").expect("bound");
        let field = Field {
            key: "k".into(),
            kind: FieldKind::Text,
            label: text(),
            hint: Some(text()),
            placeholder: Some(text()),
            required: true,
            required_if: Some(expr()),
            visible_if: Some(expr()),
            min_length: Some(1),
            max_length: Some(2),
            pattern: Some(Pattern::new("x")),
            pattern_message: Some(text()),
            min: Some(1.0),
            max: Some(2.0),
            decimals: Some(2),
            min_date: Some(date()),
            max_date: Some(date()),
            options: vec![Choice {
                value: "v".into(),
                label: text(),
            }],
            min_items: Some(1),
            max_items: Some(2),
            scheme: Some(Scheme::Eik),
            country: Some("BG".into()),
            media_types: vec!["application/pdf".into()],
            max_size: Some(1),
            fields: Vec::new(),
            expression: Some(expr()),
            content: Some(text()),
            style: Some(StaticStyle::Link),
            href: Some("https://x".into()),
            default: Some(Value::from("x")),
            filled_by: FilledBy::Administration,
        };
        let mut serialised = serde_json::to_value(&field).expect("serialises");
        serialised["fields"] = serde_json::json!([]);
        let mut serde_names: Vec<&String> =
            serialised.as_object().expect("object").keys().collect();
        let schema: Value = serde_json::from_str(FORMAT_SCHEMA).expect("json");
        let mut schema_names: Vec<&String> = schema["$defs"]["field"]["properties"]
            .as_object()
            .expect("field properties")
            .keys()
            .collect();
        serde_names.sort();
        schema_names.sort();
        assert_eq!(serde_names, schema_names);
    }

    #[test]
    fn the_test_definitions_meet_the_schema() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../forms-core/tests/data/definitions");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let (_, found) = check_text(&text);
            assert_eq!(found, [], "{}", path.display());
            checked += 1;
        }
        assert!(checked > 0);
    }

    #[test]
    fn broken_json_is_reported_once() {
        let (_, found) = check_text("{\"format\": 1,");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "json");
    }
}
