//! JSON Pointers (RFC 6901) into submission data: `/operations/0/register`. The browser keeps
//! the answers being typed as one object and changes them through these; numeric segments are
//! rows (keys of the definition language start with a letter).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::definition::{Field, FieldKind, FilledBy};

/// The value at `pointer` in `data` (`""` is the whole), if there is one.
pub fn get<'a>(data: &'a Value, pointer: &str) -> Option<&'a Value> {
    data.pointer(pointer)
}

/// The first segment of a pointer: the top-level key it starts at (`operations` for
/// `/operations/0/register`).
pub fn top_key(pointer: &str) -> Option<&str> {
    pointer.strip_prefix('/')?.split('/').next()
}

/// The pointer of `key` inside the object at `prefix`.
pub fn child(prefix: &str, key: &str) -> String {
    format!("{prefix}/{key}")
}

/// The object or row at `pointer`; missing objects on the way are made, missing rows are not.
fn container_mut<'a>(data: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    let mut node = data;
    for segment in pointer.split('/').skip(1) {
        node = match node {
            Value::Array(rows) => rows.get_mut(segment.parse::<usize>().ok()?)?,
            other => {
                if !other.is_object() {
                    *other = Value::Object(Map::new());
                }
                let Value::Object(map) = other else {
                    return None;
                };
                map.entry(segment.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()))
            }
        };
    }
    Some(node)
}

/// Sets the answer at `pointer`; `Value::Null` takes it out.
pub fn set(data: &mut Value, pointer: &str, value: Value) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    if let Some(Value::Object(map)) = container_mut(data, parent) {
        if value.is_null() {
            map.remove(key);
        } else {
            map.insert(key.to_owned(), value);
        }
    }
}

/// The rows of the repeatable group at `pointer`, made empty if there are none yet.
pub fn rows_mut<'a>(data: &'a mut Value, pointer: &str) -> Option<&'a mut Vec<Value>> {
    let (parent, key) = pointer.rsplit_once('/')?;
    let Value::Object(map) = container_mut(data, parent)? else {
        return None;
    };
    let rows = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !rows.is_array() {
        *rows = Value::Array(Vec::new());
    }
    rows.as_array_mut()
}

/// The number of rows of the repeatable group at `pointer`.
pub fn row_count(data: &Value, pointer: &str) -> usize {
    data.pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The answers a new form (or a new row) starts with: each field's `default`, and the rows a
/// repeatable group must have at least (one when it is required).
pub fn defaults<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Map<String, Value> {
    let mut out = Map::new();
    for field in fields
        .into_iter()
        .filter(|f| f.filled_by == FilledBy::Applicant)
    {
        let value = match field.kind {
            FieldKind::Group => Some(Value::Object(defaults(&field.fields))),
            FieldKind::Repeatable => {
                let least = field.min_items.unwrap_or(u32::from(field.required));
                let rows = (0..least)
                    .map(|_| Value::Object(defaults(&field.fields)))
                    .collect::<Vec<_>>();
                (!rows.is_empty()).then_some(Value::Array(rows))
            }
            _ => field.default.clone(),
        };
        if let Some(value) = value.filter(|v| !v.as_object().is_some_and(Map::is_empty)) {
            out.insert(field.key.clone(), value);
        }
    }
    out
}

/// Renumbers the pointers in `set` that lie in rows of the repeatable group at `pointer`: row
/// `i` becomes `renumber(i)`, or goes when that is `None`. Keeps "the person has been here"
/// with the row it belongs to when rows are removed or moved.
pub fn renumber_rows(
    set: &mut BTreeSet<String>,
    pointer: &str,
    renumber: impl Fn(usize) -> Option<usize>,
) {
    let prefix = format!("{pointer}/");
    let inside: Vec<String> = set
        .iter()
        .filter(|p| p.starts_with(&prefix))
        .cloned()
        .collect();
    for old in inside {
        set.remove(&old);
        let rest = &old[prefix.len()..];
        let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
        let Some(new) = index.parse::<usize>().ok().and_then(&renumber) else {
            continue;
        };
        let moved = if tail.is_empty() {
            format!("{prefix}{new}")
        } else {
            format!("{prefix}{new}/{tail}")
        };
        set.insert(moved);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_reach_into_rows() {
        let data = json!({"ops": [{"register": "NRA"}]});
        assert_eq!(get(&data, "/ops/0/register"), Some(&json!("NRA")));
        assert_eq!(get(&data, "/ops/1/register"), None);
        assert_eq!(get(&data, ""), Some(&data));
        assert_eq!(top_key("/ops/0/register"), Some("ops"));
        assert_eq!(top_key(""), None);
    }

    #[test]
    fn answers_are_set_through_missing_groups_and_taken_out_by_null() {
        let mut data = json!({});
        set(&mut data, "/person/name", json!("Ivan"));
        set(&mut data, "/email", json!("a@b.bg"));
        assert_eq!(data, json!({"person": {"name": "Ivan"}, "email": "a@b.bg"}));
        set(&mut data, "/person/name", Value::Null);
        assert_eq!(data, json!({"person": {}, "email": "a@b.bg"}));
    }

    #[test]
    fn rows_are_made_on_demand_and_answers_reach_into_them() {
        let mut data = json!({});
        if let Some(rows) = rows_mut(&mut data, "/powers") {
            rows.push(json!({}));
        }
        set(&mut data, "/powers/0/granted_on", json!("2026-01-02"));
        // A row that does not exist is not made by setting an answer in it.
        set(&mut data, "/powers/3/granted_on", json!("2026-01-02"));
        assert_eq!(data, json!({"powers": [{"granted_on": "2026-01-02"}]}));
        assert_eq!(row_count(&data, "/powers"), 1);
        assert_eq!(row_count(&data, "/nothing"), 0);
    }

    #[test]
    fn renumbering_follows_removed_and_moved_rows() {
        let mut touched: BTreeSet<String> =
            ["/rows/0/a", "/rows/1/a", "/rows/2/b", "/rows", "/other/1/a"]
                .map(str::to_owned)
                .into();
        // Row 1 removed: row 2 becomes row 1.
        renumber_rows(&mut touched, "/rows", |i| match i {
            1 => None,
            i if i > 1 => Some(i - 1),
            i => Some(i),
        });
        let expected: BTreeSet<String> = ["/rows/0/a", "/rows/1/b", "/rows", "/other/1/a"]
            .map(str::to_owned)
            .into();
        assert_eq!(touched, expected);
    }

    #[test]
    fn defaults_fill_groups_and_the_rows_a_group_needs() {
        let fields: Vec<Field> = serde_json::from_value(json!([
            {"key": "country", "type": "text", "label": {"en": "Country"}, "default": "BG"},
            {"key": "address", "type": "group", "label": {"en": "Address"}, "fields": [
                {"key": "city", "type": "text", "label": {"en": "City"}, "default": "Sofia"}]},
            {"key": "rows", "type": "repeatable", "label": {"en": "Rows"}, "required": true, "fields": [
                {"key": "n", "type": "number", "label": {"en": "N"}, "default": 1}]},
            {"key": "empty", "type": "group", "label": {"en": "E"}, "fields": [
                {"key": "x", "type": "text", "label": {"en": "X"}}]},
            {"key": "decision", "type": "text", "label": {"en": "D"}, "default": "no",
             "filled_by": "administration"}
        ]))
        .expect("fields");
        assert_eq!(
            Value::Object(defaults(&fields)),
            json!({"country": "BG", "address": {"city": "Sofia"}, "rows": [{"n": 1}]})
        );
    }
}
