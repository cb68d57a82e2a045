//! The administration API: bearer tokens per administration (`FORMS_ADMIN_TOKENS`), each
//! acting only on the forms whose `service.provider_eik` is its EIK: publishing and retiring
//! their versions, listing and exporting their submissions, moving a submission along its
//! lifecycle. Another administration's form or submission is a 404, as if it did not exist.
//!
//! The token is checked before the body is read: a request without one is 401 whatever it
//! carries.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::openapi::{
    ErrorBody, StatusChange as StatusChangeDoc, SubmissionPage, SubmissionStatus, VersionList,
    VersionView,
};
use super::submissions::{bearer, status_view};
use crate::error::{ApiError, ErrorItem};
use crate::http::{Json, Query};
use crate::state::AppState;
use crate::store::{ExportedSubmission, StoredVersion};
use crate::token;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(publish).layer(DefaultBodyLimit::max(DEFINITION_MAX_BYTES)))
        .routes(routes!(list_versions))
        .routes(routes!(retire))
        .routes(routes!(list_submissions))
        .routes(routes!(advance_submission))
}

/// The largest definition that can be published: larger than a submission may be, since
/// only an authenticated administration sends one.
const DEFINITION_MAX_BYTES: usize = 4 * 1024 * 1024;

/// The administration whose token the request carries: its provider EIK.
#[derive(Debug, Clone)]
pub(super) struct Administration(pub String);

impl Administration {
    /// Who it is in timelines and version histories.
    fn actor(&self) -> String {
        format!("administration:{}", self.0)
    }

    /// Whether a definition (version) is this administration's.
    fn owns(&self, provider_eik: Option<&str>) -> bool {
        provider_eik == Some(self.0.as_str())
    }
}

impl FromRequestParts<AppState> for Administration {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let hash = token::token_hash(bearer(&parts.headers).ok_or(ApiError::Unauthorized)?);
        state
            .admin_tokens
            .iter()
            .find(|t| token::same(&t.hash, &hash))
            .map(|t| Administration(t.eik.clone()))
            .ok_or(ApiError::Unauthorized)
    }
}

/// The versions of form `id`, when the form is this administration's (its versions are all of
/// one provider: [`publish`] keeps it so).
async fn own_versions(
    state: &AppState,
    admin: &Administration,
    id: &str,
) -> Result<Vec<StoredVersion>, ApiError> {
    let versions = state.store.versions(id).await?;
    match versions.last() {
        Some(newest) if admin.owns(newest.provider_eik.as_deref()) => Ok(versions),
        _ => Err(ApiError::FormNotFound),
    }
}

/// How a version is shown to its administration.
fn version_view(version: &StoredVersion, current: Option<&str>) -> Value {
    json!({
        "id": version.form_id,
        "version": version.version,
        "hash": version.hash,
        "published_by": version.published_by,
        "published_at": version.published_at,
        "retired_at": version.retired_at,
        "current": current == Some(version.hash.as_str()),
    })
}

/// Publishes a definition (the request body, as a file of `form-definitions/` would hold it):
/// it must pass `forms check` (else 422 with every finding), be this administration's
/// (`service.provider_eik`), and not take over another administration's form id. 201 when new,
/// 200 when the same text was published before; it becomes the form's current version.
#[utoipa::path(post, path = "/admin/forms", tag = "administration",
    security(("administration" = [])),
    request_body(content = Object, description = "The definition, as a file of form-definitions/ holds it (up to 4 MiB)"),
    responses(
        (status = 201, description = "Published: now the form's current version", body = VersionView),
        (status = 200, description = "This text was published before", body = VersionView),
        (status = 403, description = "Another administration's EIK or form", body = ErrorBody),
        (status = 409, description = "This text was retired", body = ErrorBody),
        (status = 422, description = "The definition has findings", body = ErrorBody),
        (status = 401, description = "No valid administration token", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody), (status = 429, description = "Too many requests from this address", body = ErrorBody)))]
