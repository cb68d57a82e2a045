//! The `forms` command line: `serve`, and the tools of an administration's developer —
//! `check` (lint), `validate` (evaluate one submission) and `schema` (the submission's JSON
//! Schema). The tools write their results to standard output and exit 0 (clean or valid),
//! 1 (findings or invalid) or 2 (input that cannot be read).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::Config;
use crate::registry::FormRegistry;
use crate::state::AppState;
use crate::store::Store;
use crate::tools;

/// The eForms runtime.
#[derive(Debug, Parser)]
#[command(name = "forms", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
// Parsed once per process: the size of `serve`'s configuration does not matter.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Serve the browser app and the HTTP API.
    Serve(Config),
    /// Lint form definitions (files, or directories of `*.json`): one `file: /pointer: code:
    /// message` line per finding; exit 0 clean, 1 findings, 2 unreadable.
    Check(tools::CheckArgs),
    /// Evaluate one submission against a definition and print the verdict as JSON; exit 0
    /// valid, 1 invalid, 2 unreadable.
    Validate(tools::ValidateArgs),
    /// Print the JSON Schema (2020-12) of a definition's submission data.
    Schema(tools::SchemaArgs),
    /// Make an administration API token for the provider with this EIK: prints the token
    /// (give it to the administration) and the `EIK:SHA256` entry for `FORMS_ADMIN_TOKENS`.
    AdminToken(tools::AdminTokenArgs),
}

/// Runs the command line; the exit code is 0 on success, 2 when start-up fails.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let command = match cli.command {
        Command::Serve(config) => config,
        Command::Check(args) => return tools::check(&args),
        Command::Validate(args) => return tools::validate(&args),
        Command::Schema(args) => return tools::schema(&args),
        Command::AdminToken(args) => return tools::admin_token(&args),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match serve(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::from(2)
        }
    }
}

async fn serve(mut config: Config) -> Result<(), String> {
    let admins = config.administrations()?;
    let webhooks = config.webhooks()?;
    let payments = crate::payments::Payments::load(
        config.payments.as_deref(),
        config.payment_simulator,
        &config.public_url(),
    )?;
    if config.token_secret.as_ref().is_some_and(|s| s.len() < 32) {
        return Err(
            "FORMS_TOKEN_SECRET must be at least 32 characters (openssl rand -hex 32)".into(),
        );
    }
    config.frame_ancestors()?;
    let registry = FormRegistry::load_dir(&config.definitions_dir).map_err(|e| e.to_string())?;
    tracing::info!(
        forms = registry.len(),
        dir = %config.definitions_dir.display(),
        "loaded form definitions"
    );
    let store = Store::connect(&config.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", config.database_url))?;
    if config.token_secret.is_none() {
        // One secret for every replica and every restart: kept in the database they share.
        let candidate = crate::token::random_hex();
        let secret = store
            .shared_setting("token_secret", &candidate)
            .await
            .map_err(|e| format!("database {}: {e}", config.database_url))?;
        tracing::info!(
            "access tokens use the secret kept in the database (FORMS_TOKEN_SECRET overrides it)"
        );
        config.token_secret = Some(secret);
    }
    if !config.web_dir.join("index.html").is_file() {
        tracing::warn!(
            dir = %config.web_dir.display(),
            "the browser app is not built here; only the API is served (run `make run`)"
        );
    }
    tracing::info!(administrations = admins.len(), "administration API tokens");
    let state = AppState::with_payments(store, &config, payments);
    let published = state
        .catalog
        .publish_files(&registry)
        .await
        .map_err(|e| format!("database {}: {e}", config.database_url))?;
    tracing::info!(new = published, "published the definitions directory");
    tokio::spawn(delete_expired(state.store.clone()));
    tokio::spawn(forget_quiet_clients(state.limiter.clone()));
    tracing::info!(webhooks = webhooks.len(), "administration webhooks");
    tokio::spawn(crate::deliver::run(state.clone()));
    if config.payment_simulator {
        tracing::warn!("the pay.egov.bg simulator is on: no payment is real");
    }
    tracing::info!(portals = ?state.payments.portal_origins(), "payment providers");
    tokio::spawn(crate::payments::run_jobs(state.clone()));
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    tracing::info!("listening on http://{}", config.bind);
    let app = crate::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))
}

/// The background job that deletes expired drafts and payment return codes, once at start-up
/// and then every hour. Each replica runs it; the DELETEs are idempotent, so they never
/// conflict.
async fn delete_expired(store: Store) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match store.delete_expired_drafts().await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "expired drafts deleted"),
            Err(e) => tracing::warn!("deleting expired drafts: {e}"),
        }
        if let Err(e) = store.delete_expired_return_codes().await {
            tracing::warn!("deleting expired payment return codes: {e}");
        }
    }
}

/// Every ten minutes, the rate limiter forgets the clients back at a full allowance, so its
/// memory follows the clients of the last minutes, not of all time.
async fn forget_quiet_clients(limiter: std::sync::Arc<crate::http::observe::Limiter>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        limiter.forget_quiet_clients();
    }
}

/// Ctrl-C or SIGTERM (what a container runtime or systemd sends): stop accepting connections,
/// finish the requests in flight, then exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
