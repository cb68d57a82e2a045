//! Security headers on every response: a Content-Security-Policy that lets only this origin's
//! code run (plus the browser app's one inline start-up script, by its hash) and only the
//! configured portals frame the pages, `nosniff`, and no referrer (addresses such as
//! `/s/{reference}` must not travel to other sites).

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The policy for the app in `index_html` (its inline scripts are allowed by hash), framed only
/// by `frame_ancestors` (CSP source expressions, e.g. `https://portal.egov.bg`).
pub fn content_security_policy(
    index_html: Option<&str>,
    frame_ancestors: &[String],
    payment_portals: &[String],
) -> String {
    let form_targets: String = payment_portals.iter().map(|o| format!(" {o}")).collect();
    let hashes: String = index_html
        .map(inline_scripts)
        .unwrap_or_default()
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let ancestors = if frame_ancestors.is_empty() {
        "'self'".to_owned()
    } else {
        format!("'self' {}", frame_ancestors.join(" "))
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'{form_targets}; frame-ancestors {ancestors}"
    )
}

/// The bodies of the `<script>` elements without a `src` in `html`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close + "</script>".len()..];
    }
    scripts
}

/// Adds the headers to every response.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The API's answers carry personal data or tokens (a status page, a draft's answers, an
    // export): no browser or proxy keeps them.
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if api && !headers.contains_key(axum::http::header::CACHE_CONTROL) {
        headers.insert(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        );
    }
    if let Ok(policy) = HeaderValue::from_str(&state.content_security_policy) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_their_hash_and_no_other() {
        let html = "<head><script type=\"module\">alert(1)</script>\
                    <script src=\"/app.js\"></script></head>";
        assert_eq!(inline_scripts(html), ["alert(1)"]);
        let policy = content_security_policy(Some(html), &[], &[]);
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        let framed = content_security_policy(
            None,
            &["https://portal.egov.bg".to_owned()],
            &["https://pay.egov.bg".to_owned()],
        );
        assert!(
            framed.ends_with("frame-ancestors 'self' https://portal.egov.bg"),
            "{framed}"
        );
        assert!(
            framed.contains("form-action 'self' https://pay.egov.bg;"),
            "the payment portal may be posted to: {framed}"
        );
    }
}
