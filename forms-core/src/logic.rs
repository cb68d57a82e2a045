//! JSON Logic (<https://jsonlogic.com>) in definitions: conditions (`visible_if`, `required_if`,
//! rules), computed values and fees, evaluated by the `jsonlogic` crate (every operator of the
//! specification, on `serde_json` values), the same in the browser and on the server.
//!
//! Why that crate and not `datalogic-rs`: measured in the browser build, `datalogic-rs` 5 adds
//! about 160 KB (brotli) to the app, `jsonlogic` about 30 KB; see docs/ARCHITECTURE.md. This
//! module is the only place that names the crate.
//!
//! An expression sees the whole submission data: `{"var": "applicant.kind"}`. Inside a
//! repeatable group it also sees the current row as `$row` and its position as `$index`
//! (`{"var": "$row.register"}`); field keys start with a letter, so these never clash.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A JSON Logic expression as written in a definition, compiled on first use.
#[derive(Clone)]
pub struct Expr {
    raw: Value,
    /// What is evaluated: `raw` with `>` and `>=` turned around (see [`turn_comparisons`]).
    eval: Value,
    /// Whether every operator is known (checked once).
    checked: OnceLock<Result<(), String>>,
}

impl Expr {
    /// An expression from its JSON.
    pub fn new(raw: Value) -> Expr {
        Expr {
            eval: turn_comparisons(&raw),
            raw,
            checked: OnceLock::new(),
        }
    }

    /// The expression as written.
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// Whether the expression can be evaluated, or why not (an unknown operator).
    pub fn compiled(&self) -> Result<(), &str> {
        self.checked
            .get_or_init(|| jsonlogic::apply(&self.eval, &Value::Null).map(|_| ()))
            .as_ref()
            .copied()
            .map_err(String::as_str)
    }

    /// Every data path the expression reads with `var` (or `missing`), with the operators that
    /// iterate (`some`, `all`, `none`, `map`, `filter`, `reduce`) telling which paths are relative
    /// to an element rather than to the data; a path known only when evaluated (computed, or
    /// `{"var": ""}`, the whole data) is the empty path. For lint, for the dependency order and
    /// for what evaluation compares (see `CompiledForm::reads`).
    pub fn vars(&self) -> Vec<VarRef> {
        let mut found = Vec::new();
        collect_vars(&self.raw, 0, &mut found);
        found
    }
}

/// A data path read by an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarRef {
    /// The path as written, dot-separated (`applicant.kind`, `$row.register`).
    pub path: String,
    /// How many iterating operators enclose it: 0 means the path starts at the whole data.
    pub depth: usize,
}

fn collect_vars(value: &Value, depth: usize, found: &mut Vec<VarRef>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_vars(v, depth, found)),
        Value::Object(map) if map.len() == 1 => {
            let Some((operator, args)) = map.iter().next() else {
                return;
            };
            match operator.as_str() {
                "var" => {
                    let path = match args {
                        Value::Array(a) => a.first(),
                        other => Some(other),
                    };
                    match path {
                        Some(Value::String(p)) => found.push(VarRef {
                            path: p.clone(),
                            depth,
                        }),
                        Some(Value::Number(n)) => found.push(VarRef {
                            path: n.to_string(),
                            depth,
                        }),
                        // `{"var": ""}` (the whole data) or a computed path: known only when
                        // evaluated, recorded as the empty path.
                        computed => {
                            computed
                                .into_iter()
                                .for_each(|p| collect_vars(p, depth, found));
                            found.push(VarRef {
                                path: String::new(),
                                depth,
                            });
                        }
                    }
                    if let Value::Array(a) = args {
                        a.iter().skip(1).for_each(|v| collect_vars(v, depth, found));
                    }
                }
                "missing" | "missing_some" => {
                    let paths = match args {
                        Value::Array(a) if operator == "missing_some" => a.get(1),
                        other => Some(other),
                    };
                    // A path that is computed is recorded as the empty path (see `var`).
                    let mut push = |v: &Value| {
                        let path = match v {
                            Value::String(p) => p.clone(),
                            other => {
                                collect_vars(other, depth, found);
                                String::new()
                            }
                        };
                        found.push(VarRef { path, depth });
                    };
                    match paths {
                        Some(Value::Array(a)) => a.iter().for_each(&mut push),
                        Some(v) => push(v),
                        None => {}
                    }
                    // How many of them `missing_some` needs may be computed too.
                    if let ("missing_some", Value::Array(a)) = (operator.as_str(), args)
                        && let Some(needed) = a.first()
                    {
                        collect_vars(needed, depth, found);
                    }
                }
                "some" | "all" | "none" | "map" | "filter" | "reduce" => {
                    if let Value::Array(a) = args {
                        for (i, arg) in a.iter().enumerate() {
                            collect_vars(arg, if i == 1 { depth + 1 } else { depth }, found);
                        }
                    }
                }
                _ => collect_vars(args, depth, found),
            }
        }
        _ => {}
    }
}

