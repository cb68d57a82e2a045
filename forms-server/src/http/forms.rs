//! The published forms: the services list, one form's definition (current, or any version by
//! its hash), and validation without storing anything.

use axum::Json;
use axum::extract::{Path, State};
use forms_core::definition::FeeAmount;
use forms_core::{Definition, LocalizedText};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{DataBody, ErrorBody, FormList, Verdict};
use crate::error::ApiError;
use crate::http::{Query, lang};
use crate::state::{self, AppState};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_forms))
        .routes(routes!(get_form))
        .routes(routes!(validate))
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
    /// The fee: its currency, and its amount when it does not depend on the answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    fee: Option<ListedFee<'a>>,
}

/// A form's fee as the services list shows it.
#[derive(Debug, Serialize)]
struct ListedFee<'a> {
    currency: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<&'a str>,
}

/// Every form's current version, by id.
#[utoipa::path(get, path = "/forms", tag = "forms",
    responses((status = 200, description = "Each form's current version", body = FormList)))]
async fn list_forms(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let forms = state.catalog.current_all().await?;
    let forms: Vec<FormSummary<'_>> = forms
        .iter()
        .map(|f| (f.definition(), f.content_hash()))
        .map(|(d, hash)| FormSummary {
            id: &d.id,
            version: &d.version,
            hash,
            languages: &d.languages,
            title: &d.title,
            description: d.description.as_ref(),
            fee: d.fee.as_ref().map(|fee| ListedFee {
                currency: &fee.currency,
                amount: match &fee.amount {
                    FeeAmount::Fixed(amount) => Some(amount),
                    FeeAmount::Computed(_) => None,
                },
            }),
        })
        .collect();
    Ok(Json(serde_json::json!({ "forms": forms })))
}

/// `?version=HASH`: a given version instead of the current one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VersionQuery {
    version: Option<String>,
    /// Read by the language negotiation (`http/lang.rs`), allowed on every route.
    #[serde(rename = "lang")]
    _lang: Option<String>,
}

/// A version of a form, as a request asked for it.
pub(super) struct RequestedVersion {
    pub form: std::sync::Arc<forms_core::CompiledForm>,
    /// Whether it is retired (it can be read, but takes no new submissions).
    pub retired: bool,
}

/// The version of form `id` a request asks for: the current one, or the one with this hash
/// (also when retired: a draft or a submission may be pinned to it).
pub(super) async fn requested_version(
    state: &AppState,
    id: &str,
    hash: Option<&str>,
) -> Result<RequestedVersion, ApiError> {
    match hash {
        None => state
            .catalog
            .current(id)
            .await?
            .map(|form| RequestedVersion {
                form,
                retired: false,
            })
            .ok_or(ApiError::FormNotFound),
        Some(hash) => state
            .catalog
            .version(hash)
            .await?
            .filter(|v| v.stored.form_id == id)
            .map(|v| RequestedVersion {
                retired: v.is_retired(),
                form: v.form,
            })
            .ok_or(ApiError::FormNotFound),
    }
}

/// One form's whole definition, as the browser needs it to render and validate.
#[utoipa::path(get, path = "/forms/{id}", tag = "forms", params(("id" = String, Path, description = "The form's id"), ("version" = Option<String>, Query, description = "The hash of a version to use instead of the current one")),
    responses(
        (status = 200, description = "The definition, in the format of form-definitions/schema/form-definition.schema.json", body = Object),
        (status = 404, description = "No such form (or version)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody)))]
async fn get_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Json<Definition>, ApiError> {
    let form = requested_version(&state, &id, query.version.as_deref())
        .await?
        .form;
    Ok(Json(form.definition().clone()))
}

/// The body of a validation request: the answers, as for a submission.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateRequest {
    data: Value,
}

/// The verdict forms-core gives on the data, in the request's language; nothing is stored.
/// Always 200 when the data could be judged: `valid` says which way.
#[utoipa::path(post, path = "/forms/{id}/validate", tag = "forms", params(("id" = String, Path, description = "The form's id"), ("version" = Option<String>, Query, description = "The hash of a version to use instead of the current one")),
    request_body = DataBody,
    responses(
        (status = 200, description = "The verdict; nothing is stored", body = Verdict),
        (status = 404, description = "No such form (or version)", body = ErrorBody), (status = 400, description = "Malformed request", body = ErrorBody), (status = 429, description = "Too many requests from this address", body = ErrorBody)))]
async fn validate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<VersionQuery>,
    crate::http::Json(request): crate::http::Json<ValidateRequest>,
) -> Result<Json<Value>, ApiError> {
    let form = requested_version(&state, &id, query.version.as_deref())
        .await?
        .form;
    let lang = form.definition().language(lang::current());
    let (_, verdict) = crate::tools::judge(&form, &request.data, &state::context(lang));
    Ok(Json(verdict))
}
