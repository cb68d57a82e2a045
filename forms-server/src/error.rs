//! The one error type of the HTTP API and its JSON shape: `{"error": {"code", "message"}}`,
//! plus an `errors` list on 422. Messages come from Fluent in the request's language.

use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::http::lang;

/// Fluent keys of every API error message; a test checks each exists in every language.
pub const MESSAGE_KEYS: [&str; 24] = [
    "api-form-not-found",
    "api-not-found",
    "api-malformed-json",
    "api-invalid-body",
    "api-body-too-large",
    "api-unsupported-media-type",
    "api-validation",
    "api-internal",
    "api-submission-not-found",
    "api-invalid-reference",
    "api-idempotency-conflict",
    "api-invalid-idempotency-key",
    "api-unauthorized",
    "api-transition-not-allowed",
    "api-draft-not-found",
    "api-invalid-query",
    "api-version-retired",
    "api-forbidden",
    "api-definition-invalid",
    "api-rate-limited",
    "api-nothing-to-pay",
    "api-payments-unavailable",
    "api-payment-provider",
    "api-payment-not-found",
];

/// One invalid answer, as the API reports it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    /// JSON Pointer into the submitted data.
    pub path: String,
    /// The stable code from forms-core.
    pub code: &'static str,
    /// The explanation, in the request's language.
    pub message: String,
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 404: no published form has this id.
    #[error("form not found")]
    FormNotFound,
    /// 404: no such resource.
    #[error("not found")]
    NotFound,
    /// 400: the body is not JSON.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// 400: the body is JSON but not of the expected shape.
    #[error("invalid body: {0}")]
    InvalidBody(String),
    /// 413: the body is larger than the configured limit.
    #[error("body too large")]
    BodyTooLarge,
    /// 415: the body is not declared as `application/json`.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 404: no submission with this reference can be shown with the token given (whether it
    /// exists is not revealed).
    #[error("submission not found")]
    SubmissionNotFound,
    /// 400: the reference number's check digits do not match (a typing mistake).
    #[error("invalid reference number")]
    InvalidReference,
    /// 409: the `Idempotency-Key` was used before with other data.
    #[error("idempotency key reused with other data")]
    IdempotencyConflict,
    /// 400: the `Idempotency-Key` header is empty, too long or not visible ASCII.
    #[error("invalid Idempotency-Key header")]
    InvalidIdempotencyKey,
    /// 404: no draft that has not expired has this resume token.
    #[error("draft not found")]
    DraftNotFound,
    /// 401: the administration API needs a configured administration token.
    #[error("unauthorized")]
    Unauthorized,
    /// 409: the lifecycle has no move from the submission's status to the one asked for.
    #[error("transition not allowed")]
    TransitionNotAllowed,
    /// 400: the query string is not of the expected shape.
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// 409: the version asked for is retired and takes no new submissions.
    #[error("form version retired")]
    VersionRetired,
    /// 403: the form belongs to another administration.
    #[error("forbidden")]
    Forbidden,
    /// 409: the submission has no fee to pay, or it is paid.
    #[error("nothing to pay")]
    NothingToPay,
    /// 503: the administration has no payment provider configured.
    #[error("payments unavailable")]
    PaymentsUnavailable,
    /// 502: the payment provider refused the request or did not answer (logged).
    #[error("payment provider failed")]
    PaymentProvider,
    /// 404: a provider's notification names a payment the ledger does not have.
    #[error("payment not found")]
    PaymentNotFound,
    /// 429: this client sent more requests than its allowance (see `http/observe.rs`).
    #[error("rate limited")]
    RateLimited,
    /// 422: a definition to publish has findings (`forms check`'s, one item each).
    #[error("definition invalid")]
    DefinitionInvalid(Vec<ErrorItem>),
    /// 422: forms-core refused the data.
    #[error("validation failed")]
    Validation(Vec<ErrorItem>),
    /// 500: the database failed; details are logged, not sent.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::FormNotFound => (StatusCode::NOT_FOUND, "form_not_found"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            ApiError::InvalidBody(_) => (StatusCode::BAD_REQUEST, "invalid_body"),
            ApiError::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::SubmissionNotFound => (StatusCode::NOT_FOUND, "submission_not_found"),
            ApiError::InvalidReference => (StatusCode::BAD_REQUEST, "invalid_reference"),
            ApiError::IdempotencyConflict => (StatusCode::CONFLICT, "idempotency_conflict"),
            ApiError::InvalidIdempotencyKey => (StatusCode::BAD_REQUEST, "invalid_idempotency_key"),
            ApiError::DraftNotFound => (StatusCode::NOT_FOUND, "draft_not_found"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::TransitionNotAllowed => (StatusCode::CONFLICT, "transition_not_allowed"),
            ApiError::InvalidQuery(_) => (StatusCode::BAD_REQUEST, "invalid_query"),
            ApiError::VersionRetired => (StatusCode::CONFLICT, "version_retired"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ApiError::NothingToPay => (StatusCode::CONFLICT, "nothing_to_pay"),
            ApiError::PaymentsUnavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, "payments_unavailable")
            }
            ApiError::PaymentProvider => (StatusCode::BAD_GATEWAY, "payment_provider"),
            ApiError::PaymentNotFound => (StatusCode::NOT_FOUND, "payment_not_found"),
            ApiError::DefinitionInvalid(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "definition_invalid")
            }
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            ApiError::Database(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    fn message_key(&self) -> &'static str {
        match self {
            ApiError::FormNotFound => "api-form-not-found",
            ApiError::NotFound => "api-not-found",
            ApiError::MalformedJson(_) => "api-malformed-json",
            ApiError::InvalidBody(_) => "api-invalid-body",
            ApiError::BodyTooLarge => "api-body-too-large",
            ApiError::UnsupportedMediaType => "api-unsupported-media-type",
            ApiError::SubmissionNotFound => "api-submission-not-found",
            ApiError::InvalidReference => "api-invalid-reference",
            ApiError::IdempotencyConflict => "api-idempotency-conflict",
            ApiError::InvalidIdempotencyKey => "api-invalid-idempotency-key",
            ApiError::DraftNotFound => "api-draft-not-found",
            ApiError::Unauthorized => "api-unauthorized",
            ApiError::TransitionNotAllowed => "api-transition-not-allowed",
            ApiError::InvalidQuery(_) => "api-invalid-query",
            ApiError::VersionRetired => "api-version-retired",
            ApiError::Forbidden => "api-forbidden",
            ApiError::RateLimited => "api-rate-limited",
            ApiError::NothingToPay => "api-nothing-to-pay",
            ApiError::PaymentsUnavailable => "api-payments-unavailable",
            ApiError::PaymentProvider => "api-payment-provider",
            ApiError::PaymentNotFound => "api-payment-not-found",
            ApiError::DefinitionInvalid(_) => "api-definition-invalid",
            ApiError::Validation(_) => "api-validation",
            ApiError::Database(_) => "api-internal",
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonSyntaxError(e) => ApiError::MalformedJson(e.body_text()),
            JsonRejection::JsonDataError(e) => ApiError::InvalidBody(e.body_text()),
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::BodyTooLarge
            }
            other => ApiError::InvalidBody(other.body_text()),
        }
    }
}

impl From<FormRejection> for ApiError {
    fn from(rejection: FormRejection) -> Self {
        match rejection {
            FormRejection::InvalidFormContentType(_) => ApiError::UnsupportedMediaType,
            FormRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::BodyTooLarge
            }
            other => ApiError::InvalidBody(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::InvalidQuery(rejection.body_text())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [ErrorItem]>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!("{self}");
        } else {
            tracing::debug!("{self}");
        }
        let message = lang::localize(self.message_key());
        let errors = match &self {
            ApiError::Validation(items) | ApiError::DefinitionInvalid(items) => {
                Some(items.as_slice())
            }
            _ => None,
        };
        let body = Body {
            error: Detail { code, message },
            errors,
        };
        (status, axum::Json(body)).into_response()
    }
}
