//! The app's components, one per file, grouped by area.

pub mod form;
pub mod layout;
pub mod services;
pub mod status;
