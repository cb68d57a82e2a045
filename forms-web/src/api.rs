//! Calls to the server's HTTP API.

use forms_core::{Definition, LocalizedText};
use js_sys::{Array, JSON, Object, Reflect};
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// Why a call did not give what was asked; each becomes a message in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server could not be reached.
    Network,
    /// The server answered with an error (status code).
    Server(u16),
    /// No such form.
    NotFound,
    /// The server refused the data (422), with its messages per answer.
    Invalid(Vec<ServerError>),
    /// The server answered, but with something this app cannot use (a definition or message
    /// file it cannot read).
    Unusable,
}

/// One refused answer, as the server reports it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServerError {
    /// JSON Pointer of the answer.
    pub path: String,
    /// Stable code.
    pub code: String,
    /// Text in the requested language.
    pub message: String,
}

/// A line of the services list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FormSummary {
    /// Form id.
    pub id: String,
    /// Languages offered.
    pub languages: Vec<String>,
    /// Title per language.
    pub title: LocalizedText,
    /// Description per language.
    #[serde(default)]
    pub description: Option<LocalizedText>,
    /// The fee, when the service has one.
    #[serde(default)]
    pub fee: Option<ListedFee>,
}

/// A service's fee in the list: the amount only when the answers do not decide it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListedFee {
    /// ISO 4217 code.
    pub currency: String,
    /// A decimal string, `"10.00"`.
    #[serde(default)]
    pub amount: Option<String>,
}

/// What the server answers to an accepted submission.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Receipt {
    /// The reference number.
    pub reference: String,
    /// The status of the submission.
    pub status: String,
    /// Opens the status page (shown once; kept in this tab's session storage).
    pub access_token: String,
    /// What happens next: `{"type": "done"}` or `{"type": "payment", "fee": …}`.
    pub next: Value,
}

#[derive(Deserialize)]
struct FormList {
    forms: Vec<FormSummary>,
}

#[derive(Deserialize)]
struct ValidationBody {
    errors: Vec<ServerError>,
}

/// How long a call may take before the person is told the service cannot be reached.
const TIMEOUT_MS: u32 = 30_000;

/// One HTTP exchange: the status and the body text. Any failure to get an answer is `Network`.
async fn fetch(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), ApiFailure> {
    fetch_as(method, url, body, None).await
}

/// [`fetch`], with `Authorization: Bearer <token>` when a token is given.
async fn fetch_as(
    method: &str,
    url: &str,
    body: Option<String>,
    token: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    let init = RequestInit::new();
    init.set_method(method);
    let headers = Headers::new().map_err(|_| ApiFailure::Network)?;
    headers
        .set("Accept", "application/json")
        .map_err(|_| ApiFailure::Network)?;
    if let Some(token) = token {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(|_| ApiFailure::Network)?;
    }
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| ApiFailure::Network)?;
        init.set_body(&JsValue::from_str(&body));
    }
    init.set_headers(&headers);
    // A server that does not answer counts as unreachable after a while, like one that is down.
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ApiFailure::Network)?;
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(|_| ApiFailure::Network)?;
    let text = JsFuture::from(response.text().map_err(|_| ApiFailure::Network)?)
        .await
        .map_err(|_| ApiFailure::Network)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

/// Reads a JSON answer; error statuses become the matching [`ApiFailure`].
fn read<T: for<'de> Deserialize<'de>>((status, text): (u16, String)) -> Result<T, ApiFailure> {
    match status {
        200..=299 => serde_json::from_str(&text).map_err(|_| ApiFailure::Unusable),
        404 => Err(ApiFailure::NotFound),
        422 => match serde_json::from_str::<ValidationBody>(&text) {
            Ok(body) => Err(ApiFailure::Invalid(body.errors)),
            Err(_) => Err(ApiFailure::Server(status)),
        },
        _ => Err(ApiFailure::Server(status)),
    }
}

/// A static text file of the app (its messages).
pub async fn get_text(url: &str) -> Result<String, ApiFailure> {
    match fetch("GET", url, None).await? {
        (200..=299, text) => Ok(text),
        (404, _) => Err(ApiFailure::NotFound),
        (status, _) => Err(ApiFailure::Server(status)),
    }
}

/// The published forms.
pub async fn list_forms() -> Result<Vec<FormSummary>, ApiFailure> {
    read::<FormList>(fetch("GET", "/api/v1/forms", None).await?).map(|list| list.forms)
}

