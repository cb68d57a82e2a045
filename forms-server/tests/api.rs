//! The HTTP API, route by route, through the same `app()` the binary serves, on a real SQLite
//! database of its own per test.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use forms_core::reference::Reference;
use forms_server::config::Config;
use forms_server::registry::FormRegistry;
use forms_server::store::Store;
use forms_server::{AppState, app};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::sqlite::SqlitePool;
use tower::ServiceExt;

const FORM: &str = "public-information-request";

struct TestApp {
    router: Router,
    database_url: String,
    _dir: tempfile::TempDir,
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

async fn test_app() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let database_url = format!("sqlite://{}", dir.path().join("forms.sqlite").display());
    let config = Config {
        bind: "127.0.0.1:0".parse().expect("address"),
        database_url: database_url.clone(),
        definitions_dir: repo_path("form-definitions"),
        web_dir: dir.path().join("web"),
        max_body_bytes: 16 * 1024,
    };
    let registry = FormRegistry::load_dir(&config.definitions_dir).expect("definitions load");
    let store = Store::connect(&config.database_url)
        .await
        .expect("database opens");
    TestApp {
        router: app(AppState::new(registry, store, &config)),
        database_url,
        _dir: dir,
    }
}

impl TestApp {
    async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, body)
    }

    async fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    async fn post(&self, uri: &str, body: impl Into<Body>, lang: &str) -> (StatusCode, Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(body.into())
            .expect("request");
        self.send(request).await
    }

    async fn rows(&self) -> Vec<(String, String, String)> {
        let pool = SqlitePool::connect(&self.database_url)
            .await
            .expect("connect");
        let rows = sqlx::query_as("SELECT reference, form_id, data FROM submissions ORDER BY id")
            .fetch_all(&pool)
            .await
            .expect("query");
        pool.close().await;
        rows
    }
}

fn submissions_uri() -> String {
    format!("/api/v1/forms/{FORM}/submissions")
}

#[tokio::test]
async fn list_forms_names_the_bundled_form_in_its_languages() {
    let app = test_app().await;
    let (status, body) = app.get("/api/v1/forms").await;
    assert_eq!(status, StatusCode::OK);
    let form = body["forms"]
        .as_array()
        .and_then(|forms| forms.iter().find(|f| f["id"] == FORM))
        .expect("listed");
    assert_eq!(form["languages"], json!(["bg", "en"]));
    assert!(form["title"]["bg"].as_str().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn get_form_returns_the_definition() {
    let app = test_app().await;
    let (status, body) = app.get(&format!("/api/v1/forms/{FORM}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], FORM);
    assert_eq!(body["steps"][0]["fields"][0]["key"], "full_name");
}

#[tokio::test]
async fn unknown_form_is_404_in_the_error_shape() {
    let app = test_app().await;
    let (status, body) = app.get("/api/v1/forms/no-such-form").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "form_not_found");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    let (status, body) = app
        .post(
            "/api/v1/forms/no-such-form/submissions",
            r#"{"data":{}}"#,
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "form_not_found");
    assert!(app.rows().await.is_empty());
}

#[tokio::test]
async fn unknown_api_path_is_404_json() {
    let app = test_app().await;
    let (status, body) = app.get("/api/v1/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn valid_submission_is_stored_with_a_checked_reference() {
    let app = test_app().await;
    let data = json!({
        "full_name": "  Иван Петров Иванов ",
        "address": "София, ул. Шипка 1",
        "information": "Бюджетът на общината за 2026 г.",
        "role": "admin"
    });
    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": data }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "submitted");
    let reference = body["reference"].as_str().expect("reference");
    let parsed = Reference::parse(reference).expect("reference has valid check digits");
    assert_eq!(parsed.sequence, 1);

    let rows = app.rows().await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, reference);
    assert_eq!(rows[0].1, FORM);
    // What is stored is forms-core's cleaned data: trimmed, and without the unknown key.
    let stored: Value = serde_json::from_str(&rows[0].2).expect("json");
    assert_eq!(
        stored,
        json!({
            "full_name": "Иван Петров Иванов",
            "address": "София, ул. Шипка 1",
            "information": "Бюджетът на общината за 2026 г."
        })
    );

    let (_, second) = app
        .post(
            &submissions_uri(),
            json!({ "data": data }).to_string(),
            "bg",
        )
        .await;
    let second = Reference::parse(second["reference"].as_str().expect("reference"))
        .expect("valid reference");
    assert_eq!(second.sequence, 2);
}

#[tokio::test]
async fn invalid_submission_is_422_with_paths_codes_and_localized_messages() {
    let app = test_app().await;
    let data = json!({ "full_name": "", "address": 7, "information": "x" });
    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": data }).to_string(),
            "bg-BG,bg;q=0.9",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "validation");
    let errors = body["errors"].as_array().expect("errors list");
    assert_eq!(errors.len(), 2, "{body}");
    assert_eq!(errors[0]["path"], "/full_name");
    assert_eq!(errors[0]["code"], "required");
    assert_eq!(
        errors[0]["message"],
        "Попълнете „Трите имена или наименование“."
    );
    assert_eq!(errors[1]["path"], "/address");
    assert_eq!(errors[1]["code"], "type");
    assert!(
        app.rows().await.is_empty(),
        "nothing written on a rejected submission"
    );
}

#[tokio::test]
async fn a_language_the_form_does_not_offer_falls_back_to_its_default() {
    let app = test_app().await;
    let (status, body) = app.post(&submissions_uri(), r#"{"data":{}}"#, "pl").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The API's own message is in Polish; the field label exists only in the form's languages.
    assert_eq!(
        body["error"]["message"],
        "Niektóre odpowiedzi wymagają poprawienia."
    );
    assert_eq!(
        body["errors"][0]["message"],
        "Попълнете „Трите имена или наименование“."
    );
}

#[tokio::test]
async fn malformed_json_is_400_in_the_error_shape() {
    let app = test_app().await;
    let (status, body) = app.post(&submissions_uri(), r#"{"data": {"#, "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "malformed_json");
    assert_eq!(
        body["error"]["message"],
        "The request body is not valid JSON."
    );
    let (status, body) = app
        .post(&submissions_uri(), r#"{"answers": {}}"#, "en")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_body");
    assert!(app.rows().await.is_empty());
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = test_app().await;
    let request = Request::post(submissions_uri())
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"data":{}}"#))
        .expect("request");
    let (status, body) = app.send(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["error"]["code"], "unsupported_media_type");
}

#[tokio::test]
async fn oversized_body_is_413_and_nothing_is_written() {
    let app = test_app().await;
    let huge = "x".repeat(20 * 1024);
    let body = json!({ "data": { "full_name": huge, "address": "a", "information": "b" } });
    let (status, body) = app.post(&submissions_uri(), body.to_string(), "en").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "body_too_large");
    assert!(app.rows().await.is_empty());
}

#[tokio::test]
async fn healthz_answers() {
    let app = test_app().await;
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}
