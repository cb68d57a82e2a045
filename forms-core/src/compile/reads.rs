//! What a form's expressions read, known before evaluating: the one-walk shortcut of
//! evaluation (`evaluate_with`) compares only these keys. Server only: the browser's build
//! leaves the shortcut out, for its size budget, and evaluates in rounds.

use std::collections::BTreeSet;

use crate::definition::{Definition, FeeAmount, Field, FieldKind};
use crate::logic::Expr;

/// The keys of the fields whose values the form's expressions (conditions, computed values,
/// rules, fee) read, and of the groups and repeatable groups around them; `None` when an
/// expression reads anything else: a path computed while evaluating, a whole group or row, or
/// a key that no field has.
///
/// Evaluation uses it to tell, in one walk, that the data as given already is what the next
/// round's conditions would see: then that walk's verdict is final. Keys, not pointers: a key
/// of another field that is the same only makes the check stricter.
pub(super) fn logic_reads(definition: &Definition) -> Option<BTreeSet<String>> {
    let mut reads = Reads {
        top: definition.fields().collect(),
        keys: BTreeSet::new(),
    };
    let mut around = Vec::new();
    for step in &definition.steps {
        reads.fields(&step.fields, None, &mut around)?;
    }
    for rule in &definition.rules {
        // A rule on the rows of a repeatable group sees each row as `$row`.
        let mut row = None;
        if let Some((rows, _)) = rule.path.split_once("/*") {
            let mut fields = reads.top.clone();
            for key in rows.split('/').skip(1) {
                let field = *fields.iter().find(|f| f.key == key)?;
                around.push(field.key.as_str());
                fields = field.fields.iter().collect();
                row = (field.kind == FieldKind::Repeatable).then_some(&field.fields[..]);
            }
            row?;
        }
        reads.expr(&rule.check, row, &around)?;
        around.clear();
    }
    if let Some(fee) = &definition.fee
        && let FeeAmount::Computed(expr) = &fee.amount
    {
        reads.expr(expr, None, &[])?;
    }
    Some(reads.keys)
}

struct Reads<'d> {
    /// The top-level fields of every step.
    top: Vec<&'d Field>,
    keys: BTreeSet<String>,
}

impl<'d> Reads<'d> {
    /// The expressions of `fields` and of the fields inside them; `row` is the fields of the
    /// innermost repeatable group's rows, `around` the keys of the fields that hold `fields`.
    fn fields(
        &mut self,
        fields: &'d [Field],
        row: Option<&'d [Field]>,
        around: &mut Vec<&'d str>,
    ) -> Option<()> {
        for field in fields {
            for expr in [&field.visible_if, &field.required_if, &field.expression]
                .into_iter()
                .flatten()
            {
                self.expr(expr, row, around)?;
            }
            let row = match field.kind {
                FieldKind::Repeatable => Some(&field.fields[..]),
                _ => row,
            };
            around.push(&field.key);
            self.fields(&field.fields, row, around)?;
            around.pop();
        }
        Some(())
    }

    /// Adds the keys on the way to each field `expr` reads.
    fn expr(&mut self, expr: &Expr, row: Option<&'d [Field]>, around: &[&str]) -> Option<()> {
        for var in expr.vars() {
            // Inside `some` and the like a path starts at the element, which the path of the
            // list (also read) holds.
            if var.depth > 0 {
                continue;
            }
            let mut segments = var.path.split('.');
            let mut fields: Vec<&Field> = match (segments.next(), row) {
                (Some("$index"), Some(_)) => continue,
                (Some("$row"), Some(row)) => {
                    self.keys.extend(around.iter().map(|k| (*k).to_owned()));
                    row.iter().collect()
                }
                (Some("$row" | "$index"), None) => return None,
                _ => {
                    segments = var.path.split('.');
                    self.top.clone()
                }
            };
            loop {
                // A path that ends at a group or a row reads all of it.
                let key = segments.next()?;
                let field = *fields.iter().find(|f| f.key == key)?;
                self.keys.insert(field.key.clone());
                match field.kind {
                    FieldKind::Group => {}
                    FieldKind::Repeatable => {
                        segments.next()?.parse::<usize>().ok()?;
                    }
                    // Whatever the path reads inside a value, the whole value is compared.
                    _ => break,
                }
                fields = field.fields.iter().collect();
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// A definition with `fields` in one step, and `rules`.
    fn definition(fields: Value, rules: Value) -> Definition {
        let text = json!({"format": 1, "id": "t", "version": "1", "languages": ["en"],
            "title": {"en": "T"}, "rules": rules,
            "steps": [{"id": "s", "title": {"en": "S"}, "fields": fields}]});
        Definition::from_json(&text.to_string()).expect("valid definition")
    }

    fn text(key: &str) -> Value {
        json!({"key": key, "type": "text", "label": {"en": "L"}})
    }

    fn keys(reads: Option<BTreeSet<String>>) -> Option<Vec<String>> {
        reads.map(|r| r.into_iter().collect())
    }

    #[test]
    fn the_fields_read_and_the_groups_around_them() {
        let shown = |var: &str| {
            let mut field = text("shown");
            field["visible_if"] = json!({"==": [{"var": var}, "x"]});
            field
        };
        let fields = json!([
            text("kind"),
            {"key": "person", "type": "group", "label": {"en": "L"},
             "fields": [text("name"), shown("person.name")]},
            {"key": "rows", "type": "repeatable", "label": {"en": "L"},
             "fields": [text("code"), shown("$row.code"), shown("$index")]},
            {"key": "total", "type": "computed", "label": {"en": "L"},
             "expression": {"cat": [{"var": "kind"}, {"var": "rows.0.code"}]}},
            {"key": "any", "type": "text", "label": {"en": "L"},
             "visible_if": {"some": [{"var": "tags"}, {"==": [{"var": "x"}, 1]}]}},
            {"key": "tags", "type": "checkboxes", "label": {"en": "L"},
             "options": [{"value": "a", "label": {"en": "A"}}]}
        ]);
        let rules = json!([{"id": "r", "path": "/rows/*/code", "message": {"en": "M"},
            "check": {"!=": [{"var": "$row.code"}, {"var": "total"}]}}]);
        assert_eq!(
            keys(logic_reads(&definition(fields, rules))),
            Some(
                ["code", "kind", "name", "person", "rows", "tags", "total"]
                    .map(String::from)
                    .to_vec()
            )
        );
    }

    #[test]
    fn what_cannot_be_known_before_evaluating_turns_the_shortcut_off() {
        let reading = |condition: Value| {
            let mut field = text("b");
            field["visible_if"] = condition;
            let fields = json!([
                text("a"),
                field,
                {"key": "g", "type": "group", "label": {"en": "L"}, "fields": [text("c")]},
                {"key": "rows", "type": "repeatable", "label": {"en": "L"}, "fields": [text("d")]}
            ]);
            keys(logic_reads(&definition(fields, json!([]))))
        };
        assert!(reading(json!({"var": "a"})).is_some());
        for condition in [
            json!({"var": "g"}),
            json!({"var": "rows"}),
            json!({"var": "rows.0"}),
            json!({"var": "nobody"}),
            json!({"var": "$row.d"}),
            json!({"var": ""}),
            json!({"var": {"cat": ["a", ""]}}),
            json!({"missing": {"var": "a"}}),
        ] {
            assert_eq!(reading(condition.clone()), None, "{condition}");
        }
    }
}
