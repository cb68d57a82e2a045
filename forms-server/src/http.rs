//! The HTTP surface: the router reads as the index of the API.

mod admin;
mod drafts;
mod forms;
mod health;
pub mod lang;
pub mod observe;
pub mod openapi;
pub mod page;
mod payments;
pub mod security;
mod submissions;

use std::sync::OnceLock;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts};
use axum::http::header;
use axum::middleware;
use axum::response::IntoResponse;
use tower_http::services::{ServeDir, ServeFile};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::state::AppState;

/// The JSON body extractor of this API: malformed bodies get [`ApiError`]'s shape.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

/// The form-encoded body extractor (the payment providers' notifications): a malformed body
/// gets [`ApiError`]'s shape.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Form), rejection(ApiError))]
pub struct Form<T>(pub T);

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

/// Everything under `/api/v1`, each route with its documentation.
fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(forms::router())
        .merge(submissions::router())
        .merge(drafts::router())
        .merge(admin::router())
        .merge(payments::router())
        .routes(routes!(openapi_json))
        .fallback(|| async { ApiError::NotFound })
}

/// The routes of the API and of operations, and their OpenAPI document.
pub fn documented_routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use utoipa::OpenApi;
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .nest("/api/v1", api_router())
        .merge(health::router())
        .split_for_parts()
}

/// The OpenAPI document as JSON, made once.
fn openapi_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let (_, document) = documented_routes();
        document
            .to_pretty_json()
            .unwrap_or_else(|e| unreachable!("the document is serializable: {e}"))
    })
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object)))]
async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_text())
}

/// The whole application: API, operations endpoints, and the browser app for every other path.
pub fn app(state: AppState) -> Router {
    let index = state.web_dir.join("index.html");
    // The app routes (`/f/{form}`, `/s/{reference}`) are client-side: unknown paths get index.html.
    // `make web` writes a `.br` and a `.gz` beside each file of the app: they are sent to the
    // browsers that accept them (the wasm is a quarter of its size in brotli).
    let web = ServeDir::new(&*state.web_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let (mut routes, _) = documented_routes();
    // A form's page is the app with the form's first step already drawn in it.
    // Compressed quickly (brotli at 4 is ~10× faster than at 11, for a few % of ~10 kB).
    routes = routes.route(
        "/f/{form}",
        axum::routing::get(page::form).layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(4)),
        ),
    );
    if state.payments.simulator_secret().is_some() {
        routes = routes.merge(crate::payments::simulator::router());
    }
    routes
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
