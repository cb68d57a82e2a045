//! Fees, paid through the state's e-payment provider: pay.egov.bg (`egov.rs`) or ePay.bg
//! (`epay.rs`), configured per administration (`FORMS_PAYMENTS`, a JSON file; secrets from the
//! environment or a file, never in it), or the local simulator of pay.egov.bg
//! (`simulator.rs`, `FORMS_PAYMENT_SIMULATOR`) for the administrations without one.
//!
//! The amount is the fee the server computed from the pinned definition. The browser's return
//! is never proof of payment: only a verified notification, a status poll, or the expiry moves
//! the ledger (`ledger.rs` decides how), and each of those appends to the submission's timeline
//! in the same transaction.

pub mod egov;
pub mod epay;
pub mod ledger;
pub mod simulator;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::state::AppState;
use crate::store::{Change, NewPayment, Payment, Received, StoredSubmission};
use egov::Status;
use ledger::Decision;

/// Which protocol an administration's provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The Bulgarian e-payment environment.
    Egov,
    /// ePay.bg.
    Epay,
}

impl Kind {
    /// The name in URLs and the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Egov => "egov",
            Kind::Epay => "epay",
        }
    }
}

/// One administration's provider, as the `FORMS_PAYMENTS` file gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The administration (the forms' `service.provider_eik`).
    pub eik: String,
    /// `egov` or `epay`.
    pub provider: Kind,
    /// pay.egov.bg's `clientId`, or ePay.bg's merchant number (`MIN`).
    pub client_id: String,
    /// The environment variable holding the secret.
    #[serde(default)]
    pub secret_env: Option<String>,
    /// Or the file holding it (its first line).
    #[serde(default)]
    pub secret_file: Option<PathBuf>,
    /// pay.egov.bg's API base (`https://pay-test.egov.bg`); not used by ePay.bg.
    #[serde(default)]
    pub api_url: Option<String>,
    /// Where the browser is sent to pay: pay.egov.bg's portal (`/vpos/payment` is added), or
    /// ePay.bg's payment page (`https://demo.epay.bg/`).
    pub portal_url: String,
    /// The administration's name, bank, BIC and IBAN, as on its payment orders.
    pub service_provider_name: String,
    /// The bank's name.
    pub bank: String,
    /// The bank's BIC.
    pub bic: String,
    /// The account's IBAN.
    pub iban: String,
    /// pay.egov.bg's payment type code (default `1`).
    #[serde(default)]
    pub payment_type_code: Option<String>,
    /// Days an unpaid request stays payable (default 7).
    #[serde(default)]
    pub expiry_days: Option<u32>,
}

/// A provider ready to use: its settings and its secret.
#[derive(Clone)]
pub struct Provider {
    /// The settings.
    pub settings: Settings,
    secret: Vec<u8>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("settings", &self.settings)
            .field("secret", &"…")
            .finish()
    }
}

impl Provider {
    /// A provider with its secret.
    pub fn new(settings: Settings, secret: &[u8]) -> Self {
        Provider {
            settings,
            secret: secret.to_vec(),
        }
    }

    /// The secret the provider's messages are signed with.
    pub fn secret(&self) -> &[u8] {
        &self.secret
    }
}

/// Every administration's provider.
#[derive(Debug, Clone, Default)]
pub struct Payments {
    by_eik: HashMap<String, Provider>,
    /// The simulator's secret, when it stands in for the administrations without a provider.
    simulator: Option<Vec<u8>>,
    /// The server's public URL (`FORMS_PUBLIC_URL`): the base of return and notification URLs.
    pub public_url: String,
}

/// The `FORMS_PAYMENTS` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    administrations: Vec<Settings>,
}