async fn publish(
    admin: Administration,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::BodyTooLarge
        } else {
            ApiError::InvalidBody(e.body_text())
        }
    })?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::MalformedJson("the body is not UTF-8".into()))?;
    if text.contains('\0') {
        return Err(ApiError::InvalidBody("text must not contain U+0000".into()));
    }
    let (definition, diagnostics) = crate::check::check_text(text);
    let definition = match definition {
        Some(definition) if diagnostics.is_empty() => definition,
        _ => {
            let items = diagnostics
                .into_iter()
                .map(|d| ErrorItem {
                    path: d.pointer,
                    code: d.code,
                    message: d.message,
                })
                .collect();
            return Err(ApiError::DefinitionInvalid(items));
        }
    };
    let provider = definition
        .service
        .as_ref()
        .and_then(|s| s.provider_eik.as_deref());
    if !admin.owns(provider) {
        return Err(ApiError::Forbidden);
    }
    let existing = state.store.versions(&definition.id).await?;
    if existing
        .iter()
        .any(|v| !admin.owns(v.provider_eik.as_deref()))
    {
        return Err(ApiError::Forbidden);
    }
    let form = forms_core::compile(definition)
        .map_err(|e| ApiError::DefinitionInvalid(vec![definition_error(&e)]))?;
    let form = Arc::new(form);
    let hash = form.content_hash().to_owned();
    let id = form.definition().id.clone();
    let new = state.catalog.publish(form, &admin.actor()).await?;
    let version = state
        .store
        .version(&hash)
        .await?
        .ok_or(ApiError::FormNotFound)?;
    if version.retired_at.is_some() {
        return Err(ApiError::VersionRetired);
    }
    let current = state.store.current_version_hash(&id).await?;
    let status = if new {
        tracing::info!(form = %id, %hash, by = %admin.actor(), "form version published");
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        axum::Json(version_view(&version, current.as_deref())),
    )
        .into_response())
}

/// A definition that passed lint but does not compile (lint and compile disagree: a bug, but
/// the administration still gets a precise answer).
fn definition_error(error: &forms_core::DefinitionError) -> ErrorItem {
    ErrorItem {
        path: String::new(),
        code: "definition",
        message: error.to_string(),
    }
}

/// Every version of one of the administration's forms, oldest first.
#[utoipa::path(get, path = "/admin/forms/{id}/versions", tag = "administration",
    security(("administration" = [])), params(("id" = String, Path, description = "The form's id")),
    responses(
        (status = 200, description = "Every version, oldest first", body = VersionList),
        (status = 401, description = "No valid administration token", body = ErrorBody), (status = 404, description = "No such form (or version)", body = ErrorBody)))]
async fn list_versions(
    admin: Administration,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, ApiError> {
    let versions = own_versions(&state, &admin, &id).await?;
    let current = state.store.current_version_hash(&id).await?;
    let versions: Vec<Value> = versions
        .iter()
        .map(|v| version_view(v, current.as_deref()))
        .collect();
    Ok(axum::Json(json!({"versions": versions})))
}

/// Retires a version: it takes no new submissions (those made and the drafts pinned to it keep
/// it). When it was the current version, the newest one before it not retired is current
/// again; when none is left, the form is no longer offered. Retiring twice changes nothing.
#[utoipa::path(post, path = "/admin/forms/{id}/versions/{hash}/retire", tag = "administration",
    security(("administration" = [])),
    params(("id" = String, Path, description = "The form's id"), ("hash" = String, Path, description = "The version's hash")),
    responses(
        (status = 200, description = "The version, retired", body = VersionView),
        (status = 401, description = "No valid administration token", body = ErrorBody), (status = 404, description = "No such form (or version)", body = ErrorBody)))]
