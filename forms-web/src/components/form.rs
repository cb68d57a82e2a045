//! Filling a form.

pub mod choices;
pub mod confirmation;
pub mod drafts;
pub mod error_summary;
pub mod field_input;
pub mod field_view;
pub mod form_fill;
pub mod form_page;
pub mod review;
pub mod rows;
pub mod state;