impl Payments {
    /// Reads the `FORMS_PAYMENTS` file (if any) and the secrets it names; `simulator` makes the
    /// simulator the provider of every other administration.
    pub fn load(
        file: Option<&std::path::Path>,
        simulator: bool,
        public_url: &str,
    ) -> Result<Self, String> {
        let mut payments = Payments {
            public_url: public_url.trim_end_matches('/').to_owned(),
            simulator: simulator.then(|| crate::token::random_hex().into_bytes()),
            ..Payments::default()
        };
        let Some(path) = file else {
            return Ok(payments);
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("FORMS_PAYMENTS {}: {e}", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| format!("FORMS_PAYMENTS {}: {e}", path.display()))?;
        for settings in file.administrations {
            let secret = match (&settings.secret_env, &settings.secret_file) {
                (Some(name), None) => std::env::var(name).map_err(|_| {
                    format!("FORMS_PAYMENTS: {} is not set ({})", name, settings.eik)
                })?,
                (None, Some(path)) => std::fs::read_to_string(path)
                    .map_err(|e| format!("FORMS_PAYMENTS: {}: {e}", path.display()))?
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                _ => {
                    return Err(format!(
                        "FORMS_PAYMENTS: {} needs exactly one of secret_env and secret_file",
                        settings.eik
                    ));
                }
            };
            if secret.is_empty() {
                return Err(format!(
                    "FORMS_PAYMENTS: the secret of {} is empty",
                    settings.eik
                ));
            }
            if settings.provider == Kind::Egov && settings.api_url.is_none() {
                return Err(format!("FORMS_PAYMENTS: {} needs api_url", settings.eik));
            }
            let eik = settings.eik.clone();
            payments
                .by_eik
                .insert(eik, Provider::new(settings, secret.as_bytes()));
        }
        Ok(payments)
    }

    /// Adds a provider (tests and the simulator use this).
    pub fn insert(&mut self, provider: Provider) {
        self.by_eik.insert(provider.settings.eik.clone(), provider);
    }

    /// The simulator's secret, if it is on.
    pub fn simulator_secret(&self) -> Option<&[u8]> {
        self.simulator.as_deref()
    }

    /// The provider of the administration with this EIK (the simulator's, when it stands in).
    pub fn for_eik(&self, eik: Option<&str>) -> Option<Provider> {
        let eik = eik.unwrap_or("");
        if let Some(provider) = self.by_eik.get(eik) {
            return Some(provider.clone());
        }
        let secret = self.simulator.as_ref()?;
        let base = format!("{}/simulator/egov", self.public_url);
        Some(Provider::new(
            Settings {
                eik: eik.to_owned(),
                provider: Kind::Egov,
                client_id: format!("simulator-{eik}"),
                secret_env: None,
                secret_file: None,
                api_url: Some(base.clone()),
                portal_url: base,
                service_provider_name: "Simulator".into(),
                bank: "Simulator".into(),
                bic: "BNBGBGSD".into(),
                // The IBAN of the Bulgarian National Bank's published example.
                iban: "BG80BNBG96611020345678".into(),
                payment_type_code: None,
                expiry_days: None,
            },
            secret,
        ))
    }

    /// The pay.egov.bg provider whose `clientId` this is.
    pub fn egov_by_client(&self, client_id: &str) -> Option<Provider> {
        if let Some(provider) = self
            .by_eik
            .values()
            .find(|p| p.settings.provider == Kind::Egov && p.settings.client_id == client_id)
        {
            return Some(provider.clone());
        }
        let eik = client_id.strip_prefix("simulator-")?;
        self.simulator.as_ref()?;
        self.for_eik(Some(eik))
            .filter(|p| !self.by_eik.contains_key(&p.settings.eik))
    }

    /// The ePay.bg providers.
    pub fn epay_providers(&self) -> impl Iterator<Item = &Provider> {
        self.by_eik
            .values()
            .filter(|p| p.settings.provider == Kind::Epay)
    }

    /// The origins the browser is sent to (for the CSP's `form-action`).
    pub fn portal_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self
            .by_eik
            .values()
            .filter_map(|p| origin(&p.settings.portal_url))
            .collect();
        origins.sort();
        origins.dedup();
        origins
    }
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// Why a payment cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The provider refused the request (its reasons are logged).
    #[error("the provider refused the payment request: {0}")]
    Refused(String),
    /// The provider could not be reached or answered nonsense.
    #[error("the provider did not answer: {0}")]
    Unreachable(String),
    /// A payment is authorized or ordered already: nothing to start.
    #[error("a payment is on its way")]
    InFlight,
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Where the browser goes to pay: a POST of `fields` to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The provider's page.
    pub url: String,
    /// The form fields, in order.
    pub fields: Vec<(String, String)>,
}

