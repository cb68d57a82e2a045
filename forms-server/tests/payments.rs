//! Payments end to end through the server and its pay.egov.bg simulator over real HTTP (the
//! simulator notifies the server as the environment would), and the forgery and replay suite
//! of the notification endpoint. Each case on SQLite and on PostgreSQL.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use common::*;
use forms_server::payments::egov;
use serde_json::{Value, json};

const EKLIENT: &str = "puesc-eklient-registration";

/// An app with the simulator on, listening on a loopback port (the simulator's notifications
/// and the server's calls to it go over HTTP).
async fn listening_app(backend: Backend) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    // Another administration with a pay.egov.bg client of its own: its secret must not move
    // the simulator's payments.
    let dir = tempfile::tempdir().expect("tempdir");
    let secret_file = dir.path().join("other-secret");
    std::fs::write(&secret_file, "the other administration's secret\n").expect("write");
    let file = dir.path().join("payments.json");
    std::fs::write(
        &file,
        json!({"administrations": [{
            "eik": "121817309", "provider": "egov", "client_id": "other-client",
            "secret_file": secret_file, "api_url": "http://127.0.0.1:9",
            "portal_url": "http://127.0.0.1:9", "service_provider_name": "Other",
            "bank": "Other", "bic": "BNBGBGSD", "iban": "BG80BNBG96611020345678"
        }]})
        .to_string(),
    )
    .expect("write");
    let app = test_app_with(backend, |config| {
        config.payment_simulator = true;
        config.public_url = Some(format!("http://{address}"));
        config.payments = Some(file.clone());
        config.frame_ancestors = Some("https://portal.example.bg".into());
    })
    .await;
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    app
}

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(repo_path(&format!(
        "form-definitions/examples/{EKLIENT}/{name}.json"
    )))
    .expect("example");
    serde_json::from_str(&text).expect("json")
}

/// Submits e-Klient's registration with one power of attorney: 17 PLN of stamp duty.
async fn submit(app: &TestApp) -> (String, String) {
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{EKLIENT}/submissions"),
            json!({"data": example("valid-pesel-new-entity-one-power")}).to_string(),
            "pl",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "awaiting_payment");
    assert_eq!(
        created["next"]["fee"],
        json!({"amount": "17.00", "currency": "PLN"})
    );
    (
        created["reference"].as_str().expect("reference").to_owned(),
        created["access_token"].as_str().expect("token").to_owned(),
    )
}

