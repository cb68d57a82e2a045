//! A local simulator of the e-payment environment (pay.egov.bg), for development (`make run`)
//! and the tests, enabled only by `FORMS_PAYMENT_SIMULATOR`. It speaks exactly the wire
//! format of `egov.rs`, so that moving to the real test environment is a configuration change:
//!
//! - `POST /simulator/egov/api/v1/eService/paymentJson`: registers a request (signed fields
//!   checked as the environment checks them) and answers an accepted or unaccepted receipt;
//! - `POST /simulator/egov/vpos/payment`: the page where a person clicks Pay, Cancel or Fail
//!   (`simulator/vpos.html`);
//! - then the signed notification `{Id, Status, ChangeTime}` to the request's
//!   `administrativeServiceNotificationURL`, retried until it is answered `{"success": true}`;
//! - `POST /simulator/egov/api/v1/eService/paymentsStatus`: the statuses of `{requestIds}`.
//!
//! Its requests live in memory: they end with the process, like a test environment's reset.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use axum::Router;
use axum::extract::{Form, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::{Value, json};

use super::egov::{self, Signed, Status};
use crate::state::AppState;

/// One registered request.
#[derive(Debug, Clone)]
struct Request {
    client_id: String,
    body: Value,
    status: Status,
    change_time: String,
    ok_url: Option<String>,
    cancel_url: Option<String>,
}

/// The simulator's requests.
#[derive(Debug, Default)]
pub struct Simulator {
    requests: Mutex<HashMap<String, Request>>,
    next_id: Mutex<u64>,
}

impl Simulator {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Request>) -> T) -> T {
        f(&mut self.requests.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The simulator's routes (mounted only when it is enabled).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/simulator/egov/api/v1/eService/paymentJson",
            post(register),
        )
        .route(
            "/simulator/egov/api/v1/eService/paymentsStatus",
            post(statuses),
        )
        .route("/simulator/egov/vpos/payment", post(vpos))
        .route("/simulator/egov/vpos/decide", post(decide))
        .route(
            "/simulator/egov/vpos/vpos.css",
            axum::routing::get(stylesheet),
        )
}

fn now() -> String {
    crate::store::now_rfc3339()
}

/// Checks a signed message against the simulator's secret.
fn verify(state: &AppState, message: &Signed) -> Result<Value, (StatusCode, String)> {
    let secret = state
        .payments
        .simulator_secret()
        .ok_or((StatusCode::NOT_FOUND, String::new()))?;
    if !message.client_id.starts_with("simulator-") {
        return Err((StatusCode::UNAUTHORIZED, "unknown clientId".into()));
    }
    egov::verify(message, &message.client_id, secret)
        .map_err(|e| (StatusCode::UNAUTHORIZED, e.to_string()))
}

/// What the environment requires of a registration, as its validation errors.
fn validation_errors(body: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for field in [
        "aisPaymentId",
        "serviceProviderName",
        "serviceProviderBank",
        "serviceProviderBIC",
        "serviceProviderIBAN",
        "currency",
        "paymentTypeCode",
        "paymentAmount",
        "paymentReason",
        "administrativeServiceNotificationURL",
    ] {
        if body[field].as_str().is_none_or(str::is_empty) {
            errors.push(format!("{field} is required"));
        }
    }
    let amount = body["paymentAmount"].as_str().unwrap_or_default();
    let decimal = amount.split_once('.').map_or((amount, ""), |(a, b)| (a, b));
    if decimal.0.is_empty()
        || !decimal.0.bytes().all(|b| b.is_ascii_digit())
        || decimal.1.len() > 2
        || !decimal.1.bytes().all(|b| b.is_ascii_digit())
    {
        errors.push("paymentAmount must be a decimal string".into());
    }
    let iban = body["serviceProviderIBAN"].as_str().unwrap_or_default();
    if forms_core::identifier::Scheme::Iban.validate(iban).is_err() {
        errors.push("serviceProviderIBAN is not a valid IBAN".into());
    }
    errors
}