/// The applicant's identity for the provider: (type, number, name), read from the answers:
/// the first `egn` (type 1), `lnch` (2) or `eik` (3) anywhere in them, and a name.
fn applicant(data: &Value) -> (Option<u8>, Option<String>, Option<String>) {
    fn find<'a>(value: &'a Value, keys: &[&'static str]) -> Option<(&'static str, &'a str)> {
        match value {
            Value::Object(map) => {
                for key in keys {
                    if let Some(Value::String(s)) = map.get(*key)
                        && !s.is_empty()
                    {
                        return Some((key, s));
                    }
                }
                map.values().find_map(|v| find(v, keys))
            }
            Value::Array(items) => items.iter().find_map(|v| find(v, keys)),
            _ => None,
        }
    }
    let uin = find(data, &["egn", "lnch", "eik"]);
    let kind = uin.map(|(key, _)| match key {
        "egn" => 1,
        "lnch" => 2,
        _ => 3,
    });
    let name = find(data, &["full_name", "name"])
        .map(|(_, n)| n.to_owned())
        .or_else(|| {
            let first = find(data, &["first_name"])?.1;
            let last = find(data, &["last_name"]).map_or("", |(_, l)| l);
            Some(format!("{first} {last}").trim().to_owned())
        });
    (kind, uin.map(|(_, n)| n.replace(' ', "")), name)
}

/// Posts a signed message to pay.egov.bg and reads the JSON answer (on the blocking pool).
pub async fn egov_post(url: String, message: egov::Signed) -> Result<Value, String> {
    tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(20)))
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .post(&url)
            .send_form([
                ("clientId", message.client_id.as_str()),
                ("hmac", message.hmac.as_str()),
                ("data", message.data.as_str()),
            ])
            .map_err(|e| format!("POST {url}: {e}"))?;
        let status = response.status();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("POST {url}: {e}"))?;
        if !status.is_success() {
            return Err(format!("POST {url}: HTTP {}", status.as_u16()));
        }
        serde_json::from_str(&text).map_err(|e| format!("POST {url}: not JSON: {e}"))
    })
    .await
    .map_err(|e| format!("request task: {e}"))?
}

/// The attempt to pay `submission`'s fee: the open one if it is still payable, else a new one
/// registered with the provider. With the page the browser is to be sent to.
pub async fn start(
    state: &AppState,
    provider: &Provider,
    submission: &StoredSubmission,
    (amount, currency): (&str, &str),
    reason: &str,
    data: &Value,
    back: &Back<'_>,
) -> Result<(Payment, Redirect), StartError> {
    let now = crate::store::now_rfc3339();
    let latest = state.store.latest_payment(submission.id).await?;
    // Authorized or Ordered: the money is on its way; a second payment must not start.
    if latest.as_ref().is_some_and(|p| {
        matches!(
            Status::parse(&p.status),
            Some(Status::Authorized | Status::Ordered)
        )
    }) {
        return Err(StartError::InFlight);
    }
    let reusable = latest.filter(|p| {
        Status::parse(&p.status).is_some_and(|s| !ledger::is_end(s))
            && p.expires_at > now
            && p.provider == provider.settings.provider.as_str()
            && p.amount == amount
    });
    let payment = match reusable {
        Some(payment) => payment,
        None => {
            register(
                state,
                provider,
                submission,
                (amount, currency),
                reason,
                data,
            )
            .await?
        }
    };
    let redirect = redirect(state, provider, submission, &payment, back);
    Ok((payment, redirect))
}

