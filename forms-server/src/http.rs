//! The HTTP surface: the router reads as the index of the API.

mod admin;
mod drafts;
mod forms;
mod health;
pub mod lang;
pub mod observe;
pub mod security;
mod submissions;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts};
use axum::middleware;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::ApiError;
use crate::state::AppState;

/// The JSON body extractor of this API: malformed bodies get [`ApiError`]'s shape.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

/// The query-string extractor of this API: a malformed query gets [`ApiError`]'s shape.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// Whether any text in `value` (keys included) holds U+0000, which PostgreSQL cannot store:
/// such input is refused on both backends alike, before anything is written.
pub(crate) fn has_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(has_nul),
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// Everything under `/api/v1`.
fn api_router() -> Router<AppState> {
    Router::new()
        .merge(forms::router())
        .merge(submissions::router())
        .merge(drafts::router())
        .merge(admin::router())
        .fallback(|| async { ApiError::NotFound })
}

/// The whole application: API, operations endpoints, and the browser app for every other path.
pub fn app(state: AppState) -> Router {
    let index = state.web_dir.join("index.html");
    // The app routes (`/f/{form}`, `/s/{reference}`) are client-side: unknown paths get index.html.
    let web = ServeDir::new(&*state.web_dir).fallback(ServeFile::new(index));
    Router::new()
        .nest("/api/v1", api_router())
        .merge(health::router())
        .fallback_service(web)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        .layer(middleware::from_fn(lang::negotiate))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::rate_limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        .with_state(state)
}
