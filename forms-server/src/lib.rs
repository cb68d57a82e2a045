//! forms-server: the axum server and the `forms` command line.
//!
//! The server loads the published form definitions, serves the browser app, re-validates every
//! submission with forms-core (the same code the browser ran) and stores what it accepts.
//! [`app`] builds the whole router; `main.rs` and the tests both call it.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod deliver;
pub mod error;
pub mod http;
pub mod metrics;
pub mod payments;
pub mod registry;
pub mod state;
pub mod store;
pub mod token;
pub mod tools;

pub use http::app;
pub use state::AppState;