async fn register(
    state: &AppState,
    provider: &Provider,
    submission: &StoredSubmission,
    (amount, currency): (&str, &str),
    reason: &str,
    data: &Value,
) -> Result<Payment, StartError> {
    let settings = &provider.settings;
    let days = i64::from(settings.expiry_days.unwrap_or(7));
    let expires = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    let expires_at = crate::store::rfc3339(expires);
    let provider_id = match settings.provider {
        Kind::Egov => {
            let (kind, uin, name) = applicant(data);
            let public = &state.payments.public_url;
            let request = json!({
                "aisPaymentId": submission.reference,
                "serviceProviderName": settings.service_provider_name,
                "serviceProviderBank": settings.bank,
                "serviceProviderBIC": settings.bic,
                "serviceProviderIBAN": settings.iban,
                "currency": currency,
                "paymentTypeCode": settings.payment_type_code.as_deref().unwrap_or("1"),
                "paymentAmount": amount,
                "paymentReason": reason,
                "applicantUinTypeId": kind,
                "applicantUin": uin,
                "applicantName": name,
                "paymentReferenceType": "9",
                "paymentReferenceNumber": submission.reference,
                "paymentReferenceDate": submission.created_at,
                "expirationDate": expires_at,
                "additionalInformation": submission.form_id,
                "administrativeServiceUri": format!("{public}/f/{}", submission.form_id),
                "administrativeServiceSupplierUri": public,
                "administrativeServiceNotificationURL": format!("{public}/api/v1/payments/egov/notify"),
            });
            let message = egov::sign(&settings.client_id, provider.secret(), &request);
            let api = settings.api_url.as_deref().unwrap_or_default();
            let answer = egov_post(format!("{api}/api/v1/eService/paymentJson"), message)
                .await
                .map_err(StartError::Unreachable)?;
            match egov::Receipt::from_json(&answer) {
                Ok(egov::Receipt::Accepted { id, .. }) => id,
                Ok(egov::Receipt::Unaccepted { errors }) => {
                    return Err(StartError::Refused(errors.join("; ")));
                }
                Err(e) => return Err(StartError::Unreachable(e.to_string())),
            }
        }
        // ePay.bg's invoice: the reference's digits, the same for every attempt.
        Kind::Epay => submission
            .reference
            .chars()
            .filter(char::is_ascii_digit)
            .collect(),
    };
    let inserted = state
        .store
        .insert_payment(&NewPayment {
            submission_id: submission.id,
            provider: settings.provider.as_str(),
            ais_payment_id: &submission.reference,
            provider_id: &provider_id,
            amount,
            currency,
            expires_at: &expires_at,
        })
        .await;
    match inserted {
        Ok(payment) => Ok(payment),
        // Two starts at once: the other made the attempt; go on with it.
        Err(e) if crate::store::is_unique_violation(&e) => state
            .store
            .latest_payment(submission.id)
            .await?
            .ok_or(StartError::Database(e)),
        Err(e) => Err(e.into()),
    }
}

/// Where the provider sends the browser back to (okUrl, cancelUrl), with the trip's return
/// code (see `payment_returns`).
#[derive(Debug, Clone, Copy)]
pub struct Back<'a> {
    /// The language of the page the browser comes back to.
    pub lang: &'a str,
    /// The single-use code, redeemed for the status token by the page it comes back to.
    pub code: &'a str,
    /// The portal page that framed the app (checked against `FORMS_FRAME_ANCESTORS`), whose
    /// embed.js shows the status page in its frame again; else this server's status page.
    pub portal: Option<&'a str>,
}

impl Back<'_> {
    /// The address to come back to with `outcome` (`ok` or `cancel`). Every value in it is
    /// URL-safe as it is: a reference, a form id, a language code, a hex code.
    pub fn url(&self, public: &str, submission: &StoredSubmission, outcome: &str) -> String {
        let (lang, code, reference) = (self.lang, self.code, &submission.reference);
        match self.portal {
            None => format!("{public}/s/{reference}?payment={outcome}&lang={lang}&return={code}"),
            Some(page) => {
                let (page, fragment) = page
                    .split_once('#')
                    .map_or((page, None), |(p, f)| (p, Some(f)));
                let separator = if page.contains('?') { '&' } else { '?' };
                let form = &submission.form_id;
                let mut url = format!(
                    "{page}{separator}forms_form={form}&forms_reference={reference}\
                     &forms_payment={outcome}&forms_lang={lang}&forms_return={code}"
                );
                if let Some(fragment) = fragment {
                    url.push('#');
                    url.push_str(fragment);
                }
                url
            }
        }
    }
}

