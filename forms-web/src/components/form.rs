//! Filling a form.

pub mod confirmation;
pub mod error_summary;
pub mod field_input;
pub mod form_fill;
pub mod form_page;
