//! The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.json`.
//!
//! Every route is registered through `utoipa_axum::routes!`, which takes the path and method
//! from the handler's `#[utoipa::path]`: a route cannot be served without being documented.
//! The shapes below describe the JSON the handlers write, without room for other properties
//! (`deny_unknown_fields` gives `additionalProperties: false`); `tests/openapi.rs` checks
//! real answers against them, so the two cannot drift apart unnoticed.

#![allow(dead_code)] // The shapes are read by utoipa's derive, not by code.

use std::collections::BTreeMap;

use serde::Deserialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The one error shape of the API.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// On 422: one item per invalid answer (or per finding in a definition).
    pub errors: Option<Vec<ErrorItem>>,
}

/// What went wrong.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// Stable, for programs: `form_not_found`, `validation`, `rate_limited`, …
    pub code: String,
    /// For people, in the request's language.
    pub message: String,
}

/// One invalid answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorItem {
    /// JSON Pointer into the data (or the definition).
    pub path: String,
    pub code: String,
    pub message: String,
}

/// Text in each language a form offers, by language code.
pub type Localized = BTreeMap<String, String>;

/// A line of the services list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormSummary {
    pub id: String,
    pub version: String,
    /// The content hash of the version (`sha256:…`).
    pub hash: String,
    pub languages: Vec<String>,
    pub title: Localized,
    pub description: Option<Localized>,
    /// The fee, when the service has one.
    pub fee: Option<ListedFee>,
}

/// A fee in the services list: its amount only when it does not depend on the answers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListedFee {
    /// ISO 4217.
    pub currency: String,
    /// A decimal with two places, `"10.00"`; absent when the answers decide it.
    pub amount: Option<String>,
}

/// The services list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormList {
    pub forms: Vec<FormSummary>,
}

/// A version of a form.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

/// An amount of money.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// A decimal with two places: `"17.00"`.
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
}

/// Answers to judge or to draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DataBody {
    /// The answers, by field key.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

/// A submission.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionBody {
    /// The answers, by field key.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    /// The hash of the version the answers were given against (a resumed draft's), when not
    /// the current one.
    pub version: Option<String>,
    /// The resume token of the server draft the answers came from, if any: the draft of this
    /// form under it is deleted in the same commit that stores the submission.
    pub draft: Option<String>,
}

/// One error of a verdict.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictError {
    pub path: String,
    pub code: String,
    /// The values the message is built from (`min`, `max`, …).
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    pub message: String,
}

/// forms-core's verdict on some answers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    pub valid: bool,
    pub errors: Vec<VerdictError>,
    pub fee: Option<Money>,
    /// The cleaned answers: only the form's own, visible fields.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub form: FormRef,
}

/// What the applicant does next.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    /// `done`, or `payment`.
    #[serde(rename = "type")]
    pub kind: String,
    pub fee: Option<Money>,
}

/// A stored submission's receipt.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Created {
    /// `YYYY-NNNNNN-CC`.
    pub reference: String,
    /// Opens the status page; shown only here.
    pub access_token: String,
    pub status: String,
    pub next: NextStep,
}

/// An entry of a timeline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub status: String,
    /// `applicant`, `system`, or `administration:EIK`.
    pub actor: String,
    pub note: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A deadline still running.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub from: String,
    pub to: String,
    /// The last day (Bulgarian working days).
    pub due: String,
}

/// A submission as its status page shows it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionStatus {
    pub reference: String,
    pub form: FormRef,
    pub status: String,
    pub submitted_at: String,
    pub fee: Option<Money>,
    pub timeline: Vec<TimelineEvent>,
    pub deadlines: Vec<Deadline>,
    /// The latest payment attempt, if any: only a provider's notification or a poll moves it.
    pub payment: Option<PaymentState>,
}

/// A new draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftCreated {
    /// Opens the draft; shown only here.
    pub resume_token: String,
    pub expires_at: String,
    pub form: FormRef,
}

/// A saved draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftView {
    pub form: FormRef,
    /// Whether the form is still at the version the draft is pinned to.
    pub current: bool,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub updated_at: String,
    pub expires_at: String,
}

/// A published definition version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionView {
    pub id: String,
    pub version: String,
    pub hash: String,
    pub published_by: String,
    pub published_at: String,
    pub retired_at: Option<String>,
    pub current: bool,
}

/// A form's versions, oldest first.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionList {
    pub versions: Vec<VersionView>,
}

/// A version of a form, as a submission is pinned to it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinnedVersion {
    pub version: String,
    pub hash: String,
}

/// A submission with its answers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportedSubmission {
    pub reference: String,
    pub status: String,
    pub submitted_at: String,
    pub form: PinnedVersion,
    pub lang: String,
    pub fee: Option<Money>,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

/// A page of submissions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionPage {
    pub submissions: Vec<ExportedSubmission>,
    /// The cursor of the next page (`after`), or null at the end.
    pub next: Option<String>,
}

/// A move in the lifecycle.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: String,
    pub note: Option<String>,
}

/// What starting a payment may say. Other properties (an amount, say) are not read: the
/// amount is the server's.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PaymentStartBody {
    /// The portal page to come back to after paying from its frame (`FORMS_FRAME_ANCESTORS`
    /// only); without it, this server's status page.
    pub return_to: Option<String>,
}

/// A return code to redeem.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnCodeBody {
    /// The `return` parameter of the address the provider sent the browser back to.
    pub code: String,
}

/// The status token a return code is redeemed for: it opens the status page and the payment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusToken {
    pub token: String,
}

/// Where to send the browser to pay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentStart {
    /// `egov` or `epay`.
    pub provider: String,
    /// The attempt's status in the ledger.
    pub status: String,
    pub amount: String,
    pub currency: String,
    pub expires_at: String,
    pub redirect: PaymentRedirect,
}

/// A page to POST a form to (the browser's top window, also from inside a frame).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRedirect {
    pub url: String,
    /// Always `POST`.
    pub method: String,
    /// The form fields.
    pub fields: BTreeMap<String, String>,
}

/// A submission's payment, as its status page shows it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentState {
    pub provider: String,
    /// Pending, InProcess, Authorized, Ordered, Paid, Expired, Canceled, Suspended.
    pub status: String,
    pub amount: String,
    pub currency: String,
    pub expires_at: String,
    /// Set when the administration must look (a payment after the end).
    pub flagged: Option<String>,
}

/// An operations answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// `ok`, `ready`, or `unavailable`.
    pub status: String,
}

/// The bearer schemes: the applicant's access token and the administration's token.
#[derive(Debug)]
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in ["access_token", "administration"] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The document's head; the paths come from the handlers.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "eForms runtime API",
        description = "Published forms, validation, submissions with reference numbers and a \
            status lifecycle, drafts, and the administrations' API. Errors always have the \
            ErrorBody shape, with the message in the request's language (?lang= or \
            Accept-Language: bg, en, pl, az)."
    ),
    modifiers(&BearerTokens),
    tags(
        (name = "forms", description = "Published forms and validation"),
        (name = "submissions", description = "Submissions and their status"),
        (name = "drafts", description = "Save and continue later"),
        (name = "payments", description = "Fees through pay.egov.bg or ePay.bg"),
        (name = "administration", description = "An administration's own forms and submissions"),
        (name = "operations", description = "Health and metrics"),
    )
)]
pub struct ApiDoc;