async fn retire(
    admin: Administration,
    State(state): State<AppState>,
    Path((id, hash)): Path<(String, String)>,
) -> Result<axum::Json<Value>, ApiError> {
    own_versions(&state, &admin, &id)
        .await?
        .iter()
        .find(|v| v.hash == hash)
        .ok_or(ApiError::FormNotFound)?;
    if state.store.retire_version(&hash, &admin.actor()).await? {
        tracing::info!(form = %id, %hash, by = %admin.actor(), "form version retired");
    }
    let version = state
        .store
        .version(&hash)
        .await?
        .ok_or(ApiError::FormNotFound)?;
    let current = state.store.current_version_hash(&id).await?;
    Ok(axum::Json(version_view(&version, current.as_deref())))
}

/// The paging and filter of a submissions list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    /// Only submissions in this status.
    status: Option<String>,
    /// The `next` cursor of the page before.
    after: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    limit: Option<i64>,
    /// `json` (the default) or `csv`.
    format: Option<String>,
    /// Read by the language negotiation (`http/lang.rs`), allowed on every route.
    #[serde(rename = "lang")]
    _lang: Option<String>,
}

/// The largest page of a submissions list.
const MAX_PAGE: i64 = 1000;

/// One of the administration's forms' submissions, a page at a time, oldest first: as JSON
/// (`{submissions, next}`) or, with `format=csv`, as CSV (one column per top-level field of
/// the current version; a `Link: <…>; rel="next"` header while there are more).
#[utoipa::path(get, path = "/admin/forms/{id}/submissions", tag = "administration",
    security(("administration" = [])),
    params(("id" = String, Path, description = "The form's id"),
        ("status" = Option<String>, Query, description = "Only submissions in this status"),
        ("after" = Option<String>, Query, description = "The next cursor of the page before"),
        ("limit" = Option<i64>, Query, description = "Page size, 1 to 1000 (default 100)"),
        ("format" = Option<String>, Query, description = "json (default) or csv")),
    responses(
        (status = 200, description = "A page, oldest first (or the same as text/csv, with a Link header to the next page)",
            content((SubmissionPage = "application/json"), (String = "text/csv"))),
        (status = 401, description = "No valid administration token", body = ErrorBody), (status = 404, description = "No such form (or version)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody)))]
async fn list_submissions(
    admin: Administration,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    own_versions(&state, &admin, &id).await?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::InvalidQuery(format!(
            "limit must be 1 to {MAX_PAGE}"
        )));
    }
    let after = match query.after.as_deref() {
        None => 0,
        Some(cursor) => cursor
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ApiError::InvalidQuery("after must be a cursor from next".into()))?,
    };
    let csv = match query.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(ApiError::InvalidQuery("format must be json or csv".into())),
    };
    let page = state
        .store
        .list_submissions(&id, query.status.as_deref(), after, limit)
        .await?;
    let next = (page.len() == usize::try_from(limit).unwrap_or(usize::MAX))
        .then(|| page.last().map(|s| s.submission.id.to_string()))
        .flatten();
    if csv {
        let columns: Vec<String> = match state.catalog.current(&id).await? {
            Some(form) => form
                .definition()
                .steps
                .iter()
                .flat_map(|s| s.fields.iter().map(|f| f.key.clone()))
                .collect(),
            None => Vec::new(),
        };
        let mut response = (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"submissions.csv\"",
                ),
            ],
            submissions_csv(&page, &columns),
        )
            .into_response();
        if let Some(next) = &next {
            let mut link = format!(
                "</api/v1/admin/forms/{id}/submissions?format=csv&limit={limit}&after={next}"
            );
            if let Some(status) = &query.status {
                link.push_str("&status=");
                link.push_str(&percent_encode(status));
            }
            link.push_str(">; rel=\"next\"");
            if let Ok(value) = link.parse() {
                response.headers_mut().insert(header::LINK, value);
            }
        }
        return Ok(response);
    }
    let submissions: Vec<Value> = page
        .iter()
        .map(|s| {
            let fee = s
                .submission
                .fee
                .as_ref()
                .map(|(amount, currency)| json!({"amount": amount, "currency": currency}));
            json!({
                "reference": s.submission.reference,
                "status": s.submission.status,
                "submitted_at": s.submission.created_at,
                "form": {"version": s.submission.form_version, "hash": s.submission.form_hash},
                "lang": s.lang,
                "fee": fee,
                "data": s.data,
            })
        })
        .collect();
    Ok(axum::Json(json!({"submissions": submissions, "next": next})).into_response())
}

