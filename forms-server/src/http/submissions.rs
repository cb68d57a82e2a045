//! Submissions: re-validated with forms-core, stored with their first events, and shown to
//! whoever holds the access token.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use forms_core::Money;
use forms_core::reference::Reference;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{
    Created as CreatedDoc, ErrorBody, ReturnCodeBody, StatusToken, SubmissionBody, SubmissionStatus,
};
use crate::error::{ApiError, ErrorItem};
use crate::http::{Json, lang};
use crate::state::{self, AppState};
use crate::store::{self, NewSubmission, StoredSubmission};
use crate::token;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_submission))
        .routes(routes!(get_submission))
        .routes(routes!(redeem_return))
}

/// The body of a submission.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmissionRequest {
    /// The answers, keyed by field key.
    data: Value,
    /// The content hash of the version the answers were given against (a resumed draft's),
    /// when not the current one.
    #[serde(default)]
    version: Option<String>,
    /// The resume token of the server draft the answers came from: it is deleted with the
    /// submission's commit, so the link no longer opens the answers once they are sent.
    #[serde(default)]
    draft: Option<String>,
}

/// The `Idempotency-Key` header, if sent: 1 to 255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .map_err(|_| ApiError::InvalidIdempotencyKey)?;
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::InvalidIdempotencyKey);
    }
    Ok(Some(key.to_owned()))
}

/// The statuses a new submission enters: `submitted`, then `awaiting_payment` if a fee is due.
fn first_statuses(fee: Option<&Money>) -> &'static [&'static str] {
    if fee.is_some() {
        &["submitted", "awaiting_payment"]
    } else {
        &["submitted"]
    }
}

/// What the applicant does next: nothing, or pay the fee. (The payment redirect itself comes
/// with the payment providers.)
fn next_step(fee: Option<&Money>) -> Value {
    match fee {
        Some(fee) => json!({"type": "payment", "fee": fee}),
        None => json!({"type": "done"}),
    }
}

/// The 201 answer: the same for the first request and for a repeat with the same key and data.
/// A 201 answer with its body.
type Created = (StatusCode, axum::Json<Value>);

fn created(reference: &str, access_token: &str, fee: Option<&Money>) -> Created {
    let status = first_statuses(fee).last().copied().unwrap_or("submitted");
    (
        StatusCode::CREATED,
        axum::Json(json!({
            "reference": reference,
            "access_token": access_token,
            "status": status,
            "next": next_step(fee),
        })),
    )
}

