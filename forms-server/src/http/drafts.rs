//! Drafts: "save and continue later". A draft keeps the answers so far, unchecked (it may be
//! incomplete), pinned to the definition version they were given against, under a resume
//! token that is shown once and stored as its SHA-256. It expires after `FORMS_DRAFT_DAYS`
//! without a save; a background job deletes expired drafts.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{DataBody, DraftCreated, DraftView, ErrorBody};
use crate::error::ApiError;
use crate::http::Json;
use crate::state::AppState;
use crate::token;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_draft))
        .routes(routes!(get_draft, update_draft))
}

/// The body of a draft: the answers so far, an object.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftRequest {
    data: Value,
}

fn answers(request: DraftRequest) -> Result<Value, ApiError> {
    if crate::http::has_nul(&request.data) {
        return Err(ApiError::InvalidBody("text must not contain U+0000".into()));
    }
    if request.data.is_object() {
        Ok(request.data)
    } else {
        Err(ApiError::InvalidBody("data must be an object".into()))
    }
}

/// Saves a new draft of form `id`; answers 201 with the resume token (shown this once).
#[utoipa::path(post, path = "/forms/{id}/drafts", tag = "drafts", params(("id" = String, Path, description = "The form's id")),
    request_body = DataBody,
    responses(
        (status = 201, description = "Saved: the resume token (shown only here)", body = DraftCreated),
        (status = 404, description = "No such form (or version)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody), (status = 429, description = "Too many requests from this address", body = ErrorBody)))]
async fn create_draft(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(request): Json<DraftRequest>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let form = state
        .catalog
        .current(&id)
        .await?
        .ok_or(ApiError::FormNotFound)?;
    let data = answers(request)?;
    let resume_token = token::random_hex();
    let definition = form.definition();
    let expires_at = state
        .store
        .insert_draft(
            &token::token_hash(&resume_token),
            (&definition.id, &definition.version, form.content_hash()),
            &data,
            state.draft_days,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({
            "resume_token": resume_token,
            "expires_at": expires_at,
            "form": {"id": definition.id, "version": definition.version, "hash": form.content_hash()},
        })),
    ))
}

/// Replaces a draft's answers and gives it another `FORMS_DRAFT_DAYS`.
#[utoipa::path(put, path = "/drafts/{token}", tag = "drafts",
    params(("token" = String, Path, description = "The resume token")),
    request_body = DataBody,
    responses(
        (status = 200, description = "The draft as saved", body = DraftView),
        (status = 404, description = "No draft (or it expired)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody), (status = 429, description = "Too many requests from this address", body = ErrorBody)))]
async fn update_draft(
    State(state): State<AppState>,
    Path(resume_token): Path<String>,
    Json(request): Json<DraftRequest>,
) -> Result<axum::Json<Value>, ApiError> {
    let data = answers(request)?;
    let hash = token::token_hash(&resume_token);
    if !state
        .store
        .update_draft(&hash, &data, state.draft_days)
        .await?
    {
        return Err(ApiError::DraftNotFound);
    }
    draft_view(&state, &hash).await
}

/// A draft's answers and its version; `current` says whether the form has changed since.
#[utoipa::path(get, path = "/drafts/{token}", tag = "drafts",
    params(("token" = String, Path, description = "The resume token")),
    responses(
        (status = 200, description = "The draft", body = DraftView),
        (status = 404, description = "No draft (or it expired)", body = ErrorBody)))]
async fn get_draft(
    State(state): State<AppState>,
    Path(resume_token): Path<String>,
) -> Result<axum::Json<Value>, ApiError> {
    draft_view(&state, &token::token_hash(&resume_token)).await
}

async fn draft_view(state: &AppState, hash: &str) -> Result<axum::Json<Value>, ApiError> {
    let draft = state
        .store
        .draft(hash)
        .await?
        .ok_or(ApiError::DraftNotFound)?;
    let current = state
        .catalog
        .current(&draft.form_id)
        .await?
        .is_some_and(|form| form.content_hash() == draft.form_hash);
    Ok(axum::Json(json!({
        "form": {"id": draft.form_id, "version": draft.form_version, "hash": draft.form_hash},
        "current": current,
        "data": draft.data,
        "updated_at": draft.updated_at,
        "expires_at": draft.expires_at,
    })))
}
