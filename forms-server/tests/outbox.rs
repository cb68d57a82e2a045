//! The outbox: written with the change it tells of, delivered by the worker as a signed
//! webhook to the administration whose form it is, retried with back-off, claimed by one
//! replica at a time.

mod common;

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::*;
use forms_server::deliver::{dispatch_once, drain};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const SECRET: &str = "a webhook secret of thirty-two characters";
const CUSTOMS: &str = "customs-eservices-registration";

/// What the administration's system received, and what it answers.
#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    answer: Arc<AtomicU16>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    receiver
        .received
        .lock()
        .expect("lock")
        .push((headers, String::from_utf8_lossy(&body).into_owned()));
    StatusCode::from_u16(receiver.answer.load(Ordering::SeqCst)).expect("status")
}

/// A receiver listening on a free loopback port; its URL.
async fn start_receiver() -> (Receiver, String) {
    let receiver = Receiver::default();
    receiver.answer.store(204, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("address"));
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (receiver, url)
}

fn customs_example() -> Value {
    let text = std::fs::read_to_string(repo_path(&format!(
        "form-definitions/examples/{CUSTOMS}/valid-company.json"
    )))
    .expect("example");
    serde_json::from_str(&text).expect("json")
}

fn verify(headers: &HeaderMap, body: &str) {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("key");
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        headers["x-forms-signature"],
        format!("sha256={hex}").as_str()
    );
}

/// Delivery on both backends: made, moved, refused and retried later, or nobody to tell.
async fn delivery(backend: Backend) {
    let (receiver, url) = start_receiver().await;
    let app = test_app_with(backend, |config| {
        config.webhooks = Some(format!("000627597={url}"));
        config.webhook_secret = Some(SECRET.into());
    })
    .await;
    let state = app.state.clone().expect("state");

    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{CUSTOMS}/submissions"),
            json!({"data": customs_example()}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let reference = created["reference"].as_str().expect("reference").to_owned();
    assert_eq!(dispatch_once(&state).await.expect("dispatch"), 1);
    {
        let received = receiver.received.lock().expect("lock");
        assert_eq!(received.len(), 1);
        let (headers, body) = &received[0];
        verify(headers, body);
        let message: Value = serde_json::from_str(body).expect("json");
        assert_eq!(message["type"], "submission.submitted");
        assert_eq!(message["reference"], reference.as_str());
        assert_eq!(message["status"], "submitted");
        assert_eq!(message["form"]["id"], CUSTOMS);
        assert_eq!(
            headers["x-forms-event-id"],
            message["event_id"].to_string().as_str()
        );
        assert!(message.get("data").is_none(), "no answers in a webhook");
        assert!(
            !body.contains("Примерна търговия"),
            "no answers in a webhook"
        );
    }
    assert_eq!(
        dispatch_once(&state).await.expect("dispatch"),
        0,
        "done once"
    );

    let (status, _) = app
        .post_with_token(
            &format!("/api/v1/admin/submissions/{reference}/status"),
            &json!({"status": "registered", "note": "Вписано под № 17"}),
            CUSTOMS_ADMIN,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(dispatch_once(&state).await.expect("dispatch"), 1);
    {
        let received = receiver.received.lock().expect("lock");
        let message: Value = serde_json::from_str(&received[1].1).expect("json");
        assert_eq!(message["type"], "submission.status_changed");
        assert_eq!(message["status"], "registered");
        assert_eq!(message["actor"], "administration:000627597");
        assert_eq!(message["note"], "Вписано под № 17");
    }

    // The receiver is down: the message is kept and due again later, not at once.
    receiver.answer.store(503, Ordering::SeqCst);
    let (status, _) = app
        .post(
            &format!("/api/v1/forms/{CUSTOMS}/submissions"),
            json!({"data": customs_example()}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(dispatch_once(&state).await.expect("dispatch"), 1);
    assert_eq!(receiver.received.lock().expect("lock").len(), 3);
    assert_eq!(
        dispatch_once(&state).await.expect("dispatch"),
        0,
        "backing off"
    );
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (1, 0));

    // A form of an administration without a webhook: done, nothing sent.
    let (status, _) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            json!({"data": {"full_name": "Мария Петрова", "address": "София", "information": "Бюджет"}})
                .to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(dispatch_once(&state).await.expect("dispatch"), 1);
    assert_eq!(receiver.received.lock().expect("lock").len(), 3);
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (1, 0));
    app.cleanup().await;
}

#[tokio::test]
async fn submissions_reach_the_administrations_webhook_on_sqlite() {
    delivery(Backend::Sqlite).await;
}

#[tokio::test]
async fn submissions_reach_the_administrations_webhook_on_postgres() {
    delivery(Backend::Postgres).await;
}

/// A burst is drained at once, a batch of 100 after another, each batch marked done in one
/// statement: not a batch per tick of the worker.
async fn a_backlog_drains_in_one_pass(backend: Backend) {
    let app = test_app(backend).await;
    let state = app.state.clone().expect("state");
    for _ in 0..230 {
        store_plain_submission(&app.store).await;
    }
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (230, 0));
    assert_eq!(dispatch_once(&state).await.expect("dispatch"), 100);
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (130, 0));
    assert_eq!(drain(&state).await.expect("drain"), 130);
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (0, 0));
    assert_eq!(drain(&state).await.expect("drain"), 0);
    app.cleanup().await;
}

#[tokio::test]
async fn a_backlog_drains_in_one_pass_on_sqlite() {
    a_backlog_drains_in_one_pass(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_backlog_drains_in_one_pass_on_postgres() {
    a_backlog_drains_in_one_pass(Backend::Postgres).await;
}

/// Two replicas claiming at the same moment on one PostgreSQL never get the same message.
#[tokio::test]
async fn replicas_claim_disjoint_messages() {
    let app = test_app(Backend::Postgres).await;
    let (_, url) = postgres_schema_url(&app);
    for _ in 0..30 {
        store_plain_submission(&app.store).await;
    }
    let other = forms_server::store::Store::connect(&url)
        .await
        .expect("second replica");
    let lease = std::time::Duration::from_secs(60);
    let (first, second) = tokio::join!(
        app.store.claim_outbox(20, lease),
        other.claim_outbox(20, lease)
    );
    let first: Vec<i64> = first.expect("claim").iter().map(|m| m.id).collect();
    let second: Vec<i64> = second.expect("claim").iter().map(|m| m.id).collect();
    assert_eq!(first.len() + second.len(), 30, "{first:?} {second:?}");
    assert!(
        first.iter().all(|id| !second.contains(id)),
        "{first:?} {second:?}"
    );
    // All are leased: nothing is due.
    assert!(
        app.store
            .claim_outbox(20, lease)
            .await
            .expect("claim")
            .is_empty()
    );
    if let forms_server::store::Store::Postgres(pool) = other {
        pool.close().await;
    }
    app.cleanup().await;
}

fn postgres_schema_url(app: &TestApp) -> (String, String) {
    app.postgres_schema.clone().expect("a PostgreSQL app")
}
