//! What a form's expressions read, known before evaluating: the one-walk shortcut of
//! evaluation (`evaluate_with`) compares only what they read. Server only: the browser's build
//! leaves the shortcut out, for its size budget, and evaluates in rounds.

use std::collections::BTreeMap;

use crate::definition::{Definition, FeeAmount, Field, FieldKind};
use crate::logic::Expr;

/// What the form's expressions (conditions, computed values, rules, fee) read, by field key:
/// `false` for a field whose value is read, `true` for a group or repeatable group read whole
/// (a path that ends at it or at one of its rows: everything inside is read, and nothing else
/// may be there). A path to a field inside a group also reads the group's key (`false`). `None`
/// when an expression reads anything else: a path computed while evaluating, the whole data,
/// or a key that no field has.
///
/// Evaluation uses it to tell, in one walk, that the data as given already is what the next
/// round's conditions would see: then that walk's verdict is final. Keys, not pointers: a key
/// of another field that is the same only makes the check stricter.
pub(super) fn logic_reads(definition: &Definition) -> Option<BTreeMap<String, bool>> {
    let mut reads = Reads {
        top: definition.fields().collect(),
        keys: BTreeMap::new(),
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
                row = (field.kind == FieldKind::Repeatable).then_some(field);
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
    keys: BTreeMap<String, bool>,
}

impl<'d> Reads<'d> {
    /// The expressions of `fields` and of the fields inside them; `row` is the innermost
    /// repeatable group around them, `around` the keys of the fields that hold `fields`.
    fn fields(
        &mut self,
        fields: &'d [Field],
        row: Option<&'d Field>,
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
                FieldKind::Repeatable => Some(field),
                _ => row,
            };
            around.push(&field.key);
            self.fields(&field.fields, row, around)?;
            around.pop();
        }
        Some(())
    }

    /// Notes the keys on the way to what each path of `expr` reads.
    fn expr(&mut self, expr: &Expr, row: Option<&'d Field>, around: &[&str]) -> Option<()> {
        for var in expr.vars() {
            // Inside `some` and the like a path starts at the element, which the path of the
            // list (also read) holds.
            if var.depth > 0 {
                continue;
            }
            let mut segments = var.path.split('.');
            // The group or row the path has reached, if any.
            let mut at = None;
            let mut fields: Vec<&Field> = match (segments.next(), row) {
                (Some("$index"), Some(_)) => continue,
                (Some("$row"), Some(row)) => {
                    for key in around {
                        self.read((*key).to_owned());
                    }
                    at = Some(row);
                    row.fields.iter().collect()
                }
                (Some("$row" | "$index"), None) => return None,
                _ => {
                    segments = var.path.split('.');
                    self.top.clone()
                }
            };
            loop {
                let Some(key) = segments.next() else {
                    // The path ends at a group or a row: it reads all of it.
                    self.whole(at?);
                    break;
                };
                let field = *fields.iter().find(|f| f.key == key)?;
                self.read(field.key.clone());
                match field.kind {
                    FieldKind::Group => {}
                    FieldKind::Repeatable => match segments.next() {
                        Some(index) => {
                            index.parse::<usize>().ok()?;
                        }
                        None => {
                            self.whole(field);
                            break;
                        }
                    },
                    // Whatever the path reads inside a value, the whole value is compared.
                    _ => break,
                }
                at = Some(field);
                fields = field.fields.iter().collect();
            }
        }
        Some(())
    }

    fn read(&mut self, key: String) {
        self.keys.entry(key).or_insert(false);
    }

    /// Everything inside `container` is read.
    fn whole(&mut self, container: &Field) {
        self.keys.insert(container.key.clone(), true);
        for field in &container.fields {
            match field.kind {
                FieldKind::Group | FieldKind::Repeatable => self.whole(field),
                _ => self.read(field.key.clone()),
            }
        }
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

    fn shown_if(var: Value) -> Value {
        let mut field = text("shown");
        field["visible_if"] = json!({"==": [var, "x"]});
        field
    }

    fn reads(fields: Value, rules: Value) -> Option<Vec<(String, bool)>> {
        logic_reads(&definition(fields, rules)).map(|r| r.into_iter().collect())
    }

    fn expected(keys: &[(&str, bool)]) -> Option<Vec<(String, bool)>> {
        Some(keys.iter().map(|(k, w)| ((*k).to_owned(), *w)).collect())
    }

    #[test]
    fn the_fields_read_and_the_groups_around_them() {
        let fields = json!([
            text("kind"),
            {"key": "person", "type": "group", "label": {"en": "L"},
             "fields": [text("name"), shown_if(json!({"var": "person.name"}))]},
            {"key": "rows", "type": "repeatable", "label": {"en": "L"},
             "fields": [text("code"), shown_if(json!({"var": "$row.code"})),
                        shown_if(json!({"var": "$index"}))]},
            {"key": "total", "type": "computed", "label": {"en": "L"},
             "expression": {"cat": [{"var": "kind"}, {"var": "rows.0.code"}]}}
        ]);
        let rules = json!([{"id": "r", "path": "/rows/*/code", "message": {"en": "M"},
            "check": {"!=": [{"var": "$row.code"}, {"var": "total"}]}}]);
        assert_eq!(
            reads(fields, rules),
            expected(&[
                ("code", false),
                ("kind", false),
                ("name", false),
                ("person", false),
                ("rows", false),
                ("total", false)
            ])
        );
    }

    #[test]
    fn a_path_to_a_group_or_a_row_reads_everything_inside() {
        let fields = |condition: Value| {
            json!([
                {"key": "g", "type": "group", "label": {"en": "L"}, "fields": [
                    text("a"),
                    {"key": "inner", "type": "group", "label": {"en": "L"}, "fields": [text("b")]}
                ]},
                {"key": "rows", "type": "repeatable", "label": {"en": "L"},
                 "fields": [text("c"), shown_if(json!({"var": "$row"}))]},
                shown_if(condition)
            ])
        };
        let rows = [("c", false), ("rows", true), ("shown", false)];
        assert_eq!(reads(fields(json!("x")), json!([])), expected(&rows));
        for whole_rows in [
            json!({"var": "rows"}),
            json!({"var": "rows.1"}),
            json!({"some": [{"var": "rows"}, {"var": "c"}]}),
        ] {
            assert_eq!(
                reads(fields(whole_rows.clone()), json!([])),
                expected(&rows),
                "{whole_rows}"
            );
        }
        assert_eq!(
            reads(fields(json!({"var": "g"})), json!([])),
            expected(&[
                ("a", false),
                ("b", false),
                ("c", false),
                ("g", true),
                ("inner", true),
                ("rows", true),
                ("shown", false)
            ])
        );
    }

    /// The shortcut is for real forms: every published one (and the bench's) can take it.
    #[test]
    fn every_published_form_can_take_the_shortcut() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut seen = 0;
        for dir in ["form-definitions", "bench/forms"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("definitions") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).expect("readable");
                    let definition = Definition::from_json(&text).expect("valid definition");
                    assert!(logic_reads(&definition).is_some(), "{}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen >= 7, "{seen} definitions");
    }

    #[test]
    fn what_cannot_be_known_before_evaluating_turns_the_shortcut_off() {
        let reading = |condition: Value| {
            let fields = json!([
                text("a"),
                shown_if(condition),
                {"key": "rows", "type": "repeatable", "label": {"en": "L"}, "fields": [text("d")]}
            ]);
            reads(fields, json!([]))
        };
        assert!(reading(json!({"var": "a"})).is_some());
        for condition in [
            json!({"var": "nobody"}),
            json!({"var": "rows.first"}),
            json!({"var": "$row.d"}),
            json!({"var": "$index"}),
            json!({"var": ""}),
            json!({"var": {"cat": ["a", ""]}}),
            json!({"missing": {"var": "a"}}),
        ] {
            assert_eq!(reading(condition.clone()), None, "{condition}");
        }
    }
}
