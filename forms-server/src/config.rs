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
    /// The secret that access tokens are derived from (at least 32 characters); every replica
    /// needs the same one. When unset, one is made once and kept in the database.
    #[arg(
        long = "token-secret",
        env = "FORMS_TOKEN_SECRET",
        hide_env_values = true
    )]
    pub token_secret: Option<String>,
    /// The administrations' API tokens, as `EIK:SHA256` pairs separated by commas: the EIK of
    /// the provider whose forms the token may act on, and the hex SHA-256 of the token (make
    /// one with `forms admin-token EIK`). No pair, no administration API.
    #[arg(
        long = "admin-tokens",
        env = "FORMS_ADMIN_TOKENS",
        hide_env_values = true
    )]
    pub admin_tokens: Option<String>,
    /// The portals that may show the forms in a frame, as origins separated by spaces or
    /// commas (`https://portal.egov.bg`); the server's own pages always may.
    #[arg(long = "frame-ancestors", env = "FORMS_FRAME_ANCESTORS")]
    pub frame_ancestors: Option<String>,
    /// Days a draft is kept after its last save; then a background job deletes it.
    #[arg(
        long = "draft-days",
        env = "FORMS_DRAFT_DAYS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=3650)
    )]
    pub draft_days: u32,
    /// Requests a minute each client IP may make to the routes that take data (submissions,
    /// validation, drafts, publishing a definition), in bursts of as many; more get 429.
    #[arg(long = "rate-limit", env = "FORMS_RATE_LIMIT", default_value = "60")]
    pub rate_limit: std::num::NonZeroU32,
    /// The header in which a reverse proxy in front of the server gives the client's IP (for
    /// example `X-Forwarded-For`, whose last entry is used). Only set it when such a proxy
    /// always writes that header: else clients could choose their own IP.
    #[arg(long = "client-ip-header", env = "FORMS_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// Where each administration's system hears of its submissions, as `EIK=URL` pairs
    /// separated by commas: a signed POST when one is made or moves (see `deliver.rs`).
    #[arg(long = "webhooks", env = "FORMS_WEBHOOKS")]
    pub webhooks: Option<String>,
    /// The secret the webhooks are signed with (at least 32 characters; needed with
    /// `FORMS_WEBHOOKS`).
    #[arg(
        long = "webhook-secret",
        env = "FORMS_WEBHOOK_SECRET",
        hide_env_values = true
    )]
    pub webhook_secret: Option<String>,
    /// The payment providers of the administrations: a JSON file (see `.env.example`); the
    /// secrets it names come from the environment or from files, never from it.
    #[arg(long = "payments", env = "FORMS_PAYMENTS")]
    pub payments: Option<PathBuf>,
    /// Serve the local simulator of pay.egov.bg at `/simulator/egov/` and use it for every
    /// administration without a provider (development and tests only).
    #[arg(
        long = "payment-simulator",
        env = "FORMS_PAYMENT_SIMULATOR",
        default_value_t = false
    )]
    pub payment_simulator: bool,
    /// The address citizens reach this server at (payment return and notification URLs);
    /// default `http://` and the bind address.
    #[arg(long = "public-url", env = "FORMS_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// One administration's API token, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminToken {
    /// The provider EIK whose forms it may act on.
    pub eik: String,
    /// The hex SHA-256 of the token.
    pub hash: String,
}

impl Config {
    /// The server's public URL, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The configured portal origins, each `scheme://host[:port]`.
    pub fn frame_ancestors(&self) -> Result<Vec<String>, String> {
        let Some(text) = &self.frame_ancestors else {
            return Ok(Vec::new());
        };
        text.split([',', ' '])
            .filter(|o| !o.is_empty())
            .map(|origin| {
                let host = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"))
                    .filter(|h| {
                        !h.is_empty()
                            && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
                    });
                host.map(|_| origin.to_owned()).ok_or_else(|| {
                    format!("FORMS_FRAME_ANCESTORS: {origin:?} is not an origin such as https://portal.egov.bg")
                })
            })
            .collect()
    }