impl fmt::Debug for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expr").field(&self.raw).finish()
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Expr::new)
    }
}

/// `{">": [a, b]}` as `{"<": [b, a]}` and `{">=": [a, b]}` as `{"<=": [b, a]}`, everywhere in
/// an expression. JavaScript (and so jsonlogic.js, the reference) defines `a > b` as `b < a`,
/// which is false when either side is not comparable (a missing answer, a word against a
/// number); the `jsonlogic` crate computes `a > b` as "not `a <= b`", which is then true. Turned
/// around, the crate's own `<` and `<=` give the reference's answers, so a rule such as
/// `{">": [{"var": "end"}, {"var": "start"}]}` does not hold while a date is missing.
fn turn_comparisons(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let turned: Map<String, Value> = map
                .iter()
                .map(|(op, args)| {
                    let args = turn_comparisons(args);
                    let flipped = match op.as_str() {
                        ">" => Some("<"),
                        ">=" => Some("<="),
                        _ => None,
                    };
                    match (flipped, args) {
                        (Some(flipped), Value::Array(mut pair)) if pair.len() == 2 => {
                            pair.reverse();
                            (flipped.to_owned(), Value::Array(pair))
                        }
                        (_, args) => (op.clone(), args),
                    }
                })
                .collect();
            Value::Object(turned)
        }
        Value::Array(items) => Value::Array(items.iter().map(turn_comparisons).collect()),
        other => other.clone(),
    }
}

/// Truthiness as JSON Logic defines it (jsonlogic.com/truthy): `false`, `null`, `0`, `""` and
/// `[]` are false, everything else (objects too) true.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

/// The whole data plus `$row` and `$index`, for the fields and rules of a repeatable group's
/// rows. The data is copied once per group, not once per row: each row only swaps its own
/// `$row` and `$index` in.
pub(crate) struct RowData(Value);

impl RowData {
    /// The whole submission data, ready to take rows.
    pub(crate) fn new(data: &Map<String, Value>) -> RowData {
        RowData(Value::Object(data.clone()))
    }

    /// The scope of row `index`, whose value is `row`.
    pub(crate) fn scope(&mut self, row: &Value, index: usize) -> Scope<'_> {
        if let Value::Object(map) = &mut self.0 {
            map.insert("$row".to_owned(), row.clone());
            map.insert("$index".to_owned(), Value::from(index));
        }
        Scope::new(&self.0)
    }
}

/// The data expressions are evaluated over.
pub(crate) struct Scope<'a> {
    data: Cow<'a, Value>,
}