/// The page the browser is sent to for `payment`.
fn redirect(
    state: &AppState,
    provider: &Provider,
    submission: &StoredSubmission,
    payment: &Payment,
    back_to: &Back<'_>,
) -> Redirect {
    let settings = &provider.settings;
    let public = &state.payments.public_url;
    let back = |outcome: &str| back_to.url(public, submission, outcome);
    match settings.provider {
        Kind::Egov => {
            let message = egov::sign(
                &settings.client_id,
                provider.secret(),
                &json!({"id": payment.provider_id, "okUrl": back("ok"), "cancelUrl": back("cancel")}),
            );
            Redirect {
                url: format!("{}/vpos/payment", settings.portal_url.trim_end_matches('/')),
                fields: vec![
                    ("clientId".into(), message.client_id),
                    ("hmac".into(), message.hmac),
                    ("data".into(), message.data),
                ],
            }
        }
        Kind::Epay => {
            let expires = payment
                .expires_at
                .get(..10)
                .and_then(forms_core::Date::parse)
                .map(|d| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()))
                .unwrap_or_default();
            let request = epay::request(
                &settings.client_id,
                provider.secret(),
                &payment.provider_id,
                &payment.amount,
                &expires,
                &submission.reference,
            );
            Redirect {
                url: settings.portal_url.clone(),
                fields: vec![
                    ("PAGE".into(), "paylogin".into()),
                    ("ENCODED".into(), request.encoded),
                    ("CHECKSUM".into(), request.checksum),
                    ("URL_OK".into(), back("ok")),
                    ("URL_CANCEL".into(), back("cancel")),
                ],
            }
        }
    }
}

/// Whether `payment` is of a submission of `provider`'s administration (a client's secret
/// moves only its own administration's payments).
pub async fn belongs_to(
    state: &AppState,
    payment: &Payment,
    provider: &Provider,
) -> Result<bool, sqlx::Error> {
    let Some(submission) = state.store.submission_by_id(payment.submission_id).await? else {
        return Ok(false);
    };
    let eik = state
        .catalog
        .version(&submission.form_hash)
        .await?
        .and_then(|v| v.stored.provider_eik)
        .unwrap_or_default();
    Ok(eik == provider.settings.eik)
}

/// What became of a reported status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Applied to the ledger.
    Applied,
    /// Applied, and flagged: money after the end.
    LatePaidFlagged,
    /// Already so.
    Duplicate,
    /// It would have moved the payment back: recorded only.
    IgnoredBackwards,
}

impl Outcome {
    /// As the ledger records it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::LatePaidFlagged => "late_paid_flagged",
            Outcome::Duplicate => "duplicate",
            Outcome::IgnoredBackwards => "ignored_backwards",
        }
    }
}

/// Applies a status the provider reported (a verified notification, a poll, the expiry) to
/// `payment`, recording `received` whatever happens.
pub async fn report(
    state: &AppState,
    payment: &Payment,
    status: Status,
    received: &Received<'_>,
) -> Result<Outcome, sqlx::Error> {
    let mut payment = payment.clone();
    // A concurrent report may win the race: read again and decide again, a few times.
    for _ in 0..3 {
        let current = Status::parse(&payment.status).unwrap_or(Status::Pending);
        let (submission_status, flag) = match ledger::decide(current, status) {
            Decision::Duplicate => {
                // A provider's message is kept even when it changes nothing; our own polls and
                // the expiry asking again are not (a poll a minute would fill the ledger).
                if received.source == "notification" {
                    state
                        .store
                        .record_notification(
                            received,
                            Some(payment.id),
                            Outcome::Duplicate.as_str(),
                        )
                        .await?;
                }
                return Ok(Outcome::Duplicate);
            }
            Decision::Backwards => {
                state
                    .store
                    .record_notification(
                        received,
                        Some(payment.id),
                        Outcome::IgnoredBackwards.as_str(),
                    )
                    .await?;
                return Ok(Outcome::IgnoredBackwards);
            }
            Decision::Apply {
                submission_status,
                flag,
            } => (submission_status, flag),
        };
        let outcome = if flag.is_some() {
            Outcome::LatePaidFlagged
        } else {
            Outcome::Applied
        };
        let submission = state.store.submission_by_id(payment.submission_id).await?;
        // The submission follows its payment while it waits for it; a late payment also
        // marks it paid; one that has moved on (registered, withdrawn) keeps its status.
        let moves = submission.as_ref().and_then(|s| {
            let to = submission_status?;
            let waiting = ["awaiting_payment", "payment_failed", "payment_expired"]
                .contains(&s.status.as_str());
            (waiting && s.status != to).then_some((s, to))
        });
        if let (Some(to), Some(s), None) = (submission_status, &submission, &moves)
            && s.status != to
        {
            tracing::warn!(payment = payment.id, from = %s.status, to, "payment: the submission keeps its status");
        }
        let actor = format!("payment:{}", payment.provider);
        let applied = state
            .store
            .apply_payment(
                &Change {
                    payment: &payment,
                    status: status.as_str(),
                    flag: flag.as_deref(),
                    submission: moves,
                    actor: &actor,
                    note: status.as_str(),
                },
                received,
                outcome.as_str(),
            )
            .await?;
        if applied {
            if let Some(flag) = &flag {
                tracing::warn!(payment = payment.id, %flag, "payment flagged for the administration");
            }
            return Ok(outcome);
        }
        match state
            .store
            .payment_by_provider_id(&payment.provider, &payment.provider_id)
            .await?
        {
            Some(fresh) => payment = fresh,
            None => break,
        }
    }
    Err(sqlx::Error::Protocol(
        "the payment kept changing under its notification".into(),
    ))
}

