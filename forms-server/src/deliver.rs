//! The outbox worker: claims due messages and delivers them. A submission made or moved goes,
//! as a signed webhook, to the system of the administration whose form it is
//! (`FORMS_WEBHOOKS`), so its back office learns of it without polling. The message carries
//! the reference, form version, status, actor and note, never the answers: the receiver
//! fetches those with its administration token (`GET …/admin/forms/{id}/submissions`).
//!
//! Delivery is at least once: a receiver may see a message twice (after a timeout, or a worker
//! that died mid-way) and deduplicates by `X-Forms-Event-Id`. `X-Forms-Signature` is
//! `sha256=` and the hex HMAC-SHA256 of the body under `FORMS_WEBHOOK_SECRET`. A refused
//! delivery (no 2xx) is tried again after 5 s, 10 s, 20 s, … at most an hour apart, and given
//! up after [`MAX_ATTEMPTS`] (kept in the table, counted in `/metrics`).

use std::collections::HashMap;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::state::AppState;
use crate::store::OutboxMessage;

/// Attempts before a message is given up (about a day of retries).
pub const MAX_ATTEMPTS: i64 = 30;

/// How long a claimed message stays with its worker before it is due again.
const LEASE: Duration = Duration::from_secs(120);

/// How many messages a worker claims at a time.
const BATCH: usize = 100;

/// The webhooks of the administrations, by provider EIK.
#[derive(Debug, Clone, Default)]
pub struct Webhooks {
    urls: HashMap<String, String>,
    secret: Vec<u8>,
}

impl Webhooks {
    /// The webhooks of `FORMS_WEBHOOKS` (`EIK=URL` pairs), signed with `secret`.
    pub fn new(urls: HashMap<String, String>, secret: &[u8]) -> Self {
        Webhooks {
            urls,
            secret: secret.to_vec(),
        }
    }

    /// The signature header's value for `body`.
    pub fn signature(&self, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(body);
        format!("sha256={}", crate::token::hex(&mac.finalize().into_bytes()))
    }
}

/// The back-off before attempt `attempts + 1`: 5 s doubled per attempt, at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    Duration::from_secs(5u64.saturating_mul(1 << exponent).min(3600))
}

/// Claims up to a batch of due messages and works on each; returns how many were claimed.
/// Those delivered are marked done together, in one commit (on SQLite a commit is an fsync
/// and the write turn the submissions wait for), or earlier when the pass has taken half the
/// lease (slow receivers), so that a delivered message is not due again meanwhile.
pub async fn dispatch_once(state: &AppState) -> Result<usize, sqlx::Error> {
    let started = std::time::Instant::now();
    let messages = state.store.claim_outbox(BATCH as i64, LEASE).await?;
    let mut done = Vec::with_capacity(messages.len());
    for message in &messages {
        if started.elapsed() > LEASE / 2 {
            state.store.complete_outbox(&done).await?;
            done.clear();
        }
        match handle(state, message).await {
            Ok(()) => done.push(message.id),
            Err(error) => {
                let give_up = message.attempts >= MAX_ATTEMPTS;
                tracing::warn!(
                    id = message.id,
                    topic = %message.topic,
                    attempts = message.attempts,
                    give_up,
                    "outbox: {error}"
                );
                state
                    .store
                    .fail_outbox(message.id, &error, backoff(message.attempts), give_up)
                    .await?;
            }
        }
    }
    state.store.complete_outbox(&done).await?;
    Ok(messages.len())
}

/// Works through the due messages a batch after another until a claim finds less than a
/// batch; returns how many were claimed. A burst of submissions drains at the pace of the
/// deliveries, not a batch per tick.
pub async fn drain(state: &AppState) -> Result<usize, sqlx::Error> {
    let mut claimed = 0;
    loop {
        let batch = dispatch_once(state).await?;
        claimed += batch;
        if batch < BATCH {
            return Ok(claimed);
        }
    }
}

/// The worker of `forms serve`: every two seconds, on every replica, it drains what is due.
pub async fn run(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(2));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = drain(&state).await {
            tracing::warn!("outbox: database: {e}");
        }
    }
}

async fn handle(state: &AppState, message: &OutboxMessage) -> Result<(), String> {
    match message.topic.as_str() {
        "submission.submitted" | "submission.status_changed" => webhook(state, message).await,
        other => Err(format!("no handler for topic {other:?}")),
    }
}

/// Delivers a submission message to its administration's webhook, if it has one.
async fn webhook(state: &AppState, message: &OutboxMessage) -> Result<(), String> {
    let hash = message.payload["form"]["hash"].as_str().unwrap_or_default();
    let provider = state
        .catalog
        .version(hash)
        .await
        .map_err(|e| format!("database: {e}"))?
        .and_then(|v| v.stored.provider_eik);
    let Some(url) = provider.and_then(|eik| state.webhooks.urls.get(&eik).cloned()) else {
        return Ok(());
    };
    let mut body = message.payload.clone();
    if let Value::Object(map) = &mut body {
        map.insert("event_id".into(), Value::from(message.id));
    }
    let body = body.to_string();
    let signature = state.webhooks.signature(body.as_bytes());
    let event_id = message.id.to_string();
    tokio::task::spawn_blocking(move || post(&url, &body, &event_id, &signature))
        .await
        .map_err(|e| format!("delivery task: {e}"))?
}

/// One POST, answered 2xx or it failed.
fn post(url: &str, body: &str, event_id: &str, signature: &str) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .post(url)
        .content_type("application/json")
        .header("X-Forms-Event-Id", event_id)
        .header("X-Forms-Signature", signature)
        .send(body)
        .map_err(|e| format!("POST {url}: {e}"))?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("POST {url}: HTTP {}", status.as_u16()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(5));
        assert_eq!(backoff(2), Duration::from_secs(10));
        assert_eq!(backoff(4), Duration::from_secs(40));
        assert_eq!(backoff(10), Duration::from_secs(2560));
        assert_eq!(backoff(11), Duration::from_secs(3600));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::from_secs(3600));
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_the_body() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        let hooks = Webhooks::new(HashMap::new(), b"Jefe");
        assert_eq!(
            hooks.signature(b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
