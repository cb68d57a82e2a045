//! The test harness of the HTTP API tests: the same `app()` the binary serves, on a SQLite
//! file of its own or on PostgreSQL in a schema of its own (`FORMS_TEST_POSTGRES_URL`, default
//! the local server's `test` database). PostgreSQL being unreachable fails the tests; it never
//! skips them.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use forms_server::config::Config;
use forms_server::registry::FormRegistry;
use forms_server::store::Store;
use forms_server::{AppState, app};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::Connection;
use tower::ServiceExt;

pub const FORM: &str = "public-information-request";
/// The administration token of the Customs Agency (EIK 000627597), and of another provider.
pub const CUSTOMS_ADMIN: &str = "customs-agency-token";
pub const OTHER_ADMIN: &str = "another-administration-token";

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub router: Router,
    /// The state behind the router (for the background jobs a test runs itself).
    pub state: Option<AppState>,
    pub store: Store,
    /// The PostgreSQL schema to drop at the end, with the URL to reach it.
    pub postgres_schema: Option<(String, String)>,
    pub _dir: tempfile::TempDir,
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

pub fn postgres_base_url() -> String {
    std::env::var("FORMS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A fresh, empty schema in the test database, and a URL whose connections use it.
pub async fn postgres_schema() -> (String, String) {
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

pub async fn test_app(backend: Backend) -> TestApp {
    test_app_with(backend, |_| {}).await
}

/// A test app whose configuration `adjust` changes first.
pub async fn test_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let postgres_schema = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(postgres_schema().await),
    };
    let database_url = match &postgres_schema {
        None => format!("sqlite://{}", dir.path().join("forms.sqlite").display()),
        Some((_, url)) => url.clone(),
    };
    let mut config = Config {
        bind: "127.0.0.1:0".parse().expect("address"),
        database_url,
        definitions_dir: repo_path("form-definitions"),
        web_dir: dir.path().join("web"),
        max_body_bytes: 16 * 1024,
        token_secret: Some("a test secret of thirty-two chars".into()),
        frame_ancestors: Some("https://portal.egov.bg".into()),
        draft_days: 30,
        // High enough never to stop a test; the limit itself is tested with its own app.
        rate_limit: std::num::NonZeroU32::new(100_000).expect("non-zero"),
        client_ip_header: None,
        webhooks: None,
        webhook_secret: None,
        payments: None,
        payment_simulator: false,
        public_url: None,
        admin_tokens: Some(format!(
            "000627597:{},121817309:{}",
            forms_server::token::token_hash(CUSTOMS_ADMIN),
            forms_server::token::token_hash(OTHER_ADMIN)
        )),
    };
    adjust(&mut config);
    let registry = FormRegistry::load_dir(&config.definitions_dir).expect("definitions load");
    let store = Store::connect(&config.database_url)
        .await
        .expect("database opens");
    let state = AppState::new(store.clone(), &config);
    state
        .catalog
        .publish_files(&registry)
        .await
        .expect("definitions publish");
    TestApp {
        router: app(state.clone()),
        state: Some(state),
        store,
        postgres_schema,
        _dir: dir,
    }
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
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

    /// The whole response: status, headers, body as text.
    pub async fn send_text(
        &self,
        request: Request<Body>,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// POST `text` as JSON with `Authorization: Bearer <token>`.
    pub async fn post_text_with_token(
        &self,
        uri: &str,
        text: &str,
        token: &str,
    ) -> (StatusCode, Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(text.to_owned()))
            .expect("request");
        self.send(request).await
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    /// POST `body` as JSON with `Authorization: Bearer <token>`.
    pub async fn post_with_token(
        &self,
        uri: &str,
        body: &Value,
        token: &str,
    ) -> (StatusCode, Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    /// PUT `body` as JSON.
    pub async fn put(&self, uri: &str, body: &Value) -> (StatusCode, Value) {
        let request = Request::put(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    /// POST with an `Idempotency-Key`.
    pub async fn post_with_key(&self, uri: &str, body: &Value, key: &str) -> (StatusCode, Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    /// GET with `Authorization: Bearer <token>` (or without, for `None`).
    pub async fn get_with_token(&self, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut request = Request::get(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    pub async fn post(&self, uri: &str, body: impl Into<Body>, lang: &str) -> (StatusCode, Value) {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(body.into())
            .expect("request");
        self.send(request).await
    }

    /// Every stored submission as (reference, form id, data), read straight from the database.
    pub async fn rows(&self) -> Vec<(String, String, Value)> {
        let rows: Vec<(String, String, String)> = match &self.store {
            Store::Sqlite(pool, ..) => {
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
    pub async fn stored_hashes(&self) -> Vec<String> {
        let sql = "SELECT form_hash FROM submissions ORDER BY id";
        let rows: Vec<(String,)> = match &self.store {
            Store::Sqlite(pool, ..) => sqlx::query_as(sql).fetch_all(pool).await,
            Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
        .expect("query");
        rows.into_iter().map(|(hash,)| hash).collect()
    }

    pub async fn cleanup(self) {
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
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            pub async fn $case() {
                let app = super::test_app(super::Backend::Sqlite).await;
                super::$case(&app).await;
                app.cleanup().await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            pub async fn $case() {
                let app = super::test_app(super::Backend::Postgres).await;
                super::$case(&app).await;
                app.cleanup().await;
            })*
        }
    };
}

/// Stores a submission straight through the store, as an accepted one would be: a name only,
/// no fee, no key.
pub async fn store_plain_submission(store: &Store) -> forms_core::reference::Reference {
    store_submission(store, None).await.expect("stored")
}

/// Stores a submission of a name only, no fee, under `Idempotency-Key` `key` if given.
pub async fn store_submission(
    store: &Store,
    key: Option<&str>,
) -> Result<forms_core::reference::Reference, sqlx::Error> {
    let data = serde_json::Map::from_iter([("full_name".to_owned(), Value::from("A"))]);
    store
        .insert_submission(forms_server::store::NewSubmission {
            form_id: FORM,
            form_version: "1",
            form_hash: "sha256:test",
            data: &data,
            lang: "bg",
            fee: None,
            statuses: &["submitted"],
            idempotency: key.map(|key| (key, "hash")),
            draft_hash: None,
            token_secret: b"secret",
        })
        .await
}