/// One pass of the status poller: asks pay.egov.bg for the open attempts that are due, and
/// applies the answers; the next poll of each backs off (1, 2, 4 … minutes, at most an hour).
/// Returns how many attempts were polled.
pub async fn poll_once(state: &AppState) -> Result<usize, sqlx::Error> {
    let due = state
        .store
        .claim_polls(20, Duration::from_secs(300))
        .await?;
    for payment in &due {
        let minutes = 1i64 << payment.polls.clamp(0, 6);
        let next = time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes.min(60));
        state
            .store
            .schedule_poll(payment.id, &crate::store::rfc3339(next))
            .await?;
        let Some(submission) = state.store.submission_by_id(payment.submission_id).await? else {
            continue;
        };
        let eik = state
            .catalog
            .version(&submission.form_hash)
            .await?
            .and_then(|v| v.stored.provider_eik);
        let Some(provider) = state.payments.for_eik(eik.as_deref()) else {
            continue;
        };
        let settings = &provider.settings;
        let message = egov::sign(
            &settings.client_id,
            provider.secret(),
            &json!({"requestIds": [payment.provider_id]}),
        );
        let api = settings.api_url.as_deref().unwrap_or_default();
        let answer = match egov_post(format!("{api}/api/v1/eService/paymentsStatus"), message).await
        {
            Ok(answer) => answer,
            Err(e) => {
                tracing::warn!(payment = payment.id, "payment status poll: {e}");
                continue;
            }
        };
        let items = match &answer {
            Value::Array(items) => items.clone(),
            other => other
                .get("statuses")
                .or_else(|| other.get("payments"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        };
        let raw = answer.to_string();
        for item in items {
            let Ok(change) = egov::StatusChange::from_json(&item) else {
                continue;
            };
            if change.id != payment.provider_id {
                continue;
            }
            let received = Received {
                provider: Kind::Egov.as_str(),
                source: "poll",
                raw: &raw,
                verified: true,
            };
            report(state, payment, change.status, &received).await?;
        }
    }
    Ok(due.len())
}

/// One pass of the expiry: every open attempt past its expiry date is Expired (its submission
/// `payment_expired`). A payment the provider takes later is still recorded, and flagged.
pub async fn expire_once(state: &AppState) -> Result<usize, sqlx::Error> {
    let expired = state.store.expired_payments().await?;
    for payment in &expired {
        let received = Received {
            provider: &payment.provider,
            source: "expiry",
            raw: "{}",
            verified: true,
        };
        report(state, payment, Status::Expired, &received).await?;
    }
    Ok(expired.len())
}

/// The payment jobs of `forms serve`, on every replica: the poller every 30 seconds (it claims
/// its rows, so replicas do not poll the same attempt), the expiry every minute (replicas may
/// race on an attempt: the ledger's conditional update lets one of them win, the other finds it
/// done).
pub async fn run_jobs(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(30));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut tick = 0u64;
    loop {
        every.tick().await;
        if let Err(e) = poll_once(&state).await {
            tracing::warn!("payment status poll: database: {e}");
        }
        if tick.is_multiple_of(2)
            && let Err(e) = expire_once(&state).await
        {
            tracing::warn!("payment expiry: database: {e}");
        }
        tick += 1;
    }
}