async fn register(State(state): State<AppState>, Form(message): Form<Signed>) -> Response {
    let body = match verify(&state, &message) {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let errors = validation_errors(&body);
    if !errors.is_empty() {
        return axum::Json(
            json!({"unacceptedReceiptJson": {"validationTime": now(), "errors": errors}}),
        )
        .into_response();
    }
    let simulator = &state.simulator;
    // The same aisPaymentId updates the request it has, as the environment does.
    let ais = body["aisPaymentId"].clone();
    let existing = simulator.with(|requests| {
        requests
            .iter_mut()
            .find(|(_, r)| r.client_id == message.client_id && r.body["aisPaymentId"] == ais)
            .map(|(id, r)| {
                r.body = body.clone();
                if r.status != Status::Paid {
                    r.status = Status::Pending;
                }
                id.clone()
            })
    });
    let id = match existing {
        Some(id) => id,
        None => {
            let id = {
                let mut next = simulator.next_id.lock().unwrap_or_else(|e| e.into_inner());
                *next += 1;
                (1_508_260 + *next).to_string()
            };
            simulator.with(|requests| {
                requests.insert(
                    id.clone(),
                    Request {
                        client_id: message.client_id.clone(),
                        body,
                        status: Status::Pending,
                        change_time: now(),
                        ok_url: None,
                        cancel_url: None,
                    },
                )
            });
            id
        }
    };
    axum::Json(json!({"acceptedReceiptJson": {"id": id, "registrationTime": now()}}))
        .into_response()
}

async fn statuses(State(state): State<AppState>, Form(message): Form<Signed>) -> Response {
    let body = match verify(&state, &message) {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let ids: Vec<String> = body["requestIds"]
        .as_array()
        .map(|ids| {
            ids.iter()
                .map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let found: Vec<Value> = state.simulator.with(|requests| {
        ids.iter()
            .filter_map(|id| {
                let r = requests
                    .get(id)
                    .filter(|r| r.client_id == message.client_id)?;
                Some(json!({"Id": id, "Status": r.status.as_str(), "ChangeTime": r.change_time}))
            })
            .collect()
    });
    axum::Json(Value::Array(found)).into_response()
}

/// Escapes text for HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn vpos(State(state): State<AppState>, Form(message): Form<Signed>) -> Response {
    let body = match verify(&state, &message) {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let id = body["id"].as_str().unwrap_or_default().to_owned();
    let request = state.simulator.with(|requests| {
        let r = requests
            .get_mut(&id)
            .filter(|r| r.client_id == message.client_id)?;
        r.ok_url = body["okUrl"].as_str().map(str::to_owned);
        r.cancel_url = body["cancelUrl"].as_str().map(str::to_owned);
        Some(r.clone())
    });
    let Some(request) = request else {
        return (StatusCode::NOT_FOUND, "unknown payment request").into_response();
    };
    let field = |name: &str| html(request.body[name].as_str().unwrap_or_default());
    let page = include_str!("../../simulator/vpos.html")
        .replace("{payee}", &field("serviceProviderName"))
        .replace("{reason}", &field("paymentReason"))
        .replace("{amount}", &field("paymentAmount"))
        .replace("{currency}", &field("currency"))
        .replace("{id}", &html(&id));
    Html(page).into_response()
}

/// The page's stylesheet (a file of its own: the CSP allows no inline style).
async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../../simulator/vpos.css"),
    )
        .into_response()
}

/// The person's choice on the page.
#[derive(Debug, Deserialize)]
struct Choice {
    id: String,
    choice: String,
}

async fn decide(State(state): State<AppState>, Form(choice): Form<Choice>) -> Response {
    let status = match choice.choice.as_str() {
        "pay" => Status::Paid,
        "cancel" => Status::Canceled,
        "fail" => Status::Suspended,
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    let change_time = now();
    let request = state.simulator.with(|requests| {
        let r = requests.get_mut(&choice.id)?;
        r.status = status;
        r.change_time = change_time.clone();
        Some(r.clone())
    });
    let Some(request) = request else {
        return (StatusCode::NOT_FOUND, "unknown payment request").into_response();
    };
    if let (Some(secret), Some(url)) = (
        state.payments.simulator_secret().map(<[u8]>::to_vec),
        request.body["administrativeServiceNotificationURL"]
            .as_str()
            .map(str::to_owned),
    ) {
        let message = egov::sign(
            &request.client_id,
            &secret,
            &json!({"Id": choice.id, "Status": status.as_str(), "ChangeTime": change_time}),
        );
        tokio::spawn(notify(url, message));
    }
    let back = if status == Status::Paid {
        request.ok_url
    } else {
        request.cancel_url
    };
    match back {
        Some(url) => Redirect::to(&url).into_response(),
        None => ([(header::CONTENT_TYPE, "text/plain")], status.as_str()).into_response(),
    }
}

/// Sends a notification until it is answered `{"success": true}`: at once, then after 1, 2,
/// 4 and 8 seconds.
async fn notify(url: String, message: Signed) {
    for attempt in 0..5u32 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(1 << (attempt - 1))).await;
        }
        match super::egov_post(url.clone(), message.clone()).await {
            Ok(answer) if answer["success"] == true => return,
            Ok(answer) => tracing::warn!(%url, %answer, "simulator: notification not taken"),
            Err(e) => tracing::warn!(%url, "simulator: notification: {e}"),
        }
    }
}