impl<'a> Scope<'a> {
    /// The whole submission data as the expressions' data.
    pub(crate) fn new(data: &'a Value) -> Scope<'a> {
        Scope {
            data: Cow::Borrowed(data),
        }
    }

    /// The value of `expr`; `None` if it cannot be evaluated.
    pub(crate) fn value(&self, expr: &Expr) -> Option<Value> {
        jsonlogic::apply(&expr.eval, &self.data).ok()
    }

    /// Whether `expr` holds, by JSON Logic truthiness; an expression that cannot be evaluated
    /// does not hold.
    pub(crate) fn holds(&self, expr: &Expr) -> bool {
        self.value(expr).is_some_and(|v| truthy(&v))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn expr(v: Value) -> Expr {
        Expr::new(v)
    }

    #[test]
    fn conditions_and_values_over_the_data() {
        let data = json!({"kind": "company", "copies": 3, "list": []});
        let scope = Scope::new(&data);
        assert!(scope.holds(&expr(json!({"==": [{"var": "kind"}, "company"]}))));
        assert!(!scope.holds(&expr(json!({"var": "list"}))), "[] is falsy");
        assert!(!scope.holds(&expr(json!({"var": "absent"}))));
        assert_eq!(
            scope.value(&expr(json!({"*": [{"var": "copies"}, 2.5]}))),
            Some(json!(7.5))
        );
    }

    #[test]
    fn rows_see_themselves_and_the_whole_data() {
        let mut data = Map::new();
        data.insert("kind".into(), json!("company"));
        let mut rows = RowData::new(&data);
        let check = expr(json!({"and": [
            {"==": [{"var": "$row.register"}, "NRA"]},
            {"==": [{"var": "$index"}, 2]},
            {"==": [{"var": "kind"}, "company"]}
        ]}));
        assert!(rows.scope(&json!({"register": "NRA"}), 2).holds(&check));
        // The next row replaces the previous one.
        assert!(!rows.scope(&json!({"register": "NSSI"}), 2).holds(&check));
        assert!(!rows.scope(&json!({"register": "NRA"}), 3).holds(&check));
    }

    /// The answers of jsonlogic.js (JavaScript's relational comparison): nothing compared
    /// with a missing value or a non-number holds, whichever way round.
    #[test]
    fn greater_than_is_false_when_a_side_is_missing() {
        let data = json!({"start": "2026-01-01", "n": 5});
        let scope = Scope::new(&data);
        for (e, expected) in [
            (json!({">": [{"var": "end"}, {"var": "start"}]}), false),
            (json!({">=": [{"var": "end"}, {"var": "start"}]}), false),
            (json!({">": [{"var": "start"}, {"var": "end"}]}), false),
            (json!({">": ["x", {"var": "n"}]}), false),
            (json!({">=": [{"var": "n"}, "x"]}), false),
            (json!({">": [{"var": "n"}, 4]}), true),
            (json!({">": [{"var": "n"}, 5]}), false),
            (json!({">=": [{"var": "n"}, 5]}), true),
            (json!({">": ["2026-02-01", {"var": "start"}]}), true),
            (json!({"!": {">": [{"var": "end"}, 1]}}), true),
            (json!({"<": [1, {"var": "n"}, 10]}), true),
        ] {
            assert_eq!(scope.holds(&expr(e.clone())), expected, "{e}");
        }
        // What is written is kept as written (the definition's hash and the API show it).
        let written = json!({">": [{"var": "n"}, 4]});
        assert_eq!(expr(written.clone()).raw(), &written);
    }

    #[test]
    fn bad_expressions_are_reported_and_never_hold() {
        let bad = expr(json!({"no_such_operator": [1]}));
        assert!(bad.compiled().is_err());
        assert!(!Scope::new(&json!({})).holds(&bad));
    }

    /// The truthy table of jsonlogic.com/truthy.
    #[test]
    fn truthiness_follows_the_specification() {
        for falsy in [
            json!(0),
            json!(-0.0),
            json!(""),
            json!([]),
            json!(null),
            json!(false),
        ] {
            assert!(!truthy(&falsy), "{falsy}");
        }
        for true_ in [
            json!(1),
            json!(-1),
            json!("0"),
            json!("a"),
            json!([0]),
            json!({}),
            json!(true),
        ] {
            assert!(truthy(&true_), "{true_}");
        }
    }

    #[test]
    fn vars_are_collected_with_their_scope() {
        let e = expr(json!({"and": [
            {"var": "a.b"},
            {"some": [{"var": "rows"}, {"==": [{"var": "x"}, 1]}]},
            {"missing": ["c", "d"]},
            {"var": ["e", {"var": "f"}]},
            {"var": {"cat": ["g", {"var": "h"}]}},
            {"missing_some": [{"var": "i"}, [{"var": "j"}]]}
        ]}));
        let vars: Vec<(String, usize)> = e.vars().into_iter().map(|v| (v.path, v.depth)).collect();
        assert_eq!(
            vars,
            [
                ("a.b", 0),
                ("rows", 0),
                ("x", 1),
                ("c", 0),
                ("d", 0),
                ("e", 0),
                ("f", 0),
                ("h", 0),
                ("", 0),
                ("j", 0),
                ("", 0),
                ("i", 0)
            ]
            .map(|(p, d)| (p.to_owned(), d))
        );
    }
}
