//! Following an application: its status page and paying its fee.

pub mod pay_button;
pub mod status_page;
