//! The HTTP API, route by route, through the same `app()` the binary serves. Every case runs
//! twice: on a SQLite file of its own, and on PostgreSQL in a schema of its own
//! (`FORMS_TEST_POSTGRES_URL`, default the local server's `test` database). PostgreSQL being
//! unreachable fails these tests; it never skips them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
use sqlx::Connection;
use tower::ServiceExt;

const FORM: &str = "public-information-request";

#[derive(Debug, Clone, Copy)]
enum Backend {
    Sqlite,
    Postgres,
}

struct TestApp {
    router: Router,
    store: Store,
    /// The PostgreSQL schema to drop at the end, with the URL to reach it.
    postgres_schema: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn postgres_base_url() -> String {
    std::env::var("FORMS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A fresh, empty schema in the test database, and a URL whose connections use it.
async fn postgres_schema() -> (String, String) {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let base = postgres_base_url();
    let schema = format!(
        "forms_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {base} is needed by these tests: {e}"));
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(&mut admin)
        .await
        .expect("drop stale schema");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut admin)
        .await
        .expect("create schema");
    admin.close().await.expect("close");
    let separator = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
    (schema, url)
}

async fn test_app(backend: Backend) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let postgres_schema = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(postgres_schema().await),
    };
    let database_url = match &postgres_schema {
        None => format!("sqlite://{}", dir.path().join("forms.sqlite").display()),
        Some((_, url)) => url.clone(),
    };
    let config = Config {
        bind: "127.0.0.1:0".parse().expect("address"),
        database_url,
        definitions_dir: repo_path("form-definitions"),
        web_dir: dir.path().join("web"),
        max_body_bytes: 16 * 1024,
    };
    let registry = FormRegistry::load_dir(&config.definitions_dir).expect("definitions load");
    let store = Store::connect(&config.database_url)
        .await
        .expect("database opens");
    TestApp {
        router: app(AppState::new(registry, store.clone(), &config)),
        store,
        postgres_schema,
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

    /// Every stored submission as (reference, form id, data), read straight from the database.
    async fn rows(&self) -> Vec<(String, String, Value)> {
        let rows: Vec<(String, String, String)> = match &self.store {
            Store::Sqlite(pool) => {
                sqlx::query_as("SELECT reference, form_id, data FROM submissions ORDER BY id")
                    .fetch_all(pool)
                    .await
            }
            Store::Postgres(pool) => {
                sqlx::query_as("SELECT reference, form_id, data::text FROM submissions ORDER BY id")
                    .fetch_all(pool)
                    .await
            }
        }
        .expect("query");
        rows.into_iter()
            .map(|(reference, form, data)| {
                (
                    reference,
                    form,
                    serde_json::from_str(&data).expect("stored JSON"),
                )
            })
            .collect()
    }

    /// The definition hash every stored submission is pinned to, in order.
    async fn stored_hashes(&self) -> Vec<String> {
        let sql = "SELECT form_hash FROM submissions ORDER BY id";
        let rows: Vec<(String,)> = match &self.store {
            Store::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
            Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
        .expect("query");
        rows.into_iter().map(|(hash,)| hash).collect()
    }

    async fn cleanup(self) {
        if let Store::Postgres(pool) = &self.store {
            pool.close().await;
        }
        if let Some((schema, _)) = self.postgres_schema {
            let mut admin = sqlx::PgConnection::connect(&postgres_base_url())
                .await
                .expect("connect");
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut admin)
                .await
                .expect("drop schema");
        }
    }
}

/// Runs each listed case as one test per backend: `sqlite::case` and `postgres::case`.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $case() {
                let app = super::test_app(super::Backend::Sqlite).await;
                super::$case(&app).await;
                app.cleanup().await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $case() {
                let app = super::test_app(super::Backend::Postgres).await;
                super::$case(&app).await;
                app.cleanup().await;
            })*
        }
    };
}

on_both_backends!(
    list_forms_names_the_bundled_form_in_its_languages,
    get_form_returns_the_definition,
    unknown_form_is_404_in_the_error_shape,
    unknown_api_path_is_404_json,
    valid_submission_is_stored_with_a_checked_reference,
    invalid_submission_is_422_with_paths_codes_and_localized_messages,
    a_language_the_form_does_not_offer_falls_back_to_its_default,
    malformed_json_is_400_in_the_error_shape,
    wrong_content_type_is_415,
    oversized_body_is_413_and_nothing_is_written,
    healthz_answers,
);

fn submissions_uri() -> String {
    format!("/api/v1/forms/{FORM}/submissions")
}

