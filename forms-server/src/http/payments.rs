//! Payments over HTTP: the applicant starts (or restarts) paying a submission's fee, and the
//! providers notify. The browser's return (`okUrl`) is the status page, which shows the
//! ledger's state: it proves nothing.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{ErrorBody, PaymentStart, PaymentStartBody};
use super::submissions::with_access_token;
use crate::error::ApiError;
use crate::http::{Form, Json};
use crate::payments::{self, Kind, StartError, egov, epay};
use crate::state::AppState;
use crate::store::Received;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_payment))
        .routes(routes!(egov_notify))
        .routes(routes!(epay_notify))
}

/// How long the code of a trip to the payment page stays redeemable.
const RETURN_CODE_HOURS: i64 = 3;

/// What starting a payment reads of its body (an amount, say, is not read: it is the server's).
#[derive(Debug, Deserialize)]
struct StartRequest {
    #[serde(default)]
    return_to: Option<String>,
}

/// `page` if it is a page of one of the portals that may frame the app (by exact origin), and
/// a plain URL: the only other place than its own status page the server sends a payer back to.
fn portal_page<'a>(portals: &[String], page: &'a str) -> Result<&'a str, ApiError> {
    let plain = page.len() <= 2048 && !page.chars().any(|c| c.is_whitespace() || c.is_control());
    let of_portal = portals.iter().any(|origin| {
        page.strip_prefix(origin.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
    });
    if plain && of_portal {
        Ok(page)
    } else {
        Err(ApiError::InvalidBody(
            "return_to is not a page of a portal allowed to frame this server".into(),
        ))
    }
}

/// Starts paying the submission's fee, or goes on with the attempt still open: answers the
/// page the browser is to POST `fields` to. From `payment_failed` or `payment_expired` the
/// submission waits for payment again (the same `aisPaymentId`, so the provider updates its
/// request). The provider sends the browser back to the status page, or to `return_to` (a
/// portal's page), with a single-use return code (see `POST /submissions/{reference}/return`).
#[utoipa::path(post, path = "/submissions/{reference}/payment", tag = "payments",
    params(("reference" = String, Path, description = "YYYY-NNNNNN-CC")),
    security(("access_token" = [])),
    request_body = PaymentStartBody,
    responses(
        (status = 200, description = "Where to send the browser", body = PaymentStart),
        (status = 400, description = "return_to is not a page of an allowed portal", body = ErrorBody),
        (status = 404, description = "No such submission for this token", body = ErrorBody),
        (status = 409, description = "Nothing to pay (no fee, or paid)", body = ErrorBody),
        (status = 502, description = "The provider refused or did not answer", body = ErrorBody),
        (status = 503, description = "No payment provider for this administration", body = ErrorBody)))]
