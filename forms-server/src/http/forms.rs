//! The published forms.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use forms_core::{Definition, LocalizedText};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/forms", get(list_forms))
        .route("/forms/{id}", get(get_form))
}

/// A line of the services list.
#[derive(Debug, Serialize)]
struct FormSummary<'a> {
    id: &'a str,
    version: &'a str,
    /// The identity of this version: the content hash of the canonical definition.
    hash: &'a str,
    languages: &'a [String],
    title: &'a LocalizedText,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a LocalizedText>,
}

/// Every published form, by id.
async fn list_forms(State(state): State<AppState>) -> Json<serde_json::Value> {
    let forms: Vec<FormSummary<'_>> = state
        .registry
        .iter()
        .map(|f| (f.definition(), f.content_hash()))
        .map(|(d, hash)| FormSummary {
            id: &d.id,
            version: &d.version,
            hash,
            languages: &d.languages,
            title: &d.title,
            description: d.description.as_ref(),
        })
        .collect();
    Json(serde_json::json!({ "forms": forms }))
}

/// One form's whole definition, as the browser needs it to render and validate.
async fn get_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Definition>, ApiError> {
    let form = state.registry.get(&id).ok_or(ApiError::FormNotFound)?;
    Ok(Json(form.definition().clone()))
}
