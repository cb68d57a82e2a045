//! `compile(definition)`: a definition made ready to evaluate many times.

use std::collections::BTreeMap;

use crate::definition::{Definition, DefinitionError, FeeAmount, Field};
use crate::pointer;

/// A definition whose expressions and patterns all compiled, with the indexes evaluation uses.
/// Build one with [`compile`] and share it (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct CompiledForm {
    definition: Definition,
    /// The step of every top-level key.
    steps: BTreeMap<String, usize>,
    /// Upper bound of the rounds visibility needs to settle.
    max_rounds: usize,
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

    pub(crate) fn max_rounds(&self) -> usize {
        self.max_rounds
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
        definition,
        steps,
        // Each round settles at least one more link of the longest chain of conditions.
        max_rounds: conditional + 2,
    })
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
