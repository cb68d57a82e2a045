//! The first paint of a form: `GET /f/{form}` is the app's index.html with the form's first
//! step drawn in it, in the language the app will choose, compressed for browsers that accept it.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;

/// An index.html shaped as trunk writes it: the app's scripts in the head, an empty body.
const INDEX: &str = "<!DOCTYPE html>\n<html lang=\"bg\">\n<head><title>eForms</title>\
<script defer src=\"/prerender.js\"></script></head>\n<body>\n<noscript>JavaScript</noscript>\n</body>\n</html>\n";

async fn app_with_index() -> (TestApp, tempfile::TempDir) {
    let web = tempfile::tempdir().expect("tempdir");
    std::fs::write(web.path().join("index.html"), INDEX).expect("write");
    let web_dir = web.path().to_owned();
    let app = test_app_with(Backend::Sqlite, |config| config.web_dir = web_dir).await;
    (app, web)
}

async fn page(
    app: &TestApp,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    app.send_text(request.body(Body::empty()).expect("request"))
        .await
}

fn definition(form: &str) -> serde_json::Value {
    let path = repo_path(&format!("form-definitions/{form}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

/// `text` as the page writes it (escaped).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn a_forms_page_holds_its_first_step_in_the_asked_language() {
    let (app, _web) = app_with_index().await;
    let form = definition("customs-eservices-registration");
    let (status, headers, body) = page(
        &app,
        "/f/customs-eservices-registration?lang=en",
        &[(header::ACCEPT_LANGUAGE, "bg-BG,bg")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    // The security headers of every response, the app's CSP among them.
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    // The index as it was, the drawing at the end of its body, in English (`?lang=` wins).
    assert!(
        body.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{body}"
    );
    assert!(body.contains("<script defer src=\"/prerender.js\"></script>"));
    assert!(
        body.contains(
            "<noscript>JavaScript</noscript>\n<div id=\"prerender\" data-form=\"customs-eservices-registration\">"
        ),
        "{body}"
    );
    assert!(body.ends_with("</main></div></body>\n</html>\n"), "{body}");
    let title = form["title"]["en"].as_str().expect("title");
    let step = form["steps"][0]["title"]["en"].as_str().expect("step");
    assert!(
        body.contains(&format!(
            "<title>Step 1 of 4: {} – {}</title>",
            escaped(step),
            escaped(title)
        )),
        "{body}"
    );
    assert!(body.contains(&format!("<h1>{}</h1>", escaped(title))));
    // What prerender.js says if the app does not come, in the page's language.
    assert!(body.contains(
        "<div role=\"status\" id=\"prerender-slow\" data-message=\"The form is still loading. If it does not appear soon, reload the page.\"></div>"
    ), "{body}");
    assert!(body.contains(&format!(
        "<h2 id=\"step-heading\" tabindex=\"-1\"><span class=\"caption\">Step 1 of 4</span>{}</h2>",
        escaped(step)
    )));
    // Text from the definition is escaped (the intro has an apostrophe).
    let intro = form["steps"][0]["fields"][0]["content"]["en"]
        .as_str()
        .expect("intro");
    assert!(intro.contains('\''));
    assert!(body.contains(&format!("<p>{}</p>", escaped(intro))));
    // A question: radio buttons under their legend, each with its pointer for the hand-over.
    assert!(body.contains("<legend>The applicant is</legend>"), "{body}");
    assert!(body.contains(
        "<input type=\"radio\" id=\"field-applicant_kind\" value=\"person\" name=\"field-applicant_kind\" data-pointer=\"/applicant_kind\"><label for=\"field-applicant_kind\">a natural person</label>"
    ), "{body}");
    assert!(body.contains("id=\"field-applicant_kind-1\" value=\"company\""));
    // The groups shown only for one kind of applicant are not drawn until one is chosen.
    assert!(!body.contains("field-person-first_name"), "{body}");
    assert!(!body.contains("field-company-eik"), "{body}");
    // Questions always shown are, with their control's attributes.
    assert!(body.contains(
        "<input type=\"email\" autocomplete=\"email\" spellcheck=\"false\" id=\"field-contact-email\" name=\"/contact/email\" aria-describedby=\"field-contact-email-hint\" aria-invalid=\"false\" data-pointer=\"/contact/email\">"
    ), "{body}");
    // Nothing can be sent before the app: Continue and the language buttons wait for it.
    assert!(body.contains("<button type=\"submit\" class=\"primary\" disabled>Continue</button>"));
    assert!(body.contains(
        "<button type=\"button\" disabled lang=\"bg\" aria-pressed=\"false\">Български</button>"
    ));
    assert!(body.contains(
        "<button type=\"button\" disabled lang=\"en\" aria-pressed=\"true\">English</button>"
    ));
    app.cleanup().await;
}

#[tokio::test]
async fn the_language_is_the_browsers_else_bulgarian_and_always_one_the_form_offers() {
    let (app, _web) = app_with_index().await;
    let form = definition("puesc-eklient-registration");
    let title = |lang: &str| escaped(form["title"][lang].as_str().expect("title"));
    for (accept, lang) in [
        (Some("pl-PL,pl;q=0.9"), "pl"),
        (Some("en-GB,en;q=0.9"), "en"),
        // Bulgarian is the app's default; this form offers Polish and English, Polish first.
        (None, "pl"),
        (Some("bg-BG"), "pl"),
    ] {
        let headers: Vec<(header::HeaderName, &str)> = accept
            .map(|a| (header::ACCEPT_LANGUAGE, a))
            .into_iter()
            .collect();
        let (status, _, body) = page(&app, "/f/puesc-eklient-registration", &headers).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(&format!("<html lang=\"{lang}\">")),
            "{accept:?}"
        );
        assert!(
            body.contains(&format!("<h1>{}</h1>", title(lang))),
            "{accept:?}"
        );
    }
    app.cleanup().await;
}

#[tokio::test]
async fn an_unknown_form_gets_the_app_alone_with_404() {
    let (app, _web) = app_with_index().await;
    let (status, headers, body) = page(&app, "/f/no-such-form?lang=en", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    // The app then says, in the person's language, that there is no such form.
    assert_eq!(body, INDEX);
    app.cleanup().await;
}

#[tokio::test]
async fn a_forms_page_is_compressed_for_browsers_that_accept_it() {
    let (app, _web) = app_with_index().await;
    let path = "/f/regix-access-request?lang=bg";
    let (_, plain_headers, plain) = page(&app, path, &[]).await;
    assert!(!plain_headers.contains_key(header::CONTENT_ENCODING));
    for encoding in ["br", "gzip"] {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .expect("request");
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .expect("infallible");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("body")
            .to_bytes();
        assert!(
            bytes.len() * 2 < plain.len(),
            "{encoding}: {} of {}",
            bytes.len(),
            plain.len()
        );
    }
    app.cleanup().await;
}
