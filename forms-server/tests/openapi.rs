//! The OpenAPI document: OpenAPI 3.1, every route in it and served, and real answers of the
//! API valid against the shapes it documents.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};

/// Every operation of the API, as `METHOD path`. A route added without documentation cannot
/// be served (routes are registered from their documentation), so this list is the API.
const OPERATIONS: [&str; 21] = [
    "GET /api/v1/forms",
    "GET /api/v1/forms/{id}",
    "POST /api/v1/forms/{id}/validate",
    "POST /api/v1/forms/{id}/submissions",
    "GET /api/v1/submissions/{reference}",
    "POST /api/v1/forms/{id}/drafts",
    "GET /api/v1/drafts/{token}",
    "PUT /api/v1/drafts/{token}",
    "POST /api/v1/admin/forms",
    "GET /api/v1/admin/forms/{id}/versions",
    "POST /api/v1/admin/forms/{id}/versions/{hash}/retire",
    "GET /api/v1/admin/forms/{id}/submissions",
    "POST /api/v1/admin/submissions/{reference}/status",
    "POST /api/v1/submissions/{reference}/payment",
    "POST /api/v1/submissions/{reference}/return",
    "POST /api/v1/payments/egov/notify",
    "POST /api/v1/payments/epay/notify",
    "GET /api/v1/openapi.json",
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
];

async fn document(app: &TestApp) -> Value {
    let (status, document) = app.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    document
}

/// Checks `instance` against the document's schema `name`; OpenAPI 3.1 schemas are JSON
/// Schema 2020-12, so the document itself is the root the references resolve in.
fn shape_errors(document: &Value, name: &str, instance: &Value) -> Vec<String> {
    let mut root = document.clone();
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::draft202012::new(&root).expect("the document's schemas compile");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_shape(document: &Value, name: &str, instance: &Value) {
    let errors = shape_errors(document, name, instance);
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
}

/// The shapes are strict: a missing property, a wrong type or one property more fails.
#[tokio::test]
async fn the_shapes_refuse_what_they_do_not_describe() {
    let app = test_app(Backend::Sqlite).await;
    let document = document(&app).await;
    let good = json!({"error": {"code": "x", "message": "y"}});
    assert!(shape_errors(&document, "ErrorBody", &good).is_empty());
    for bad in [
        json!({"error": {"code": "x"}}),
        json!({"error": {"code": 1, "message": "y"}}),
        json!({"error": {"code": "x", "message": "y"}, "trace": "…"}),
    ] {
        assert!(
            !shape_errors(&document, "ErrorBody", &bad).is_empty(),
            "{bad}"
        );
    }
    app.cleanup().await;
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_lists_every_route() {
    let app = test_app(Backend::Sqlite).await;
    let document = document(&app).await;
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        document["openapi"]
    );
    let mut documented: Vec<String> = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if let Some(operation) = item.get(method) {
                documented.push(format!("{} {path}", method.to_uppercase()));
                assert!(
                    operation["responses"]
                        .as_object()
                        .is_some_and(|r| !r.is_empty()),
                    "{method} {path} documents no response"
                );
            }
        }
    }
    documented.sort();
    let mut expected: Vec<String> = OPERATIONS.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(documented, expected);
    app.cleanup().await;
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let app = test_app(Backend::Sqlite).await;
    for operation in OPERATIONS {
        let (method, path) = operation.split_once(' ').expect("METHOD path");
        let uri = path
            .replace("{id}", FORM)
            .replace("{reference}", "2026-000001-00")
            .replace("{token}", "0123")
            .replace("{hash}", "sha256:00");
        let request = Request::builder()
            .method(method)
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .expect("request");
        let (status, _, text) = app.send_text(request).await;
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{operation}");
        let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_ne!(
            body["error"]["code"], "not_found",
            "{operation} fell through to the API's fallback"
        );
    }
    app.cleanup().await;
}

#[tokio::test]
async fn real_answers_have_the_documented_shapes() {
    let app = test_app(Backend::Sqlite).await;
    let document = document(&app).await;

    let (_, forms) = app.get("/api/v1/forms").await;
    assert_shape(&document, "FormList", &forms);
    let (_, missing) = app.get("/api/v1/forms/no-such-form").await;
    assert_shape(&document, "ErrorBody", &missing);

    let data = json!({"full_name": "Мария Петрова", "address": "София", "information": "Бюджет"});
    let (_, verdict) = app
        .post(
            &format!("/api/v1/forms/{FORM}/validate"),
            json!({"data": {"full_name": ""}}).to_string(),
            "en",
        )
        .await;
    assert_shape(&document, "Verdict", &verdict);
    let (status, refused) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            json!({"data": {}}).to_string(),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_shape(&document, "ErrorBody", &refused);
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            json!({"data": data}).to_string(),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_shape(&document, "Created", &created);
    let reference = created["reference"].as_str().expect("reference");
    let (_, status_page) = app
        .get_with_token(
            &format!("/api/v1/submissions/{reference}"),
            created["access_token"].as_str(),
        )
        .await;
    assert_shape(&document, "SubmissionStatus", &status_page);

    let (_, draft) = app
        .post(
            &format!("/api/v1/forms/{FORM}/drafts"),
            json!({"data": {"full_name": "М"}}).to_string(),
            "en",
        )
        .await;
    assert_shape(&document, "DraftCreated", &draft);
    let token = draft["resume_token"].as_str().expect("token");
    let (_, view) = app.get(&format!("/api/v1/drafts/{token}")).await;
    assert_shape(&document, "DraftView", &view);

    let customs = "customs-eservices-registration";
    let (_, versions) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{customs}/versions"),
            Some(CUSTOMS_ADMIN),
        )
        .await;
    assert_shape(&document, "VersionList", &versions);
    let example = std::fs::read_to_string(repo_path(&format!(
        "form-definitions/examples/{customs}/valid-company.json"
    )))
    .expect("example");
    let example: Value = serde_json::from_str(&example).expect("json");
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{customs}/submissions"),
            json!({"data": example}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (_, page) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{customs}/submissions"),
            Some(CUSTOMS_ADMIN),
        )
        .await;
    assert_shape(&document, "SubmissionPage", &page);
    let (_, moved) = app
        .post_with_token(
            &format!(
                "/api/v1/admin/submissions/{}/status",
                created["reference"].as_str().expect("reference")
            ),
            &json!({"status": "registered", "note": "Вписано"}),
            CUSTOMS_ADMIN,
        )
        .await;
    assert_shape(&document, "SubmissionStatus", &moved);
    let (_, ready) = app.get("/readyz").await;
    assert_shape(&document, "Health", &ready);
    app.cleanup().await;
}