    /// The configured webhooks by EIK; an entry that is not `EIK=http(s)://…`, or webhooks
    /// without a secret of at least 32 characters, is an error that stops start-up.
    pub fn webhooks(&self) -> Result<std::collections::HashMap<String, String>, String> {
        let Some(text) = &self.webhooks else {
            return Ok(Default::default());
        };
        let mut hooks = std::collections::HashMap::new();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (eik, url) = entry
                .split_once('=')
                .ok_or_else(|| format!("FORMS_WEBHOOKS: {entry:?} is not EIK=URL"))?;
            let eik = forms_core::identifier::Scheme::Eik
                .validate(eik.trim())
                .map_err(|_| format!("FORMS_WEBHOOKS: {eik:?} is not a valid EIK"))?;
            let url = url.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("FORMS_WEBHOOKS: {url:?} is not an http(s) URL"));
            }
            hooks.insert(eik, url.to_owned());
        }
        if !hooks.is_empty() && self.webhook_secret.as_ref().is_none_or(|s| s.len() < 32) {
            return Err(
                "FORMS_WEBHOOKS needs FORMS_WEBHOOK_SECRET of at least 32 characters".into(),
            );
        }
        Ok(hooks)
    }

    /// The configured administration tokens; an entry that is not `EIK:SHA256` (a valid EIK,
    /// 64 lower-case hex digits) is an error that stops start-up.
    pub fn administrations(&self) -> Result<Vec<AdminToken>, String> {
        let Some(text) = &self.admin_tokens else {
            return Ok(Vec::new());
        };
        text.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let (eik, hash) = entry
                    .split_once(':')
                    .ok_or_else(|| format!("FORMS_ADMIN_TOKENS: {entry:?} is not EIK:SHA256"))?;
                let eik = forms_core::identifier::Scheme::Eik
                    .validate(eik)
                    .map_err(|_| format!("FORMS_ADMIN_TOKENS: {eik:?} is not a valid EIK"))?;
                if hash.len() != 64
                    || !hash
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                {
                    return Err(format!(
                        "FORMS_ADMIN_TOKENS: the hash for {eik} must be 64 lower-case hex digits"
                    ));
                }
                Ok(AdminToken {
                    eik,
                    hash: hash.to_owned(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        config: Config,
    }

    fn with_tokens(tokens: &str) -> Config {
        Cli::parse_from(["forms", "--admin-tokens", tokens]).config
    }

    #[test]
    fn administration_tokens_are_eik_and_sha256_pairs() {
        let hash = "a".repeat(64);
        let admins = with_tokens(&format!("000627597:{hash}, 121817309:{hash}"))
            .administrations()
            .expect("valid");
        assert_eq!(admins.len(), 2);
        assert_eq!(admins[1].eik, "121817309");
        for bad in [
            format!("000627597{hash}"),
            format!("000627598:{hash}"),
            "000627597:abc".to_owned(),
            format!("000627597:{}", "A".repeat(64)),
        ] {
            let error = with_tokens(&bad).administrations().expect_err(&bad);
            assert!(error.starts_with("FORMS_ADMIN_TOKENS"), "{error}");
        }
        assert_eq!(
            Cli::parse_from(["forms"]).config.administrations(),
            Ok(Vec::new())
        );
    }

    #[test]
    fn frame_ancestors_are_origins() {
        let config = Cli::parse_from([
            "forms",
            "--frame-ancestors",
            "https://portal.egov.bg, http://127.0.0.2:8081",
        ])
        .config;
        assert_eq!(
            config.frame_ancestors(),
            Ok(vec![
                "https://portal.egov.bg".to_owned(),
                "http://127.0.0.2:8081".to_owned()
            ])
        );
        for bad in [
            "portal.egov.bg",
            "https://",
            "https://a/b",
            "'unsafe-inline'",
        ] {
            let config = Cli::parse_from(["forms", "--frame-ancestors", bad]).config;
            assert!(config.frame_ancestors().is_err(), "{bad}");
        }
    }
}
