//! Configuration of `forms serve`, from flags and environment variables (see `.env.example`).

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything `forms serve` needs to start; every value has a default that makes `make run` work.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long = "bind", env = "FORMS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Where submissions are stored: `sqlite://PATH` (the file is created).
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "sqlite://data/forms.sqlite"
    )]
    pub database_url: String,
    /// The directory of published form definitions (`*.json`).
    #[arg(
        long = "definitions",
        env = "FORMS_DEFINITIONS_DIR",
        default_value = "form-definitions"
    )]
    pub definitions_dir: PathBuf,
    /// The built browser app (trunk's output).
    #[arg(
        long = "web-dir",
        env = "FORMS_WEB_DIR",
        default_value = "forms-web/dist"
    )]
    pub web_dir: PathBuf,
    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long = "max-body-bytes", env = "FORMS_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// The secret that access tokens are derived from; every replica needs the same one. When
    /// unset, a random one is made at start-up (tokens then end with the process).
    #[arg(
        long = "token-secret",
        env = "FORMS_TOKEN_SECRET",
        hide_env_values = true
    )]
    pub token_secret: Option<String>,
}
