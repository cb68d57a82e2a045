//! The JSON Schema (2020-12) of a form's submission data, for API consumers (`forms schema`).
//!
//! It describes what the server accepts as `data`: every field's JSON type and the checks a
//! schema can express (lengths, ranges, options, item counts, file parts). What only the form's
//! logic can decide — `visible_if`, `required_if`, rules, identifier check digits, relative date
//! bounds — is said in each property's `description` (and `$comment`), and is checked by the
//! server with forms-core as always. Unknown keys are allowed, since the server ignores them
//! (they are dropped from the cleaned data); only fields that are required and always visible
//! are listed in `required`.

use serde_json::{Map, Value, json};

use crate::date::DateBound;
use crate::definition::{Definition, Field, FieldKind, FilledBy};

/// The dialect of the schemas made here.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of `definition`'s submission data, with titles in `lang` (or the form's
/// default language).
pub fn submission_schema(definition: &Definition, lang: &str) -> Value {
    let lang = definition.language(lang);
    let mut schema = object_schema(definition.fields(), lang, true);
    schema.insert("$schema".to_owned(), Value::from(DIALECT));
    schema.insert(
        "$id".to_owned(),
        Value::from(format!(
            "urn:eforms:submission:{}:{}",
            definition.id, definition.version
        )),
    );
    schema.insert("title".to_owned(), Value::from(definition.title.get(lang)));
    if let Some(description) = &definition.description {
        schema.insert("description".to_owned(), Value::from(description.get(lang)));
    }
    Value::Object(schema)
}

/// An object whose properties are `fields`; `always` says whether the object itself is always
/// present when the form is (so that its required fields can be listed as required).
fn object_schema<'a>(
    fields: impl Iterator<Item = &'a Field>,
    lang: &str,
    always: bool,
) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        // Static content asks nothing; the administration's fields are not the applicant's to send.
        if field.kind == FieldKind::Static || field.filled_by == FilledBy::Administration {
            continue;
        }
        if always && field.required && field.visible_if.is_none() {
            required.push(Value::from(field.key.clone()));
        }
        properties.insert(field.key.clone(), Value::Object(field_schema(field, lang)));
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), Value::from("object"));
    schema.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".to_owned(), Value::Array(required));
    }
    schema
}

fn field_schema(field: &Field, lang: &str) -> Map<String, Value> {
    let mut schema = match type_schema(field, lang) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if !field.label.is_empty() {
        schema.insert("title".to_owned(), Value::from(field.label.get(lang)));
    }
    if let Some(hint) = &field.hint {
        schema.insert("description".to_owned(), Value::from(hint.get(lang)));
    }
    let mut logic = Vec::new();
    if let Some(expr) = &field.visible_if {
        logic.push(format!("present only when {}", expr.raw()));
    }
    if let Some(expr) = &field.required_if {
        logic.push(format!("required when {}", expr.raw()));
    }
    if let Some(expr) = &field.expression {
        logic.push(format!("computed by the server as {}", expr.raw()));
    }
    if !logic.is_empty() {
        schema.insert("$comment".to_owned(), Value::from(logic.join("; ")));
    }
    if let Some(default) = &field.default {
        schema.insert("default".to_owned(), default.clone());
    }
    schema
}

fn type_schema(field: &Field, lang: &str) -> Value {
    let mut schema = match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            let mut s = json!({"type": "string"});
            put(&mut s, "minLength", field.min_length);
            put(&mut s, "maxLength", field.max_length);
            if let Some(pattern) = &field.pattern {
                s["pattern"] = Value::from(format!("^(?:{})$", pattern.source()));
            }
            s
        }
        FieldKind::Number => {
            let whole = field.decimals == Some(0);
            let mut s = json!({"type": if whole { "integer" } else { "number" }});
            put(&mut s, "minimum", field.min);
            put(&mut s, "maximum", field.max);
            s
        }
        FieldKind::Amount => {
            let decimals = field.decimals.unwrap_or(2);
            let fraction = if decimals == 0 {
                String::new()
            } else {
                format!("(\\.[0-9]{{1,{decimals}}})?")
            };
            let mut s = json!({
                "type": ["string", "number"],
                "pattern": format!("^-?[0-9]+{fraction}$"),
                "$comment": format!("a decimal amount with at most {decimals} decimals; stored as a string"),
            });
            put(&mut s, "minimum", field.min);
            put(&mut s, "maximum", field.max);
            s
        }
        FieldKind::Date => {
            let mut s = json!({"type": "string", "format": "date"});
            let bounds = [("min_date", field.min_date), ("max_date", field.max_date)]
                .into_iter()
                .filter_map(|(name, bound)| Some(format!("{name} {}", bound_text(bound?))))
                .collect::<Vec<_>>();
            if !bounds.is_empty() {
                s["$comment"] = Value::from(bounds.join(", "));
            }
            s
        }
        FieldKind::Email => json!({"type": "string", "format": "email"}),
        FieldKind::Phone => json!({"type": "string", "$comment": "E.164 telephone number"}),
        FieldKind::Identifier => {
            let scheme = field.scheme.map_or("", |s| s.as_str());
            json!({"type": "string", "$comment": format!("identifier of scheme {scheme}, checked exactly by the server")})
        }
        FieldKind::Select | FieldKind::Radio => json!({"enum": options(field)}),
        FieldKind::Checkboxes => {
            let mut s = json!({
                "type": "array",
                "uniqueItems": true,
                "items": {"enum": options(field)},
            });
            put(&mut s, "minItems", field.min_items);
            put(&mut s, "maxItems", field.max_items);
            s
        }
        FieldKind::YesNo => json!({"type": "boolean"}),
        FieldKind::File => {
            let mut s = json!({
                "type": "object",
                "required": ["name", "media_type", "size"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "media_type": {"type": "string"},
                    "size": {"type": "integer", "minimum": 0},
                    "id": {"type": "string"},
                },
            });
            if let Some(max) = field.max_size {
                s["properties"]["size"]["maximum"] = Value::from(max);
            }
            if !field.media_types.is_empty() {
                s["properties"]["media_type"]["$comment"] =
                    Value::from(format!("one of {}", field.media_types.join(", ")));
            }
            s
        }
        FieldKind::Group => Value::Object(object_schema(
            field.fields.iter(),
            lang,
            field.visible_if.is_none(),
        )),
        FieldKind::Repeatable => {
            let mut s = json!({
                "type": "array",
                "items": Value::Object(object_schema(field.fields.iter(), lang, true)),
            });
            put(&mut s, "minItems", field.min_items);
            put(&mut s, "maxItems", field.max_items);
            s
        }
        FieldKind::Computed => json!({"readOnly": true}),
        FieldKind::Static => json!({}),
    };
    if field.kind == FieldKind::Repeatable && field.required && field.min_items.is_none() {
        schema["minItems"] = Value::from(1);
    }
    schema
}