/// Accepts a submission only if forms-core accepts its data; answers 201 with the reference,
/// the access token (shown this once) and what happens next. With an `Idempotency-Key`, a repeat
/// of the same request gets the same answer and stores nothing (even if the form has changed
/// since); another request under the key, 409.
#[utoipa::path(post, path = "/forms/{id}/submissions", tag = "submissions", params(("id" = String, Path, description = "The form's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters: a repeat with the same key and body gets the same answer")),
    request_body = SubmissionBody,
    responses(
        (status = 201, description = "Stored: the reference, the access token (shown only here), the status and what happens next", body = CreatedDoc),
        (status = 409, description = "The key was used with another body, or the version is retired", body = ErrorBody),
        (status = 422, description = "forms-core refused the answers", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 404, description = "No such form (or version)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody), (status = 429, description = "Too many requests from this address", body = ErrorBody)))]
async fn create_submission(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(request): Json<SubmissionRequest>,
) -> Result<Created, ApiError> {
    let key = idempotency_key(&headers)?;
    if crate::http::has_nul(&request.data) {
        return Err(ApiError::InvalidBody("text must not contain U+0000".into()));
    }
    let request_hash = match &request.version {
        None => token::sha256_hex(&forms_core::canonical_value(&request.data)),
        Some(version) => token::sha256_hex(&forms_core::canonical_value(
            &json!({"data": request.data, "version": version}),
        )),
    };
    if let Some(key) = &key
        && let Some(earlier) = state.store.submission_by_idempotency_key(&id, key).await?
    {
        return repeat(&state, &earlier, &request_hash);
    }
    let version = super::forms::requested_version(&state, &id, request.version.as_deref()).await?;
    if version.retired {
        return Err(ApiError::VersionRetired);
    }
    let form = &version.form;
    let definition = form.definition();
    let lang = definition.language(lang::current());
    let evaluation = forms_core::evaluate(form, &request.data, &state::context(lang));
    if !evaluation.is_valid() {
        let items = evaluation
            .errors
            .iter()
            .map(|e| ErrorItem {
                path: e.path.clone(),
                code: e.code.as_str(),
                message: state::localizer().field_error(lang, definition, e),
            })
            .collect();
        return Err(ApiError::Validation(items));
    }
    let fee = evaluation.fee.as_ref();
    let draft_hash = request.draft.as_deref().map(token::token_hash);
    let inserted = state
        .store
        .insert_submission(NewSubmission {
            form_id: &definition.id,
            form_version: &definition.version,
            form_hash: form.content_hash(),
            data: &evaluation.cleaned,
            lang,
            fee,
            statuses: first_statuses(fee),
            idempotency: key.as_deref().map(|k| (k, request_hash.as_str())),
            draft_hash: draft_hash.as_deref(),
            token_secret: &state.token_secret,
        })
        .await;
    match inserted {
        Ok(reference) => {
            let reference = reference.to_string();
            let access_token = token::access_token(&state.token_secret, &reference);
            Ok(created(&reference, &access_token, fee))
        }
        // Another request with the same key won the race: answer as a repeat of it.
        Err(e) if store::is_unique_violation(&e) && key.is_some() => {
            let earlier = state
                .store
                .submission_by_idempotency_key(&definition.id, key.as_deref().unwrap_or(""))
                .await?
                .ok_or(ApiError::Database(e))?;
            repeat(&state, &earlier, &request_hash)
        }
        Err(e) => Err(ApiError::Database(e)),
    }
}

/// The answer to a request that repeats an earlier one's `Idempotency-Key`.
fn repeat(
    state: &AppState,
    earlier: &StoredSubmission,
    request_hash: &str,
) -> Result<Created, ApiError> {
    let fee = earlier.fee.as_ref().map(|(amount, currency)| Money {
        amount: amount.clone(),
        currency: currency.clone(),
    });
    let token = token::access_token(&state.token_secret, &earlier.reference);
    // With a rotated secret the same answer cannot be given again: say so rather than hand out
    // a token that would never open the submission.
    if earlier.request_hash.as_deref() == Some(request_hash)
        && token::same(&token::token_hash(&token), &earlier.access_token_hash)
    {
        Ok(created(&earlier.reference, &token, fee.as_ref()))
    } else {
        Err(ApiError::IdempotencyConflict)
    }
}

/// The bearer token of the request, if any.
pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// A submission's status and timeline, for the holder of its access token. A wrong or missing
/// token gets the same 404 as a reference that does not exist.
#[utoipa::path(get, path = "/submissions/{reference}", tag = "submissions",
    params(("reference" = String, Path, description = "YYYY-NNNNNN-CC")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Status, timeline, fee and running deadlines", body = SubmissionStatus),
        (status = 400, description = "The reference's check digits fail", body = ErrorBody),
        (status = 404, description = "No such submission for this token", body = ErrorBody)))]
async fn get_submission(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<axum::Json<Value>, ApiError> {
    let submission = with_access_token(&state, &reference, &headers).await?;
    Ok(axum::Json(status_view(&state, &submission).await?))
}

/// The submission `reference`, for the holder of its access token or of its status token
/// (what a payment's return code is redeemed for): a reference whose check digits fail is 400;
/// a wrong or missing token the same 404 as a submission that does not exist.
pub(super) async fn with_access_token(
    state: &AppState,
    reference: &str,
    headers: &HeaderMap,
) -> Result<StoredSubmission, ApiError> {
    let token = bearer(headers).ok_or(ApiError::SubmissionNotFound)?;
    let submission = by_reference(state, reference).await?;
    // Both compared, in constant time, whichever it is.
    let access = token::same(&token::token_hash(token), &submission.access_token_hash);
    let status = token::same(
        token,
        &token::status_token(&state.token_secret, &submission.reference),
    );
    if !(access | status) {
        return Err(ApiError::SubmissionNotFound);
    }
    Ok(submission)
}

/// The submission `reference`: 400 when its check digits fail, 404 when there is none.
pub(super) async fn by_reference(
    state: &AppState,
    reference: &str,
) -> Result<StoredSubmission, ApiError> {
    let reference = Reference::parse(reference).map_err(|_| ApiError::InvalidReference)?;
    state
        .store
        .submission(&reference.to_string())
        .await?
        .ok_or(ApiError::SubmissionNotFound)
}

/// The body of a return code's redemption.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnCode {
    code: String,
}

