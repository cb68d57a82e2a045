//! Operations: liveness, readiness, metrics, request ids, rate limiting.

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::json;

on_both_backends!(
    liveness_and_readiness_answer,
    metrics_count_requests_by_route_and_submissions_by_status,
    every_response_carries_a_request_id,
);

async fn liveness_and_readiness_answer(app: &TestApp) {
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    let (status, body) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ready");
    // With the database gone, not ready (but still alive).
    match &app.store {
        forms_server::store::Store::Sqlite(pool, ..) => pool.close().await,
        forms_server::store::Store::Postgres(pool) => pool.close().await,
    }
    let (status, body) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["status"], "unavailable");
    let (status, _) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
}

async fn metrics_count_requests_by_route_and_submissions_by_status(app: &TestApp) {
    let body = json!({"data": {"full_name": "Мария Петрова", "address": "София", "information": "Бюджет"}});
    let (status, created) = app
        .post(
            &format!("/api/v1/forms/{FORM}/submissions"),
            body.to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (status, draft) = app
        .post(
            &format!("/api/v1/forms/{FORM}/drafts"),
            json!({"data": {}}).to_string(),
            "bg",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = draft["resume_token"].as_str().expect("token");
    let (status, _) = app.get(&format!("/api/v1/drafts/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    app.get("/api/v1/no-such-thing").await;

    let request = Request::get("/metrics")
        .body(Body::empty())
        .expect("request");
    let (status, headers, text) = app.send_text(request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/plain; version=0.0.4"))
    );
    assert!(
        text.contains(
            "forms_http_requests_total{route=\"/api/v1/forms/{id}/submissions\",method=\"POST\",status=\"201\"} 1\n"
        ),
        "{text}"
    );
    assert!(text.contains(
        "forms_http_requests_total{route=\"/api/v1/drafts/{token}\",method=\"GET\",status=\"200\"} 1\n"
    ));
    assert!(text.contains("route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
    assert!(text.contains(
        "forms_http_request_duration_seconds_count{route=\"/api/v1/forms/{id}/submissions\",method=\"POST\"} 1\n"
    ));
    assert!(
        text.contains(&format!(
            "forms_submissions{{form=\"{FORM}\",status=\"submitted\"}} 1\n"
        )),
        "{text}"
    );
    assert!(!text.contains(token), "no token in the metrics");
    // SQLite's group commit tells its batches; PostgreSQL has none of its own.
    match &app.store {
        forms_server::store::Store::Sqlite(..) => {
            assert!(
                text.contains("forms_sqlite_submission_commits_total 1\n"),
                "{text}"
            );
            assert!(text.contains("forms_sqlite_committed_submissions_total 1\n"));
        }
        forms_server::store::Store::Postgres(_) => assert!(!text.contains("forms_sqlite")),
    }
}

async fn every_response_carries_a_request_id(app: &TestApp) {
    let request = Request::get("/api/v1/forms")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = app.send_text(request).await;
    let made = headers["x-request-id"].to_str().expect("id").to_owned();
    assert_eq!(made.len(), 32);
    // The API's answers are never kept by a browser or a proxy.
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(made.bytes().all(|b| b.is_ascii_hexdigit()));

    let request = Request::get("/api/v1/forms")
        .header("x-request-id", "portal-7f3a.42")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = app.send_text(request).await;
    assert_eq!(headers["x-request-id"], "portal-7f3a.42");

    let request = Request::get("/api/v1/forms")
        .header("x-request-id", "forged line\" status=200")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = app.send_text(request).await;
    assert_ne!(headers["x-request-id"], "forged line\" status=200");
    assert_eq!(headers["x-request-id"].len(), 32);
}

fn validate_from(ip: [u8; 4]) -> Request<Body> {
    let mut request = Request::post(format!("/api/v1/forms/{FORM}/validate"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"data": {}}).to_string()))
        .expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    request
}

/// Three requests a minute: the fourth from the same address is refused, in the error shape
/// and with `Retry-After`; another address, and the routes that only read, go on.
#[tokio::test]
async fn a_client_over_its_allowance_gets_429_and_others_do_not() {
    let app = test_app_with(Backend::Sqlite, |config| {
        config.rate_limit = std::num::NonZeroU32::new(3).expect("non-zero");
    })
    .await;
    for _ in 0..3 {
        let (status, _) = app.send(validate_from([192, 0, 2, 1])).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, headers, body) = app.send_text(validate_from([192, 0, 2, 1])).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let body: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(body["error"]["code"], "rate_limited");
    let wait: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=20).contains(&wait), "{wait}");
    let (status, _) = app.send(validate_from([192, 0, 2, 2])).await;
    assert_eq!(status, StatusCode::OK, "another client");
    let mut read = Request::get("/api/v1/forms")
        .body(Body::empty())
        .expect("request");
    read.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 1], 40000))));
    let (status, _) = app.send(read).await;
    assert_eq!(status, StatusCode::OK, "reading is not limited");
    app.cleanup().await;
}

