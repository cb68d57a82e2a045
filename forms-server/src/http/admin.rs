//! The administration API: bearer tokens per administration (`FORMS_ADMIN_TOKENS`), each
//! acting only on the forms whose `service.provider_eik` is its EIK. Another administration's
//! submission is a 404, as if it did not exist.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use forms_core::reference::Reference;
use serde::Deserialize;
use serde_json::Value;

use super::submissions::{bearer, status_view};
use crate::error::ApiError;
use crate::http::Json;
use crate::state::AppState;
use crate::token;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/admin/submissions/{reference}/status",
        post(advance_submission),
    )
}

/// The EIK of the administration whose token the request carries.
fn administration(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let hash = token::token_hash(bearer(headers).ok_or(ApiError::Unauthorized)?);
    state
        .admin_tokens
        .iter()
        .find(|t| token::same(&t.hash, &hash))
        .map(|t| t.eik.clone())
        .ok_or(ApiError::Unauthorized)
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

/// Moves one of the administration's submissions to another status of its form's lifecycle;
/// answers with the submission as its status page shows it. A move the lifecycle does not have
/// (or a status changed meanwhile by someone else) is 409.
async fn advance_submission(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Json(change): Json<StatusChange>,
) -> Result<axum::Json<Value>, ApiError> {
    let eik = administration(&state, &headers)?;
    let reference = Reference::parse(&reference).map_err(|_| ApiError::InvalidReference)?;
    let submission = state
        .store
        .submission(&reference.to_string())
        .await?
        .ok_or(ApiError::SubmissionNotFound)?;
    let form = state
        .registry
        .get(&submission.form_id)
        .filter(|form| {
            form.definition()
                .service
                .as_ref()
                .and_then(|s| s.provider_eik.as_deref())
                == Some(eik.as_str())
        })
        .ok_or(ApiError::SubmissionNotFound)?;
    let definition = form.definition();
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
        .advance(
            submission.id,
            &submission.status,
            &change.status,
            &format!("administration:{eik}"),
            note,
        )
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
