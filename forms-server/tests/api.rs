//! The HTTP API, route by route, through the same `app()` the binary serves. Every case runs
//! twice: on a SQLite file of its own, and on PostgreSQL in a schema of its own
//! (`FORMS_TEST_POSTGRES_URL`, default the local server's `test` database). PostgreSQL being
//! unreachable fails these tests; it never skips them.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use forms_core::reference::Reference;
use forms_server::store::Store;
use serde_json::{Value, json};
use tower::ServiceExt;

on_both_backends!(
    the_status_is_shown_only_with_the_access_token,
    a_repeated_idempotency_key_gets_the_same_answer_and_stores_once,
    a_fee_due_puts_the_submission_in_awaiting_payment,
    concurrent_repeats_of_one_key_store_one_submission,
    an_administration_moves_its_own_submissions_along_the_lifecycle,
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
    every_response_has_the_security_headers,
    a_draft_is_saved_resumed_and_updated_by_its_resume_token,
    an_expired_draft_is_gone_and_the_job_deletes_it,
    a_submission_deletes_the_draft_it_came_from_in_its_commit,
    a_shared_setting_is_made_once_for_every_replica,
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
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        tasks.push(tokio::spawn(
            async move { store_plain_submission(&store).await },
        ));
    }
    let mut references = std::collections::BTreeSet::new();
    for task in tasks {
        references.insert(task.await.expect("task").to_string());
    }
    assert_eq!(references.len(), 40);
    let app = TestApp {
        router: Router::new(),
        state: None,
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

/// On SQLite, submissions arriving together share one commit (one fsync), and one that fails
/// within a batch (a repeated `Idempotency-Key`) costs the others nothing.
#[tokio::test]
async fn sqlite_stores_submissions_arriving_together_in_shared_commits() {
    let app = test_app(Backend::Sqlite).await;
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let store = app.store.clone();
            tokio::spawn(async move { store_plain_submission(&store).await })
        })
        .collect();
    let mut references = std::collections::BTreeSet::new();
    for task in tasks {
        references.insert(task.await.expect("task").to_string());
    }
    assert_eq!(references.len(), 40);
    assert_eq!(app.rows().await.len(), 40);
    let (commits, stored) = app
        .store
        .submission_commits()
        .expect("SQLite counts its commits");
    assert_eq!(stored, 40);
    assert!(commits < 40, "{commits} commits for 40 submissions");

    // Ten keys, and the fourth again: one refusal, ten stored.
    let keys = (0..10)
        .map(|i| format!("key-{i}"))
        .chain(["key-3".to_owned()]);
    let tasks: Vec<_> = keys
        .map(|key| {
            let store = app.store.clone();
            tokio::spawn(async move { store_submission(&store, Some(&key)).await })
        })
        .collect();
    let mut refused = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(_) => {}
            Err(e) if forms_server::store::is_unique_violation(&e) => refused += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(refused, 1);
    assert_eq!(app.rows().await.len(), 50);
}

fn valid_request() -> Value {
    json!({"data": {
        "full_name": "Иван Петров Иванов",
        "address": "София, ул. Шипка 1",
        "information": "Бюджетът на общината за 2026 г."
    }})
}

