//! The state shared by every request handler.

use std::sync::{Arc, OnceLock};

use forms_core::Localizer;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::store::Store;

/// The server's own messages (API errors), next to forms-core's.
const SERVER_FTL: [(&str, &str); 4] = [
    ("bg", include_str!("../../i18n/bg/server.ftl")),
    ("en", include_str!("../../i18n/en/server.ftl")),
    ("pl", include_str!("../../i18n/pl/server.ftl")),
    ("az", include_str!("../../i18n/az/server.ftl")),
];

/// Cheap to clone: everything inside is shared.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The published definition versions.
    pub catalog: Arc<Catalog>,
    /// Where submissions go.
    pub store: Store,
    /// Where the built browser app is.
    pub web_dir: Arc<std::path::Path>,
    /// The app's `index.html`, read at start-up (the first paint of a form is drawn into it).
    pub index_html: Option<Arc<str>>,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// The secret access tokens are derived from.
    pub token_secret: Arc<[u8]>,
    /// The administrations' API tokens (checked at start-up by `forms serve`).
    pub admin_tokens: Arc<[crate::config::AdminToken]>,
    /// The Content-Security-Policy of every response (see `http/security.rs`).
    pub content_security_policy: Arc<str>,
    /// The portals that may frame the app (`FORMS_FRAME_ANCESTORS`): their pages are the only
    /// places besides this server's own status page that a payment may return to.
    pub portals: Arc<[String]>,
    /// Days a draft is kept after its last save.
    pub draft_days: u32,
    /// The administrations' webhooks the outbox worker delivers to.
    pub webhooks: Arc<crate::deliver::Webhooks>,
    /// The payment providers of the administrations.
    pub payments: Arc<crate::payments::Payments>,
    /// The pay.egov.bg simulator's requests (used only when it is enabled).
    pub simulator: Arc<crate::payments::simulator::Simulator>,
    /// The request metrics of this process.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The per-client rate limiter of the routes that take data from anyone.
    pub limiter: Arc<crate::http::observe::Limiter>,
}

impl AppState {
    /// Assembles the state from its parts. The definitions directory is published into the
    /// catalog separately ([`Catalog::publish_files`]).
    pub fn new(store: Store, config: &Config) -> Self {
        let payments = crate::payments::Payments::load(
            config.payments.as_deref(),
            config.payment_simulator,
            &config.public_url(),
        )
        .unwrap_or_default();
        Self::with_payments(store, config, payments)
    }

    /// [`AppState::new`] with the payment providers already loaded (`forms serve` loads them
    /// first, to refuse to start on a bad `FORMS_PAYMENTS`).
    pub fn with_payments(
        store: Store,
        config: &Config,
        payments: crate::payments::Payments,
    ) -> Self {
        let portals = config.frame_ancestors().unwrap_or_default();
        let index_html = std::fs::read_to_string(config.web_dir.join("index.html")).ok();
        AppState {
            catalog: Arc::new(Catalog::new(store.clone())),
            store,
            web_dir: Arc::from(config.web_dir.as_path()),
            index_html: index_html.as_deref().map(Arc::from),
            max_body_bytes: config.max_body_bytes,
            draft_days: config.draft_days,
            metrics: Arc::default(),
            simulator: Arc::default(),
            content_security_policy: Arc::from(crate::http::security::content_security_policy(
                index_html.as_deref(),
                &portals,
                // Forms go to the payment portals, and come back (the simulator's choice is a
                // form whose answer redirects) to the framing portals' pages.
                &[payments.portal_origins(), portals.clone()].concat(),
            )),
            portals: Arc::from(portals),
            payments: Arc::new(payments),
            webhooks: Arc::new(crate::deliver::Webhooks::new(
                config.webhooks().unwrap_or_default(),
                config
                    .webhook_secret
                    .as_deref()
                    .unwrap_or_default()
                    .as_bytes(),
            )),
            limiter: Arc::new(crate::http::observe::Limiter::new(
                config.rate_limit,
                config.client_ip_header.clone(),
            )),
            admin_tokens: Arc::from(config.administrations().unwrap_or_default()),
            token_secret: match &config.token_secret {
                Some(secret) => Arc::from(secret.as_bytes()),
                None => {
                    // `forms serve` always gives one (configured, or kept in the database).
                    tracing::warn!("no token secret: access tokens end with this process");
                    Arc::from(crate::token::random_secret())
                }
            },
        }
    }
}

/// forms-core's messages plus the server's, parsed once for the whole process.
pub fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(|| {
        Localizer::new(forms_core::i18n::CORE_FTL.into_iter().chain(SERVER_FTL))
            .expect("the embedded messages are checked by tests")
    })
}

/// The evaluation context of a request in `lang`: today is the date in Sofia.
pub fn context(lang: &str) -> forms_core::Context {
    forms_core::Context {
        today: crate::clock::today(),
        lang: lang.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_server_message() {
        let localizer = localizer();
        for key in crate::error::MESSAGE_KEYS {
            for lang in forms_core::i18n::LANGUAGES {
                assert!(localizer.has(lang, key), "{lang}: {key}");
            }
        }
    }
}
