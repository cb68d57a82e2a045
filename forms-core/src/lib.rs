//! forms-core: the brain of the eForms runtime.
//!
//! It parses form definitions, evaluates submitted data against them, localises the resulting
//! messages and formats reference numbers. It does no I/O, so the very same code runs in the
//! browser (compiled to `wasm32-unknown-unknown`) and on the server, and both give the same verdict.

pub mod definition;
pub mod evaluate;
pub mod i18n;
pub mod identifier;
pub mod reference;

pub use definition::{Definition, DefinitionError, Field, FieldKind, LocalizedText, Step};
pub use evaluate::{ErrorCode, Evaluation, FieldError, evaluate};
pub use i18n::Localizer;