/// A payment provider's address may notify 20 times an applicant's allowance, then it waits too
/// (every notification, forged or not, is kept: a flood must not fill the ledger).
#[tokio::test]
async fn payment_notifications_have_a_larger_allowance() {
    let app = test_app_with(Backend::Sqlite, |config| {
        config.rate_limit = std::num::NonZeroU32::new(1).expect("non-zero");
    })
    .await;
    let notify = || {
        let mut request = Request::post("/api/v1/payments/egov/notify")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("clientId=x&hmac=y&data=z"))
            .expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 9], 443))));
        request
    };
    for _ in 0..forms_server::http::observe::PROVIDER_FACTOR {
        let (status, _) = app.send(notify()).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "refused, but not limited yet"
        );
    }
    let (status, body) = app.send(notify()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "rate_limited");
    app.cleanup().await;
}

/// Behind a proxy that writes `X-Forwarded-For`, its last entry is the client.
#[tokio::test]
async fn behind_a_proxy_the_configured_header_names_the_client() {
    let app = test_app_with(Backend::Sqlite, |config| {
        config.rate_limit = std::num::NonZeroU32::new(1).expect("non-zero");
        config.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
    })
    .await;
    let from = |chain: &str| {
        Request::post(format!("/api/v1/forms/{FORM}/validate"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", chain)
            .body(Body::from(json!({"data": {}}).to_string()))
            .expect("request")
    };
    let (status, _) = app.send(from("203.0.113.9, 198.51.100.1")).await;
    assert_eq!(status, StatusCode::OK);
    // The client chose another first entry: the proxy's entry still names it.
    let (status, _) = app.send(from("203.0.113.10, 198.51.100.1")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = app.send(from("198.51.100.2")).await;
    assert_eq!(status, StatusCode::OK);
    // Without the header (not through the proxy), the peer's own address is limited.
    let direct = || {
        let mut request = Request::post(format!("/api/v1/forms/{FORM}/validate"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"data": {}}).to_string()))
            .expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 7], 40000))));
        request
    };
    let (status, _) = app.send(direct()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.send(direct()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    app.cleanup().await;
}

/// The app's files go out precompressed to a browser that accepts brotli or gzip (`make web`
/// writes the `.br` and `.gz` files), as they are to one that accepts neither, and the app's
/// routes get index.html the same way (a form's page is drawn per request: tests/page.rs).
#[tokio::test]
async fn the_app_is_sent_precompressed_to_browsers_that_accept_it() {
    let web = tempfile::tempdir().expect("tempdir");
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(web.path().join(name), bytes).expect("write");
    write("app.wasm", b"the raw wasm");
    write("app.wasm.br", b"the brotli wasm");
    write("app.wasm.gz", b"the gzip wasm");
    write("index.html", b"<!doctype html><title>raw</title>");
    write("index.html.br", b"brotli index");
    let web_dir = web.path().to_owned();
    let app = test_app_with(Backend::Sqlite, |config| config.web_dir = web_dir).await;
    let fetch = |path: &str, accept: Option<&str>| {
        let mut request = Request::get(path);
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_ENCODING, accept);
        }
        app.send_text(request.body(Body::empty()).expect("request"))
    };
    let encoding = |headers: &axum::http::HeaderMap| {
        headers
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().expect("ascii").to_owned())
    };
    for (path, accept, body, encoded) in [
        (
            "/app.wasm",
            Some("gzip, deflate, br"),
            "the brotli wasm",
            Some("br"),
        ),
        ("/app.wasm", Some("gzip"), "the gzip wasm", Some("gzip")),
        ("/app.wasm", None, "the raw wasm", None),
        ("/s/2026-000001", Some("br"), "brotli index", Some("br")),
        (
            "/s/2026-000001",
            None,
            "<!doctype html><title>raw</title>",
            None,
        ),
    ] {
        let (status, headers, text) = fetch(path, accept).await;
        assert_eq!(status, StatusCode::OK, "{path} {accept:?}");
        assert_eq!(text, body, "{path} {accept:?}");
        assert_eq!(encoding(&headers).as_deref(), encoded, "{path} {accept:?}");
        let expected_type = if path.ends_with(".wasm") {
            "application/wasm"
        } else {
            "text/html"
        };
        assert_eq!(
            headers[header::CONTENT_TYPE],
            expected_type,
            "{path} {accept:?}"
        );
    }
    app.cleanup().await;
}
