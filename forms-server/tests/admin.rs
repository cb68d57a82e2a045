//! The administration's side of the API: publishing and retiring definition versions, listing
//! and exporting submissions; and validation without storing. Each case runs on SQLite and on
//! PostgreSQL (see `common`).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};

const CUSTOMS: &str = "customs-eservices-registration";

on_both_backends!(
    an_administration_publishes_a_version_that_is_served_at_once,
    publishing_needs_a_token_a_clean_definition_and_the_own_eik,
    retiring_rolls_back_and_refuses_new_submissions_against_it,
    submissions_are_listed_and_exported_a_page_at_a_time,
    validation_judges_without_storing,
    the_token_is_checked_before_the_body,
    the_services_list_shows_a_fixed_fee_and_only_the_currency_of_a_computed_one,
);

/// The customs form's file, as JSON.
fn customs_definition() -> Value {
    let text = std::fs::read_to_string(repo_path(&format!("form-definitions/{CUSTOMS}.json")))
        .expect("definition");
    serde_json::from_str(&text).expect("json")
}

/// The customs form with another version label: a new text, a new hash.
fn customs_version(label: &str) -> Value {
    let mut definition = customs_definition();
    definition["version"] = json!(label);
    definition
}

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(repo_path(&format!(
        "form-definitions/examples/{CUSTOMS}/{name}.json"
    )))
    .expect("example");
    serde_json::from_str(&text).expect("json")
}

async fn publish(app: &TestApp, definition: &Value, token: &str) -> (StatusCode, Value) {
    app.post_with_token("/api/v1/admin/forms", definition, token)
        .await
}