async fn the_status_is_shown_only_with_the_access_token(app: &TestApp) {
    let (status, created) = app
        .post(&submissions_uri(), valid_request().to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["next"], json!({"type": "done"}));
    let reference = created["reference"].as_str().expect("reference");
    let token = created["access_token"].as_str().expect("token");
    assert_eq!(token.len(), 64);
    let uri = format!("/api/v1/submissions/{reference}");

    let (status, body) = app.get_with_token(&uri, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reference"], reference);
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["form"]["id"], FORM);
    assert!(
        body["form"]["hash"]
            .as_str()
            .is_some_and(|h| h.starts_with("sha256:"))
    );
    assert_eq!(body["fee"], Value::Null);
    let timeline = body["timeline"].as_array().expect("timeline");
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["status"], "submitted");
    assert_eq!(timeline[0]["actor"], "applicant");
    let at = timeline[0]["at"].as_str().expect("time");
    assert_eq!(body["submitted_at"], at);
    assert_eq!(
        body["deadlines"],
        json!([]),
        "no deadline runs from `submitted` in this form"
    );
    // RFC 3339 in UTC with microseconds, the same from both backends.
    assert!(
        at.len() == 27 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );

    // A typed reference with spaces is the same reference.
    let spaced = format!("/api/v1/submissions/{}", reference.replace('-', "%20"));
    assert_eq!(
        app.get_with_token(&spaced, Some(token)).await.0,
        StatusCode::OK
    );

    // Wrong token, no token, a reference that does not exist: one and the same 404.
    let (wrong, wrong_body) = app.get_with_token(&uri, Some(&"0".repeat(64))).await;
    let (missing, missing_body) = app.get_with_token(&uri, None).await;
    let other = Reference::new(2026, 999_999).to_string();
    let (unknown, unknown_body) = app
        .get_with_token(&format!("/api/v1/submissions/{other}"), Some(token))
        .await;
    for (status, body) in [
        (wrong, &wrong_body),
        (missing, &missing_body),
        (unknown, &unknown_body),
    ] {
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        assert_eq!(body["error"]["code"], "submission_not_found");
    }
    assert_eq!(wrong_body, unknown_body);

    // A mistyped reference is refused by its check digits, before any lookup.
    let mut typo = reference.to_owned().into_bytes();
    typo[6] = if typo[6] == b'9' { b'8' } else { typo[6] + 1 };
    let typo = String::from_utf8(typo).expect("ASCII");
    let (status, body) = app
        .get_with_token(&format!("/api/v1/submissions/{typo}"), Some(token))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{typo}: {body}");
    assert_eq!(body["error"]["code"], "invalid_reference");
}

async fn a_repeated_idempotency_key_gets_the_same_answer_and_stores_once(app: &TestApp) {
    let uri = submissions_uri();
    let (first_status, first) = app.post_with_key(&uri, &valid_request(), "key-1").await;
    assert_eq!(first_status, StatusCode::CREATED, "{first}");
    // The same data in another key order is the same request.
    let reordered: Value = serde_json::from_str(&format!(
        r#"{{"data": {{"information": {}, "address": {}, "full_name": {}}}}}"#,
        valid_request()["data"]["information"],
        valid_request()["data"]["address"],
        valid_request()["data"]["full_name"]
    ))
    .expect("json");
    let (again_status, again) = app.post_with_key(&uri, &reordered, "key-1").await;
    assert_eq!(again_status, StatusCode::CREATED, "{again}");
    assert_eq!(again, first, "the same answer, token included");
    assert_eq!(app.rows().await.len(), 1);

    let mut other = valid_request();
    other["data"]["information"] = json!("Something else entirely.");
    let (conflict, body) = app.post_with_key(&uri, &other, "key-1").await;
    assert_eq!(conflict, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "idempotency_conflict");
    assert_eq!(app.rows().await.len(), 1, "a conflict writes nothing");

    let (status, second) = app.post_with_key(&uri, &valid_request(), "key-2").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(second["reference"], first["reference"]);
    assert_eq!(app.rows().await.len(), 2);

    let (status, body) = app.post_with_key(&uri, &valid_request(), "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "invalid_idempotency_key");
    let long = "k".repeat(256);
    assert_eq!(
        app.post_with_key(&uri, &valid_request(), &long).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(app.rows().await.len(), 2);
}

async fn a_fee_due_puts_the_submission_in_awaiting_payment(app: &TestApp) {
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path(
            "form-definitions/examples/puesc-eklient-registration/valid-pesel-new-entity-one-power.json",
        ))
        .expect("example"),
    )
    .expect("json");
    let (status, created) = app
        .post(
            "/api/v1/forms/puesc-eklient-registration/submissions",
            json!({ "data": data }).to_string(),
            "pl",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "awaiting_payment");
    let fee = json!({"amount": "17.00", "currency": "PLN"});
    assert_eq!(created["next"], json!({"type": "payment", "fee": fee}));
    let uri = format!(
        "/api/v1/submissions/{}",
        created["reference"].as_str().expect("ref")
    );
    let (status, body) = app
        .get_with_token(&uri, created["access_token"].as_str())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "awaiting_payment");
    assert_eq!(body["fee"], fee);
    let statuses: Vec<&str> = body["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert_eq!(statuses, ["submitted", "awaiting_payment"]);
}

async fn concurrent_repeats_of_one_key_store_one_submission(app: &TestApp) {
    let uri = submissions_uri();
    let body = valid_request();
    let requests = (0..6).map(|_| app.post_with_key(&uri, &body, "same-key"));
    let answers = futures_join_all(requests).await;
    for (status, answer) in &answers {
        assert_eq!(*status, StatusCode::CREATED, "{answer}");
        assert_eq!(answer, &answers[0].1);
    }
    assert_eq!(app.rows().await.len(), 1);
}