async fn start_payment(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Json(request): Json<StartRequest>,
) -> Result<axum::Json<Value>, ApiError> {
    let submission = with_access_token(&state, &reference, &headers).await?;
    let portal = request
        .return_to
        .as_deref()
        .map(|page| portal_page(&state.portals, page))
        .transpose()?;
    let (amount, currency) = submission.fee.clone().ok_or(ApiError::NothingToPay)?;
    if !["awaiting_payment", "payment_failed", "payment_expired"]
        .contains(&submission.status.as_str())
    {
        return Err(ApiError::NothingToPay);
    }
    let version = state
        .catalog
        .version(&submission.form_hash)
        .await?
        .ok_or(ApiError::SubmissionNotFound)?;
    let provider = state
        .payments
        .for_eik(version.stored.provider_eik.as_deref())
        .ok_or(ApiError::PaymentsUnavailable)?;
    let data = state
        .store
        .submission_data(submission.id)
        .await?
        .unwrap_or(Value::Null);
    let definition = version.form.definition();
    let reason = format!(
        "{} {}",
        submission.reference,
        definition.title.get(definition.language(""))
    );
    let code = crate::token::random_hex();
    let back = payments::Back {
        // The return page speaks the applicant's language, as this request does.
        lang: definition.language(crate::http::lang::current()),
        code: &code,
        portal,
    };
    let (payment, redirect) = payments::start(
        &state,
        &provider,
        &submission,
        (&amount, &currency),
        &reason,
        &data,
        &back,
    )
    .await
    .map_err(|e| match e {
        StartError::Database(e) => ApiError::Database(e),
        StartError::InFlight => ApiError::NothingToPay,
        other => {
            tracing::warn!(reference = %submission.reference, "payment: {other}");
            ApiError::PaymentProvider
        }
    })?;
    let until = time::OffsetDateTime::now_utc() + time::Duration::hours(RETURN_CODE_HOURS);
    state
        .store
        .insert_return_code(
            submission.id,
            &crate::token::token_hash(&code),
            &crate::store::rfc3339(until),
        )
        .await?;
    if submission.status != "awaiting_payment" {
        // A new attempt after a failed or expired one, now that the provider has taken it (if
        // it had not, the submission keeps its status). `false` when a notification moved it
        // meanwhile: then it is where that put it.
        state
            .store
            .advance(&submission, "awaiting_payment", "applicant", None)
            .await?;
    }
    let fields: serde_json::Map<String, Value> = redirect
        .fields
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    Ok(axum::Json(json!({
        "provider": payment.provider,
        "status": payment.status,
        "amount": payment.amount,
        "currency": payment.currency,
        "expires_at": payment.expires_at,
        "redirect": {"url": redirect.url, "method": "POST", "fields": fields},
    })))
}

/// The form fields of a request, as JSON, for the ledger.
fn raw(fields: &[(&str, &str)]) -> String {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect(),
    )
    .to_string()
}

/// pay.egov.bg's status notification: `clientId`, `hmac`, `data` (`{Id, Status,
/// ChangeTime}`). Answered `{"success": true}` once recorded (also when it changes nothing: a
/// duplicate, or a status that would move the payment back). An unknown client or a bad HMAC
/// is 401, recorded, nothing changed.
#[utoipa::path(post, path = "/payments/egov/notify", tag = "payments",
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "clientId, hmac, data"),
    responses(
        (status = 200, description = "Recorded: {\"success\": true}", body = Object),
        (status = 400, description = "data is not what the protocol says", body = ErrorBody),
        (status = 401, description = "Unknown clientId or bad HMAC", body = ErrorBody),
        (status = 404, description = "No payment with this Id", body = ErrorBody)))]
async fn egov_notify(
    State(state): State<AppState>,
    Form(message): Form<egov::Signed>,
) -> Result<axum::Json<Value>, ApiError> {
    let raw = raw(&[
        ("clientId", &message.client_id),
        ("hmac", &message.hmac),
        ("data", &message.data),
    ]);
    let mut received = Received {
        provider: Kind::Egov.as_str(),
        source: "notification",
        raw: &raw,
        verified: false,
    };
    let Some(provider) = state.payments.egov_by_client(&message.client_id) else {
        state
            .store
            .record_notification(&received, None, "unknown_client")
            .await?;
        return Err(ApiError::Unauthorized);
    };
    let body = match egov::verify(&message, &provider.settings.client_id, provider.secret()) {
        Ok(body) => body,
        Err(egov::ProtocolError::BadData(e)) => {
            state
                .store
                .record_notification(&received, None, "bad_data")
                .await?;
            return Err(ApiError::InvalidBody(e));
        }
        Err(_) => {
            state
                .store
                .record_notification(&received, None, "bad_hmac")
                .await?;
            return Err(ApiError::Unauthorized);
        }
    };
    received.verified = true;
    let change = match egov::StatusChange::from_json(&body) {
        Ok(change) => change,
        Err(e) => {
            state
                .store
                .record_notification(&received, None, "bad_data")
                .await?;
            return Err(ApiError::InvalidBody(e.to_string()));
        }
    };
    let payment = state
        .store
        .payment_by_provider_id(Kind::Egov.as_str(), &change.id)
        .await?;
    // Only the administration's own client may move its payments.
    let payment = match payment {
        Some(payment) if payments::belongs_to(&state, &payment, &provider).await? => Some(payment),
        _ => None,
    };
    let Some(payment) = payment else {
        state
            .store
            .record_notification(&received, None, "unknown_payment")
            .await?;
        return Err(ApiError::PaymentNotFound);
    };
    payments::report(&state, &payment, change.status, &received).await?;
    Ok(axum::Json(json!({"success": true})))
}