async fn an_administration_publishes_a_version_that_is_served_at_once(app: &TestApp) {
    let (_, before) = app.get(&format!("/api/v1/forms/{CUSTOMS}")).await;
    let (_, list) = app.get("/api/v1/forms").await;
    let old_hash = list["forms"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == CUSTOMS))
        .and_then(|f| f["hash"].as_str())
        .expect("listed")
        .to_owned();

    let (status, published) = publish(app, &customs_version("2099-1"), CUSTOMS_ADMIN).await;
    assert_eq!(status, StatusCode::CREATED, "{published}");
    assert_eq!(published["current"], true);
    assert_eq!(published["published_by"], "administration:000627597");
    assert_ne!(published["hash"], old_hash.as_str());
    let new_hash = published["hash"].as_str().expect("hash").to_owned();

    // Served at once: the list, the definition, new submissions are pinned to it.
    let (_, list) = app.get("/api/v1/forms").await;
    let listed = list["forms"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == CUSTOMS))
        .expect("listed");
    assert_eq!(listed["version"], "2099-1");
    assert_eq!(listed["hash"], new_hash.as_str());
    let (_, current) = app.get(&format!("/api/v1/forms/{CUSTOMS}")).await;
    assert_eq!(current["version"], "2099-1");
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{CUSTOMS}/submissions"),
            json!({"data": example("valid-company")}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        app.stored_hashes().await.last().map(String::as_str),
        Some(new_hash.as_str())
    );

    // The old version stays readable by its hash.
    let (status, old) = app
        .get(&format!("/api/v1/forms/{CUSTOMS}?version={old_hash}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(old["version"], before["version"]);
    let (status, body) = app
        .get(&format!("/api/v1/forms/{CUSTOMS}?version=deadbeef"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "form_not_found");
    let (status, body) = app
        .get(&format!("/api/v1/forms/{CUSTOMS}?colour=red"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_query");

    // The same text again: 200, nothing new.
    let (status, again) = publish(app, &customs_version("2099-1"), CUSTOMS_ADMIN).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["hash"], new_hash.as_str());

    let (status, versions) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{CUSTOMS}/versions"),
            Some(CUSTOMS_ADMIN),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let versions = versions["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["hash"], old_hash.as_str());
    assert_eq!(versions[0]["current"], false);
    assert!(
        versions[0]["published_by"]
            .as_str()
            .is_some_and(|by| by == format!("file:{CUSTOMS}.json"))
    );
    assert_eq!(versions[1]["current"], true);
    let (status, _) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{CUSTOMS}/versions"),
            Some(OTHER_ADMIN),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another administration's form"
    );
}

async fn publishing_needs_a_token_a_clean_definition_and_the_own_eik(app: &TestApp) {
    let definition = customs_version("2099-2");
    let (status, body) = app
        .post("/api/v1/admin/forms", definition.to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    // Lint findings: 422 with each, and nothing published.
    let mut broken = definition.clone();
    broken["steps"][0]["title"] = json!({"bg": "Само на български"});
    let (status, body) = publish(app, &broken, CUSTOMS_ADMIN).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "definition_invalid");
    let errors = body["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "/steps/0/title/en" && e["code"] == "translation"),
        "{body}"
    );
    let (status, body) = app
        .post_text_with_token("/api/v1/admin/forms", "{\"format\": 1,", CUSTOMS_ADMIN)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["code"], "json");

    // Another administration's EIK, or taking over another administration's form id.
    let (status, body) = publish(app, &definition, OTHER_ADMIN).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    let mut takeover = definition.clone();
    takeover["service"]["provider_eik"] = json!("121817309");
    let (status, body) = publish(app, &takeover, OTHER_ADMIN).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // Not JSON by its Content-Type.
    let request = Request::post("/api/v1/admin/forms")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::AUTHORIZATION, format!("Bearer {CUSTOMS_ADMIN}"))
        .body(Body::from(definition.to_string()))
        .expect("request");
    let (status, body) = app.send(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");

    let (_, versions) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{CUSTOMS}/versions"),
            Some(CUSTOMS_ADMIN),
        )
        .await;
    assert_eq!(versions["versions"].as_array().map(Vec::len), Some(1));
}

async fn retiring_rolls_back_and_refuses_new_submissions_against_it(app: &TestApp) {
    let (_, first) = app.get(&format!("/api/v1/forms/{CUSTOMS}")).await;
    let (_, published) = publish(app, &customs_version("2099-3"), CUSTOMS_ADMIN).await;
    let hash = published["hash"].as_str().expect("hash").to_owned();
    let retire = format!("/api/v1/admin/forms/{CUSTOMS}/versions/{hash}/retire");

    let (status, _) = app.post_with_token(&retire, &json!({}), OTHER_ADMIN).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, retired) = app
        .post_with_token(&retire, &json!({}), CUSTOMS_ADMIN)
        .await;
    assert_eq!(status, StatusCode::OK, "{retired}");
    assert!(retired["retired_at"].is_string());
    assert_eq!(retired["current"], false);
    // Twice: the same answer, nothing changes.
    let (status, again) = app
        .post_with_token(&retire, &json!({}), CUSTOMS_ADMIN)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["retired_at"], retired["retired_at"]);

    // The version before is current again.
    let (_, current) = app.get(&format!("/api/v1/forms/{CUSTOMS}")).await;
    assert_eq!(current["version"], first["version"]);

    // A submission pinned to the retired version: 409, nothing stored. Re-publishing: 409.
    let (status, body) = app
        .post(
            &format!("/api/v1/forms/{CUSTOMS}/submissions"),
            json!({"data": example("valid-company"), "version": hash}).to_string(),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "version_retired");
    assert!(app.rows().await.is_empty());
    let (status, body) = publish(app, &customs_version("2099-3"), CUSTOMS_ADMIN).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // Retiring the last one withdraws the form.
    let (_, versions) = app
        .get_with_token(
            &format!("/api/v1/admin/forms/{CUSTOMS}/versions"),
            Some(CUSTOMS_ADMIN),
        )
        .await;
    let first_hash = versions["versions"][0]["hash"].as_str().expect("hash");
    let (status, _) = app
        .post_with_token(
            &format!("/api/v1/admin/forms/{CUSTOMS}/versions/{first_hash}/retire"),
            &json!({}),
            CUSTOMS_ADMIN,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(&format!("/api/v1/forms/{CUSTOMS}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.get("/api/v1/forms").await;
    assert!(
        list["forms"]
            .as_array()
            .is_some_and(|f| f.iter().all(|f| f["id"] != CUSTOMS))
    );
}

async fn submissions_are_listed_and_exported_a_page_at_a_time(app: &TestApp) {
    let uri = format!("/api/v1/forms/{CUSTOMS}/submissions");
    let mut references = Vec::new();
    for name in ["valid-company", "valid-person", "valid-company"] {
        let (status, created) = app
            .post(&uri, json!({"data": example(name)}).to_string(), "bg")
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        references.push(created["reference"].as_str().expect("ref").to_owned());
    }
    let list = format!("/api/v1/admin/forms/{CUSTOMS}/submissions");

    let (status, page) = app
        .get_with_token(&format!("{list}?limit=2"), Some(CUSTOMS_ADMIN))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let items = page["submissions"].as_array().expect("list");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["reference"], references[0].as_str());
    assert_eq!(items[1]["reference"], references[1].as_str());
    assert_eq!(items[0]["status"], "submitted");
    assert_eq!(items[0]["lang"], "bg");
    assert_eq!(items[1]["data"]["person"]["first_name"], "Иван");
    let next = page["next"].as_str().expect("a next page");
    let (_, page) = app
        .get_with_token(&format!("{list}?limit=2&after={next}"), Some(CUSTOMS_ADMIN))
        .await;
    let items = page["submissions"].as_array().expect("list");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["reference"], references[2].as_str());
    assert_eq!(page["next"], Value::Null);

    // By status.
    let (_, page) = app
        .get_with_token(&format!("{list}?status=registered"), Some(CUSTOMS_ADMIN))
        .await;
    assert_eq!(page["submissions"].as_array().map(Vec::len), Some(0));

    // CSV: a header, one line per submission, a Link to the next page.
    let request = Request::get(format!("{list}?format=csv&limit=2"))
        .header(header::AUTHORIZATION, format!("Bearer {CUSTOMS_ADMIN}"))
        .body(Body::empty())
        .expect("request");
    let (status, headers, csv) = app.send_text(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 4, "header, 2 rows, the empty end: {csv}");
    assert!(
        lines[0].starts_with("reference,status,submitted_at,form_version,form_hash,lang,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(",applicant_kind,"), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("{},submitted,", references[0])));
    assert!(lines[1].contains(",company,"), "{}", lines[1]);
    let link = headers[header::LINK].to_str().expect("link");
    assert!(
        link.starts_with(&format!("<{list}?format=csv&limit=2&after="))
            && link.ends_with("rel=\"next\""),
        "{link}"
    );

    // Bad paging, another administration, no token.
    for query in ["limit=0", "limit=1001", "after=-1", "after=x", "format=xml"] {
        let (status, body) = app
            .get_with_token(&format!("{list}?{query}"), Some(CUSTOMS_ADMIN))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["error"]["code"], "invalid_query");
    }
    let (status, _) = app.get_with_token(&list, Some(OTHER_ADMIN)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.get_with_token(&list, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn validation_judges_without_storing(app: &TestApp) {
    let uri = format!("/api/v1/forms/{FORM}/validate");
    let (status, verdict) = app
        .post(&uri, json!({"data": {"full_name": ""}}).to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::OK, "{verdict}");
    assert_eq!(verdict["valid"], false);
    let errors = verdict["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "/full_name" && e["code"] == "required"),
        "{verdict}"
    );
    assert!(errors.iter().all(|e| e["message"].is_string()));
    let (status, verdict) = app
        .post(
            &format!("/api/v1/forms/{CUSTOMS}/validate"),
            json!({"data": example("valid-person")}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(verdict["valid"], true, "{verdict}");
    assert_eq!(verdict["form"]["id"], CUSTOMS);
    assert!(app.rows().await.is_empty(), "validation stores nothing");
    let (status, _) = app
        .post(
            "/api/v1/forms/no-such-form/validate",
            json!({"data": {}}).to_string(),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_token_is_checked_before_the_body(app: &TestApp) {
    for uri in [
        "/api/v1/admin/forms".to_owned(),
        "/api/v1/admin/submissions/2026-000001-7/status".to_owned(),
    ] {
        let (status, body) = app.post(&uri, "{not json", "en").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "unauthorized");
    }
}

fn listed(list: &Value, id: &str) -> Value {
    list["forms"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == id))
        .cloned()
        .expect("listed")
}

async fn the_services_list_shows_a_fixed_fee_and_only_the_currency_of_a_computed_one(
    app: &TestApp,
) {
    let (_, list) = app.get("/api/v1/forms").await;
    assert!(
        listed(&list, CUSTOMS).get("fee").is_none(),
        "no fee, no field"
    );
    // e-Klient's stamp duty depends on the powers of attorney given.
    assert_eq!(
        listed(&list, "puesc-eklient-registration")["fee"],
        json!({"currency": "PLN"})
    );
    let mut definition = customs_version("2099-fee");
    definition["fee"] = json!({"currency": "EUR", "amount": "10.00"});
    let (status, published) = publish(app, &definition, CUSTOMS_ADMIN).await;
    assert_eq!(status, StatusCode::CREATED, "{published}");
    let (_, list) = app.get("/api/v1/forms").await;
    assert_eq!(
        listed(&list, CUSTOMS)["fee"],
        json!({"currency": "EUR", "amount": "10.00"})
    );
}