async fn start(app: &TestApp, reference: &str, token: &str) -> Value {
    // A body naming another amount is not read: the amount is the server's.
    let (status, started) = app
        .post_with_token(
            &format!("/api/v1/submissions/{reference}/payment"),
            &json!({"amount": "0.01"}),
            token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{started}");
    assert_eq!(started["amount"], "17.00");
    assert_eq!(started["currency"], "PLN");
    started
}

/// POSTs form fields as the browser does.
async fn post_form(
    app: &TestApp,
    uri: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    app.send_text(request).await
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The browser's part: the VPOS page, then the person's choice; returns where it is sent.
async fn choose(app: &TestApp, started: &Value, choice: &str) -> String {
    let url = started["redirect"]["url"].as_str().expect("url");
    let path = url
        .split_once("//")
        .and_then(|(_, r)| r.find('/').map(|i| &r[i..]))
        .expect("path");
    assert_eq!(path, "/simulator/egov/vpos/payment");
    let fields = &started["redirect"]["fields"];
    let (status, _, page) = post_form(
        app,
        path,
        &[
            ("clientId", fields["clientId"].as_str().expect("clientId")),
            ("hmac", fields["hmac"].as_str().expect("hmac")),
            ("data", fields["data"].as_str().expect("data")),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("17.00 PLN"), "{page}");
    let data = base64::engine::general_purpose::STANDARD
        .decode(fields["data"].as_str().expect("data"))
        .expect("base64");
    let data: Value = serde_json::from_slice(&data).expect("json");
    let id = data["id"].as_str().expect("id");
    let (status, headers, _) = post_form(
        app,
        "/simulator/egov/vpos/decide",
        &[("id", id), ("choice", choice)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

/// The status page, until its payment is in `status` (the notification is on its way).
async fn wait_for(app: &TestApp, reference: &str, token: &str, status: &str) -> Value {
    for _ in 0..100 {
        let (_, page) = app
            .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(token))
            .await;
        if page["payment"]["status"] == status {
            // The page reads the submission, then its payment: read it again now that both
            // are written.
            let (_, page) = app
                .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(token))
                .await;
            return page;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the payment of {reference} never became {status}");
}

/// A notification signed as the simulator signs them.
async fn notify(app: &TestApp, data: &Value, client: &str, secret: &[u8]) -> (StatusCode, Value) {
    let message = egov::sign(client, secret, data);
    let (status, _, body) = post_form(
        app,
        "/api/v1/payments/egov/notify",
        &[
            ("clientId", &message.client_id),
            ("hmac", &message.hmac),
            ("data", &message.data),
        ],
    )
    .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn secret(app: &TestApp) -> Vec<u8> {
    app.state
        .as_ref()
        .and_then(|s| s.payments.simulator_secret().map(<[u8]>::to_vec))
        .expect("the simulator is on")
}

async fn a_fee_is_paid_through_the_simulator(backend: Backend) {
    let app = listening_app(backend).await;
    let (reference, token) = submit(&app).await;
    let started = start(&app, &reference, &token).await;
    assert_eq!(started["provider"], "egov");
    assert_eq!(started["status"], "Pending");
    // The page says "checking" until the ledger knows: the browser's return proves nothing.
    let (_, page) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(&token))
        .await;
    assert_eq!(page["status"], "awaiting_payment");
    assert_eq!(page["payment"]["status"], "Pending");

    let back = choose(&app, &started, "pay").await;
    assert!(
        back.contains(&format!("/s/{reference}?payment=ok&lang=")),
        "{back}"
    );
    let page = wait_for(&app, &reference, &token, "Paid").await;
    assert_eq!(page["status"], "paid");
    let last = page["timeline"]
        .as_array()
        .and_then(|t| t.last())
        .cloned()
        .expect("timeline");
    assert_eq!(last["status"], "paid");
    assert_eq!(last["actor"], "payment:egov");

    // The same notification again: the same answer, nothing changes.
    let data = base64::engine::general_purpose::STANDARD
        .decode(
            started["redirect"]["fields"]["data"]
                .as_str()
                .expect("data"),
        )
        .expect("base64");
    let id = serde_json::from_slice::<Value>(&data).expect("json")["id"].clone();
    let client = started["redirect"]["fields"]["clientId"]
        .as_str()
        .expect("client")
        .to_owned();
    let (status, body) = notify(
        &app,
        &json!({"Id": id, "Status": "PAID", "ChangeTime": "2026-12-02T10:00:00"}),
        &client,
        &secret(&app),
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"success": true})));
    let (_, again) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(&token))
        .await;
    assert_eq!(again["timeline"], page["timeline"]);
    // Paid: nothing more to pay.
    let (status, body) = app
        .post_with_token(
            &format!("/api/v1/submissions/{reference}/payment"),
            &json!({}),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "nothing_to_pay");
    app.cleanup().await;
}

async fn a_canceled_payment_can_be_started_again(backend: Backend) {
    let app = listening_app(backend).await;
    let (reference, token) = submit(&app).await;
    let first = start(&app, &reference, &token).await;
    let back = choose(&app, &first, "cancel").await;
    assert!(back.contains("?payment=cancel&lang="), "{back}");
    let page = wait_for(&app, &reference, &token, "Canceled").await;
    assert_eq!(page["status"], "payment_failed");

    let second = start(&app, &reference, &token).await;
    assert_eq!(second["status"], "Pending");
    let (_, page) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(&token))
        .await;
    assert_eq!(page["status"], "awaiting_payment");
    choose(&app, &second, "pay").await;
    let page = wait_for(&app, &reference, &token, "Paid").await;
    assert_eq!(page["status"], "paid");
    assert_eq!(
        page["payment"]["flagged"],
        Value::Null,
        "a new attempt, not a late payment"
    );
    app.cleanup().await;
}

/// The submission's status, its payment's status and flag.
async fn status_of(app: &TestApp, reference: &str, token: &str) -> (Value, Value, Value) {
    let (_, page) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(token))
        .await;
    (
        page["status"].clone(),
        page["payment"]["status"].clone(),
        page["payment"]["flagged"].clone(),
    )
}

