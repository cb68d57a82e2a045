//! Snapshots of whole answers of the API (`tests/snapshots/`), the same file for SQLite and
//! PostgreSQL: both backends must answer byte for byte alike. What changes from run to run
//! (reference numbers, tokens, times) is redacted; everything else, messages included, is
//! compared. After an intended change: `INSTA_UPDATE=always cargo test -p forms-server --test
//! shapes`, then review the diff.

mod common;

use axum::http::StatusCode;
use common::*;
use insta::assert_json_snapshot;
use serde_json::json;

on_both_backends!(answers_keep_their_shape);

async fn answers_keep_their_shape(app: &TestApp) {
    let (status, refused) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            json!({"data": {"full_name": "", "organisation_eik": "123456788"}}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_json_snapshot!("validation_refused_bg", refused);

    let data = json!({"full_name": "Мария Петрова", "address": "София", "information": "Бюджет"});
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            json!({"data": data}).to_string(),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_json_snapshot!("submission_created", created, {
        ".reference" => "[reference]",
        ".access_token" => "[access token]",
    });

    let reference = created["reference"].as_str().expect("reference");
    let (_, page) = app
        .get_with_token(
            &format!("/api/v1/submissions/{reference}"),
            created["access_token"].as_str(),
        )
        .await;
    assert_json_snapshot!("submission_status", page, {
        ".reference" => "[reference]",
        ".submitted_at" => "[time]",
        ".form.hash" => "[hash]",
        ".timeline[].at" => "[time]",
    });

    let (_, verdict) = app
        .post(
            &format!("/api/v1/forms/{FORM}/validate"),
            json!({"data": {"full_name": "Мария Петрова"}}).to_string(),
            "pl",
        )
        .await;
    assert_json_snapshot!("validation_verdict_pl", verdict, {".form.hash" => "[hash]"});

    let (status, not_found) = app.get("/api/v1/forms/no-such-form?lang=az").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_json_snapshot!("form_not_found_az", not_found);
}