/// Redeems the single-use code of a return from the payment page (the `return` parameter of
/// okUrl and cancelUrl, valid a few hours) for the submission's status token, which opens its
/// status and payment: how a tab or a portal's frame that never held the access token shows the
/// payment's outcome. A used, expired or unknown code gets the same 404 as a wrong token.
#[utoipa::path(post, path = "/submissions/{reference}/return", tag = "payments",
    params(("reference" = String, Path, description = "YYYY-NNNNNN-CC")),
    request_body = ReturnCodeBody,
    responses(
        (status = 200, description = "The status token", body = StatusToken),
        (status = 400, description = "The reference's check digits fail, or a malformed body", body = ErrorBody),
        (status = 404, description = "No such submission, or the code is used, expired or wrong", body = ErrorBody)))]
async fn redeem_return(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Json(body): Json<ReturnCode>,
) -> Result<axum::Json<Value>, ApiError> {
    let submission = by_reference(&state, &reference).await?;
    if !state
        .store
        .redeem_return_code(submission.id, &token::token_hash(&body.code))
        .await?
    {
        return Err(ApiError::SubmissionNotFound);
    }
    let token = token::status_token(&state.token_secret, &submission.reference);
    Ok(axum::Json(json!({"token": token})))
}

/// What the status page shows of a submission: its form version, status, fee, timeline and
/// the deadlines still running.
pub(super) async fn status_view(
    state: &AppState,
    submission: &StoredSubmission,
) -> Result<Value, ApiError> {
    // The payment first, then the submission afresh: a payment and its submission's move are
    // committed together, so a payment read as settled is never shown beside the status it
    // left (the status page stops asking once the payment has settled).
    let latest = state.store.latest_payment(submission.id).await?;
    let fresh = state.store.submission_by_id(submission.id).await?;
    let submission = fresh.as_ref().unwrap_or(submission);
    let timeline = state.store.events(submission.id).await?;
    // Deadlines of the version the submission was made with, counted in Sofia's calendar.
    let deadlines: Vec<Value> = match state.catalog.version(&submission.form_hash).await? {
        Some(version) => {
            let entered: Vec<(&str, forms_core::Date)> = timeline
                .iter()
                .filter_map(|e| Some((e.status.as_str(), crate::clock::sofia_date_of(&e.at)?)))
                .collect();
            forms_core::lifecycle::running_deadlines(version.form.definition(), &entered)
                .into_iter()
                .map(|due| json!({"from": due.from, "to": due.to, "due": due.due}))
                .collect()
        }
        None => Vec::new(),
    };
    let fee = submission
        .fee
        .as_ref()
        .map(|(amount, currency)| json!({"amount": amount, "currency": currency}));
    let payment = latest.map(|p| {
        json!({
            "provider": p.provider,
            "status": p.status,
            "amount": p.amount,
            "currency": p.currency,
            "expires_at": p.expires_at,
            "flagged": p.flagged,
        })
    });
    Ok(json!({
        "payment": payment,
        "reference": submission.reference,
        "form": {
            "id": submission.form_id,
            "version": submission.form_version,
            "hash": submission.form_hash,
        },
        "status": submission.status,
        "submitted_at": submission.created_at,
        "fee": fee,
        "timeline": timeline,
        "deadlines": deadlines,
    }))
}
