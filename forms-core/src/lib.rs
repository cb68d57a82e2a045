//! forms-core: the brain of the eForms runtime.
//!
//! It reads form definitions, checks them (lint), compiles them, evaluates submitted data
//! against them, localises the resulting messages and formats reference numbers. It does no
//! I/O, so the very same code runs in the browser (compiled to `wasm32-unknown-unknown`) and on
//! the server, and both give the same verdict.

pub mod compile;
pub mod date;
pub mod definition;
pub mod evaluate;
pub mod holidays;
pub mod html;
pub mod i18n;
pub mod identifier;
pub mod lifecycle;
pub mod lint;
pub mod logic;
pub mod number;
pub mod pattern;
pub mod pointer;
pub mod reference;
pub mod schema;

pub use compile::{CompiledForm, canonical_json, canonical_value, compile, content_hash};
pub use date::Date;
pub use definition::{
    Definition, DefinitionError, Field, FieldKind, FilledBy, LocalizedText, Step,
};
pub use evaluate::{
    Context, ErrorCode, Evaluation, FieldError, Money, Visible, evaluate, evaluate_as,
    evaluate_step,
};
pub use i18n::Localizer;