/// `text` with every byte that is not unreserved in a URL percent-encoded.
fn percent_encode(text: &str) -> String {
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

/// One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading `'`, as OWASP advises against CSV injection.
fn csv_cell(text: &str, out: &mut String) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || text.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}

/// The cell of an answer: text as it is, other scalars as JSON, groups and lists as JSON.
fn answer_cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A page of submissions as CSV, with a header line.
fn submissions_csv(page: &[ExportedSubmission], columns: &[String]) -> String {
    const FIXED: [&str; 8] = [
        "reference",
        "status",
        "submitted_at",
        "form_version",
        "form_hash",
        "lang",
        "fee_amount",
        "fee_currency",
    ];
    let mut out = String::new();
    let header = FIXED
        .iter()
        .copied()
        .chain(columns.iter().map(String::as_str));
    for (i, name) in header.enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_cell(name, &mut out);
    }
    out.push_str("\r\n");
    for s in page {
        let sub = &s.submission;
        let (amount, currency) = sub.fee.clone().unwrap_or_default();
        let fixed = [
            &sub.reference,
            &sub.status,
            &sub.created_at,
            &sub.form_version,
            &sub.form_hash,
            &s.lang,
            &amount,
            &currency,
        ];
        let answers = columns.iter().map(|key| answer_cell(s.data.get(key)));
        for (i, cell) in fixed.into_iter().cloned().chain(answers).enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(&cell, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

/// A move in the lifecycle, with the administration's note for the applicant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusChange {
    /// The status to enter.
    status: String,
    /// Why, for the timeline.
    #[serde(default)]
    note: Option<String>,
}

/// Moves one of the administration's submissions to another status of its form's lifecycle
/// (the lifecycle of the version it was made with); answers with the submission as its status
/// page shows it. A move the lifecycle does not have (or a status changed meanwhile by someone
/// else) is 409.
#[utoipa::path(post, path = "/admin/submissions/{reference}/status", tag = "administration",
    security(("administration" = [])),
    params(("reference" = String, Path, description = "YYYY-NNNNNN-CC")),
    request_body = StatusChangeDoc,
    responses(
        (status = 200, description = "Moved: the submission as its status page shows it", body = SubmissionStatus),
        (status = 409, description = "Not a move of the lifecycle", body = ErrorBody),
        (status = 404, description = "No such submission of this administration", body = ErrorBody),
        (status = 401, description = "No valid administration token", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody)))]
async fn advance_submission(
    admin: Administration,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Json(change): Json<StatusChange>,
) -> Result<axum::Json<Value>, ApiError> {
    let submission = super::submissions::by_reference(&state, &reference).await?;
    let version = state
        .catalog
        .version(&submission.form_hash)
        .await?
        .filter(|v| admin.owns(v.stored.provider_eik.as_deref()))
        .ok_or(ApiError::SubmissionNotFound)?;
    let definition = version.form.definition();
    if !forms_core::lifecycle::is_status(definition, &change.status)
        || !forms_core::lifecycle::can_move(definition, &submission.status, &change.status)
    {
        return Err(ApiError::TransitionNotAllowed);
    }
    let note = change
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.contains('\0')) {
        return Err(ApiError::InvalidBody(
            "the note must not contain U+0000".into(),
        ));
    }
    let moved = state
        .store
        .advance(&submission, &change.status, &admin.actor(), note)
        .await?;
    if !moved {
        return Err(ApiError::TransitionNotAllowed);
    }
    let submission = state
        .store
        .submission(&submission.reference)
        .await?
        .ok_or(ApiError::SubmissionNotFound)?;
    Ok(axum::Json(status_view(&state, &submission).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> String {
        let mut out = String::new();
        csv_cell(text, &mut out);
        out
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+359 2 123"), "\"'+359 2 123\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("Иван"), "Иван");
    }
}
