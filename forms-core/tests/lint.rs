//! One small broken definition per lint diagnostic.

use forms_core::lint::lint_text;
use serde_json::{Value, json};

fn base(fields: Value) -> Value {
    json!({
        "format": 1, "id": "t", "version": "1", "languages": ["bg", "en"],
        "title": {"bg": "Т", "en": "T"},
        "steps": [{"id": "s", "title": {"bg": "С", "en": "S"}, "fields": fields}]
    })
}

fn label() -> Value {
    json!({"bg": "Е", "en": "L"})
}

/// The (pointer, code) pairs lint finds.
fn findings(definition: &Value) -> Vec<(String, &'static str)> {
    lint_text(&definition.to_string())
        .1
        .into_iter()
        .map(|d| (d.pointer, d.code))
        .collect()
}

fn has(definition: &Value, pointer: &str, code: &str) {
    let found = findings(definition);
    assert!(
        found.iter().any(|(p, c)| p == pointer && *c == code),
        "expected {pointer} {code}, got {found:?}"
    );
}

#[test]
fn a_clean_definition_has_no_findings() {
    let d = base(json!([{"key": "name", "type": "text", "label": label()}]));
    assert_eq!(findings(&d), []);
}

#[test]
fn a_link_goes_to_https_or_to_this_site_only() {
    let link = |href: &str| {
        base(
            json!([{"key": "l", "type": "static", "style": "link", "href": href,
                     "content": label()}]),
        )
    };
    assert_eq!(findings(&link("https://egov.bg/")), []);
    assert_eq!(findings(&link("/f/other-form")), []);
    for href in [
        "http://egov.bg/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
    ] {
        has(&link(href), "/steps/0/fields/0/href", "missing");
    }
}

#[test]
fn invalid_json_is_reported_with_line_and_column() {
    let (definition, found) = lint_text("{\n  \"format\": 1,\n  oops\n}");
    assert!(definition.is_none());
    assert_eq!(found[0].code, "json");
    assert!(found[0].message.contains("line 3"), "{}", found[0].message);
}

#[test]
fn missing_translations_duplicates_and_options() {
    let d = base(json!([
        {"key": "a", "type": "text", "label": {"bg": "А"}},
        {"key": "a", "type": "select", "label": label(),
         "options": [{"value": "x", "label": label()}, {"value": "x", "label": label()}]}
    ]));
    has(&d, "/steps/0/fields/0/label/en", "translation");
    has(&d, "/steps/0/fields/1/key", "duplicate");
    has(&d, "/steps/0/fields/1/options/1/value", "duplicate-option");
}

#[test]
fn references_cycles_patterns_and_never_visible_fields() {
    let d = base(json!([
        {"key": "a", "type": "text", "label": label(), "visible_if": {"var": "nowhere"}},
        {"key": "b", "type": "text", "label": label(), "visible_if": {"var": "c"}},
        {"key": "c", "type": "text", "label": label(), "visible_if": {"var": "b"}},
        {"key": "d", "type": "text", "label": label(), "pattern": "(unclosed"},
        {"key": "e", "type": "text", "label": label(), "required": true, "visible_if": false},
        {"key": "f", "type": "text", "label": label(), "visible_if": {"no_such_op": 1}}
    ]));
    has(&d, "/steps/0/fields/0/visible_if", "reference");
    has(&d, "/steps/0/fields/1", "cycle");
    has(&d, "/steps/0/fields/3/pattern", "pattern");
    has(&d, "/steps/0/fields/4/visible_if", "never-visible");
    has(&d, "/steps/0/fields/5/visible_if", "logic");
}

#[test]
fn row_paths_resolve_inside_repeatable_groups_only() {
    let d = base(json!([
        {"key": "ops", "type": "repeatable", "label": label(), "fields": [
            {"key": "register", "type": "text", "label": label()},
            {"key": "basis", "type": "text", "label": label(),
             "required_if": {"==": [{"var": "$row.register"}, "NRA"]}}
        ]},
        {"key": "x", "type": "text", "label": label(), "visible_if": {"var": "$row.register"}},
        {"key": "y", "type": "text", "label": label(), "visible_if": {"var": "ops.0.register"}}
    ]));
    let found = findings(&d);
    assert_eq!(
        found,
        [("/steps/0/fields/1/visible_if".to_owned(), "reference")],
        "only $row outside a row is wrong"
    );
}

#[test]
fn options_of_other_types_bounds_and_rules() {
    let mut d = base(json!([
        {"key": "n", "type": "text", "label": label(), "scheme": "egn",
         "min_length": 5, "max_length": 2},
        {"key": "s", "type": "select", "label": label()}
    ]));
    d["rules"] = json!([{"id": "r", "path": "/missing", "check": true,
                         "message": {"bg": "Г", "en": "E"}}]);
    d["lifecycle"] = json!({"transitions": [{"from": "submitted", "to": "nowhere"}]});
    has(&d, "/steps/0/fields/0/scheme", "property");
    has(&d, "/steps/0/fields/0/min_length", "bounds");
    has(&d, "/steps/0/fields/1/options", "missing");
    has(&d, "/rules/0/path", "reference");
    has(&d, "/lifecycle/transitions/0/to", "reference");
}

#[test]
fn an_iban_country_must_be_in_the_registry_and_a_phone_country_one_we_know() {
    let iban = |country: &str| {
        base(
            json!([{"key": "account", "type": "identifier", "scheme": "iban",
                     "country": country, "label": label()}]),
        )
    };
    assert_eq!(findings(&iban("PL")), []);
    assert_eq!(findings(&iban("AZ")), []);
    has(&iban("US"), "/steps/0/fields/0/country", "property");
    let phone = base(json!([{"key": "tel", "type": "phone", "country": "DE", "label": label()}]));
    has(&phone, "/steps/0/fields/0/country", "property");
    let text = base(json!([{"key": "x", "type": "text", "country": "PL", "label": label()}]));
    has(&text, "/steps/0/fields/0/country", "property");
}