async fn list_forms_names_the_bundled_form_in_its_languages(app: &TestApp) {
    let (status, body) = app.get("/api/v1/forms").await;
    assert_eq!(status, StatusCode::OK);
    let form = body["forms"]
        .as_array()
        .and_then(|forms| forms.iter().find(|f| f["id"] == FORM))
        .expect("listed");
    assert_eq!(form["languages"], json!(["bg", "en"]));
    assert!(form["title"]["bg"].as_str().is_some_and(|t| !t.is_empty()));
    // The version's identity: the content hash of the canonical definition.
    let text = std::fs::read_to_string(format!(
        "{}/../form-definitions/{FORM}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("read");
    let definition = forms_core::Definition::from_json(&text).expect("valid");
    assert_eq!(form["hash"], forms_core::content_hash(&definition));
}

async fn get_form_returns_the_definition(app: &TestApp) {
    let (status, body) = app.get(&format!("/api/v1/forms/{FORM}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], FORM);
    assert_eq!(body["steps"][0]["fields"][0]["key"], "full_name");
}

async fn unknown_form_is_404_in_the_error_shape(app: &TestApp) {
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

async fn unknown_api_path_is_404_json(app: &TestApp) {
    let (status, body) = app.get("/api/v1/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

async fn valid_submission_is_stored_with_a_checked_reference(app: &TestApp) {
    let data = json!({
        "full_name": "  Иван Петров Иванов ",
        "organisation_eik": "131 272 009",
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
    // Pinned to the exact version the data was checked against.
    let (_, list) = app.get("/api/v1/forms").await;
    let listed = list["forms"]
        .as_array()
        .and_then(|forms| forms.iter().find(|f| f["id"] == FORM))
        .and_then(|f| f["hash"].as_str())
        .expect("hash listed");
    assert_eq!(app.stored_hashes().await, [listed]);
    // What is stored is forms-core's cleaned data: trimmed, and without the unknown key.
    assert_eq!(
        rows[0].2,
        json!({
            "full_name": "Иван Петров Иванов",
            "organisation_eik": "131272009",
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

async fn invalid_submission_is_422_with_paths_codes_and_localized_messages(app: &TestApp) {
    let data = json!({
        "full_name": "",
        "organisation_eik": "123456789",
        "address": 7,
        "information": "x"
    });
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
    assert_eq!(errors.len(), 3, "{body}");
    assert_eq!(errors[0]["path"], "/full_name");
    assert_eq!(errors[0]["code"], "required");
    assert_eq!(
        errors[0]["message"],
        "Попълнете „Трите имена или наименование“."
    );
    assert_eq!(errors[1]["path"], "/organisation_eik");
    assert_eq!(errors[1]["code"], "identifier.checksum");
    assert_eq!(errors[2]["path"], "/address");
    assert_eq!(errors[2]["code"], "type");
    assert!(
        app.rows().await.is_empty(),
        "nothing written on a rejected submission"
    );
}

async fn a_language_the_form_does_not_offer_falls_back_to_its_default(app: &TestApp) {
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

async fn malformed_json_is_400_in_the_error_shape(app: &TestApp) {
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

async fn wrong_content_type_is_415(app: &TestApp) {
    let request = Request::post(submissions_uri())
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"data":{}}"#))
        .expect("request");
    let (status, body) = app.send(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["error"]["code"], "unsupported_media_type");
}

async fn oversized_body_is_413_and_nothing_is_written(app: &TestApp) {
    let huge = "x".repeat(20 * 1024);
    let body = json!({ "data": { "full_name": huge, "address": "a", "information": "b" } });
    let (status, body) = app.post(&submissions_uri(), body.to_string(), "en").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "body_too_large");
    assert!(app.rows().await.is_empty());
}

async fn healthz_answers(app: &TestApp) {
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

/// Two servers (replicas) sharing one PostgreSQL database, submitting at the same time, never
/// hand out the same reference: the sequence lives in the database, not in a process.
#[tokio::test]
async fn replicas_sharing_postgres_never_share_a_reference() {
    let (schema, url) = postgres_schema().await;
    let first = Store::connect(&url).await.expect("first replica");
    let second = Store::connect(&url).await.expect("second replica");
    let data = serde_json::Map::from_iter([("full_name".to_owned(), json!("A"))]);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        let data = data.clone();
        tasks.push(tokio::spawn(async move {
            store
                .insert_submission(forms_server::store::NewSubmission {
                    form_id: FORM,
                    form_version: "1",
                    form_hash: "sha256:test",
                    data: &data,
                    lang: "bg",
                })
                .await
                .expect("stored")
        }));
    }
    let mut references = std::collections::BTreeSet::new();
    for task in tasks {
        references.insert(task.await.expect("task").to_string());
    }
    assert_eq!(references.len(), 40);
    let app = TestApp {
        router: Router::new(),
        store: first,
        postgres_schema: Some((schema, url)),
        _dir: tempfile::tempdir().expect("tempdir"),
    };
    assert_eq!(app.rows().await.len(), 40);
    if let Store::Postgres(pool) = second {
        pool.close().await;
    }
    app.cleanup().await;
}
