//! `compile(definition)`: a definition made ready to evaluate many times.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::definition::{Definition, DefinitionError, FeeAmount, Field};
use crate::pointer;

#[cfg(not(target_arch = "wasm32"))]
mod reads;

/// A definition whose expressions and patterns all compiled, with the indexes evaluation uses.
/// Build one with [`compile`] and share it (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct CompiledForm {
    definition: Definition,
    /// The step of every top-level key.
    steps: BTreeMap<String, usize>,
    /// Upper bound of the rounds visibility needs to settle.
    max_rounds: usize,
    /// What the expressions read, when it is known before evaluating (see [`reads`]). Not in
    /// the browser's build, which evaluates in rounds only (its size budget).
    #[cfg(not(target_arch = "wasm32"))]
    reads: Option<BTreeMap<String, bool>>,
    /// `sha256:` and the hex SHA-256 of the canonical definition, made on first use (the
    /// browser never asks, so its build carries neither the hash nor the serialiser).
    content_hash: OnceLock<String>,
}

impl CompiledForm {
    /// The definition compiled.
    pub fn definition(&self) -> &Definition {
        &self.definition
    }

    /// The index of the step that holds the field at `pointer`.
    pub fn step_of(&self, pointer: &str) -> Option<usize> {
        self.steps.get(pointer::top_key(pointer)?).copied()
    }

    /// The identity of this version of the definition: `sha256:` and the hex SHA-256 of its
    /// canonical JSON (see [`canonical_json`]). Two files that differ only in layout, key order
    /// or `$schema` have the same hash; any change of content gives another.
    pub fn content_hash(&self) -> &str {
        self.content_hash
            .get_or_init(|| content_hash(&self.definition))
    }

    pub(crate) fn max_rounds(&self) -> usize {
        self.max_rounds
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn reads(&self) -> Option<&BTreeMap<String, bool>> {
        self.reads.as_ref()
    }
}

/// Compiles every JSON Logic expression and pattern of `definition`. Fails on the first that
/// does not compile, with its JSON Pointer in the definition; [`crate::lint`] reports them all.
pub fn compile(definition: Definition) -> Result<CompiledForm, DefinitionError> {
    let mut conditional = 0;
    for (s, step) in definition.steps.iter().enumerate() {
        compile_fields(
            &step.fields,
            &format!("/steps/{s}/fields"),
            &mut conditional,
        )?;
    }
    for (r, rule) in definition.rules.iter().enumerate() {
        rule.check
            .compiled()
            .map_err(|e| invalid(format!("/rules/{r}/check"), e))?;
    }
    if let Some(fee) = &definition.fee
        && let FeeAmount::Computed(expr) = &fee.amount
    {
        expr.compiled().map_err(|e| invalid("/fee/amount", e))?;
    }
    let steps = definition
        .steps
        .iter()
        .enumerate()
        .flat_map(|(s, step)| step.fields.iter().map(move |f| (f.key.clone(), s)))
        .collect();
    Ok(CompiledForm {
        content_hash: OnceLock::new(),
        #[cfg(not(target_arch = "wasm32"))]
        reads: reads::logic_reads(&definition),
        definition,
        steps,
        // Each round settles at least one more link of the longest chain of conditions.
        max_rounds: conditional + 2,
    })
}

/// The canonical JSON text of a definition: as forms-core reads it (defaults left out), without
/// `$schema`, object keys sorted by their UTF-8 bytes, no whitespace, strings escaped as
/// serde_json does. It does not depend on how the file was laid out.
pub fn canonical_json(definition: &Definition) -> String {
    let mut value = serde_json::to_value(definition).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("$schema");
    }
    let mut out = String::new();
    write_canonical(&value, &mut out);
    out
}

/// Any JSON value as canonical text: object keys sorted by their UTF-8 bytes, no whitespace.
/// Two values that are equal as JSON give the same text, whatever their layout or key order.
pub fn canonical_value(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                write_canonical(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// `sha256:` and the hex SHA-256 of [`canonical_json`].
pub fn content_hash(definition: &Definition) -> String {
    let digest = Sha256::digest(canonical_json(definition).as_bytes());
    let mut hash = String::with_capacity(7 + 64);
    hash.push_str("sha256:");
    for byte in digest {
        hash.push_str(&format!("{byte:02x}"));
    }
    hash
}

fn invalid(path: impl Into<String>, problem: &str) -> DefinitionError {
    DefinitionError::Invalid {
        path: path.into(),
        problem: problem.to_owned(),
    }
}

fn compile_fields(
    fields: &[Field],
    at: &str,
    conditional: &mut usize,
) -> Result<(), DefinitionError> {
    for (i, field) in fields.iter().enumerate() {
        let at = format!("{at}/{i}");
        for (name, expr) in [
            ("visible_if", &field.visible_if),
            ("required_if", &field.required_if),
            ("expression", &field.expression),
        ] {
            if let Some(expr) = expr {
                expr.compiled()
                    .map_err(|e| invalid(format!("{at}/{name}"), e))?;
                *conditional += 1;
            }
        }
        if let Some(pattern) = &field.pattern {
            pattern
                .compiled()
                .map_err(|e| invalid(format!("{at}/pattern"), e))?;
        }
        compile_fields(&field.fields, &format!("{at}/fields"), conditional)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Definition {
        Definition::from_json(text).expect("valid definition")
    }

    const DEMO: &str = r#"{"format": 1, "id": "demo", "version": "1", "languages": ["en"],
        "title": {"en": "Demo"},
        "steps": [{"id": "s", "title": {"en": "S"}, "fields": [
            {"key": "name", "type": "text", "label": {"en": "Name"}, "max_length": 5}]}]}"#;

    #[test]
    fn canonical_json_sorts_keys_and_drops_layout() {
        let text = canonical_json(&parse(DEMO));
        assert!(text.starts_with(r#"{"format":1,"id":"demo","languages":["en"],"steps":"#));
        assert!(!text.contains(' '), "{text}");
        assert!(
            text.contains(r#"{"key":"name","label":{"en":"Name"},"max_length":5,"type":"text"}"#)
        );
    }

    #[test]
    fn the_hash_ignores_layout_and_schema_but_not_content() {
        let hash = content_hash(&parse(DEMO));
        assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
        // No whitespace, and the first two keys swapped.
        let relaid = DEMO
            .replace(['\n', ' '], "")
            .replace(r#""format":1,"id":"demo","#, r#""id":"demo","format":1,"#);
        assert!(
            relaid.starts_with(r#"{"id":"demo","format":1,"#),
            "{relaid}"
        );
        assert_eq!(content_hash(&parse(&relaid)), hash);
        let with_schema = DEMO.replacen(
            '{',
            r#"{"$schema": "./schema/form-definition.schema.json", "#,
            1,
        );
        assert_eq!(content_hash(&parse(&with_schema)), hash);
        let changed = DEMO.replace(r#""max_length": 5"#, r#""max_length": 6"#);
        assert_ne!(content_hash(&parse(&changed)), hash);
        let form = compile(parse(DEMO)).expect("compiles");
        assert_eq!(form.content_hash(), hash);
    }

    /// The SHA-256 itself, against the example of FIPS 180-2 appendix B.1 ("abc").
    #[test]
    fn sha256_matches_the_fips_example() {
        let digest = Sha256::digest(b"abc");
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