/// One form's definition.
pub async fn get_form(id: &str) -> Result<Definition, ApiFailure> {
    read(fetch("GET", &format!("/api/v1/forms/{id}"), None).await?)
}

/// The same value as a JavaScript one. Serialising through the browser's `JSON.stringify` keeps
/// serde_json's serialiser (and its float formatting) out of the wasm binary.
fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => n.as_f64().map_or(JsValue::NULL, JsValue::from_f64),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(map) => {
            let object = Object::new();
            for (key, item) in map {
                // Setting a property on a plain new object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(item));
            }
            object.into()
        }
    }
}

/// `value` as JSON text, written by the browser.
pub fn json_text(value: &Value) -> Option<String> {
    JSON::stringify(&to_js(value)).ok()?.as_string()
}

/// The body `{"data": data}` of a submission or a draft, with the resume token of the server
/// draft a submission came from (which the server then deletes with it).
fn data_body(data: &Value, draft: Option<&str>) -> Result<String, ApiFailure> {
    let mut body = serde_json::Map::new();
    body.insert("data".to_owned(), data.clone());
    if let Some(token) = draft {
        body.insert("draft".to_owned(), Value::from(token));
    }
    json_text(&Value::Object(body)).ok_or(ApiFailure::Network)
}

/// Submits the data (and names the server draft it came from, if any); the server validates
/// it again and stores it.
pub async fn create_submission(
    id: &str,
    lang: &str,
    data: &Value,
    draft: Option<&str>,
) -> Result<Receipt, ApiFailure> {
    let url = format!("/api/v1/forms/{id}/submissions?lang={lang}");
    read(fetch("POST", &url, Some(data_body(data, draft)?)).await?)
}

/// A draft kept on the server ("save and continue later").
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SavedDraft {
    /// The resume token (the server shows it once, when the draft is made).
    #[serde(default)]
    pub resume_token: String,
    /// When the draft goes if it is not saved again (RFC 3339).
    pub expires_at: String,
}

/// A draft read back with its resume token.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DraftView {
    /// The answers saved.
    pub data: Value,
    /// Whether the form is still the version the answers were given against.
    pub current: bool,
}

/// Saves the answers as a new server draft of form `id`, or into the draft of `token`.
pub async fn save_draft(
    id: &str,
    token: Option<&str>,
    data: &Value,
) -> Result<SavedDraft, ApiFailure> {
    let body = Some(data_body(data, None)?);
    match token {
        None => read(fetch("POST", &format!("/api/v1/forms/{id}/drafts"), body).await?),
        Some(token) => {
            let mut saved: SavedDraft =
                read(fetch("PUT", &format!("/api/v1/drafts/{token}"), body).await?)?;
            token.clone_into(&mut saved.resume_token);
            Ok(saved)
        }
    }
}

/// The server draft of resume token `token`.
pub async fn get_draft(token: &str) -> Result<DraftView, ApiFailure> {
    read(fetch("GET", &format!("/api/v1/drafts/{token}"), None).await?)
}

/// A submission's status page: status, timeline, payment (as the server writes them).
pub async fn get_submission(reference: &str, token: &str) -> Result<Value, ApiFailure> {
    let url = format!("/api/v1/submissions/{reference}");
    read(fetch_as("GET", &url, None, Some(token)).await?)
}

/// Starts (or goes on with) paying a submission's fee: where to send the browser. From inside
/// a portal's frame, `portal` is the portal's page, which the provider sends the browser back to.
pub async fn start_payment(
    reference: &str,
    token: &str,
    portal: Option<&str>,
) -> Result<Value, ApiFailure> {
    let url = format!("/api/v1/submissions/{reference}/payment");
    let body = serde_json::json!({ "return_to": portal }).to_string();
    read(fetch_as("POST", &url, Some(body), Some(token)).await?)
}

/// Redeems the return code the provider's return brought for the submission's status token.
pub async fn redeem_return(reference: &str, code: &str) -> Result<String, ApiFailure> {
    let url = format!("/api/v1/submissions/{reference}/return");
    let body = serde_json::json!({ "code": code }).to_string();
    let answer: Value = read(fetch_as("POST", &url, Some(body), None).await?)?;
    answer["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or(ApiFailure::Unusable)
}