/// ePay.bg's notification fields (either case).
#[derive(Debug, Deserialize)]
struct EpayNotification {
    #[serde(alias = "ENCODED")]
    encoded: String,
    #[serde(alias = "CHECKSUM")]
    checksum: String,
}

/// ePay.bg's notification: `encoded`, `checksum`; answered one `INVOICE=n:STATUS=OK|ERR|NO`
/// line per invoice, or `ERR=Not valid CHECKSUM`.
#[utoipa::path(post, path = "/payments/epay/notify", tag = "payments",
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "encoded, checksum"),
    responses((status = 200, description = "One answer line per invoice", body = String, content_type = "text/plain")))]
async fn epay_notify(
    State(state): State<AppState>,
    Form(message): Form<EpayNotification>,
) -> Response {
    let text = |body: String| {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            body,
        )
            .into_response()
    };
    let raw = raw(&[
        ("encoded", &message.encoded),
        ("checksum", &message.checksum),
    ]);
    let mut received = Received {
        provider: Kind::Epay.as_str(),
        source: "notification",
        raw: &raw,
        verified: false,
    };
    let verified = state.payments.epay_providers().find_map(|provider| {
        epay::notification(provider.secret(), &message.encoded, &message.checksum)
            .ok()
            .map(|notices| (provider.clone(), notices))
    });
    let Some((provider, notices)) = verified else {
        if let Err(e) = state
            .store
            .record_notification(&received, None, "bad_hmac")
            .await
        {
            tracing::error!("epay notification: database: {e}");
        }
        return text(epay::BAD_CHECKSUM.to_owned());
    };
    received.verified = true;
    let mut answers = Vec::new();
    for notice in notices {
        let status = match notice.outcome {
            Some(epay::Outcome::Paid) => Some(egov::Status::Paid),
            Some(epay::Outcome::Denied) => Some(egov::Status::Canceled),
            Some(epay::Outcome::Expired) => Some(egov::Status::Expired),
            None => None,
        };
        // Only the merchant's own invoices.
        let payment = match state
            .store
            .payment_by_provider_id("epay", &notice.invoice)
            .await
        {
            Ok(Some(payment)) => match payments::belongs_to(&state, &payment, &provider).await {
                Ok(true) => Ok(Some(payment)),
                Ok(false) => Ok(None),
                Err(e) => Err(e),
            },
            other => other,
        };
        let answer = match (status, payment) {
            (_, Err(e)) => {
                tracing::error!("epay notification: database: {e}");
                epay::Answer::Err
            }
            (_, Ok(None)) => {
                let _ = state
                    .store
                    .record_notification(&received, None, "unknown_payment")
                    .await;
                epay::Answer::No
            }
            (None, Ok(Some(payment))) => {
                let _ = state
                    .store
                    .record_notification(&received, Some(payment.id), "bad_data")
                    .await;
                epay::Answer::Err
            }
            (Some(status), Ok(Some(payment))) => {
                match payments::report(&state, &payment, status, &received).await {
                    Ok(_) => epay::Answer::Ok,
                    Err(e) => {
                        tracing::error!("epay notification: database: {e}");
                        epay::Answer::Err
                    }
                }
            }
        };
        answers.push((notice.invoice, answer));
    }
    text(epay::answer(&answers))
}
