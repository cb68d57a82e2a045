//! The list of e-services.

pub mod services_page;