fn options(field: &Field) -> Vec<Value> {
    field
        .options
        .iter()
        .map(|o| Value::from(o.value.clone()))
        .collect()
}

fn put(schema: &mut Value, name: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        schema[name] = value.into();
    }
}

fn bound_text(bound: DateBound) -> String {
    match bound {
        DateBound::Fixed(date) => date.to_string(),
        DateBound::Days(0) => "today".to_owned(),
        DateBound::Days(n) => format!("today{n:+}d"),
        DateBound::Months(n) if n % 12 == 0 => format!("today{:+}y", n / 12),
        DateBound::Months(n) => format!("today{n:+}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition() -> Definition {
        Definition::from_json(
            &json!({
                "format": 1, "id": "demo", "version": "2", "languages": ["bg", "en"],
                "title": {"bg": "Заявление", "en": "Application"},
                "steps": [{"id": "s", "title": {"bg": "С", "en": "S"}, "fields": [
                    {"key": "intro", "type": "static", "content": {"bg": "х", "en": "x"}},
                    {"key": "name", "type": "text", "required": true, "max_length": 10,
                     "pattern": "[A-Z]+", "label": {"bg": "Име", "en": "Name"}},
                    {"key": "kind", "type": "radio", "required": true,
                     "label": {"bg": "Вид", "en": "Kind"},
                     "options": [{"value": "a", "label": {"bg": "А", "en": "A"}},
                                 {"value": "b", "label": {"bg": "Б", "en": "B"}}]},
                    {"key": "eik", "type": "identifier", "scheme": "eik", "required": true,
                     "visible_if": {"==": [{"var": "kind"}, "b"]},
                     "label": {"bg": "ЕИК", "en": "EIK"}},
                    {"key": "copies", "type": "number", "decimals": 0, "min": 1, "max": 5,
                     "label": {"bg": "Копия", "en": "Copies"}},
                    {"key": "fee", "type": "amount", "label": {"bg": "Сума", "en": "Sum"}},
                    {"key": "born", "type": "date", "max_date": "today-18y",
                     "label": {"bg": "Роден", "en": "Born"}},
                    {"key": "decision", "type": "text", "filled_by": "administration",
                     "label": {"bg": "Решение", "en": "Decision"}},
                    {"key": "rows", "type": "repeatable", "required": true, "max_items": 3,
                     "label": {"bg": "Редове", "en": "Rows"},
                     "fields": [{"key": "what", "type": "text", "required": true,
                                 "label": {"bg": "Какво", "en": "What"}}]}
                ]}]
            })
            .to_string(),
        )
        .expect("valid definition")
    }

    #[test]
    fn required_fields_are_those_always_visible() {
        let schema = submission_schema(&definition(), "en");
        assert_eq!(schema["$schema"], DIALECT);
        assert_eq!(schema["title"], "Application");
        assert_eq!(schema["required"], json!(["name", "kind", "rows"]));
        assert!(
            schema["properties"].get("intro").is_none(),
            "static asks nothing"
        );
        let eik = &schema["properties"]["eik"];
        assert!(
            eik["$comment"]
                .as_str()
                .is_some_and(|c| c.contains("present only when"))
        );
    }

    #[test]
    fn field_types_become_json_types() {
        let schema = submission_schema(&definition(), "bg");
        let p = &schema["properties"];
        assert_eq!(p["name"]["title"], "Име");
        assert_eq!(p["name"]["maxLength"], 10);
        assert_eq!(p["name"]["pattern"], "^(?:[A-Z]+)$");
        assert_eq!(p["kind"]["enum"], json!(["a", "b"]));
        assert_eq!(p["copies"]["type"], "integer");
        assert_eq!(p["copies"]["maximum"], 5.0);
        assert_eq!(p["fee"]["pattern"], "^-?[0-9]+(\\.[0-9]{1,2})?$");
        assert_eq!(p["born"]["format"], "date");
        assert_eq!(p["born"]["$comment"], "max_date today-18y");
        assert_eq!(p["rows"]["minItems"], 1);
        assert_eq!(p["rows"]["maxItems"], 3);
        assert_eq!(p["rows"]["items"]["required"], json!(["what"]));
    }
}
