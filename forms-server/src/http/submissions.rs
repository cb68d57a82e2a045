//! Submissions: re-validated with forms-core, then stored.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Router, response::IntoResponse};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ErrorItem};
use crate::http::{Json, lang};
use crate::state::{self, AppState};
use crate::store::NewSubmission;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/forms/{id}/submissions", post(create_submission))
}

/// The body of a submission.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmissionRequest {
    /// The answers, keyed by field key.
    data: Value,
}

/// Accepts a submission only if forms-core accepts its data; answers 201 with the reference.
async fn create_submission(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(request): Json<SubmissionRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let form = state.registry.get(&id).ok_or(ApiError::FormNotFound)?;
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
    let reference = state
        .store
        .insert_submission(NewSubmission {
            form_id: &definition.id,
            form_version: &definition.version,
            form_hash: form.content_hash(),
            data: &evaluation.cleaned,
            lang,
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "reference": reference.to_string(), "status": "submitted" })),
    ))
}