/// Every forged or replayed notification, with its exact outcome.
async fn forged_and_replayed_notifications(backend: Backend) {
    let app = listening_app(backend).await;
    let (reference, token) = submit(&app).await;
    let started = start(&app, &reference, &token).await;
    let fields = &started["redirect"]["fields"];
    let client = fields["clientId"].as_str().expect("client").to_owned();
    let data = base64::engine::general_purpose::STANDARD
        .decode(fields["data"].as_str().expect("data"))
        .expect("base64");
    let id = serde_json::from_slice::<Value>(&data).expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let secret = secret(&app);
    let paid = json!({"Id": id, "Status": "Paid", "ChangeTime": "2026-12-02T10:00:00"});

    // A bad HMAC: 401, nothing changed.
    let (status, body) = notify(&app, &paid, &client, b"not the secret").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized");
    // A clientId nobody has: 401.
    let (status, _) = notify(&app, &paid, "someone-else", &secret).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Tampered data under the real HMAC: 401.
    let mut message = egov::sign(&client, &secret, &json!({"Id": id, "Status": "Pending"}));
    message.data = egov::sign(&client, &secret, &paid).data;
    let (status, _, _) = post_form(
        &app,
        "/api/v1/payments/egov/notify",
        &[
            ("clientId", &message.client_id),
            ("hmac", &message.hmac),
            ("data", &message.data),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        status_of(&app, &reference, &token).await,
        (json!("awaiting_payment"), json!("Pending"), Value::Null)
    );
    // Another administration's client, with its own valid signature: as if the payment did not
    // exist.
    let (status, body) = notify(
        &app,
        &paid,
        "other-client",
        b"the other administration's secret",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"]["code"], "payment_not_found");
    // An id the ledger does not have: 404, recorded.
    let (status, body) = notify(
        &app,
        &json!({"Id": "999999999", "Status": "Paid", "ChangeTime": "x"}),
        &client,
        &secret,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"]["code"], "payment_not_found");
    // Not the protocol's data: 400.
    let (status, _) = notify(
        &app,
        &json!({"Id": id, "Status": "Refunded"}),
        &client,
        &secret,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Out of order: Authorized, then a late Pending (ignored), then Expired.
    for (status, expect) in [
        (
            "Authorized",
            (json!("awaiting_payment"), json!("Authorized")),
        ),
        ("Pending", (json!("awaiting_payment"), json!("Authorized"))),
        ("Expired", (json!("payment_expired"), json!("Expired"))),
        ("Canceled", (json!("payment_expired"), json!("Expired"))),
    ] {
        let (code, body) = notify(
            &app,
            &json!({"Id": id, "Status": status, "ChangeTime": "x"}),
            &client,
            &secret,
        )
        .await;
        assert_eq!(
            (code, body),
            (StatusCode::OK, json!({"success": true})),
            "{status}"
        );
        let (submission, payment, _) = status_of(&app, &reference, &token).await;
        assert_eq!((submission, payment), expect, "after {status}");
        if status == "Authorized" {
            // The money is on its way: no second payment starts.
            let (code, body) = app
                .post_with_token(
                    &format!("/api/v1/submissions/{reference}/payment"),
                    &json!({}),
                    &token,
                )
                .await;
            assert_eq!(code, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["error"]["code"], "nothing_to_pay");
        }
    }
    // Paid after Expired: money is never lost: recorded, the submission paid, flagged.
    let (code, _) = notify(&app, &paid, &client, &secret).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        status_of(&app, &reference, &token).await,
        (json!("paid"), json!("Paid"), json!("paid after Expired"))
    );
    // The ledger kept every one, verified or not.
    let payment = app
        .store
        .payment_by_provider_id("egov", &id)
        .await
        .expect("db")
        .expect("payment");
    let outcomes: Vec<String> = app
        .store
        .notifications(Some(payment.id))
        .await
        .expect("db")
        .into_iter()
        .map(|(outcome, _)| outcome)
        .collect();
    assert_eq!(
        outcomes,
        [
            "applied",
            "ignored_backwards",
            "applied",
            "ignored_backwards",
            "late_paid_flagged"
        ]
    );
    let unmatched: Vec<(String, bool)> = app.store.notifications(None).await.expect("db");
    assert_eq!(
        unmatched,
        [
            ("bad_hmac".to_owned(), false),
            ("unknown_client".to_owned(), false),
            ("bad_hmac".to_owned(), false),
            ("unknown_payment".to_owned(), true),
            ("unknown_payment".to_owned(), true),
            ("bad_data".to_owned(), true),
        ]
    );
    app.cleanup().await;
}

/// An unpaid request past its expiry is Expired by the job; the poller asks the environment.
async fn the_jobs_expire_and_poll(backend: Backend) {
    let app = listening_app(backend).await;
    let state = app.state.clone().expect("state");
    let (reference, token) = submit(&app).await;
    let started = start(&app, &reference, &token).await;
    // The person pays, but the notification is lost: the poller finds out.
    let fields = &started["redirect"]["fields"];
    let data = base64::engine::general_purpose::STANDARD
        .decode(fields["data"].as_str().expect("data"))
        .expect("base64");
    let id = serde_json::from_slice::<Value>(&data).expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let payment = app
        .store
        .payment_by_provider_id("egov", &id)
        .await
        .expect("db")
        .expect("payment");
    assert_eq!(
        forms_server::payments::poll_once(&state)
            .await
            .expect("poll"),
        0,
        "not due yet"
    );
    app.store
        .schedule_poll(payment.id, "2000-01-01T00:00:00.000000Z")
        .await
        .expect("db");
    assert_eq!(
        forms_server::payments::poll_once(&state)
            .await
            .expect("poll"),
        1
    );
    let (_, page) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(&token))
        .await;
    assert_eq!(
        page["payment"]["status"], "Pending",
        "the environment says Pending"
    );
    assert_eq!(
        forms_server::payments::expire_once(&state)
            .await
            .expect("expire"),
        0
    );

    // Past its expiry date, unpaid: Expired, the submission payment_expired, in its timeline.
    let past = "UPDATE payments SET expires_at = '2000-01-01T00:00:00Z' WHERE id = ";
    match &app.store {
        forms_server::store::Store::Sqlite(pool, ..) => {
            sqlx::query(&format!("{past}{}", payment.id))
                .execute(pool)
                .await
                .map(|_| ())
        }
        forms_server::store::Store::Postgres(pool) => sqlx::query(&format!("{past}{}", payment.id))
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .expect("db");
    assert_eq!(
        forms_server::payments::expire_once(&state)
            .await
            .expect("expire"),
        1
    );
    let (submission, status, _) = status_of(&app, &reference, &token).await;
    assert_eq!(
        (submission, status),
        (json!("payment_expired"), json!("Expired"))
    );
    assert_eq!(
        forms_server::payments::expire_once(&state)
            .await
            .expect("expire"),
        0,
        "once"
    );
    app.cleanup().await;
}

/// The `return` code in okUrl opens the status page once, for a tab (or a portal's frame) that
/// does not hold the access token; a portal's page is a return address only if the portal may
/// frame the app.
async fn the_return_code_opens_the_status_once(backend: Backend) {
    let app = listening_app(backend).await;
    let (reference, token) = submit(&app).await;
    let payment = format!("/api/v1/submissions/{reference}/payment");
    // Another site's page, or a look-alike of the portal's origin, is refused.
    for page in [
        "https://evil.example/pay",
        "https://portal.example.bg.evil.example/",
        "https://portal.example.bg@evil.example/",
        "https://portal.example.bg/a b",
    ] {
        let (status, body) = app
            .post_with_token(&payment, &json!({"return_to": page}), &token)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{page}: {body}");
        assert_eq!(body["error"]["code"], "invalid_body", "{page}");
    }
    let (status, started) = app
        .post_with_token(
            &payment,
            &json!({"return_to": "https://portal.example.bg/services/eklient?tab=2#top"}),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{started}");
    let back = choose(&app, &started, "cancel").await;
    let prefix = format!(
        "https://portal.example.bg/services/eklient?tab=2&forms_form={EKLIENT}\
         &forms_reference={reference}&forms_payment=cancel&forms_lang=en&forms_return="
    );
    let code = back
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("#top"))
        .unwrap_or_else(|| panic!("{back}"))
        .to_owned();
    assert_eq!(code.len(), 64, "{back}");

    let redeem = format!("/api/v1/submissions/{reference}/return");
    // A wrong code, or the right one for another submission: the same 404 as a wrong token.
    let (other, _) = submit(&app).await;
    for (uri, body) in [
        (&redeem, json!({"code": "0".repeat(64)})),
        (
            &format!("/api/v1/submissions/{other}/return"),
            json!({"code": code}),
        ),
    ] {
        let (status, answer) = app.post(uri, body.to_string(), "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
        assert_eq!(answer["error"]["code"], "submission_not_found");
    }
    let (status, answer) = app
        .post(&redeem, json!({"code": code}).to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let status_token = answer["token"].as_str().expect("token").to_owned();
    assert_ne!(status_token, token);
    // Once only.
    let (status, _) = app
        .post(&redeem, json!({"code": code}).to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The status token opens the status page, and paying again after the cancel.
    let page = wait_for(&app, &reference, &status_token, "Canceled").await;
    assert_eq!(page["status"], "payment_failed");
    let (status, again) = app
        .post_with_token(&payment, &json!({}), &status_token)
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    // Without return_to, the way back is this server's status page, with a code of its own.
    let back = choose(&app, &again, "pay").await;
    let (_, query) = back
        .split_once(&format!("/s/{reference}?"))
        .expect("status page");
    let second = query
        .strip_prefix("payment=ok&lang=en&return=")
        .unwrap_or_else(|| panic!("{back}"));
    assert_ne!(second, code);
    // Not the other submission's token.
    let (status, _) = app
        .get_with_token(&format!("/api/v1/submissions/{other}"), Some(&status_token))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Expired codes go with the hourly clean-up; unexpired ones stay.
    assert_eq!(
        app.store
            .delete_expired_return_codes()
            .await
            .expect("delete"),
        0
    );
    app.cleanup().await;
}

macro_rules! on_both {
    ($($case:ident),*) => {
        mod sqlite { $(#[tokio::test] async fn $case() { super::$case(super::Backend::Sqlite).await })* }
        mod postgres { $(#[tokio::test] async fn $case() { super::$case(super::Backend::Postgres).await })* }
    };
}

on_both!(
    a_fee_is_paid_through_the_simulator,
    a_canceled_payment_can_be_started_again,
    forged_and_replayed_notifications,
    the_jobs_expire_and_poll,
    the_return_code_opens_the_status_once
);

/// ePay.bg: the request the browser posts, and the notifications answered line by line.
async fn epay_requests_and_notifications(backend: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret_file = dir.path().join("epay-secret");
    std::fs::write(&secret_file, "TESTSECRET\n").expect("write");
    let file = dir.path().join("payments.json");
    std::fs::write(
        &file,
        json!({"administrations": [{
            "eik": "", "provider": "epay", "client_id": "D123456789",
            "secret_file": secret_file, "portal_url": "https://demo.epay.bg/",
            "service_provider_name": "Test", "bank": "Test", "bic": "BNBGBGSD",
            "iban": "BG80BNBG96611020345678"
        }]})
        .to_string(),
    )
    .expect("write");
    let app = test_app_with(backend, |config| config.payments = Some(file.clone())).await;
    let (reference, token) = submit(&app).await;
    let started = start(&app, &reference, &token).await;
    assert_eq!(started["provider"], "epay");
    assert_eq!(started["redirect"]["url"], "https://demo.epay.bg/");
    let fields = &started["redirect"]["fields"];
    assert_eq!(fields["PAGE"], "paylogin");
    let encoded = fields["ENCODED"].as_str().expect("encoded");
    assert_eq!(
        fields["CHECKSUM"],
        forms_server::payments::epay::checksum(b"TESTSECRET", encoded).as_str()
    );
    let text = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("base64"),
    )
    .expect("utf-8");
    let invoice: String = reference.chars().filter(char::is_ascii_digit).collect();
    assert!(
        text.starts_with(&format!(
            "MIN=D123456789\nINVOICE={invoice}\nAMOUNT=17.00\nEXP_TIME="
        )),
        "{text}"
    );
    // The browser may post to ePay.bg: the CSP's form-action says so.
    let request = Request::get("/api/v1/forms")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = app.send_text(request).await;
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp");
    assert!(
        // (then the portals that frame the app: payments come back to their pages)
        csp.contains("form-action 'self' https://demo.epay.bg https://portal.egov.bg;"),
        "{csp}"
    );

    let epay = |lines: &str, secret: &[u8]| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(lines);
        let checksum = forms_server::payments::epay::checksum(secret, &encoded);
        (encoded, checksum)
    };
    let lines = format!(
        "INVOICE={invoice}:STATUS=PAID:PAY_TIME=20261202103000:STAN=012345:BCODE=AB12CD\nINVOICE=999:STATUS=PAID"
    );
    let (encoded, checksum) = epay(&lines, b"NOT THE SECRET");
    let (status, _, answer) = post_form(
        &app,
        "/api/v1/payments/epay/notify",
        &[("encoded", &encoded), ("checksum", &checksum)],
    )
    .await;
    assert_eq!(
        (status, answer.as_str()),
        (StatusCode::OK, "ERR=Not valid CHECKSUM\n")
    );
    assert_eq!(
        status_of(&app, &reference, &token).await.1,
        json!("Pending"),
        "nothing changed"
    );
    let (encoded, checksum) = epay(&lines, b"TESTSECRET");
    for _ in 0..2 {
        // The second time is a replay: the same answer, nothing more.
        let (status, _, answer) = post_form(
            &app,
            "/api/v1/payments/epay/notify",
            &[("encoded", &encoded), ("checksum", &checksum)],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            answer,
            format!("INVOICE={invoice}:STATUS=OK\nINVOICE=999:STATUS=NO\n")
        );
        assert_eq!(
            status_of(&app, &reference, &token).await,
            (json!("paid"), json!("Paid"), Value::Null)
        );
    }
    app.cleanup().await;
}

mod epay {
    #[tokio::test]
    async fn on_sqlite() {
        super::epay_requests_and_notifications(super::Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn on_postgres() {
        super::epay_requests_and_notifications(super::Backend::Postgres).await;
    }
}