/// Runs the futures at once on this task and waits for all (no extra dependency).
async fn futures_join_all<F: Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut pinned: Vec<_> = futures.map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, result) in pinned.iter_mut().zip(results.iter_mut()) {
            if result.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *result = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    results.into_iter().map(|r| r.expect("ready")).collect()
}

async fn an_administration_moves_its_own_submissions_along_the_lifecycle(app: &TestApp) {
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path(
            "form-definitions/examples/customs-eservices-registration/valid-company.json",
        ))
        .expect("example"),
    )
    .expect("json");
    let (status, created) = app
        .post(
            "/api/v1/forms/customs-eservices-registration/submissions",
            json!({ "data": data }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let reference = created["reference"].as_str().expect("reference");
    let uri = format!("/api/v1/admin/submissions/{reference}/status");
    let move_to = |status: &str, note: Option<&str>| json!({"status": status, "note": note});

    // Tokens: none, the applicant's, another administration's.
    let (status, body) = app
        .post(&uri, move_to("registered", None).to_string(), "en")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized");
    let applicant = created["access_token"].as_str().expect("token");
    let (status, _) = app
        .post_with_token(&uri, &move_to("registered", None), applicant)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app
        .post_with_token(&uri, &move_to("registered", None), OTHER_ADMIN)
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another administration's: {body}"
    );
    assert_eq!(body["error"]["code"], "submission_not_found");

    // Moves outside the lifecycle.
    for status in ["completed", "in_progress", "no_such_status"] {
        let (code, body) = app
            .post_with_token(&uri, &move_to(status, None), CUSTOMS_ADMIN)
            .await;
        assert_eq!(code, StatusCode::CONFLICT, "{status}: {body}");
        assert_eq!(body["error"]["code"], "transition_not_allowed");
    }

    // Along the lifecycle, each move in the timeline with who and why.
    let (code, body) = app
        .post_with_token(
            &uri,
            &move_to("registered", Some("  Вх. № 9400-1234  ")),
            CUSTOMS_ADMIN,
        )
        .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "registered");
    for status in ["in_progress", "completed"] {
        let (code, body) = app
            .post_with_token(&uri, &move_to(status, None), CUSTOMS_ADMIN)
            .await;
        assert_eq!(code, StatusCode::OK, "{status}: {body}");
    }
    let (code, body) = app
        .post_with_token(&uri, &move_to("rejected", None), CUSTOMS_ADMIN)
        .await;
    assert_eq!(code, StatusCode::CONFLICT, "completed is final: {body}");

    let (_, view) = app
        .get_with_token(&format!("/api/v1/submissions/{reference}"), Some(applicant))
        .await;
    assert_eq!(view["status"], "completed");
    let timeline = view["timeline"].as_array().expect("timeline");
    let steps: Vec<(&str, &str)> = timeline
        .iter()
        .map(|e| {
            (
                e["status"].as_str().unwrap_or(""),
                e["actor"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("submitted", "applicant"),
            ("registered", "administration:000627597"),
            ("in_progress", "administration:000627597"),
            ("completed", "administration:000627597"),
        ]
    );
    assert_eq!(timeline[1]["note"], "Вх. № 9400-1234");
    assert!(timeline[2].get("note").is_none());
}

async fn every_response_has_the_security_headers(app: &TestApp) {
    for uri in [
        "/api/v1/forms",
        "/api/v1/nothing",
        "/healthz",
        "/f/anything",
    ] {
        let response = app
            .router
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
            .await
            .expect("infallible");
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{uri}");
        let policy = header("content-security-policy");
        assert!(policy.contains("default-src 'self'"), "{uri}: {policy}");
        assert!(
            policy.ends_with("frame-ancestors 'self' https://portal.egov.bg"),
            "{uri}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{uri}: {policy}");
    }
}

async fn a_draft_is_saved_resumed_and_updated_by_its_resume_token(app: &TestApp) {
    // Incomplete and even wrong answers may be saved: a draft is not checked.
    let partial = json!({"data": {"full_name": "Иван", "organisation_eik": "12"}});
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{FORM}/drafts"),
            partial.to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let token = created["resume_token"].as_str().expect("resume token");
    assert_eq!(token.len(), 64);
    let hash = created["form"]["hash"].as_str().expect("hash").to_owned();
    assert!(hash.starts_with("sha256:"));
    let uri = format!("/api/v1/drafts/{token}");

    let (status, draft) = app.get(&uri).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    assert_eq!(draft["data"], partial["data"]);
    assert_eq!(draft["form"]["id"], FORM);
    assert_eq!(
        draft["current"], true,
        "made against the version still published"
    );
    assert_eq!(draft["expires_at"], created["expires_at"]);

    let more = json!({"data": {"full_name": "Иван Петров", "address": "София"}});
    let (status, updated) = app.put(&uri, &more).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["data"], more["data"]);
    assert!(updated["updated_at"].as_str() >= draft["updated_at"].as_str());

    let (status, body) = app.get(&format!("/api/v1/drafts/{}", "0".repeat(64))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "draft_not_found");
    let (status, _) = app
        .put(&format!("/api/v1/drafts/{}", "0".repeat(64)), &more)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = app.put(&uri, &json!({"data": [1, 2]})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // PostgreSQL cannot store U+0000: refused alike on both backends, nothing written.
    let (status, body) = app
        .put(&uri, &json!({"data": {"full_name": "a\u{0}b"}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(app.get(&uri).await.1["data"], more["data"]);
    let (status, _) = app
        .post(
            &submissions_uri(),
            json!({"data": {"full_name": "a\u{0}", "address": "a", "information": "i"}})
                .to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app
        .post(
            "/api/v1/forms/no-such-form/drafts",
            partial.to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A draft is not a submission.
    assert_eq!(app.rows().await.len(), 0);
}

async fn an_expired_draft_is_gone_and_the_job_deletes_it(app: &TestApp) {
    let hash = forms_server::token::token_hash("expired-token");
    app.store
        .insert_draft(
            &hash,
            (FORM, "1", "sha256:x"),
            &json!({"full_name": "A"}),
            0,
        )
        .await
        .expect("saved");
    let kept = forms_server::token::token_hash("kept-token");
    app.store
        .insert_draft(&kept, (FORM, "1", "sha256:x"), &json!({}), 30)
        .await
        .expect("saved");
    let (status, _) = app.get("/api/v1/drafts/expired-token").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an expired draft cannot be resumed"
    );
    let (status, draft) = app.get("/api/v1/drafts/kept-token").await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    assert_eq!(draft["current"], false, "made against another version");
    assert_eq!(app.store.delete_expired_drafts().await.expect("deleted"), 1);
    assert_eq!(app.store.delete_expired_drafts().await.expect("deleted"), 0);
    assert_eq!(app.get("/api/v1/drafts/kept-token").await.0, StatusCode::OK);
}

async fn a_submission_deletes_the_draft_it_came_from_in_its_commit(app: &TestApp) {
    let answers = json!({
        "full_name": "Иван Петров",
        "address": "София, ул. Шипка 1",
        "information": "Бюджетът на общината за 2026 г."
    });
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{FORM}/drafts"),
            json!({ "data": answers }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let token = created["resume_token"].as_str().expect("resume token");
    let uri = format!("/api/v1/drafts/{token}");
    // A draft of another form under a token of its own is not this submission's to delete.
    let other = forms_server::token::token_hash("another-forms-token");
    app.store
        .insert_draft(&other, ("another-form", "1", "sha256:x"), &json!({}), 30)
        .await
        .expect("saved");

    // Refused answers store nothing and keep the draft.
    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": {"full_name": ""}, "draft": token }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(app.get(&uri).await.0, StatusCode::OK);

    // A token that names no draft (or another form's) does not stop the submission.
    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": answers, "draft": "another-forms-token" }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        app.get("/api/v1/drafts/another-forms-token").await.0,
        StatusCode::OK
    );
    assert_eq!(app.get(&uri).await.0, StatusCode::OK);

    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": answers, "draft": token }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = app.get(&uri).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "sent answers stay behind no link"
    );
    assert_eq!(body["error"]["code"], "draft_not_found");
    assert_eq!(app.rows().await.len(), 2);

    let (status, body) = app
        .post(
            &submissions_uri(),
            json!({ "data": answers, "draft": 7 }).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(app.rows().await.len(), 2);
}

async fn a_shared_setting_is_made_once_for_every_replica(app: &TestApp) {
    let first = app
        .store
        .shared_setting("token_secret", "first")
        .await
        .expect("stored");
    let second = app
        .store
        .shared_setting("token_secret", "second")
        .await
        .expect("read");
    assert_eq!((first.as_str(), second.as_str()), ("first", "first"));
}
